"""Numba kernels behind :class:`stark.field_ops.BaseColumnOps`: Goldilocks column arithmetic.

Private. Every kernel writes into a caller-allocated ``out`` and releases the GIL (``nogil=True``) so
the prover can evaluate two blocks of the constraint domain on the two cores at once.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from prover.field.goldilocks_kernels import ONE, ZERO, gl_add, gl_mul, gl_neg, gl_sub


@njit(cache=True, nogil=True)
def col_add(a, b, out):
    for i in range(a.shape[0]):
        out[i] = gl_add(a[i], b[i])


@njit(cache=True, nogil=True)
def col_sub(a, b, out):
    for i in range(a.shape[0]):
        out[i] = gl_sub(a[i], b[i])


@njit(cache=True, nogil=True)
def col_mul(a, b, out):
    for i in range(a.shape[0]):
        out[i] = gl_mul(a[i], b[i])


@njit(cache=True, nogil=True)
def col_neg(a, out):
    for i in range(a.shape[0]):
        out[i] = gl_neg(a[i])


@njit(cache=True, nogil=True)
def col_add_scalar(a, s, out):
    for i in range(a.shape[0]):
        out[i] = gl_add(a[i], s)


@njit(cache=True, nogil=True)
def col_scalar_sub(s, a, out):
    for i in range(a.shape[0]):
        out[i] = gl_sub(s, a[i])


@njit(cache=True, nogil=True)
def col_mul_scalar(a, s, out):
    for i in range(a.shape[0]):
        out[i] = gl_mul(a[i], s)


@njit(cache=True, nogil=True)
def col_pow(a, k, out):
    # Square-and-multiply with the exponent's bits outside the row loop, so the loop body is
    # branch-free per row and vectorises.
    for i in range(a.shape[0]):
        out[i] = ONE
    nbits = 0
    while (k >> nbits) > 0:
        nbits += 1
    for bit in range(nbits - 1, -1, -1):
        use = (k >> bit) & 1
        for i in range(a.shape[0]):
            r = gl_mul(out[i], out[i])
            if use:
                r = gl_mul(r, a[i])
            out[i] = r


@njit(cache=True, nogil=True)
def col_muladd_scalar(acc, x, s):
    """acc += s * x, in place."""
    for i in range(acc.shape[0]):
        acc[i] = gl_add(acc[i], gl_mul(x[i], s))


@njit(cache=True, nogil=True)
def col_fill(out, s):
    for i in range(out.shape[0]):
        out[i] = s


__all__ = ["ZERO", "np"]
