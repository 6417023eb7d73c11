"""``python -m bench groth16``: Groth16 proving of circom circuits, our CLI against snarkjs and groth16py.

Workload: the chain of squarings ``x_{i+1} = x_i^2 + c``
(``tests/snark/interop/circuits/square_chain.circom``) with N = 2^k - 3 steps, so its N constraints plus
the nPublic + 1 = 3 rows snarkjs adds for the public wires fill a QAP domain of exactly 2^k
(``log_n = k``). Grid: k = 12, 14, 16, 18 [quick: 12, 13, 14].

Pipeline per size (artefacts cached in ``.bench_cache/groth16/`` at the repo root, outside git):
  1. circom2 (pinned in ``tools/npm``) compiles a generated main file ``SquareChain(N)`` to .r1cs + .wasm;
  2. ``snarkjs wtns calculate`` makes the witness;
  3. the proving key comes from OUR dev setup, ``prover groth16 setup circuit.r1cs circuit.zkey`` (a
     single-party setup, not a ceremony), because snarkjs's powers of tau + phase-2 preparation for 2^18
     takes far longer than the benchmark itself. The key is used only if snarkjs accepts it: snarkjs must
     prove with it and verify that proof. Otherwise (or if our setup is missing) the key falls back to
     snarkjs's own setup over a cached powers of tau, for k <= ``SNARKJS_PTAU_MAX_POWER`` only.
     ``extra.zkey_source`` says which key was used.

Cases (``suite = "groth16"``):
  * ``prove``: WHOLE commands timed as a user runs them, process start included, all from the same zkey and
    wtns: ``prover groth16 prove`` (impl ``prover``), ``snarkjs groth16 prove`` (``snarkjs``), and for
    groth16py (arkworks, PyPI; no CLI of its own) ``python -c "import_zkey(zkey); prove_wtns(pk, wtns)"``
    (``groth16py``).
    Median of 5 runs after one warm-up (3 at 2^18, stated in ``runs``). ``peak_mib`` is the TOOL's peak
    RSS (``wait4`` in one extra untimed run via a small launcher, see ``_PEAK_LAUNCHER``), not this
    process's. Before timing, every tool's proof is
    checked (ours and groth16py's by snarkjs / by the key's own verifier), so a broken prover is never timed.
  * ``verify``: warm, in-process ``snark.groth16.verify`` on our proof (impl ``prover``), and groth16py's
    ``Verifier.verify_snarkjs`` on the same files as the in-process peer; ``verify_cli`` times the whole
    ``prover groth16 verify`` and ``snarkjs groth16 verify`` commands.

Ratios measured in the same run are in ``extra`` of our records (``ratio_to_snarkjs``,
``ratio_to_groth16py``: our median / theirs). groth16py is installed into this interpreter with pip in a
subprocess if missing; if that fails, a record with ``extra.unavailable`` says why.

Run: ``NUMBA_THREADING_LAYER=workqueue python -m bench groth16 [--quick] [--json out.jsonl]``
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.protocol import Emitter, measure, record

SUITE = "groth16"
LOG_N = [12, 14, 16, 18]
QUICK_LOG_N = [12, 13, 14]
RUNS = 5
RUNS_LARGE = 3  # at 2^18 a snarkjs proof takes ~20 s here; 3 timed runs keep the suite under ~10 min
LARGE_LOG_N = 18
VERIFY_RUNS = 20
N_PUBLIC = 2  # SquareChain's public wires: the output and c
SNARKJS_PTAU_MAX_POWER = 14  # phase-2 preparation beyond this takes many minutes on 2 cores
INPUT = {"x0": 3, "c": 5}
TOOL_TIMEOUT_S = 1800

REPO = Path(__file__).resolve().parents[1]
NPM_DIR = REPO / "tools" / "npm"
NPM_BIN = NPM_DIR / "node_modules" / ".bin"
CIRCUITS = REPO / "tests" / "snark" / "interop" / "circuits"
CACHE = REPO / ".bench_cache" / "groth16"
PROVER = Path(sys.executable).parent / "prover"
ENTROPY = "groth16 benchmark - not a ceremony"


# ---------------------------------------------------------------------------------------------------
# running tools
# ---------------------------------------------------------------------------------------------------


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["CI"] = "true"
    env.setdefault("NUMBA_THREADING_LAYER", "workqueue")
    return env


def _run(cmd: list[Any], cwd: Path | None = None, timeout: float = TOOL_TIMEOUT_S) -> str:
    """Run a setup step (untimed); raise with its output if it fails."""
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=_env(), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd[:4]))} ... exited {proc.returncode}: "
                           f"{(proc.stderr or proc.stdout).strip()[-600:]}")
    return proc.stdout


# Peak memory is measured in one extra, untimed run through this launcher. Linux carries a process's RSS
# high-water mark across exec, and a child spawned by this (large, Numba-laden) benchmark process starts
# with this process's peak as its own: measured directly, every tool would report >= our own ~170 MiB. The
# launcher is a fresh small interpreter, so the tool it spawns inherits only a few MiB; it prints the
# tool's ru_maxrss (KiB) from wait4, which covers exactly that child (snarkjs uses worker threads, not
# processes, so that is the whole tool).
_PEAK_LAUNCHER = (
    "import os, sys\n"
    "pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ)\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "print(usage.ru_maxrss)\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def child_peak_mib(cmd: list[Any], timeout: float = TOOL_TIMEOUT_S) -> float:
    """Peak RSS in MiB of one run of ``cmd`` (see ``_PEAK_LAUNCHER``)."""
    exe = shutil.which(str(cmd[0])) or str(cmd[0])
    out = _run([sys.executable, "-c", _PEAK_LAUNCHER, exe, *cmd[1:]], timeout=timeout)
    return int(out.strip().splitlines()[-1]) / 1024.0


def run_measured(cmd: list[Any], timeout: float = TOOL_TIMEOUT_S) -> float:
    """Run one whole command (stdin closed, output discarded); return its wall time in seconds."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen([str(c) for c in cmd], env=_env(), stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err)
        deadline = t0 + timeout
        while True:
            pid, status = os.waitpid(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                os.waitpid(proc.pid, 0)
                raise TimeoutError(f"{cmd[0]} exceeded {timeout} s")
            time.sleep(0.001)
        elapsed = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(map(str, cmd[:4]))} ... exited {proc.returncode}: "
                               f"{err.read().decode(errors='replace').strip()[-600:]}")
    return elapsed


def measure_command(cmd: list[Any], runs: int, warmup: int = 1) -> tuple[dict[str, float], float]:
    """Median/min/max wall time of ``cmd`` over ``runs`` after ``warmup``; then its peak RSS (MiB) from one
    more, untimed run."""
    for _ in range(warmup):
        run_measured(cmd)
    times = [run_measured(cmd) for _ in range(runs)]
    timing = {"median_s": statistics.median(times), "min_s": min(times), "max_s": max(times), "runs": runs}
    return timing, child_peak_mib(cmd)


# ---------------------------------------------------------------------------------------------------
# artefacts
# ---------------------------------------------------------------------------------------------------


def _tools_version() -> str:
    """Cache key part: the pinned npm lock and the circuit source (a change rebuilds every artefact)."""
    h = hashlib.sha256()
    for p in (NPM_DIR / "package-lock.json", CIRCUITS / "square_chain.circom"):
        h.update(p.read_bytes())
    return h.hexdigest()[:12]


def _ensure_npm() -> None:
    if (NPM_BIN / "snarkjs").exists() and (NPM_BIN / "circom2").exists():
        return
    if shutil.which("npm") is None:
        raise RuntimeError("npm not found: snarkjs and circom2 cannot be installed")
    _run(["npm", "ci", "--prefix", NPM_DIR, "--no-audit", "--no-fund", "--loglevel=error"], timeout=600)


def _snarkjs(*args: Any) -> str:
    return _run([NPM_BIN / "snarkjs", *args])


def build_circuit(k: int) -> dict[str, Path]:
    """Compile SquareChain(2^k - 3) and compute its witness (cached); return the artefact paths."""
    d = CACHE / _tools_version() / f"square_chain_{k}"
    d.mkdir(parents=True, exist_ok=True)
    art = {"dir": d, "r1cs": d / "main.r1cs", "wasm": d / "main_js" / "main.wasm", "wtns": d / "witness.wtns",
           "input": d / "input.json"}
    if not art["r1cs"].exists() or not art["wasm"].exists():
        main = d / "main.circom"
        main.write_text('pragma circom 2.0.0;\ninclude "square_chain.circom";\n'
                        f"component main {{public [c]}} = SquareChain({(1 << k) - N_PUBLIC - 1});\n")
        # circom2's WASI sandbox only reaches the working directory and its ancestors: run from the common
        # ancestor of the sources and the output.
        cwd = Path(os.path.commonpath([d, CIRCUITS]))
        _run([NPM_BIN / "circom2", main, "--r1cs", "--wasm", "-l", CIRCUITS, "-o", d], cwd=cwd)
    if not art["wtns"].exists():
        art["input"].write_text(json.dumps({key: str(v) for key, v in INPUT.items()}))
        _snarkjs("wtns", "calculate", art["wasm"], art["input"], art["wtns"])
    return art


def _snarkjs_accepts_key(zkey: Path, wtns: Path, d: Path) -> tuple[bool, str]:
    """Does snarkjs prove with ``zkey`` and verify the proof under the key's exported vk?"""
    try:
        vk, proof, public = d / "check_vk.json", d / "check_proof.json", d / "check_public.json"
        _snarkjs("zkey", "export", "verificationkey", zkey, vk)
        _snarkjs("groth16", "prove", zkey, wtns, proof, public)
        _snarkjs("groth16", "verify", vk, public, proof)
        return True, ""
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        return False, str(exc)


def _ptau(power: int) -> Path:
    """A cached bn128 powers of tau (one contribution, fixed entropy: a benchmark key, not a ceremony)."""
    d = CACHE / "ptau"
    d.mkdir(parents=True, exist_ok=True)
    final = d / f"pot{power}_final.ptau"
    if not final.exists():
        _snarkjs("powersoftau", "new", "bn128", str(power), d / f"pot{power}_0.ptau")
        _snarkjs("powersoftau", "contribute", d / f"pot{power}_0.ptau", d / f"pot{power}_1.ptau",
                 f"-e={ENTROPY}", "-n=bench")
        _snarkjs("powersoftau", "prepare", "phase2", d / f"pot{power}_1.ptau", final)
    return final


def build_key(k: int, art: dict[str, Path]) -> tuple[Path, Path, str, dict[str, Any]]:
    """The zkey and verification key for size k, preferring our dev setup (see the module docstring).

    Returns:
        (zkey, vkey json, source label, notes for ``extra``).
    """
    d = art["dir"]
    notes: dict[str, Any] = {}
    ours, ours_vk, ok_mark = d / "dev.zkey", d / "dev_vk.json", d / "dev.zkey.snarkjs_ok"
    try:
        if not ours.exists():
            t0 = time.perf_counter()
            _run([PROVER, "groth16", "setup", art["r1cs"], ours])
            notes["dev_setup_s"] = round(time.perf_counter() - t0, 2)
        if not ok_mark.exists():
            ok, why = _snarkjs_accepts_key(ours, art["wtns"], d)
            if not ok:
                raise RuntimeError(f"snarkjs cannot use our dev zkey: {why}")
            ok_mark.touch()
        _snarkjs("zkey", "export", "verificationkey", ours, ours_vk)
        return ours, ours_vk, "prover groth16 setup (dev, not a ceremony)", notes
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        notes["dev_setup_unusable"] = str(exc)[:400]
    if k > SNARKJS_PTAU_MAX_POWER:
        raise RuntimeError(f"no usable key at 2^{k}: our dev setup failed "
                           f"({notes['dev_setup_unusable']}) and a snarkjs powers of tau beyond "
                           f"2^{SNARKJS_PTAU_MAX_POWER} is too slow here")
    z0, z1, vk = d / "snarkjs_0000.zkey", d / "snarkjs_final.zkey", d / "snarkjs_vk.json"
    if not z1.exists():
        _snarkjs("groth16", "setup", art["r1cs"], _ptau(k), z0)
        _snarkjs("zkey", "contribute", z0, z1, f"-e={ENTROPY}", "-n=bench")
    _snarkjs("zkey", "export", "verificationkey", z1, vk)
    return z1, vk, "snarkjs groth16 setup + one contribution (benchmark ptau, not a ceremony)", notes


# ---------------------------------------------------------------------------------------------------
# groth16py
# ---------------------------------------------------------------------------------------------------

# Whole command for groth16py (no CLI of its own): import the zkey, prove from the wtns, write the proof.
_G16PY_PROVE = (
    "import sys, groth16py\n"
    "pk, vk = groth16py.import_zkey(sys.argv[1])\n"
    "proof = groth16py.prove_wtns(pk, sys.argv[2])\n"
    "open(sys.argv[3], 'wb').write(proof)\n"
)
# Untimed check: groth16py's proof verifies under the same verification_key.json snarkjs exported.
_G16PY_CHECK = (
    "import sys, json, groth16py\n"
    "vk = groth16py.VerifyingKey.from_snarkjs_file(sys.argv[1])\n"
    "publics = [int(x) for x in json.load(open(sys.argv[2]))]\n"
    "ok = groth16py.Verifier(vk).verify(open(sys.argv[3], 'rb').read(), publics)\n"
    "sys.exit(0 if ok else 3)\n"
)


def groth16py_status() -> tuple[bool, str]:
    """Make groth16py importable in this interpreter (pip install in a subprocess if needed)."""
    probe = [sys.executable, "-c", "import groth16py"]
    if subprocess.run(probe, capture_output=True, stdin=subprocess.DEVNULL).returncode == 0:
        return True, ""
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "groth16py"],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=600)
    if proc.returncode != 0:
        return False, f"pip install groth16py failed: {(proc.stderr or proc.stdout).strip()[-400:]}"
    if subprocess.run(probe, capture_output=True, stdin=subprocess.DEVNULL).returncode != 0:
        return False, "groth16py installed but does not import"
    return True, ""


# ---------------------------------------------------------------------------------------------------
# the suite
# ---------------------------------------------------------------------------------------------------


def _prove_cases(emitter: Emitter, k: int, art: dict[str, Path], zkey: Path, vkey: Path, source: str,
                 notes: dict[str, Any], g16py: tuple[bool, str]) -> Path:
    d = art["dir"]
    runs = RUNS_LARGE if k >= LARGE_LOG_N else RUNS
    base = {"constraints": (1 << k) - N_PUBLIC - 1, "zkey_source": source, **notes,
            "timing": "whole command incl. process start", "peak": "tool's peak RSS (wait4, one untimed run)"}
    our_proof, our_public = d / "ours_proof.json", d / "ours_public.json"
    cmds = {
        "prover": [PROVER, "groth16", "prove", zkey, art["wtns"], our_proof, our_public],
        "snarkjs": [NPM_BIN / "snarkjs", "groth16", "prove", zkey, art["wtns"], d / "sj_proof.json",
                    d / "sj_public.json"],
    }
    if g16py[0]:
        cmds["groth16py"] = [sys.executable, "-c", _G16PY_PROVE, zkey, art["wtns"], d / "g16py_proof.bin"]
    results: dict[str, dict[str, Any]] = {}
    for impl, cmd in cmds.items():
        try:
            timing, peak = measure_command(cmd, runs)
            # Correctness before the number counts: each tool's last proof must verify under the key.
            if impl == "prover":
                _snarkjs("groth16", "verify", vkey, our_public, our_proof)
            elif impl == "snarkjs":
                _snarkjs("groth16", "verify", vkey, d / "sj_public.json", d / "sj_proof.json")
            else:
                _run([sys.executable, "-c", _G16PY_CHECK, vkey, our_public, d / "g16py_proof.bin"])
            results[impl] = {"timing": timing, "peak": peak}
        except (RuntimeError, TimeoutError, subprocess.TimeoutExpired) as exc:
            results[impl] = {"error": str(exc)[:500]}
    if not g16py[0]:
        results["groth16py"] = {"error": g16py[1]}
    ours = results.get("prover", {}).get("timing")
    for impl, res in results.items():
        extra = dict(base)
        if "error" in res:
            extra["unavailable"] = res["error"]
            emitter.emit(record(SUITE, "prove", impl, k, {"median_s": None, "min_s": None, "max_s": None,
                                                          "runs": 0}, extra))
            continue
        extra["runs_note"] = f"median of {runs} after 1 warm-up"
        if impl == "prover":
            for peer in ("snarkjs", "groth16py"):
                if "timing" in results.get(peer, {}):
                    theirs = results[peer]["timing"]["median_s"]
                    extra[f"ratio_to_{peer}"] = round(ours["median_s"] / theirs, 3)
                    extra[f"peak_ratio_to_{peer}"] = round(res["peak"] / results[peer]["peak"], 3)
        rec = record(SUITE, "prove", impl, k, res["timing"], extra)
        rec["peak_mib"] = round(res["peak"], 1)
        emitter.emit(rec)
    return our_proof if "timing" in results.get("prover", {}) else d / "sj_proof.json"


def _verify_cases(emitter: Emitter, k: int, art: dict[str, Path], vkey: Path, proof: Path,
                  public: Path, g16py: tuple[bool, str]) -> None:
    extra = {"proof_from": proof.name, "warm": True}
    try:
        from snark.formats import read_proof_json, read_public_json, read_vkey_json
        from snark.groth16 import verify

        vk, pr, pub = read_vkey_json(vkey), read_proof_json(proof), read_public_json(public)
        verify(vk, pub, pr)  # compiles/caches every kernel: never timed (DESIGN.md)
        timing = measure(lambda: verify(vk, pub, pr), runs=VERIFY_RUNS, warmup=2)
        emitter.emit(record(SUITE, "verify", "prover", k, timing, extra))
    except Exception as exc:  # noqa: BLE001 - a missing or failing verifier is reported as a record
        emitter.emit(record(SUITE, "verify", "prover", k, {"median_s": None, "min_s": None, "max_s": None,
                                                           "runs": 0},
                            {**extra, "unavailable": f"{type(exc).__name__}: {exc}"[:400]}))
    if g16py[0]:
        try:
            import groth16py

            v = groth16py.Verifier(groth16py.VerifyingKey.from_snarkjs_file(str(vkey)))
            pj, uj = proof.read_text(), public.read_text()
            if not v.verify_snarkjs(pj, uj):
                raise RuntimeError("groth16py rejected the proof")
            timing = measure(lambda: v.verify_snarkjs(pj, uj), runs=VERIFY_RUNS, warmup=2)
            emitter.emit(record(SUITE, "verify", "groth16py", k, timing, extra))
        except Exception as exc:  # noqa: BLE001
            emitter.emit(record(SUITE, "verify", "groth16py", k, {"median_s": None, "min_s": None,
                                                                  "max_s": None, "runs": 0},
                                {**extra, "unavailable": f"{type(exc).__name__}: {exc}"[:400]}))
    cli = {"prover": [PROVER, "groth16", "verify", vkey, public, proof],
           "snarkjs": [NPM_BIN / "snarkjs", "groth16", "verify", vkey, public, proof]}
    res = {}
    for impl, cmd in cli.items():
        try:
            res[impl] = measure_command(cmd, RUNS)
        except (RuntimeError, TimeoutError) as exc:
            emitter.emit(record(SUITE, "verify_cli", impl, k, {"median_s": None, "min_s": None,
                                                               "max_s": None, "runs": 0},
                                {"unavailable": str(exc)[:400]}))
    for impl, (timing, peak) in res.items():
        extra_cli = {"timing": "whole command incl. process start"}
        if impl == "prover" and "snarkjs" in res:
            extra_cli["ratio_to_snarkjs"] = round(timing["median_s"] / res["snarkjs"][0]["median_s"], 3)
        rec = record(SUITE, "verify_cli", impl, k, timing, extra_cli)
        rec["peak_mib"] = round(peak, 1)
        emitter.emit(rec)


def run(emitter: Emitter, quick: bool = False) -> None:
    """Run the Groth16 grid (module docstring) and emit one record per (case, impl, size)."""
    _ensure_npm()
    g16py = groth16py_status()
    sizes = QUICK_LOG_N if quick else LOG_N
    for k in sizes:
        art = build_circuit(k)
        try:
            zkey, vkey, source, notes = build_key(k, art)
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            for impl in ("prover", "snarkjs", "groth16py"):
                emitter.emit(record(SUITE, "prove", impl, k, {"median_s": None, "min_s": None, "max_s": None,
                                                              "runs": 0}, {"unavailable": str(exc)[:500]}))
            continue
        proof = _prove_cases(emitter, k, art, zkey, vkey, source, notes, g16py)
        public = art["dir"] / ("ours_public.json" if proof.name.startswith("ours") else "sj_public.json")
        if k == sizes[0] or k == sizes[-1]:
            # Verify cost does not grow with the circuit (only with the public inputs): two sizes suffice.
            _verify_cases(emitter, k, art, vkey, proof, public, g16py)
