"""Our readers agree with snarkjs about circom/snarkjs files (d).

snarkjs's JSON exports (``r1cs export json``, ``wtns export json``, ``zkey export verificationkey``) are the
oracle: our binary readers must reproduce them exactly, and the witness snarkjs computed must satisfy the
constraints as we read them. Truncated or corrupted files must raise ``FormatError`` naming the file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.snark.interop.conftest import CircuitBuilder, Tools

CIRCUITS = ["multiplier", "square_chain", "multi_public", "poseidon2"]
VK_KEYS = ("protocol", "curve", "nPublic", "vk_alpha_1", "vk_beta_2", "vk_gamma_2", "vk_delta_2", "IC")


def _export_json(tools: Tools, kind: str, src: Path, dst: Path):
    tools.snark(kind, "export", "json", src, dst)
    return json.loads(dst.read_text())


@pytest.mark.parametrize("name", CIRCUITS)
def test_r1cs_matches_snarkjs_export(name: str, circuit: CircuitBuilder, tools: Tools,
                                     tmp_path: Path) -> None:
    from snark.formats import read_r1cs

    c = circuit(name)
    ref = _export_json(tools, "r1cs", c.r1cs, tmp_path / "r1cs.json")
    cs = read_r1cs(c.r1cs)
    assert cs.n_wires == ref["nVars"]
    assert cs.n_public == ref["nOutputs"] + ref["nPubInputs"]
    assert cs.n_constraints == ref["nConstraints"] == len(ref["constraints"])
    for i, con in enumerate(ref["constraints"]):
        for mat, lc in zip((cs.a, cs.b, cs.c), con, strict=True):
            assert mat.row(i) == {int(w): int(v) for w, v in lc.items()}, (name, i)


@pytest.mark.parametrize("name", CIRCUITS)
def test_snarkjs_witness_satisfies_our_r1cs(name: str, circuit: CircuitBuilder, tools: Tools,
                                            tmp_path: Path) -> None:
    from snark.formats import read_r1cs, read_wtns

    c = circuit(name)
    w = read_wtns(c.wtns)
    assert w == [int(v) for v in _export_json(tools, "wtns", c.wtns, tmp_path / "w.json")]
    cs = read_r1cs(c.r1cs)
    assert w[0] == 1 and len(w) == cs.n_wires
    assert w[1:1 + cs.n_public] == c.public_values()
    assert cs.is_satisfied(w)
    # Every public wire is constrained in these circuits: changing one must break a constraint.
    for i in range(1, 1 + cs.n_public):
        bad = list(w)
        bad[i] += 1
        assert cs.first_unsatisfied(bad) is not None, (name, i)


def test_write_wtns_is_read_by_snarkjs(circuit: CircuitBuilder, tools: Tools, tmp_path: Path) -> None:
    from snark.formats import read_r1cs, read_wtns, write_wtns

    c = circuit("multi_public")
    w = read_wtns(c.wtns)
    out = tmp_path / "ours.wtns"
    write_wtns(out, w)
    assert [int(v) for v in _export_json(tools, "wtns", out, tmp_path / "w.json")] == w
    proc = tools.snark("wtns", "check", c.r1cs, out, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert read_r1cs(c.r1cs).is_satisfied(read_wtns(out))


@pytest.mark.parametrize("which", ["r1cs", "wtns", "zkey"])
def test_truncated_files_raise_format_error(which: str, circuit: CircuitBuilder, tmp_path: Path) -> None:
    from snark import formats

    c = circuit("multiplier")
    src = {"r1cs": c.r1cs, "wtns": c.wtns, "zkey": c.zkey}[which]
    reader = {"r1cs": formats.read_r1cs, "wtns": formats.read_wtns, "zkey": formats.read_zkey}[which]
    data = src.read_bytes()
    for cut in (0, 8, 40, len(data) // 2, len(data) - 1):
        bad = tmp_path / f"cut{cut}.{which}"
        bad.write_bytes(data[:cut])
        with pytest.raises(formats.FormatError) as info:
            reader(bad)
        assert bad.name in str(info.value), str(info.value)
    wrong_magic = tmp_path / f"magic.{which}"
    wrong_magic.write_bytes(b"XXXX" + data[4:])
    with pytest.raises(formats.FormatError):
        reader(wrong_magic)


def test_zkey_vk_matches_snarkjs_export(circuit: CircuitBuilder, tools: Tools, tmp_path: Path) -> None:
    from snark.formats import read_vkey_json, read_zkey, write_vkey_json

    for name in ("multiplier", "multi_public"):
        c = circuit(name)
        pk = read_zkey(c.zkey)
        assert pk.vk == read_vkey_json(c.vkey)
        ours = tmp_path / f"{name}_vk.json"
        write_vkey_json(ours, pk.vk)
        mine, ref = json.loads(ours.read_text()), json.loads(c.vkey.read_text())
        for key in VK_KEYS:
            assert mine[key] == ref[key], (name, key)
        if "vk_alphabeta_12" in mine:
            assert mine["vk_alphabeta_12"] == ref["vk_alphabeta_12"]


def test_proof_and_public_json_round_trip(circuit: CircuitBuilder, tmp_path: Path) -> None:
    from snark.formats import read_proof_json, read_public_json, write_proof_json, write_public_json

    c = circuit("multi_public")
    proof, public = read_proof_json(c.proof), read_public_json(c.public)
    assert public == c.public_values()
    write_proof_json(tmp_path / "proof.json", proof)
    write_public_json(tmp_path / "public.json", public)
    assert json.loads((tmp_path / "proof.json").read_text()) == json.loads(c.proof.read_text())
    assert json.loads((tmp_path / "public.json").read_text()) == json.loads(c.public.read_text())
