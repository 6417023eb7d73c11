"""Shared proving core: the Goldilocks field and its quadratic extension, NTT and coset LDE,
BLAKE3 and Merkle commitments, and the Fiat-Shamir transcript.

The STARK (``stark``) and Groth16 (``snark``) packages stand on this core; nothing here imports them
except the command-line functions in ``prover.cli``.
"""

__version__ = "0.1.0"
