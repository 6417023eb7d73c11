"""A minimal but real STARK over Goldilocks: AIR, DEEP-ALI composition, FRI, BLAKE3 commitments.

References: Ben-Sasson et al., "Scalable, transparent, and post-quantum secure computational integrity"
(eprint 2018/046); DEEP-ALI (eprint 2019/336); the ethSTARK documentation (eprint 2021/582).

Public API::

    from stark import Air, Assertion, PeriodicAssertion, ProofOptions, StarkProof, check_trace, prove, verify

Write an AIR (see :mod:`stark.air` for the tutorial), build a trace, ``prove(air, trace, options)``, and
``verify(AirClass, public_inputs, proof_or_bytes)``. Errors live in :mod:`stark.errors`.
"""

from stark import errors
from stark.air import Air, Assertion, PeriodicAssertion, check_trace
from stark.errors import ProofFormatError, TraceCheckError, VerificationError
from stark.options import ProofOptions
from stark.proof import StarkProof
from stark.prover import prove
from stark.verifier import verify

__all__ = [
    "Air", "Assertion", "PeriodicAssertion", "ProofFormatError", "ProofOptions", "StarkProof",
    "TraceCheckError", "VerificationError", "check_trace", "errors", "prove", "verify",
]
