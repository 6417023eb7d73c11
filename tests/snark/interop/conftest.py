"""Fixtures for the snarkjs/circom interoperability tests.

The oracle here is the real ecosystem: circom2 (circom compiled to WASM) compiles our small circuits,
snarkjs computes witnesses, runs a powers-of-tau and Groth16 setup, proves and verifies. The tools are the
exact versions pinned in ``tools/npm/package-lock.json``; ``make test`` installs them into
``tools/npm/node_modules``. When only the install is missing (pytest run by hand) the fixture runs the same
``npm ci``; the tests skip only when node or npm themselves are absent, because CI always has them.

Everything expensive is session-scoped and built once under pytest's temporary directory:

* ``ptau``: a bn128 powers of tau of power 2^9 (new, one contribution with fixed entropy text, phase 2
  prepared): the smallest size that holds every test circuit; 2^10 would triple the phase-2 time.
* ``circuit(name)``: compile, Groth16 setup, one zkey contribution (without it snarkjs's key has
  gamma == delta == the G2 generator, which our verifier rightly refuses), verification key, witness and
  snarkjs's own proof. The uncontributed ``*_0000.zkey`` is kept too: it is the realistic gamma == delta key.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
NPM_DIR = REPO / "tools" / "npm"
NPM_BIN = NPM_DIR / "node_modules" / ".bin"
CIRCUITS = Path(__file__).resolve().parent / "circuits"
# The prover CLI of the interpreter running the tests (the venv's console script).
PROVER = Path(sys.executable).parent / "prover"

PTAU_POWER = 9
SQUARE_CHAIN_STEPS = 100
# Fixed entropy keeps the runs non-interactive; these keys are test fixtures, not a ceremony.
ENTROPY = "prover interop tests - not a ceremony"
TOOL_TIMEOUT_S = 300

# Input signals of each circuit in circuits/ (square_chain gets its main component written per build).
# Poseidon is compiled with --O2 so its 240 constraints fit the 2^9 ptau (--O1 keeps 517); the others keep
# circom's default --O1, which leaves linear constraints (empty A and B rows) in the .r1cs to exercise.
CIRCUIT_INPUTS: dict[str, dict[str, int]] = {
    "multiplier": {"a": 3, "b": 11},
    "square_chain": {"x0": 3, "c": 7},
    "poseidon2": {"a": 1, "b": 2},
    # x*y + z == w*k: 3*5 + 7 == 2*11.
    "multi_public": {"x": 3, "y": 5, "z": 7, "w": 2, "k": 11},
}
CIRCOM_FLAGS: dict[str, list[str]] = {"poseidon2": ["--O2"]}


def tool_env() -> dict[str, str]:
    """Environment for every child: non-interactive npm/node, and the threading layer DESIGN.md picks."""
    env = dict(os.environ)
    env["CI"] = "true"
    env.setdefault("NUMBA_THREADING_LAYER", "workqueue")
    env.pop("NODE_OPTIONS", None)
    return env


def run(cmd: list[str | Path], cwd: Path | str | None = None, timeout: float = TOOL_TIMEOUT_S,
        check: bool = True) -> subprocess.CompletedProcess:
    """Run one command without a TTY or stdin (so nothing can wait for a prompt), capturing its output.

    Raises:
        AssertionError: when ``check`` and the command exits non-zero, with its output in the message.
    """
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=tool_env(), stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, cmd))} exited {proc.returncode}\n"
                             f"stdout:\n{proc.stdout[-4000:]}\nstderr:\n{proc.stderr[-4000:]}")
    return proc


@dataclass
class Tools:
    """Paths of the pinned JavaScript tools."""

    snarkjs: Path
    circom2: Path

    def snark(self, *args: str | Path, cwd: Path | None = None, check: bool = True
              ) -> subprocess.CompletedProcess:
        return run([self.snarkjs, *args], cwd=cwd, check=check)


def _install_tools() -> None:
    run(["npm", "ci", "--prefix", NPM_DIR, "--no-audit", "--no-fund", "--loglevel=error"], timeout=600)


@pytest.fixture(scope="session")
def tools() -> Tools:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node/npm not on PATH: the snarkjs/circom interop tests need them (CI has both)")
    snarkjs, circom2 = NPM_BIN / "snarkjs", NPM_BIN / "circom2"
    if not (snarkjs.exists() and circom2.exists()):
        _install_tools()
    if not (snarkjs.exists() and circom2.exists()):
        pytest.fail(f"npm ci in {NPM_DIR} did not provide snarkjs and circom2")
    return Tools(snarkjs=snarkjs, circom2=circom2)


@pytest.fixture(scope="session")
def prover_cli() -> Path:
    if not PROVER.exists():
        pytest.fail(f"{PROVER} missing: install the package into the venv (make test does)")
    return PROVER


@pytest.fixture(scope="session")
def ptau(tools: Tools, tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("ptau")
    tools.snark("powersoftau", "new", "bn128", str(PTAU_POWER), d / "pot_0000.ptau")
    tools.snark("powersoftau", "contribute", d / "pot_0000.ptau", d / "pot_0001.ptau",
                f"-e={ENTROPY}", "-n=interop")
    tools.snark("powersoftau", "prepare", "phase2", d / "pot_0001.ptau", d / "pot_final.ptau")
    return d / "pot_final.ptau"


def compile_circuit(tools: Tools, main: Path, out_dir: Path, flags: list[str] | None = None
                    ) -> tuple[Path, Path]:
    """Compile ``main`` with circom2 to ``.r1cs`` and witness ``.wasm``; return their paths.

    circom2 runs circom inside a WASI sandbox that pre-opens only the working directory and its ancestors;
    include paths outside the working directory's subtree are then not found. Running from the common
    ancestor of every path involved (source, circomlib, output) keeps all of them reachable.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    libs = [CIRCUITS, NPM_DIR / "node_modules"]
    cwd = Path(os.path.commonpath([main.resolve(), out_dir.resolve(), *libs]))
    cmd: list[str | Path] = [tools.circom2, main.resolve(), "--r1cs", "--wasm", "-o", out_dir.resolve()]
    for lib in libs:
        cmd += ["-l", lib]
    run(cmd + list(flags or []), cwd=cwd)
    stem = main.stem
    return out_dir / f"{stem}.r1cs", out_dir / f"{stem}_js" / f"{stem}.wasm"


@dataclass
class Circuit:
    """One compiled circuit with snarkjs's keys, witness and proof (all files in ``dir``)."""

    name: str
    dir: Path
    r1cs: Path
    wasm: Path
    input: dict[str, int]
    zkey0: Path  # snarkjs groth16 setup output, no contribution: gamma == delta
    zkey: Path  # after one contribution: the key a user would prove with
    vkey: Path
    wtns: Path
    proof: Path  # snarkjs's own proof
    public: Path
    extra: dict = field(default_factory=dict)

    def public_values(self) -> list[int]:
        return [int(v) for v in json.loads(self.public.read_text())]


class CircuitBuilder:
    """Builds each circuit on first request (so running one test builds only what it needs)."""

    def __init__(self, tools: Tools, ptau: Path, root: Path) -> None:
        self.tools, self.ptau, self.root = tools, ptau, root
        self._built: dict[str, Circuit] = {}
        self._lock = threading.Lock()

    def __call__(self, name: str) -> Circuit:
        with self._lock:
            if name not in self._built:
                self._built[name] = self._build(name)
            return self._built[name]

    def _main_file(self, name: str, d: Path) -> Path:
        if name == "square_chain":
            # The template takes N; the main component is written here, as the benchmark does for each size.
            main = d / "square_chain_main.circom"
            main.write_text('pragma circom 2.0.0;\ninclude "square_chain.circom";\n'
                            f"component main {{public [c]}} = SquareChain({SQUARE_CHAIN_STEPS});\n")
            return main
        return CIRCUITS / f"{name}.circom"

    def _build(self, name: str) -> Circuit:
        t = self.tools
        d = self.root / name
        d.mkdir(parents=True, exist_ok=True)
        r1cs, wasm = compile_circuit(t, self._main_file(name, d), d, CIRCOM_FLAGS.get(name))
        inp = CIRCUIT_INPUTS[name]
        (d / "input.json").write_text(json.dumps({k: str(v) for k, v in inp.items()}))
        c = Circuit(name=name, dir=d, r1cs=r1cs, wasm=wasm, input=inp, zkey0=d / "circuit_0000.zkey",
                    zkey=d / "circuit_final.zkey", vkey=d / "verification_key.json", wtns=d / "witness.wtns",
                    proof=d / "proof.json", public=d / "public.json")
        t.snark("wtns", "calculate", wasm, d / "input.json", c.wtns)
        t.snark("groth16", "setup", r1cs, self.ptau, c.zkey0)
        t.snark("zkey", "contribute", c.zkey0, c.zkey, f"-e={ENTROPY}", "-n=interop")
        t.snark("zkey", "export", "verificationkey", c.zkey, c.vkey)
        t.snark("groth16", "prove", c.zkey, c.wtns, c.proof, c.public)
        return c


@pytest.fixture(scope="session")
def circuit(tools: Tools, ptau: Path, tmp_path_factory: pytest.TempPathFactory) -> CircuitBuilder:
    """``circuit("multiplier")`` etc.: the built :class:`Circuit` (cached for the session)."""
    return CircuitBuilder(tools, ptau, tmp_path_factory.mktemp("circuits"))


class ProverCli:
    """``.venv/bin/prover groth16 ...`` run as a user runs it (a fresh process every call)."""

    def __init__(self, exe: Path) -> None:
        self.exe = exe

    def __call__(self, *args: str | Path, check: bool = False) -> subprocess.CompletedProcess:
        return run([self.exe, "groth16", *args], check=check)

    def verify(self, vkey: Path, public: Path, proof: Path) -> subprocess.CompletedProcess:
        return self("verify", vkey, public, proof)


@pytest.fixture(scope="session")
def prover(prover_cli: Path) -> ProverCli:
    return ProverCli(prover_cli)


def assert_rejected(proc: subprocess.CompletedProcess, what: str) -> None:
    """A refusal: non-zero exit, a one-line reason, no Python traceback."""
    out = (proc.stdout + proc.stderr).strip()
    assert proc.returncode != 0, f"{what}: accepted (exit 0)\n{out}"
    assert "Traceback" not in out, f"{what}: crashed instead of refusing\n{out}"
    assert out and len(out.splitlines()) == 1, f"{what}: expected a one-line reason, got\n{out}"
