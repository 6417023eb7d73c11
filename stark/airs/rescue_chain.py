"""AIR of a Rescue-Prime Rp64_256 hash chain: every hash of h_{i+1} = Rp64_256(h_i) proven.

Rescue-Prime: eprint 2020/1143 (Rescue: eprint 2019/1020); the hash and its parameters are in
:mod:`stark.airs.rescue_prime`. The layout adapts Winterfell's Rescue example (``examples/src/rescue``:
one hash per power-of-two cycle of rows, a periodic "round" flag, periodic round constants) to the
12-wide, 7-round Rp64_256.

Statement. With h_0 = ``seed`` (4 elements) and h_{i+1} = ``hash_elements(h_i)`` -- Winterfell's
``Rp64_256::hash_elements`` of the 4-element digest, i.e. the permutation of
(4, 0, 0, 0, h_i, 0, 0, 0, 0) read at state[4:8] -- the public inputs are (seed, h_H) for
H = trace_length / 8 hashes.

Trace (width 12, 8 rows per hash): row 8k holds hash k's input state (4, 0, 0, 0, h_k, 0, 0, 0, 0), row
8k + r the state after r rounds (r = 1..7), so h_{k+1} = row 8k + 7, columns 4..7.

Transition constraints, for each column j, with the periodic flag f = 1 on cycle rows 0..6 and 0 on row 7:

    round_j = (INV_MDS next - INV_MDS ARK2[r])_j^7 - (MDS current^7 + ARK1[r])_j
    copy_j  = next_j - (4, 0, 0, 0, current_4..7, 0, 0, 0, 0)_j
    C_j     = copy_j + f * (round_j - copy_j)

The inverse S-box x^(1/7) has huge degree, so (as in Winterfell) the round is checked from both ends:
the value after the forward half, MDS(x^7) + ARK1, must equal the 7th power of what the inverse S-box
produced, MDS^-1(next - ARK2). Degree 7 in the trace, times the flag: 8. Assertions pin row 0 to
(4, 0, 0, 0, seed, 0, 0, 0, 0) and the digest columns of the last row to h_H.
"""

from __future__ import annotations

import numpy as np

from prover.field.goldilocks import MODULUS
from stark.air import Air, Assertion
from stark.airs import rescue_chain_kernels as _ck
from stark.airs.rescue_prime import (
    ARK1,
    ARK2,
    DIGEST_SIZE,
    INV_MDS,
    MDS,
    NUM_ROUNDS,
    STATE_WIDTH,
    hash_elements,
)
from stark.field_ops import BaseColumnOps

CYCLE = _ck.CYCLE
CAPACITY_INIT = 4
DIGEST_COLUMNS = range(4, 8)

_MDS_ROWS = [[int(v) for v in row] for row in MDS]
_INV_MDS_ROWS = [[int(v) for v in row] for row in INV_MDS]


def _periodic() -> list[np.ndarray]:
    flag = np.array([1] * NUM_ROUNDS + [0], dtype=np.uint64)
    ark1 = np.zeros((CYCLE, STATE_WIDTH), dtype=np.uint64)
    ark1[:NUM_ROUNDS] = ARK1
    # INV_MDS ARK2 folded in advance: MDS^-1 (next - ARK2) = INV_MDS next - INV_MDS ARK2.
    k2 = np.zeros((CYCLE, STATE_WIDTH), dtype=np.uint64)
    for r in range(NUM_ROUNDS):
        for j in range(STATE_WIDTH):
            k2[r, j] = sum(_INV_MDS_ROWS[j][k] * int(ARK2[r, k]) for k in range(STATE_WIDTH)) % MODULUS
    return [flag] + [np.ascontiguousarray(ark1[:, j]) for j in range(STATE_WIDTH)] + \
        [np.ascontiguousarray(k2[:, j]) for j in range(STATE_WIDTH)]


_PERIODIC = _periodic()


class RescueChainAir(Air):
    """Statement: ``trace_length / 8`` Rp64_256 hashes take ``seed`` to ``result``.

    Public inputs: 8 field elements, the seed digest then the final digest.
    """

    name = "rescue"
    trace_width = STATE_WIDTH

    def __init__(self, public_inputs, trace_length):
        super().__init__(public_inputs, trace_length)
        if len(self.public_inputs) != 2 * DIGEST_SIZE:
            raise ValueError("the Rescue chain takes 8 public inputs: seed digest and final digest")
        self.seed = self.public_inputs[:DIGEST_SIZE]
        self.result = self.public_inputs[DIGEST_SIZE:]
        self.num_hashes = trace_length // CYCLE

    def transition_degrees(self):
        return [NUM_ROUNDS + 1] * STATE_WIDTH

    def evaluate_transition(self, ops, current, nxt, periodic):
        if isinstance(ops, BaseColumnOps) and isinstance(current[0], np.ndarray):
            return _evaluate_columns(current, nxt, periodic)
        return evaluate_with_ops(ops, current, nxt, periodic)

    def periodic_columns(self):
        return list(_PERIODIC)

    def assertions(self):
        first = [CAPACITY_INIT, 0, 0, 0, *self.seed, 0, 0, 0, 0]
        last = self.trace_length - 1
        return [Assertion(j, 0, v) for j, v in enumerate(first)] + \
            [Assertion(c, last, v) for c, v in zip(DIGEST_COLUMNS, self.result, strict=True)]

    @classmethod
    def trace_length_for(cls, steps: int) -> int:
        return CYCLE * steps

    @classmethod
    def example(cls, steps: int) -> tuple[np.ndarray, list[int]]:
        seed = [1, 2, 3, 4]
        trace = build_trace(seed, steps)
        return trace, seed + [int(v) for v in trace[-1, 4:8]]


def evaluate_with_ops(ops, current, nxt, periodic) -> list:
    """The transition constraints written once through ``ops`` (the verifier's path, and the spec)."""
    flag = periodic[0]
    s7 = [ops.pow(c, 7) for c in current]
    out = []
    for j in range(STATE_WIDTH):
        mid = ops.add(ops.lincomb(_MDS_ROWS[j], s7), periodic[1 + j])
        u = ops.sub(ops.lincomb(_INV_MDS_ROWS[j], nxt), periodic[1 + STATE_WIDTH + j])
        rnd = ops.sub(ops.pow(u, 7), mid)
        if j == 0:
            cp = ops.sub(nxt[j], ops.const(CAPACITY_INIT))
        elif j in DIGEST_COLUMNS:
            cp = ops.sub(nxt[j], current[j])
        else:
            cp = nxt[j]
        out.append(ops.add(cp, ops.mul(flag, ops.sub(rnd, cp))))
    return out


def _evaluate_columns(current, nxt, periodic) -> list[np.ndarray]:
    """The same constraints on whole uint64 columns in one fused kernel (the prover's fast path)."""
    n = current[0].shape[0]
    out = np.empty((STATE_WIDTH, n), dtype=np.uint64)
    cols = tuple(np.ascontiguousarray(c) for c in current)
    nxts = tuple(np.ascontiguousarray(c) for c in nxt)
    pers = tuple(np.ascontiguousarray(c) for c in periodic)
    _ck.eval_constraints(cols, nxts, pers, out, MDS, INV_MDS)
    return list(out)


def build_trace(seed, num_hashes: int) -> np.ndarray:
    """The (8 * num_hashes, 12) execution trace of the chain from ``seed``.

    Args:
        seed: 4 canonical field elements.
        num_hashes: number of hashes, a power of two >= 1.

    Returns:
        A uint64 array; ``trace[-1, 4:8]`` is the final digest.

    Raises:
        ValueError: bad seed or hash count.
    """
    if not isinstance(num_hashes, int) or num_hashes < 1 or num_hashes & (num_hashes - 1):
        raise ValueError(f"num_hashes must be a power of two >= 1, got {num_hashes!r}")
    s = [int(v) for v in seed]
    if len(s) != DIGEST_SIZE or any(not 0 <= v < MODULUS for v in s):
        raise ValueError("seed must be 4 canonical field elements")
    out = np.empty((CYCLE * num_hashes, STATE_WIDTH), dtype=np.uint64)
    _ck.chain_trace(np.array(s, dtype=np.uint64), num_hashes, out, MDS, ARK1, ARK2)
    return out


def chain_digest(seed, num_hashes: int) -> np.ndarray:
    """h_H by iterating the plain :func:`stark.airs.rescue_prime.hash_elements` (no trace)."""
    h = np.array([int(v) for v in seed], dtype=np.uint64)
    for _ in range(num_hashes):
        h = hash_elements(h)
    return h


__all__ = ["RescueChainAir", "build_trace", "chain_digest", "evaluate_with_ops"]
