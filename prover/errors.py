"""Exception hierarchy shared by every proof system in the engine.

Verification returns normally or raises exactly one specific :class:`VerificationError` subclass per
failed check; malformed bytes raise :class:`ProofFormatError`. Hostile input must never surface as an
``IndexError`` or a bare ``ValueError`` from deep inside a kernel.
"""

from __future__ import annotations


class ProverError(Exception):
    """Base class of every error this library raises on purpose."""


class FieldError(ProverError, ValueError):
    """An array is not a valid field-element array (wrong dtype, shape, or a value >= the modulus)."""


class ProofFormatError(ProverError, ValueError):
    """Serialized bytes are malformed: truncated, wrong version, bad lengths or non-canonical values."""


class VerificationError(ProverError):
    """A proof failed a verifier check. Subclasses name the check."""


class MerkleVerificationError(VerificationError):
    """A Merkle batch opening does not authenticate the claimed leaves against the root."""


class GrindingError(VerificationError):
    """A proof-of-work nonce does not give the required number of leading zero bits."""
