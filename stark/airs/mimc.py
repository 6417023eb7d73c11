"""MiMC AIR: x_{i+1} = x_i^3 + k_i with periodic round constants -- the statement of Vitalik Buterin's
pure-Python ``mimc_stark`` (round constants k_i = (i^7 xor 42) for i < 64, repeating), over Goldilocks.

Public inputs: the input x_0 and the output x_{n-1} of an n-row trace (n - 1 rounds, as in mimc_stark).

Note: over Goldilocks x -> x^3 is *not* a permutation (3 divides p - 1), so this is not a secure MiMC
cipher or a verifiable delay function here; the AIR still proves the forward computation, which is all
the statement claims. (mimc_stark's own field, 2^256 - 351 * 2^32 + 1, has gcd(3, p - 1) = 1.)
"""

from __future__ import annotations

import numpy as np
from numba import njit

from prover.field.goldilocks import MODULUS
from prover.field.goldilocks_kernels import gl_add, gl_mul
from stark.air import Air, Assertion

NUM_ROUND_CONSTANTS = 64
ROUND_CONSTANTS = np.array([((i ** 7) ^ 42) % MODULUS for i in range(NUM_ROUND_CONSTANTS)], dtype=np.uint64)


class MimcAir(Air):
    """Statement: starting from ``public_inputs[0]``, n - 1 MiMC rounds give ``public_inputs[1]``."""

    name = "mimc"
    trace_width = 1

    def __init__(self, public_inputs, trace_length):
        super().__init__(public_inputs, trace_length)
        if len(self.public_inputs) != 2:
            raise ValueError("MiMC takes two public inputs: input and output")
        if trace_length < NUM_ROUND_CONSTANTS:
            raise ValueError(f"MiMC needs at least {NUM_ROUND_CONSTANTS} rows (the constants' period)")
        self.x_in, self.x_out = self.public_inputs

    def transition_degrees(self):
        return [3]

    def evaluate_transition(self, ops, current, nxt, periodic):
        x = current[0]
        return [ops.sub(nxt[0], ops.add(ops.mul(ops.square(x), x), periodic[0]))]

    def periodic_columns(self):
        return [ROUND_CONSTANTS]

    def assertions(self):
        return [Assertion(0, 0, self.x_in), Assertion(0, self.trace_length - 1, self.x_out)]

    @classmethod
    def trace_length_for(cls, steps: int) -> int:
        return steps

    @classmethod
    def example(cls, steps: int) -> tuple[np.ndarray, list[int]]:
        trace = mimc_trace(3, steps)
        return trace, [3, int(trace[-1, 0])]


@njit(cache=True)
def _fill(out, constants):
    m = constants.shape[0]
    for i in range(1, out.shape[0]):
        x = out[i - 1, 0]
        out[i, 0] = gl_add(gl_mul(gl_mul(x, x), x), constants[(i - 1) % m])


def mimc_trace(x_in: int, n: int) -> np.ndarray:
    """The (n, 1) trace from ``x_in``."""
    out = np.empty((n, 1), dtype=np.uint64)
    out[0, 0] = x_in % MODULUS
    _fill(out, ROUND_CONSTANTS)
    return out


def mimc_reference(x_in: int, n: int) -> int:
    """Plain Python ints, mimc_stark's loop: the oracle for the trace builder."""
    x = x_in % MODULUS
    for i in range(n - 1):
        x = (x ** 3 + int(ROUND_CONSTANTS[i % NUM_ROUND_CONSTANTS])) % MODULUS
    return x
