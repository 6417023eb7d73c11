"""Our verifier refuses every tampered statement, starting from a valid snarkjs proof (c).

Each case starts from a valid (vk, public, proof) triple that our verifier accepts (checked once below) and
changes exactly one thing. Every case runs in-process (readers + ``snark.groth16.verify`` must raise
``ProofFormatError`` or a ``VerificationError``, never anything else); one case per kind also runs through
``prover groth16 verify`` (a whole process, ~1 s each, so not all of them). Valid-but-wrong curve points
come from py_ecc, so a rejection cannot be an artefact of our own point arithmetic. DESIGN.md: public
inputs < r; points on the curve and G2 points in the prime-order subgroup; gamma == delta refused; a wrong
number of public inputs refused; every refusal is a one-line reason with a non-zero exit, no traceback.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import py_ecc.optimized_bn128 as ob
import pytest

from prover.errors import ProofFormatError, VerificationError
from tests.snark.interop import points as pts
from tests.snark.interop.conftest import Circuit, CircuitBuilder, ProverCli, Tools, assert_rejected

Doc = dict


def rejected_in_process(vkey: Path, public: Path, proof: Path, what: str) -> None:
    from snark.formats import read_proof_json, read_public_json, read_vkey_json
    from snark.groth16 import verify

    with pytest.raises((ProofFormatError, VerificationError)):
        verify(read_vkey_json(vkey), read_public_json(public), read_proof_json(proof))
        pytest.fail(f"{what}: accepted")


@pytest.fixture(scope="module")
def base(circuit: CircuitBuilder, prover: ProverCli) -> Circuit:
    c = circuit("multi_public")
    proc = prover.verify(c.vkey, c.public, c.proof)
    assert proc.returncode == 0, "the untampered snarkjs proof must verify: " + proc.stdout + proc.stderr
    return c


def _write(path: Path, doc) -> Path:
    path.write_text(json.dumps(doc))
    return path


def _double_g1(v):
    return pts.g1_to_json(ob.double(pts.g1_from_json(v)))


def _double_g2(v):
    return pts.g2_to_json(ob.double(pts.g2_from_json(v)))


def _set(key: str, fn: Callable) -> Callable[[Doc], None]:
    def edit(doc: Doc) -> None:
        doc[key] = fn(doc[key])
    return edit


def _coord(path: tuple, fn: Callable[[str], str]) -> Callable[[Doc], None]:
    """Edit one decimal coordinate at ``path`` (e.g. ("pi_b", 1, 0))."""
    def edit(doc: Doc) -> None:
        node = doc
        for k in path[:-1]:
            node = node[k]
        node[path[-1]] = fn(node[path[-1]])
    return edit


PROOF_EDITS: dict[str, Callable[[Doc], None]] = {
    # Valid curve points, wrong proof: only the pairing equation can catch these.
    "pi_a_doubled": _set("pi_a", _double_g1),
    "pi_b_doubled": _set("pi_b", _double_g2),
    "pi_c_doubled": _set("pi_c", _double_g1),
    "pi_a_negated": _set("pi_a", lambda v: pts.g1_to_json(ob.neg(pts.g1_from_json(v)))),
    "pi_a_pi_c_swapped": lambda d: d.update(pi_a=d["pi_c"], pi_c=d["pi_a"]),
    "pi_a_generator": _set("pi_a", lambda v: pts.g1_to_json(ob.G1)),
    # One digit of one value changed (the JSON analogue of a flipped byte): the point leaves the curve.
    "flip_pi_a_x": _coord(("pi_a", 0), pts.flip_digit),
    "flip_pi_a_y": _coord(("pi_a", 1), pts.flip_digit),
    "flip_pi_b_x0": _coord(("pi_b", 0, 0), pts.flip_digit),
    "flip_pi_b_x1": _coord(("pi_b", 0, 1), pts.flip_digit),
    "flip_pi_b_y0": _coord(("pi_b", 1, 0), pts.flip_digit),
    "flip_pi_b_y1": _coord(("pi_b", 1, 1), pts.flip_digit),
    "flip_pi_c_x": _coord(("pi_c", 0), pts.flip_digit),
    "flip_pi_c_y": _coord(("pi_c", 1), pts.flip_digit),
    # Off the curve outright, and on the twist but outside the order-r subgroup.
    "pi_a_off_curve": _set("pi_a", lambda v: ["1", "3", "1"]),
    "pi_c_off_curve": _set("pi_c", lambda v: ["2", "2", "1"]),
    "pi_b_off_twist": _set("pi_b", lambda v: [["1", "0"], ["1", "0"], ["1", "0"]]),
    "pi_b_outside_g2": _set("pi_b", lambda v: pts.twist_point_outside_g2()),
    # Same point, non-canonical encoding (coordinate + q): a second encoding would make proofs malleable.
    "pi_a_x_plus_q": _coord(("pi_a", 0), lambda s: str(int(s) + pts.Q)),
    "pi_c_y_plus_q": _coord(("pi_c", 1), lambda s: str(int(s) + pts.Q)),
    # Malformed documents.
    "pi_c_missing": lambda d: d.pop("pi_c"),
    "pi_a_not_a_number": _coord(("pi_a", 0), lambda s: "0x" + s),
    "pi_b_wrong_shape": _set("pi_b", lambda v: v[0]),
}


# One per kind of tampering, also run through the CLI.
CLI_PROOF_EDITS = ["pi_b_doubled", "flip_pi_c_y", "pi_a_off_curve", "pi_b_outside_g2", "pi_a_x_plus_q",
                   "pi_c_missing"]


@pytest.mark.parametrize("edit", list(PROOF_EDITS), ids=list(PROOF_EDITS))
def test_tampered_proof_rejected(edit: str, base: Circuit, prover: ProverCli, tmp_path: Path) -> None:
    doc = json.loads(base.proof.read_text())
    PROOF_EDITS[edit](doc)
    assert doc != json.loads(base.proof.read_text())
    bad = _write(tmp_path / "proof.json", doc)
    rejected_in_process(base.vkey, base.public, bad, edit)
    if edit in CLI_PROOF_EDITS:
        assert_rejected(prover.verify(base.vkey, base.public, bad), edit)


def test_truncated_proof_file_rejected(base: Circuit, prover: ProverCli, tmp_path: Path) -> None:
    text = base.proof.read_text()
    bad = tmp_path / "proof.json"
    bad.write_text(text[: len(text) // 2])
    assert_rejected(prover.verify(base.vkey, base.public, bad), "truncated proof.json")
    missing = tmp_path / "absent.json"
    assert_rejected(prover.verify(base.vkey, base.public, missing), "missing proof.json")


def _public_edits(n: int) -> dict[str, Callable[[list[str]], list[str]]]:
    edits: dict[str, Callable[[list[str]], list[str]]] = {}
    for i in range(n):
        edits[f"public{i}_plus_1"] = lambda v, i=i: v[:i] + [str(int(v[i]) + 1)] + v[i + 1:]
        # Congruent modulo r, so a verifier that reduces instead of refusing would accept it.
        edits[f"public{i}_plus_r"] = lambda v, i=i: v[:i] + [str(int(v[i]) + pts.R)] + v[i + 1:]
    edits["public_equals_r"] = lambda v: [str(pts.R)] + v[1:]
    edits["public_negative"] = lambda v: [str(int(v[0]) - pts.R)] + v[1:]
    edits["public_not_a_number"] = lambda v: ["seventeen"] + v[1:]
    edits["one_public_too_few"] = lambda v: v[:-1]
    edits["one_public_too_many"] = lambda v: v + ["0"]
    edits["no_publics"] = lambda v: []
    edits["publics_swapped"] = lambda v: [v[1], v[0]] + v[2:]
    return edits


CLI_PUBLIC_EDITS = ["public0_plus_1", "public3_plus_r", "one_public_too_few", "one_public_too_many"]


def test_tampered_public_inputs_rejected(base: Circuit, prover: ProverCli, tmp_path: Path) -> None:
    values = json.loads(base.public.read_text())
    assert len(values) >= 4 and values[0] != values[1]
    edits = _public_edits(len(values))
    assert set(CLI_PUBLIC_EDITS) <= set(edits)
    for name, edit in edits.items():
        bad = _write(tmp_path / f"{name}.json", edit(list(values)))
        rejected_in_process(base.vkey, bad, base.proof, name)
        if name in CLI_PUBLIC_EDITS:
            assert_rejected(prover.verify(base.vkey, bad, base.proof), name)


def _vk_edits() -> dict[str, Callable[[Doc], None]]:
    return {
        "alpha_doubled": _set("vk_alpha_1", _double_g1),
        "delta_doubled": _set("vk_delta_2", _double_g2),
        "ic0_doubled": lambda d: d["IC"].__setitem__(0, _double_g1(d["IC"][0])),
        "ic_last_doubled": lambda d: d["IC"].__setitem__(-1, _double_g1(d["IC"][-1])),
        "gamma_off_twist": _set("vk_gamma_2", lambda v: [["1", "0"], ["1", "0"], ["1", "0"]]),
        "delta_outside_g2": _set("vk_delta_2", lambda v: pts.twist_point_outside_g2()),
        "npublic_mismatch": lambda d: d.update(nPublic=d["nPublic"] + 1),
        "ic_entry_dropped": lambda d: d["IC"].pop(),
    }


@pytest.mark.parametrize("edit", list(_vk_edits()))
def test_tampered_verification_key_rejected(edit: str, base: Circuit, prover: ProverCli,
                                            tmp_path: Path) -> None:
    doc = json.loads(base.vkey.read_text())
    _vk_edits()[edit](doc)
    bad = _write(tmp_path / "vk.json", doc)
    rejected_in_process(bad, base.public, base.proof, edit)
    if edit in ("delta_outside_g2", "ic_entry_dropped"):
        assert_rejected(prover.verify(bad, base.public, base.proof), edit)


def test_gamma_equal_delta_refused_although_snarkjs_accepts(base: Circuit, tools: Tools, prover: ProverCli,
                                                            tmp_path: Path) -> None:
    """snarkjs's zkey before any contribution has gamma == delta == the G2 generator; a proof made with it
    satisfies the pairing equation (snarkjs accepts it), yet anyone can forge proofs for such a key, so our
    verifier must refuse the key itself."""
    vk = tmp_path / "vk0.json"
    proof, public = tmp_path / "proof.json", tmp_path / "public.json"
    tools.snark("zkey", "export", "verificationkey", base.zkey0, vk)
    doc = json.loads(vk.read_text())
    assert doc["vk_gamma_2"] == doc["vk_delta_2"]
    tools.snark("groth16", "prove", base.zkey0, base.wtns, proof, public)
    assert tools.snark("groth16", "verify", vk, public, proof, check=False).returncode == 0
    assert_rejected(prover.verify(vk, public, proof), "gamma == delta")
    from snark.formats import read_proof_json, read_public_json, read_vkey_json
    from snark.groth16 import verify
    from snark.groth16.errors import VerifyingKeyError

    with pytest.raises(VerifyingKeyError):  # refused for the key, not for the (valid) pairing equation
        verify(read_vkey_json(vk), read_public_json(public), read_proof_json(proof))


def test_gamma_equal_delta_refused_on_contributed_key(base: Circuit, prover: ProverCli,
                                                      tmp_path: Path) -> None:
    doc = json.loads(base.vkey.read_text())
    doc["vk_delta_2"] = copy.deepcopy(doc["vk_gamma_2"])
    bad = _write(tmp_path / "vk.json", doc)
    rejected_in_process(bad, base.public, base.proof, "gamma == delta")
