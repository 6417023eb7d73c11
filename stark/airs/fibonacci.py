"""Fibonacci AIR: two columns, two Fibonacci steps per row (Winterfell's ``fib2`` example).

Row i holds (a_i, b_i) = (F_{2i+1}, F_{2i+2}) over Goldilocks with F_1 = F_2 = 1; the next row is
(a + b, a + 2b). Public input: the last value b_{n-1} = F_{2n}. Constraints are linear (degree 1).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from prover.field.goldilocks_kernels import gl_add
from stark.air import Air, Assertion


class FibonacciAir(Air):
    """Statement: F_{2n} (the n-th row's second column, starting from 1, 1) equals ``public_inputs[0]``."""

    name = "fibonacci"
    trace_width = 2

    def __init__(self, public_inputs, trace_length):
        super().__init__(public_inputs, trace_length)
        if len(self.public_inputs) != 1:
            raise ValueError("Fibonacci takes one public input: the final value")
        self.result = self.public_inputs[0]

    def transition_degrees(self):
        return [1, 1]

    def evaluate_transition(self, ops, current, nxt, periodic):
        a, b = current
        s = ops.add(a, b)
        return [ops.sub(nxt[0], s), ops.sub(nxt[1], ops.add(s, b))]

    def assertions(self):
        return [Assertion(0, 0, 1), Assertion(1, 0, 1), Assertion(1, self.trace_length - 1, self.result)]

    @classmethod
    def trace_length_for(cls, steps: int) -> int:
        """``steps`` is the number of trace rows (a power of two)."""
        return steps

    @classmethod
    def example(cls, steps: int) -> tuple[np.ndarray, list[int]]:
        trace = fibonacci_trace(steps)
        return trace, [int(trace[-1, 1])]


@njit(cache=True)
def _fill(out):
    for i in range(1, out.shape[0]):
        a = out[i - 1, 0]
        b = out[i - 1, 1]
        s = gl_add(a, b)
        out[i, 0] = s
        out[i, 1] = gl_add(s, b)


def fibonacci_trace(n: int) -> np.ndarray:
    """The (n, 2) trace starting from (1, 1)."""
    out = np.empty((n, 2), dtype=np.uint64)
    out[0] = 1
    _fill(out)
    return out
