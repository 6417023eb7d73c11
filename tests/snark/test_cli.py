"""``prover groth16``: setup -> export-vk -> prove -> verify with files, and one-line failures."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from prover.cli import app as prover_app
from snark.bn254.fields import R
from snark.cli import app
from snark.formats import read_vkey_json, read_zkey, write_r1cs, write_wtns

from .formats.conftest import make_small, sections


@pytest.fixture(scope="module")
def small():
    return make_small()

runner = CliRunner()


def _files(tmp_path, small):
    r1cs, wtns = tmp_path / "c.r1cs", tmp_path / "w.wtns"
    write_r1cs(r1cs, small.r1cs)
    write_wtns(wtns, small.witness)
    return r1cs, wtns


def test_setup_export_prove_verify(tmp_path, small):
    r1cs, wtns = _files(tmp_path, small)
    zkey, vk, proof, public = (tmp_path / n for n in ("c.zkey", "vk.json", "proof.json", "public.json"))
    r = runner.invoke(app, ["setup", str(r1cs), str(zkey)])
    assert r.exit_code == 0, r.output
    assert "not a ceremony" in r.output
    r = runner.invoke(app, ["export-vk", str(zkey), str(vk)])
    assert r.exit_code == 0, r.output
    assert read_vkey_json(vk) == read_zkey(zkey).vk
    r = runner.invoke(app, ["prove", str(zkey), str(wtns), str(proof), str(public)])
    assert r.exit_code == 0, r.output
    assert json.loads(public.read_text()) == [str(x) for x in small.publics]
    r = runner.invoke(app, ["verify", str(vk), str(public), str(proof)])
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == "OK!"
    # Mounted under the main CLI as `prover groth16`.
    r = runner.invoke(prover_app, ["groth16", "verify", str(vk), str(public), str(proof)])
    assert r.exit_code == 0, r.output


def _proved(tmp_path, small):
    r1cs, wtns = _files(tmp_path, small)
    paths = [tmp_path / n for n in ("c.zkey", "vk.json", "proof.json", "public.json")]
    assert runner.invoke(app, ["setup", str(r1cs), str(paths[0])]).exit_code == 0
    assert runner.invoke(app, ["export-vk", str(paths[0]), str(paths[1])]).exit_code == 0
    r = runner.invoke(app, ["prove", str(paths[0]), str(wtns), str(paths[2]), str(paths[3])])
    assert r.exit_code == 0, r.output
    return wtns, paths


def test_verify_failures_exit_nonzero_with_one_line(tmp_path, small):
    _, (zkey, vk, proof, public) = _proved(tmp_path, small)
    for publics, reason in [([small.publics[0] + 1], "PairingCheckError"),
                            ([small.publics[0] + R], "PublicInputRangeError"),
                            ([], "PublicInputCountError")]:
        public.write_text(json.dumps([str(x) for x in publics]))
        r = runner.invoke(app, ["verify", str(vk), str(public), str(proof)])
        assert r.exit_code == 1, r.output
        assert reason in r.output and "OK!" not in r.output
        lines = [ln for ln in r.output.splitlines() if ln.startswith("error:")]
        assert len(lines) == 1
    public.write_text(json.dumps([str(x) for x in small.publics]))
    obj = json.loads(proof.read_text())
    obj["pi_a"][1] = str(int(obj["pi_a"][1]) + 1)
    proof.write_text(json.dumps(obj))
    r = runner.invoke(app, ["verify", str(vk), str(public), str(proof)])
    assert r.exit_code == 1 and "malformed" in r.output and "pi_a" in r.output


def test_prove_failures(tmp_path, small):
    wtns, (zkey, vk, proof, public) = _proved(tmp_path, small)
    short = tmp_path / "short.wtns"
    write_wtns(short, small.witness[:-1])
    r = runner.invoke(app, ["prove", str(zkey), str(short), str(proof), str(public)])
    assert r.exit_code == 1 and "witness has" in r.output
    off, size = sections(zkey)[7]
    cut = tmp_path / "cut.zkey"
    cut.write_bytes(zkey.read_bytes()[:off + size // 2])
    r = runner.invoke(app, ["prove", str(cut), str(wtns), str(proof), str(public)])
    assert r.exit_code == 1 and "cut.zkey: section 7 (B2 points): truncated" in r.output
    r = runner.invoke(app, ["setup", str(tmp_path / "missing.r1cs"), str(zkey)])
    assert r.exit_code == 1 and "missing.r1cs" in r.output
