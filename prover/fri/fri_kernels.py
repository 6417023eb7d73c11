"""Numba kernels of FRI folding (Ben-Sasson, Bentov, Horesh, Riabzev, ECCC TR17-134) over F_p^2.

Private. Values are (n, 2) uint64 arrays of extension elements in bit-reversed domain order, where the
two points of each pair (2m, 2m+1) are x_m and -x_m. One binary fold maps P(x) = P_e(x^2) + x P_o(x^2) to
P_e + beta P_o, computed from the pair as ((v0 + v1) + beta (v0 - v1) / x_m) / 2. A fold by 4 or 8 is two
or three binary folds with beta, beta^2, beta^4 (P_0 + beta P_1 + beta^2 P_2 + ... either way).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from prover.field.goldilocks_kernels import ext_mul, gl_add, gl_mul, gl_sub

INV_TWO = np.uint64(0x7FFFFFFF80000001)  # (p + 1) / 2
BLOCK = 1 << 14


@njit(cache=True, parallel=True)
def fold2(vals, beta0, beta1, inv_x, out):
    """out[m] = ((v[2m] + v[2m+1]) + beta * (v[2m] - v[2m+1]) * inv_x[m]) / 2."""
    half = out.shape[0]
    nblocks = (half + BLOCK - 1) // BLOCK
    for blk in prange(nblocks):
        lo = blk * BLOCK
        hi = min(lo + BLOCK, half)
        for m in range(lo, hi):
            a0 = vals[2 * m, 0]
            a1 = vals[2 * m, 1]
            b0 = vals[2 * m + 1, 0]
            b1 = vals[2 * m + 1, 1]
            ix = inv_x[m]
            d0 = gl_mul(gl_sub(a0, b0), ix)
            d1 = gl_mul(gl_sub(a1, b1), ix)
            t0, t1 = ext_mul(beta0, beta1, d0, d1)
            out[m, 0] = gl_mul(gl_add(gl_add(a0, b0), t0), INV_TWO)
            out[m, 1] = gl_mul(gl_add(gl_add(a1, b1), t1), INV_TWO)


@njit(inline="always", cache=True)
def _bitrev32(x, bits):
    x = ((x >> np.uint64(1)) & np.uint64(0x55555555)) | ((x & np.uint64(0x55555555)) << np.uint64(1))
    x = ((x >> np.uint64(2)) & np.uint64(0x33333333)) | ((x & np.uint64(0x33333333)) << np.uint64(2))
    x = ((x >> np.uint64(4)) & np.uint64(0x0F0F0F0F)) | ((x & np.uint64(0x0F0F0F0F)) << np.uint64(4))
    x = ((x >> np.uint64(8)) & np.uint64(0x00FF00FF)) | ((x & np.uint64(0x00FF00FF)) << np.uint64(8))
    x = ((x >> np.uint64(16)) & np.uint64(0x0000FFFF)) | ((x & np.uint64(0x0000FFFF)) << np.uint64(16))
    return x >> np.uint64(32 - bits)


@njit(cache=True, parallel=True)
def bitrev_gather(src, out, bits):
    """out[k] = src[bitrev_bits(k)] for 1-D arrays of length 2^bits (bits <= 32)."""
    n = out.shape[0]
    nblocks = (n + BLOCK - 1) // BLOCK
    for blk in prange(nblocks):
        lo = blk * BLOCK
        hi = min(lo + BLOCK, n)
        for k in range(lo, hi):
            out[k] = src[np.int64(_bitrev32(np.uint64(k), bits))]


@njit(cache=True, parallel=True)
def bitrev_gather_rows(src, out, bits):
    """Row version of :func:`bitrev_gather` for 2-D arrays."""
    n = out.shape[0]
    nblocks = (n + BLOCK - 1) // BLOCK
    for blk in prange(nblocks):
        lo = blk * BLOCK
        hi = min(lo + BLOCK, n)
        for k in range(lo, hi):
            j = np.int64(_bitrev32(np.uint64(k), bits))
            for c in range(out.shape[1]):
                out[k, c] = src[j, c]


@njit(cache=True, parallel=True)
def scale_prefix(src, s, out):
    """out[i] = src[i] * s for i < len(out)."""
    n = out.shape[0]
    nblocks = (n + BLOCK - 1) // BLOCK
    for blk in prange(nblocks):
        lo = blk * BLOCK
        hi = min(lo + BLOCK, n)
        for i in range(lo, hi):
            out[i] = gl_mul(src[i], s)
