"""Numba kernels for BN254's Fq and Fq2 = Fq[u]/(u^2 + 1) on limb tuples, and generic field helpers.

Private. An Fq element is a 4-tuple of ``np.uint64`` limbs in Montgomery form (see ``limb_kernels``);
an Fq2 element ``c0 + c1 u`` is a pair of those, as in EIP-197 and py_ecc (``FQ2([c0, c1])``).

The ``fe_*`` functions are overloaded on the element type (Fq or Fq2), so the curve formulas and the
MSM in ``curve_kernels``/``msm_kernels`` are written once for G1 (over Fq) and G2 (over Fq2); arrays
hold Fq coordinates as a trailing axis of 4 limbs and Fq2 coordinates as trailing axes (2, 4).
Fq2 multiplication is Karatsuba's three-product form with two Montgomery reductions (lazy reduction).
"""

from __future__ import annotations

import numpy as np
from numba import njit, types
from numba.extending import overload

from snark.bn254 import limb_kernels as lk
from snark.bn254.fields import P, int_to_limbs

Q = int_to_limbs(P)
QINV = np.uint64((-pow(P, -1, 1 << 64)) % (1 << 64))
QM2 = int_to_limbs(P - 2)
ZERO = np.uint64(0)


def mont(x: int) -> tuple:
    """Montgomery limbs of an integer mod p (used to build constants)."""
    return int_to_limbs((x % P) * (1 << 256) % P)


FQ_ZERO = int_to_limbs(0)
FQ_ONE = mont(1)
FQ2_ZERO = (FQ_ZERO, FQ_ZERO)
FQ2_ONE = (FQ_ONE, FQ_ZERO)


# ---------------------------------------------------------------------------------------------------
# Fq
# ---------------------------------------------------------------------------------------------------


@njit(cache=True)
def fq_add(a, b):
    return lk.mod_add(a, b, Q)


@njit(cache=True)
def fq_sub(a, b):
    return lk.mod_sub(a, b, Q)


@njit(cache=True)
def fq_neg(a):
    return lk.mod_neg(a, Q)


@njit(cache=True)
def fq_mul(a, b):
    return lk.mont_mul(a, b, Q, QINV)


@njit(cache=True)
def fq_sqr(a):
    return lk.mont_mul(a, a, Q, QINV)


@njit(cache=True)
def fq_inv(a):
    """a^(p-2); 0 maps to 0."""
    return lk.mont_pow(a, QM2, FQ_ONE, Q, QINV)


@njit(cache=True)
def fq_eq(a, b):
    return a[0] == b[0] and a[1] == b[1] and a[2] == b[2] and a[3] == b[3]


# ---------------------------------------------------------------------------------------------------
# Fq2 = Fq[u] / (u^2 + 1)
# ---------------------------------------------------------------------------------------------------


@njit(cache=True)
def fq2_add(a, b):
    return (fq_add(a[0], b[0]), fq_add(a[1], b[1]))


@njit(cache=True)
def fq2_sub(a, b):
    return (fq_sub(a[0], b[0]), fq_sub(a[1], b[1]))


@njit(cache=True)
def fq2_neg(a):
    return (fq_neg(a[0]), fq_neg(a[1]))


@njit(cache=True)
def fq2_conj(a):
    return (a[0], fq_neg(a[1]))


@njit(cache=True)
def fq2_mul(a, b):
    # Karatsuba with lazy reduction (Aranha et al., "Faster explicit formulas for computing pairings over
    # ordinary curves", EUROCRYPT 2011): three 512-bit products, two Montgomery reductions instead of three
    # (80 instead of 96 limb products). Bounds: v0, v1 < q^2; the unreduced sums are < 2q, so
    # s < 4q^2 and s - v0 - v1 = a0 b1 + a1 b0 < 2q^2; v0 - v1 + q 2^256 when negative; all < q 2^256.
    v0 = lk.mul_wide(a[0], b[0])
    v1 = lk.mul_wide(a[1], b[1])
    _, sa = lk.add4(a[0], a[1])
    _, sb = lk.add4(b[0], b[1])
    s = lk.mul_wide(sa, sb)
    # v0 - v1 is negative about half the time on random inputs: add q 2^256 masked by the borrow rather
    # than branch on a coin flip.
    borrow, d = lk.sub8(v0, v1)
    d = lk.add_high(d, lk.masked(Q, ZERO - borrow))
    _, e = lk.sub8(s, v0)
    _, e = lk.sub8(e, v1)
    return (lk.redc(d, Q, QINV), lk.redc(e, Q, QINV))


@njit(cache=True)
def fq2_sqr(a):
    # (a0 + a1 u)^2 = (a0 + a1)(a0 - a1) + 2 a0 a1 u
    t = fq_mul(a[0], a[1])
    return (fq_mul(fq_add(a[0], a[1]), fq_sub(a[0], a[1])), fq_add(t, t))


@njit(cache=True)
def fq2_mul_fq(a, s):
    return (fq_mul(a[0], s), fq_mul(a[1], s))


@njit(cache=True)
def fq2_mul_xi(a):
    """a * xi with xi = 9 + u, the non-residue of the Fq6 and twist definitions (EIP-197)."""
    a0 = a[0]
    a1 = a[1]
    e0 = fq_add(a0, a0)
    e0 = fq_add(e0, e0)
    e0 = fq_add(fq_add(e0, e0), a0)  # 9 a0
    e1 = fq_add(a1, a1)
    e1 = fq_add(e1, e1)
    e1 = fq_add(fq_add(e1, e1), a1)  # 9 a1
    return (fq_sub(e0, a1), fq_add(e1, a0))


@njit(cache=True)
def fq2_inv(a):
    """1 / (a0 + a1 u) = (a0 - a1 u) / (a0^2 + a1^2); 0 maps to 0."""
    n = fq_inv(fq_add(fq_sqr(a[0]), fq_sqr(a[1])))
    return (fq_mul(a[0], n), fq_neg(fq_mul(a[1], n)))


@njit(cache=True)
def fq2_eq(a, b):
    return fq_eq(a[0], b[0]) and fq_eq(a[1], b[1])


@njit(cache=True)
def fq2_is_zero(a):
    return lk.is_zero(a[0]) and lk.is_zero(a[1])


# ---------------------------------------------------------------------------------------------------
# Generic element helpers, overloaded on Fq (UniTuple(uint64, 4)) or Fq2 (pair of those).
# ---------------------------------------------------------------------------------------------------


def _is_fq(t) -> bool:
    return isinstance(t, types.UniTuple) and t.count == 4 and isinstance(t.dtype, types.Integer)


def _is_fq2(t) -> bool:
    return isinstance(t, types.UniTuple) and t.count == 2 and _is_fq(t.dtype)


def _generic(fq_impl, fq2_impl):
    """Define a Python stub overloaded in Numba by the element type of its first argument."""
    if fq_impl.__code__.co_argcount == 1:
        def stub(a):  # pragma: no cover - only the Numba overloads run
            raise NotImplementedError("Numba-only helper")

        @overload(stub)
        def _ov1(a):
            return fq_impl if _is_fq(a) else (fq2_impl if _is_fq2(a) else None)
    else:
        def stub(a, b):  # pragma: no cover - only the Numba overloads run
            raise NotImplementedError("Numba-only helper")

        @overload(stub)
        def _ov2(a, b):
            return fq_impl if _is_fq(a) else (fq2_impl if _is_fq2(a) else None)
    return stub


fe_add = _generic(lambda a, b: fq_add(a, b), lambda a, b: fq2_add(a, b))
fe_sub = _generic(lambda a, b: fq_sub(a, b), lambda a, b: fq2_sub(a, b))
fe_neg = _generic(lambda a: fq_neg(a), lambda a: fq2_neg(a))
fe_mul = _generic(lambda a, b: fq_mul(a, b), lambda a, b: fq2_mul(a, b))
fe_sqr = _generic(lambda a: fq_sqr(a), lambda a: fq2_sqr(a))
fe_inv = _generic(lambda a: fq_inv(a), lambda a: fq2_inv(a))
fe_eq = _generic(lambda a, b: fq_eq(a, b), lambda a, b: fq2_eq(a, b))
fe_is_zero = _generic(lambda a: lk.is_zero(a), lambda a: fq2_is_zero(a))
fe_zero = _generic(lambda a: FQ_ZERO, lambda a: FQ2_ZERO)
fe_one = _generic(lambda a: FQ_ONE, lambda a: FQ2_ONE)


def load_fe(arr, i, j):  # pragma: no cover - Numba-only
    """Coordinate j of point i from an array of shape (n, k, 4) (Fq) or (n, k, 2, 4) (Fq2)."""
    raise NotImplementedError


def store_fe(arr, i, j, v):  # pragma: no cover - Numba-only
    """Write coordinate j of point i (see :func:`load_fe`)."""
    raise NotImplementedError


@overload(load_fe)
def _ov_load_fe(arr, i, j):
    if arr.ndim == 3:
        return lambda arr, i, j: (arr[i, j, 0], arr[i, j, 1], arr[i, j, 2], arr[i, j, 3])
    if arr.ndim == 4:
        return lambda arr, i, j: ((arr[i, j, 0, 0], arr[i, j, 0, 1], arr[i, j, 0, 2], arr[i, j, 0, 3]),
                                  (arr[i, j, 1, 0], arr[i, j, 1, 1], arr[i, j, 1, 2], arr[i, j, 1, 3]))
    return None


@overload(store_fe)
def _ov_store_fe(arr, i, j, v):
    if arr.ndim == 3:
        def impl3(arr, i, j, v):
            for k in range(4):
                arr[i, j, k] = v[k]
        return impl3
    if arr.ndim == 4:
        def impl4(arr, i, j, v):
            for k in range(4):
                arr[i, j, 0, k] = v[0][k]
                arr[i, j, 1, k] = v[1][k]
        return impl4
    return None
