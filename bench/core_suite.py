"""The ``core`` suite: field multiply, NTT/iNTT, coset LDE and BLAKE3 Merkle trees with their references.

Size grid (full run): NTT/iNTT 2^16..2^22, LDE x8 from 2^16, 2^18, 2^20, Merkle 2^16..2^22 rows of 1 and 8
elements plus the 2^20 x 4 headline, field mul at 2^20. ``quick`` shrinks it for the demo and smoke tests.
References in the same run: numpy's complex FFT, galois.ntt over BabyBear, the blake3 package in a loop.

Run: ``python -m bench core --json core.jsonl``.
"""

from __future__ import annotations

from bench.protocol import Emitter

FULL = {
    "ntt_log_ns": (16, 17, 18, 19, 20, 21, 22),
    "lde_log_ns": (16, 18, 20),
    "field_mul_log_n": 20,
    "merkle_log_ns": (16, 18, 20, 22),
}
QUICK = {
    "ntt_log_ns": (16, 18),
    "lde_log_ns": (16,),
    "field_mul_log_n": 18,
    "merkle_log_ns": (16,),
}


def run(emitter: Emitter, quick: bool = False) -> None:
    """Emit every record of the core suite."""
    from bench import merkle_bench, ntt_bench

    grid = QUICK if quick else FULL
    ntt_bench.run(emitter, ntt_log_ns=grid["ntt_log_ns"], lde_log_ns=grid["lde_log_ns"],
                  field_mul_log_n=grid["field_mul_log_n"], runs=5)
    merkle_bench.run(emitter, sizes_log_n=grid["merkle_log_ns"], widths=(1, 8), runs=5)
