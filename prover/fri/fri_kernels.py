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


@njit(inline="always", cache=True)
def _bitrev32(x, bits):
    x = ((x >> np.uint64(1)) & np.uint64(0x55555555)) | ((x & np.uint64(0x55555555)) << np.uint64(1))
    x = ((x >> np.uint64(2)) & np.uint64(0x33333333)) | ((x & np.uint64(0x33333333)) << np.uint64(2))
    x = ((x >> np.uint64(4)) & np.uint64(0x0F0F0F0F)) | ((x & np.uint64(0x0F0F0F0F)) << np.uint64(4))
    x = ((x >> np.uint64(8)) & np.uint64(0x00FF00FF)) | ((x & np.uint64(0x00FF00FF)) << np.uint64(8))
    x = ((x >> np.uint64(16)) & np.uint64(0x0000FFFF)) | ((x & np.uint64(0x0000FFFF)) << np.uint64(16))
    return x >> np.uint64(32 - bits)


@njit(cache=True, parallel=True)
def bitrev_gather_rows(src, out, bits):
    """out[k] = src[bitrev_bits(k)] for the rows of 2-D arrays of 2^bits rows (bits <= 32)."""
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


@njit(cache=True, parallel=True)
def fold2_lanes(vals, beta0, beta1, inv_x, out):
    """out[m] = ((v[2m] + v[2m+1]) + beta * (v[2m] - v[2m+1]) * inv_x[m]) / 2, block by block.

    Each block is de-interleaved into 1-D lanes first: the row-major (n, 2) pairs defeat LLVM's
    vectoriser, while passes over contiguous lanes let the split-32 multiplications run in AVX-512 (the
    DEEP kernel's layout, measured there at 4-20x per pass).
    """
    half = out.shape[0]
    nblocks = (half + BLOCK - 1) // BLOCK
    for blk in prange(nblocks):
        lo = blk * BLOCK
        hi = min(lo + BLOCK, half)
        m = hi - lo
        s0 = np.empty(m, dtype=np.uint64)
        s1 = np.empty(m, dtype=np.uint64)
        d0 = np.empty(m, dtype=np.uint64)
        d1 = np.empty(m, dtype=np.uint64)
        for i in range(m):
            a0 = vals[2 * (lo + i), 0]
            a1 = vals[2 * (lo + i), 1]
            b0 = vals[2 * (lo + i) + 1, 0]
            b1 = vals[2 * (lo + i) + 1, 1]
            s0[i] = gl_add(a0, b0)
            s1[i] = gl_add(a1, b1)
            d0[i] = gl_sub(a0, b0)
            d1[i] = gl_sub(a1, b1)
        for i in range(m):
            ix = inv_x[lo + i]
            d0[i] = gl_mul(d0[i], ix)
            d1[i] = gl_mul(d1[i], ix)
        for i in range(m):
            t0, t1 = ext_mul(beta0, beta1, d0[i], d1[i])
            s0[i] = gl_mul(gl_add(s0[i], t0), INV_TWO)
            s1[i] = gl_mul(gl_add(s1[i], t1), INV_TWO)
        for i in range(m):
            out[lo + i, 0] = s0[i]
            out[lo + i, 1] = s1[i]


@njit(cache=True, parallel=True)
def bitrev_powers(base, first, out):
    """out[k] = first * base^bitrev(k) for k < len(out) = 2^bits, without a gather.

    bitrev(k + 2^j) = bitrev(k) + 2^(bits-1-j) for k < 2^j, so each level doubles the filled prefix with
    one multiplication per element by base^(2^(bits-1-j)); reads and writes stay sequential (the gather
    it replaces cost 0.13 s at 2^22 on this machine, in cache misses).
    """
    n = out.shape[0]
    out[0] = first
    if n == 1:
        return
    bits = 0
    while (1 << bits) < n:
        bits += 1
    # steps[j] = base^(2^(bits-1-j)): square down from base^(2^(bits-1)).
    steps = np.empty(bits, dtype=np.uint64)
    p = base
    for j in range(bits - 1, -1, -1):
        steps[j] = p
        p = gl_mul(p, p)
    h = 1
    for j in range(bits):
        f = steps[j]
        if h < BLOCK:
            for k in range(h):
                out[h + k] = gl_mul(out[k], f)
        else:
            for blk in prange(h // BLOCK):
                for k in range(blk * BLOCK, (blk + 1) * BLOCK):
                    out[h + k] = gl_mul(out[k], f)
        h *= 2


@njit(cache=True)
def fold_leaves(rows, bases, small, betas, out):
    """The verifier's fold of whole leaves: out[l] = the f values of rows[l] folded to one (f = rows / 2).

    ``rows``: (L, 2f) canonical words, value t of leaf l at (rows[l, 2t], rows[l, 2t+1]);
    ``bases[l]``: 1 / x of the leaf's first pair in round 0 (it squares from round to round, as the next
    round's first pair sits at x^2); ``small[r, u]``: the twiddle of pair u in round r (1 for u = 0);
    ``betas[r]``: beta^(2^r). Same binary fold as :func:`fold2_lanes`, on one leaf at a time: a proof
    opens a few hundred leaves, too few for lanes or threads.
    """
    f = rows.shape[1] // 2
    rounds = betas.shape[0]
    cur = np.empty((f, 2), dtype=np.uint64)
    for leaf in range(rows.shape[0]):
        for t in range(f):
            cur[t, 0] = rows[leaf, 2 * t]
            cur[t, 1] = rows[leaf, 2 * t + 1]
        base = bases[leaf]
        size = f
        for r in range(rounds):
            half = size // 2
            for u in range(half):
                x_inv = gl_mul(base, small[r, u])
                a0 = cur[2 * u, 0]
                a1 = cur[2 * u, 1]
                b0 = cur[2 * u + 1, 0]
                b1 = cur[2 * u + 1, 1]
                t0, t1 = ext_mul(betas[r, 0], betas[r, 1], gl_mul(gl_sub(a0, b0), x_inv),
                                 gl_mul(gl_sub(a1, b1), x_inv))
                cur[u, 0] = gl_mul(gl_add(gl_add(a0, b0), t0), INV_TWO)
                cur[u, 1] = gl_mul(gl_add(gl_add(a1, b1), t1), INV_TWO)
            base = gl_mul(base, base)
            size = half
        out[leaf, 0] = cur[0, 0]
        out[leaf, 1] = cur[0, 1]
