"""Numba kernels of the BLAKE3 compression function, run on many inputs in lockstep (private).

BLAKE3 (O'Connor, Aumasson, Neves, Wilcox-O'Hearn, "BLAKE3: one function, fast everywhere", 2020): a
7-round ChaCha-like compression of a 16-word state, inputs split into 1024-byte chunks of 64-byte blocks,
chunk chaining values merged in a left-balanced binary tree. Only the default (unkeyed, 32-byte) hash is
implemented here; the public wrappers live in :mod:`prover.blake3`.

Layout. Rows are hashed TILE at a time in "transposed" form: word k of the message of lane i sits at
``msg[k, i]``, so the loop over lanes in :func:`_compress_tile` is one long straight-line body that LLVM
vectorises across lanes (16 x uint32 per zmm register, rotations become ``vprold``). Measured on this
machine (AMD EPYC Zen 4, one thread, 2^20 single-block compressions): one row at a time 77 ms; the
same code on uint64-held words vectorised 8-wide, 30 ms; uint32 words vectorised 16-wide, 10 ms; and
12 ms including the gather of rows into tiles. Numba types uint32 + uint32 as int64, so every step is
cast back with ``np.uint32(...)``; LLVM folds the widen/narrow pairs and keeps 32-bit lanes.
Indices in the hot loops are uint64: with signed indices Numba's wraparound select hides the affine
address from LLVM ("unsafe indirect dependence") and the loop stays scalar.

The round code below is written out (7 rounds x 8 G calls, the message schedule applied by renaming
instead of permuting an array) because a permutation array indexed at run time blocks vectorisation.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

# Lanes per tile: 8 + 16 + 8 words x 256 lanes x 4 bytes = 32 KiB of buffers, inside the 64 KiB L1d.
TILE = 256
# Offsets of words 1..15 in a flat tile buffer (uint64 so index arithmetic stays unsigned).
T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15 = (np.uint64(k * TILE) for k in range(1, 16))
# Rows per parallel work item; each item allocates its own tile buffers once.
BLOCK = 4096

CHUNK_START = np.uint32(1)
CHUNK_END = np.uint32(2)
PARENT = np.uint32(4)
ROOT = np.uint32(8)
NO_FLAGS = np.uint32(0)
CHUNK_BYTES = 1024
BLOCK_BYTES = 64
CHUNK_WORDS = 256  # as uint32 words
BLOCK_WORDS = 16

IV = np.array([0x6A09E667, 0xBB67AE85, 0x3C6EF372, 0xA54FF53A,
               0x510E527F, 0x9B05688C, 0x1F83D9AB, 0x5BE0CD19], dtype=np.uint32)
IV0 = np.uint32(0x6A09E667)
IV1 = np.uint32(0xBB67AE85)
IV2 = np.uint32(0x3C6EF372)
IV3 = np.uint32(0xA54FF53A)
IV4 = np.uint32(0x510E527F)
IV5 = np.uint32(0x9B05688C)
IV6 = np.uint32(0x1F83D9AB)
IV7 = np.uint32(0x5BE0CD19)
ZERO32 = np.uint32(0)
MASK32 = np.uint64(0xFFFFFFFF)
SHIFT32 = np.uint64(32)
S7 = np.uint64(7)
S8 = np.uint64(8)
S12 = np.uint64(12)
S16 = np.uint64(16)
S20 = np.uint64(20)
S24 = np.uint64(24)
S25 = np.uint64(25)


@njit(inline="always")
def _g(a, b, c, d, x, y):
    """The BLAKE3 quarter-round G on uint32 words (rotations right by 16, 12, 8, 7)."""
    a = np.uint32(a + b + x)
    d = np.uint32(d ^ a)
    d = np.uint32((d >> S16) | (d << S16))
    c = np.uint32(c + d)
    b = np.uint32(b ^ c)
    b = np.uint32((b >> S12) | (b << S20))
    a = np.uint32(a + b + y)
    d = np.uint32(d ^ a)
    d = np.uint32((d >> S8) | (d << S24))
    c = np.uint32(c + d)
    b = np.uint32(b ^ c)
    b = np.uint32((b >> S7) | (b << S25))
    return a, b, c, d


@njit(inline="always")
def _compress(h0, h1, h2, h3, h4, h5, h6, h7,
              m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15,
              t_lo, t_hi, block_len, flags):
    """Compress one block; returns the 8-word output chaining value (first half of the output)."""
    v0 = h0
    v1 = h1
    v2 = h2
    v3 = h3
    v4 = h4
    v5 = h5
    v6 = h6
    v7 = h7
    v8 = IV0
    v9 = IV1
    v10 = IV2
    v11 = IV3
    v12 = t_lo
    v13 = t_hi
    v14 = block_len
    v15 = flags
    # round 1
    v0, v4, v8, v12 = _g(v0, v4, v8, v12, m0, m1)
    v1, v5, v9, v13 = _g(v1, v5, v9, v13, m2, m3)
    v2, v6, v10, v14 = _g(v2, v6, v10, v14, m4, m5)
    v3, v7, v11, v15 = _g(v3, v7, v11, v15, m6, m7)
    v0, v5, v10, v15 = _g(v0, v5, v10, v15, m8, m9)
    v1, v6, v11, v12 = _g(v1, v6, v11, v12, m10, m11)
    v2, v7, v8, v13 = _g(v2, v7, v8, v13, m12, m13)
    v3, v4, v9, v14 = _g(v3, v4, v9, v14, m14, m15)
    # round 2
    v0, v4, v8, v12 = _g(v0, v4, v8, v12, m2, m6)
    v1, v5, v9, v13 = _g(v1, v5, v9, v13, m3, m10)
    v2, v6, v10, v14 = _g(v2, v6, v10, v14, m7, m0)
    v3, v7, v11, v15 = _g(v3, v7, v11, v15, m4, m13)
    v0, v5, v10, v15 = _g(v0, v5, v10, v15, m1, m11)
    v1, v6, v11, v12 = _g(v1, v6, v11, v12, m12, m5)
    v2, v7, v8, v13 = _g(v2, v7, v8, v13, m9, m14)
    v3, v4, v9, v14 = _g(v3, v4, v9, v14, m15, m8)
    # round 3
    v0, v4, v8, v12 = _g(v0, v4, v8, v12, m3, m4)
    v1, v5, v9, v13 = _g(v1, v5, v9, v13, m10, m12)
    v2, v6, v10, v14 = _g(v2, v6, v10, v14, m13, m2)
    v3, v7, v11, v15 = _g(v3, v7, v11, v15, m7, m14)
    v0, v5, v10, v15 = _g(v0, v5, v10, v15, m6, m5)
    v1, v6, v11, v12 = _g(v1, v6, v11, v12, m9, m0)
    v2, v7, v8, v13 = _g(v2, v7, v8, v13, m11, m15)
    v3, v4, v9, v14 = _g(v3, v4, v9, v14, m8, m1)
    # round 4
    v0, v4, v8, v12 = _g(v0, v4, v8, v12, m10, m7)
    v1, v5, v9, v13 = _g(v1, v5, v9, v13, m12, m9)
    v2, v6, v10, v14 = _g(v2, v6, v10, v14, m14, m3)
    v3, v7, v11, v15 = _g(v3, v7, v11, v15, m13, m15)
    v0, v5, v10, v15 = _g(v0, v5, v10, v15, m4, m0)
    v1, v6, v11, v12 = _g(v1, v6, v11, v12, m11, m2)
    v2, v7, v8, v13 = _g(v2, v7, v8, v13, m5, m8)
    v3, v4, v9, v14 = _g(v3, v4, v9, v14, m1, m6)
    # round 5
    v0, v4, v8, v12 = _g(v0, v4, v8, v12, m12, m13)
    v1, v5, v9, v13 = _g(v1, v5, v9, v13, m9, m11)
    v2, v6, v10, v14 = _g(v2, v6, v10, v14, m15, m10)
    v3, v7, v11, v15 = _g(v3, v7, v11, v15, m14, m8)
    v0, v5, v10, v15 = _g(v0, v5, v10, v15, m7, m2)
    v1, v6, v11, v12 = _g(v1, v6, v11, v12, m5, m3)
    v2, v7, v8, v13 = _g(v2, v7, v8, v13, m0, m1)
    v3, v4, v9, v14 = _g(v3, v4, v9, v14, m6, m4)
    # round 6
    v0, v4, v8, v12 = _g(v0, v4, v8, v12, m9, m14)
    v1, v5, v9, v13 = _g(v1, v5, v9, v13, m11, m5)
    v2, v6, v10, v14 = _g(v2, v6, v10, v14, m8, m12)
    v3, v7, v11, v15 = _g(v3, v7, v11, v15, m15, m1)
    v0, v5, v10, v15 = _g(v0, v5, v10, v15, m13, m3)
    v1, v6, v11, v12 = _g(v1, v6, v11, v12, m0, m10)
    v2, v7, v8, v13 = _g(v2, v7, v8, v13, m2, m6)
    v3, v4, v9, v14 = _g(v3, v4, v9, v14, m4, m7)
    # round 7
    v0, v4, v8, v12 = _g(v0, v4, v8, v12, m11, m15)
    v1, v5, v9, v13 = _g(v1, v5, v9, v13, m5, m0)
    v2, v6, v10, v14 = _g(v2, v6, v10, v14, m1, m9)
    v3, v7, v11, v15 = _g(v3, v7, v11, v15, m8, m6)
    v0, v5, v10, v15 = _g(v0, v5, v10, v15, m14, m10)
    v1, v6, v11, v12 = _g(v1, v6, v11, v12, m2, m12)
    v2, v7, v8, v13 = _g(v2, v7, v8, v13, m3, m4)
    v3, v4, v9, v14 = _g(v3, v4, v9, v14, m7, m13)
    return (np.uint32(v0 ^ v8), np.uint32(v1 ^ v9), np.uint32(v2 ^ v10), np.uint32(v3 ^ v11),
            np.uint32(v4 ^ v12), np.uint32(v5 ^ v13), np.uint32(v6 ^ v14), np.uint32(v7 ^ v15))


@njit(cache=True)
def _compress_tile(cv, msg, out, count, t_lo, t_hi, block_len, flags):
    """out[k*TILE + i] = compress(cv lane i, msg lane i, t, block_len, flags)[k] for lanes i < count.

    cv, msg, out are flat (8 TILE,), (16 TILE,), (8 TILE,) uint32 buffers, word k of lane i at
    k*TILE + i, and must not overlap. Flat buffers with the compile-time stride TILE let LLVM prove the
    24 streams independent with one range check each; 2-D buffers with a run-time row stride left the
    loop scalar ("too many memory checks needed").
    """
    for j in range(count):
        u = np.uint64(j)
        r0, r1, r2, r3, r4, r5, r6, r7 = _compress(
            cv[u], cv[u + T1], cv[u + T2], cv[u + T3], cv[u + T4], cv[u + T5], cv[u + T6], cv[u + T7],
            msg[u], msg[u + T1], msg[u + T2], msg[u + T3], msg[u + T4], msg[u + T5], msg[u + T6],
            msg[u + T7], msg[u + T8], msg[u + T9], msg[u + T10], msg[u + T11], msg[u + T12],
            msg[u + T13], msg[u + T14], msg[u + T15],
            t_lo, t_hi, block_len, flags)
        out[u] = r0
        out[u + T1] = r1
        out[u + T2] = r2
        out[u + T3] = r3
        out[u + T4] = r4
        out[u + T5] = r5
        out[u + T6] = r6
        out[u + T7] = r7


@njit(cache=True)
def _load_block(words, row0, count, col0, nwords, msg):
    """Gather message words [col0, col0 + nwords) of rows row0.. into msg, zero-padding to 16 words."""
    r0 = np.uint64(row0)
    for k in range(nwords):
        base = np.uint64(k * TILE)
        col = np.uint64(col0 + k)
        for i in range(count):
            u = np.uint64(i)
            msg[base + u] = words[r0 + u, col]
    for k in range(nwords, BLOCK_WORDS):
        base = np.uint64(k * TILE)
        for i in range(count):
            msg[base + np.uint64(i)] = ZERO32


@njit(cache=True)
def _load_block_cols(words, row0, count, col0, nwords, msg):
    """:func:`_load_block` for column-major input: ``words`` is a (w, 2n) uint32 view of (w, n) uint64
    columns, so message word k of row r is words[k // 2, 2 r + k % 2] (little-endian halves)."""
    r0 = np.uint64(row0)
    for k in range(nwords):
        base = np.uint64(k * TILE)
        wk = col0 + k
        col = np.uint64(wk // 2)
        half = np.uint64(wk % 2)
        for i in range(count):
            u = np.uint64(i)
            msg[base + u] = words[col, np.uint64(2) * (r0 + u) + half]
    for k in range(nwords, BLOCK_WORDS):
        base = np.uint64(k * TILE)
        for i in range(count):
            msg[base + np.uint64(i)] = ZERO32


@njit(cache=True)
def _store_digests(res, row0, count, out):
    """Scatter the transposed digests (lane i of res) back to out[row0 + i, :]."""
    r0 = np.uint64(row0)
    for i in range(count):
        u = np.uint64(i)
        for k in range(8):
            out[r0 + u, np.uint64(k)] = res[np.uint64(k * TILE) + u]


@njit(cache=True)
def _copy_lanes(src, src_word0, dst, dst_word0, nwords, count):
    """dst words dst_word0.. <- src words src_word0.. (nwords words, lanes < count)."""
    for k in range(nwords):
        s = np.uint64((src_word0 + k) * TILE)
        d = np.uint64((dst_word0 + k) * TILE)
        for i in range(count):
            u = np.uint64(i)
            dst[d + u] = src[s + u]


@njit(cache=True)
def hash_rows_range(words, nbytes, out, lo, hi, col_major=False):
    """BLAKE3 digests of rows lo..hi of ``words`` into ``out`` ((n, 8) uint32).

    ``words`` is (n, nw) uint32 holding each row's first ``nbytes`` bytes, zero-padded to whole words
    (nw = ceil(nbytes / 4), at least 1). Every row has the same length, so all lanes walk the same
    chunk/block/tree structure in lockstep. With ``col_major`` it is instead the (w, 2n) uint32 view of
    (w, n) uint64 columns, row r being (columns[0, r], ..., columns[w-1, r]) (``nbytes`` = 8 w): the lane
    layout gathers from columns as cheaply as from rows, so column-major LDEs need no transpose.
    """
    nchunks = max(1, (nbytes + CHUNK_BYTES - 1) // CHUNK_BYTES)
    ivt = np.empty(8 * TILE, np.uint32)
    for k in range(8):
        for i in range(TILE):
            ivt[k * TILE + i] = IV[k]
    msg = np.empty(BLOCK_WORDS * TILE, np.uint32)
    ping = np.empty((2, 8 * TILE), np.uint32)
    cvs = np.empty((nchunks, 8 * TILE), np.uint32)
    for t0 in range(lo, hi, TILE):
        count = min(TILE, hi - t0)
        for c in range(nchunks):
            c_bytes = min(CHUNK_BYTES, nbytes - c * CHUNK_BYTES)
            nblocks = max(1, (c_bytes + BLOCK_BYTES - 1) // BLOCK_BYTES)
            t_lo = np.uint32(np.uint64(c) & MASK32)
            t_hi = np.uint32(np.uint64(c) >> SHIFT32)
            for b in range(nblocks):
                b_bytes = min(BLOCK_BYTES, c_bytes - b * BLOCK_BYTES)
                if col_major:
                    _load_block_cols(words, t0, count, c * CHUNK_WORDS + b * BLOCK_WORDS, (b_bytes + 3) // 4,
                                     msg)
                else:
                    _load_block(words, t0, count, c * CHUNK_WORDS + b * BLOCK_WORDS, (b_bytes + 3) // 4, msg)
                flags = 0
                if b == 0:
                    flags |= 1  # CHUNK_START
                if b == nblocks - 1:
                    flags |= 2  # CHUNK_END
                    if nchunks == 1:
                        flags |= 8  # ROOT
                src = ivt if b == 0 else ping[(b - 1) & 1]
                _compress_tile(src, msg, ping[b & 1], count, t_lo, t_hi, np.uint32(b_bytes),
                               np.uint32(flags))
            last = ping[(nblocks - 1) & 1]
            if nchunks == 1:
                _store_digests(last, t0, count, out)
            else:
                _copy_lanes(last, 0, cvs[c], 0, 8, count)
        if nchunks > 1:
            # Pairing neighbours level by level, carrying an odd last node up unchanged, yields BLAKE3's
            # left-balanced tree (left subtree = largest power of two of chunks with at least one remaining).
            m = nchunks
            while m > 1:
                pairs = m // 2
                for p in range(pairs):
                    _copy_lanes(cvs[2 * p], 0, msg, 0, 8, count)
                    _copy_lanes(cvs[2 * p + 1], 0, msg, 8, 8, count)
                    flags = PARENT | ROOT if m == 2 else PARENT
                    _compress_tile(ivt, msg, cvs[p], count, ZERO32, ZERO32, np.uint32(64), np.uint32(flags))
                if m & 1:
                    _copy_lanes(cvs[m - 1], 0, cvs[pairs], 0, 8, count)
                m = pairs + (m & 1)
            _store_digests(cvs[0], t0, count, out)


@njit(cache=True, parallel=True)
def hash_rows_parallel(words, nbytes, out, col_major=False):
    """hash_rows_range over all rows, BLOCK rows per parallel work item."""
    n = out.shape[0]
    nblk = (n + BLOCK - 1) // BLOCK
    for blk in prange(nblk):
        hash_rows_range(words, nbytes, out, blk * BLOCK, min(n, (blk + 1) * BLOCK), col_major)


@njit(cache=True)
def grind_batch(dw, start, count, mask, res):
    """First offset j < count with compress(IV, dw || start + j) word 0 & mask == 0, else -1.

    The 40-byte input (32-byte digest, 8-byte little-endian nonce) is one block with ROOT flags, so
    word 0 of the output is the first 4 digest bytes as a little-endian uint32.
    """
    d0 = dw[0]
    d1 = dw[1]
    d2 = dw[2]
    d3 = dw[3]
    d4 = dw[4]
    d5 = dw[5]
    d6 = dw[6]
    d7 = dw[7]
    flags = CHUNK_START | CHUNK_END | ROOT
    blen = np.uint32(40)
    for j in range(count):
        nonce = start + np.uint64(j)
        r = _compress(IV0, IV1, IV2, IV3, IV4, IV5, IV6, IV7,
                      d0, d1, d2, d3, d4, d5, d6, d7,
                      np.uint32(nonce & MASK32), np.uint32(nonce >> SHIFT32),
                      ZERO32, ZERO32, ZERO32, ZERO32, ZERO32, ZERO32,
                      ZERO32, ZERO32, blen, flags)
        res[np.uint64(j)] = r[0]
    for j in range(count):
        if res[j] & mask == 0:
            return j
    return -1


@njit(cache=True, parallel=True)
def grind_batches(dw, start, batch, nbatches, mask):
    """For each of nbatches consecutive nonce ranges of length batch, the first hit offset or -1."""
    hits = np.empty(nbatches, np.int64)
    for b in prange(nbatches):
        res = np.empty(batch, np.uint32)
        hits[b] = grind_batch(dw, start + np.uint64(b) * np.uint64(batch), batch, mask, res)
    return hits
