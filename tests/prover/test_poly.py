"""Polynomial helpers against plain Python ints (Horner, schoolbook products, explicit quotients)."""

from __future__ import annotations

import numpy as np
import pytest

from prover import ntt as N
from prover import poly
from prover.errors import FieldError
from tests.gl_oracle import P, horner, rev
from tests.gl_oracle import horner_ext as horner_ext_py


def rand(shape, seed=0):
    return np.random.default_rng(seed).integers(0, P, size=shape, dtype=np.uint64)


def test_evaluate_scalar_and_array():
    c = rand(37, seed=1)
    for x in (0, 1, P - 1, 123456789):
        assert int(poly.evaluate(c, x)) == horner(c, x)
    assert isinstance(poly.evaluate(c, 5), np.uint64)
    xs = rand(5000, seed=2)  # more than one prange chunk
    out = poly.evaluate(c, xs)
    assert [int(out[i]) for i in range(0, 5000, 499)] == [horner(c, int(xs[i])) for i in range(0, 5000, 499)]
    assert int(poly.evaluate(np.zeros(0, dtype=np.uint64), 9)) == 0


def test_evaluate_ext_matches_python_extension_arithmetic():
    c = rand((20, 2), seed=3)
    z = rand(2, seed=4)
    expected = horner_ext_py([(int(a), int(b)) for a, b in c], (int(z[0]), int(z[1])))
    assert tuple(int(v) for v in poly.evaluate_ext(c, z)) == expected
    base = rand(20, seed=5)
    expected = horner_ext_py([(int(a), 0) for a in base], (int(z[0]), int(z[1])))
    assert tuple(int(v) for v in poly.evaluate_ext(base, z)) == expected
    with pytest.raises(ValueError, match="shape"):
        poly.evaluate_ext(c, rand(3, seed=1))
    with pytest.raises(ValueError, match="shape"):
        poly.evaluate_ext(rand((4, 3), seed=1), z)


def test_interpolate_gives_the_polynomial_through_the_points():
    e = rand(16, seed=6)
    c = poly.interpolate(e)
    w = int(N.root_of_unity(16))
    assert [horner(c, pow(w, i, P)) for i in range(16)] == [int(v) for v in e]


@pytest.mark.parametrize("bit_reversed", [False, True])
@pytest.mark.parametrize("cols", [None, 3])
@pytest.mark.parametrize("n,blowup", [(8, 2), (16, 4), (4, 64)])
def test_divide_by_vanishing(n, blowup, cols, bit_reversed):
    big_n = n * blowup
    shift = 7
    f = rand(big_n if cols is None else (big_n, cols), seed=n + blowup)
    q = poly.divide_by_vanishing(f, n, shift, blowup, bit_reversed=bit_reversed)
    assert q.shape == f.shape
    w = int(N.root_of_unity(big_n))
    bits = big_n.bit_length() - 1
    for i in range(big_n):
        x = shift * pow(w, rev(i, bits) if bit_reversed else i, P) % P
        z_inv = pow((pow(x, n, P) - 1) % P, P - 2, P)
        row_f = [f[i]] if cols is None else list(f[i])
        row_q = [q[i]] if cols is None else list(q[i])
        assert [int(v) for v in row_q] == [int(v) * z_inv % P for v in row_f]


def test_divide_by_vanishing_recovers_a_quotient():
    # f = q * Z with deg q < n: the division returns q's LDE, whose interpolant has degree < n.
    n, blowup = 8, 4
    q = rand(n, seed=9)
    f_coeffs = poly.mul(q, np.array([P - 1] + [0] * (n - 1) + [1], dtype=np.uint64))
    padded = np.zeros(n * blowup, dtype=np.uint64)
    padded[:f_coeffs.shape[0]] = f_coeffs
    f_evals = N.coset_ntt(padded, 7)
    got = N.coset_intt(poly.divide_by_vanishing(f_evals, n, 7, blowup), 7)
    assert got[:n].tolist() == q.tolist() and not got[n:].any()


def test_divide_by_vanishing_rejects_bad_input():
    f = rand(32, seed=1)
    with pytest.raises(ValueError, match="rows"):
        poly.divide_by_vanishing(f, 8, 7, 2)
    with pytest.raises(ValueError, match="vanishes"):
        poly.divide_by_vanishing(f, 8, 1, 4)  # shift 1: the coset is <w_32>, which contains <w_8>
    with pytest.raises(ValueError, match="blowup"):
        poly.divide_by_vanishing(rand(24, seed=1), 8, 7, 3)


def test_mul_add_degree():
    a = rand(13, seed=10)
    b = rand(6, seed=11)
    expected = [0] * 18
    for i, x in enumerate(a.tolist()):
        for j, y in enumerate(b.tolist()):
            expected[i + j] = (expected[i + j] + x * y) % P
    assert poly.mul(a, b).tolist() == expected
    s = poly.add(a, b)
    assert s.tolist() == [(int(x) + (int(b[i]) if i < 6 else 0)) % P for i, x in enumerate(a)]
    assert poly.add(b, a).tolist() == s.tolist()
    assert poly.mul(a, np.zeros(0, dtype=np.uint64)).shape == (0,)
    assert poly.degree(np.array([1, 0, 5, 0, 0], dtype=np.uint64)) == 2
    assert poly.degree(np.zeros(3, dtype=np.uint64)) == -1


def test_rejects_non_field_arrays():
    with pytest.raises(FieldError):
        poly.evaluate(np.arange(3), 1)
    with pytest.raises(FieldError):
        poly.evaluate(np.array([P], dtype=np.uint64), 1)
    with pytest.raises(FieldError):
        poly.evaluate(np.ones(3, dtype=np.uint64), P)
    with pytest.raises(ValueError):
        poly.evaluate(np.ones((2, 2), dtype=np.uint64), 1)
