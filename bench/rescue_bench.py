"""Rescue-Prime Rp64_256 plain-hash throughput: ``permute_many`` and the hash-chain trace builder.

Grid (declared here, as the protocol asks): permute_many on 2^12 .. 2^16 independent states; the chain
trace (8 rows per hash, sequential) for 2^12 and 2^14 hashes. Calibrator, measured in the same run:
numpy's FFT of 12 * n float64 values (DESIGN.md's calibrator), reported as ``extra.ratio_to_numpy_fft``.
Medians over 5 runs after a warm-up; the first (compiling) call is reported apart as ``extra.first_call_s``.

Run: ``NUMBA_THREADING_LAYER=workqueue python -m bench.rescue_bench [--json out.jsonl]``
(standalone: the suite is not registered in ``bench/cli.py``).
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("NUMBA_THREADING_LAYER", "workqueue")

import numpy as np  # noqa: E402

from bench.protocol import Emitter, measure, record, time_first_call  # noqa: E402

PERMUTE_LOG_N = [12, 14, 16]
CHAIN_LOG_HASHES = [12, 14]
P = 2**64 - 2**32 + 1


def run(emitter: Emitter, quick: bool = False) -> None:
    """Emit one record per size for permute_many and the chain trace builder."""
    from stark.airs.rescue_chain import build_trace
    from stark.airs.rescue_prime import permute_many

    rng = np.random.default_rng(1)
    first = time_first_call(lambda: permute_many(np.zeros((4, 12), dtype=np.uint64)))
    for log_n in PERMUTE_LOG_N[:2] if quick else PERMUTE_LOG_N:
        states = rng.integers(0, P, size=(1 << log_n, 12), dtype=np.uint64)
        t = measure(lambda s=states: permute_many(s))
        ref = measure(lambda n=states.size: np.fft.fft(np.ones(n)))
        emitter.emit(record("rescue", "permute_many", "stark.airs.rescue_prime", log_n, t, {
            "permutations_per_s": (1 << log_n) / t["median_s"],
            "ratio_to_numpy_fft": t["median_s"] / ref["median_s"], "first_call_s": first}))
    first = time_first_call(lambda: build_trace([1, 2, 3, 4], 1))
    for log_h in CHAIN_LOG_HASHES[:1] if quick else CHAIN_LOG_HASHES:
        t = measure(lambda h=1 << log_h: build_trace([1, 2, 3, 4], h))
        ref = measure(lambda n=12 << log_h: np.fft.fft(np.ones(n)))
        emitter.emit(record("rescue", "chain_trace", "stark.airs.rescue_chain", log_h, t, {
            "hashes_per_s": (1 << log_h) / t["median_s"],
            "ratio_to_numpy_fft": t["median_s"] / ref["median_s"], "first_call_s": first}))


if __name__ == "__main__":
    path = sys.argv[sys.argv.index("--json") + 1] if "--json" in sys.argv else None
    em = Emitter(path)
    try:
        run(em, quick="--quick" in sys.argv)
    finally:
        em.close()
