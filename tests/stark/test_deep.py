"""The prover's DEEP composition word against its definition, evaluated point by point with Python ints."""

from __future__ import annotations

import numpy as np
import pytest

from prover.field.goldilocks import MODULUS as P
from stark import prover as stark_prover

GENERATOR = 7  # the LDE coset shift (stark.composition.GENERATOR), restated as the oracle's own constant


def e_add(a, b):
    return ((a[0] + b[0]) % P, (a[1] + b[1]) % P)


def e_sub(a, b):
    return ((a[0] - b[0]) % P, (a[1] - b[1]) % P)


def e_mul(a, b):
    # F_p[u]/(u^2 - 7)
    return ((a[0] * b[0] + 7 * a[1] * b[1]) % P, (a[0] * b[1] + a[1] * b[0]) % P)


def e_inv(a):
    norm = (a[0] * a[0] - 7 * a[1] * a[1]) % P
    t = pow(norm, P - 2, P)
    return (a[0] * t % P, (P - a[1]) * t % P)


def horner(coeffs, x):
    acc = (0, 0)
    for c in reversed(coeffs):
        acc = e_add(e_mul(acc, x), (int(c), 0))
    return acc


def bitrev(i, bits):
    return int(format(i, f"0{bits}b")[::-1], 2) if bits else 0


def root_of_unity(n):
    # 7 generates F_p^*, so 7^((p-1)/n) has order n.
    return pow(7, (P - 1) // n, P)


@pytest.mark.parametrize("n, w, k, blowup", [(8, 1, 1, 2), (16, 3, 2, 4), (32, 2, 3, 8)])
def test_deep_word_is_the_deep_polynomial_on_the_lde_domain(n, w, k, blowup):
    rng = np.random.default_rng(n + w + k)

    def rand(*shape):
        return rng.integers(0, P, size=shape, dtype=np.uint64)

    trace_coeffs, chunk_coeffs = rand(n, w), rand(n, 2 * k)
    gamma, gamma_next, delta = rand(w, 2), rand(w, 2), rand(k, 2)
    z = tuple(int(v) for v in rand(2))
    zw = e_mul(z, (root_of_unity(n), 0))

    out = stark_prover._deep_lde(trace_coeffs, chunk_coeffs, gamma, gamma_next, delta, z, zw, blowup)
    big_n = n * blowup
    assert out.shape == (big_n, 2) and out.dtype == np.uint64

    def numerators(x):
        a1, a2 = (0, 0), (0, 0)
        for j in range(w):
            t = horner(trace_coeffs[:, j], x)
            a1 = e_add(a1, e_mul(tuple(int(v) for v in gamma[j]), t))
            a2 = e_add(a2, e_mul(tuple(int(v) for v in gamma_next[j]), t))
        for c in range(k):
            h = e_add(horner(chunk_coeffs[:, 2 * c], x), e_mul((0, 1), horner(chunk_coeffs[:, 2 * c + 1], x)))
            a1 = e_add(a1, e_mul(tuple(int(v) for v in delta[c]), h))
        return a1, a2

    k1 = numerators(z)[0]
    k2 = numerators(zw)[1]
    omega = root_of_unity(big_n)
    bits = big_n.bit_length() - 1
    for i in range(big_n):
        x = (GENERATOR * pow(omega, bitrev(i, bits), P) % P, 0)
        a1, a2 = numerators(x)
        expected = e_add(e_mul(e_sub(a1, k1), e_inv(e_sub(x, z))), e_mul(e_sub(a2, k2), e_inv(e_sub(x, zw))))
        assert (int(out[i, 0]), int(out[i, 1])) == expected, i
