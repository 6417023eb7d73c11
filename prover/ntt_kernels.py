"""Numba kernels of the radix-2 number-theoretic transform over Goldilocks (private; see :mod:`prover.ntt`).

Two in-place butterfly networks share one twiddle table ``tw`` of length n with ``tw[h + j] = w_{2h}^j``
(j < h, h = 1, 2, ..., n/2; ``tw[0]`` unused), so every stage reads a contiguous slice:

* ``dif_inplace`` -- Gentleman-Sande decimation in frequency (Gentleman & Sande 1966): natural-order input,
  bit-reversed output, butterfly ``(x, y) -> (x + y, (x - y) w)``.
* ``dit_inplace`` -- Cooley-Tukey decimation in time (Cooley & Tukey 1965): bit-reversed input,
  natural-order output, butterfly ``(x, y) -> (x + y w, x - y w)``.

Both merge stages in pairs (radix-2^2) so each pass over memory does two stages, and run the stages whose
blocks fit in cache block by block, so a 2^20 transform touches main memory only a few times.
Parallelism: ``prange`` over chunks of the butterfly index (large stages) or over cache blocks.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from prover.field.goldilocks_kernels import ONE, gl_add, gl_mul, gl_reduce128, gl_sub

# Cache block: 2^12 elements = 32 KiB (L1d). Measured at 2^20, one thread: the in-block stages took 7.4 /
# 8.6 / 9.7 / 10.8 ms with blocks of 2^10 / 2^12 / 2^14 / 2^16, and each stage pair left outside costs
# ~1.05 ms (the 8 MiB array stays in the 32 MiB L3, so it is compute-bound), so 2^12 and 2^14 tie at
# ~12.9 ms; 2^12 leaves more independent blocks for prange.
BLOCK = 1 << 12
# Butterfly groups per prange task in the out-of-cache stages: 2^13 radix-4 groups is ~30 us of work, so a
# 2^20 pass splits into 32 tasks for two threads. Not tuned further.
CHUNK = 1 << 13
S16 = np.uint64(16)
S48 = np.uint64(48)
# w_4 of the forward tables (tw[3]): 2^48, since 2^96 = -1 mod p; the inverse tables hold -2^48.
_W4 = np.uint64(1 << 48)


@njit(inline="always", cache=True)
def _mul_2_48(x):
    # x * 2^48 as the 128-bit value (x >> 16) * 2^64 + (x << 48), reduced: 2^48 is the 4th root of unity
    # w_4, so the radix-4 butterflies below need one general product fewer per group (3 instead of 4).
    return gl_reduce128(x >> S16, x << S48)


@njit(inline="always", cache=True)
def _sub_oriented(x, y, forward):
    # w_4 (x - y) = 2^48 (x - y) forward; the inverse table has w_4^-1 = -2^48, so swap the operands.
    if forward:
        return gl_sub(x, y)
    return gl_sub(y, x)


# ---------------------------------------------------------------------------------------------------
# Decimation in frequency (natural -> bit-reversed).
# ---------------------------------------------------------------------------------------------------


@njit(cache=True)
def _dif_r2_range(a, tw, s, h, j0, j1):
    # Slices start at j0 so the loop runs from 0: with `range(j0, j1)` LLVM kept the loop scalar
    # (a 2^20 pass took 5.1 ms instead of 1.1 ms).
    m = j1 - j0
    x = a[s + j0:s + j0 + m]
    y = a[s + h + j0:s + h + j0 + m]
    t = tw[h + j0:h + j0 + m]
    for j in range(m):
        u = x[j]
        v = y[j]
        x[j] = gl_add(u, v)
        y[j] = gl_mul(gl_sub(u, v), t[j])


@njit(cache=True)
def _dif_r4_range(a, tw, tw3, s, q, j0, j1):
    # Two DIF stages at once on a block of 4q, with u = w_{4q}^j: the half-2q stage multiplies by u and
    # u w_4, the half-q stage by u^2 in both halves. Written as a radix-4 butterfly, the products are u,
    # u^2, u^3 (tw3) and one multiply by w_4 = 2^48 (shifts). Zero-based slices keep the loop free of
    # wraparound checks.
    m = j1 - j0
    s0 = s + j0
    a0 = a[s0:s0 + m]
    a1 = a[s0 + q:s0 + q + m]
    a2 = a[s0 + 2 * q:s0 + 2 * q + m]
    a3 = a[s0 + 3 * q:s0 + 3 * q + m]
    t1 = tw[2 * q + j0:2 * q + j0 + m]
    t2 = tw[q + j0:q + j0 + m]
    t3 = tw3[q + j0:q + j0 + m]
    forward = tw[3] == _W4
    for j in range(m):
        x0 = a0[j]
        x1 = a1[j]
        x2 = a2[j]
        x3 = a3[j]
        b0 = gl_add(x0, x2)
        b1 = gl_add(x1, x3)
        e = gl_sub(x0, x2)
        f = _mul_2_48(_sub_oriented(x1, x3, forward))
        a0[j] = gl_add(b0, b1)
        a1[j] = gl_mul(gl_sub(b0, b1), t2[j])
        a2[j] = gl_mul(gl_add(e, f), t1[j])
        a3[j] = gl_mul(gl_sub(e, f), t3[j])


@njit(inline="always", cache=True)
def _dif_tail8(a, tw, s, m):
    # The last three stages (half 4, 2, 1) on groups of eight: inner loops of length 1..4 do not vectorise,
    # a loop over groups with stride-8 loads does (LLVM's interleaved accesses).
    # `range(count)` with multiplied indices, never `range(s, e, 8)`: the stepped form stays scalar
    # (measured 12.8 us vs 2.4 us on 4096 elements), and scalar code pays a mispredicted branch per add.
    blk = a[s:s + m]
    w81 = tw[5]
    w82 = tw[6]
    w83 = tw[7]
    forward = tw[3] == _W4
    for g in range(m // 8):
        i = 8 * g
        x0 = blk[i]
        x1 = blk[i + 1]
        x2 = blk[i + 2]
        x3 = blk[i + 3]
        x4 = blk[i + 4]
        x5 = blk[i + 5]
        x6 = blk[i + 6]
        x7 = blk[i + 7]
        b0 = gl_add(x0, x4)
        b4 = gl_sub(x0, x4)
        b1 = gl_add(x1, x5)
        b5 = gl_mul(gl_sub(x1, x5), w81)
        b2 = gl_add(x2, x6)
        b6 = gl_mul(gl_sub(x2, x6), w82)
        b3 = gl_add(x3, x7)
        b7 = gl_mul(gl_sub(x3, x7), w83)
        c0 = gl_add(b0, b2)
        c2 = gl_sub(b0, b2)
        c1 = gl_add(b1, b3)
        c3 = _mul_2_48(_sub_oriented(b1, b3, forward))
        c4 = gl_add(b4, b6)
        c6 = gl_sub(b4, b6)
        c5 = gl_add(b5, b7)
        c7 = _mul_2_48(_sub_oriented(b5, b7, forward))
        blk[i] = gl_add(c0, c1)
        blk[i + 1] = gl_sub(c0, c1)
        blk[i + 2] = gl_add(c2, c3)
        blk[i + 3] = gl_sub(c2, c3)
        blk[i + 4] = gl_add(c4, c5)
        blk[i + 5] = gl_sub(c4, c5)
        blk[i + 6] = gl_add(c6, c7)
        blk[i + 7] = gl_sub(c6, c7)


@njit(cache=True)
def _dif_small(a, tw, s, m):
    # Sizes below 8 (only whole transforms of n < 8 get here): plain radix-2.
    h = m // 2
    while h >= 1:
        for b in range(m // (2 * h)):
            _dif_r2_range(a, tw, s + 2 * h * b, h, 0, h)
        h //= 2


@njit(cache=True)
def _dif_block(a, tw, tw3, s, m):
    """All DIF stages of the block a[s:s+m] (m a power of two, in cache)."""
    if m < 8:
        _dif_small(a, tw, s, m)
        return
    size = m
    # Stages above the radix-8 tail: an odd count starts with one radix-2 stage.
    if (m // 8) & 0x5555555555555555 == 0:
        h = m // 2
        _dif_r2_range(a, tw, s, h, 0, h)
        size = h
    while size > 8:
        q = size // 4
        for b in range(m // size):
            _dif_r4_range(a, tw, tw3, s + b * size, q, 0, q)
        size = q
    _dif_tail8(a, tw, s, m)


@njit(cache=True, parallel=True)
def dif_inplace(a, tw, tw3):
    """Natural order in, bit-reversed order out, in place. ``a``: contiguous 1-D, len(tw) == len(a)."""
    n = a.shape[0]
    size = n
    while size > BLOCK:
        if size // 4 >= BLOCK:
            q = size // 4
            per = max(1, q // CHUNK)
            step = q // per
            ntask = (n // size) * per
            for t in prange(ntask):
                b = (t // per) * size
                j0 = (t % per) * step
                _dif_r4_range(a, tw, tw3, b, q, j0, j0 + step)
            size //= 4
        else:
            h = size // 2
            per = max(1, h // CHUNK)
            step = h // per
            ntask = (n // size) * per
            for t in prange(ntask):
                b = (t // per) * size
                j0 = (t % per) * step
                _dif_r2_range(a, tw, b, h, j0, j0 + step)
            size //= 2
    nblk = n // size
    for t in prange(nblk):
        _dif_block(a, tw, tw3, t * size, size)


# ---------------------------------------------------------------------------------------------------
# Decimation in time (bit-reversed -> natural).
# ---------------------------------------------------------------------------------------------------


@njit(cache=True)
def _dit_r2_range(a, tw, s, h, j0, j1):
    m = j1 - j0
    x = a[s + j0:s + j0 + m]
    y = a[s + h + j0:s + h + j0 + m]
    t = tw[h + j0:h + j0 + m]
    for j in range(m):
        u = x[j]
        v = gl_mul(y[j], t[j])
        x[j] = gl_add(u, v)
        y[j] = gl_sub(u, v)


@njit(cache=True)
def _dit_r4_range(a, tw, tw3, s, q, j0, j1):
    # Two DIT stages at once on a block of 4q, with u = w_{4q}^j: the half-q stage multiplies by u^2, the
    # half-2q stage by u and u w_4. As a radix-4 butterfly the inputs are multiplied by u^2, u, u^3 (tw3)
    # and one difference by w_4 = 2^48 (shifts): three general products per group instead of four.
    m = j1 - j0
    s0 = s + j0
    a0 = a[s0:s0 + m]
    a1 = a[s0 + q:s0 + q + m]
    a2 = a[s0 + 2 * q:s0 + 2 * q + m]
    a3 = a[s0 + 3 * q:s0 + 3 * q + m]
    t1 = tw[2 * q + j0:2 * q + j0 + m]
    t2 = tw[q + j0:q + j0 + m]
    t3 = tw3[q + j0:q + j0 + m]
    forward = tw[3] == _W4
    for j in range(m):
        x0 = a0[j]
        y1 = gl_mul(a1[j], t2[j])
        y2 = gl_mul(a2[j], t1[j])
        y3 = gl_mul(a3[j], t3[j])
        b0 = gl_add(x0, y1)
        b1 = gl_sub(x0, y1)
        c = gl_add(y2, y3)
        d = _mul_2_48(_sub_oriented(y2, y3, forward))
        a0[j] = gl_add(b0, c)
        a2[j] = gl_sub(b0, c)
        a1[j] = gl_add(b1, d)
        a3[j] = gl_sub(b1, d)


@njit(inline="always", cache=True)
def _dit_head8(a, tw, s, m):
    # The first three stages (half 1, 2, 4) on groups of eight; see _dif_tail8 for why.
    blk = a[s:s + m]
    w81 = tw[5]
    w82 = tw[6]
    w83 = tw[7]
    forward = tw[3] == _W4
    for g in range(m // 8):
        i = 8 * g
        x0 = blk[i]
        x1 = blk[i + 1]
        x2 = blk[i + 2]
        x3 = blk[i + 3]
        x4 = blk[i + 4]
        x5 = blk[i + 5]
        x6 = blk[i + 6]
        x7 = blk[i + 7]
        b0 = gl_add(x0, x1)
        b1 = gl_sub(x0, x1)
        b2 = gl_add(x2, x3)
        b3 = gl_sub(x2, x3)
        b4 = gl_add(x4, x5)
        b5 = gl_sub(x4, x5)
        b6 = gl_add(x6, x7)
        b7 = gl_sub(x6, x7)
        # w_4 b3 = +-2^48 b3: the sign picks which output takes the sum.
        v = _mul_2_48(b3)
        c0 = gl_add(b0, b2)
        c2 = gl_sub(b0, b2)
        c1 = gl_add(b1, v) if forward else gl_sub(b1, v)
        c3 = gl_sub(b1, v) if forward else gl_add(b1, v)
        v = _mul_2_48(b7)
        c4 = gl_add(b4, b6)
        c6 = gl_sub(b4, b6)
        c5 = gl_add(b5, v) if forward else gl_sub(b5, v)
        c7 = gl_sub(b5, v) if forward else gl_add(b5, v)
        blk[i] = gl_add(c0, c4)
        blk[i + 4] = gl_sub(c0, c4)
        v = gl_mul(c5, w81)
        blk[i + 1] = gl_add(c1, v)
        blk[i + 5] = gl_sub(c1, v)
        v = gl_mul(c6, w82)
        blk[i + 2] = gl_add(c2, v)
        blk[i + 6] = gl_sub(c2, v)
        v = gl_mul(c7, w83)
        blk[i + 3] = gl_add(c3, v)
        blk[i + 7] = gl_sub(c3, v)


@njit(cache=True)
def _dit_small(a, tw, s, m):
    h = 1
    while h < m:
        for b in range(m // (2 * h)):
            _dit_r2_range(a, tw, s + 2 * h * b, h, 0, h)
        h *= 2


@njit(cache=True)
def _dit_block(a, tw, tw3, s, m):
    """All DIT stages of the block a[s:s+m] (m a power of two, in cache)."""
    if m < 8:
        _dit_small(a, tw, s, m)
        return
    _dit_head8(a, tw, s, m)
    size = 8
    # An odd number of remaining stages: do the radix-2 one now, while blocks are small.
    if (m // 8) & 0x5555555555555555 == 0:
        for b in range(m // 16):
            _dit_r2_range(a, tw, s + 16 * b, 8, 0, 8)
        size = 16
    while size < m:
        q = size
        for b in range(m // (4 * q)):
            _dit_r4_range(a, tw, tw3, s + 4 * q * b, q, 0, q)
        size *= 4


@njit(cache=True)
def dit_serial(a, tw, tw3):
    """``dit_inplace`` on one thread, for lengths <= BLOCK: a parallel launch costs ~0.1 ms on this
    machine, more than the whole transform of a short column (the verifier's periodic columns)."""
    _dit_block(a, tw, tw3, 0, a.shape[0])


@njit(cache=True)
def dif_serial(a, tw, tw3):
    """``dif_inplace`` on one thread, for lengths <= BLOCK (see ``dit_serial``)."""
    _dif_block(a, tw, tw3, 0, a.shape[0])


@njit(cache=True, parallel=True)
def dit_inplace(a, tw, tw3):
    """Bit-reversed order in, natural order out, in place. ``a``: contiguous 1-D, len(tw) == len(a)."""
    n = a.shape[0]
    size = min(n, BLOCK)
    nblk = n // size
    for t in prange(nblk):
        _dit_block(a, tw, tw3, t * size, size)
    while size < n:
        if size * 4 <= n:
            q = size
            per = max(1, q // CHUNK)
            step = q // per
            ntask = (n // (4 * q)) * per
            for t in prange(ntask):
                b = (t // per) * 4 * q
                j0 = (t % per) * step
                _dit_r4_range(a, tw, tw3, b, q, j0, j0 + step)
            size *= 4
        else:
            h = size
            per = max(1, h // CHUNK)
            step = h // per
            ntask = (n // (2 * h)) * per
            for t in prange(ntask):
                b = (t // per) * 2 * h
                j0 = (t % per) * step
                _dit_r2_range(a, tw, b, h, j0, j0 + step)
            size *= 2


# ---------------------------------------------------------------------------------------------------
# Permutations, twiddles and scalings.
# ---------------------------------------------------------------------------------------------------


@njit(cache=True)
def bitrev_indices(logn):
    n = 1 << logn
    r = np.zeros(n, dtype=np.int64)
    for i in range(1, n):
        r[i] = (r[i >> 1] >> 1) | ((i & 1) << (logn - 1))
    return r


@njit(cache=True)
def _rev_bits(v, bits):
    r = 0
    for _ in range(bits):
        r = (r << 1) | (v & 1)
        v >>= 1
    return r


@njit(cache=True, parallel=True)
def bitrev_copy(src, dst, rev_lo, rev_hi, lo_bits, scale):
    """dst[bitrev(i)] = src[i] * scale, by tiles so reads and writes both stay in runs.

    i = hi | mid | lo with ``lo_bits`` bits at each end: bitrev(i) = rev(lo) | rev(mid) | rev(hi). For
    one ``mid``, the 2^lo_bits x 2^lo_bits tile reads 2^lo_bits runs of src and writes 2^lo_bits runs of
    dst, through a transposing buffer in L1: the runs sit 2^(k - lo_bits) elements apart, a power-of-two
    stride that maps them all to one cache set, so touching them in turn would thrash.
    ``rev_lo`` holds rev(lo) already shifted to the top, ``rev_hi`` rev(hi).
    Measured at 2^20: tiles without the buffer 11.9 ms, with it 1.3 ms (a plain copy takes 0.25 ms).
    """
    n = src.shape[0]
    t = 1 << lo_bits
    mids = n // (t * t)
    nmid_bits = 0
    while (1 << nmid_bits) < mids:
        nmid_bits += 1
    row = n // t
    for mid in prange(mids):
        buf = np.empty((t, t), dtype=np.uint64)
        rmid = _rev_bits(mid, nmid_bits) << lo_bits
        for hi in range(t):
            seg = src[hi * row + mid * t:hi * row + mid * t + t]
            rh = rev_hi[hi]
            for lo in range(t):
                buf[lo, rh] = seg[lo]
        for lo in range(t):
            d0 = rev_lo[lo] + rmid
            out = dst[d0:d0 + t]
            b = buf[lo]
            for j in range(t):
                out[j] = gl_mul(b[j], scale)


@njit(cache=True)
def bitrev_small(src, dst, rev, scale):
    for i in range(src.shape[0]):
        dst[rev[i]] = gl_mul(src[i], scale)


@njit(cache=True)
def fill_twiddles(w, n, out):
    """out[h + j] = w_{2h}^j for every h, from w = w_n (out has length n)."""
    h = n // 2
    acc = ONE
    for j in range(h):
        out[h + j] = acc
        acc = gl_mul(acc, w)
    while h > 1:
        h2 = h // 2
        for j in range(h2):
            out[h2 + j] = out[h + 2 * j]
        h = h2


@njit(cache=True)
def fill_twiddles3(tw, out):
    """out[q + j] = w_{4q}^{3j} = tw[2q + j] * tw[q + j] for every q = 1, 2, ..., len(out) / 2."""
    q = 1
    while 2 * q <= out.shape[0]:
        for j in range(q):
            out[q + j] = gl_mul(tw[2 * q + j], tw[q + j])
        q *= 2


@njit(cache=True, parallel=True)
def scale_by_powers_into(src, base, dst):
    """dst[i] = src[i] * base^i for i < len(src) (dst may be longer; the rest is left alone)."""
    n = src.shape[0]
    el = 1
    while el * el < n:
        el *= 2
    small = np.empty(el, dtype=np.uint64)
    acc = ONE
    for i in range(el):
        small[i] = acc
        acc = gl_mul(acc, base)
    nb = (n + el - 1) // el
    bigs = np.empty(nb, dtype=np.uint64)
    big = ONE
    for b in range(nb):
        bigs[b] = big
        big = gl_mul(big, acc)
    for b in prange(nb):
        lo = b * el
        top = min(el, n - lo)
        s = src[lo:lo + top]
        d = dst[lo:lo + top]
        g = bigs[b]
        for k in range(top):
            d[k] = gl_mul(s[k], gl_mul(small[k], g))


@njit(cache=True, parallel=True)
def mul_scalar_par(a, s):
    n = a.shape[0]
    nb = (n + CHUNK - 1) // CHUNK
    for b in prange(nb):
        seg = a[b * CHUNK:min(n, (b + 1) * CHUNK)]
        for k in range(seg.shape[0]):
            seg[k] = gl_mul(seg[k], s)


@njit(cache=True, parallel=True)
def transpose_into(a, out):
    """out[j, i] = a[i, j] for a 2-D uint64 array, parallel over 64-wide tiles of the longer side.

    numpy's ``ascontiguousarray(a.T)`` is single-threaded and ran 0.08-1.0 s for 2^22 x 12 on this
    machine; this kernel takes ~0.06 s either way round. Tiling the long side matters: tiling only the
    rows left a (12, 2^22) -> (2^22, 12) transpose on one thread (1.5 s in a Rescue-chain proof).
    """
    r, c = a.shape
    tile = 64
    if r >= c:
        for b in prange((r + tile - 1) // tile):
            lo = b * tile
            hi = min(lo + tile, r)
            for j in range(c):
                for i in range(lo, hi):
                    out[j, i] = a[i, j]
    else:
        for b in prange((c + tile - 1) // tile):
            lo = b * tile
            hi = min(lo + tile, c)
            for i in range(r):
                for j in range(lo, hi):
                    out[j, i] = a[i, j]
