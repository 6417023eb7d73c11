"""Fr NTT against a naive O(n^2) evaluation with Python ints (and galois's roots of unity)."""

from __future__ import annotations

import random

import numpy as np
import pytest

from prover.errors import FieldError
from snark.bn254.fields import Fr, R
from snark.bn254.ntt import coset_intt, coset_ntt, intt, ntt, root_of_unity

# arkworks / EIP constant: the 2^28-th root of unity 5^((r-1)/2^28).
ROOT_2_28 = 19103219067921713944291392827692070036145651957329286315305642004821462161904


def _naive_eval(coeffs, points):
    return [sum(c * pow(x, j, R) for j, c in enumerate(coeffs)) % R for x in points]


def test_root_of_unity_constant():
    assert root_of_unity(1 << 28) == ROOT_2_28
    w = root_of_unity(1 << 28)
    assert pow(w, 1 << 28, R) == 1 and pow(w, 1 << 27, R) == R - 1


@pytest.mark.parametrize("log_n", [0, 1, 2, 3, 5, 8])
def test_ntt_matches_naive_evaluation(log_n):
    n = 1 << log_n
    rng = random.Random(log_n)
    coeffs = [rng.randrange(R) for _ in range(n)]
    if n > 2:
        coeffs[0], coeffs[-1] = R - 1, 0
    w = pow(5, (R - 1) // n, R)
    a = Fr.from_ints(coeffs)
    evals = ntt(a)
    assert Fr.to_ints(evals) == _naive_eval(coeffs, [pow(w, i, R) for i in range(n)])
    assert Fr.to_ints(intt(evals)) == coeffs
    g = 7
    cev = coset_ntt(a, shift=g)
    assert Fr.to_ints(cev) == _naive_eval(coeffs, [g * pow(w, i, R) % R for i in range(n)])
    assert Fr.to_ints(coset_intt(cev, shift=g)) == coeffs
    assert Fr.to_ints(coset_intt(coset_ntt(a))) == coeffs  # default shift 5
    assert Fr.to_ints(a) == coeffs  # input untouched


def test_root_matches_galois_field():
    galois = pytest.importorskip("galois")
    GF = galois.GF(R, primitive_element=5, verify=False)
    n = 1 << 6
    assert int(GF.primitive_root_of_unity(n)) in {pow(root_of_unity(n), k, R) for k in range(1, n, 2)}


def test_ntt_rejections():
    with pytest.raises(FieldError, match="power of two"):
        ntt(Fr.zeros(3))
    with pytest.raises(FieldError, match="power of two"):
        intt(Fr.zeros(0))
    with pytest.raises(FieldError, match="shift"):
        coset_ntt(Fr.zeros(4), shift=0)
    with pytest.raises(FieldError, match="shift"):
        coset_ntt(Fr.zeros(4), shift=R)
    bad = np.full((4, 4), 2**64 - 1, dtype=np.uint64)
    with pytest.raises(FieldError, match="not canonical"):
        ntt(bad)


def _horner(coeffs, x):
    acc = 0
    for c in reversed(coeffs):
        acc = (acc * x + c) % R
    return acc


@pytest.mark.parametrize("log_n", [13, 14, 15])
def test_ntt_beyond_one_cache_block(log_n):
    # Sizes past the 2^12-row in-cache block: 2^13 ends with a radix-2 pass over the whole array, 2^14
    # with a radix-4 pass, 2^15 with both. Checked at sampled points (Horner with Python ints), including
    # the first and last index, and by the round trips.
    n = 1 << log_n
    rng = random.Random(100 + log_n)
    coeffs = [rng.randrange(R) for _ in range(n)]
    coeffs[1], coeffs[-2] = R - 1, 0
    a = Fr.from_ints(coeffs)
    w = root_of_unity(n)
    idx = [0, 1, n // 2, n // 4 + 3, n - 1] + [rng.randrange(n) for _ in range(3)]
    evals = Fr.to_ints(ntt(a))
    assert [evals[i] for i in idx] == [_horner(coeffs, pow(w, i, R)) for i in idx]
    g = 7
    cev = coset_ntt(a, shift=g)
    cev_ints = Fr.to_ints(cev)
    assert [cev_ints[i] for i in idx] == [_horner(coeffs, g * pow(w, i, R) % R) for i in idx]
    assert Fr.to_ints(intt(Fr.from_ints(evals))) == coeffs
    assert Fr.to_ints(coset_intt(cev, shift=g)) == coeffs
