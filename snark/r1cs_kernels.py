"""Numba kernels for sparse matrix-vector products over BN254 Fr (Montgomery limbs).

Private: used by :mod:`snark.r1cs`, :mod:`snark.qap` and :mod:`snark.groth16`. Matrices are either CSR
(``ptr``, ``cols``, ``vals``) or coordinate lists (``dst``, ``src``, ``vals``); values and vectors are
``(n, 4)`` uint64 Montgomery arrays; the modulus is an argument so the kernels cache once.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

from snark.bn254.limb_kernels import load, mod_add, mod_sub, mont_mul, store

ZERO = np.uint64(0)


# Parallel kernels keep the limb work in serial helpers: Numba's parfor analysis fails on tuple
# arithmetic written directly inside a prange body.


@njit(cache=True)
def _row_dot(ptr, cols, vals, x, out, row, q, qinv):
    acc = (ZERO, ZERO, ZERO, ZERO)
    for k in range(ptr[row], ptr[row + 1]):
        acc = mod_add(acc, mont_mul(load(vals, k), load(x, cols[k]), q, qinv), q)
    store(out, row, acc)


@njit(cache=True, parallel=True)
def csr_matvec(ptr, cols, vals, x, out, q, qinv):
    """out[row] = sum_k vals[k] * x[cols[k]] over k in [ptr[row], ptr[row + 1]); rows in parallel."""
    for row in prange(out.shape[0]):
        _row_dot(ptr, cols, vals, x, out, row, q, qinv)


@njit(cache=True)
def _scatter(sel, m, dst, src, vals, x, out, q, qinv):
    for k in range(dst.shape[0]):
        if sel[k] != m:
            continue
        d = dst[k]
        store(out, d, mod_add(load(out, d), mont_mul(load(vals, k), load(x, src[k]), q, qinv), q))


@njit(cache=True, parallel=True)
def scatter_two(sel, dst, src, vals, x, out0, out1, q, qinv):
    """out_m[dst[k]] += vals[k] * x[src[k]] for the entries with sel[k] == m, m in {0, 1}.

    The two outputs (snarkjs's A and B evaluations) fill in parallel; each is a serial scatter because
    entries of one matrix may share a destination. ``out0``/``out1`` must start zeroed.
    """
    for m in prange(2):
        if m == 0:
            _scatter(sel, 0, dst, src, vals, x, out0, q, qinv)
        else:
            _scatter(sel, 1, dst, src, vals, x, out1, q, qinv)


@njit(cache=True)
def scatter_add(dst, src, vals, x, out, q, qinv):
    """out[dst[k]] += vals[k] * x[src[k]] for every k (serial; out must start zeroed or hold a sum)."""
    for k in range(dst.shape[0]):
        d = dst[k]
        store(out, d, mod_add(load(out, d), mont_mul(load(vals, k), load(x, src[k]), q, qinv), q))


@njit(cache=True)
def _mul_sub_range(a, b, c, out, lo, hi, q, qinv):
    for i in range(lo, hi):
        store(out, i, mod_sub(mont_mul(load(a, i), load(b, i), q, qinv), load(c, i), q))


@njit(cache=True, parallel=True)
def mul_sub(a, b, c, out, q, qinv):
    """out[i] = a[i] * b[i] - c[i] (the QAP quotient numerator), in parallel blocks."""
    n = a.shape[0]
    nblk = (n + 4095) // 4096
    for j in prange(nblk):
        _mul_sub_range(a, b, c, out, j * 4096, min(n, (j + 1) * 4096), q, qinv)


@njit(cache=True)
def _mismatch_range(a, b, c, bad, lo, hi, q, qinv):
    for i in range(lo, hi):
        p = mont_mul(load(a, i), load(b, i), q, qinv)
        ci = load(c, i)
        if p[0] != ci[0] or p[1] != ci[1] or p[2] != ci[2] or p[3] != ci[3]:
            bad[i] = 1


@njit(cache=True, parallel=True)
def first_mismatch(a, b, c, q, qinv):
    """Smallest i with a[i] * b[i] != c[i], or -1."""
    n = a.shape[0]
    bad = np.zeros(n, dtype=np.uint8)
    nblk = (n + 4095) // 4096
    for j in prange(nblk):
        _mismatch_range(a, b, c, bad, j * 4096, min(n, (j + 1) * 4096), q, qinv)
    for i in range(n):
        if bad[i]:
            return i
    return -1
