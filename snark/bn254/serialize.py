"""BN254 point (de)serialization in the forms snarkjs uses: JSON decimal strings and ``.zkey`` binary.

* JSON (``verification_key.json``, ``proof.json``): G1 as ``["x", "y", "z"]`` and G2 as
  ``[["x0", "x1"], ["y0", "y1"], ["z0", "z1"]]``, decimal strings of Jacobian coordinates (an Fq2 value
  is ``[c0, c1]`` = c0 + c1 u). snarkjs writes affine points (z = 1) and infinity as z = 0.
* ``.zkey`` binary (snarkjs ``zkey_utils`` ``readG1``/``readG2`` via ffjavascript ``fromRprLEM``): each Fq
  value is 32 bytes, little-endian, in Montgomery form (x * 2^256 mod p); G1 = x || y (64 bytes),
  G2 = x.c0 || x.c1 || y.c0 || y.c1 (128 bytes); all-zero coordinates encode infinity.

Every reader validates and raises :class:`snark.bn254.errors.PointError` whose ``reason`` says why:
"bad length", "bad encoding", "coordinate >= p", "off curve" or "not in subgroup" (G2).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from snark.bn254 import curve_kernels as _ck
from snark.bn254 import limb_kernels as _lk
from snark.bn254.curves import G1, G2, Group
from snark.bn254.errors import PointError
from snark.bn254.fields import Fq

ZKEY_FQ_BYTES = 32


def _decimal(s, what: str) -> int:
    if not isinstance(s, str) or not s.isascii() or not s.isdigit():
        raise PointError("bad encoding", f"{what} must be a decimal string, got {s!r}")
    v = int(s)
    if v >= Fq.MODULUS:
        raise PointError("coordinate >= p", f"{what} = {v} is not below p")
    return v


def _fq2(obj, what: str) -> tuple[int, int]:
    if not isinstance(obj, list | tuple) or len(obj) != 2:
        raise PointError("bad length", f"{what} must be a pair [c0, c1]")
    return _decimal(obj[0], f"{what}[0]"), _decimal(obj[1], f"{what}[1]")


def _from_json(group: Group, objs: Sequence, subgroup: bool) -> np.ndarray:
    coords: list[int] = []
    for i, obj in enumerate(objs):
        if not isinstance(obj, list | tuple) or len(obj) not in (2, 3):
            raise PointError("bad length", f"{group.name} point {i} must be a list of 2 or 3 coordinates")
        parts = list(obj) + ([["1", "0"]] if group.degree == 2 else ["1"]) * (3 - len(obj))
        for j, c in enumerate(parts):
            what = f"{group.name} point {i} coordinate {j}"
            coords.extend([_decimal(c, what)] if group.degree == 1 else _fq2(c, what))
    limbs = Fq.to_montgomery(
        np.frombuffer(b"".join(v.to_bytes(32, "little") for v in coords), dtype="<u8")
        .astype(np.uint64).reshape(-1, 4))
    jac = limbs.reshape(-1, 3, *group.coord_shape)
    aff = np.empty((jac.shape[0], 2, *group.coord_shape), dtype=np.uint64)
    _ck.arr_to_affine(jac, aff)  # z = 0 becomes (0, 0), infinity
    return group.check_affine(aff, "json points", subgroup=subgroup)


def g1_from_json(objs: Sequence) -> np.ndarray:
    """Affine G1 array from snarkjs JSON points ``[["x", "y", "z"], ...]`` (z optional, default 1).

    Raises:
        PointError: malformed lists or strings, a coordinate >= p, or a point off the curve.
    """
    return _from_json(G1, objs, subgroup=False)


def g2_from_json(objs: Sequence, subgroup: bool = True) -> np.ndarray:
    """Affine G2 array from snarkjs JSON points ``[[["x0","x1"],["y0","y1"],["z0","z1"]], ...]``.

    Raises:
        PointError: malformed input, a coordinate >= p, off the twist, or outside the subgroup.
    """
    return _from_json(G2, objs, subgroup=subgroup)


def _to_json(group: Group, a: np.ndarray) -> list:
    out = []
    for pt in group.to_ints(a):
        if group.degree == 1:
            out.append(["0", "1", "0"] if pt is None else [str(pt[0]), str(pt[1]), "1"])
        elif pt is None:
            out.append([["0", "0"], ["1", "0"], ["0", "0"]])
        else:
            out.append([[str(pt[0][0]), str(pt[0][1])], [str(pt[1][0]), str(pt[1][1])], ["1", "0"]])
    return out


def g1_to_json(a: np.ndarray) -> list:
    """snarkjs JSON of an affine G1 array (infinity as ["0", "1", "0"], as snarkjs writes it)."""
    return _to_json(G1, a)


def g2_to_json(a: np.ndarray) -> list:
    """snarkjs JSON of an affine G2 array."""
    return _to_json(G2, a)


def _from_zkey(group: Group, data: bytes, count: int | None, subgroup: bool) -> np.ndarray:
    size = 2 * group.degree * ZKEY_FQ_BYTES
    data = bytes(data)
    if len(data) % size or (count is not None and len(data) != count * size):
        want = f"{count} x {size}" if count is not None else f"a multiple of {size}"
        raise PointError("bad length", f"{group.name} zkey data has {len(data)} bytes, expected {want}")
    limbs = np.frombuffer(data, dtype="<u8").astype(np.uint64).reshape(-1, 4)
    bad = _lk.max_geq(limbs, Fq.q)
    if bad >= 0:
        raise PointError("coordinate >= p", f"{group.name} point {bad // (2 * group.degree)} has a "
                                            "Montgomery coordinate >= p")
    return group.check_affine(limbs.reshape(-1, 2, *group.coord_shape), "zkey points", subgroup=subgroup)


def g1_from_zkey(data: bytes, count: int | None = None) -> np.ndarray:
    """Affine G1 array from ``.zkey`` bytes (64 bytes a point, LE Montgomery x || y).

    Args:
        data: the concatenated points.
        count: the expected number of points, if known.

    Raises:
        PointError: wrong length, a coordinate >= p, or a point off the curve.
    """
    return _from_zkey(G1, data, count, subgroup=False)


def g2_from_zkey(data: bytes, count: int | None = None, subgroup: bool = True) -> np.ndarray:
    """Affine G2 array from ``.zkey`` bytes (128 bytes a point: x.c0 || x.c1 || y.c0 || y.c1).

    Raises:
        PointError: wrong length, a coordinate >= p, off the twist, or outside the subgroup.
    """
    return _from_zkey(G2, data, count, subgroup=subgroup)


def g1_to_zkey(a: np.ndarray) -> bytes:
    """``.zkey`` bytes of an affine G1 array."""
    return np.ascontiguousarray(G1.check_affine(a, subgroup=False)).astype("<u8").tobytes()


def g2_to_zkey(a: np.ndarray) -> bytes:
    """``.zkey`` bytes of an affine G2 array."""
    return np.ascontiguousarray(G2.check_affine(a, subgroup=False)).astype("<u8").tobytes()
