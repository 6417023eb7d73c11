"""The quadratic extension F_{p^2} = F_p[x]/(x^2 - 7) of Goldilocks, on ``uint64`` arrays of shape (..., 2).

An element c0 + c1*x is stored as the pair ``[c0, c1]`` in the last axis. 7 is a quadratic non-residue
mod p (p = 1 mod 4, and 7^((p-1)/2) = -1, checked in the tests), so x^2 - 7 is irreducible. This is
Plonky2's quadratic Goldilocks extension; STARK challenges, the out-of-domain point and FRI live here
because the base field alone (64 bits) is too small for ~100-bit soundness (ethSTARK, eprint 2021/582).

Validation follows :mod:`prover.field.goldilocks`: wrong dtype, a last axis that is not 2, or a
coefficient >= p raises :class:`prover.errors.FieldError`.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from prover.errors import FieldError
from prover.field import goldilocks as _gl
from prover.field import goldilocks_kernels as _k
from prover.field.goldilocks import _broadcast

NON_RESIDUE: int = 7
"""W in x^2 - W."""

DEGREE: int = 2
"""Extension degree over F_p."""


def check(a: np.ndarray, name: str = "a") -> np.ndarray:
    """Validate an extension-element array (last axis of length 2) and return it C-contiguous.

    Raises:
        FieldError: wrong type or dtype, last axis not of length 2, or a coefficient >= p.
    """
    a = _gl.check(a, name)
    if a.ndim == 0 or a.shape[-1] != 2:
        raise FieldError(f"{name} must have a last axis of length 2 (c0, c1), got shape {a.shape}")
    return a


def _flat(a: np.ndarray) -> np.ndarray:
    return a.reshape(-1, 2)


def _binary(kernel, a, b) -> np.ndarray:
    a = check(a, "a")
    b = check(b, "b")
    a_b, b_b = _broadcast(a, b)
    shape = a_b.shape
    fa = _flat(np.ascontiguousarray(a_b))
    fb = _flat(np.ascontiguousarray(b_b))
    out = np.empty_like(fa)
    kernel(fa, fb, out)
    return out.reshape(shape)


def _unary(kernel, a) -> np.ndarray:
    a = check(a, "a")
    fa = _flat(a)
    out = np.empty_like(fa)
    kernel(fa, out)
    return out.reshape(a.shape)


def add(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise a + b."""
    return _binary(_k.ext_vec_add, a, b)


def sub(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise a - b."""
    return _binary(_k.ext_vec_sub, a, b)


def mul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise a * b (Karatsuba: three base multiplications)."""
    return _binary(_k.ext_vec_mul, a, b)


def neg(a: np.ndarray) -> np.ndarray:
    """Element-wise -a."""
    return _unary(_k.ext_vec_neg, a)


def square(a: np.ndarray) -> np.ndarray:
    """Element-wise a^2."""
    return _unary(_k.ext_vec_square, a)


def mul_base(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Extension elements times base-field elements: a has shape (..., 2), b the matching shape (...)."""
    a = check(a, "a")
    b = _gl.check(b, "b")
    if a.shape[:-1] != b.shape:
        raise ValueError(f"base operand shape {b.shape} must equal {a.shape[:-1]}")
    fa = _flat(a)
    out = np.empty_like(fa)
    _k.ext_vec_mul_base(fa, b.reshape(-1), out)
    return out.reshape(a.shape)


def pow(a: np.ndarray, e: int) -> np.ndarray:  # noqa: A001
    """Element-wise a^e for an exponent 0 <= e < 2^64 shared by all elements."""
    a = check(a, "a")
    if not isinstance(e, (int, np.integer)) or not 0 <= int(e) < (1 << 64):
        raise FieldError("exponent must be an int with 0 <= e < 2^64")
    fa = _flat(a)
    out = np.empty_like(fa)
    _k.ext_vec_pow(fa, np.full(fa.shape[0], int(e), dtype=np.uint64), out)
    return out.reshape(a.shape)


def batch_inv(a: np.ndarray) -> np.ndarray:
    """Invert every element with Montgomery's trick (one extension inversion in all).

    Raises:
        ZeroDivisionError: if any element is zero (its index is named).
    """
    a = check(a, "a")
    fa = _flat(a)
    zero = np.flatnonzero((fa[:, 0] == 0) & (fa[:, 1] == 0))
    if zero.size:
        raise ZeroDivisionError(f"cannot invert zero (element {int(zero[0])})")
    out = np.empty_like(fa)
    _k.ext_batch_inv(fa, out)
    return out.reshape(a.shape)


inv = batch_inv


def from_base(a: np.ndarray) -> np.ndarray:
    """Embed base-field elements: shape (...) -> (..., 2) with c1 = 0."""
    a = _gl.check(a, "a")
    out = np.zeros(a.shape + (2,), dtype=np.uint64)
    out[..., 0] = a
    return out


def from_ints(pairs: Iterable[tuple[int, int]]) -> np.ndarray:
    """Convert (c0, c1) pairs of Python ints (reduced mod p) to an (n, 2) array."""
    rows = [(int(c0) % _gl.MODULUS, int(c1) % _gl.MODULUS) for c0, c1 in pairs]
    return np.array(rows, dtype=np.uint64).reshape(-1, 2)


def random(n: int, rng: np.random.Generator | int | None = None) -> np.ndarray:
    """n uniform extension elements, shape (n, 2)."""
    return _gl.random((n, 2), rng)
