"""Pippenger MSM against a naive py_ecc sum on small inputs, over every window size path."""

from __future__ import annotations

import random

import numpy as np
import py_ecc.optimized_bn128 as ob
import pytest

from prover.errors import FieldError
from snark.bn254.curves import G1, G2
from snark.bn254.errors import PointError
from snark.bn254.fields import R
from snark.bn254.msm import msm, window_size

from .conftest import norm


def _naive(points, scalars, zero):
    acc = zero
    for p, k in zip(points, scalars, strict=True):
        acc = ob.add(acc, ob.multiply(p, k))
    return norm(acc)


@pytest.mark.parametrize("name", ["G1", "G2"])
def test_msm_matches_naive_sum(name, g1_points, g2_points):
    G, pts, zero = (G1, g1_points, ob.Z1) if name == "G1" else (G2, g2_points, ob.Z2)
    rng = random.Random(7)
    scalars = [rng.randrange(R) for _ in pts]
    scalars[1] = R - 1
    scalars[2] = 0
    A = G.from_ints([norm(p) for p in pts])
    expected = _naive(pts, scalars, zero)
    for method in ("affine", "jacobian"):
        for window in (None, 1, 2, 5, 8, 13):
            assert G.to_ints(msm(G, A, scalars, window=window, method=method)) == [expected], (method, window)


def test_msm_edge_cases():
    g = G1.generator(4)
    assert G1.to_ints(msm(G1, g, [0, 0, 0, 0])) == [None]
    assert G1.to_ints(msm(G1, g, [1, 0, 0, R - 1])) == [None]  # G + (r-1)G = O
    assert G1.to_ints(msm(G1, g[:0], [])) == [None]
    assert G1.to_ints(msm(G1, g[:1], [1])) == [norm(ob.G1)]
    # Same point repeated: bucket additions go through doubling.
    assert G1.to_ints(msm(G1, g, [3, 3, 3, 3])) == [norm(ob.multiply(ob.G1, 12))]
    # A scalar with every window digit at the signed boundary 2^(c-1).
    s = sum(1 << (4 * k + 3) for k in range(60))
    assert G1.to_ints(msm(G1, g[:1], [s], window=4)) == [norm(ob.multiply(ob.G1, s))]


@pytest.mark.parametrize("method", ["affine", "jacobian"])
def test_msm_colliding_buckets_and_cancellation(method):
    # Equal scalars send every point of a window to one bucket (the batch-affine overflow path); P and -P
    # in one bucket cancel; repeated points double inside a bucket.
    rng = random.Random(12)
    ks = [rng.randrange(1, 1000) for _ in range(40)]
    pts = ks + ks[:5] + [R - k for k in ks[5:10]]
    A = G1.from_ints([norm(ob.multiply(ob.G1, k)) for k in pts])
    for scalars in ([7] * len(pts), [rng.randrange(1, 4) for _ in pts], [R - 1] * len(pts)):
        total = sum(k * s for k, s in zip(pts, scalars, strict=True)) % R
        for window in (4, 8):  # batch of 1 (no overflow) and of 16 (overflow in use)
            got = G1.to_ints(msm(G1, A, scalars, window=window, method=method))
            assert got == [norm(ob.multiply(ob.G1, total))], window


def test_msm_larger_random_matches_py_ecc_sum_of_multiples():
    rng = random.Random(11)
    n = 200
    ks = [rng.randrange(1, 1000) for _ in range(n)]
    scalars = [rng.randrange(R) for _ in range(n)]
    A = G1.from_ints([norm(ob.multiply(ob.G1, k)) for k in ks])
    total = sum(k * s for k, s in zip(ks, scalars, strict=True)) % R
    assert G1.to_ints(msm(G1, A, np.array(
        [[s >> (64 * j) & (2**64 - 1) for j in range(4)] for s in scalars], dtype=np.uint64))) == [
        norm(ob.multiply(ob.G1, total))]


def test_msm_rejections():
    g = G1.generator(2)
    with pytest.raises(FieldError):
        msm(G1, g, [1, R])
    with pytest.raises(FieldError):
        msm(G1, g, [1])
    with pytest.raises(PointError, match="bad length"):
        msm(G1, G2.generator(2), [1, 2])
    with pytest.raises(PointError, match="window"):
        msm(G1, g, [1, 2], window=0)
    with pytest.raises(PointError, match="method"):
        msm(G1, g, [1, 2], method="naive")


def test_window_size_grows_with_n():
    sizes = [window_size(1 << k) for k in (4, 8, 12, 16, 20)]
    assert sizes == sorted(sizes) and sizes[0] < sizes[-1]
