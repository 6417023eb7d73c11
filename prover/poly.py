"""Univariate polynomials over the Goldilocks field F_p (coefficient vectors, lowest degree first).

Evaluation by Horner's rule in F_p and in the quadratic extension F_p[x]/(x^2 - 7) (the out-of-domain
point of the STARK lives there), interpolation on <w_n> by the inverse NTT, products by NTT, and the
division by the vanishing polynomial Z(x) = x^n - 1 of the trace domain <w_n> that turns constraint
evaluations into quotient evaluations on the LDE coset (Ben-Sasson et al., eprint 2018/046, and
Winterfell's constraint divisor). On a coset shift * <w_N> with N = n * blowup, Z takes only ``blowup``
distinct values, shift^n * w_blowup^j - 1, so the division needs one batch inversion of ``blowup`` values.
"""

from __future__ import annotations

import numpy as np

from prover import ntt as _ntt
from prover import poly_kernels as _pk
from prover.errors import FieldError
from prover.field import goldilocks_kernels as _gk

P_INT = _ntt.P_INT


def _field_array(a: object, name: str, ndims: tuple[int, ...] = (1,)) -> np.ndarray:
    if not isinstance(a, np.ndarray):
        raise FieldError(f"{name} must be a numpy uint64 array, got {type(a).__name__}")
    if a.dtype != np.uint64:
        raise FieldError(f"{name} must have dtype uint64, got {a.dtype}")
    if a.ndim not in ndims:
        raise ValueError(f"{name} must have {' or '.join(map(str, ndims))} dimension(s), got {a.ndim}")
    if a.size and a.max() >= _ntt.P:
        raise FieldError(f"{name} holds a value >= p = {P_INT} (not a canonical field element)")
    return a


def evaluate(coeffs: np.ndarray, x: int | np.ndarray) -> np.uint64 | np.ndarray:
    """f(x) = sum_j coeffs[j] x^j by Horner's rule in F_p.

    Args:
        coeffs: 1-D uint64 coefficients, lowest degree first (may be empty: the zero polynomial).
        x: a field element (int or np.uint64) or a 1-D uint64 array of points.

    Returns:
        ``np.uint64`` for a scalar x, else a new uint64 array of the same length as x.

    Raises:
        FieldError: bad dtype or non-canonical values.
        ValueError: wrong dimensions.
    """
    coeffs = np.ascontiguousarray(_field_array(coeffs, "coeffs"))
    if isinstance(x, np.ndarray) and x.ndim > 0:
        xs = np.ascontiguousarray(_field_array(x, "x"))
        out = np.empty(xs.shape[0], dtype=np.uint64)
        _pk.horner_many(coeffs, xs, out)
        return out
    xs = np.array([_ntt._field_scalar(x, "x")], dtype=np.uint64)
    out = np.empty(1, dtype=np.uint64)
    _pk.horner_many(coeffs, xs, out)
    return out[0]


def evaluate_ext(coeffs: np.ndarray, z: np.ndarray) -> np.ndarray:
    """f(z) for z in the quadratic extension F_p[x]/(x^2 - 7), by Horner's rule.

    Args:
        coeffs: extension coefficients, shape (n, 2) as (c0, c1) = c0 + c1 x, or base coefficients (n,).
        z: the point, uint64 array of shape (2,).

    Returns:
        uint64 array of shape (2,).

    Raises:
        FieldError: bad dtype or non-canonical values.
        ValueError: wrong shapes.
    """
    coeffs = _field_array(coeffs, "coeffs", (1, 2))
    z = _field_array(z, "z")
    if z.shape != (2,):
        raise ValueError(f"z must have shape (2,) (an extension element), got {z.shape}")
    if coeffs.ndim == 2 and coeffs.shape[1] != 2:
        raise ValueError(f"extension coeffs must have shape (n, 2), got {coeffs.shape}")
    if coeffs.ndim == 1:
        ext = np.zeros((coeffs.shape[0], 2), dtype=np.uint64)
        ext[:, 0] = coeffs
        coeffs = ext
    c0, c1 = _pk.horner_ext(np.ascontiguousarray(coeffs), z[0], z[1])
    return np.array([c0, c1], dtype=np.uint64)


def interpolate(evals: np.ndarray) -> np.ndarray:
    """Coefficients of the polynomial of degree < n taking ``evals`` on <w_n> (natural order).

    Same as :func:`prover.ntt.intt` (1-D, or 2-D with one polynomial per column).
    """
    return _ntt.intt(evals)


def _vanishing_inverses(n: int, shift: np.uint64, blowup: int) -> np.ndarray:
    """1 / (shift^n w_B^j - 1) for j < B (natural order of j)."""
    w_b = int(_ntt.root_of_unity(blowup))
    s_n = pow(int(shift), n, P_INT)
    z = np.array([(s_n * pow(w_b, j, P_INT) - 1) % P_INT for j in range(blowup)], dtype=np.uint64)
    if not z.all():
        raise ValueError(f"the coset shift * <w_{n * blowup}> meets <w_{n}>: x^n - 1 vanishes on it")
    inv = np.empty_like(z)
    _gk.batch_inv(z, inv)
    return inv


def divide_by_vanishing(evals_on_coset: np.ndarray, n: int, shift: int, blowup: int,
                        bit_reversed: bool = False) -> np.ndarray:
    """Evaluations of q = f / Z on the coset, where Z(x) = x^n - 1 vanishes on the trace domain <w_n>.

    Args:
        evals_on_coset: f on shift * <w_N>, N = n * blowup; 1-D (N) or 2-D (N x m, one column each).
            Natural order (entry i at shift * w_N^i), or the bit-reversed order of :func:`prover.ntt.lde`
            (entry i at shift * w_N^bitrev(i)) if ``bit_reversed``.
        n: trace length (degree of Z), a power of two.
        shift: the coset shift, with shift^n not a blowup-th root of unity (7 always qualifies).
        blowup: N / n, a power of two in 2..64.
        bit_reversed: order of the input (and output).

    Returns:
        New array of the same shape and order.

    Raises:
        FieldError: bad dtype or values.
        ValueError: inconsistent sizes, or Z vanishes somewhere on the coset.
    """
    e = _field_array(evals_on_coset, "evals_on_coset", (1, 2))
    _ntt.log2_size(n, "n")
    b = _ntt._check_blowup(blowup)
    s = _ntt._check_shift(shift)
    big_n = n * b
    if e.shape[0] != big_n:
        raise ValueError(f"evals_on_coset has {e.shape[0]} rows, expected n * blowup = {big_n}")
    inv = _vanishing_inverses(n, s, b)
    e = np.ascontiguousarray(e)
    out = np.empty_like(e)
    if bit_reversed:
        # Block k of n consecutive entries lies on shift * w_N^bitrev(k) * <w_n>, where Z is constant.
        table = np.ascontiguousarray(_ntt.bit_reverse_permutation(inv))
        if e.ndim == 1:
            _pk.scale_rows(e.reshape(b, n), table, 1, out.reshape(b, n))
        else:
            _pk.scale_rows(e, table, n, out)
    elif e.ndim == 1:
        # Z(shift w_N^i) depends on i mod blowup only.
        _pk.scale_cols(e.reshape(n, b), inv, out.reshape(n, b))
    else:
        _pk.scale_rows(e, inv, 1, out)
    return out


def add(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Sum of two coefficient vectors (the shorter one zero-padded)."""
    a = _field_array(a, "a")
    b = _field_array(b, "b")
    if a.shape[0] < b.shape[0]:
        a, b = b, a
    out = np.ascontiguousarray(a).copy()
    if b.shape[0]:
        head = np.empty(b.shape[0], dtype=np.uint64)
        _gk.vec_add(np.ascontiguousarray(a[:b.shape[0]]), np.ascontiguousarray(b), head)
        out[:b.shape[0]] = head
    return out


def mul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Product of two coefficient vectors by NTT; length len(a) + len(b) - 1 (empty if either is)."""
    a = _field_array(a, "a")
    b = _field_array(b, "b")
    if a.shape[0] == 0 or b.shape[0] == 0:
        return np.zeros(0, dtype=np.uint64)
    m = a.shape[0] + b.shape[0] - 1
    size = 1 << (m - 1).bit_length()
    fa = np.zeros(size, dtype=np.uint64)
    fb = np.zeros(size, dtype=np.uint64)
    fa[:a.shape[0]] = a
    fb[:b.shape[0]] = b
    ea = _ntt.ntt(fa)
    eb = _ntt.ntt(fb)
    prod = np.empty(size, dtype=np.uint64)
    _gk.vec_mul(ea, eb, prod)
    return _ntt.intt(prod)[:m].copy()


def degree(coeffs: np.ndarray) -> int:
    """Index of the highest nonzero coefficient; -1 for the zero polynomial (and for an empty vector)."""
    c = _field_array(coeffs, "coeffs")
    nz = np.flatnonzero(c)
    return int(nz[-1]) if nz.size else -1


__all__ = ["evaluate", "evaluate_ext", "interpolate", "divide_by_vanishing", "add", "mul", "degree"]
