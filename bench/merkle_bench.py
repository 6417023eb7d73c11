"""Merkle commitment benchmark: :class:`prover.merkle.MerkleTree` against the ``blake3`` package in a loop.

Size grid: 2^16, 2^18, 2^20, 2^22 rows of 1 and 8 uint64 elements, plus the issue's headline 2^20 x 4
always. The reference ("blake3_loop") builds the same tree in Python: leaves ``blake3(row.tobytes())``,
nodes ``blake3(left + right)``; a size whose loop would take over ``LOOP_BUDGET_S`` in total is skipped and
the skip is noted in the prover record's ``extra``. At 2^22 the prover is also timed on 1 and 2 Numba
threads (``extra.threads_1_s``, ``threads_2_s``, ``speedup_2_threads``).

Run: ``python -m bench core --json core.jsonl`` (or call :func:`run` with an :class:`Emitter`).
"""

from __future__ import annotations

import time

import blake3
import numpy as np

from bench.protocol import Emitter, measure, record, time_first_call

SUITE = "core"
CASE = "merkle"
HEADLINE = (20, 4)
LOOP_BUDGET_S = 60.0


def _blake3_loop_root(rows: np.ndarray) -> bytes:
    level = [blake3.blake3(r.tobytes()).digest() for r in rows]
    while len(level) > 1:
        level = [blake3.blake3(level[i] + level[i + 1]).digest() for i in range(0, len(level), 2)]
    return level[0]


def _loop_seconds_per_hash() -> float:
    rows = np.zeros((1 << 13, 4), dtype=np.uint64)
    t0 = time.perf_counter()
    _blake3_loop_root(rows)
    return (time.perf_counter() - t0) / (2 * rows.shape[0])


def run(emitter: Emitter, sizes_log_n=(16, 18, 20, 22), widths=(1, 8), runs: int = 5) -> None:
    """Emit one record per (size, width, impl), with ratios in ``extra``.

    Args:
        emitter: where the JSON lines go.
        sizes_log_n: log2 of the row counts.
        widths: uint64 elements per row.
        runs: timed runs per case (after one warm-up run).
    """
    import numba

    from prover.merkle import MerkleTree

    cases = [(log_n, w) for log_n in sizes_log_n for w in widths]
    if HEADLINE not in cases:
        cases.append(HEADLINE)
    per_hash = _loop_seconds_per_hash()
    rng = np.random.default_rng(2024)
    compile_s = time_first_call(lambda: MerkleTree(np.zeros((4, 4), dtype=np.uint64)))
    for log_n, w in cases:
        rows = rng.integers(0, 2**64, size=(1 << log_n, w), dtype=np.uint64)
        ours = measure(lambda rows=rows: MerkleTree(rows), runs=runs)
        extra = {"width": w, "rows": 1 << log_n, "threads": numba.get_num_threads(),
                 "compile_s": round(compile_s, 3)}
        estimate = per_hash * 2 * rows.shape[0] * (runs + 1)
        if estimate <= LOOP_BUDGET_S or (log_n, w) == HEADLINE:
            if MerkleTree(rows).root != _blake3_loop_root(rows):
                raise RuntimeError(f"prover and blake3 loop roots differ at 2^{log_n} x {w}")
            ref = measure(lambda rows=rows: _blake3_loop_root(rows), runs=runs)
            extra["speedup_vs_blake3_loop"] = round(ref["median_s"] / ours["median_s"], 2)
            emitter.emit(record(SUITE, CASE, "blake3_loop", log_n, ref, {"width": w, "rows": 1 << log_n}))
        else:
            extra["blake3_loop_skipped"] = f"estimated {estimate:.0f} s > budget {LOOP_BUDGET_S:.0f} s"
        if log_n == 22:
            before = numba.get_num_threads()
            try:
                numba.set_num_threads(1)
                one = measure(lambda rows=rows: MerkleTree(rows), runs=runs)
                numba.set_num_threads(min(2, numba.config.NUMBA_NUM_THREADS))
                two = measure(lambda rows=rows: MerkleTree(rows), runs=runs)
            finally:
                numba.set_num_threads(before)
            extra.update(threads_1_s=one["median_s"], threads_2_s=two["median_s"],
                         speedup_2_threads=round(one["median_s"] / two["median_s"], 2))
        emitter.emit(record(SUITE, CASE, "prover", log_n, ours, extra))
