"""NTT / iNTT / coset LDE / field-multiply benchmark for :mod:`prover.ntt`, with same-run references.

Size grid: NTT and iNTT 2^16..2^22, LDE x8 from 2^16, 2^18, 2^20, field multiply at 2^20 (arguments of
:func:`run`). References, measured in the same run: numpy's complex128 FFT of the same length
(``numpy_fft``, the calibrator every ratio is taken against); ``galois.ntt`` over BabyBear
(p = 2^31 - 2^27 + 1) up to 2^20 only (``galois``; larger sizes are skipped, noted in ``extra``);
``np.multiply`` of two float64 arrays as the memory-bandwidth calibrator of the field multiply.
Every timing is the median of at least ``runs`` warm runs, more for short cases (up to one second of
timed work each); the first call of each prover case is timed apart
(``extra.compile_s``, includes JIT compilation or cache loading). At 2^22 the NTT is also timed on 1 and
2 Numba threads (``extra.threads_1_s``, ``threads_2_s``, ``speedup_2_threads``).

Run: ``NUMBA_THREADING_LAYER=workqueue python -m bench core --json core.jsonl``
(or call :func:`run` with an :class:`~bench.protocol.Emitter`).
"""

from __future__ import annotations

import numpy as np

from bench.protocol import Emitter, measure, record, time_first_call

SUITE = "core"
P = 2**64 - 2**32 + 1
BABYBEAR = 2**31 - 2**27 + 1
GALOIS_MAX_LOG_N = 20
LDE_BLOWUP = 8
# Short cases repeat until they add up to this much timed work (up to 41 runs), for stable medians on a
# shared machine whose second core comes and goes.
MIN_TIME_S = 1.0


def _ratio(ref: dict, ours: dict) -> float:
    return round(ref["median_s"] / ours["median_s"], 2)


def _transform_case(emitter: Emitter, case: str, log_ns, runs: int, rng) -> None:
    import galois
    import numba

    from prover import ntt as N

    fn = N.ntt if case == "ntt" else N.intt
    compile_s = time_first_call(lambda: fn(np.ones(8, dtype=np.uint64)))
    for idx, log_n in enumerate(log_ns):
        n = 1 << log_n
        a = rng.integers(0, P, size=n, dtype=np.uint64)
        ours = measure(lambda a=a: fn(a), runs=runs, min_time_s=MIN_TIME_S)
        z = a.astype(np.complex128)
        ref = measure(lambda z=z: np.fft.fft(z) if case == "ntt" else np.fft.ifft(z), runs=runs,
                      min_time_s=MIN_TIME_S)
        emitter.emit(record(SUITE, case, "numpy_fft", log_n, ref, {"n": n}))
        extra = {"n": n, "threads": numba.get_num_threads(), "ratio_to_numpy_fft": _ratio(ours, ref),
                 "speedup_vs_numpy_fft": _ratio(ref, ours)}
        if idx == 0:
            extra["compile_s"] = round(compile_s, 3)
        if log_n <= GALOIS_MAX_LOG_N:
            bb = rng.integers(0, BABYBEAR, size=n, dtype=np.int64)
            gfn = galois.ntt if case == "ntt" else galois.intt
            gal = measure(lambda bb=bb, gfn=gfn: gfn(bb, modulus=BABYBEAR), runs=runs, min_time_s=MIN_TIME_S)
            emitter.emit(record(SUITE, case, "galois", log_n, gal, {"n": n, "field": "BabyBear"}))
            extra["speedup_vs_galois_babybear"] = _ratio(gal, ours)
        else:
            extra["galois_skipped"] = f"galois above 2^{GALOIS_MAX_LOG_N} is too slow for the suite"
        if log_n == 22 and case == "ntt":
            before = numba.get_num_threads()
            try:
                numba.set_num_threads(1)
                one = measure(lambda a=a: fn(a), runs=runs)
                numba.set_num_threads(min(2, numba.config.NUMBA_NUM_THREADS))
                two = measure(lambda a=a: fn(a), runs=runs)
            finally:
                numba.set_num_threads(before)
            extra.update(threads_1_s=one["median_s"], threads_2_s=two["median_s"],
                         speedup_2_threads=_ratio(one, two))
        emitter.emit(record(SUITE, case, "prover", log_n, ours, extra))


def _lde_case(emitter: Emitter, log_ns, runs: int, rng) -> None:
    import numba

    from prover import ntt as N

    compile_s = time_first_call(lambda: N.lde(np.ones(8, dtype=np.uint64), LDE_BLOWUP))
    for idx, log_n in enumerate(log_ns):
        n = 1 << log_n
        evals = rng.integers(0, P, size=n, dtype=np.uint64)
        ours = measure(lambda e=evals: N.lde(e, LDE_BLOWUP), runs=runs, min_time_s=MIN_TIME_S)
        z = np.zeros(n * LDE_BLOWUP, dtype=np.complex128)
        z[:n] = evals
        ref = measure(lambda z=z: np.fft.fft(z), runs=runs, min_time_s=MIN_TIME_S)
        emitter.emit(record(SUITE, "lde", "numpy_fft", log_n, ref, {"n": n, "output_n": n * LDE_BLOWUP}))
        extra = {"n": n, "blowup": LDE_BLOWUP, "output_n": n * LDE_BLOWUP, "order": "bit-reversed",
                 "threads": numba.get_num_threads(), "ratio_to_numpy_fft": _ratio(ours, ref)}
        if idx == 0:
            extra["compile_s"] = round(compile_s, 3)
        emitter.emit(record(SUITE, "lde", "prover", log_n, ours, extra))


def _field_mul_case(emitter: Emitter, log_n: int, runs: int, rng) -> None:
    from prover.field import goldilocks_kernels as G

    n = 1 << log_n
    a = rng.integers(0, P, size=n, dtype=np.uint64)
    b = rng.integers(0, P, size=n, dtype=np.uint64)
    out = np.empty(n, dtype=np.uint64)
    compile_s = time_first_call(lambda: G.vec_mul(a[:8], b[:8], out[:8]))
    ours = measure(lambda: G.vec_mul(a, b, out), runs=runs)
    fa = a.astype(np.float64)
    fb = b.astype(np.float64)
    fo = np.empty(n, dtype=np.float64)
    ref = measure(lambda: np.multiply(fa, fb, out=fo), runs=runs)
    emitter.emit(record(SUITE, "field_mul", "numpy", log_n, ref, {"n": n, "dtype": "float64"}))
    emitter.emit(record(SUITE, "field_mul", "prover", log_n, ours,
                        {"n": n, "kernel": "vec_mul", "ratio_to_numpy": _ratio(ours, ref),
                         "compile_s": round(compile_s, 3)}))


def run(emitter: Emitter, ntt_log_ns=(16, 17, 18, 19, 20, 21, 22), lde_log_ns=(16, 18, 20),
        field_mul_log_n: int = 20, runs: int = 5) -> None:
    """Emit the ``ntt``, ``intt``, ``lde`` and ``field_mul`` records of the core suite.

    Args:
        emitter: where the JSON lines go.
        ntt_log_ns: log2 of the NTT/iNTT sizes.
        lde_log_ns: log2 of the LDE input sizes (blowup 8).
        field_mul_log_n: log2 of the field-multiply length.
        runs: timed runs per case (after one warm-up run); >= 5 for any claim.
    """
    rng = np.random.default_rng(2024)
    _field_mul_case(emitter, field_mul_log_n, runs, rng)
    for case in ("ntt", "intt"):
        _transform_case(emitter, case, ntt_log_ns, runs, rng)
    _lde_case(emitter, lde_log_ns, runs, rng)


if __name__ == "__main__":
    run(Emitter())
