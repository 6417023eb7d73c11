"""Shared oracles for the BN254 tests: py_ecc (independent implementation) and plain Python ints."""

from __future__ import annotations

import py_ecc.optimized_bn128 as ob
import pytest


def norm(p):
    """py_ecc optimized point -> integer affine coordinates (None for infinity), our to_ints layout."""
    if ob.is_inf(p):
        return None
    x, y = ob.normalize(p)
    if isinstance(x, ob.FQ2):
        return ((int(x.coeffs[0]), int(x.coeffs[1])), (int(y.coeffs[0]), int(y.coeffs[1])))
    return (int(x), int(y))


@pytest.fixture(scope="session")
def g1_points():
    """A few G1 points from py_ecc: random multiples, the generator, infinity and -G."""
    import random

    rng = random.Random(1)
    pts = [ob.multiply(ob.G1, rng.randrange(1, ob.curve_order)) for _ in range(4)]
    return pts + [ob.G1, ob.Z1, ob.neg(ob.G1)]


@pytest.fixture(scope="session")
def g2_points():
    import random

    rng = random.Random(2)
    pts = [ob.multiply(ob.G2, rng.randrange(1, ob.curve_order)) for _ in range(3)]
    return pts + [ob.G2, ob.Z2, ob.neg(ob.G2)]


def twist_point_outside_g2():
    """Integer coordinates of a point on the twist E'(Fq2) that is not in G2 (checked with py_ecc)."""
    p = ob.field_modulus
    for k in range(1, 60):
        x = ob.FQ2([k, 1])
        rhs = x ** 3 + ob.b2
        y = rhs ** ((p**2 + 15) // 32)  # a square root when it exists (p^2 = 9 mod 16: try several x)
        if y * y == rhs and not ob.is_inf(ob.multiply((x, y, ob.FQ2.one()), ob.curve_order)):
            return ((int(x.coeffs[0]), int(x.coeffs[1])), (int(y.coeffs[0]), int(y.coeffs[1])))
    raise AssertionError("no point of the twist outside G2 among x = k + u, k < 60: widen the search")
