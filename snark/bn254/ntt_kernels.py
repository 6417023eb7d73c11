"""Numba kernels of the number-theoretic transform over BN254's scalar field Fr (private).

The public API is :mod:`snark.bn254.ntt`. The transform is Cooley-Tukey decimation in time (Cooley and
Tukey 1965): a bit-reversed copy of the input, then log2(n) stages of butterflies (u, v) -> (u + w v,
u - w v) that end in natural order. Elements are Montgomery-form (n, 4) uint64 arrays.

The layout follows :mod:`prover.ntt_kernels` (the Goldilocks NTT): one twiddle table with
``tw[h + j] = w_{2h}^j`` (j < h), so every stage reads a contiguous slice; the first stages run block by
block on blocks that fit in L2; the remaining stages go two at a time (radix 4), so each pass over an
array larger than the cache does two stages. The scaling an inverse or coset transform needs rides on
the bit-reversed copy. A 2^20 transform has 32 MiB of data, four times this machine's L3: the
first version (one parallel pass per stage, twiddles read with a stride, a 64-step bit reversal per
element) took 0.56 s at 2^20 on the AVX2 EPYC; the figures of this one are in the README.

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

# Block of the in-cache stages: 2^12 rows of 32 bytes = 128 KiB, a quarter of the 512 KiB L2 per core.
BLOCK = 1 << 12
# Butterfly groups per prange task in the passes over the whole array (~0.1 ms of work each at 2^10).
CHUNK = 1 << 10


@njit(inline="always", cache=True)
def _mul(a, b):
    return lk.mont_mul(a, b, FR_Q, FR_QINV)


@njit(cache=True)
def _r2_range(a, tw, s, h, j0, j1):
    # One DIT stage of half h on the block a[s:s+2h], butterflies j0..j1-1; twiddle w_{2h}^j = tw[h + j].
    for j in range(j0, j1):
        i0 = s + j
        u = lk.load(a, i0)
        v = _mul(lk.load(a, i0 + h), lk.load(tw, h + j))
        lk.store(a, i0, lk.mod_add(u, v, FR_Q))
        lk.store(a, i0 + h, lk.mod_sub(u, v, FR_Q))


@njit(cache=True)
def _r4_range(a, tw, s, q, j0, j1):
    # Two DIT stages (half q, then half 2q) on the block a[s:s+4q], groups j0..j1-1. The first stage pairs
    # (j, j+q) and (j+2q, j+3q) with w_{2q}^j; the second pairs (j, j+2q) with w_{4q}^j and (j+q, j+3q)
    # with w_{4q}^(j+q): four products per group, as two radix-2 stages, but one pass over memory.
    for j in range(j0, j1):
        i0 = s + j
        w = lk.load(tw, q + j)
        x0 = lk.load(a, i0)
        y1 = _mul(lk.load(a, i0 + q), w)
        x2 = lk.load(a, i0 + 2 * q)
        y3 = _mul(lk.load(a, i0 + 3 * q), w)
        b0 = lk.mod_add(x0, y1, FR_Q)
        b1 = lk.mod_sub(x0, y1, FR_Q)
        z2 = _mul(lk.mod_add(x2, y3, FR_Q), lk.load(tw, 2 * q + j))
        z3 = _mul(lk.mod_sub(x2, y3, FR_Q), lk.load(tw, 3 * q + j))
        lk.store(a, i0, lk.mod_add(b0, z2, FR_Q))
        lk.store(a, i0 + 2 * q, lk.mod_sub(b0, z2, FR_Q))
        lk.store(a, i0 + q, lk.mod_add(b1, z3, FR_Q))
        lk.store(a, i0 + 3 * q, lk.mod_sub(b1, z3, FR_Q))


@njit(cache=True)
def _block(a, tw, s, m):
    """All DIT stages of the block a[s:s+m] (m a power of two), radix 4 while two stages remain."""
    h = 1
    while h < m:
        if 4 * h <= m:
            for b in range(m // (4 * h)):
                _r4_range(a, tw, s + 4 * h * b, h, 0, h)
            h *= 4
        else:
            for b in range(m // (2 * h)):
                _r2_range(a, tw, s + 2 * h * b, h, 0, h)
            h *= 2


@njit(cache=True)
def dit_serial(a, tw):
    """``dit`` on one thread, for n <= BLOCK (a parallel launch costs more than a short transform)."""
    _block(a, tw, 0, a.shape[0])


@njit(cache=True, parallel=True)
def dit(a, tw):
    """Bit-reversed order in, natural order out, in place; ``tw`` as in the module docstring."""
    n = a.shape[0]
    size = min(n, BLOCK)
    for t in prange(n // size):
        _block(a, tw, t * size, size)
    h = size
    while h < n:
        radix = 4 if 4 * h <= n else 2
        per = max(1, h // CHUNK)
        step = h // per
        for t in prange((n // (radix * h)) * per):
            j0 = (t % per) * step
            if radix == 4:
                _r4_range(a, tw, (t // per) * 4 * h, h, j0, j0 + step)
            else:
                _r2_range(a, tw, (t // per) * 2 * h, h, j0, j0 + step)
        h *= radix


@njit(cache=True)
def fill_twiddles(powers, out):
    """out[h + j] = w_{2h}^j for every h = 1, 2, ..., n/2 from powers[k] = w_n^k, k < n/2 (out: (n, 4))."""
    half = powers.shape[0]
    for h_bits in range(64):
        h = 1 << h_bits
        if h > half:
            break
        stride = half // h
        for j in range(h):
            for limb in range(4):
                out[h + j, limb] = powers[j * stride, limb]


# The bit-reversed copy gathers (dst[i] = src[rev[i]], rev being an involution) rather than scatters, and
# carries no product: a Montgomery product is ~150 instructions, so with one in the loop the core's
# window held about one row and every random load of a 32 MiB array paid the full miss latency. At 2^20:
# a copy that also multiplied cost 70-85 ms, the copy alone 15 ms and a sequential scaling pass ~23 ms.


@njit(cache=True)
def _copy_row(src, dst, i, j):
    for limb in range(4):
        dst[i, limb] = src[j, limb]


@njit(cache=True, parallel=True)
def bitrev_copy(src, dst, rev):
    """dst[i] = src[rev[i]]."""
    for i in prange(src.shape[0]):
        _copy_row(src, dst, i, rev[i])


@njit(cache=True)
def powers(x, n, c, out):
    """out[k] = c * x^k for k < n (Montgomery; c = one gives the plain powers)."""
    acc = c
    for k in range(n):
        lk.store(out, k, acc)
        acc = _mul(acc, x)


@njit(cache=True)
def _mul_row(a, i, c):
    lk.store(a, i, _mul(lk.load(a, i), c))


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
