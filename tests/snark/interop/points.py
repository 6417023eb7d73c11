"""Building blocks for tampering with snarkjs JSON files, with py_ecc as the independent curve oracle.

snarkjs writes affine points as decimal strings with a third coordinate "1" (G1: ``[x, y, "1"]``; G2:
``[[x0, x1], [y0, y1], ["1", "0"]]``); these helpers convert between that layout and py_ecc's points.
"""

from __future__ import annotations

import py_ecc.optimized_bn128 as ob

Q = ob.field_modulus
R = ob.curve_order


def g1_from_json(v: list[str]):
    return (ob.FQ(int(v[0])), ob.FQ(int(v[1])), ob.FQ.one())


def g2_from_json(v: list[list[str]]):
    return (ob.FQ2([int(v[0][0]), int(v[0][1])]), ob.FQ2([int(v[1][0]), int(v[1][1])]), ob.FQ2.one())


def g1_to_json(p) -> list[str]:
    x, y = ob.normalize(p)
    return [str(int(x)), str(int(y)), "1"]


def g2_to_json(p) -> list[list[str]]:
    x, y = ob.normalize(p)
    return [[str(int(c)) for c in x.coeffs], [str(int(c)) for c in y.coeffs], ["1", "0"]]


def twist_point_outside_g2() -> list[list[str]]:
    """A point on the twist y^2 = x^3 + 3/(9+u) over Fq2 that is NOT in the order-r subgroup G2.

    Every curve point passes an on-curve check; only a subgroup check (e.g. [r]P == O) catches this one.
    p^2 = 9 (mod 16), so a^((p^2+15)/32) is a square root of a for some but not all squares: try x's
    until one works and the point's order is not r.
    """
    for k in range(1, 200):
        x = ob.FQ2([k, 1])
        rhs = x ** 3 + ob.b2
        y = rhs ** ((Q ** 2 + 15) // 32)
        if y * y == rhs:
            pt = (x, y, ob.FQ2.one())
            if not ob.is_inf(ob.multiply(pt, R)):
                return g2_to_json(pt)
    raise RuntimeError("no twist point outside G2 found")  # pragma: no cover - found at small k


def flip_digit(s: str) -> str:
    """Change the last decimal digit (a 'byte flip' of the JSON value) while staying below q."""
    last = int(s[-1])
    new = s[:-1] + str((last + 1) % 10)
    if int(new) >= Q:  # cannot happen for these coordinates but keep the value canonical if it did
        new = s[:-1] + str((last - 1) % 10)
    return new
