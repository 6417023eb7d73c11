"""Numba kernels of the Rescue-Prime hash-chain AIR: trace generation and a fused constraint evaluator.

Private: the API is :mod:`stark.airs.rescue_chain`. The fused evaluator computes exactly the constraints
that :meth:`stark.airs.rescue_chain.RescueChainAir.evaluate_transition` writes through ``ops`` (the tests
compare the two on random columns); it exists because the ops route costs one Numba call and one column
allocation per field operation (about 350 per row for a 12-wide Rescue round).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from prover.field.goldilocks_kernels import gl_add, gl_mul, gl_sub
from stark.airs.rescue_prime_kernels import NUM_ROUNDS, STATE_WIDTH, apply_round, mds_row, sbox

CYCLE = 8  # rows per hash: the input state and the state after each of the 7 rounds
CAPACITY_INIT = np.uint64(4)  # capacity[0] of hash_elements on a 4-element digest
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


@njit(cache=True, nogil=True)
def eval_constraints(cur, nxt, per, out, mds, inv_mds):
    """The 12 transition constraints on columns of a block of rows.

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
    for lo in range(0, n, SUB_BLOCK):
        m = min(SUB_BLOCK, n - lo)
        for k in range(STATE_WIDTH):
            ck = cur[k]
            nk = nxt[k]
            for i in range(m):
                s[k, i] = sbox(ck[lo + i])
                nx[k, i] = nk[lo + i]
        # u = INV_MDS next - INV_MDS ARK2, i.e. MDS^-1 (next - ARK2): the inverse S-box's output.
        for j in range(STATE_WIDTH):
            k2 = per[1 + STATE_WIDTH + j]
            for i in range(m):
                u[j, i] = gl_sub(np.uint64(0), k2[lo + i])
            for k in range(STATE_WIDTH):
                c = inv_mds[j, k]
                for i in range(m):
                    u[j, i] = gl_add(u[j, i], gl_mul(c, nx[k, i]))
        # rnd = u^7 - (MDS s + ARK1), stored over u.
        for j in range(STATE_WIDTH):
            k1 = per[1 + j]
            for i in range(m):
                mid = gl_add(mds_row(mds, j, s[0, i], s[1, i], s[2, i], s[3, i], s[4, i], s[5, i], s[6, i],
                                     s[7, i], s[8, i], s[9, i], s[10, i], s[11, i]), k1[lo + i])
                u[j, i] = gl_sub(sbox(u[j, i]), mid)
        # Copy row: next = (4, 0, 0, 0, current_4..7, 0, 0, 0, 0); C = copy + flag * (rnd - copy).
        # Separate loops per column kind keep the lane loops branch-free.
        flag = per[0]
        oj = out[0]
        for i in range(m):
            cp = gl_sub(nx[0, i], CAPACITY_INIT)
            oj[lo + i] = gl_add(cp, gl_mul(flag[lo + i], gl_sub(u[0, i], cp)))
        for j in range(4, 8):
            cj = cur[j]
            oj = out[j]
            for i in range(m):
                cp = gl_sub(nx[j, i], cj[lo + i])
                oj[lo + i] = gl_add(cp, gl_mul(flag[lo + i], gl_sub(u[j, i], cp)))
        for j in range(1, STATE_WIDTH):
            if 4 <= j < 8:
                continue
            oj = out[j]
            for i in range(m):
                cp = nx[j, i]
                oj[lo + i] = gl_add(cp, gl_mul(flag[lo + i], gl_sub(u[j, i], cp)))
