"""FibonacciSq AIR: a_{i+2} = a_{i+1}^2 + a_i^2, the sequence of StarkWare's stark101 tutorial.

stark101 proves "a_1022 = 2338775057 with a_0 = 1" over p = 3 * 2^30 + 1 with a secret a_1 = 3141592.
Here the field is Goldilocks, so the numbers differ; the recurrence is the same. Public inputs are a_0,
a_1 and a_n (nothing secret: this STARK is not zero-knowledge -- it sends no masking polynomials).

Trace: n rows, two columns, row i = (a_i, a_{i+1}); transitions: next[0] = cur[1] and
next[1] = cur[1]^2 + cur[0]^2 (degree 2).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from prover.field.goldilocks_kernels import gl_add, gl_mul
from stark.air import Air, Assertion

STARK101_A1 = 3141592


class FibonacciSqAir(Air):
    """Public inputs: (a_0, a_1, a_n) where the trace has n rows."""

    name = "fibsq"
    trace_width = 2

    def __init__(self, public_inputs, trace_length):
        super().__init__(public_inputs, trace_length)
        if len(self.public_inputs) != 3:
            raise ValueError("FibonacciSq takes three public inputs: a_0, a_1 and a_n")
        self.a0, self.a1, self.result = self.public_inputs

    def transition_degrees(self):
        return [1, 2]

    def evaluate_transition(self, ops, current, nxt, periodic):
        x, y = current
        return [ops.sub(nxt[0], y), ops.sub(nxt[1], ops.add(ops.square(y), ops.square(x)))]

    def assertions(self):
        last = self.trace_length - 1
        return [Assertion(0, 0, self.a0), Assertion(1, 0, self.a1), Assertion(1, last, self.result)]

    @classmethod
    def trace_length_for(cls, steps: int) -> int:
        return steps

    @classmethod
    def example(cls, steps: int) -> tuple[np.ndarray, list[int]]:
        trace = fibsq_trace(steps, 1, STARK101_A1)
        return trace, [1, STARK101_A1, int(trace[-1, 1])]


@njit(cache=True)
def _fill(out):
    for i in range(1, out.shape[0]):
        x = out[i - 1, 0]
        y = out[i - 1, 1]
        out[i, 0] = y
        out[i, 1] = gl_add(gl_mul(y, y), gl_mul(x, x))


def fibsq_trace(n: int, a0: int, a1: int) -> np.ndarray:
    """The (n, 2) trace with rows (a_i, a_{i+1})."""
    out = np.empty((n, 2), dtype=np.uint64)
    out[0, 0] = a0
    out[0, 1] = a1
    _fill(out)
    return out
