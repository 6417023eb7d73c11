"""The ``prover stark`` commands: prove, verify, tampered public inputs, the --public override."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from stark.cli import app, read_proof_file, write_proof_file

runner = CliRunner()


def test_prove_then_verify(tmp_path):
    out = tmp_path / "proof.bin"
    r = runner.invoke(app, ["prove", "--air", "fibonacci", "--steps", "64", "--fast-insecure",
                             "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "proof size" in r.output and "conjectured bits" in r.output
    args = ["verify", str(out), "--air", "fibonacci", "--steps", "64", "--min-security", "0"]
    r = runner.invoke(app, args)
    assert r.exit_code == 0, r.output
    assert "VALID" in r.output and "public inputs" in r.output
    # The default policy (96 bits) refuses the insecure test options.
    r = runner.invoke(app, args[:-2])
    assert r.exit_code == 1 and "InsufficientSecurityError" in r.output
    # Wrong size.
    r = runner.invoke(app, ["verify", str(out), "--air", "fibonacci", "--steps", "128",
                             "--min-security", "0"])
    assert r.exit_code == 1


def test_changed_public_input_fails(tmp_path):
    out = tmp_path / "proof.bin"
    r = runner.invoke(app, ["prove", "--air", "mimc", "--steps", "64", "--fast-insecure", "-o", str(out)])
    assert r.exit_code == 0, r.output
    header, data = read_proof_file(out)
    public = header["public_inputs"]
    forged = tmp_path / "public.json"
    forged.write_text(json.dumps({"public_inputs": [public[0], public[1] + 1]}))
    base = ["verify", str(out), "--air", "mimc", "--steps", "64", "--min-security", "0"]
    r = runner.invoke(app, base + ["--public", str(forged)])
    assert r.exit_code == 1 and "INVALID" in r.output
    # The same change written into the file itself.
    tampered = tmp_path / "tampered.bin"
    write_proof_file(tampered, "mimc", 64, [public[0] + 1, public[1]], data)
    r = runner.invoke(app, ["verify", str(tampered), "--air", "mimc", "--steps", "64", "--min-security", "0"])
    assert r.exit_code == 1


def test_garbage_file_is_invalid(tmp_path):
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"not a proof")
    r = runner.invoke(app, ["verify", str(bad), "--air", "fibonacci", "--steps", "64"])
    assert r.exit_code == 1
