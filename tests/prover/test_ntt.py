"""NTT, cosets and LDE over Goldilocks against plain Python ints and galois (never against themselves)."""

from __future__ import annotations

import galois
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prover import ntt as N
from prover.errors import FieldError
from tests.gl_oracle import P, horner, rev

EDGES = [0, 1, P - 1, P - 2, 2**32, 2**63]


@pytest.fixture(scope="module")
def gf():
    return galois.GF(P)


def rand(n, seed=0, cols=None):
    rng = np.random.default_rng(seed)
    shape = n if cols is None else (n, cols)
    return rng.integers(0, P, size=shape, dtype=np.uint64)


def naive_dft(coeffs, w):
    n = len(coeffs)
    return [sum(int(coeffs[j]) * pow(w, i * j, P) for j in range(n)) % P for i in range(n)]


# ---------------------------------------------------------------------------------------------------
# Roots of unity.
# ---------------------------------------------------------------------------------------------------


def test_root_2_32_has_order_exactly_2_32():
    w = pow(7, (P - 1) // 2**32, P)
    assert int(N.root_of_unity(2**32)) == w
    assert pow(w, 2**32, P) == 1
    assert pow(w, 2**31, P) == P - 1  # so the order is not a proper divisor of 2^32


@pytest.mark.parametrize("k", [0, 1, 2, 5, 16, 31, 32])
def test_root_of_unity_is_primitive(k):
    w = N.root_of_unity(1 << k)
    assert isinstance(w, np.uint64)
    assert pow(int(w), 1 << k, P) == 1
    if k:
        assert pow(int(w), 1 << (k - 1), P) == P - 1


def test_roots_are_consistent_squares():
    for k in range(1, 33):
        assert pow(int(N.root_of_unity(1 << k)), 2, P) == int(N.root_of_unity(1 << (k - 1)))


def test_root_of_unity_rejects_bad_sizes():
    for n in (0, 3, 6, 2**33, -4):
        with pytest.raises(ValueError):
            N.root_of_unity(n)


def test_log2_size_limit_is_two_adicity():
    # The size check itself, so no 2^33-element array is needed to see the limit.
    assert N.log2_size(2**32) == 32
    with pytest.raises(ValueError, match="exceeds 2\\^32"):
        N.log2_size(2**33)


# ---------------------------------------------------------------------------------------------------
# Forward and inverse transforms.
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 4, 8, 16, 64])
def test_ntt_matches_naive_dft(n):
    a = rand(n, seed=n)
    w = int(N.root_of_unity(n))
    assert N.ntt(a).tolist() == naive_dft(a, w)
    edges = np.array([EDGES[i % len(EDGES)] for i in range(n)], dtype=np.uint64)
    assert N.ntt(edges).tolist() == naive_dft(edges, w)


@pytest.mark.parametrize("n", [1, 2, 8, 64])
def test_intt_matches_naive_inverse_dft(n):
    e = rand(n, seed=100 + n)
    w_inv = pow(int(N.root_of_unity(n)), P - 2, P)
    n_inv = pow(n, P - 2, P)
    assert N.intt(e).tolist() == [v * n_inv % P for v in naive_dft(e, w_inv)]


@pytest.mark.parametrize("k", [5, 7, 9, 12, 13])
def test_ntt_matches_galois(gf, k):
    # galois' own 2^k-th root is 7^((p-1)/2^k) as well (its primitive element is 7).
    a = rand(1 << k, seed=k)
    a[:3] = [0, 1, P - 1]
    expected = galois.ntt(gf(a.tolist()))
    assert N.ntt(a).tolist() == [int(v) for v in expected]
    back = galois.intt(expected)
    assert N.intt(N.ntt(a)).tolist() == [int(v) for v in back]


@pytest.mark.parametrize("k", [14, 15, 16, 17])
def test_large_ntt_spot_checks(k):
    # Past the kernels' cache block (2^12) and prange chunk (2^13): spot points against Horner.
    n = 1 << k
    a = rand(n, seed=k)
    y = N.ntt(a)
    w = int(N.root_of_unity(n))
    for i in (0, 1, n // 2 + 3, n - 1):
        assert int(y[i]) == horner(a, pow(w, i, P))
    e = N.intt(a)
    assert int(e[0]) == sum(int(v) for v in a) * pow(n, P - 2, P) % P
    assert np.array_equal(N.intt(y), a)


@settings(max_examples=25, deadline=None)
@given(k=st.integers(0, 12), seed=st.integers(0, 2**32 - 1))
def test_round_trip(k, seed):
    a = rand(1 << k, seed=seed)
    assert np.array_equal(N.intt(N.ntt(a)), a)
    assert np.array_equal(N.ntt(N.intt(a)), a)


def test_inputs_are_not_mutated():
    a = rand(64, seed=3)
    keep = a.copy()
    fns = (N.ntt, N.intt, lambda x: N.coset_ntt(x, 7), lambda x: N.coset_intt(x, 7), lambda x: N.lde(x, 4))
    for fn in fns:
        fn(a)
        assert np.array_equal(a, keep)


@pytest.mark.parametrize("fn", [N.ntt, N.intt, lambda x: N.coset_ntt(x, 5), lambda x: N.coset_intt(x, 5)])
@pytest.mark.parametrize("cols", [1, 3])
def test_two_d_transforms_columns(fn, cols):
    m = rand(32, seed=cols, cols=cols)
    out = fn(m)
    assert out.shape == m.shape
    for c in range(cols):
        assert np.array_equal(out[:, c], fn(np.ascontiguousarray(m[:, c])))
    strided = rand(32, seed=9, cols=2 * cols)[:, ::2]  # a non-contiguous view works too
    assert np.array_equal(fn(strided), fn(np.ascontiguousarray(strided)))


# ---------------------------------------------------------------------------------------------------
# Cosets and the low-degree extension.
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 4, 16, 64])
def test_coset_ntt_is_evaluation_on_the_coset(n):
    c = rand(n, seed=n)
    shift = 7
    w = int(N.root_of_unity(n))
    assert N.coset_ntt(c, shift).tolist() == [horner(c, shift * pow(w, i, P) % P) for i in range(n)]
    assert np.array_equal(N.coset_intt(N.coset_ntt(c, shift), shift), c)
    assert np.array_equal(N.coset_ntt(c, np.uint64(P - 1)), N.coset_ntt(c, P - 1))


# Every (n, blowup) at width 1 and 3, except 64 x 64 at width 3 (covered by width 1; keeps the Python
# oracle fast).
_LDE_CASES = [(n, b, c) for n in (8, 16, 64) for b in (2, 4, 8, 64) for c in (1, 3)
              if not (c == 3 and n == 64 and b == 64)]


@pytest.mark.parametrize("n, blowup, cols", _LDE_CASES)
def test_lde_is_evaluation_on_the_coset_in_bit_reversed_order(n, blowup, cols):
    evals = rand(n, seed=n * blowup + cols, cols=None if cols == 1 else cols)
    big_n = n * blowup
    bits = big_n.bit_length() - 1
    w_big = int(N.root_of_unity(big_n))
    shift = int(N.GENERATOR)
    out = N.lde(evals, blowup)
    natural = N.lde(evals, blowup, bit_reversed=False)
    dom = N.lde_domain(n, blowup)
    dom_nat = N.lde_domain(n, blowup, bit_reversed=False)
    assert out.shape == ((big_n,) if cols == 1 else (big_n, cols))
    for c in range(cols):
        col = evals if cols == 1 else evals[:, c]
        coeffs = interpolate_py(col)
        got = out if cols == 1 else out[:, c]
        got_nat = natural if cols == 1 else natural[:, c]
        for i in range(big_n):
            x = shift * pow(w_big, rev(i, bits), P) % P
            assert int(dom[i]) == x
            assert int(got[i]) == horner(coeffs, x)
            x_nat = shift * pow(w_big, i, P) % P
            assert int(dom_nat[i]) == x_nat
            assert int(got_nat[i]) == horner(coeffs, x_nat)


def interpolate_py(evals):
    n = len(evals)
    w_inv = pow(int(N.root_of_unity(n)), P - 2, P)
    n_inv = pow(n, P - 2, P)
    return [v * n_inv % P for v in naive_dft(evals, w_inv)]


def test_lde_other_shift_and_trivial_size():
    evals = rand(4, seed=1)
    coeffs = interpolate_py(evals)
    out = N.lde(evals, 2, shift=3)
    w8 = int(N.root_of_unity(8))
    assert out.tolist() == [horner(coeffs, 3 * pow(w8, rev(i, 3), P) % P) for i in range(8)]
    one = np.array([5], dtype=np.uint64)
    assert N.lde(one, 4).tolist() == [5, 5, 5, 5]


@pytest.mark.parametrize("n, blowup, cols", [(8, 4, 1), (16, 8, 3), (1, 2, 1), (1 << 13, 8, 2)])
def test_lde_from_coeffs_is_evaluation_on_the_coset(n, blowup, cols):
    coeffs = rand(n, seed=n + cols, cols=None if cols == 1 else cols)
    big_n = n * blowup
    bits = big_n.bit_length() - 1
    w_big = int(N.root_of_unity(big_n))
    out = N.lde_from_coeffs(coeffs, blowup)
    natural = N.lde_from_coeffs(coeffs, blowup, shift=3, bit_reversed=False)
    assert out.shape == coeffs.shape[:0] + ((big_n,) if cols == 1 else (big_n, cols))
    # Spot checks against Horner with Python ints (all points for small sizes).
    idx = range(big_n) if big_n <= 128 else (0, 1, 77, big_n // 2 + 3, big_n - 1)
    for c in range(cols):
        col = coeffs if cols == 1 else coeffs[:, c]
        got = out if cols == 1 else out[:, c]
        got_nat = natural if cols == 1 else natural[:, c]
        for i in idx:
            assert int(got[i]) == horner(col, int(N.GENERATOR) * pow(w_big, rev(i, bits), P) % P)
            assert int(got_nat[i]) == horner(col, 3 * pow(w_big, i, P) % P)


def test_lde_from_coeffs_rejects_bad_input():
    with pytest.raises(FieldError, match="uint64"):
        N.lde_from_coeffs(np.arange(8, dtype=np.int64), 2)
    with pytest.raises(ValueError, match="blowup"):
        N.lde_from_coeffs(np.zeros(8, dtype=np.uint64), 3)


@pytest.mark.parametrize("shape", [(1, 1), (5, 3), (64, 12), (1000, 7), (3, 1000), (12, 4099)])
def test_transpose_kernel_matches_numpy(shape):
    a = rand(shape[0], seed=shape[1], cols=shape[1])
    assert np.array_equal(N._transpose(a), a.T)


@pytest.mark.parametrize("k", [13, 16])
def test_large_lde_spot_checks(k):
    n = 1 << k
    evals = rand(n, seed=k)
    coeffs = N.intt(evals)  # checked against galois and Horner above
    out = N.lde(evals, 8)
    dom = N.lde_domain(n, 8)
    for i in (0, 1, 5, n + 7, 8 * n - 1):
        assert int(out[i]) == horner(coeffs, int(dom[i]))


def test_bit_reverse_permutation():
    a = np.arange(16, dtype=np.uint64)
    assert N.bit_reverse_permutation(a).tolist() == [rev(i, 4) for i in range(16)]
    for k in (12, 13, 17):  # the tiled path: one tile, an odd number of middle bits, many tiles
        big = rand(1 << k, seed=k)
        out = N.bit_reverse_permutation(big)
        expected = big[np.array([rev(i, k) for i in range(1 << k)])]
        assert np.array_equal(out, expected)
        assert np.array_equal(N.bit_reverse_permutation(out), big)
    m = np.arange(16).reshape(8, 2)
    assert N.bit_reverse_permutation(m)[:, 0].tolist() == [2 * rev(i, 3) for i in range(8)]
    with pytest.raises(ValueError):
        N.bit_reverse_permutation(np.zeros(6, dtype=np.uint64))


# ---------------------------------------------------------------------------------------------------
# Unhappy paths.
# ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fn", [N.ntt, N.intt, lambda x: N.coset_ntt(x, 7), lambda x: N.lde(x, 2)])
def test_rejects_bad_arrays(fn):
    with pytest.raises(FieldError, match="uint64"):
        fn(np.arange(8, dtype=np.int64))
    with pytest.raises(FieldError, match="uint64"):
        fn([1, 2, 3, 4])
    bad = np.zeros(8, dtype=np.uint64)
    bad[3] = P
    with pytest.raises(FieldError, match=">= p"):
        fn(bad)
    with pytest.raises(ValueError, match="power of two"):
        fn(np.zeros(6, dtype=np.uint64))
    with pytest.raises(ValueError, match="empty"):
        fn(np.zeros(0, dtype=np.uint64))
    with pytest.raises(ValueError, match="3-D"):
        fn(np.zeros((4, 2, 2), dtype=np.uint64))


@pytest.mark.parametrize("blowup", [1, 3, 128, 0, -2, 2.0])
def test_lde_rejects_bad_blowup(blowup):
    with pytest.raises(ValueError, match="blowup"):
        N.lde(np.zeros(8, dtype=np.uint64), blowup)


def test_rejects_bad_shift():
    a = np.zeros(8, dtype=np.uint64)
    with pytest.raises(ValueError, match="nonzero"):
        N.coset_ntt(a, 0)
    with pytest.raises(FieldError):
        N.coset_intt(a, P)
    with pytest.raises(FieldError):
        N.lde(a, 2, shift=-1)
    with pytest.raises(FieldError):
        N.lde_domain(8, 2, shift=1.5)


@pytest.mark.parametrize("m, n, blowup", [(1, 8, 2), (3, 16, 8), (14, 1 << 10, 8)])
def test_lde_columns_is_the_transpose_of_lde_from_coeffs(m, n, blowup):
    coeffs = rand(m, seed=m + n, cols=n)  # (m, n): one polynomial per row
    got = N.lde_columns(coeffs, blowup)
    assert got.shape == (m, n * blowup)
    ref = N.lde_from_coeffs(np.ascontiguousarray(coeffs.T), blowup)  # checked against Horner above
    assert np.array_equal(got, ref.T)


def test_lde_columns_rejects_bad_input():
    with pytest.raises(ValueError, match="2-D"):
        N.lde_columns(np.zeros(8, dtype=np.uint64), 2)
    with pytest.raises(FieldError):
        N.lde_columns(np.full((2, 8), P, dtype=np.uint64), 2)
    with pytest.raises(ValueError, match="power of two"):
        N.lde_columns(np.zeros((2, 6), dtype=np.uint64), 2)


@pytest.mark.parametrize("k", list(range(16)))
def test_coset_bitrev_network_is_evaluation_on_the_coset(k):
    # The LDE's per-coset transform, on every size through 2^15: n < 8, both parities of the stage count
    # (a first radix-2 stage or not), one thread (n <= 2^12) and the prange passes above.
    n = 1 << k
    c = rand(n, seed=100 + k)
    beta = (0x1234567 * (k + 3)) % P
    out = np.empty(n, dtype=np.uint64)
    N._coset_bitrev_into(c, N._beta_powers(beta, n), out)
    w = int(N.root_of_unity(n))
    coeffs = [int(v) for v in c]
    idx = range(n) if n <= 64 else (0, 1, 2, 3, 5, 8, 13, n // 2 - 1, n // 2, n // 2 + 7, n - 9, n - 1)
    for i in idx:
        assert int(out[i]) == horner(coeffs, beta * pow(w, rev(i, k), P) % P), i
    assert np.array_equal(c, rand(n, seed=100 + k))  # the input is left alone
