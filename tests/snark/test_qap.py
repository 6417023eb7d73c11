"""The QAP in snarkjs's convention against naive polynomial arithmetic over Python ints."""

from __future__ import annotations

import pytest

from snark.bn254.fields import Fr, R
from snark.bn254.ntt import root_of_unity
from snark.circuit import Circuit
from snark.qap import DomainError, coefficients, domain_size, evaluate_ab, odd_coset_values
from snark.r1cs import witness_to_montgomery


@pytest.mark.parametrize(("n_constraints", "n_public", "n"), [
    (0, 0, 2), (1, 0, 2), (1, 1, 4), (3, 0, 4), (3, 1, 8), (4094, 1, 4096), (4095, 1, 8192), (4096, 0, 8192),
])
def test_domain_size_matches_snarkjs_rule(n_constraints, n_public, n):
    # snarkjs zkey_new.js: 2 ** (log2(nConstraints + nPublic) + 1) with log2 the floor.
    assert domain_size(n_constraints, n_public) == n


def test_domain_too_large():
    with pytest.raises(DomainError):
        domain_size(1 << 27, 0)


def _tiny():
    c = Circuit()
    y = c.public_input("y")
    x = c.private_input("x")
    x3 = c.mul(c.mul(x, x), x)
    c.assert_equal(x3 + x + 5, y)   # x^3 + x + 5 = y (Vitalik's QAP example)
    return c, c.to_r1cs(), c.witness({"x": 3, "y": 35})


def _interpolate(values, points):
    """Coefficients of the polynomial through (points[i], values[i]) (Lagrange, Python ints)."""
    n = len(points)
    coeffs = [0] * n
    for i in range(n):
        num, den = [1], 1
        for j in range(n):
            if j != i:
                num = [(a - points[j] * b) % R for a, b in zip([0, *num], [*num, 0], strict=True)]
                den = den * (points[i] - points[j]) % R
        k = values[i] * pow(den, -1, R) % R
        coeffs = [(c + k * a) % R for c, a in zip(coeffs, num, strict=True)]
    return coeffs


def _mul(p, q):
    out = [0] * (len(p) + len(q) - 1)
    for i, a in enumerate(p):
        for j, b in enumerate(q):
            out[i + j] = (out[i + j] + a * b) % R
    return out


def _divmod_by_vanishing(p, n):
    """(quotient, remainder) of p by x^n - 1."""
    p = list(p)
    q = [0] * max(len(p) - n, 1)
    for k in range(len(p) - 1, n - 1, -1):
        q[k - n] = p[k]
        p[k - n] = (p[k - n] + p[k]) % R
        p[k] = 0
    return q, p[:n]


def _ev(p, x):
    return sum(c * pow(x, i, R) for i, c in enumerate(p)) % R


def test_domain_rows_and_divisibility_naively():
    c, cs, w = _tiny()
    n = domain_size(cs.n_constraints, cs.n_public)
    co = coefficients(cs)
    a, b = evaluate_ab(co, witness_to_montgomery(w), n)
    av, bv = Fr.to_ints(a), Fr.to_ints(b)
    # Rows 0..m-1 are the constraints; row m + s carries A = w[s] for s = 0..nPublic; the rest are zero.
    for i in range(cs.n_constraints):
        assert av[i] == sum(v * w[j] for j, v in cs.a.row(i).items()) % R
        assert bv[i] == sum(v * w[j] for j, v in cs.b.row(i).items()) % R
    for s in range(cs.n_public + 1):
        assert av[cs.n_constraints + s] == w[s] and bv[cs.n_constraints + s] == 0
    assert all(x == 0 for x in av[cs.n_constraints + cs.n_public + 1:])
    # C = A * B on the domain, so A B - C vanishes there: x^n - 1 divides it.
    omega = root_of_unity(n)
    pts = [pow(omega, i, R) for i in range(n)]
    pa, pb = _interpolate(av, pts), _interpolate(bv, pts)
    pc = _interpolate([x * y % R for x, y in zip(av, bv, strict=True)], pts)
    prod = _mul(pa, pb)
    numer = [(x - (pc[i] if i < len(pc) else 0)) % R for i, x in enumerate(prod)]
    h, rem = _divmod_by_vanishing(numer, n)
    assert not any(rem)
    # The prover's odd-coset values are (A B - C)(omega_2n^(2i+1)) = h(x) * (x^n - 1) = -2 h(x) there.
    odd = Fr.to_ints(odd_coset_values(a, b, Fr.mul(a, b)))
    w2 = root_of_unity(2 * n)
    for i in (0, 1, n - 1):
        x = pow(w2, 2 * i + 1, R)
        assert odd[i] == _ev(numer, x) == (-2 * _ev(h, x)) % R


def test_coefficient_order_matches_zkey_new():
    _, cs, _ = _tiny()
    co = coefficients(cs)
    rows = co.constraint.tolist()
    # Non-decreasing constraint index; within one constraint A (0) before B (1); public rows last.
    keys = list(zip(rows, co.matrix.tolist(), strict=True))
    assert keys == sorted(keys)
    tail = len(co) - (cs.n_public + 1)
    assert co.signal[tail:].tolist() == list(range(cs.n_public + 1))
    assert Fr.to_ints(co.value[tail:]) == [1] * (cs.n_public + 1)
