"""The prover's DEEP composition word against its definition, evaluated point by point with Python ints."""

from __future__ import annotations

import numpy as np
import pytest

from stark import prover as stark_prover
from tests.gl_oracle import P, ext_add, ext_inv, ext_mul, ext_sub, horner_ext, rev

GENERATOR = 7  # the LDE coset shift (stark.composition.GENERATOR), restated as the oracle's own constant


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
    zw = ext_mul(z, (root_of_unity(n), 0))

    out = stark_prover._deep_lde(trace_coeffs, chunk_coeffs, gamma, gamma_next, delta, z, zw, blowup)
    big_n = n * blowup
    assert out.shape == (big_n, 2) and out.dtype == np.uint64

    def horner_at(coeffs, x):
        # A base-field polynomial at an extension point.
        return horner_ext([(int(c), 0) for c in coeffs], x)

    def numerators(x):
        a1, a2 = (0, 0), (0, 0)
        for j in range(w):
            t = horner_at(trace_coeffs[:, j], x)
            a1 = ext_add(a1, ext_mul(tuple(int(v) for v in gamma[j]), t))
            a2 = ext_add(a2, ext_mul(tuple(int(v) for v in gamma_next[j]), t))
        for c in range(k):
            h = ext_add(horner_at(chunk_coeffs[:, 2 * c], x),
                        ext_mul((0, 1), horner_at(chunk_coeffs[:, 2 * c + 1], x)))
            a1 = ext_add(a1, ext_mul(tuple(int(v) for v in delta[c]), h))
        return a1, a2

    k1 = numerators(z)[0]
    k2 = numerators(zw)[1]
    omega = root_of_unity(big_n)
    bits = big_n.bit_length() - 1
    for i in range(big_n):
        x = (GENERATOR * pow(omega, rev(i, bits), P) % P, 0)
        a1, a2 = numerators(x)
        expected = ext_add(ext_mul(ext_sub(a1, k1), ext_inv(ext_sub(x, z))),
                           ext_mul(ext_sub(a2, k2), ext_inv(ext_sub(x, zw))))
        assert (int(out[i, 0]), int(out[i, 1])) == expected, i
