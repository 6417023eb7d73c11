"""Numba kernels for the radix-2 number-theoretic transform over BN254's scalar field Fr.

Private: the public API is :mod:`snark.bn254.ntt`. Iterative Cooley-Tukey decimation in time (Cooley and
Tukey 1965; the in-place form of Cormen et al., "Introduction to Algorithms", ch. 30): one bit-reversal
permutation, then log2(n) passes of butterflies (u, v) -> (u + w v, u - w v). Each pass runs its n/2
butterflies in parallel with ``prange``. Twiddles come from one table of n/2 powers of the n-th root of
unity, read with a stride in the early passes. Elements are Montgomery-form (n, 4) uint64 arrays.

``prange`` bodies call small non-inlined helpers: Numba's parfor pass fails on tuple code inlined at the
IR level (``inline="always"``), and LLVM inlines the helpers anyway.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from snark.bn254 import limb_kernels as lk
from snark.bn254.fields import R, int_to_limbs

FR_Q = int_to_limbs(R)
FR_QINV = np.uint64((-pow(R, -1, 1 << 64)) % (1 << 64))


@njit(cache=True)
def _swap_if_less(a, i, log_n):
    if log_n == 0:
        return
    j = np.int64(_rev64(np.uint64(i)) >> np.uint64(64 - log_n))
    if i < j:
        u = lk.load(a, i)
        lk.store(a, i, lk.load(a, j))
        lk.store(a, j, u)


@njit(cache=True, parallel=True)
def bit_reverse(a, log_n):
    for i in prange(a.shape[0]):
        _swap_if_less(a, i, log_n)


@njit(cache=True)
def _rev64(x):
    r = np.uint64(0)
    for _ in range(64):
        r = (r << np.uint64(1)) | (x & np.uint64(1))
        x >>= np.uint64(1)
    return r


@njit(cache=True)
def _butterfly(a, tw, t, m, stride):
    block = t // m
    j = t - block * m
    i0 = block * 2 * m + j
    i1 = i0 + m
    u = lk.load(a, i0)
    v = lk.mont_mul(lk.load(a, i1), lk.load(tw, j * stride), FR_Q, FR_QINV)
    lk.store(a, i0, lk.mod_add(u, v, FR_Q))
    lk.store(a, i1, lk.mod_sub(u, v, FR_Q))


@njit(cache=True, parallel=True)
def _pass(a, tw, m, stride):
    for t in prange(a.shape[0] // 2):
        _butterfly(a, tw, t, m, stride)


@njit(cache=True)
def ntt_in_place(a, tw, log_n):
    """a <- NTT(a) in natural order, where tw[k] = omega^k for k < n/2 (Montgomery)."""
    n = a.shape[0]
    bit_reverse(a, log_n)
    m = 1
    while m < n:
        _pass(a, tw, m, n // (2 * m))
        m *= 2


@njit(cache=True)
def powers(x, n, one, out):
    """out[k] = x^k for k < n (Montgomery)."""
    acc = one
    for k in range(n):
        lk.store(out, k, acc)
        acc = lk.mont_mul(acc, x, FR_Q, FR_QINV)


@njit(cache=True)
def _mul_row(a, i, c):
    lk.store(a, i, lk.mont_mul(lk.load(a, i), c, FR_Q, FR_QINV))


@njit(cache=True, parallel=True)
def mul_rows(a, b):
    """a[i] <- a[i] * b[i] (Fr, Montgomery)."""
    for i in prange(a.shape[0]):
        _mul_row(a, i, lk.load(b, i))


@njit(cache=True, parallel=True)
def scale(a, c):
    """a[i] <- a[i] * c."""
    for i in prange(a.shape[0]):
        _mul_row(a, i, c)
