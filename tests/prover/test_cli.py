"""The ``prover`` and ``python -m bench`` command lines: help, errors, and the demo table builder."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from bench import protocol
from bench.protocol import Emitter, measure, record
from prover.cli import app
from prover.demo import core_table

runner = CliRunner()


def test_help_lists_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "demo" in result.output and "bench" in result.output


def test_help_lists_both_proof_systems():
    result = runner.invoke(app, ["--help"])
    assert "stark" in result.output and "groth16" in result.output


def test_groth16_commands_do_not_import_the_stark():
    # The proof-system groups mount lazily: a Groth16 command must not pay for the STARK's imports.
    code = ("import sys\n"
            "from typer.testing import CliRunner\n"
            "from prover.cli import app\n"
            "r = CliRunner().invoke(app, ['groth16', 'verify', '--help'])\n"
            "assert r.exit_code == 0, r.output\n"
            "print('stark' in sys.modules, 'snark.cli' in sys.modules)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["False", "True"]


def test_unknown_command_is_a_clear_error():
    result = runner.invoke(app, ["nosuchcommand"])
    assert result.exit_code != 0
    assert "nosuchcommand" in result.output


def test_unknown_bench_suite_is_a_clear_error():
    result = runner.invoke(app, ["bench", "nosuchsuite"])
    assert result.exit_code != 0
    assert "unknown suite" in result.output


def test_python_m_bench_rejects_unknown_suite():
    proc = subprocess.run([sys.executable, "-m", "bench", "nosuch"], capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)
    assert proc.returncode != 0
    assert "unknown suite" in proc.stderr + proc.stdout


def test_measure_and_record_follow_the_line_format(capsys):
    calls = []
    timing = measure(lambda: calls.append(1), runs=5, warmup=2)
    assert len(calls) == 7
    assert timing["runs"] == 5 and timing["min_s"] <= timing["median_s"] <= timing["max_s"]
    rec = record("core", "ntt", "prover", 16, timing, {"compile_s": 0.1})
    assert list(rec) == ["suite", "case", "impl", "log_n", "median_s", "min_s", "max_s", "runs", "peak_mib",
                         "extra"]
    em = Emitter(None)
    em.emit(rec)
    assert '"case": "ntt"' in capsys.readouterr().out


@pytest.mark.parametrize("runs, max_runs", [(0, 5), (6, 5)])
def test_measure_rejects_bad_run_counts(runs, max_runs):
    with pytest.raises(ValueError, match="runs"):
        measure(lambda: None, runs=runs, max_runs=max_runs)


def test_measure_extends_short_cases_to_min_time(monkeypatch):
    # A clock that advances exactly 1 ms per call: 5 runs are not 19.5 ms of timed work, 20 are; max_runs
    # caps the extension.
    clock = [0.0]

    def tick():
        clock[0] += 0.001

    monkeypatch.setattr(protocol.time, "perf_counter", lambda: clock[0])
    assert measure(tick, runs=5, warmup=0)["runs"] == 5
    timing = measure(tick, runs=5, warmup=0, min_time_s=0.0195)
    assert timing["runs"] == 20 and timing["median_s"] == pytest.approx(0.001)
    assert measure(tick, runs=5, warmup=0, min_time_s=10.0, max_runs=7)["runs"] == 7


def test_core_table_computes_ratio():
    t = {"median_s": 0.01, "min_s": 0.01, "max_s": 0.01, "runs": 5}
    t2 = {"median_s": 0.04, "min_s": 0.04, "max_s": 0.04, "runs": 5}
    recs = [record("core", "ntt", "prover", 20, t), record("core", "ntt", "numpy_fft", 20, t2)]
    table = core_table(recs)
    cells = [list(col.cells) for col in table.columns]
    assert "0.250" in cells[-1]


def test_demo_proves_verifies_and_rejects_a_forged_input():
    result = runner.invoke(app, ["demo", "--hashes", "16"])
    assert result.exit_code == 0, result.output
    assert "16 Rescue-Prime hashes" in result.output
    assert "rejected" in result.output and "ACCEPTED" not in result.output


def test_demo_rows_come_from_real_verification():
    from prover.demo import stark_rescue_row

    row = stark_rescue_row(8)
    assert row.valid and row.tampered_rejected
    assert row.proof_bytes > 1000 and row.prove_s > 0


def test_demo_rejects_bad_chain_length():
    result = runner.invoke(app, ["demo", "--hashes", "12"])
    assert result.exit_code != 0
    assert "power of two" in result.output


def test_demo_groth16_row_comes_from_real_verification():
    from prover.demo import groth16_row

    row = groth16_row(chain=1)
    assert row is not None
    assert row.valid and row.tampered_rejected
    assert "Poseidon^1" in row.statement
