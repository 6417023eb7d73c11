"""Fq and Fr limb arithmetic against plain Python integers (the oracle), plus every rejection path."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prover.errors import FieldError
from snark.bn254.fields import Fq, Fr, P, R

FIELDS = [Fq, Fr]
MODULI = {"Fq": P, "Fr": R}


def test_moduli_are_the_eip196_constants():
    u = 4965661367192848881
    assert P == 36 * u**4 + 36 * u**3 + 24 * u**2 + 6 * u + 1
    assert R == 36 * u**4 + 36 * u**3 + 18 * u**2 + 6 * u + 1
    assert P == 0x30644E72E131A029B85045B68181585D97816A916871CA8D3C208C16D87CFD47


def _samples(m, n=300, seed=0):
    rng = random.Random(seed)
    edge = [0, 1, 2, m - 1, m - 2, (m - 1) // 2, 1 << 64, (1 << 192) + 5, m >> 1]
    return edge + [rng.randrange(m) for _ in range(n)]


@pytest.mark.parametrize("F", FIELDS, ids=lambda f: f.name)
def test_binary_ops_match_python_ints(F):
    m = F.MODULUS
    xs = _samples(m)
    ys = list(reversed(_samples(m, seed=1)))
    a, b = F.from_ints(xs), F.from_ints(ys)
    assert F.to_ints(a) == xs
    assert F.to_ints(F.add(a, b)) == [(x + y) % m for x, y in zip(xs, ys, strict=True)]
    assert F.to_ints(F.sub(a, b)) == [(x - y) % m for x, y in zip(xs, ys, strict=True)]
    assert F.to_ints(F.mul(a, b)) == [x * y % m for x, y in zip(xs, ys, strict=True)]
    assert F.to_ints(F.square(a)) == [x * x % m for x in xs]
    assert F.to_ints(F.neg(a)) == [(-x) % m for x in xs]


@pytest.mark.parametrize("F", FIELDS, ids=lambda f: f.name)
def test_inverse_batch_inverse_and_pow(F):
    m = F.MODULUS
    xs = [x for x in _samples(m, 100) if x % m]
    a = F.from_ints(xs)
    assert F.to_ints(F.batch_inv(a)) == [pow(x, -1, m) for x in xs]
    assert F.to_ints(F.inv(a[:1])) == [pow(xs[0], -1, m)]
    for e in (0, 1, 2, m - 1, m - 2, (1 << 256) - 1, 0xDEADBEEF):
        assert F.to_ints(F.pow(a, e)) == [pow(x, e, m) for x in xs]
    es = [random.Random(3).randrange(1 << 256) for _ in xs]
    assert F.to_ints(F.pow(a, es)) == [pow(x, e, m) for x, e in zip(xs, es, strict=True)]
    assert F.to_ints(F.pow(F.zeros(1), 0)) == [1]


@pytest.mark.parametrize("F", FIELDS, ids=lambda f: f.name)
def test_bytes_roundtrip_both_orders_and_montgomery(F):
    m = F.MODULUS
    xs = _samples(m, 20)
    a = F.from_ints(xs)
    big = F.to_bytes(a)
    assert big == b"".join(x.to_bytes(32, "big") for x in xs)
    little = F.to_bytes(a, byteorder="little")
    assert little == b"".join(x.to_bytes(32, "little") for x in xs)
    mont = F.to_bytes(a, byteorder="little", montgomery=True)
    assert mont == b"".join((x * (1 << 256) % m).to_bytes(32, "little") for x in xs)
    for data, kw in ((big, {}), (little, {"byteorder": "little"}),
                     (mont, {"byteorder": "little", "montgomery": True})):
        assert F.to_ints(F.from_bytes(data, **kw)) == xs


@settings(max_examples=40, deadline=None)
@given(st.integers(0, P - 1), st.integers(0, P - 1), st.integers(0, P - 1))
def test_field_axioms_fq(x, y, z):
    a, b, c = (Fq.from_ints([v]) for v in (x, y, z))
    assert Fq.to_ints(Fq.mul(a, Fq.add(b, c))) == [x * (y + z) % P]
    assert Fq.to_ints(Fq.sub(Fq.add(a, b), b)) == [x]


@pytest.mark.parametrize("F", FIELDS, ids=lambda f: f.name)
def test_rejections(F):
    m = F.MODULUS
    with pytest.raises(FieldError, match="out of range"):
        F.from_ints([m])
    with pytest.raises(FieldError, match="out of range"):
        F.from_ints([-1])
    with pytest.raises(FieldError, match="dtype"):
        F.add(np.zeros((2, 4), dtype=np.int64), F.zeros(2))
    with pytest.raises(FieldError, match="shape"):
        F.mul(np.zeros((2, 3), dtype=np.uint64), np.zeros((2, 3), dtype=np.uint64))
    with pytest.raises(FieldError, match="shapes differ"):
        F.add(F.zeros(2), F.zeros(3))
    with pytest.raises(FieldError, match="numpy"):
        F.neg([[0, 0, 0, 0]])
    raw = np.array([list(np.frombuffer(m.to_bytes(32, "little"), dtype="<u8"))], dtype=np.uint64)
    with pytest.raises(FieldError, match="not canonical"):
        F.square(raw)
    with pytest.raises(FieldError, match="zero"):
        F.batch_inv(F.from_ints([3, 0]))
    with pytest.raises(FieldError, match="32 bytes"):
        F.from_bytes(b"\x00" * 31)
    with pytest.raises(FieldError, match=">= the modulus"):
        F.from_bytes(m.to_bytes(32, "big"))
    with pytest.raises(FieldError, match="byteorder"):
        F.from_bytes(b"\x00" * 32, byteorder="middle")
    with pytest.raises(FieldError, match="exponents"):
        F.pow(F.ones(1), -1)
    with pytest.raises(FieldError, match="exponents for"):
        F.pow(F.ones(2), [1])


def test_reduce_ints_documents_reduction():
    assert Fr.to_ints(Fr.reduce_ints([R, R + 5, -1])) == [0, 5, R - 1]


def test_inputs_not_mutated():
    a = Fq.from_ints([5, 6])
    before = a.copy()
    Fq.mul(a, a)
    Fq.batch_inv(a)
    assert np.array_equal(a, before)


# Fq2 multiplication reduces lazily (two Montgomery reductions for three products); its bounds are worst
# at coordinates near p, so the edges are paired with each other as well as with random values.
def _fq2_mul_kernel():
    from numba import njit

    from snark.bn254 import tower_kernels as tk

    @njit(cache=False)
    def run(a, b, out):
        for i in range(a.shape[0]):
            x = ((a[i, 0, 0], a[i, 0, 1], a[i, 0, 2], a[i, 0, 3]),
                 (a[i, 1, 0], a[i, 1, 1], a[i, 1, 2], a[i, 1, 3]))
            y = ((b[i, 0, 0], b[i, 0, 1], b[i, 0, 2], b[i, 0, 3]),
                 (b[i, 1, 0], b[i, 1, 1], b[i, 1, 2], b[i, 1, 3]))
            z = tk.fq2_mul(x, y)
            for c in range(2):
                for k in range(4):
                    out[i, c, k] = z[c][k]

    return run


def test_fq2_mul_matches_py_ecc_including_edge_coordinates():
    import py_ecc.optimized_bn128 as ob

    # The kernel sees Montgomery representatives x 2^256 mod p, so the edges are taken there too: the
    # integers whose representatives are 0, 1, p - 1, p - 2, ...
    r_inv = pow(1 << 256, -1, P)
    mont_edge = [v * r_inv % P for v in (1, 2, P - 1, P - 2, (P - 1) // 2, P >> 1)]
    edge = [0, 1, P - 1, P - 2, (1 << 254) % P] + mont_edge
    rng = random.Random(11)
    pairs = [((x0, x1), (y0, y1)) for x0 in edge for x1 in edge for y0 in edge[::2] for y1 in edge[1::2]]
    rand = [rng.randrange(P) for _ in range(1600)]
    pairs += [((rand[4 * i], rand[4 * i + 1]), (rand[4 * i + 2], rand[4 * i + 3])) for i in range(400)]

    def enc(vals):
        return np.stack([np.stack([Fq.from_ints([v[0]])[0], Fq.from_ints([v[1]])[0]]) for v in vals])

    a, b = enc([p[0] for p in pairs]), enc([p[1] for p in pairs])
    out = np.empty_like(a)
    _fq2_mul_kernel()(a, b, out)
    got = [(Fq.to_ints(out[i, 0:1])[0], Fq.to_ints(out[i, 1:2])[0]) for i in range(len(pairs))]
    want = [tuple(int(c) for c in (ob.FQ2(list(x)) * ob.FQ2(list(y))).coeffs) for x, y in pairs]
    assert got == want
