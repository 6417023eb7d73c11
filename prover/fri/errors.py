"""Verification errors of FRI (one per check); re-exported by :mod:`stark.errors`."""

from __future__ import annotations

from prover.errors import MerkleVerificationError, VerificationError


class FriError(VerificationError):
    """Base class of the FRI verifier's checks."""


class FriLayerCommitmentError(FriError, MerkleVerificationError):
    """An FRI layer opening does not authenticate against that layer's root."""


class FriFoldingError(FriError):
    """A queried value of a layer is inconsistent with the fold of the previous layer (or layer 0 input)."""


class FriRemainderError(FriError):
    """The remainder polynomial has the wrong number of coefficients or disagrees with the last fold."""


class FriShapeError(FriError):
    """An FRI opening has the wrong number of rows or row width for the declared parameters."""
