"""Proof options of the STARK and their conjectured security (ethSTARK, eprint 2021/582, section 5).

A :class:`ProofOptions` value fixes the Reed-Solomon ``blowup_factor`` (rate 1/blowup of the low-degree
extension), the number of FRI queries ``num_queries``, the proof-of-work ``grinding_bits``, the FRI
``folding_factor`` and the largest degree of the remainder polynomial sent in the clear. Every bound is
a named constant with its own error message (as Winterfell's ``ProofOptions``).

Conjectured security (ethSTARK's "conjecture 1" regime, the one Winterfell and Plonky3 report):

    bits = min(log2(blowup_factor) * num_queries + grinding_bits, EXTENSION_FIELD_BITS, HASH_BITS)

Each FRI query of a word that is far from the code passes with probability about rate = 1/blowup, and
grinding multiplies an attacker's work per attempt by 2^grinding_bits. Challenges live in the quadratic
extension of Goldilocks, |F_p^2| = p^2 ~ 2^128, and commitments are 256-bit BLAKE3 (128-bit collision
resistance), so neither cap can be exceeded. The proven (list-decoding) bound of the FRI papers is lower
and is not computed here.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass

from prover.errors import ProofFormatError

MIN_BLOWUP_FACTOR = 2
MAX_BLOWUP_FACTOR = 64
MIN_NUM_QUERIES = 1
MAX_NUM_QUERIES = 255
MAX_GRINDING_BITS = 32
FOLDING_FACTORS = (2, 4, 8)
MAX_REMAINDER_MAX_DEGREE = 255
EXTENSION_FIELD_BITS = 128
"""log2 |F_p^2| rounded: p^2 = 2^128 - 2^97 + ..., the size of the challenge space."""
HASH_BITS = 128
"""Collision resistance of a 256-bit BLAKE3 digest."""

ENCODED_SIZE = 6
"""Bytes of :meth:`ProofOptions.to_bytes`."""


@dataclass(frozen=True)
class ProofOptions:
    """Validated STARK proof options.

    Args:
        blowup_factor: LDE domain size over trace length; a power of two in 2..64.
        num_queries: FRI query repetitions, 1..255.
        grinding_bits: proof-of-work bits required before the queries are drawn, 0..32.
        folding_factor: FRI folding factor, 2, 4 or 8.
        remainder_max_degree: FRI stops folding once the degree bound is at most this + 1; one less
            than a power of two, at most 255.

    Raises:
        ValueError: a bound is violated (the message names it).

    Example:
        >>> ProofOptions.for_security(96).conjectured_security_bits()
        97
    """

    blowup_factor: int = 8
    num_queries: int = 27
    grinding_bits: int = 16
    folding_factor: int = 8
    remainder_max_degree: int = 31

    def __post_init__(self) -> None:
        b = self.blowup_factor
        if not isinstance(b, int) or not MIN_BLOWUP_FACTOR <= b <= MAX_BLOWUP_FACTOR or b & (b - 1):
            raise ValueError(f"blowup_factor must be a power of two in {MIN_BLOWUP_FACTOR}.."
                             f"{MAX_BLOWUP_FACTOR}, got {b!r}")
        q = self.num_queries
        if not isinstance(q, int) or not MIN_NUM_QUERIES <= q <= MAX_NUM_QUERIES:
            raise ValueError(f"num_queries must be in {MIN_NUM_QUERIES}..{MAX_NUM_QUERIES}, got {q!r}")
        g = self.grinding_bits
        if not isinstance(g, int) or not 0 <= g <= MAX_GRINDING_BITS:
            raise ValueError(f"grinding_bits must be in 0..{MAX_GRINDING_BITS}, got {g!r}")
        if self.folding_factor not in FOLDING_FACTORS:
            raise ValueError(f"folding_factor must be one of {FOLDING_FACTORS}, got {self.folding_factor!r}")
        r = self.remainder_max_degree
        if not isinstance(r, int) or not 0 <= r <= MAX_REMAINDER_MAX_DEGREE or (r + 1) & r:
            raise ValueError(f"remainder_max_degree must be 2^k - 1 in 0..{MAX_REMAINDER_MAX_DEGREE}, "
                             f"got {r!r}")

    # ----------------------------------------------------------------------------------------------
    @classmethod
    def fast_insecure_for_tests(cls) -> ProofOptions:
        """Tiny options for unit tests: blowup 4, 8 queries, no grinding (16 conjectured bits; INSECURE)."""
        return cls(blowup_factor=4, num_queries=8, grinding_bits=0, folding_factor=4, remainder_max_degree=7)

    @classmethod
    def for_security(cls, bits: int = 96, blowup_factor: int = 8) -> ProofOptions:
        """The cheapest query count reaching ``bits`` conjectured bits with 16 grinding bits.

        96 bits: blowup 8, 27 queries, 16 grinding bits -> 3 * 27 + 16 = 97.
        128 bits: blowup 8, 38 queries, 16 grinding bits -> 130, capped at 128.

        Args:
            bits: target conjectured security, at most 128.
            blowup_factor: the Reed-Solomon blowup (8 by default).

        Raises:
            ValueError: the target exceeds the field/hash cap or needs more than 255 queries.
        """
        if not 1 <= bits <= min(EXTENSION_FIELD_BITS, HASH_BITS):
            cap = min(EXTENSION_FIELD_BITS, HASH_BITS)
            raise ValueError(f"security target must be in 1..{cap}, got {bits}")
        grinding = 16
        per_query = int(math.log2(blowup_factor))
        queries = max(1, -(-(bits - grinding) // per_query))
        return cls(blowup_factor=blowup_factor, num_queries=queries, grinding_bits=grinding,
                   folding_factor=8, remainder_max_degree=31)

    # ----------------------------------------------------------------------------------------------
    def conjectured_security_bits(self) -> int:
        """min(log2(blowup) * queries + grinding, 128 (extension field), 128 (hash)), an integer."""
        query_bits = int(math.log2(self.blowup_factor)) * self.num_queries + self.grinding_bits
        return min(query_bits, EXTENSION_FIELD_BITS, HASH_BITS)

    def to_bytes(self) -> bytes:
        """Fixed 6-byte encoding, absorbed into the transcript and stored in the proof."""
        return struct.pack("<BBBBH", self.blowup_factor, self.num_queries, self.grinding_bits,
                           self.folding_factor, self.remainder_max_degree)

    @classmethod
    def from_bytes(cls, data: bytes) -> ProofOptions:
        """Inverse of :meth:`to_bytes`.

        Raises:
            ProofFormatError: wrong length or out-of-bounds values.
        """
        if len(data) != ENCODED_SIZE:
            raise ProofFormatError(f"options need {ENCODED_SIZE} bytes, got {len(data)}")
        try:
            return cls(*struct.unpack("<BBBBH", data))
        except ValueError as exc:
            raise ProofFormatError(f"invalid proof options: {exc}") from exc

    def describe(self) -> str:
        """One line for logs and the CLI."""
        return (f"blowup {self.blowup_factor}, {self.num_queries} queries, "
                f"{self.grinding_bits} grinding bits, "
                f"folding {self.folding_factor}, remainder degree <= {self.remainder_max_degree}: "
                f"{self.conjectured_security_bits()} conjectured bits")
