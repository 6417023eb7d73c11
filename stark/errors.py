"""Errors of the STARK: one :class:`VerificationError` subclass per verifier check.

Every class inherits from the shared :class:`prover.errors.VerificationError` (and the Merkle ones also
from :class:`prover.errors.MerkleVerificationError`), so callers can catch broadly or by check. The check
names follow the protocol of ethSTARK (eprint 2021/582, section 3): trace commitment, composition
commitment, out-of-domain consistency (DEEP-ALI, eprint 2019/336), FRI layers and remainder, grinding.
"""

from __future__ import annotations

from prover.errors import (
    GrindingError,
    MerkleVerificationError,
    ProofFormatError,
    ProverError,
    VerificationError,
)
from prover.fri.errors import FriError, FriFoldingError, FriLayerCommitmentError, FriRemainderError


class StarkVerificationError(VerificationError):
    """Base class of the STARK verifier's checks."""


class InsufficientSecurityError(StarkVerificationError):
    """The proof's options give fewer conjectured security bits than the verifier's policy requires."""


class AirMismatchError(StarkVerificationError):
    """The proof was made for another AIR, or a trace shape the AIR does not accept."""


class ProofShapeError(StarkVerificationError):
    """A count or length in the proof disagrees with the options and trace shape it declares."""


class TraceCommitmentError(StarkVerificationError, MerkleVerificationError):
    """The opened trace rows do not authenticate against the trace commitment."""


class CompositionCommitmentError(StarkVerificationError, MerkleVerificationError):
    """The opened composition-chunk rows do not authenticate against the composition commitment."""


class OodConsistencyError(StarkVerificationError):
    """The constraints evaluated at the out-of-domain point z disagree with the composition chunks at z."""


class DeepCompositionError(StarkVerificationError):
    """The DEEP composition value recomputed from the openings differs from FRI layer 0."""


class QueryIndexError(StarkVerificationError):
    """A query position is out of range or differs from the positions drawn from the transcript."""


class TraceCheckError(ProverError):
    """A trace breaks the AIR: raised by :func:`stark.check_trace` (and the prover) naming row and check.

    Attributes:
        row: the first failing row.
        constraint: index of the failing transition constraint, or of the failing assertion.
        kind: ``"transition"`` or ``"assertion"``.
    """

    def __init__(self, message: str, row: int, constraint: int, kind: str) -> None:
        super().__init__(message)
        self.row = row
        self.constraint = constraint
        self.kind = kind


__all__ = [
    "AirMismatchError", "CompositionCommitmentError", "DeepCompositionError", "FriError", "FriFoldingError",
    "FriLayerCommitmentError", "FriRemainderError", "GrindingError", "InsufficientSecurityError",
    "MerkleVerificationError", "OodConsistencyError", "ProofFormatError", "ProofShapeError",
    "QueryIndexError", "StarkVerificationError", "TraceCheckError", "TraceCommitmentError",
    "VerificationError",
]
