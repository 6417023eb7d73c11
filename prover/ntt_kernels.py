"""Numba kernels of the radix-2 number-theoretic transform over Goldilocks (private; see :mod:`prover.ntt`).

Two butterfly networks, both with Cooley-Tukey butterflies ``(x, y) -> (x + y w, x - y w)`` (Cooley &
Tukey 1965), whose multiply-first shape LLVM compiles better here than Gentleman-Sande's ``(x + y,
(x - y) w)`` (that decimation-in-frequency network ran 15-20 % slower on the AVX2 EPYC):

* ``dit_inplace`` -- decimation in time: bit-reversed input, natural-order output, in place. Twiddle table
  ``tw`` of length n with ``tw[h + j] = w_{2h}^j`` (j < h, h = 1, 2, ..., n/2), so a stage reads a
  contiguous slice.
* ``coset_nb_into`` -- natural-order input, bit-reversed output, on a coset (Longa & Naehrig 2016,
  Algorithm 1): block b of every stage has one constant ``zb[b] = w_n^bitrev(b)``, scaled by a power of
  the coset shift. The LDE's per-coset transform.

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
# Natural order -> bit-reversed order, Cooley-Tukey butterflies, on a coset.
# ---------------------------------------------------------------------------------------------------


@njit(inline="always", cache=True)
def _log2(x):
    r = 0
    while (1 << r) < x:
        r += 1
    return r


@njit(cache=True)
def _nb_r2(src, dst, s, h, j0, j1, z):
    # One stage on the block [s, s + 2h): (x, y) -> (x + z y, x - z y), reading src and writing dst (used for
    # the first stage only, so the in-place passes keep their single-array loops; see _nb_r4).
    m = j1 - j0
    s0 = s + j0
    x = src[s0:s0 + m]
    y = src[s0 + h:s0 + h + m]
    dx = dst[s0:s0 + m]
    dy = dst[s0 + h:s0 + h + m]
    for j in range(m):
        u = x[j]
        v = gl_mul(y[j], z)
        dx[j] = gl_add(u, v)
        dy[j] = gl_sub(u, v)


@njit(inline="always", cache=True)
def _nb_bfly4(x0, x1, x2, x3, z1, z2, z3):
    # Two stages (half 2q with z = z1^2, then half q with z1 and z1 w_4) on x_i = a[j + i q]. As in
    # _dit_r4_range, the inputs are multiplied by z1^2, z1, z1^3 and one difference by w_4 (shifts).
    c = gl_mul(x2, z2)
    e = gl_mul(x1, z1)
    f = gl_mul(x3, z3)
    y0 = gl_add(x0, c)
    y2 = gl_sub(x0, c)
    u = gl_add(e, f)
    v = _mul_2_48(gl_sub(e, f))
    return gl_add(y0, u), gl_sub(y0, u), gl_add(y2, v), gl_sub(y2, v)


@njit(cache=True)
def _nb_r4(a, s, q, j0, j1, z1, z2, z3):
    # The radix-4 pass on the block [s, s + 4q), in place. The multipliers are constant over the block:
    # no twiddle loads. (Reading a second array here as well, for the first pass, cost 30 %: 0.18 vs
    # 0.14 ms on 2^16 elements, one thread; hence _nb_r4_from.)
    m = j1 - j0
    s0 = s + j0
    a0 = a[s0:s0 + m]
    a1 = a[s0 + q:s0 + q + m]
    a2 = a[s0 + 2 * q:s0 + 2 * q + m]
    a3 = a[s0 + 3 * q:s0 + 3 * q + m]
    for j in range(m):
        a0[j], a1[j], a2[j], a3[j] = _nb_bfly4(a0[j], a1[j], a2[j], a3[j], z1, z2, z3)


@njit(cache=True)
def _nb_r4_from(src, dst, q, j0, j1, z1, z2, z3):
    # The first radix-4 pass (one block, the whole array), reading src and writing dst.
    m = j1 - j0
    a0 = src[j0:j0 + m]
    a1 = src[j0 + q:j0 + q + m]
    a2 = src[j0 + 2 * q:j0 + 2 * q + m]
    a3 = src[j0 + 3 * q:j0 + 3 * q + m]
    d0 = dst[j0:j0 + m]
    d1 = dst[j0 + q:j0 + q + m]
    d2 = dst[j0 + 2 * q:j0 + 2 * q + m]
    d3 = dst[j0 + 3 * q:j0 + 3 * q + m]
    for j in range(m):
        d0[j], d1[j], d2[j], d3[j] = _nb_bfly4(a0[j], a1[j], a2[j], a3[j], z1, z2, z3)


@njit(inline="always", cache=True)
def _nb_multipliers(zb, zb3, bpow, b, lq):
    # Block b of the stage with half 2q = 2^(lq + 1): z1 = beta^q zb[2b], z1^2 = beta^2q zb[b],
    # z1^3 = beta^3q zb3[b].
    bq = bpow[lq]
    b2q = bpow[lq + 1]
    return gl_mul(bq, zb[2 * b]), gl_mul(b2q, zb[b]), gl_mul(gl_mul(bq, b2q), zb3[b])


@njit(inline="always", cache=True)
def _nb_tail8(a, s, m, g0, zb, zb3, bpow):
    # The last three stages (half 4, then 2 and 1 as radix 4) on groups of eight; group g is block
    # g0 + g of the half-4 stage. Its multipliers change every group, so they are loaded (strided: LLVM's
    # interleaved accesses) and scaled by powers of beta: 7 products per 8 elements.
    blk = a[s:s + m]
    ng = m // 8
    z1 = zb[g0:g0 + ng]
    z2 = zb[2 * g0:2 * g0 + 2 * ng]
    z4 = zb[4 * g0:4 * g0 + 4 * ng]
    z3 = zb3[2 * g0:2 * g0 + 2 * ng]
    b1 = bpow[0]
    b2 = bpow[1]
    b4 = bpow[2]
    b3 = gl_mul(b1, b2)
    for g in range(ng):
        i = 8 * g
        w = gl_mul(b4, z1[g])
        t4 = gl_mul(blk[i + 4], w)
        t5 = gl_mul(blk[i + 5], w)
        t6 = gl_mul(blk[i + 6], w)
        t7 = gl_mul(blk[i + 7], w)
        x0 = blk[i]
        x1 = blk[i + 1]
        x2 = blk[i + 2]
        x3 = blk[i + 3]
        y0 = gl_add(x0, t4)
        y4 = gl_sub(x0, t4)
        y1 = gl_add(x1, t5)
        y5 = gl_sub(x1, t5)
        y2 = gl_add(x2, t6)
        y6 = gl_sub(x2, t6)
        y3 = gl_add(x3, t7)
        y7 = gl_sub(x3, t7)
        blk[i], blk[i + 1], blk[i + 2], blk[i + 3] = _nb_bfly4(
            y0, y1, y2, y3, gl_mul(b1, z4[4 * g]), gl_mul(b2, z2[2 * g]), gl_mul(b3, z3[2 * g]))
        blk[i + 4], blk[i + 5], blk[i + 6], blk[i + 7] = _nb_bfly4(
            y4, y5, y6, y7, gl_mul(b1, z4[4 * g + 2]), gl_mul(b2, z2[2 * g + 1]), gl_mul(b3, z3[2 * g + 1]))


@njit(cache=True)
def _nb_block(a, zb, zb3, bpow, s, m, bidx):
    """The remaining stages of block ``bidx`` (of size m, log2(m) - 3 even, in cache) at a[s:s+m]."""
    size = m
    nb = 1
    while size > 8:
        q = size // 4
        lq = _log2(q)
        for c in range(nb):
            z1, z2, z3 = _nb_multipliers(zb, zb3, bpow, bidx * nb + c, lq)
            _nb_r4(a, s + c * size, q, 0, q, z1, z2, z3)
        size = q
        nb *= 4
    _nb_tail8(a, s, m, bidx * (m // 8), zb, zb3, bpow)


@njit(cache=True)
def _nb_small(src, dst, zb, zb3, bpow):
    # n < 8: one radix-2 stage (n = 2) or one radix-4 pass (n = 4); n = 1 is a copy.
    n = src.shape[0]
    if n == 1:
        dst[0] = src[0]
    elif n == 2:
        _nb_r2(src, dst, 0, 1, 0, 1, gl_mul(bpow[0], zb[0]))
    else:
        z1, z2, z3 = _nb_multipliers(zb, zb3, bpow, 0, 0)
        _nb_r4_from(src, dst, 1, 0, 1, z1, z2, z3)


@njit(cache=True)
def coset_nb_serial(src, dst, zb, zb3, bpow):
    """``coset_nb_into`` on one thread, for lengths <= BLOCK (see ``dit_serial``)."""
    n = src.shape[0]
    if n < 8:
        _nb_small(src, dst, zb, zb3, bpow)
        return
    k = _log2(n)
    if (k - 3) % 2 == 1:
        h = n // 2
        _nb_r2(src, dst, 0, h, 0, h, bpow[k - 1])
        _nb_block(dst, zb, zb3, bpow, 0, h, 0)
        _nb_block(dst, zb, zb3, bpow, h, h, 1)
    else:
        dst[:] = src
        _nb_block(dst, zb, zb3, bpow, 0, n, 0)


@njit(cache=True, parallel=True)
def coset_nb_into(src, dst, zb, zb3, bpow):
    """dst[i] = f(beta * w_n^bitrev(i)) for f = sum_j src[j] x^j: bit-reversed evaluations on a coset.

    The network of Longa & Naehrig 2016 (Algorithm 1, "Speeding up the Number Theoretic Transform for
    Faster Ideal Lattice-Based Cryptography"): Cooley-Tukey butterflies from natural to bit-reversed
    order, block b of every stage multiplying by ``zb[b] = w_n^bitrev_{k-1}(b)``. The coset rides on the
    same constants: the stage splitting x^2L - c into x^L -+ sqrt(c) multiplies by beta^L zb[b], so no
    pass scales the input by beta^j. ``zb3[b] = zb[2b]^3``; ``bpow[i] = beta^(2^i)`` for i <= log2(n).

    It replaced a scaling pass plus decimation in frequency (Gentleman-Sande butterflies, the multiply
    after the subtraction). Measured on the AVX2 EPYC at 2^20: the plain transform, one thread, 24.6-25.2
    vs 28.6 ms; one coset, two threads, 14.1 vs 3 + 15 ms; the LDE x8 of 2^20, alternate runs of the two
    versions, 144.5 and 148.1 vs 166 and 177 ms.
    """
    n = src.shape[0]
    if n < 8:
        _nb_small(src, dst, zb, zb3, bpow)
        return
    k = _log2(n)
    size = n
    nb = 1
    first = True
    if (k - 3) % 2 == 1:
        h = n // 2
        per = max(1, h // CHUNK)
        step = h // per
        z = bpow[k - 1]
        for t in prange(per):
            _nb_r2(src, dst, 0, h, t * step, (t + 1) * step, z)
        size = h
        nb = 2
        first = False
    while size > BLOCK:
        q = size // 4
        lq = _log2(q)
        per = max(1, q // CHUNK)
        step = q // per
        for t in prange(nb * per):
            b = t // per
            j0 = (t % per) * step
            z1, z2, z3 = _nb_multipliers(zb, zb3, bpow, b, lq)
            if first:
                _nb_r4_from(src, dst, q, j0, j0 + step, z1, z2, z3)
            else:
                _nb_r4(dst, b * size, q, j0, j0 + step, z1, z2, z3)
        size = q
        nb *= 4
        first = False
    if first:
        dst[:] = src
    for t in prange(nb):
        _nb_block(dst, zb, zb3, bpow, t * size, size, t)


@njit(cache=True)
def fill_cubes_even(zb, out):
    """out[b] = zb[2b]^3 for b < len(out)."""
    for b in range(out.shape[0]):
        z = zb[2 * b]
        out[b] = gl_mul(gl_mul(z, z), z)


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
    # The first three stages (half 1, 2, 4) on groups of eight: inner loops of length 1..4 do not
    # vectorise, a loop over groups with stride-8 loads does (LLVM's interleaved accesses).
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
    Measured at 2^20 (AVX2 EPYC, one thread): 32 x 32 tiles written column-wise into the buffer and
    multiplied by ``scale`` even when it is 1, 5.2 ms; 64 x 64 tiles written row-wise into the buffer and
    read column-wise, no product when scale == 1, 2.9 ms (a plain copy takes 1.6 ms). On an AVX-512 EPYC
    32 x 32 tiles took 1.3 ms through the buffer against 11.9 ms without it.
    """
    n = src.shape[0]
    t = 1 << lo_bits
    mids = n // (t * t)
    nmid_bits = 0
    while (1 << nmid_bits) < mids:
        nmid_bits += 1
    row = n // t
    unscaled = scale == ONE
    for mid in prange(mids):
        buf = np.empty((t, t), dtype=np.uint64)
        rmid = _rev_bits(mid, nmid_bits) << lo_bits
        for hi in range(t):
            seg = src[hi * row + mid * t:hi * row + mid * t + t]
            b = buf[rev_hi[hi]]
            for lo in range(t):
                b[lo] = seg[lo]
        for lo in range(t):
            d0 = rev_lo[lo] + rmid
            out = dst[d0:d0 + t]
            if unscaled:
                for j in range(t):
                    out[j] = buf[j, lo]
            else:
                for j in range(t):
                    out[j] = gl_mul(buf[j, lo], scale)


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
