"""The Goldilocks prime field F_p, p = 2^64 - 2^32 + 1, on NumPy ``uint64`` arrays.

Goldilocks is the STARK field of Plonky2 and Winterfell: a 64-bit word holds an element, p - 1 has
two-adicity 32 (NTTs up to 2^32 points), and reduction needs only shifts and additions.

Every public function validates its inputs (``uint64`` dtype and canonical values ``< p``) and raises
:class:`prover.errors.FieldError` otherwise: nothing wraps silently. Binary operations broadcast like
NumPy. Inputs are never mutated; results are new arrays.

Example:
    >>> import numpy as np
    >>> from prover.field import goldilocks as gl
    >>> a = gl.from_ints([1, 2, gl.MODULUS - 1])
    >>> gl.to_ints(gl.mul(a, a))
    [1, 4, 1]
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from prover.errors import FieldError
from prover.field import goldilocks_kernels as _k

MODULUS: int = (1 << 64) - (1 << 32) + 1
"""The prime p = 2^64 - 2^32 + 1."""

P = _k.P
"""p as an ``np.uint64``."""

TWO_ADICITY: int = 32
"""The largest k with 2^k | p - 1."""

GENERATOR: int = 7
"""A generator of the multiplicative group F_p^* (as in Plonky2 and Winterfell)."""


def check(a: np.ndarray, name: str = "a") -> np.ndarray:
    """Validate a field-element array and return it as a C-contiguous ``uint64`` array.

    Args:
        a: array of canonical field elements.
        name: argument name used in error messages.

    Raises:
        FieldError: if ``a`` is not a NumPy ``uint64`` array or holds a value >= p.
    """
    if not isinstance(a, np.ndarray):
        raise FieldError(f"{name} must be a numpy uint64 array, got {type(a).__name__}")
    if a.dtype != np.uint64:
        raise FieldError(f"{name} must have dtype uint64, got {a.dtype}")
    a = np.ascontiguousarray(a)
    if a.size and _k.max_value(a.reshape(-1)) >= _k.P:
        bad = int(np.argmax(a.reshape(-1) >= _k.P))
        raise FieldError(f"{name} holds a value >= p at flat index {bad}: {int(a.reshape(-1)[bad])}")
    return a


def _as_field(x: np.ndarray | int, name: str) -> np.ndarray:
    # Python ints are accepted as scalars for convenience, but must already be canonical.
    if isinstance(x, (int, np.integer)) and not isinstance(x, (bool, np.bool_)):
        if not 0 <= int(x) < MODULUS:
            raise FieldError(f"{name} = {int(x)} is not a canonical field element (0 <= x < p)")
        return np.array(int(x), dtype=np.uint64)
    return check(x, name)


def _broadcast(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Broadcast two operands to one shape as contiguous arrays (copying only the broadcast one)."""
    try:
        shape = np.broadcast_shapes(a.shape, b.shape)
    except ValueError as exc:
        raise ValueError(f"shapes {a.shape} and {b.shape} do not broadcast") from exc

    def expand(x: np.ndarray) -> np.ndarray:
        return x if x.shape == shape else np.ascontiguousarray(np.broadcast_to(x, shape))

    return expand(a), expand(b)


def _binary(kernel, a, b) -> np.ndarray:
    a = _as_field(a, "a")
    b = _as_field(b, "b")
    a_b, b_b = _broadcast(a, b)
    shape = a_b.shape
    fa = np.ascontiguousarray(a_b).reshape(-1)
    fb = np.ascontiguousarray(b_b).reshape(-1)
    out = np.empty(fa.shape[0], dtype=np.uint64)
    kernel(fa, fb, out)
    return out.reshape(shape)


def _unary(kernel, a) -> np.ndarray:
    a = _as_field(a, "a")
    out = np.empty(a.size, dtype=np.uint64)
    kernel(a.reshape(-1), out)
    return out.reshape(a.shape)


def add(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise a + b mod p."""
    return _binary(_k.vec_add, a, b)


def sub(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise a - b mod p."""
    return _binary(_k.vec_sub, a, b)


def mul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Element-wise a * b mod p."""
    return _binary(_k.vec_mul, a, b)


def neg(a: np.ndarray) -> np.ndarray:
    """Element-wise -a mod p."""
    return _unary(_k.vec_neg, a)


def square(a: np.ndarray) -> np.ndarray:
    """Element-wise a^2 mod p."""
    return _unary(_k.vec_square, a)


def pow(a: np.ndarray, e: np.ndarray | int) -> np.ndarray:  # noqa: A001 - the field's name for it
    """Element-wise a^e mod p for non-negative exponents e < 2^64 (array or int, broadcast).

    Raises:
        FieldError: if an exponent is negative or does not fit in 64 bits.
    """
    a = _as_field(a, "a")
    if isinstance(e, (int, np.integer)):
        if not 0 <= int(e) < (1 << 64):
            raise FieldError(f"exponent {int(e)} must satisfy 0 <= e < 2^64")
        e = np.array(int(e), dtype=np.uint64)
    elif not (isinstance(e, np.ndarray) and e.dtype == np.uint64):
        raise FieldError("exponent must be an int or a uint64 array")
    a_b, e_b = _broadcast(a, e)
    out = np.empty(a_b.size, dtype=np.uint64)
    _k.vec_pow(a_b.reshape(-1), e_b.reshape(-1), out)
    return out.reshape(a_b.shape)


def inv(a: np.ndarray) -> np.ndarray:
    """Element-wise inverse, computed with one batch inversion (Montgomery's trick).

    Raises:
        ZeroDivisionError: if any element is zero (its flat index is named).
    """
    return batch_inv(a)


def batch_inv(a: np.ndarray) -> np.ndarray:
    """Invert every element with Montgomery's trick: one field inversion and 3(n - 1) multiplications.

    Raises:
        ZeroDivisionError: if any element is zero (its flat index is named).
    """
    a = _as_field(a, "a")
    flat = a.reshape(-1)
    zeros = np.flatnonzero(flat == 0)
    if zeros.size:
        raise ZeroDivisionError(f"cannot invert zero (flat index {int(zeros[0])})")
    out = np.empty(flat.shape[0], dtype=np.uint64)
    _k.batch_inv(flat, out)
    return out.reshape(a.shape)


def random(shape: int | tuple[int, ...], rng: np.random.Generator | int | None = None) -> np.ndarray:
    """Uniform field elements (NumPy's bounded integer sampling is unbiased).

    Args:
        shape: output shape.
        rng: a ``numpy.random.Generator``, a seed, or ``None`` for fresh OS entropy.
    """
    gen = rng if isinstance(rng, np.random.Generator) else np.random.default_rng(rng)
    return gen.integers(0, MODULUS, size=shape, dtype=np.uint64)


def from_ints(values: Iterable[int] | int) -> np.ndarray:
    """Convert Python integers (any size, any sign) to field elements by reducing mod p."""
    if isinstance(values, (int, np.integer)):
        return np.array(int(values) % MODULUS, dtype=np.uint64)
    return np.array([int(v) % MODULUS for v in values], dtype=np.uint64)


def to_ints(a: np.ndarray) -> list[int]:
    """Field elements as a flat list of Python ints (row-major)."""
    return [int(x) for x in check(a).reshape(-1)]


def powers(base: int, n: int) -> np.ndarray:
    """[1, base, base^2, ..., base^(n-1)] as a uint64 array."""
    if not 0 <= int(base) < MODULUS:
        raise FieldError(f"base {base} is not a canonical field element")
    if n < 0:
        raise ValueError("n must be non-negative")
    out = np.empty(n, dtype=np.uint64)
    _k.powers(np.uint64(base), n, out)
    return out
