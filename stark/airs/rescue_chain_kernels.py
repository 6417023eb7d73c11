"""Numba kernels of the Rescue-Prime hash-chain AIR: trace generation and a fused constraint evaluator.

Private: the API is :mod:`stark.airs.rescue_chain`. The fused evaluator computes exactly the constraints
that :meth:`stark.airs.rescue_chain.RescueChainAir.evaluate_transition` writes through ``ops`` (the tests
compare the two on random columns); it exists because the ops route costs one Numba call and one column
allocation per field operation (about 350 per row for a 12-wide Rescue round).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from prover.field.goldilocks_kernels import ONE, P, gl_add, gl_mul, gl_reduce128, gl_sub, mul_wide
from stark.airs.rescue_prime_kernels import NUM_ROUNDS, STATE_WIDTH, apply_round, sbox

CYCLE = 8  # rows per hash: the input state and the state after each of the 7 rounds
CAPACITY_INIT = np.uint64(4)  # capacity[0] of hash_elements on a 4-element digest
ZERO = np.uint64(0)
MASK32 = np.uint64(0xFFFFFFFF)
S32 = np.uint64(32)
SUB_BLOCK = 512  # lanes per pass of the fused evaluator (12 * 512 * 8 B = 48 KiB per scratch block)


@njit(cache=True)
def chain_trace(seed, num_hashes, out, mds, ark1, ark2):
    """Fill ``out`` (8 * num_hashes, 12): hash k's input state at row 8k, after round r at row 8k + r."""
    state = np.zeros(STATE_WIDTH, dtype=np.uint64)
    tmp = np.empty(STATE_WIDTH, dtype=np.uint64)
    scratch = np.empty((5, STATE_WIDTH), dtype=np.uint64)
    for j in range(4):
        state[4 + j] = seed[j]
    for h in range(num_hashes):
        # Reset to hash_elements' initial state for a 4-element input: capacity[0] = 4, digest in rate.
        state[0] = CAPACITY_INIT
        for j in range(1, 4):
            state[j] = np.uint64(0)
        for j in range(8, STATE_WIDTH):
            state[j] = np.uint64(0)
        row = h * CYCLE
        for j in range(STATE_WIDTH):
            out[row, j] = state[j]
        for r in range(NUM_ROUNDS):
            apply_round(state, tmp, scratch, mds, ark1, ark2, r)
            for j in range(STATE_WIDTH):
                out[row + 1 + r, j] = state[j]


@njit(inline="always", cache=True)
def _reduce_sum(low, mid, top):
    """low + 2^64 mid + 2^96 top mod p, for any 64-bit low and mid, top < p (a sum of k products of 64-bit
    words, split as in eval_constraints, has mid, top < k 2^32).

    2^64 = 2^32 - 1 and 2^96 = -1 (mod p): the value is low + mid 2^32 - mid - top, with mid 2^32 as the
    128-bit (mid >> 32, mid << 32) reduced like a product.
    """
    if low >= P:
        low -= P
    v = gl_sub(gl_reduce128(mid >> S32, mid << S32), mid)
    return gl_sub(gl_add(v, low), top)


@njit(cache=True, nogil=True)
def eval_constraints(cur, nxt, per, out, mds, inv_mds):
    """The 12 transition constraints on columns of a block of rows.

    Every pass runs over 1-D lanes of one sub-block (row views, no 2-D indexing inside the loops) and
    the MDS product keeps its delayed reduction as two lane accumulators, so LLVM vectorises all of it:
    221 ns per row against 595 ns for the same arithmetic indexed as s[k, i] (measured on 2^14 rows, A).
    The inverse-MDS rows reduce once per row instead of once per product: 793-838 -> 670-714 ns per row (2^16
    rows, one thread, AVX2 EPYC, alternate runs of both versions).

    Args:
        cur, nxt: tuples of 12 uint64 columns (current and next rows).
        per: tuple of 25 periodic columns: flag, ARK1[0..12], (INV_MDS ARK2)[0..12].
        out: (12, n) output; out[j] is constraint j.
        mds, inv_mds: (12, 12) uint64 matrices.
    """
    n = out.shape[1]
    s = np.empty((STATE_WIDTH, SUB_BLOCK), dtype=np.uint64)
    nx = np.empty((STATE_WIDTH, SUB_BLOCK), dtype=np.uint64)
    u = np.empty((STATE_WIDTH, SUB_BLOCK), dtype=np.uint64)
    acc_lo = np.empty(SUB_BLOCK, dtype=np.uint64)
    acc_hi = np.empty(SUB_BLOCK, dtype=np.uint64)
    acc_top = np.empty(SUB_BLOCK, dtype=np.uint64)
    for lo in range(0, n, SUB_BLOCK):
        m = min(SUB_BLOCK, n - lo)
        for k in range(STATE_WIDTH):
            ck = cur[k][lo:lo + m]
            nk = nxt[k][lo:lo + m]
            sk = s[k]
            xk = nx[k]
            for i in range(m):
                sk[i] = sbox(ck[i])
                xk[i] = nk[i]
        # u = INV_MDS next - INV_MDS ARK2, i.e. MDS^-1 (next - ARK2): the inverse S-box's output. Row j's
        # twelve 128-bit products are summed unreduced, as low words + carries + the two halves of the
        # high words (acc_hi holds the low halves plus the carries), and reduced once; see _reduce_sum.
        for j in range(STATE_WIDTH):
            for i in range(m):
                acc_lo[i] = ZERO
                acc_hi[i] = ZERO
                acc_top[i] = ZERO
            for k in range(STATE_WIDTH):
                c = inv_mds[j, k]
                xk = nx[k]
                for i in range(m):
                    hi, lw = mul_wide(c, xk[i])
                    t = acc_lo[i] + lw
                    acc_hi[i] += (hi & MASK32) + (ONE if t < lw else ZERO)
                    acc_top[i] += hi >> S32
                    acc_lo[i] = t
            k2 = per[1 + STATE_WIDTH + j][lo:lo + m]
            uj = u[j]
            for i in range(m):
                uj[i] = gl_sub(_reduce_sum(acc_lo[i], acc_hi[i], acc_top[i]), k2[i])
        # rnd = u^7 - (MDS s + ARK1), stored over u. MDS entries are small: sum c * s in two 32-bit
        # halves and reduce once (as mds_row does for one state).
        for j in range(STATE_WIDTH):
            k1 = per[1 + j][lo:lo + m]
            for i in range(m):
                acc_lo[i] = ZERO
                acc_hi[i] = ZERO
            for k in range(STATE_WIDTH):
                c = mds[j, k]
                sk = s[k]
                for i in range(m):
                    acc_lo[i] += c * (sk[i] & MASK32)
                    acc_hi[i] += c * (sk[i] >> S32)
            uj = u[j]
            for i in range(m):
                h = acc_hi[i]
                shifted = h << S32
                low = shifted + acc_lo[i]
                carry = ONE if low < shifted else ZERO
                mid = gl_add(gl_reduce128((h >> S32) + carry, low), k1[i])
                uj[i] = gl_sub(sbox(uj[i]), mid)
        # Copy row: next = (4, 0, 0, 0, current_4..7, 0, 0, 0, 0); C = copy + flag * (rnd - copy).
        # Separate loops per column kind keep the lane loops branch-free.
        flag = per[0][lo:lo + m]
        oj = out[0][lo:lo + m]
        uj = u[0]
        xj = nx[0]
        for i in range(m):
            cp = gl_sub(xj[i], CAPACITY_INIT)
            oj[i] = gl_add(cp, gl_mul(flag[i], gl_sub(uj[i], cp)))
        for j in range(4, 8):
            cj = cur[j][lo:lo + m]
            oj = out[j][lo:lo + m]
            uj = u[j]
            xj = nx[j]
            for i in range(m):
                cp = gl_sub(xj[i], cj[i])
                oj[i] = gl_add(cp, gl_mul(flag[i], gl_sub(uj[i], cp)))
        for j in range(1, STATE_WIDTH):
            if 4 <= j < 8:
                continue
            oj = out[j][lo:lo + m]
            uj = u[j]
            xj = nx[j]
            for i in range(m):
                cp = xj[i]
                oj[i] = gl_add(cp, gl_mul(flag[i], gl_sub(uj[i], cp)))
