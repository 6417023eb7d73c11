"""``python -m bench bn254``: the BN254 engine against py_ecc (pure Python) and mcl (C++, ``mclbn256``).

Grid (declared here, as the protocol asks; ``quick`` in brackets):
  * ``fq_mul``: Montgomery products over 2^16 independent pairs, one thread (time per product);
  * ``g1_add``: Jacobian additions over 2^14 pairs, one thread (time per addition);
  * ``g1_msm``: 2^12 .. 2^20 points [2^12 .. 2^16], both cores; mcl ``mclBnG1_mulVec`` (one core) on the
    same points and scalars; py_ecc as a naive sum of 2^4 scalar multiplications;
  * ``g2_msm``: 2^12 .. 2^18 points [2^12 .. 2^16]; mcl ``mclBnG2_mulVec``;
  * ``fr_ntt``: 2^16 .. 2^22 [2^16 .. 2^18]; calibrator: numpy's complex FFT of the same length;
  * ``pairing`` and ``pairing4`` (a product of 4 pairings, one final exponentiation); py_ecc's pairing.

Each number is a median over >= 5 runs after a warm-up (3 for the slow py_ecc references, stated in
``runs``); compile time of the first call is in ``extra.compile_s``. Ratios measured in the same run are in
``extra`` (``ratio_to_mcl`` = our time / mcl's; ``speedup_vs_py_ecc`` = py_ecc's time / ours).
mcl is initialised with curve id 4 (MCL_BN_SNARK1, Ethereum's alt_bn128; its default id 0 is a different
BN254) and checked against py_ecc on a small MSM before it is timed; if it is missing or fails, a record
with ``impl = "mcl"`` and ``extra.unavailable`` says why.

Run: ``NUMBA_THREADING_LAYER=workqueue python -m bench bn254 [--quick] [--json out.jsonl]``
"""

from __future__ import annotations

import ctypes
import random
import threading
import time

import numpy as np

from bench.protocol import Emitter, measure, record

SUITE = "bn254"
G1_LOG_N = [12, 14, 16, 18, 20]
G2_LOG_N = [12, 14, 16, 18]
NTT_LOG_N = [16, 18, 20, 22]
QUICK_G1_LOG_N = [12, 14, 16]
QUICK_G2_LOG_N = [12, 14, 16]
QUICK_NTT_LOG_N = [16, 18]
MCL_CURVE_SNARK1 = 4  # mcl's id for Ethereum's BN254 (alt_bn128)
RUNS = 5
MCL_STACK_BYTES = 1 << 30


def _env() -> dict:
    import numba

    return {"threads": numba.get_num_threads()}


def _random_scalars(n: int, rng: random.Random) -> tuple[list[int], np.ndarray]:
    from snark.bn254.fields import R, ints_to_limbs

    ints = [rng.randrange(R) for _ in range(n)]
    return ints, ints_to_limbs(ints)


def _points(group, n: int, rng: random.Random) -> np.ndarray:
    """n distinct points Q + i G (a random Q), built with O(log n) batched additions."""
    from snark.bn254.fields import R

    base = group.generator(1)
    acc = group.mul(base, [rng.randrange(1, R)])
    step = group.to_jacobian(base)
    while acc.shape[0] < n:
        acc = np.concatenate([acc, group.add(acc, np.repeat(step, acc.shape[0], axis=0))])
        step = group.double(step)
    return group.to_affine(acc[:n])


# ---------------------------------------------------------------------------------------------------
# mcl
# ---------------------------------------------------------------------------------------------------


class _Mcl:
    """ctypes access to mclbn256's bundled libmcl, initialised for Ethereum's BN254."""

    def __init__(self) -> None:
        import mclbn256

        self.m = mclbn256.mclbn256
        rc = self.m.lib.mclBn_init(MCL_CURVE_SNARK1, self.m.MCLBN_COMPILED_TIME_VAR)
        if rc != 0:
            raise RuntimeError(f"mclBn_init({MCL_CURVE_SNARK1}) returned {rc}")

    def load(self, group_name: str, pts: list, scalars: list[int]):
        m, lib = self.m, self.m.lib
        cls, set_str = (m.G1, lib.mclBnG1_setStr) if group_name == "G1" else (m.G2, lib.mclBnG2_setStr)
        arr = (cls * len(pts))()
        frs = (m.Fr * len(pts))()
        for i, (pt, s) in enumerate(zip(pts, scalars, strict=True)):
            if pt is None:
                txt = b"0"
            elif group_name == "G1":
                txt = f"1 {pt[0]} {pt[1]}".encode()
            else:
                txt = f"1 {pt[0][0]} {pt[0][1]} {pt[1][0]} {pt[1][1]}".encode()
            if set_str(ctypes.byref(arr[i]), ctypes.c_char_p(txt), len(txt), 10) != 0:
                raise RuntimeError(f"mcl rejected point {i}")
            st = str(s).encode()
            if lib.mclBnFr_setStr(ctypes.byref(frs[i]), ctypes.c_char_p(st), len(st), 10) != 0:
                raise RuntimeError(f"mcl rejected scalar {i}")
        return arr, frs

    def msm(self, group_name: str, arr, frs) -> str:
        """mcl's mulVec, run on a thread with a 1 GiB stack: on the main thread's 8 MiB stack it crashes
        (SIGSEGV) from 2^18 points here. Thread start-up (~0.1 ms) is inside the timing."""
        result: list[str] = []
        old = threading.stack_size(MCL_STACK_BYTES)
        try:
            worker = threading.Thread(target=lambda: result.append(self._msm(group_name, arr, frs)))
            worker.start()
            worker.join()
        finally:
            threading.stack_size(old)
        if not result:
            raise RuntimeError("mcl mulVec failed")
        return result[0]

    def _msm(self, group_name: str, arr, frs) -> str:
        m, lib = self.m, self.m.lib
        if group_name == "G1":
            z = m.G1()
            lib.mclBnG1_mulVec(ctypes.byref(z), arr, frs, len(arr))
            lib.mclBnG1_normalize(ctypes.byref(z), ctypes.byref(z))
            get = lib.mclBnG1_getStr
        else:
            z = m.G2()
            lib.mclBnG2_mulVec(ctypes.byref(z), arr, frs, len(arr))
            lib.mclBnG2_normalize(ctypes.byref(z), ctypes.byref(z))
            get = lib.mclBnG2_getStr
        buf = ctypes.create_string_buffer(2048)
        size = get(buf, 2048, ctypes.byref(z), 10)
        return buf.value[:size].decode()


def _mcl_or_reason() -> tuple[_Mcl | None, str]:
    try:
        return _Mcl(), ""
    except Exception as exc:  # noqa: BLE001 - any failure to install/load/init is reported, not fatal
        return None, f"{type(exc).__name__}: {exc}"


def _mcl_text(group_name: str, pt) -> str:
    if pt is None:
        return "0"
    if group_name == "G1":
        return f"1 {pt[0]} {pt[1]}"
    return f"1 {pt[0][0]} {pt[0][1]} {pt[1][0]} {pt[1][1]}"


# ---------------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------------


def _mulx_kernel():
    # Built on first use so importing the suite does not compile it.
    from numba import njit

    from snark.bn254.limb_kernels import ZERO, madd2

    @njit(cache=True)
    def mulx_throughput(x, rounds):
        # Eight independent chains of 64x64 -> 128 products (each feeds only its own next product), so the
        # time per product is the core's multiplier throughput, not its latency.
        a0, a1, a2, a3, a4, a5, a6, a7 = x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]
        b = x[8]
        for _ in range(rounds):
            h0, l0 = madd2(a0, b, ZERO, ZERO)
            h1, l1 = madd2(a1, b, ZERO, ZERO)
            h2, l2 = madd2(a2, b, ZERO, ZERO)
            h3, l3 = madd2(a3, b, ZERO, ZERO)
            h4, l4 = madd2(a4, b, ZERO, ZERO)
            h5, l5 = madd2(a5, b, ZERO, ZERO)
            h6, l6 = madd2(a6, b, ZERO, ZERO)
            h7, l7 = madd2(a7, b, ZERO, ZERO)
            a0, a1, a2, a3 = l0 ^ h0, l1 ^ h1, l2 ^ h2, l3 ^ h3
            a4, a5, a6, a7 = l4 ^ h4, l5 ^ h5, l6 ^ h6, l7 ^ h7
        return a0 ^ a1 ^ a2 ^ a3 ^ a4 ^ a5 ^ a6 ^ a7

    return mulx_throughput


def _bench_fq_mul(emitter: Emitter) -> None:
    import py_ecc.optimized_bn128 as ob

    from snark.bn254 import limb_kernels as lk
    from snark.bn254.fields import Fq, P

    n = 1 << 16
    rng = random.Random(1)
    a = Fq.from_ints([rng.randrange(P) for _ in range(n)])
    b = Fq.from_ints([rng.randrange(P) for _ in range(n)])
    out = np.empty_like(a)
    t0 = time.perf_counter()
    lk.arr_mul(a, b, out, Fq.q, Fq.qinv)
    compile_s = time.perf_counter() - t0
    t = measure(lambda: lk.arr_mul(a, b, out, Fq.q, Fq.qinv), runs=RUNS, warmup=2)
    chain_rounds = 1 << 20
    lk.arr_mul_chain(a, b, 4, Fq.q, Fq.qinv)
    tc = measure(lambda: lk.arr_mul_chain(a, b, chain_rounds, Fq.q, Fq.qinv), runs=RUNS)
    ns = t["median_s"] / n * 1e9
    # The floor a 4-limb CIOS product cannot beat on this core: 32 full 64x64 -> 128 products, at the
    # multiplier's throughput measured here (one product per ~2 cycles on the AVX2 EPYC of this machine).
    mulx = _mulx_kernel()
    seeds = np.array([rng.getrandbits(64) | 1 for _ in range(9)], dtype=np.uint64)
    mulx(seeds, 4)
    mulx_rounds = 1 << 20
    tm = measure(lambda: mulx(seeds, mulx_rounds), runs=RUNS)
    mulx_ns = tm["median_s"] / (8 * mulx_rounds) * 1e9
    xs = [ob.FQ(rng.randrange(P)) for _ in range(2048)]
    tp = measure(lambda: [x * y for x, y in zip(xs, xs[1:], strict=False)], runs=RUNS)
    py_ns = tp["median_s"] / (len(xs) - 1) * 1e9
    emitter.emit(record(SUITE, "fq_mul", "prover", 16, t, {
        "ns_per_mul": round(ns, 2),
        "latency_ns_dependent_chain": round(tc["median_s"] / chain_rounds * 1e9, 2),
        "mulx_ns": round(mulx_ns, 3), "cios_multiplier_floor_ns": round(32 * mulx_ns, 2),
        "target_ns": 15, "compile_s": round(compile_s, 3), "threads": 1}))
    emitter.emit(record(SUITE, "fq_mul", "py_ecc", 11, tp, {
        "ns_per_mul": round(py_ns, 1), "speedup_of_prover": round(py_ns / ns, 1)}))


def _bench_g1_add(emitter: Emitter) -> None:
    import py_ecc.optimized_bn128 as ob

    from snark.bn254 import curve_kernels as ck
    from snark.bn254.curves import G1

    rng = random.Random(2)
    n = 1 << 14
    p = G1.to_jacobian(_points(G1, n, rng))
    q = G1.double(p)
    out = np.empty_like(p)
    t0 = time.perf_counter()
    ck.arr_add(p, q, out)
    compile_s = time.perf_counter() - t0
    t = measure(lambda: ck.arr_add(p, q, out), runs=RUNS, warmup=2)
    ns = t["median_s"] / n * 1e9
    pts = [ob.multiply(ob.G1, rng.randrange(1, 1 << 64)) for _ in range(256)]
    tp = measure(lambda: [ob.add(x, y) for x, y in zip(pts, pts[1:], strict=False)], runs=RUNS)
    py_ns = tp["median_s"] / (len(pts) - 1) * 1e9
    emitter.emit(record(SUITE, "g1_add", "prover", 14, t, {
        "ns_per_add": round(ns, 1), "compile_s": round(compile_s, 3), "threads": 1,
        "formula": "add-2007-bl Jacobian"}))
    emitter.emit(record(SUITE, "g1_add", "py_ecc", 8, tp, {
        "ns_per_add": round(py_ns, 1), "speedup_of_prover": round(py_ns / ns, 1)}))


def _bench_msm(emitter: Emitter, case: str, group, log_ns: list[int], mcl: _Mcl | None, mcl_reason: str,
               rng: random.Random) -> None:
    from snark.bn254.msm import msm, window_size

    n_max = 1 << max(log_ns)
    points = _points(group, n_max, rng)
    ints, limbs = _random_scalars(n_max, rng)
    t0 = time.perf_counter()
    msm(group, points[:64], limbs[:64])
    compile_s = time.perf_counter() - t0
    mcl_state = (None, None)
    if mcl is not None:
        # Sanity: mcl agrees with our MSM on a small input (so it really runs Ethereum's BN254).
        small = group.to_ints(points[:8])
        arr, frs = mcl.load(group.name, small, ints[:8])
        ours = _mcl_text(group.name, group.to_ints(msm(group, points[:8], limbs[:8]))[0])
        if mcl.msm(group.name, arr, frs) != ours:
            mcl, mcl_reason = None, "mcl disagrees with this engine on an 8-point MSM (wrong curve?)"
        else:
            all_pts = group.to_ints(points)
            mcl_state = mcl.load(group.name, all_pts, ints)
    for log_n in log_ns:
        n = 1 << log_n
        p, s = points[:n], limbs[:n]
        t = measure(lambda p=p, s=s: msm(group, p, s), runs=RUNS, warmup=1)
        extra = {"window_bits": window_size(n), "compile_s": round(compile_s, 3), **_env()}
        if mcl is not None:
            arr, frs = mcl_state
            arr_n = (type(arr[0]) * n).from_buffer(arr)
            frs_n = (type(frs[0]) * n).from_buffer(frs)
            tm = measure(lambda a=arr_n, f=frs_n: mcl.msm(group.name, a, f), runs=RUNS, warmup=1)
            extra["ratio_to_mcl"] = round(t["median_s"] / tm["median_s"], 2)
            emitter.emit(record(SUITE, case, "mcl", log_n, tm, {"threads": 1, "curve_id": MCL_CURVE_SNARK1}))
        emitter.emit(record(SUITE, case, "prover", log_n, t, extra))
    if mcl is None:
        emitter.emit(record(SUITE, case, "mcl", None, {"median_s": float("nan"), "min_s": float("nan"),
                                                       "max_s": float("nan"), "runs": 0},
                            {"unavailable": mcl_reason}))


def _bench_py_ecc_msm(emitter: Emitter, rng: random.Random, prover_16_s: float | None) -> None:
    import py_ecc.optimized_bn128 as ob

    from snark.bn254.fields import R

    n = 16
    pts = [ob.multiply(ob.G1, rng.randrange(1, R)) for _ in range(n)]
    sc = [rng.randrange(R) for _ in range(n)]

    def naive():
        acc = ob.Z1
        for p, k in zip(pts, sc, strict=True):
            acc = ob.add(acc, ob.multiply(p, k))
        return acc

    t = measure(naive, runs=3, warmup=0)
    per_mul = t["median_s"] / n
    extra = {"method": "naive sum of py_ecc.optimized_bn128.multiply", "per_scalar_mul_s": per_mul,
             "estimated_2^16_s": round(per_mul * (1 << 16), 1)}
    if prover_16_s:
        extra["estimated_speedup_of_prover_at_2^16"] = round(per_mul * (1 << 16) / prover_16_s, 0)
    emitter.emit(record(SUITE, "g1_msm", "py_ecc", 4, t, extra))


def _bench_ntt(emitter: Emitter, log_ns: list[int], rng: random.Random) -> None:
    from snark.bn254.fields import Fr, R
    from snark.bn254.ntt import ntt

    a_max = Fr.from_ints([rng.randrange(R) for _ in range(1 << max(log_ns))])
    t0 = time.perf_counter()
    ntt(a_max[:16])
    compile_s = time.perf_counter() - t0
    for log_n in log_ns:
        a = a_max[: 1 << log_n]
        t = measure(lambda a=a: ntt(a), runs=RUNS, warmup=1)
        z = np.random.default_rng(log_n).standard_normal(1 << log_n) + 0j
        tf = measure(lambda z=z: np.fft.fft(z), runs=RUNS, warmup=1)
        emitter.emit(record(SUITE, "fr_ntt", "prover", log_n, t, {
            "ratio_to_numpy_fft": round(t["median_s"] / tf["median_s"], 1), "numpy_fft_s": tf["median_s"],
            "compile_s": round(compile_s, 3), **_env()}))


def _bench_pairing(emitter: Emitter, rng: random.Random) -> None:
    import py_ecc.optimized_bn128 as ob

    from snark.bn254 import pairing as pr
    from snark.bn254.curves import G1, G2
    from snark.bn254.fields import R

    ks = [rng.randrange(1, R) for _ in range(8)]
    py_p = [ob.multiply(ob.G1, k) for k in ks[:4]]
    py_q = [ob.multiply(ob.G2, k) for k in ks[4:]]
    ps = G1.to_affine(G1.mul(G1.generator(4), ks[:4]))
    qs = G2.to_affine(G2.mul(G2.generator(4), ks[4:]))
    t0 = time.perf_counter()
    pr.pairing_product(ps[:1], qs[:1])
    compile_s = time.perf_counter() - t0
    t1 = measure(lambda: pr.pairing(ps[:1], qs[:1]), runs=RUNS, warmup=2)
    t1n = measure(lambda: pr.pairing(ps[:1], qs[:1], check_subgroup=False), runs=RUNS, warmup=1)
    t4 = measure(lambda: pr.pairing_product(ps, qs), runs=RUNS, warmup=1)
    t4n = measure(lambda: pr.pairing_product(ps, qs, check_subgroup=False), runs=RUNS, warmup=1)
    tp1 = measure(lambda: ob.pairing(py_q[0], py_p[0]), runs=3, warmup=0)

    def py_product():
        f = ob.FQ12.one()
        for p, q in zip(py_p, py_q, strict=True):
            f = f * ob.pairing(q, p, final_exponentiate=False)
        return ob.final_exponentiate(f)

    tp4 = measure(py_product, runs=3, warmup=0)
    emitter.emit(record(SUITE, "pairing", "prover", None, t1, {
        "without_subgroup_check_s": t1n["median_s"],
        "speedup_vs_py_ecc": round(tp1["median_s"] / t1["median_s"], 1),
        "compile_s": round(compile_s, 3)}))
    emitter.emit(record(SUITE, "pairing", "py_ecc", None, tp1, {}))
    emitter.emit(record(SUITE, "pairing4", "prover", None, t4, {
        "without_subgroup_check_s": t4n["median_s"], "target_s": 0.010,
        "speedup_vs_py_ecc": round(tp4["median_s"] / t4["median_s"], 1)}))
    emitter.emit(record(SUITE, "pairing4", "py_ecc", None, tp4, {"method": "4 Miller loops, 1 final exp"}))


def run(emitter: Emitter, quick: bool = False) -> None:
    """Run the BN254 suite (see the module docstring for the grid) and emit one record per case."""
    rng = random.Random(2024)
    mcl, mcl_reason = _mcl_or_reason()
    _bench_fq_mul(emitter)
    _bench_g1_add(emitter)
    g1_sizes = QUICK_G1_LOG_N if quick else G1_LOG_N
    _bench_msm(emitter, "g1_msm", _group("G1"), g1_sizes, mcl, mcl_reason, rng)
    g1_16 = next((r["median_s"] for r in emitter.records
                  if r["case"] == "g1_msm" and r["impl"] == "prover" and r["log_n"] == 16), None)
    _bench_py_ecc_msm(emitter, rng, g1_16)
    _bench_msm(emitter, "g2_msm", _group("G2"), QUICK_G2_LOG_N if quick else G2_LOG_N, mcl, mcl_reason, rng)
    _bench_ntt(emitter, QUICK_NTT_LOG_N if quick else NTT_LOG_N, rng)
    _bench_pairing(emitter, rng)


def _group(name: str):
    from snark.bn254.curves import G1, G2

    return G1 if name == "G1" else G2
