"""Groth16 dev setup - NOT A CEREMONY: one party samples the toxic waste (tau, alpha, beta, gamma, delta),
computes the keys, and discards it. Whoever runs it could forge proofs; use it for tests and benchmarks
only, and a multi-party ceremony (snarkjs powers of tau + phase 2) for anything real.

Groth, "On the Size of Pairing-based Non-interactive Arguments" (EUROCRYPT 2016, eprint 2016/260),
section 3.2, in snarkjs's QAP convention (:mod:`snark.qap`): the keys are exactly those ``snarkjs zkey new``
followed by one phase-2 contribution would hold for the same secrets, so the zkey written by
:func:`snark.formats.zkey.write_zkey` is readable by snarkjs.

Lagrange values come from one inverse NTT of tau's powers: intt([tau^k])_j = L_j(tau). The many
fixed-base multiples use a 32 x 256 table (``setup_kernels``).
"""

from __future__ import annotations

import random
import secrets
from functools import lru_cache

import numpy as np

from snark import r1cs_kernels as _rk
from snark.bn254 import curve_kernels as _ck
from snark.bn254 import ntt as _ntt
from snark.bn254 import ntt_kernels as _nk
from snark.bn254.curves import G1, G2, Group
from snark.bn254.fields import Fr, R
from snark.groth16 import setup_kernels as _k
from snark.groth16.keys import ProvingKey, VerifyingKey
from snark.qap import coefficients, domain_size
from snark.r1cs import R1CS

DEV_SETUP_WARNING = "dev setup - not a ceremony: the toxic waste was known to this process"


@lru_cache(maxsize=2)
def _table(group: Group) -> np.ndarray:
    jac = np.empty((_k.N_WINDOWS * 256, 3, *group.coord_shape), dtype=np.uint64)
    _k.build_table(group.generator(1), jac)
    aff = np.empty((jac.shape[0], 2, *group.coord_shape), dtype=np.uint64)
    _ck.arr_to_affine(jac, aff)
    aff.setflags(write=False)
    return aff


def fixed_base(group: Group, scalars_mont: np.ndarray) -> np.ndarray:
    """[s_i] G for the group's generator G and a Montgomery Fr array s; affine result."""
    limbs = Fr.from_montgomery(scalars_mont)
    jac = np.empty((limbs.shape[0], 3, *group.coord_shape), dtype=np.uint64)
    _k.fixed_base_mul(_table(group), limbs, jac)
    aff = np.empty((limbs.shape[0], 2, *group.coord_shape), dtype=np.uint64)
    _ck.arr_to_affine(jac, aff)
    return aff


def _powers(x: int, n: int) -> np.ndarray:
    out = np.empty((n, 4), dtype=np.uint64)
    _nk.powers(tuple(Fr.from_ints([x])[0]), n, Fr.one_mont, out)
    return out


def _scale(a: np.ndarray, k: int) -> np.ndarray:
    return Fr.mul(a, np.tile(Fr.from_ints([k % R]), (a.shape[0], 1)))


def _sample(rng: random.Random | None) -> int:
    return (rng.randrange(1, R) if rng is not None else 1 + secrets.randbelow(R - 1))


def setup(r1cs: R1CS, rng: random.Random | None = None) -> ProvingKey:
    """Dev setup - not a ceremony - for an R1CS: sample the toxic waste, build the keys, forget it.

    Args:
        r1cs: the constraint system.
        rng: a seeded ``random.Random`` for reproducible keys in tests; default: ``secrets``.

    Returns:
        The proving key; its verifying key is ``pk.vk``.

    Raises:
        DomainError: the system needs a domain beyond 2^27.
    """
    n = domain_size(r1cs.n_constraints, r1cs.n_public)
    tau, alpha, beta, gamma, delta = (_sample(rng) for _ in range(5))
    while delta == gamma:  # a key with gamma = delta is refused by every verifier
        delta = _sample(rng)
    n_pub = r1cs.n_public
    lag_n = _ntt.intt(_powers(tau, n))           # L_j(tau) on <omega_n>
    lag_2n = _ntt.intt(_powers(tau, 2 * n))      # L_j(tau) on <omega_2n>

    coeffs = coefficients(r1cs)
    q = (Fr.q, Fr.qinv)
    u = Fr.zeros(r1cs.n_wires)
    v = Fr.zeros(r1cs.n_wires)
    # u_i(tau) = sum_rows A[row][i] L_row(tau): the transposed scatter of the prover's.
    _rk.scatter_two(coeffs.matrix, coeffs.signal, coeffs.constraint, coeffs.value, lag_n, u, v, *q)
    w = Fr.zeros(r1cs.n_wires)
    c_rows = np.repeat(np.arange(r1cs.n_constraints, dtype=np.int64), np.diff(r1cs.c.ptr))
    _rk.scatter_add(r1cs.c.cols, c_rows, r1cs.c.vals, lag_n, w, *q)
    k = Fr.add(Fr.add(_scale(u, beta), _scale(v, alpha)), w)

    gamma_inv, delta_inv = pow(gamma, -1, R), pow(delta, -1, R)
    scalars_g1 = np.concatenate([
        _scale(k[:n_pub + 1], gamma_inv),                # gamma_abc (IC)
        _scale(k[n_pub + 1:], delta_inv),                # C query
        _scale(np.ascontiguousarray(lag_2n[1::2]), delta_inv),  # H query
        u, v,                                            # A, B1
        Fr.from_ints([alpha, beta, delta]),
    ])
    points = fixed_base(G1, scalars_g1)
    cuts = np.cumsum([n_pub + 1, r1cs.n_private, n, r1cs.n_wires, r1cs.n_wires])
    ic, c_q, h_q, a_q, b1_q, fixed = np.split(points, cuts)
    g2 = fixed_base(G2, np.concatenate([v, Fr.from_ints([beta, gamma, delta])]))
    b2_q, g2_fixed = g2[:r1cs.n_wires], g2[r1cs.n_wires:]
    del tau, alpha, beta, gamma, delta, gamma_inv, delta_inv  # the toxic waste goes here
    vk = VerifyingKey(alpha_g1=fixed[0:1], beta_g2=g2_fixed[0:1], gamma_g2=g2_fixed[1:2],
                      delta_g2=g2_fixed[2:3], gamma_abc_g1=ic)
    return ProvingKey(vk=vk, beta_g1=fixed[1:2], delta_g1=fixed[2:3], n_wires=r1cs.n_wires,
                      domain_size=n, coeffs=coeffs, a_g1=a_q, b_g1=b1_q, b_g2=b2_q, c_g1=c_q, h_g1=h_q)
