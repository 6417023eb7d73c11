"""Optimal ate pairing against py_ecc.optimized_bn128.pairing, and its algebraic properties."""

from __future__ import annotations

import random

import numpy as np
import py_ecc.optimized_bn128 as ob
import pytest

from snark.bn254 import pairing as pr
from snark.bn254.curves import G1, G2
from snark.bn254.errors import PointError
from snark.bn254.fields import R

from .conftest import norm


def _g1(k):
    return G1.from_ints([norm(ob.multiply(ob.G1, k))])


def _g2(k):
    return G2.from_ints([norm(ob.multiply(ob.G2, k))])


@pytest.fixture(scope="module")
def oracle_pair():
    rng = random.Random(21)
    a, b = rng.randrange(1, R), rng.randrange(1, R)
    ref = ob.pairing(ob.multiply(ob.G2, b), ob.multiply(ob.G1, a))
    return a, b, [int(c) for c in ref.coeffs]


def test_matches_py_ecc_coefficients(oracle_pair):
    a, b, ref = oracle_pair
    assert pr.gt_to_ints(pr.pairing(_g1(a), _g2(b))) == ref


def test_generators_match_py_ecc():
    ref = ob.pairing(ob.G2, ob.G1)
    assert pr.gt_to_ints(pr.pairing(G1.generator(1), G2.generator(1))) == [int(c) for c in ref.coeffs]


def test_miller_loop_then_final_exponentiation(oracle_pair):
    a, b, ref = oracle_pair
    assert pr.gt_to_ints(pr.final_exponentiation(pr.miller_loop(_g1(a), _g2(b)))) == ref


def test_bilinearity_and_non_degeneracy():
    rng = random.Random(22)
    a, b = rng.randrange(1, R), rng.randrange(1, R)
    e_ab = pr.pairing(_g1(a), _g2(b))
    e_1 = pr.pairing(G1.generator(1), G2.generator(1))
    assert not pr.gt_is_one(e_1)
    assert pr.gt_to_ints(e_ab) == pr.gt_to_ints(pr.pairing(_g1(a * b % R), G2.generator(1)))
    assert pr.gt_to_ints(e_ab) == pr.gt_to_ints(pr.pairing(G1.generator(1), _g2(a * b % R)))
    # e(P1 + P2, Q) = e(P1, Q) e(P2, Q)
    lhs = pr.pairing(_g1(a + 5), _g2(b))
    rhs = pr.gt_mul(pr.pairing(_g1(a), _g2(b)), pr.pairing(_g1(5), _g2(b)))
    assert pr.gt_to_ints(lhs) == pr.gt_to_ints(rhs)
    # r-th power is one: e^r via e^(r-1) * e = 1, i.e. e(-P, Q) = e(P, Q)^-1
    assert pr.gt_to_ints(pr.pairing(G1.neg(_g1(a)), _g2(b))) == pr.gt_to_ints(pr.gt_inv(e_ab))


def test_product_inverse_pairs_is_one_and_matches_py_ecc_product():
    p, q = _g1(7), _g2(11)
    assert pr.pairing_check(np.concatenate([p, G1.neg(p)]), np.concatenate([q, q]))
    assert not pr.pairing_check(np.concatenate([p, p]), np.concatenate([q, q]))
    # A Groth16-shaped check: e(aP, bQ) e(-abP, Q) = 1, and a 4-pairing product vs py_ecc.
    ps = np.concatenate([_g1(3), _g1(5), _g1(6), _g1(9)])
    qs = np.concatenate([_g2(2), _g2(4), _g2(8), _g2(1)])
    want = ob.FQ12.one()
    for k1, k2 in ((3, 2), (5, 4), (6, 8), (9, 1)):
        want = want * ob.pairing(ob.multiply(ob.G2, k2), ob.multiply(ob.G1, k1), final_exponentiate=False)
    want = ob.final_exponentiate(want)
    assert pr.gt_to_ints(pr.pairing_product(ps, qs)) == [int(c) for c in want.coeffs]


def test_infinity_pairs_contribute_one():
    inf1, inf2 = G1.from_ints([None]), G2.from_ints([None])
    assert pr.gt_is_one(pr.pairing(inf1, G2.generator(1)))
    assert pr.gt_is_one(pr.pairing(G1.generator(1), inf2))
    assert pr.gt_is_one(pr.pairing_product(inf1[:0], inf2[:0]))
    ps = np.concatenate([G1.generator(1), inf1])
    qs = np.concatenate([G2.generator(1), G2.generator(1)])
    assert pr.gt_to_ints(pr.pairing_product(ps, qs)) == pr.gt_to_ints(
        pr.pairing(G1.generator(1), G2.generator(1)))


def test_rejections():
    with pytest.raises(PointError, match="bad length"):
        pr.pairing_product(G1.generator(2), G2.generator(1))
    with pytest.raises(PointError, match="exactly one"):
        pr.pairing(G1.generator(2), G2.generator(2))
    bad = G1.generator(1).copy()
    bad[0, 1] = bad[0, 0]
    with pytest.raises(PointError, match="off curve"):
        pr.pairing(bad, G2.generator(1))
    with pytest.raises(PointError, match="bad length"):
        pr.gt_mul(np.zeros((2, 3, 2, 3), dtype=np.uint64), pr.gt_one())
