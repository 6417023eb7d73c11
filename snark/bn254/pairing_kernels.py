"""Numba kernels for the optimal ate pairing on BN254: Miller loop and final exponentiation.

Private: the public API is :mod:`snark.bn254.pairing`. The optimal ate pairing of Vercauteren ("Optimal
pairings", IEEE Trans. Inf. Theory 2010) for BN curves, e(P, Q) = f_{6u+2,Q}(P) * l_{[6u+2]Q, pi(Q)}(P) *
l_{[6u+2]Q + pi(Q), -pi^2(Q)}(P), raised to (p^12 - 1) / r, as in Beuchat et al., "High-speed software
implementation of the optimal ate pairing over Barreto-Naehrig curves" (Pairing 2010) and EIP-197.

* The loop scans the non-adjacent form of 6u + 2 (22 non-zero digits instead of 37 in binary).
* Q runs in affine coordinates on the twist; the slopes of all pairs of a product are inverted together
  with Montgomery's trick (one Fq2 inversion per step). A line through points of the twist, evaluated at
  P = (xP, yP) and untwisted by (x, y) -> (x w^2, y w^3), is yP - lambda xP w + (lambda xT - yT) w^3;
  vertical lines lie in Fq6 and are dropped (the final exponentiation kills them).
* Final exponentiation: the easy part f^((p^6 - 1)(p^2 + 1)), then the hard part (p^4 - p^2 + 1) / r =
  l0 + l1 p + l2 p^2 + l3 p^3 with l3 = 1, l2 = 6u^2 + 1, l1 = -36u^3 - 18u^2 - 12u + 1,
  l0 = -36u^3 - 30u^2 - 18u - 2 (Devegili, Scott and Dahab, "Implementing cryptographic pairings over
  Barreto-Naehrig curves", Pairing 2007), so the result equals py_ecc's f^((p^12 - 1) / r) exactly.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from snark.bn254.fields import BN_U
from snark.bn254.fq12_kernels import (
    FQ12_ONE,
    FROB1,
    FROB2,
    fq12_conj,
    fq12_frob1,
    fq12_frob2,
    fq12_frob3,
    fq12_inv,
    fq12_mul,
    fq12_mul_line,
    fq12_sqr,
)
from snark.bn254.tower_kernels import (
    FQ2_ONE,
    FQ_ZERO,
    fq2_add,
    fq2_conj,
    fq2_inv,
    fq2_mul,
    fq2_mul_fq,
    fq2_neg,
    fq2_sqr,
    fq2_sub,
    load_fe,
    store_fe,
)


def _naf(n: int) -> tuple[int, ...]:
    """Non-adjacent form of n, most significant digit first."""
    digits = []
    while n:
        if n & 1:
            d = 2 - (n % 4)
            n -= d
        else:
            d = 0
        digits.append(d)
        n //= 2
    return tuple(reversed(digits))


ATE_NAF = _naf(6 * BN_U + 2)[1:]  # the leading 1 is the initial T = Q
U_NAF = _naf(BN_U)[1:]
GAMMA_X1 = FROB1[2]  # xi^((p - 1) / 3)
GAMMA_Y1 = FROB1[3]  # xi^((p - 1) / 2)
GAMMA_X2 = FROB2[2]
GAMMA_Y2 = FROB2[3]


@njit(cache=True)
def _line_step(f, T, i, xq, yq, xp, yp, inv_den, doubling):
    """Multiply f by the line through T[i] and (xq, yq) (the tangent when doubling), update T[i]."""
    xt = load_fe(T, i, 0)
    yt = load_fe(T, i, 1)
    if doubling:
        x2 = fq2_sqr(xt)
        num = fq2_add(fq2_add(x2, x2), x2)
        xq = xt
    else:
        num = fq2_sub(yq, yt)
    lam = fq2_mul(num, inv_den)
    x3 = fq2_sub(fq2_sub(fq2_sqr(lam), xt), xq)
    y3 = fq2_sub(fq2_mul(lam, fq2_sub(xt, x3)), yt)
    l1 = fq2_neg(fq2_mul_fq(lam, xp))
    l3 = fq2_sub(fq2_mul(lam, xt), yt)
    store_fe(T, i, 0, x3)
    store_fe(T, i, 1, y3)
    return fq12_mul_line(f, (yp, FQ_ZERO), l1, l3)


@njit(cache=True)
def _batch_inv(den, pre, k):
    """den[i] <- den[i]^-1 for i < k (Fq2, Montgomery's trick; none may be zero)."""
    acc = FQ2_ONE
    for i in range(k):
        store_fe(pre, i, 0, acc)
        acc = fq2_mul(acc, load_fe(den, i, 0))
    inv = fq2_inv(acc)
    for i in range(k - 1, -1, -1):
        d = load_fe(den, i, 0)
        store_fe(den, i, 0, fq2_mul(inv, load_fe(pre, i, 0)))
        inv = fq2_mul(inv, d)


@njit(cache=True)
def _step_all(f, T, Qx, Qy, Pa, den, pre, doubling, sign):
    """One doubling (or addition of sign * Q) step for every pair, sharing one inversion."""
    k = T.shape[0]
    for i in range(k):
        xt = load_fe(T, i, 0)
        yt = load_fe(T, i, 1)
        if doubling:
            d = fq2_add(yt, yt)
        else:
            d = fq2_sub(load_fe(Qx, i, 0), xt)
        store_fe(den, i, 0, d)
    _batch_inv(den, pre, k)
    for i in range(k):
        yq = load_fe(Qy, i, 0)
        if sign < 0:
            yq = fq2_neg(yq)
        f = _line_step(f, T, i, load_fe(Qx, i, 0), yq, load_fe(Pa, i, 0), load_fe(Pa, i, 1),
                       load_fe(den, i, 0), doubling)
    return f


@njit(cache=True)
def miller_loop(Pa, Qa):
    """prod_i f_i(P_i) for affine P (k, 2, 4) and Q (k, 2, 2, 4), none at infinity; Fq12 tuple."""
    k = Pa.shape[0]
    T = Qa.copy()
    Qx = np.empty((k, 1, 2, 4), dtype=np.uint64)
    Qy = np.empty((k, 1, 2, 4), dtype=np.uint64)
    for i in range(k):
        store_fe(Qx, i, 0, load_fe(Qa, i, 0))
        store_fe(Qy, i, 0, load_fe(Qa, i, 1))
    den = np.empty((k, 1, 2, 4), dtype=np.uint64)
    pre = np.empty((k, 1, 2, 4), dtype=np.uint64)
    f = FQ12_ONE
    for d in ATE_NAF:
        f = fq12_sqr(f)
        f = _step_all(f, T, Qx, Qy, Pa, den, pre, True, 1)
        if d != 0:
            f = _step_all(f, T, Qx, Qy, Pa, den, pre, False, d)
    # The two Frobenius lines: T + pi(Q), then the line to -pi^2(Q).
    for i in range(k):
        xq = load_fe(Qa, i, 0)
        yq = load_fe(Qa, i, 1)
        store_fe(Qx, i, 0, fq2_mul(fq2_conj(xq), GAMMA_X1))
        store_fe(Qy, i, 0, fq2_mul(fq2_conj(yq), GAMMA_Y1))
    f = _step_all(f, T, Qx, Qy, Pa, den, pre, False, 1)
    for i in range(k):
        xq = load_fe(Qa, i, 0)
        yq = load_fe(Qa, i, 1)
        store_fe(Qx, i, 0, fq2_mul(xq, GAMMA_X2))
        store_fe(Qy, i, 0, fq2_mul(yq, GAMMA_Y2))
    f = _step_all(f, T, Qx, Qy, Pa, den, pre, False, -1)
    return f


@njit(cache=True)
def _cyc_pow_u(a):
    """a^u for a in the cyclotomic subgroup (where a^-1 = conj(a)), over the NAF of u."""
    r = a
    ai = fq12_conj(a)
    for d in U_NAF:
        r = fq12_sqr(r)
        if d == 1:
            r = fq12_mul(r, a)
        elif d == -1:
            r = fq12_mul(r, ai)
    return r


@njit(cache=True)
def _pow_small(a, e):
    r = FQ12_ONE
    started = False
    for k in range(7, -1, -1):
        if started:
            r = fq12_sqr(r)
        if (e >> k) & 1:
            r = fq12_mul(r, a) if started else a
            started = True
    return r


@njit(cache=True)
def final_exponentiation(f):
    """f^((p^12 - 1) / r)."""
    f1 = fq12_mul(fq12_conj(f), fq12_inv(f))  # f^(p^6 - 1)
    a = fq12_mul(fq12_frob2(f1), f1)  # ^(p^2 + 1): now in the cyclotomic subgroup
    fu = _cyc_pow_u(a)
    fu2 = _cyc_pow_u(fu)
    fu3 = _cyc_pow_u(fu2)
    fu3_36 = _pow_small(fu3, 36)
    fu2_6 = _pow_small(fu2, 6)
    fu2_18 = _pow_small(fu2_6, 3)
    fu2_30 = _pow_small(fu2_6, 5)
    fu_6 = _pow_small(fu, 6)
    fu_12 = fq12_sqr(fu_6)
    fu_18 = fq12_mul(fu_12, fu_6)
    a0 = fq12_conj(fq12_mul(fq12_mul(fq12_mul(fu3_36, fu2_30), fu_18), fq12_sqr(a)))
    a1 = fq12_mul(fq12_conj(fq12_mul(fq12_mul(fu3_36, fu2_18), fu_12)), a)
    a2 = fq12_mul(fu2_6, a)
    return fq12_mul(fq12_mul(a0, fq12_frob1(a1)), fq12_mul(fq12_frob2(a2), fq12_frob3(a)))


@njit(cache=True)
def store_fq12(out, f):
    for i in range(2):
        for j in range(3):
            for c in range(2):
                for m in range(4):
                    out[i, j, c, m] = f[i][j][c][m]


@njit(cache=True)
def load_fq12(a):
    return (((a[0, 0, 0, 0], a[0, 0, 0, 1], a[0, 0, 0, 2], a[0, 0, 0, 3]),
             (a[0, 0, 1, 0], a[0, 0, 1, 1], a[0, 0, 1, 2], a[0, 0, 1, 3])),
            ((a[0, 1, 0, 0], a[0, 1, 0, 1], a[0, 1, 0, 2], a[0, 1, 0, 3]),
             (a[0, 1, 1, 0], a[0, 1, 1, 1], a[0, 1, 1, 2], a[0, 1, 1, 3])),
            ((a[0, 2, 0, 0], a[0, 2, 0, 1], a[0, 2, 0, 2], a[0, 2, 0, 3]),
             (a[0, 2, 1, 0], a[0, 2, 1, 1], a[0, 2, 1, 2], a[0, 2, 1, 3]))), \
           (((a[1, 0, 0, 0], a[1, 0, 0, 1], a[1, 0, 0, 2], a[1, 0, 0, 3]),
             (a[1, 0, 1, 0], a[1, 0, 1, 1], a[1, 0, 1, 2], a[1, 0, 1, 3])),
            ((a[1, 1, 0, 0], a[1, 1, 0, 1], a[1, 1, 0, 2], a[1, 1, 0, 3]),
             (a[1, 1, 1, 0], a[1, 1, 1, 1], a[1, 1, 1, 2], a[1, 1, 1, 3])),
            ((a[1, 2, 0, 0], a[1, 2, 0, 1], a[1, 2, 0, 2], a[1, 2, 0, 3]),
             (a[1, 2, 1, 0], a[1, 2, 1, 1], a[1, 2, 1, 2], a[1, 2, 1, 3])))


@njit(cache=True)
def pairing_product(Pa, Qa, out, final):
    """out = (prod_i f_{P_i, Q_i}) ^ ((p^12 - 1) / r) (or the bare Miller product when not final)."""
    f = miller_loop(Pa, Qa)
    if final:
        f = final_exponentiation(f)
    store_fq12(out, f)


@njit(cache=True)
def fq12_mul_arr(a, b, out):
    store_fq12(out, fq12_mul(load_fq12(a), load_fq12(b)))


@njit(cache=True)
def fq12_inv_arr(a, out):
    store_fq12(out, fq12_inv(load_fq12(a)))


@njit(cache=True)
def final_exp_arr(a, out):
    store_fq12(out, final_exponentiation(load_fq12(a)))
