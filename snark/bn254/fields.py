"""The BN254 prime fields Fq (coordinates) and Fr (scalars) in Montgomery form on 4x64-bit limbs.

BN254 (alt_bn128) is the Barreto-Naehrig curve of EIP-196/197 that Ethereum, circom and snarkjs use:
p = 36u^4 + 36u^3 + 24u^2 + 6u + 1 and r = 36u^4 + 36u^3 + 18u^2 + 6u + 1 with u = 4965661367192848881
(Barreto and Naehrig, "Pairing-friendly elliptic curves of prime order", SAC 2005).

An array of n elements has shape ``(n, 4)`` and dtype ``uint64``: limbs least significant first, holding
``a * 2^256 mod m`` (Montgomery form). Every public function validates its inputs and raises
:class:`prover.errors.FieldError` on a wrong dtype, shape or a limb value >= the modulus; inputs are
never mutated.

Example:
    >>> from snark.bn254.fields import Fq
    >>> a = Fq.from_ints([3, Fq.MODULUS - 1])
    >>> Fq.to_ints(Fq.mul(a, a))
    [9, 1]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from prover.errors import FieldError
from snark.bn254 import limb_kernels as _k

BN_U: int = 4965661367192848881
"""The BN parameter u (often x or x0) of BN254."""

P: int = 21888242871839275222246405745257275088696311157297823662689037894645226208583
"""The base-field prime p."""

R: int = 21888242871839275222246405745257275088548364400416034343698204186575808495617
"""The prime order r of G1, G2 and the scalar field."""

MASK64 = (1 << 64) - 1


def int_to_limbs(x: int) -> tuple[np.uint64, np.uint64, np.uint64, np.uint64]:
    """Four ``np.uint64`` limbs of a non-negative integer < 2^256, least significant first."""
    return tuple(np.uint64((x >> (64 * i)) & MASK64) for i in range(4))  # type: ignore[return-value]


def ints_to_limbs(xs: Sequence[int]) -> np.ndarray:
    """An ``(n, 4)`` uint64 array of the integers (each must be in [0, 2^256))."""
    buf = b"".join(int(x).to_bytes(32, "little") for x in xs)
    return np.frombuffer(buf, dtype="<u8").astype(np.uint64).reshape(-1, 4)


def limbs_to_ints(a: np.ndarray) -> list[int]:
    """The integers held by an ``(n, 4)`` uint64 array."""
    raw = np.ascontiguousarray(a, dtype="<u8").tobytes()
    return [int.from_bytes(raw[32 * i: 32 * i + 32], "little") for i in range(a.shape[0])]


class PrimeField:
    """A 254-bit prime field in Montgomery form: constants over the shared kernels of ``limb_kernels``.

    Attributes:
        name: "Fq" or "Fr".
        MODULUS: the prime, as a Python int.
    """

    def __init__(self, name: str, modulus: int) -> None:
        self.name = name
        self.MODULUS = modulus
        self.q = int_to_limbs(modulus)
        self.qinv = np.uint64((-pow(modulus, -1, 1 << 64)) % (1 << 64))
        self.one_mont = int_to_limbs((1 << 256) % modulus)
        self.r2 = int_to_limbs((1 << 512) % modulus)
        self.qm2 = int_to_limbs(modulus - 2)
        self.unit = int_to_limbs(1)

    # -- validation -------------------------------------------------------------------------------

    def check(self, a: np.ndarray, name: str = "a") -> np.ndarray:
        """Validate an element array and return it as a C-contiguous ``(n, 4)`` uint64 array.

        Raises:
            FieldError: not a NumPy uint64 array of shape (n, 4), or a value >= the modulus.
        """
        if not isinstance(a, np.ndarray):
            raise FieldError(f"{name} must be a numpy uint64 array, got {type(a).__name__}")
        if a.dtype != np.uint64:
            raise FieldError(f"{name} must have dtype uint64, got {a.dtype}")
        if a.ndim != 2 or a.shape[1] != 4:
            raise FieldError(f"{name} must have shape (n, 4), got {a.shape}")
        a = np.ascontiguousarray(a)
        bad = _k.max_geq(a, self.q)
        if bad >= 0:
            raise FieldError(f"{name}[{bad}] is not canonical: limbs hold a value >= {self.name} modulus")
        return a

    def _pair(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        a = self.check(a, "a")
        b = self.check(b, "b")
        if a.shape != b.shape:
            raise FieldError(f"shapes differ: {a.shape} and {b.shape}")
        return a, b

    # -- conversions ------------------------------------------------------------------------------

    def from_ints(self, xs: Iterable[int]) -> np.ndarray:
        """Montgomery-form array of the integers, each in [0, modulus).

        Raises:
            FieldError: an integer is negative or >= the modulus (nothing is reduced silently).
        """
        xs = [int(x) for x in xs]
        for i, x in enumerate(xs):
            if not 0 <= x < self.MODULUS:
                raise FieldError(f"{self.name} element {i} out of range [0, modulus): {x}")
        return self.to_montgomery(ints_to_limbs(xs))

    def reduce_ints(self, xs: Iterable[int]) -> np.ndarray:
        """Montgomery-form array of the integers reduced modulo the prime (any sign or size)."""
        return self.to_montgomery(ints_to_limbs([int(x) % self.MODULUS for x in xs]))

    def to_ints(self, a: np.ndarray) -> list[int]:
        """Canonical integers of a Montgomery-form array."""
        return limbs_to_ints(self.from_montgomery(a))

    def to_montgomery(self, limbs: np.ndarray) -> np.ndarray:
        """Montgomery form of canonical (plain-integer) limbs, shape (n, 4)."""
        limbs = self.check(limbs, "limbs")
        out = np.empty_like(limbs)
        _k.arr_mul_const(limbs, self.r2, out, self.q, self.qinv)
        return out

    def from_montgomery(self, a: np.ndarray) -> np.ndarray:
        """Canonical plain-integer limbs of a Montgomery-form array, shape (n, 4)."""
        a = self.check(a)
        out = np.empty_like(a)
        _k.arr_mul_const(a, self.unit, out, self.q, self.qinv)
        return out

    def from_bytes(self, data: bytes, byteorder: str = "big", montgomery: bool = False) -> np.ndarray:
        """Elements from concatenated 32-byte encodings.

        Args:
            data: ``32 * n`` bytes.
            byteorder: "big" (EVM, EIP-196) or "little" (snarkjs binary files).
            montgomery: the encodings hold Montgomery forms a * 2^256 mod m (as in ``.zkey``) instead of
                plain integers.

        Raises:
            FieldError: a length not a multiple of 32, or an encoded value >= the modulus.
        """
        if byteorder not in ("big", "little"):
            raise FieldError(f"byteorder must be 'big' or 'little', got {byteorder!r}")
        if len(data) % 32:
            raise FieldError(f"{self.name} encodings are 32 bytes each; got {len(data)} bytes")
        raw = np.frombuffer(bytes(data), dtype=np.uint8).reshape(-1, 32)
        if byteorder == "big":
            raw = raw[:, ::-1]
        limbs = np.ascontiguousarray(raw).view("<u8").astype(np.uint64).reshape(-1, 4)
        bad = _k.max_geq(limbs, self.q)
        if bad >= 0:
            raise FieldError(f"{self.name} encoding {bad} holds a value >= the modulus")
        return limbs if montgomery else self.to_montgomery(limbs)

    def to_bytes(self, a: np.ndarray, byteorder: str = "big", montgomery: bool = False) -> bytes:
        """Concatenated 32-byte encodings of the elements (see :meth:`from_bytes`)."""
        if byteorder not in ("big", "little"):
            raise FieldError(f"byteorder must be 'big' or 'little', got {byteorder!r}")
        limbs = self.check(a) if montgomery else self.from_montgomery(a)
        raw = limbs.astype("<u8").view(np.uint8).reshape(-1, 32)
        if byteorder == "big":
            raw = raw[:, ::-1]
        return np.ascontiguousarray(raw).tobytes()

    def zeros(self, n: int) -> np.ndarray:
        """n copies of 0."""
        return np.zeros((n, 4), dtype=np.uint64)

    def ones(self, n: int) -> np.ndarray:
        """n copies of 1 (in Montgomery form)."""
        return np.tile(np.array(self.one_mont, dtype=np.uint64), (n, 1))

    # -- arithmetic -------------------------------------------------------------------------------

    def add(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Elementwise a + b."""
        a, b = self._pair(a, b)
        out = np.empty_like(a)
        _k.arr_add(a, b, out, self.q)
        return out

    def sub(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Elementwise a - b."""
        a, b = self._pair(a, b)
        out = np.empty_like(a)
        _k.arr_sub(a, b, out, self.q)
        return out

    def neg(self, a: np.ndarray) -> np.ndarray:
        """Elementwise -a."""
        a = self.check(a)
        out = np.empty_like(a)
        _k.arr_neg(a, out, self.q)
        return out

    def mul(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Elementwise a * b (Montgomery multiplication)."""
        a, b = self._pair(a, b)
        out = np.empty_like(a)
        _k.arr_mul(a, b, out, self.q, self.qinv)
        return out

    def square(self, a: np.ndarray) -> np.ndarray:
        """Elementwise a^2."""
        a = self.check(a)
        out = np.empty_like(a)
        _k.arr_mul(a, a, out, self.q, self.qinv)
        return out

    def pow(self, a: np.ndarray, e: int | Sequence[int]) -> np.ndarray:
        """Elementwise a ** e for exponents in [0, 2^256) (one int for all, or one per element).

        ``0 ** 0`` is 1. Negative exponents are refused: use :meth:`inv` first.

        Raises:
            FieldError: an exponent is negative or >= 2^256, or the exponent count differs from n.
        """
        a = self.check(a)
        es = [int(e)] * a.shape[0] if isinstance(e, int | np.integer) else [int(x) for x in e]
        if len(es) != a.shape[0]:
            raise FieldError(f"{len(es)} exponents for {a.shape[0]} elements")
        if any(not 0 <= x < 1 << 256 for x in es):
            raise FieldError("exponents must lie in [0, 2^256)")
        out = np.empty_like(a)
        _k.arr_pow(a, ints_to_limbs(es), out, self.one_mont, self.q, self.qinv)
        return out

    def batch_inv(self, a: np.ndarray) -> np.ndarray:
        """Elementwise a^-1 by Montgomery's trick (one Fermat inversion for the whole array).

        Raises:
            FieldError: an element is zero.
        """
        a = self.check(a)
        z = _k.first_zero(a)
        if z >= 0:
            raise FieldError(f"{self.name} element {z} is zero and has no inverse")
        out = np.empty_like(a)
        _k.arr_batch_inv(a, out, self.one_mont, self.qm2, self.q, self.qinv)
        return out

    inv = batch_inv


Fq = PrimeField("Fq", P)
"""The base field F_p of BN254."""

Fr = PrimeField("Fr", R)
"""The scalar field F_r of BN254."""
