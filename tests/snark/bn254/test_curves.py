"""G1/G2 Jacobian arithmetic, scalar multiplication and validation against py_ecc.optimized_bn128."""

from __future__ import annotations

import random

import numpy as np
import py_ecc.optimized_bn128 as ob
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prover.errors import FieldError
from snark.bn254.curves import G1, G2
from snark.bn254.errors import PointError
from snark.bn254.fields import P, R

from .conftest import norm, twist_point_outside_g2

CASES = [("G1", G1, ob.G1, ob.Z1), ("G2", G2, ob.G2, ob.Z2)]


@pytest.fixture(params=CASES, ids=lambda c: c[0])
def case(request, g1_points, g2_points):
    name, G, gen, zero = request.param
    return G, gen, zero, g1_points if name == "G1" else g2_points


def test_generator_matches_py_ecc(case):
    G, gen, _, _ = case
    assert G.to_ints(G.generator(1)) == [norm(gen)]


def test_add_double_mixed_neg(case):
    G, _, _, pts = case
    A = G.from_ints([norm(p) for p in pts])
    J = G.to_jacobian(A)
    rev = pts[::-1]
    Jr = G.to_jacobian(G.from_ints([norm(p) for p in rev]))
    assert G.to_ints(G.to_affine(G.add(J, Jr))) == [norm(ob.add(p, q)) for p, q in zip(pts, rev, strict=True)]
    assert G.to_ints(G.to_affine(G.double(J))) == [norm(ob.double(p)) for p in pts]
    # Doubling through add (P + P) and the mixed form.
    assert G.to_ints(G.to_affine(G.add(J, J))) == [norm(ob.double(p)) for p in pts]
    assert G.to_ints(G.to_affine(G.add_mixed(J, A))) == [norm(ob.double(p)) for p in pts]
    assert G.to_ints(G.to_affine(G.neg(J))) == [norm(ob.neg(p)) for p in pts]
    assert G.to_ints(G.neg(A)) == [norm(ob.neg(p)) for p in pts]
    # P + (-P) is infinity, infinity is the identity.
    assert G.to_ints(G.to_affine(G.add(J, G.neg(J)))) == [None] * len(pts)
    inf = G.infinity(len(pts))
    assert G.to_ints(G.to_affine(G.add(J, inf))) == [norm(p) for p in pts]
    assert G.to_ints(G.to_affine(G.add(inf, J))) == [norm(p) for p in pts]
    assert G.eq(G.add(J, inf), J).all()
    assert not G.eq(J[:1], G.double(J[:1])).any()


def test_scalar_mul_random_and_edge_scalars(case):
    G, _, _, pts = case
    rng = random.Random(5)
    base = pts[0]
    scalars = [0, 1, 2, R - 1, R - 2, rng.randrange(R), rng.randrange(R)]
    A = G.from_ints([norm(base)] * len(scalars))
    got = G.to_ints(G.to_affine(G.mul(A, scalars)))
    assert got == [norm(ob.multiply(base, k)) for k in scalars]
    assert got[3] == norm(ob.neg(base))
    # Scalars given as canonical limbs, and multiplication of the point at infinity.
    limbs = np.array([[k >> (64 * j) & (2**64 - 1) for j in range(4)] for k in scalars], dtype=np.uint64)
    assert G.to_ints(G.to_affine(G.mul(A, limbs))) == got
    inf = G.from_ints([None])
    assert G.to_ints(G.to_affine(G.mul(inf, [12345]))) == [None]


def test_scalars_out_of_range_rejected(case):
    G = case[0]
    A = G.generator(1)
    with pytest.raises(FieldError, match="outside"):
        G.mul(A, [R])
    with pytest.raises(FieldError, match="outside"):
        G.mul(A, [-1])
    limbs = np.array([[R >> (64 * j) & (2**64 - 1) for j in range(4)]], dtype=np.uint64)
    with pytest.raises(FieldError, match=">= r"):
        G.mul(A, limbs)
    with pytest.raises(FieldError, match="scalars for"):
        G.mul(A, [1, 2])


def test_batch_affine_conversion_with_infinities(case):
    G, _, _, pts = case
    mixed = [pts[0], pts[4], pts[1], pts[4]]
    J = G.to_jacobian(G.from_ints([norm(p) for p in mixed]))
    J = G.double(G.add(J, J))  # non-trivial Z
    assert G.to_ints(G.to_affine(J)) == [norm(ob.multiply(p, 4)) for p in mixed]
    assert G.to_affine(J[:0]).shape[0] == 0


def test_off_curve_and_range_rejected(case):
    G, _, _, pts = case
    good = norm(pts[0])
    if G is G1:
        off = (good[0], (good[1] + 1) % P)
        big = (P, 0)
    else:
        off = (good[0], ((good[1][0] + 1) % P, good[1][1]))
        big = ((0, P), good[1])
    with pytest.raises(PointError, match="off curve") as info:
        G.from_ints([good, off])
    assert info.value.reason == "off curve"
    with pytest.raises(PointError, match="coordinate >= p"):
        G.from_ints([big])
    arr = G.from_ints([good])
    bad = arr.copy()
    bad.reshape(-1, 4)[0] = np.array([2**64 - 1] * 4, dtype=np.uint64)
    with pytest.raises(PointError, match="coordinate >= p"):
        G.check_affine(bad)
    with pytest.raises(PointError, match="bad length"):
        G.check_affine(arr[:, :1])
    with pytest.raises(PointError, match="bad length"):
        G.check_affine(arr.astype(np.int64))


def test_g2_subgroup_check_rejects_twist_points_outside_g2():
    pt = twist_point_outside_g2()
    with pytest.raises(PointError, match="not in subgroup") as info:
        G2.from_ints([norm(ob.G2), pt])
    assert info.value.reason == "not in subgroup"
    assert G2.to_ints(G2.from_ints([pt], subgroup=False)) == [pt]  # on the curve, though


@settings(max_examples=8, deadline=None)
@given(st.integers(0, R - 1), st.integers(0, R - 1))
def test_scalar_mul_is_linear_against_py_ecc(a, b):
    g = G1.generator(2)
    got = G1.to_ints(G1.to_affine(G1.add(*np.split(G1.mul(g, [a, b]), 2))))
    assert got == [norm(ob.multiply(ob.G1, (a + b) % R))]
