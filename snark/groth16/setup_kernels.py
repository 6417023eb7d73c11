"""Numba kernels for fixed-base scalar multiplication [e_i] G (the dev setup's many multiples of one base).

Private: used by :mod:`snark.groth16.setup`. A table holds d 2^(8w) G for every byte position w < 32 and
byte value d < 256 (affine); [e] G is then the sum of the 32 table points picked by e's bytes: 32 mixed
additions instead of ~254 doublings and ~127 additions of double-and-add (the fixed-base windowing of
Brickell, Gordon, McCurley and Wilson, EUROCRYPT 1992, in its simplest form).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from snark.bn254.curve_kernels import jac_add, jac_dbl, jac_madd, store_jac
from snark.bn254.tower_kernels import fe_one, fe_zero, load_fe

WINDOW_BITS = 8
N_WINDOWS = 32


@njit(cache=True)
def build_table(base, out):
    """out[w * 256 + d] = [d 2^(8w)] base, Jacobian (d = 0 is infinity); base: a (1, 2, ...) affine array."""
    x = load_fe(base, 0, 0)
    y = load_fe(base, 0, 1)
    one = fe_one(x)
    zero = fe_zero(x)
    BX, BY, BZ = x, y, one
    for w in range(N_WINDOWS):
        k = w * 256
        store_jac(out, k, one, one, zero)
        X, Y, Z = one, one, zero
        for d in range(1, 256):
            X, Y, Z = jac_add(X, Y, Z, BX, BY, BZ)
            store_jac(out, k + d, X, Y, Z)
        for _ in range(WINDOW_BITS):
            BX, BY, BZ = jac_dbl(BX, BY, BZ)


@njit(cache=True)
def _mul_one(table, E, out, i):
    x0 = load_fe(table, 1, 0)
    X, Y, Z = fe_one(x0), fe_one(x0), fe_zero(x0)
    for w in range(N_WINDOWS):
        d = (E[i, w >> 3] >> np.uint64((w & 7) * WINDOW_BITS)) & np.uint64(0xFF)
        if d != 0:
            k = w * 256 + np.int64(d)
            X, Y, Z = jac_madd(X, Y, Z, load_fe(table, k, 0), load_fe(table, k, 1))
    store_jac(out, i, X, Y, Z)


@njit(cache=True, parallel=True)
def fixed_base_mul(table, E, out):
    """out[i] = [E[i]] G (Jacobian) from an affine table of :func:`build_table`; E canonical 4-limb.

    The per-point work sits in a serial helper: Numba's parfor pass fails on Fq2 tuples in a prange body.
    """
    for i in prange(E.shape[0]):
        _mul_one(table, E, out, i)
