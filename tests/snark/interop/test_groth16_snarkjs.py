"""Groth16 proofs cross the snarkjs boundary in both directions, from the same keys and witnesses.

(a) our CLI proves from snarkjs's zkey and wtns and ``snarkjs groth16 verify`` accepts;
(b) our CLI accepts snarkjs's own proofs;
(e) our dev setup's zkey is usable by snarkjs (prove, export the verification key) and the proofs verify in
    both tools.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.snark.interop.conftest import Circuit, CircuitBuilder, ProverCli, Tools, assert_rejected

CIRCUITS = ["multiplier", "square_chain", "multi_public", "poseidon2"]


def snarkjs_accepts(tools: Tools, vkey: Path, public: Path, proof: Path) -> bool:
    proc = tools.snark("groth16", "verify", vkey, public, proof, check=False)
    return proc.returncode == 0


def our_proof(prover: ProverCli, c: Circuit, out: Path, zkey: Path | None = None) -> tuple[Path, Path]:
    out.mkdir(parents=True, exist_ok=True)
    proof, public = out / "proof.json", out / "public.json"
    prover("prove", zkey or c.zkey, c.wtns, proof, public, check=True)
    return proof, public


@pytest.mark.parametrize("name", CIRCUITS)
def test_snarkjs_verifies_our_proof(name: str, circuit: CircuitBuilder, tools: Tools, prover: ProverCli,
                                    tmp_path: Path) -> None:
    c = circuit(name)
    proof, public = our_proof(prover, c, tmp_path)
    # Same public signals, in snarkjs's order (outputs first, then public inputs) and decimal-string form.
    assert json.loads(public.read_text()) == json.loads(c.public.read_text())
    doc = json.loads(proof.read_text())
    assert doc["protocol"] == "groth16" and doc["curve"] == "bn128"
    assert doc["pi_a"][2] == "1" and doc["pi_c"][2] == "1" and doc["pi_b"][2] == ["1", "0"]
    assert snarkjs_accepts(tools, c.vkey, public, proof)
    assert prover.verify(c.vkey, public, proof).returncode == 0


@pytest.mark.parametrize("name", CIRCUITS)
def test_we_verify_snarkjs_proof(name: str, circuit: CircuitBuilder, tools: Tools, prover: ProverCli) -> None:
    c = circuit(name)
    assert snarkjs_accepts(tools, c.vkey, c.public, c.proof)  # the oracle agrees the fixture is valid
    proc = prover.verify(c.vkey, c.public, c.proof)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_proofs_are_randomised(circuit: CircuitBuilder, prover: ProverCli, tmp_path: Path) -> None:
    """Fresh r, s per proof (zero knowledge): two proofs of the same witness differ, both verify."""
    c = circuit("multiplier")
    p1, _ = our_proof(prover, c, tmp_path / "one")
    p2, pub2 = our_proof(prover, c, tmp_path / "two")
    d1, d2 = json.loads(p1.read_text()), json.loads(p2.read_text())
    assert d1["pi_a"] != d2["pi_a"] and d1["pi_b"] != d2["pi_b"] and d1["pi_c"] != d2["pi_c"]
    assert prover.verify(c.vkey, pub2, p2).returncode == 0


def test_snarkjs_rejects_our_proof_with_changed_public(circuit: CircuitBuilder, tools: Tools,
                                                       prover: ProverCli, tmp_path: Path) -> None:
    c = circuit("multi_public")
    proof, public = our_proof(prover, c, tmp_path)
    values = json.loads(public.read_text())
    for i in range(len(values)):
        changed = list(values)
        changed[i] = str(int(changed[i]) + 1)
        bad = tmp_path / f"public_{i}.json"
        bad.write_text(json.dumps(changed))
        assert not snarkjs_accepts(tools, c.vkey, bad, proof), f"snarkjs accepted public[{i}] + 1"
    # Our own CLI on the same edits: test_tampering covers every position in-process; one whole run here.
    assert_rejected(prover.verify(c.vkey, bad, proof), f"public[{len(values) - 1}] + 1")


# ---------------------------------------------------------------------------------------------------
# (e) our dev setup -> snarkjs
# ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dev_key(circuit: CircuitBuilder, prover: ProverCli, tmp_path_factory: pytest.TempPathFactory
            ) -> tuple[Circuit, Path, Path]:
    """``prover groth16 setup`` on the multi_public circuit, and ``prover groth16 export-vk`` of it."""
    c = circuit("multi_public")
    d = tmp_path_factory.mktemp("devsetup")
    zkey, vkey = d / "dev.zkey", d / "verification_key.json"
    prover("setup", c.r1cs, zkey, check=True)
    prover("export-vk", zkey, vkey, check=True)
    return c, zkey, vkey


def test_dev_setup_vk_matches_snarkjs_export(dev_key, tools: Tools, tmp_path: Path) -> None:
    c, zkey, vkey = dev_key
    snark_vkey = tmp_path / "snarkjs_vk.json"
    tools.snark("zkey", "export", "verificationkey", zkey, snark_vkey)
    ours, theirs = json.loads(vkey.read_text()), json.loads(snark_vkey.read_text())
    for key in ["protocol", "curve", "nPublic", "vk_alpha_1", "vk_beta_2", "vk_gamma_2", "vk_delta_2", "IC"]:
        assert ours[key] == theirs[key], key
    assert ours["vk_gamma_2"] != ours["vk_delta_2"]


def test_snarkjs_proves_with_our_dev_zkey(dev_key, tools: Tools, prover: ProverCli, tmp_path: Path) -> None:
    c, zkey, vkey = dev_key
    proof, public = tmp_path / "proof.json", tmp_path / "public.json"
    tools.snark("groth16", "prove", zkey, c.wtns, proof, public)
    assert json.loads(public.read_text()) == json.loads(c.public.read_text())
    assert snarkjs_accepts(tools, vkey, public, proof)
    proc = prover.verify(vkey, public, proof)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_we_prove_with_our_dev_zkey(dev_key, tools: Tools, prover: ProverCli, tmp_path: Path) -> None:
    c, zkey, vkey = dev_key
    proof, public = our_proof(prover, c, tmp_path, zkey=zkey)
    assert snarkjs_accepts(tools, vkey, public, proof)
    assert prover.verify(vkey, public, proof).returncode == 0
    # A proof under the dev key is not a proof under snarkjs's key for the same circuit.
    assert not snarkjs_accepts(tools, c.vkey, public, proof)
    assert_rejected(prover.verify(c.vkey, public, proof), "proof checked against another key")
