"""Numba kernels for polynomial evaluation and vanishing-polynomial division over Goldilocks (private).

See :mod:`prover.poly` for the validating API.
"""

from __future__ import annotations

from numba import njit, prange

from prover.field.goldilocks_kernels import ZERO, ext_mul, gl_add, gl_mul

CHUNK = 1 << 12


@njit(cache=True, parallel=True)
def horner_many(coeffs, xs, out):
    """out[i] = sum_j coeffs[j] xs[i]^j; the point loop is innermost so it vectorises."""
    m = xs.shape[0]
    n = coeffs.shape[0]
    nchunk = (m + CHUNK - 1) // CHUNK
    for c in prange(nchunk):
        lo = c * CHUNK
        hi = min(m, lo + CHUNK)
        x = xs[lo:hi]
        acc = out[lo:hi]
        for i in range(hi - lo):
            acc[i] = ZERO
        for j in range(n - 1, -1, -1):
            cj = coeffs[j]
            for i in range(hi - lo):
                acc[i] = gl_add(gl_mul(acc[i], x[i]), cj)


@njit(cache=True)
def horner_ext(coeffs, z0, z1):
    """Horner in F_p[x]/(x^2 - 7) for coefficients of shape (n, 2)."""
    a0 = ZERO
    a1 = ZERO
    for j in range(coeffs.shape[0] - 1, -1, -1):
        a0, a1 = ext_mul(a0, a1, z0, z1)
        a0 = gl_add(a0, coeffs[j, 0])
        a1 = gl_add(a1, coeffs[j, 1])
    return a0, a1


@njit(cache=True, parallel=True)
def scale_rows(a, table, div, out):
    """out[i, :] = a[i, :] * table[(i // div) % len(table)]."""
    rows = a.shape[0]
    t = table.shape[0]
    for i in prange(rows):
        f = table[(i // div) % t]
        src = a[i]
        dst = out[i]
        for c in range(src.shape[0]):
            dst[c] = gl_mul(src[c], f)


@njit(cache=True, parallel=True)
def scale_cols(a, table, out):
    """out[i, c] = a[i, c] * table[c]."""
    for i in prange(a.shape[0]):
        src = a[i]
        dst = out[i]
        for c in range(src.shape[0]):
            dst[c] = gl_mul(src[c], table[c])


