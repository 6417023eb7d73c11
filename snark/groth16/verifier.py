"""The Groth16 verifier (Groth, "On the Size of Pairing-based Non-interactive Arguments", EUROCRYPT 2016,
eprint 2016/260, section 3.2): accept iff

    e(-A, B) e(vk_x, gamma) e(C, delta) e(alpha, beta) = 1,   vk_x = IC_0 + sum_i x_i IC_i,

one product of four pairings with a single final exponentiation (snarkjs's ``groth16_verify.js`` checks
the same product). Every check raises its own :class:`prover.errors.VerificationError` subclass
(:mod:`snark.groth16.errors`), in this order: the key (valid points, gamma != delta), the number of
public inputs, their range [0, r), the proof points (on the curve, B in the subgroup), the pairing.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from snark.bn254.curves import G1, G2, Group
from snark.bn254.errors import PointError
from snark.bn254.fields import R
from snark.bn254.msm import msm
from snark.bn254.pairing import pairing_check
from snark.groth16.errors import (
    PairingCheckError,
    ProofPointError,
    PublicInputCountError,
    PublicInputRangeError,
    VerifyingKeyError,
)
from snark.groth16.keys import Proof, VerifyingKey


def _point(group: Group, p, what: str, error: type, count: int | None = 1) -> np.ndarray:
    try:
        if not isinstance(p, np.ndarray):
            raise PointError("bad length", f"{what} must be a numpy array")
        p = group.check_affine(p, what, subgroup=True)
    except PointError as exc:
        raise error(f"{what}: {exc}") from exc
    if count is not None and p.shape[0] != count:
        raise error(f"{what}: expected {count} point(s), got {p.shape[0]}")
    return p


def check_verifying_key(vk: VerifyingKey) -> None:
    """Validate a verification key's points and refuse gamma = delta.

    Raises:
        VerifyingKeyError: a point is malformed, off the curve or outside the subgroup; no IC points;
            or gamma = delta (then vk_x and C share a pairing and a prover can move terms between them).
    """
    _point(G1, vk.alpha_g1, "vk alpha_1", VerifyingKeyError)
    for name in ("beta_g2", "gamma_g2", "delta_g2"):
        _point(G2, getattr(vk, name), f"vk {name}", VerifyingKeyError)
    ic = _point(G1, vk.gamma_abc_g1, "vk IC", VerifyingKeyError, count=None)
    if ic.shape[0] < 1:
        raise VerifyingKeyError("vk IC: needs at least one point (the constant wire's)")
    if np.array_equal(vk.gamma_g2, vk.delta_g2):
        raise VerifyingKeyError("vk gamma_2 equals delta_2: such a key accepts forged proofs "
                                "(a phase-2 contribution is missing)")


def public_inputs_checked(vk: VerifyingKey, public_inputs: Sequence[int]) -> list[int]:
    """The public inputs as ints, after the count and range checks.

    Raises:
        PublicInputCountError, PublicInputRangeError.
    """
    values = list(public_inputs)
    if len(values) != vk.n_public:
        raise PublicInputCountError(f"{len(values)} public inputs given, the verification key expects "
                                    f"{vk.n_public}")
    out = []
    for i, x in enumerate(values):
        if isinstance(x, bool) or not isinstance(x, int | np.integer):
            raise PublicInputRangeError(f"public input {i} is not an integer: {x!r}")
        x = int(x)
        if not 0 <= x < R:
            raise PublicInputRangeError(f"public input {i} = {x} is outside [0, r)")
        out.append(x)
    return out


def verify(vk: VerifyingKey, public_inputs: Sequence[int], proof: Proof) -> None:
    """Return None iff the proof is valid for the public inputs under the key.

    Raises:
        VerifyingKeyError: invalid key points, or gamma = delta.
        PublicInputCountError: the count differs from ``vk.n_public``.
        PublicInputRangeError: an input is not an integer in [0, r).
        ProofPointError: a proof point is malformed, off its curve, or (B) outside the subgroup.
        PairingCheckError: the pairing equation fails.
    """
    check_verifying_key(vk)
    xs = public_inputs_checked(vk, public_inputs)
    a = _point(G1, proof.a, "proof A", ProofPointError)
    b = _point(G2, proof.b, "proof B", ProofPointError)
    c = _point(G1, proof.c, "proof C", ProofPointError)
    ic = vk.gamma_abc_g1
    vk_x = ic[:1] if not xs else G1.to_affine(G1.add_mixed(G1.to_jacobian(msm(G1, ic[1:], xs)), ic[:1]))
    ok = pairing_check(np.concatenate([G1.neg(a), vk_x, c, vk.alpha_g1]),
                       np.concatenate([b, vk.gamma_g2, vk.delta_g2, vk.beta_g2]), check_subgroup=False)
    if not ok:
        raise PairingCheckError("pairing check failed: the proof is not valid for these public inputs")
