"""The benchmark protocol of DESIGN.md: medians over >= 5 timed runs after warm-up, one JSON line each.

Every record has the keys ``suite, case, impl, log_n, median_s, min_s, max_s, runs, peak_mib, extra``.
Speed claims are ratios between records of the same run (a peer or a calibrator such as numpy's FFT),
never absolute times; compile time is measured on the first call and reported apart (``extra.compile_s``).
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from typing import IO, Any


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def measure(fn: Callable[[], Any], runs: int = 5, warmup: int = 1, setup: Callable[[], Any] | None = None,
            min_time_s: float = 0.0, max_runs: int = 41) -> dict[str, float]:
    """Time ``fn()`` at least ``runs`` times after ``warmup`` untimed calls.

    Args:
        fn: the zero-argument callable to time.
        runs: timed repetitions (>= 5 for any claim, per DESIGN.md).
        warmup: untimed calls first, so JIT compilation and caches never land in a timed run.
        setup: optional callable run (untimed) before each timed call, e.g. to copy an input that ``fn``
            consumes.
        min_time_s: keep timing past ``runs`` until the timed calls add up to this many seconds, so a
            short case gets enough runs for a stable median on a noisy machine.
        max_runs: upper bound on timed repetitions when ``min_time_s`` asks for more.

    Returns:
        ``{"median_s", "min_s", "max_s", "runs"}``.
    """
    if runs < 1 or max_runs < runs:
        raise ValueError("need 1 <= runs <= max_runs")
    for _ in range(warmup):
        if setup is not None:
            setup()
        fn()
    times = []
    while len(times) < runs or (sum(times) < min_time_s and len(times) < max_runs):
        if setup is not None:
            setup()
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return {"median_s": statistics.median(times), "min_s": min(times), "max_s": max(times),
            "runs": len(times)}


def time_first_call(fn: Callable[[], Any]) -> float:
    """Seconds taken by one call; used on the first call of a kernel to report compile time apart."""
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def record(suite: str, case: str, impl: str, log_n: int | None, timing: dict[str, float],
           extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Build one benchmark record in the DESIGN.md line format."""
    return {
        "suite": suite,
        "case": case,
        "impl": impl,
        "log_n": log_n,
        "median_s": timing["median_s"],
        "min_s": timing["min_s"],
        "max_s": timing["max_s"],
        "runs": int(timing["runs"]),
        "peak_mib": round(peak_rss_mib(), 1),
        "extra": dict(extra or {}),
    }


class Emitter:
    """Writes records as JSON lines to stdout (or quietly) and optionally to a file."""

    def __init__(self, json_path: str | None = None, stream: IO[str] | None | bool = True) -> None:
        """Open the sink.

        Args:
            json_path: a file to append the lines to, or None.
            stream: a text stream, True for stdout, or None to stay quiet.
        """
        self._file = open(json_path, "a", encoding="utf-8") if json_path else None
        # Resolved now, not at import, so redirected or captured stdout is honoured.
        self._stream = sys.stdout if stream is True else (stream or None)
        self.records: list[dict[str, Any]] = []

    def emit(self, rec: dict[str, Any]) -> None:
        line = json.dumps(rec, sort_keys=False)
        self.records.append(rec)
        if self._stream is not None:
            print(line, file=self._stream, flush=True)
        if self._file is not None:
            self._file.write(line + "\n")
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
