"""The two field-operations objects through which an AIR's transition constraints are written once.

* :class:`BaseColumnOps` (prover, :func:`stark.check_trace`): values are whole Goldilocks columns
  (``uint64`` arrays) or ``np.uint64`` constants; each call is one vectorised Numba kernel.
* :class:`ExtScalarOps` (verifier): values are elements c0 + c1*x of F_p[x]/(x^2 - 7) as tuples of Python
  ints, the trace evaluated at the out-of-domain point z (DEEP-ALI, eprint 2019/336).

Both expose the same methods: ``add, sub, mul, square, neg, pow, const, lincomb, sum``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from prover.field.goldilocks import MODULUS
from stark import field_ops_kernels as _k

P = MODULUS
W = 7  # the extension's non-residue: x^2 = 7


class BaseColumnOps:
    """Goldilocks arithmetic on columns of ``length`` rows; constants stay scalars until combined."""

    def __init__(self, length: int) -> None:
        self.length = length

    def _out(self) -> np.ndarray:
        return np.empty(self.length, dtype=np.uint64)

    def const(self, c: int) -> np.uint64:
        return np.uint64(int(c) % P)

    @staticmethod
    def _is_col(a) -> bool:
        return isinstance(a, np.ndarray) and a.ndim == 1

    def add(self, a, b):
        ac, bc = self._is_col(a), self._is_col(b)
        if ac and bc:
            out = self._out()
            _k.col_add(a, b, out)
            return out
        if ac or bc:
            col, s = (a, b) if ac else (b, a)
            out = self._out()
            _k.col_add_scalar(col, np.uint64(s), out)
            return out
        return np.uint64((int(a) + int(b)) % P)

    def sub(self, a, b):
        ac, bc = self._is_col(a), self._is_col(b)
        out = self._out() if (ac or bc) else None
        if ac and bc:
            _k.col_sub(a, b, out)
        elif ac:
            _k.col_add_scalar(a, np.uint64((P - int(b)) % P), out)
        elif bc:
            _k.col_scalar_sub(np.uint64(a), b, out)
        else:
            return np.uint64((int(a) - int(b)) % P)
        return out

    def mul(self, a, b):
        ac, bc = self._is_col(a), self._is_col(b)
        if ac and bc:
            out = self._out()
            _k.col_mul(a, b, out)
            return out
        if ac or bc:
            col, s = (a, b) if ac else (b, a)
            out = self._out()
            _k.col_mul_scalar(col, np.uint64(s), out)
            return out
        return np.uint64(int(a) * int(b) % P)

    def square(self, a):
        return self.mul(a, a)

    def neg(self, a):
        if self._is_col(a):
            out = self._out()
            _k.col_scalar_sub(np.uint64(0), a, out)
            return out
        return np.uint64((P - int(a)) % P)

    def pow(self, a, k: int):  # noqa: A003 - the field's name for it
        if k < 0:
            raise ValueError("negative exponents are not supported in constraints")
        if self._is_col(a):
            out = self._out()
            _k.col_pow(a, np.int64(k), out)
            return out
        return np.uint64(pow(int(a), k, P))

    def lincomb(self, coeffs: Sequence[int], xs: Sequence):
        """sum_i coeffs[i] * xs[i] for constant coefficients: one fused pass per term."""
        out = self._out()
        _k.col_fill(out, np.uint64(0))
        const = 0
        for c, x in zip(coeffs, xs, strict=True):
            if self._is_col(x):
                _k.col_muladd_scalar(out, x, np.uint64(int(c) % P))
            else:
                const = (const + int(c) * int(x)) % P
        if const:
            _k.col_add_scalar(out, np.uint64(const), out)
        return out

    def sum(self, xs: Sequence):  # noqa: A003
        acc = xs[0]
        for x in xs[1:]:
            acc = self.add(acc, x)
        return acc


Ext = tuple[int, int]


def ext_mul(a: Ext, b: Ext) -> Ext:
    a0, a1 = a
    b0, b1 = b
    return ((a0 * b0 + W * a1 * b1) % P, (a0 * b1 + a1 * b0) % P)


def ext_add(a: Ext, b: Ext) -> Ext:
    return ((a[0] + b[0]) % P, (a[1] + b[1]) % P)


def ext_sub(a: Ext, b: Ext) -> Ext:
    return ((a[0] - b[0]) % P, (a[1] - b[1]) % P)


def ext_pow(a: Ext, k: int) -> Ext:
    result: Ext = (1, 0)
    base = a
    while k:
        if k & 1:
            result = ext_mul(result, base)
        base = ext_mul(base, base)
        k >>= 1
    return result


def ext_inv(a: Ext) -> Ext:
    """(a0 + a1 x)^-1 = (a0 - a1 x) / (a0^2 - 7 a1^2). Raises ZeroDivisionError for zero."""
    norm = (a[0] * a[0] - W * a[1] * a[1]) % P
    if norm == 0:
        raise ZeroDivisionError("inverse of zero in F_p^2")
    ninv = pow(norm, P - 2, P)
    return (a[0] * ninv % P, (P - a[1]) * ninv % P)


def ext_scale(a: Ext, s: int) -> Ext:
    return (a[0] * s % P, a[1] * s % P)


def to_ext(v) -> Ext:
    """An int, an (c0, c1) pair or a (2,) uint64 array as an extension tuple."""
    if isinstance(v, tuple):
        return v
    if isinstance(v, np.ndarray):
        return (int(v[0]), int(v[1]))
    return (int(v) % P, 0)


class ExtScalarOps:
    """F_p^2 arithmetic on single elements (tuples of Python ints), for the verifier at z."""

    def const(self, c: int) -> Ext:
        return (int(c) % P, 0)

    def add(self, a, b) -> Ext:
        return ext_add(to_ext(a), to_ext(b))

    def sub(self, a, b) -> Ext:
        return ext_sub(to_ext(a), to_ext(b))

    def mul(self, a, b) -> Ext:
        return ext_mul(to_ext(a), to_ext(b))

    def square(self, a) -> Ext:
        a = to_ext(a)
        return ext_mul(a, a)

    def neg(self, a) -> Ext:
        a = to_ext(a)
        return ((P - a[0]) % P, (P - a[1]) % P)

    def pow(self, a, k: int) -> Ext:  # noqa: A003
        if k < 0:
            raise ValueError("negative exponents are not supported in constraints")
        return ext_pow(to_ext(a), k)

    def lincomb(self, coeffs: Sequence[int], xs: Sequence) -> Ext:
        c0 = c1 = 0
        for c, x in zip(coeffs, xs, strict=True):
            x0, x1 = to_ext(x)
            c0 += int(c) * x0
            c1 += int(c) * x1
        return (c0 % P, c1 % P)

    def sum(self, xs: Sequence) -> Ext:  # noqa: A003
        c0 = c1 = 0
        for x in xs:
            x0, x1 = to_ext(x)
            c0 += x0
            c1 += x1
        return (c0 % P, c1 % P)
