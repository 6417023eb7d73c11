"""snarkjs's JSON files: ``proof.json``, ``public.json`` and ``verification_key.json``.

* ``proof.json``: ``{"pi_a": [x, y, "1"], "pi_b": [[x0, x1], [y0, y1], ["1", "0"]], "pi_c": [...],
  "protocol": "groth16", "curve": "bn128"}``, decimal strings of affine points (``groth16_prove.js``).
* ``public.json``: the witness entries 1..nPublic as decimal strings.
* ``verification_key.json`` (``zkey_export_verificationkey.js``): protocol, curve, nPublic, vk_alpha_1,
  vk_beta_2, vk_gamma_2, vk_delta_2, vk_alphabeta_12 (e(alpha, beta) as snarkjs's pairing computes it,
  informational: written, never trusted on read) and IC.

Readers raise :class:`snark.formats.FormatError` naming the file and the field. Points are checked on the
curve (G2 also in the subgroup); public values only for being decimal integers - whether they are below r
is the verifier's check, so that it can say so.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from os import PathLike
from pathlib import Path

import numpy as np

from snark.bn254.errors import PointError
from snark.bn254.fields import BN_U, Fq
from snark.bn254.pairing import gt_mul, gt_one, pairing_product
from snark.bn254.serialize import g1_from_json, g1_to_json, g2_from_json, g2_to_json
from snark.formats.binfile import FormatError
from snark.groth16.keys import Proof, VerifyingKey

CURVE = "bn128"
PROTOCOL = "groth16"


def _load(path: str | PathLike):
    try:
        return json.loads(Path(path).read_text())
    except OSError as exc:
        raise FormatError(path, "file", f"cannot read: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FormatError(path, "JSON", f"not valid JSON: {exc}") from exc


def _dump(path: str | PathLike, obj) -> None:
    Path(path).write_text(json.dumps(obj, indent=1) + "\n")


def _g1(path, obj, field: str) -> np.ndarray:
    try:
        return g1_from_json([obj[field]])
    except (KeyError, TypeError) as exc:
        raise FormatError(path, field, "missing") from exc
    except PointError as exc:
        raise FormatError(path, field, str(exc)) from exc


def _g2(path, obj, field: str) -> np.ndarray:
    try:
        return g2_from_json([obj[field]])
    except (KeyError, TypeError) as exc:
        raise FormatError(path, field, "missing") from exc
    except PointError as exc:
        raise FormatError(path, field, str(exc)) from exc


def _check_meta(path, obj) -> None:
    if not isinstance(obj, dict):
        raise FormatError(path, "JSON", "top level must be an object")
    if obj.get("protocol", PROTOCOL) != PROTOCOL:
        raise FormatError(path, "protocol", f"{obj.get('protocol')!r} is not {PROTOCOL!r}")
    if obj.get("curve", CURVE) not in (CURVE, "bn254", "alt_bn128"):
        raise FormatError(path, "curve", f"{obj.get('curve')!r} is not {CURVE!r}")


def write_proof_json(path: str | PathLike, proof: Proof) -> None:
    """Write a proof as snarkjs's ``proof.json``."""
    _dump(path, {"pi_a": g1_to_json(proof.a)[0], "pi_b": g2_to_json(proof.b)[0],
                 "pi_c": g1_to_json(proof.c)[0], "protocol": PROTOCOL, "curve": CURVE})


def read_proof_json(path: str | PathLike) -> Proof:
    """Read snarkjs's ``proof.json``.

    Raises:
        FormatError: not JSON, a missing field, a malformed or invalid point (named: pi_a, pi_b, pi_c).
    """
    obj = _load(path)
    _check_meta(path, obj)
    return Proof(a=_g1(path, obj, "pi_a"), b=_g2(path, obj, "pi_b"), c=_g1(path, obj, "pi_c"))


def write_public_json(path: str | PathLike, publics: Sequence[int]) -> None:
    """Write public inputs as snarkjs's ``public.json`` (decimal strings)."""
    _dump(path, [str(int(x)) for x in publics])


def read_public_json(path: str | PathLike) -> list[int]:
    """Read ``public.json``: a list of decimal strings (or integers).

    Raises:
        FormatError: not a JSON list, or an entry that is not a non-negative decimal integer.
    """
    obj = _load(path)
    if not isinstance(obj, list):
        raise FormatError(path, "JSON", "public inputs must be a list")
    out = []
    for i, v in enumerate(obj):
        if isinstance(v, str) and v.isascii() and v.isdigit():
            out.append(int(v))
        elif isinstance(v, int) and not isinstance(v, bool) and v >= 0:
            out.append(v)
        else:
            raise FormatError(path, f"entry {i}", f"{v!r} is not a decimal integer")
    return out


# snarkjs's pairing (ffjavascript/wasmcurves) uses the Fuentes-Castaneda et al. final exponentiation,
# which yields e(P, Q)^(2u(6u^2 + 3u + 1)); ours is the exact e(P, Q) (py_ecc's). Confirmed against
# ``snarkjs zkey export verificationkey`` on a key of ours: raising ours to this power matches.
SNARKJS_GT_EXPONENT = 2 * BN_U * (6 * BN_U * BN_U + 3 * BN_U + 1)


def _gt_to_json(vk: VerifyingKey) -> list:
    acc, base, e = gt_one(), pairing_product(vk.alpha_g1, vk.beta_g2), SNARKJS_GT_EXPONENT
    while e:
        if e & 1:
            acc = gt_mul(acc, base)
        base = gt_mul(base, base)
        e >>= 1
    vals = [str(v) for v in Fq.to_ints(acc.reshape(-1, 4))]
    return [[[vals[(h * 3 + i) * 2], vals[(h * 3 + i) * 2 + 1]] for i in range(3)] for h in range(2)]


def write_vkey_json(path: str | PathLike, vk: VerifyingKey) -> None:
    """Write a verification key as snarkjs's ``verification_key.json``."""
    _dump(path, {
        "protocol": PROTOCOL, "curve": CURVE, "nPublic": vk.n_public,
        "vk_alpha_1": g1_to_json(vk.alpha_g1)[0], "vk_beta_2": g2_to_json(vk.beta_g2)[0],
        "vk_gamma_2": g2_to_json(vk.gamma_g2)[0], "vk_delta_2": g2_to_json(vk.delta_g2)[0],
        "vk_alphabeta_12": _gt_to_json(vk), "IC": g1_to_json(vk.gamma_abc_g1),
    })


def read_vkey_json(path: str | PathLike) -> VerifyingKey:
    """Read snarkjs's ``verification_key.json``.

    Raises:
        FormatError: not JSON, wrong protocol or curve, a missing field, an invalid point (named), or
            nPublic disagreeing with the number of IC points.
    """
    obj = _load(path)
    _check_meta(path, obj)
    ic_obj = obj.get("IC")
    if not isinstance(ic_obj, list) or not ic_obj:
        raise FormatError(path, "IC", "missing or empty")
    try:
        ic = g1_from_json(ic_obj)
    except PointError as exc:
        raise FormatError(path, "IC", str(exc)) from exc
    n_public = obj.get("nPublic")
    if not isinstance(n_public, int) or isinstance(n_public, bool) or n_public != len(ic_obj) - 1:
        raise FormatError(path, "nPublic", f"{n_public!r} does not match {len(ic_obj)} IC points")
    return VerifyingKey(alpha_g1=_g1(path, obj, "vk_alpha_1"), beta_g2=_g2(path, obj, "vk_beta_2"),
                        gamma_g2=_g2(path, obj, "vk_gamma_2"), delta_g2=_g2(path, obj, "vk_delta_2"),
                        gamma_abc_g1=ic)
