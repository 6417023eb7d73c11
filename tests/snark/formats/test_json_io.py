"""snarkjs JSON files: layout, round trips, malformations named by field, and proof tampering."""

from __future__ import annotations

import json

import pytest

from prover.errors import ProofFormatError, VerificationError
from snark.formats import (
    FormatError,
    read_proof_json,
    read_public_json,
    read_vkey_json,
    write_proof_json,
    write_public_json,
    write_vkey_json,
)
from snark.groth16 import verify


def test_proof_layout_and_round_trip(tmp_path, small):
    path = tmp_path / "proof.json"
    write_proof_json(path, small.proof)
    obj = json.loads(path.read_text())
    assert obj["protocol"] == "groth16" and obj["curve"] == "bn128"
    assert obj["pi_a"][2] == "1" and obj["pi_c"][2] == "1" and obj["pi_b"][2] == ["1", "0"]
    assert all(isinstance(v, str) for v in obj["pi_a"]) and len(obj["pi_b"]) == 3
    assert read_proof_json(path) == small.proof


def test_public_round_trip(tmp_path, small):
    path = tmp_path / "public.json"
    write_public_json(path, small.publics)
    assert json.loads(path.read_text()) == [str(x) for x in small.publics]
    assert read_public_json(path) == small.publics


def test_vkey_layout_and_round_trip(tmp_path, small):
    path = tmp_path / "verification_key.json"
    write_vkey_json(path, small.pk.vk)
    obj = json.loads(path.read_text())
    assert list(obj) == ["protocol", "curve", "nPublic", "vk_alpha_1", "vk_beta_2", "vk_gamma_2",
                         "vk_delta_2", "vk_alphabeta_12", "IC"]
    assert obj["nPublic"] == 1 and len(obj["IC"]) == 2
    assert len(obj["vk_alphabeta_12"]) == 2 and all(len(h) == 3 for h in obj["vk_alphabeta_12"])
    assert read_vkey_json(path) == small.pk.vk


@pytest.mark.parametrize(("mutate", "match"), [
    (lambda o: o.pop("pi_b"), "pi_b: missing"),
    (lambda o: o.__setitem__("pi_a", ["1", "3", "1"]), "pi_a: off curve"),
    (lambda o: o.__setitem__("pi_c", ["x", "2", "1"]), "pi_c: bad encoding"),
    (lambda o: o.__setitem__("pi_a", ["1"]), "pi_a: bad length"),
    (lambda o: o.__setitem__("protocol", "plonk"), "protocol"),
])
def test_malformed_proof(tmp_path, small, mutate, match):
    path = tmp_path / "proof.json"
    write_proof_json(path, small.proof)
    obj = json.loads(path.read_text())
    mutate(obj)
    path.write_text(json.dumps(obj))
    with pytest.raises(FormatError, match=r"proof\.json: " + match):
        read_proof_json(path)


def test_not_json_and_wrong_shapes(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{not json")
    for reader in (read_proof_json, read_public_json, read_vkey_json):
        with pytest.raises(FormatError, match=r"x\.json: JSON: not valid JSON"):
            reader(path)
    path.write_text('["1", "-2"]')
    with pytest.raises(FormatError, match=r"x\.json: entry 1"):
        read_public_json(path)
    path.write_text('{"a": 1}')
    with pytest.raises(FormatError, match=r"x\.json: JSON: public inputs must be a list"):
        read_public_json(path)


def test_malformed_vkey(tmp_path, small):
    path = tmp_path / "vk.json"
    write_vkey_json(path, small.pk.vk)
    good = json.loads(path.read_text())
    for mutate, match in [
        (lambda o: o.__setitem__("nPublic", 2), "nPublic"),
        (lambda o: o.__setitem__("IC", []), "IC: missing or empty"),
        (lambda o: o.pop("vk_delta_2"), "vk_delta_2: missing"),
        (lambda o: o.__setitem__("curve", "bls12381"), "curve"),
        (lambda o: o["vk_gamma_2"][0].reverse(), "vk_gamma_2: (off curve|not in subgroup)"),
    ]:
        obj = json.loads(json.dumps(good))
        mutate(obj)
        path.write_text(json.dumps(obj))
        with pytest.raises(FormatError, match=r"vk\.json: " + match):
            read_vkey_json(path)


def _strings(obj, path=()):
    if isinstance(obj, str):
        yield path
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _strings(v, (*path, i))


def test_every_changed_proof_value_is_rejected(tmp_path, small):
    """DESIGN.md: changing any serialized proof value makes verification fail (format or pairing)."""
    path = tmp_path / "proof.json"
    write_proof_json(path, small.proof)
    good = json.loads(path.read_text())
    checked = 0
    for field in ("pi_a", "pi_b", "pi_c"):
        for where in _strings(good[field]):
            obj = json.loads(json.dumps(good))
            node = obj[field]
            for k in where[:-1]:
                node = node[k]
            node[where[-1]] = str(int(node[where[-1]]) + 1)
            path.write_text(json.dumps(obj))
            with pytest.raises((ProofFormatError, VerificationError)):
                verify(small.pk.vk, small.publics, read_proof_json(path))
            checked += 1
    assert checked == 3 + 6 + 3
