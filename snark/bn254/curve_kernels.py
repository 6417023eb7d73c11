"""Numba kernels for the BN254 groups G1 = E(Fq) and G2 (on the twist E'(Fq2)) in Jacobian coordinates.

Private: the validating API is :mod:`snark.bn254.curves`. E: y^2 = x^3 + 3 over Fq and the D-type twist
E': y^2 = x^3 + 3 / (9 + u) over Fq2 (EIP-196/197). A Jacobian point (X, Y, Z) stands for
(X / Z^2, Y / Z^3); Z = 0 is the point at infinity. Affine arrays encode infinity as (0, 0), which lies
on neither curve (as in snarkjs's binary files).

Formulas for a = 0 from the Explicit-Formulas Database (Bernstein and Lange), shortw-jacobian-0:
``dbl-2009-l``, ``add-2007-bl`` and ``madd-2007-bl``, with the exceptional cases (infinity, P = Q,
P = -Q) handled explicitly. Every function is generic over the coordinate field through the ``fe_*``
helpers of ``tower_kernels``, so G1 and G2 share one source.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from snark.bn254.fields import R, int_to_limbs
from snark.bn254.tower_kernels import _generic as _generic_fe
from snark.bn254.tower_kernels import (
    fe_add,
    fe_eq,
    fe_inv,
    fe_is_zero,
    fe_mul,
    fe_neg,
    fe_one,
    fe_sqr,
    fe_sub,
    fe_zero,
    load_fe,
    mont,
    store_fe,
)

ONE = np.uint64(1)
R_LIMBS = int_to_limbs(R)
B_G1 = mont(3)
B_G2 = (mont(19485874751759354771024239261021720505790618469301721065564631296452457478373),
        mont(266929791119991161246907387137283842545076965332900288569378510910307636690))

fe_b = _generic_fe(lambda a: B_G1, lambda a: B_G2)


@njit(cache=True)
def fe_dbl(a):
    return fe_add(a, a)


@njit(cache=True)
def jac_dbl(X, Y, Z):
    """2P, dbl-2009-l (2M + 5S)."""
    if fe_is_zero(Z):
        return X, Y, Z
    A = fe_sqr(X)
    B = fe_sqr(Y)
    C = fe_sqr(B)
    D = fe_dbl(fe_sub(fe_sub(fe_sqr(fe_add(X, B)), A), C))
    E = fe_add(fe_dbl(A), A)
    F = fe_sqr(E)
    X3 = fe_sub(F, fe_dbl(D))
    C8 = fe_dbl(fe_dbl(fe_dbl(C)))
    Y3 = fe_sub(fe_mul(E, fe_sub(D, X3)), C8)
    Z3 = fe_dbl(fe_mul(Y, Z))
    return X3, Y3, Z3


@njit(cache=True)
def jac_add(X1, Y1, Z1, X2, Y2, Z2):
    """P1 + P2, add-2007-bl (11M + 5S), falling back to doubling when P1 = P2."""
    if fe_is_zero(Z1):
        return X2, Y2, Z2
    if fe_is_zero(Z2):
        return X1, Y1, Z1
    Z1Z1 = fe_sqr(Z1)
    Z2Z2 = fe_sqr(Z2)
    U1 = fe_mul(X1, Z2Z2)
    U2 = fe_mul(X2, Z1Z1)
    S1 = fe_mul(fe_mul(Y1, Z2), Z2Z2)
    S2 = fe_mul(fe_mul(Y2, Z1), Z1Z1)
    H = fe_sub(U2, U1)
    r = fe_dbl(fe_sub(S2, S1))
    if fe_is_zero(H):
        if fe_is_zero(r):
            return jac_dbl(X1, Y1, Z1)
        return fe_one(X1), fe_one(X1), fe_zero(X1)
    I = fe_sqr(fe_dbl(H))  # noqa: E741 - the formula's name
    J = fe_mul(H, I)
    V = fe_mul(U1, I)
    X3 = fe_sub(fe_sub(fe_sqr(r), J), fe_dbl(V))
    Y3 = fe_sub(fe_mul(r, fe_sub(V, X3)), fe_dbl(fe_mul(S1, J)))
    Z3 = fe_mul(fe_sub(fe_sub(fe_sqr(fe_add(Z1, Z2)), Z1Z1), Z2Z2), H)
    return X3, Y3, Z3


@njit(cache=True)
def jac_madd(X1, Y1, Z1, x2, y2):
    """P1 + (x2, y2) with the second point affine, madd-2007-bl (7M + 4S); (0, 0) is infinity."""
    if fe_is_zero(x2) and fe_is_zero(y2):
        return X1, Y1, Z1
    if fe_is_zero(Z1):
        return x2, y2, fe_one(x2)
    Z1Z1 = fe_sqr(Z1)
    U2 = fe_mul(x2, Z1Z1)
    S2 = fe_mul(fe_mul(y2, Z1), Z1Z1)
    H = fe_sub(U2, X1)
    r = fe_dbl(fe_sub(S2, Y1))
    if fe_is_zero(H):
        if fe_is_zero(r):
            return jac_dbl(X1, Y1, Z1)
        return fe_one(X1), fe_one(X1), fe_zero(X1)
    HH = fe_sqr(H)
    I = fe_dbl(fe_dbl(HH))  # noqa: E741
    J = fe_mul(H, I)
    V = fe_mul(X1, I)
    X3 = fe_sub(fe_sub(fe_sqr(r), J), fe_dbl(V))
    Y3 = fe_sub(fe_mul(r, fe_sub(V, X3)), fe_dbl(fe_mul(Y1, J)))
    Z3 = fe_sub(fe_sub(fe_sqr(fe_add(Z1, H)), Z1Z1), HH)
    return X3, Y3, Z3


@njit(cache=True)
def jac_eq(X1, Y1, Z1, X2, Y2, Z2):
    """Projective equality of two Jacobian points."""
    z1 = fe_is_zero(Z1)
    z2 = fe_is_zero(Z2)
    if z1 or z2:
        return z1 and z2
    Z1Z1 = fe_sqr(Z1)
    Z2Z2 = fe_sqr(Z2)
    if not fe_eq(fe_mul(X1, Z2Z2), fe_mul(X2, Z1Z1)):
        return False
    return fe_eq(fe_mul(fe_mul(Y1, Z2), Z2Z2), fe_mul(fe_mul(Y2, Z1), Z1Z1))


@njit(cache=True)
def mul_affine(x, y, e):
    """[e](x, y) for a 4-limb canonical integer e (left-to-right double and add); Jacobian result."""
    X = fe_one(x)
    Y = fe_one(x)
    Z = fe_zero(x)
    for k in range(255, -1, -1):
        X, Y, Z = jac_dbl(X, Y, Z)
        if (e[k >> 6] >> np.uint64(k & 63)) & ONE:
            X, Y, Z = jac_madd(X, Y, Z, x, y)
    return X, Y, Z


@njit(cache=True)
def load_jac(P, i):
    return load_fe(P, i, 0), load_fe(P, i, 1), load_fe(P, i, 2)


@njit(cache=True)
def store_jac(out, i, X, Y, Z):
    store_fe(out, i, 0, X)
    store_fe(out, i, 1, Y)
    store_fe(out, i, 2, Z)


# ---------------------------------------------------------------------------------------------------
# Array kernels: Jacobian arrays (n, 3, ...) and affine arrays (n, 2, ...).
# ---------------------------------------------------------------------------------------------------


@njit(cache=True)
def arr_add(P, Q, out):
    for i in range(P.shape[0]):
        X1, Y1, Z1 = load_jac(P, i)
        X2, Y2, Z2 = load_jac(Q, i)
        X, Y, Z = jac_add(X1, Y1, Z1, X2, Y2, Z2)
        store_jac(out, i, X, Y, Z)


@njit(cache=True)
def arr_madd(P, A, out):
    for i in range(P.shape[0]):
        X1, Y1, Z1 = load_jac(P, i)
        X, Y, Z = jac_madd(X1, Y1, Z1, load_fe(A, i, 0), load_fe(A, i, 1))
        store_jac(out, i, X, Y, Z)


@njit(cache=True)
def arr_dbl(P, out):
    for i in range(P.shape[0]):
        X1, Y1, Z1 = load_jac(P, i)
        X, Y, Z = jac_dbl(X1, Y1, Z1)
        store_jac(out, i, X, Y, Z)


@njit(cache=True)
def arr_neg(P, out):
    """Negation of Jacobian (or, on their first two coordinates, affine) points: y -> -y."""
    for i in range(P.shape[0]):
        for j in range(P.shape[1]):
            store_fe(out, i, j, load_fe(P, i, j))
        store_fe(out, i, 1, fe_neg(load_fe(P, i, 1)))


@njit(cache=True, parallel=True)
def arr_mul(A, E, out):
    """out[i] = [E[i]] A[i] for affine A and canonical 4-limb scalars E."""
    for i in prange(A.shape[0]):
        e = (E[i, 0], E[i, 1], E[i, 2], E[i, 3])
        X, Y, Z = mul_affine(load_fe(A, i, 0), load_fe(A, i, 1), e)
        store_jac(out, i, X, Y, Z)


@njit(cache=True)
def arr_eq(P, Q, out):
    for i in range(P.shape[0]):
        X1, Y1, Z1 = load_jac(P, i)
        X2, Y2, Z2 = load_jac(Q, i)
        out[i] = jac_eq(X1, Y1, Z1, X2, Y2, Z2)


@njit(cache=True)
def arr_to_affine(P, out):
    """Batch conversion to affine with one inversion (Montgomery's trick over the non-zero Z)."""
    n = P.shape[0]
    if n == 0:
        return
    z0 = load_fe(P, 0, 2)
    acc = fe_one(z0)
    # out[i, 0] holds the prefix product of the non-zero Z before index i.
    for i in range(n):
        store_fe(out, i, 0, acc)
        z = load_fe(P, i, 2)
        if not fe_is_zero(z):
            acc = fe_mul(acc, z)
    inv = fe_inv(acc)
    for i in range(n - 1, -1, -1):
        z = load_fe(P, i, 2)
        if fe_is_zero(z):
            store_fe(out, i, 0, fe_zero(z))
            store_fe(out, i, 1, fe_zero(z))
            continue
        zi = fe_mul(inv, load_fe(out, i, 0))
        inv = fe_mul(inv, z)
        zi2 = fe_sqr(zi)
        store_fe(out, i, 0, fe_mul(load_fe(P, i, 0), zi2))
        store_fe(out, i, 1, fe_mul(load_fe(P, i, 1), fe_mul(zi2, zi)))


@njit(cache=True)
def arr_from_affine(A, out):
    for i in range(A.shape[0]):
        x = load_fe(A, i, 0)
        y = load_fe(A, i, 1)
        if fe_is_zero(x) and fe_is_zero(y):
            store_jac(out, i, fe_one(x), fe_one(x), fe_zero(x))
        else:
            store_jac(out, i, x, y, fe_one(x))


@njit(cache=True)
def first_off_curve(A):
    """Index of the first affine point not on y^2 = x^3 + b ((0, 0) counts as infinity), or -1."""
    for i in range(A.shape[0]):
        x = load_fe(A, i, 0)
        y = load_fe(A, i, 1)
        if fe_is_zero(x) and fe_is_zero(y):
            continue
        if not fe_eq(fe_sqr(y), fe_add(fe_mul(fe_sqr(x), x), fe_b(x))):
            return i
    return -1


@njit(cache=True, parallel=True)
def subgroup_flags(A, ok):
    """ok[i] = [r] A[i] is infinity, for affine on-curve points (prime-order subgroup membership)."""
    for i in prange(A.shape[0]):
        X, Y, Z = mul_affine(load_fe(A, i, 0), load_fe(A, i, 1), R_LIMBS)
        ok[i] = fe_is_zero(Z)
