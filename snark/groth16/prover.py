"""The Groth16 prover (Groth, "On the Size of Pairing-based Non-interactive Arguments", EUROCRYPT 2016,
eprint 2016/260, section 3.2), computing exactly what snarkjs's ``groth16_prove.js`` computes:

    A  = alpha + sum_i w_i u_i(tau) + r delta                                  (G1)
    B  = beta  + sum_i w_i v_i(tau) + s delta                                  (G2, and its G1 twin B1)
    C  = sum_private w_i K_i / delta + h(tau) Z(tau) / delta + s A + r B1 - r s delta        (G1)

with h(tau) Z(tau) / delta = sum_i p_i H_i, p the odd-coset values of A B - C (:mod:`snark.qap`). The work
is five multi-scalar multiplications (A, B1 and B2 over all wires, C over the private ones, H over the
domain) plus three size-n NTT round trips; there is no Python loop over wires or constraints.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Sequence

import numpy as np

from prover.errors import ProverError
from snark.bn254.curves import G1, G2, Group
from snark.bn254.fields import Fr, R
from snark.bn254.msm import msm
from snark.groth16.keys import Proof, ProvingKey
from snark.qap import quotient_scalars
from snark.r1cs import R1CS, witness_limbs

SPARSE_MSM_FRACTION = 0.9
"""Drop zero scalars before an MSM when fewer than this fraction are non-zero (a copy of the points is
cheaper than the bucket work it saves only when many scalars vanish)."""


def _msm(group: Group, points: np.ndarray, scalars: np.ndarray) -> np.ndarray:
    nonzero = scalars.any(axis=1)
    if nonzero.size and nonzero.mean() < SPARSE_MSM_FRACTION:
        points, scalars = points[nonzero], scalars[nonzero]
    return msm(group, points, scalars)


def _combine(group: Group, points: Sequence[np.ndarray], scalars: Sequence[int]) -> np.ndarray:
    """sum_k [scalars_k] points_k for a handful of single affine points; affine result."""
    jac = group.mul(np.concatenate(points), [s % R for s in scalars])
    acc = jac[:1]
    for k in range(1, jac.shape[0]):
        acc = group.add(acc, jac[k:k + 1])
    return group.to_affine(acc)


def _random_scalar() -> int:
    return secrets.randbelow(R)


def prove(pk: ProvingKey, witness: Sequence[int] | np.ndarray, r: int | None = None, s: int | None = None,
          timings: dict[str, float] | None = None) -> Proof:
    """A Groth16 proof for a full witness (circom order: 1, public wires, private wires).

    Args:
        pk: the proving key (from :func:`snark.groth16.setup` or :func:`snark.formats.zkey.read_zkey`).
        witness: ``pk.n_wires`` ints in [0, r), or an ``(n_wires, 4)`` uint64 array of canonical limbs
            (what :func:`snark.formats.wtns.read_wtns_limbs` returns - no per-value Python work).
        r, s: the blinding scalars; fresh from ``secrets`` when None (pass both only in tests).
        timings: if given, filled with seconds per phase.

    Returns:
        The proof. It is valid iff the witness satisfies the constraint system; like snarkjs, the
        prover does not check (use :meth:`snark.r1cs.R1CS.check` first if unsure).

    Raises:
        WitnessError: wrong witness length or a value outside [0, r).
    """
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        if timings is not None:
            now = time.perf_counter()
            timings[name] = timings.get(name, 0.0) + now - clock
            clock = now

    limbs = witness_limbs(witness, pk.n_wires)
    w_mont = Fr.to_montgomery(limbs)
    lap("witness")
    h = quotient_scalars(pk.coeffs, w_mont, pk.domain_size)
    lap("qap")
    a = _msm(G1, pk.a_g1, limbs)
    b1 = _msm(G1, pk.b_g1, limbs)
    c = _msm(G1, pk.c_g1, np.ascontiguousarray(limbs[pk.n_public + 1:]))
    hq = _msm(G1, pk.h_g1, h)
    lap("msm_g1")
    b2 = _msm(G2, pk.b_g2, limbs)
    lap("msm_g2")
    r = _random_scalar() if r is None else int(r) % R
    s = _random_scalar() if s is None else int(s) % R
    vk = pk.vk
    pi_a = _combine(G1, [a, vk.alpha_g1, pk.delta_g1], [1, 1, r])
    pi_b = _combine(G2, [b2, vk.beta_g2, vk.delta_g2], [1, 1, s])
    b1 = _combine(G1, [b1, pk.beta_g1, pk.delta_g1], [1, 1, s])
    pi_c = _combine(G1, [c, hq, pi_a, b1, pk.delta_g1], [1, 1, s, r, -r * s])
    lap("combine")
    return Proof(a=pi_a, b=pi_b, c=pi_c)


def prove_r1cs(pk: ProvingKey, r1cs: R1CS, witness: Sequence[int], r: int | None = None,
               s: int | None = None) -> tuple[Proof, list[int]]:
    """Check the witness against the R1CS, prove, and return (proof, public inputs).

    Raises:
        ConstraintError: the witness violates a constraint (named, with its index).
        ProverError: the key was made for a different system (wire or public counts differ).
    """
    if (pk.n_wires, pk.n_public) != (r1cs.n_wires, r1cs.n_public):
        raise ProverError(f"proving key is for {pk.n_wires} wires / {pk.n_public} public, the R1CS has "
                          f"{r1cs.n_wires} / {r1cs.n_public}")
    r1cs.check(witness)
    return prove(pk, witness, r, s), [int(x) for x in witness[1:1 + r1cs.n_public]]
