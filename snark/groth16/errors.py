"""Groth16 verification failures: one :class:`prover.errors.VerificationError` subclass per check."""

from __future__ import annotations

from prover.errors import VerificationError


class PublicInputCountError(VerificationError):
    """The number of public inputs differs from the verification key's."""


class PublicInputRangeError(VerificationError):
    """A public input is negative or not below the scalar-field modulus r."""


class ProofPointError(VerificationError):
    """A proof point is malformed, off the curve, or (for B) outside the prime-order subgroup."""


class VerifyingKeyError(VerificationError):
    """The verification key is unusable: invalid points, or gamma = delta (which lets anyone forge)."""


class PairingCheckError(VerificationError):
    """The pairing equation e(A, B) = e(alpha, beta) e(vk_x, gamma) e(C, delta) does not hold."""
