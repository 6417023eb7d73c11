"""``python -m bench stark``: STARK prove/verify time, proof size, peak memory and prove-time breakdown.

Grid (declared here, as the protocol asks):
  * Fibonacci, 2^12 .. 2^22 rows (quick: 2^12 .. 2^16), at 96 conjectured bits;
  * MiMC, 2^13 steps, at 96 bits;
  * Rescue-Prime Rp64_256 chain, 2^8 .. 2^16 hashes (quick: 2^8 .. 2^10), at 96 bits, if present.

Each prove/verify is a median over >= 5 runs after a warm-up (fewer for the largest sizes, stated in
``runs``). The calibrator for the prover is the trace's own LDE plus Merkle commitment, measured in the
same run: ``extra.ratio_to_lde_merkle`` = prove time / (LDE + Merkle of the trace). ``extra.share_*`` is
the fraction of prove time spent in LDE, Merkle hashing, constraint evaluation (composition), DEEP and
FRI, from the prover's own stage timers.

Run: ``NUMBA_THREADING_LAYER=workqueue python -m bench stark [--quick] [--json out.jsonl]``
"""

from __future__ import annotations

import time

from bench.protocol import Emitter, measure, record

FIB_LOG_ROWS = list(range(12, 23, 2)) + [20]
FIB_LOG_ROWS_QUICK = [12, 14, 16]
RESCUE_LOG_HASHES = [8, 10, 12, 14, 16]
RESCUE_LOG_HASHES_QUICK = [8, 10]
MIMC_LOG_STEPS = 13


def _runs_for(log_rows: int) -> int:
    return 5 if log_rows <= 20 else 3


def _bench_case(emitter: Emitter, case: str, air_cls, steps: int, log_n: int, options) -> None:
    import numpy as np

    from prover import ntt
    from prover.merkle import MerkleTree
    from stark import prove, verify
    from stark.composition import GENERATOR

    trace, public = air_cls.example(steps)
    air = air_cls(public, trace.shape[0])
    runs = _runs_for(int(np.log2(trace.shape[0] * options.blowup_factor)) - 3)
    t0 = time.perf_counter()
    proof = prove(air, trace, options)  # warm-up (and compile) run
    compile_s = time.perf_counter() - t0
    data = proof.to_bytes()
    timings: dict[str, float] = {}
    prove_t = measure(lambda: prove(air, trace, options), runs=runs, warmup=0)
    prove(air, trace, options, timings=timings)
    verify_t = measure(lambda: verify(air_cls, public, data), runs=max(runs, 5), warmup=1)

    def lde_merkle():
        MerkleTree(ntt.lde(trace, options.blowup_factor, GENERATOR, bit_reversed=True))

    base_t = measure(lde_merkle, runs=runs, warmup=1)
    total = sum(timings.values()) or 1.0
    extra = {
        "steps": steps, "trace_rows": int(trace.shape[0]), "trace_width": int(trace.shape[1]),
        "security_bits": options.conjectured_security_bits(), "options": options.describe(),
        "proof_bytes": len(data), "verify_median_s": verify_t["median_s"],
        "lde_merkle_median_s": base_t["median_s"],
        "ratio_to_lde_merkle": prove_t["median_s"] / base_t["median_s"],
        "first_call_s": compile_s,
    }
    for key, value in timings.items():
        extra[f"share_{key}"] = round(value / total, 3)
    emitter.emit(record("stark", case, "stark.prove", log_n, prove_t, extra))


def run(emitter: Emitter, quick: bool = False) -> None:
    """Run the STARK suite and emit one record per (AIR, size)."""
    from stark import ProofOptions
    from stark.airs import get_air

    options = ProofOptions.for_security(96)
    fib = get_air("fibonacci")
    for log_rows in sorted(set(FIB_LOG_ROWS_QUICK if quick else FIB_LOG_ROWS)):
        _bench_case(emitter, "fibonacci", fib, 1 << log_rows, log_rows, options)
    _bench_case(emitter, "mimc", get_air("mimc"), 1 << MIMC_LOG_STEPS, MIMC_LOG_STEPS, options)
    try:
        rescue = get_air("rescue")
    except KeyError:
        return
    for log_h in RESCUE_LOG_HASHES_QUICK if quick else RESCUE_LOG_HASHES:
        _bench_case(emitter, "rescue_chain", rescue, 1 << log_h, log_h, options)
