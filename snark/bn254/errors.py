"""Errors of the BN254 engine: points that fail validation when read or passed in."""

from __future__ import annotations

from prover.errors import ProofFormatError


class PointError(ProofFormatError):
    """A curve point is invalid. ``reason`` names the failed check.

    Reasons: ``"bad length"`` (wrong byte count, array shape or JSON shape), ``"coordinate >= p"``
    (a non-canonical coordinate), ``"off curve"`` (fails the curve equation), ``"not in subgroup"``
    (a G2 point outside the prime-order subgroup), ``"bad encoding"`` (not a decimal string, bad
    projective z).
    """

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(f"{reason}: {detail}")
        self.reason = reason
