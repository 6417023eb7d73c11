"""Numba kernels of the Rescue-Prime Rp64_256 permutation over Goldilocks (eprint 2020/1143).

Private: the validating API is :mod:`stark.airs.rescue_prime`. Constants (MDS, ARK1, ARK2) are passed in
as ``np.uint64`` arrays so ``cache=True`` works.

Two shapes of the same round:

* scalar, one 12-element state at a time (latency-bound: the hash chain and the sponge);
* lane blocks, a (12, LANES) scratch holding LANES states column-wise, so every step is a loop over
  lanes that LLVM vectorises (``permute_many`` over many independent states, on both cores).

The MDS product exploits the matrix's small entries (all < 32, row sums 160): the low and high 32-bit
halves of each input are multiplied and summed without reduction (each sum < 2^40), then the 2^32-scaled
pair is folded into one 128-bit value and reduced once -- one reduction per output instead of twelve
full field multiplications.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from prover.field.goldilocks_kernels import MASK32, S32, ZERO, gl_add, gl_mul, gl_reduce128

STATE_WIDTH = 12
NUM_ROUNDS = 7
# States per lane block. permute_many on 2^16 states, 2 cores: 64 lanes 0.48 s, 256 0.29 s, 512 0.26 s,
# 1024 0.26 s (measured here).
LANES = 512


@njit(inline="always", cache=True)
def sbox(x):
    """x^7 in four multiplications."""
    x2 = gl_mul(x, x)
    x4 = gl_mul(x2, x2)
    return gl_mul(gl_mul(x2, x), x4)


@njit(inline="always", cache=True)
def mds_row(mds, j, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11):
    """Row j of MDS times the state, with one delayed reduction (see module docstring)."""
    lo = ZERO
    hi = ZERO
    xs = (s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11)
    for k in range(STATE_WIDTH):
        c = mds[j, k]
        lo += c * (xs[k] & MASK32)
        hi += c * (xs[k] >> S32)
    # value = hi * 2^32 + lo as a 128-bit (h, l) pair; hi, lo < 2^40 so no overflow before this.
    shifted = hi << S32
    low = shifted + lo
    carry = np.uint64(1) if low < shifted else ZERO
    return gl_reduce128((hi >> S32) + carry, low)


@njit(inline="always", cache=True)
def mds_apply(mds, s, out):
    """out = MDS s for one 12-element state (``s`` and ``out`` distinct)."""
    for j in range(STATE_WIDTH):
        out[j] = mds_row(mds, j, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11])


@njit(cache=True)
def apply_round(state, tmp, scratch, mds, ark1, ark2, r):
    """One Rescue-XLIX round in place on a 12-element state.

    ``tmp`` is 12 elements and ``scratch`` (5, 12) of scratch. The twelve inverse S-boxes run as passes
    over the 12 elements (:func:`inv_sbox_block`) rather than one latency-bound chain each: the hash
    chain's trace took 33 us per hash with per-element chains.
    """
    for j in range(STATE_WIDTH):
        state[j] = sbox(state[j])
    mds_apply(mds, state, tmp)
    for j in range(STATE_WIDTH):
        tmp[j] = gl_add(tmp[j], ark1[r, j])
    inv_sbox_block(tmp, scratch[0], scratch[1], scratch[2], scratch[3], scratch[4])
    mds_apply(mds, tmp, state)
    for j in range(STATE_WIDTH):
        state[j] = gl_add(state[j], ark2[r, j])


@njit(cache=True)
def permute_one(state, mds, ark1, ark2):
    """The full 7-round permutation in place on one state."""
    tmp = np.empty(STATE_WIDTH, dtype=np.uint64)
    scratch = np.empty((5, STATE_WIDTH), dtype=np.uint64)
    for r in range(NUM_ROUNDS):
        apply_round(state, tmp, scratch, mds, ark1, ark2, r)


@njit(cache=True)
def sponge_hash(elements, mds, ark1, ark2, out):
    """Rp64_256 ``hash_elements``: capacity[0] = len, absorb 8 at a time into state[4..12], squeeze 4..8."""
    state = np.zeros(STATE_WIDTH, dtype=np.uint64)
    tmp = np.empty(STATE_WIDTH, dtype=np.uint64)
    scratch = np.empty((5, STATE_WIDTH), dtype=np.uint64)
    state[0] = np.uint64(elements.shape[0])
    i = 0
    for e in range(elements.shape[0]):
        state[4 + i] = gl_add(state[4 + i], elements[e])
        i += 1
        if i == 8:
            for r in range(NUM_ROUNDS):
                apply_round(state, tmp, scratch, mds, ark1, ark2, r)
            i = 0
    if i > 0:
        for r in range(NUM_ROUNDS):
            apply_round(state, tmp, scratch, mds, ark1, ark2, r)
    for j in range(4):
        out[j] = state[4 + j]


# ---------------------------------------------------------------------------------------------------
# Lane blocks: many independent states.
# ---------------------------------------------------------------------------------------------------


@njit(inline="always", cache=True)
def _square_pass(x, k):
    # k squaring passes over the whole flat block: each pass is one vectorised loop.
    for _ in range(k):
        for i in range(x.shape[0]):
            x[i] = gl_mul(x[i], x[i])


@njit(inline="always", cache=True)
def _mul_into(a, b, out):
    for i in range(out.shape[0]):
        out[i] = gl_mul(a[i], b[i])


@njit(cache=True, nogil=True)
def inv_sbox_block(x, t1, t2, t3, t6, t7):
    """x[i] <- x[i]^INV_ALPHA in place on a flat block: 63 squarings and 9 multiplications, as passes.

    INV_ALPHA = 10540996611094048183 = 7^-1 mod (p - 1) is 0b (100)^10 0 (110)^10 111 in binary: build
    x^0b100100, double the run of copies, then stitch. The tests re-derive the exponent with ints.
    """
    _mul_into(x, x, t1)            # x^0b10
    _mul_into(t1, t1, t2)          # x^0b100
    t3[:] = t2
    _square_pass(t3, 3)
    _mul_into(t3, t2, t3)          # two copies of 100
    t6[:] = t3
    _square_pass(t6, 6)
    _mul_into(t6, t3, t6)          # four copies
    t7[:] = t6
    _square_pass(t7, 12)
    _mul_into(t7, t6, t7)          # eight copies
    _square_pass(t7, 6)
    _mul_into(t7, t3, t6)          # t6 := ten copies (30 bits)
    t7[:] = t6
    _square_pass(t7, 31)
    _mul_into(t7, t6, t7)          # t6 . 0 . t6
    _square_pass(t7, 1)
    _mul_into(t7, t6, t7)
    _square_pass(t7, 2)
    for i in range(x.shape[0]):
        x[i] = gl_mul(t7[i], gl_mul(gl_mul(t1[i], t2[i]), x[i]))


@njit(inline="always", cache=True)
def _mds_block(mds, s, out):
    # s, out: (12, L) blocks; the inner loop runs over lanes and vectorises.
    L = s.shape[1]
    for j in range(STATE_WIDTH):
        for i in range(L):
            out[j, i] = mds_row(mds, j, s[0, i], s[1, i], s[2, i], s[3, i], s[4, i], s[5, i], s[6, i],
                                s[7, i], s[8, i], s[9, i], s[10, i], s[11, i])


@njit(cache=True, nogil=True)
def permute_block(s, tmp, scratch, mds, ark1, ark2):
    """Permute the LANES states held column-wise in ``s`` (12, L), in place.

    ``tmp`` is a (12, L) scratch block, ``scratch`` a (5, 12 * L) one.
    """
    L = s.shape[1]
    flat_s = s.reshape(STATE_WIDTH * L)
    flat_t = tmp.reshape(STATE_WIDTH * L)
    for r in range(NUM_ROUNDS):
        for i in range(flat_s.shape[0]):
            flat_s[i] = sbox(flat_s[i])
        _mds_block(mds, s, tmp)
        for j in range(STATE_WIDTH):
            c = ark1[r, j]
            for i in range(L):
                tmp[j, i] = gl_add(tmp[j, i], c)
        inv_sbox_block(flat_t, scratch[0], scratch[1], scratch[2], scratch[3], scratch[4])
        _mds_block(mds, tmp, s)
        for j in range(STATE_WIDTH):
            c = ark2[r, j]
            for i in range(L):
                s[j, i] = gl_add(s[j, i], c)


@njit(cache=True, parallel=True)
def permute_many(states, out, mds, ark1, ark2):
    """out[k] = permutation(states[k]) for every row k of the (n, 12) array ``states``."""
    n = states.shape[0]
    nblocks = (n + LANES - 1) // LANES
    for b in prange(nblocks):
        lo = b * LANES
        m = min(LANES, n - lo)
        # A partial last block is padded with zero states, whose outputs are dropped.
        s = np.zeros((STATE_WIDTH, LANES), dtype=np.uint64)
        tmp = np.empty((STATE_WIDTH, LANES), dtype=np.uint64)
        scratch = np.empty((5, STATE_WIDTH * LANES), dtype=np.uint64)
        for i in range(m):
            for j in range(STATE_WIDTH):
                s[j, i] = states[lo + i, j]
        permute_block(s, tmp, scratch, mds, ark1, ark2)
        for i in range(m):
            for j in range(STATE_WIDTH):
                out[lo + i, j] = s[j, i]
