"""Goldilocks and its quadratic extension against plain Python integers (the oracle) and galois."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prover.errors import FieldError
from prover.field import extension as ext2
from prover.field import goldilocks as gl

p = gl.MODULUS
EDGES = [0, 1, 2, p - 1, p - 2, 2**32 - 1, 2**32, 2**32 + 1, 2**63, p - 2**32, (p - 1) // 2]
elem = st.one_of(st.sampled_from(EDGES), st.integers(0, p - 1))
vec = st.lists(elem, min_size=1, max_size=40)


def arr(xs):
    return np.array(xs, dtype=np.uint64)


@settings(max_examples=60, deadline=None)
@given(vec, vec)
def test_binary_ops_match_python_ints(xs, ys):
    n = min(len(xs), len(ys))
    a, b = arr(xs[:n]), arr(ys[:n])
    assert gl.to_ints(gl.add(a, b)) == [(x + y) % p for x, y in zip(xs[:n], ys[:n], strict=True)]
    assert gl.to_ints(gl.sub(a, b)) == [(x - y) % p for x, y in zip(xs[:n], ys[:n], strict=True)]
    assert gl.to_ints(gl.mul(a, b)) == [(x * y) % p for x, y in zip(xs[:n], ys[:n], strict=True)]


@settings(max_examples=60, deadline=None)
@given(vec)
def test_unary_ops_match_python_ints(xs):
    a = arr(xs)
    assert gl.to_ints(gl.neg(a)) == [(-x) % p for x in xs]
    assert gl.to_ints(gl.square(a)) == [x * x % p for x in xs]


@settings(max_examples=40, deadline=None)
@given(vec, st.integers(0, 2**64 - 1))
def test_pow_matches_python(xs, e):
    assert gl.to_ints(gl.pow(arr(xs), e)) == [pow(x, e, p) for x in xs]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, p - 1), min_size=1, max_size=50))
def test_batch_inverse_matches_fermat(xs):
    assert gl.to_ints(gl.batch_inv(arr(xs))) == [pow(x, p - 2, p) for x in xs]


def test_all_edge_pairs_multiply_correctly():
    a = arr([x for x in EDGES for _ in EDGES])
    b = arr([y for _ in EDGES for y in EDGES])
    expect = [x * y % p for x in EDGES for y in EDGES]
    assert gl.to_ints(gl.mul(a, b)) == expect
    assert gl.to_ints(gl.add(a, b)) == [x + y - p if x + y >= p else x + y for x in EDGES for y in EDGES]


def test_broadcasting_and_shapes():
    a = gl.random((3, 4), rng=1)
    s = 5
    got = gl.mul(a, s)
    assert got.shape == (3, 4)
    assert gl.to_ints(got) == [x * 5 % p for x in gl.to_ints(a)]
    row = gl.random(4, rng=2)
    assert gl.add(a, row).shape == (3, 4)


def test_inputs_not_mutated():
    a = gl.random(16, rng=3)
    before = a.copy()
    gl.mul(a, a)
    gl.batch_inv(a + (a == 0).astype(np.uint64))
    assert np.array_equal(a, before)


def test_against_galois_large_prime_field():
    galois = pytest.importorskip("galois")
    GF = galois.GF(p)
    a = gl.random(64, rng=4)
    b = gl.random(64, rng=5)
    ga, gb = GF([int(x) for x in a]), GF([int(x) for x in b])
    assert gl.to_ints(gl.mul(a, b)) == [int(x) for x in ga * gb]
    assert gl.to_ints(gl.batch_inv(a)) == [int(x) for x in ga**-1]


def test_random_is_canonical_and_varied():
    a = gl.random(10_000, rng=7)
    assert int(a.max()) < p
    assert len(np.unique(a)) == 10_000
    # The top bit is set for about half of uniform values in [0, p).
    assert 4_500 < int(np.count_nonzero(a >> np.uint64(63))) < 5_500


def test_from_ints_reduces_any_integer():
    assert gl.to_ints(gl.from_ints([p, p + 1, -1, 2**200])) == [0, 1, p - 1, 2**200 % p]


def test_powers():
    assert gl.to_ints(gl.powers(3, 6)) == [pow(3, i, p) for i in range(6)]


# --- unhappy paths -------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [np.array([1, 2], dtype=np.int64), np.array([1.0]), [1, 2]])
def test_rejects_non_uint64(bad):
    with pytest.raises(FieldError, match="uint64|numpy"):
        gl.add(bad, np.array([1, 2], dtype=np.uint64))


@pytest.mark.parametrize("value", [p, p + 1, 2**64 - 1])
def test_rejects_values_at_or_above_modulus(value):
    with pytest.raises(FieldError, match=">= p"):
        gl.mul(arr([1, value]), arr([1, 1]))


def test_rejects_non_canonical_scalar():
    with pytest.raises(FieldError, match="canonical"):
        gl.add(arr([1]), p)


def test_batch_inverse_of_zero_names_index():
    with pytest.raises(ZeroDivisionError, match="index 2"):
        gl.batch_inv(arr([1, 2, 0, 4]))


def test_bad_exponent():
    with pytest.raises(FieldError):
        gl.pow(arr([2]), -1)
    with pytest.raises(FieldError):
        gl.pow(arr([2]), 2**64)


def test_shape_mismatch():
    with pytest.raises(ValueError, match="broadcast"):
        gl.add(gl.random(3, rng=1), gl.random(4, rng=1))


# --- quadratic extension F_p[x]/(x^2 - 7) ----------------------------------------------------------


def ext_mul_ref(a, b):
    return ((a[0] * b[0] + 7 * a[1] * b[1]) % p, (a[0] * b[1] + a[1] * b[0]) % p)


def ext_pow_ref(a, e):
    r = (1, 0)
    while e:
        if e & 1:
            r = ext_mul_ref(r, a)
        a = ext_mul_ref(a, a)
        e >>= 1
    return r


ext_elem = st.tuples(elem, elem)


def test_seven_is_a_non_residue():
    # Euler's criterion: x^2 - 7 is irreducible iff 7^((p-1)/2) = -1.
    assert pow(7, (p - 1) // 2, p) == p - 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(ext_elem, ext_elem), min_size=1, max_size=20))
def test_extension_ops_match_reference(pairs):
    a = ext2.from_ints([x for x, _ in pairs])
    b = ext2.from_ints([y for _, y in pairs])
    prod = ext2.mul(a, b)
    for i, (x, y) in enumerate(pairs):
        assert tuple(int(v) for v in prod[i]) == ext_mul_ref(x, y)
    s = ext2.add(a, b)
    d = ext2.sub(a, b)
    sq = ext2.square(a)
    for i, (x, y) in enumerate(pairs):
        assert tuple(int(v) for v in s[i]) == ((x[0] + y[0]) % p, (x[1] + y[1]) % p)
        assert tuple(int(v) for v in d[i]) == ((x[0] - y[0]) % p, (x[1] - y[1]) % p)
        assert tuple(int(v) for v in sq[i]) == ext_mul_ref(x, x)


@settings(max_examples=40, deadline=None)
@given(st.lists(ext_elem.filter(lambda t: t != (0, 0)), min_size=1, max_size=20))
def test_extension_inverse(xs):
    a = ext2.from_ints(xs)
    inv = ext2.batch_inv(a)
    for i, x in enumerate(xs):
        assert ext_mul_ref(x, tuple(int(v) for v in inv[i])) == (1, 0)


@settings(max_examples=20, deadline=None)
@given(ext_elem, ext_elem, ext_elem)
def test_extension_field_laws(x, y, z):
    a, b, c = (ext2.from_ints([t]) for t in (x, y, z))
    assert np.array_equal(ext2.mul(a, ext2.add(b, c)), ext2.add(ext2.mul(a, b), ext2.mul(a, c)))
    assert np.array_equal(ext2.mul(ext2.mul(a, b), c), ext2.mul(a, ext2.mul(b, c)))
    assert np.array_equal(ext2.mul(a, b), ext2.mul(b, a))


@settings(max_examples=20, deadline=None)
@given(ext_elem, st.integers(0, 2**64 - 1))
def test_extension_pow(x, e):
    got = ext2.pow(ext2.from_ints([x]), e)
    assert tuple(int(v) for v in got[0]) == ext_pow_ref(x, e)


def test_extension_frobenius_order():
    # Every nonzero element of F_{p^2} satisfies a^(p^2 - 1) = 1; check through two 64-bit powers.
    a = ext2.random(8, rng=11)
    b = ext2.pow(ext2.pow(a, p - 1), p + 1)
    assert np.array_equal(b, ext2.from_ints([(1, 0)] * 8))


def test_mul_base_and_embedding():
    a = ext2.random(5, rng=1)
    b = gl.random(5, rng=2)
    assert np.array_equal(ext2.mul_base(a, b), ext2.mul(a, ext2.from_base(b)))


def test_extension_rejects_bad_shapes_and_values():
    with pytest.raises(FieldError, match="length 2"):
        ext2.mul(gl.random((3, 3), rng=1), gl.random((3, 3), rng=1))
    with pytest.raises(FieldError, match=">= p"):
        ext2.add(arr([[p, 0]]), arr([[0, 0]]))
    with pytest.raises(ZeroDivisionError):
        ext2.batch_inv(arr([[1, 2], [0, 0]]))
    with pytest.raises(ValueError):
        ext2.mul_base(ext2.random(3, rng=1), gl.random(4, rng=1))


# Both products the kernels can inline (the split one on AVX-512 hosts, the i128 one elsewhere) are checked
# on every machine, whichever this one selected. Plain loops with njit(cache=False): a test-only kernel.
def _product_kernel(mul):
    from numba import njit

    @njit(cache=False)
    def run(a, b, out):
        for i in range(a.shape[0]):
            out[i] = mul(a[i], b[i])

    return run


@pytest.mark.parametrize("name", ["gl_mul_split", "gl_mul_wide"])
def test_both_products_match_python_ints(name):
    from prover.field import goldilocks_kernels as gk

    rng = np.random.default_rng(7)
    xs = [int(v) for v in rng.integers(0, p, size=3000, dtype=np.uint64)] + EDGES * len(EDGES)
    ys = [int(v) for v in rng.integers(0, p, size=3000, dtype=np.uint64)]
    ys += [e for e in EDGES for _ in EDGES]
    out = np.empty(len(xs), dtype=np.uint64)
    _product_kernel(getattr(gk, name))(arr(xs), arr(ys), out)
    assert [int(v) for v in out] == [x * y % p for x, y in zip(xs, ys, strict=True)]


@pytest.mark.parametrize("name", ["_mul_wide_split", "_mul_wide"])
def test_both_wide_products_match_python_ints(name):
    # The unreduced (hi, lo) forms behind gl_mul and goldilocks_kernels.mul_wide, on any 64-bit inputs.
    from numba import njit

    from prover.field import goldilocks_kernels as gk

    mul = getattr(gk, name)

    @njit(cache=False)
    def run(a, b, hi, lo):
        for i in range(a.shape[0]):
            hi[i], lo[i] = mul(a[i], b[i])

    rng = np.random.default_rng(11)
    edges = [0, 1, 2**32 - 1, 2**32, p - 1, p, 2**63, 2**64 - 1]
    xs = [int(v) for v in rng.integers(0, 2**64, size=2000, dtype=np.uint64)]
    ys = [int(v) for v in rng.integers(0, 2**64, size=2000, dtype=np.uint64)]
    xs += [e for e in edges for _ in edges]
    ys += edges * len(edges)
    hi = np.empty(len(xs), dtype=np.uint64)
    lo = np.empty(len(xs), dtype=np.uint64)
    run(np.array(xs, dtype=np.uint64), np.array(ys, dtype=np.uint64), hi, lo)
    assert [(int(h) << 64) | int(v) for h, v in zip(hi, lo, strict=True)] == [
        x * y for x, y in zip(xs, ys, strict=True)]


def test_reduce128_matches_python_ints_on_any_high_word():
    from numba import njit

    from prover.field import goldilocks_kernels as gk

    @njit(cache=False)
    def run(hi, lo, out):
        for i in range(hi.shape[0]):
            out[i] = gk.gl_reduce128(hi[i], lo[i])

    rng = np.random.default_rng(3)
    his = [0, 1, 2**32 - 1, 2**32, 2**64 - 1, p - 1, p, 2**63]
    his += [int(v) for v in rng.integers(0, 2**64, 200, dtype=np.uint64)]
    los = [0, 1, 2**64 - 1, p, p - 1, 2**32, 2**63, 5]
    los += [int(v) for v in rng.integers(0, 2**64, 200, dtype=np.uint64)]
    hi = np.array([h for h in his for _ in los], dtype=np.uint64)
    lo = np.array([x for _ in his for x in los], dtype=np.uint64)
    out = np.empty_like(hi)
    run(hi, lo, out)
    assert [int(v) for v in out] == [((int(h) << 64) + int(x)) % p for h, x in zip(hi, lo, strict=True)]
