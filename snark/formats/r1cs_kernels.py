"""Numba kernels that walk circom's variable-length constraint section (private; see ``formats.r1cs``).

A constraint is three linear combinations; each is a u32 term count followed by that many
(u32 wire, n8-byte little-endian coefficient) pairs. Walking 2^18 constraints in Python would take
seconds; this is one pass to size, one to fill.
"""

from __future__ import annotations

import numpy as np
from numba import njit

TRUNCATED = -1
BAD_WIRE = -2


@njit(cache=True)
def _u32(buf, pos):
    return (np.int64(buf[pos]) | (np.int64(buf[pos + 1]) << 8) | (np.int64(buf[pos + 2]) << 16)
            | (np.int64(buf[pos + 3]) << 24))


@njit(cache=True)
def scan(buf, n_constraints, n8, n_wires, counts):
    """Fill counts[m, i] (terms of matrix m in constraint i).

    Returns:
        (end offset, -1) on success, else (TRUNCATED or BAD_WIRE, index of the failing constraint).
    """
    pos = np.int64(0)
    size = buf.shape[0]
    for i in range(n_constraints):
        for m in range(3):
            if pos + 4 > size:
                return TRUNCATED, i
            k = _u32(buf, pos)
            pos += 4
            if pos + k * (4 + n8) > size:
                return TRUNCATED, i
            for t in range(k):
                if _u32(buf, pos + t * (4 + n8)) >= n_wires:
                    return BAD_WIRE, i
            counts[m, i] = k
            pos += k * (4 + n8)
    return pos, -1


@njit(cache=True)
def fill(buf, n_constraints, n8, ptrs, bases, cols, offs):
    """cols[j] = wire and offs[j] = byte offset of the coefficient, for j = bases[m] + ptrs[m, i] + t:
    the flat position of term t of matrix m in constraint i (run after ``scan``)."""
    pos = np.int64(0)
    for i in range(n_constraints):
        for m in range(3):
            k = _u32(buf, pos)
            pos += 4
            base = bases[m] + ptrs[m, i]
            for t in range(k):
                cols[base + t] = _u32(buf, pos)
                offs[base + t] = pos + 4
                pos += 4 + n8
