"""snarkjs JSON and .zkey point encodings, built independently with Python ints, and every rejection."""

from __future__ import annotations

import py_ecc.optimized_bn128 as ob
import pytest

from snark.bn254 import serialize as ser
from snark.bn254.errors import PointError
from snark.bn254.fields import P

from .conftest import norm, twist_point_outside_g2

RM = (1 << 256) % P


def _lem(v: int) -> bytes:
    """Little-endian Montgomery encoding of one Fq value, as ffjavascript's toRprLEM writes it."""
    return (v * RM % P).to_bytes(32, "little")


def _g1_zkey(pt) -> bytes:
    return b"\x00" * 64 if pt is None else _lem(pt[0]) + _lem(pt[1])


def _g2_zkey(pt) -> bytes:
    if pt is None:
        return b"\x00" * 128
    (x0, x1), (y0, y1) = pt
    return _lem(x0) + _lem(x1) + _lem(y0) + _lem(y1)


def test_g1_json_roundtrip(g1_points):
    pts = [norm(p) for p in g1_points]
    objs = [["0", "1", "0"] if p is None else [str(p[0]), str(p[1]), "1"] for p in pts]
    a = ser.g1_from_json(objs)
    assert ser.g1_to_json(a) == objs
    # Two-coordinate form and a non-affine Jacobian z are accepted too.
    x, y = pts[0]
    z = 7
    jac = [str(x * z * z % P), str(y * z**3 % P), str(z)]
    assert ser.g1_from_json([[str(x), str(y)], jac]).tolist() == ser.g1_from_json([objs[0], objs[0]]).tolist()


def test_g2_json_roundtrip(g2_points):
    pts = [norm(p) for p in g2_points]
    objs = [[["0", "0"], ["1", "0"], ["0", "0"]] if p is None else
            [[str(p[0][0]), str(p[0][1])], [str(p[1][0]), str(p[1][1])], ["1", "0"]] for p in pts]
    a = ser.g2_from_json(objs)
    assert ser.g2_to_json(a) == objs


def test_zkey_bytes_match_independent_encoding(g1_points, g2_points):
    p1 = [norm(p) for p in g1_points]
    p2 = [norm(p) for p in g2_points]
    b1 = b"".join(_g1_zkey(p) for p in p1)
    b2 = b"".join(_g2_zkey(p) for p in p2)
    a1 = ser.g1_from_zkey(b1, count=len(p1))
    a2 = ser.g2_from_zkey(b2)
    from snark.bn254.curves import G1, G2
    assert G1.to_ints(a1) == p1
    assert G2.to_ints(a2) == p2
    assert ser.g1_to_zkey(a1) == b1
    assert ser.g2_to_zkey(a2) == b2


def _expect(reason, fn, *args, **kw):
    with pytest.raises(PointError) as info:
        fn(*args, **kw)
    assert info.value.reason == reason
    assert reason in str(info.value)


def test_json_rejections():
    g = [str(c) for c in norm(ob.G1)]
    _expect("off curve", ser.g1_from_json, [[g[0], str(int(g[1]) + 1), "1"]])
    _expect("coordinate >= p", ser.g1_from_json, [[str(P), g[1], "1"]])
    _expect("coordinate >= p", ser.g1_from_json, [[str(int(g[0]) + P), g[1], "1"]])
    _expect("bad encoding", ser.g1_from_json, [["0x1", "2", "1"]])
    _expect("bad encoding", ser.g1_from_json, [["-1", "2", "1"]])
    _expect("bad encoding", ser.g1_from_json, [[1, 2, 1]])
    _expect("bad length", ser.g1_from_json, [["1"]])
    _expect("bad length", ser.g1_from_json, ["12"])
    (x0, x1), (y0, y1) = norm(ob.G2)
    _expect("off curve", ser.g2_from_json, [[[str(x0), str(x1)], [str(y1), str(y0)], ["1", "0"]]])
    _expect("bad length", ser.g2_from_json, [[[str(x0)], [str(y0), str(y1)], ["1", "0"]]])
    _expect("coordinate >= p", ser.g2_from_json, [[[str(x0), str(P + 1)], [str(y0), str(y1)]]])


def test_zkey_rejections():
    good1 = _g1_zkey(norm(ob.G1))
    _expect("bad length", ser.g1_from_zkey, good1[:-1])
    _expect("bad length", ser.g1_from_zkey, good1, count=2)
    x, y = norm(ob.G1)
    _expect("off curve", ser.g1_from_zkey, _lem(x) + _lem(y + 1))
    _expect("coordinate >= p", ser.g1_from_zkey, P.to_bytes(32, "little") + _lem(y))
    _expect("coordinate >= p", ser.g1_from_zkey, b"\xff" * 32 + _lem(y))
    good2 = _g2_zkey(norm(ob.G2))
    _expect("bad length", ser.g2_from_zkey, good2 + b"\x00")
    _expect("coordinate >= p", ser.g2_from_zkey, good2[:32] + P.to_bytes(32, "little") + good2[64:])
    _expect("off curve", ser.g2_from_zkey, good2[:64] + good2[96:] + good2[64:96])
    outside = twist_point_outside_g2()
    _expect("not in subgroup", ser.g2_from_zkey, good2 + _g2_zkey(outside))
    (xo0, xo1), (yo0, yo1) = outside
    _expect("not in subgroup", ser.g2_from_json,
            [[[str(xo0), str(xo1)], [str(yo0), str(yo1)], ["1", "0"]]])
