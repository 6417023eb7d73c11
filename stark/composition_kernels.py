"""Numba kernels of the STARK prover: composition accumulation, divisors, OOD evaluation, DEEP composition.

Private. Extension elements are (n, 2) uint64 rows; the composition coefficients are extension elements
while trace values are base-field, so most products here are extension-times-base (2 multiplications).
Kernels called per block from the prover's thread pool are ``nogil``; whole-domain ones use ``prange``.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from prover.field.goldilocks_kernels import ONE, ext_mul, gl_add, gl_inv, gl_mul, gl_sub

BLOCK = 1 << 13


# The accumulator is kept as two 1-D lanes (c0, c1) rather than (n, 2) rows: loops over contiguous lanes
# vectorise (AVX-512 split-32 products), row-major pairs do not.


@njit(cache=True, nogil=True)
def ext_acc_base(acc0, acc1, a0, a1, col):
    """acc[i] += (a0 + a1 u) * col[i]."""
    for i in range(acc0.shape[0]):
        c = col[i]
        acc0[i] = gl_add(acc0[i], gl_mul(a0, c))
        acc1[i] = gl_add(acc1[i], gl_mul(a1, c))


@njit(cache=True, nogil=True)
def transition_divide(acc0, acc1, xs, inv_xn_minus_1, period, last_point):
    """acc[i] *= (x_i - w^(n-1)) / (x_i^n - 1); the second factor repeats with ``period``."""
    for i in range(acc0.shape[0]):
        f = gl_mul(gl_sub(xs[i], last_point), inv_xn_minus_1[i % period])
        acc0[i] = gl_mul(acc0[i], f)
        acc1[i] = gl_mul(acc1[i], f)


@njit(cache=True, parallel=True)
def boundary_single(acc0, acc1, cols, col_idx, betas, values, xs, point):
    """acc[i] += (sum_a beta_a (cols[col_a, i] - v_a)) / (x_i - point), batch-inverting per block."""
    n = acc0.shape[0]
    nblocks = (n + BLOCK - 1) // BLOCK
    for blk in prange(nblocks):
        lo = blk * BLOCK
        hi = min(lo + BLOCK, n)
        inv = np.empty(hi - lo, dtype=np.uint64)
        prod = ONE
        for i in range(lo, hi):
            inv[i - lo] = prod
            prod = gl_mul(prod, gl_sub(xs[i], point))
        t = gl_inv(prod)
        for i in range(hi - 1, lo - 1, -1):
            d = gl_sub(xs[i], point)
            inv[i - lo] = gl_mul(inv[i - lo], t)
            t = gl_mul(t, d)
        s0 = np.zeros(hi - lo, dtype=np.uint64)
        s1 = np.zeros(hi - lo, dtype=np.uint64)
        for a in range(col_idx.shape[0]):
            c = col_idx[a]
            v = values[a]
            e0 = betas[a, 0]
            e1 = betas[a, 1]
            for i in range(lo, hi):
                diff = gl_sub(cols[c, i], v)
                s0[i - lo] = gl_add(s0[i - lo], gl_mul(e0, diff))
                s1[i - lo] = gl_add(s1[i - lo], gl_mul(e1, diff))
        for i in range(lo, hi):
            acc0[i] = gl_add(acc0[i], gl_mul(s0[i - lo], inv[i - lo]))
            acc1[i] = gl_add(acc1[i], gl_mul(s1[i - lo], inv[i - lo]))


@njit(cache=True, parallel=True)
def boundary_periodic(acc0, acc1, col, interp, b0, b1, inv_div, period):
    """acc[i] += beta * (col[i] - interp[i]) * inv_div[i % period]."""
    n = acc0.shape[0]
    nblocks = (n + BLOCK - 1) // BLOCK
    for blk in prange(nblocks):
        lo = blk * BLOCK
        hi = min(lo + BLOCK, n)
        for i in range(lo, hi):
            d = gl_mul(gl_sub(col[i], interp[i]), inv_div[i % period])
            acc0[i] = gl_add(acc0[i], gl_mul(b0, d))
            acc1[i] = gl_add(acc1[i], gl_mul(b1, d))


@njit(cache=True, parallel=True)
def eval_columns_at_ext(coeffs, z0, z1, out):
    """out[j] = sum_i coeffs[i, j] z^i (Horner) for every column j of a base-field coefficient matrix."""
    n, w = coeffs.shape
    for j in prange(w):
        a0 = np.uint64(0)
        a1 = np.uint64(0)
        for i in range(n - 1, -1, -1):
            a0, a1 = ext_mul(a0, a1, z0, z1)
            a0 = gl_add(a0, coeffs[i, j])
        out[j, 0] = a0
        out[j, 1] = a1


@njit(cache=True, parallel=True)
def deep_numerators(trace_coeffs, chunk_coeffs, gamma, gamma_next, delta, a1, a2):
    """Coefficients of the two DEEP numerators (eprint 2019/336; ethSTARK eprint 2021/582 section 3):

    A1 = sum_j gamma_j T_j + sum_c delta_c H_c and A2 = sum_j gamma'_j T_j, so that the DEEP polynomial is
    (A1 - A1(z)) / (X - z) + (A2 - A2(z w)) / (X - z w). ``trace_coeffs`` is (n, w) (column j the
    coefficients of T_j), ``chunk_coeffs`` (n, 2k) with H_c = C_2c + u C_2c+1; ``a1``, ``a2`` are (n, 2).
    """
    n, w = trace_coeffs.shape
    k = delta.shape[0]
    for blk in prange((n + BLOCK - 1) // BLOCK):
        for i in range(blk * BLOCK, min(n, (blk + 1) * BLOCK)):
            s0 = np.uint64(0)
            s1 = np.uint64(0)
            r0 = np.uint64(0)
            r1 = np.uint64(0)
            for j in range(w):
                tv = trace_coeffs[i, j]
                s0 = gl_add(s0, gl_mul(gamma[j, 0], tv))
                s1 = gl_add(s1, gl_mul(gamma[j, 1], tv))
                r0 = gl_add(r0, gl_mul(gamma_next[j, 0], tv))
                r1 = gl_add(r1, gl_mul(gamma_next[j, 1], tv))
            for c in range(k):
                p0, p1 = ext_mul(delta[c, 0], delta[c, 1], chunk_coeffs[i, 2 * c], chunk_coeffs[i, 2 * c + 1])
                s0 = gl_add(s0, p0)
                s1 = gl_add(s1, p1)
            a1[i, 0] = s0
            a1[i, 1] = s1
            a2[i, 0] = r0
            a2[i, 1] = r1


@njit(cache=True)
def deep_quotients(a1, z0, z1, a2, zw0, zw1, out):
    """out = quo(A1, X - z) + quo(A2, X - zw), coefficient-wise ((n, 2) each; out[n - 1] = 0).

    Synthetic division from the top, q_(i-1) = a_i + z q_i; the remainders (A1(z), A2(zw)) are dropped,
    which is the same as subtracting them first. The two chains share one loop so that their
    multiplication latencies overlap.
    """
    n = a1.shape[0]
    q0 = np.uint64(0)
    q1 = np.uint64(0)
    r0 = np.uint64(0)
    r1 = np.uint64(0)
    out[n - 1, 0] = np.uint64(0)
    out[n - 1, 1] = np.uint64(0)
    for i in range(n - 1, 0, -1):
        m0, m1 = ext_mul(z0, z1, q0, q1)
        q0 = gl_add(a1[i, 0], m0)
        q1 = gl_add(a1[i, 1], m1)
        m0, m1 = ext_mul(zw0, zw1, r0, r1)
        r0 = gl_add(a2[i, 0], m0)
        r1 = gl_add(a2[i, 1], m1)
        out[i - 1, 0] = gl_add(q0, r0)
        out[i - 1, 1] = gl_add(q1, r1)
