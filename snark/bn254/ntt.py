"""The number-theoretic transform over BN254's Fr (2-adicity 28): forward, inverse and coset, for the QAP.

For n = 2^k <= 2^28 and omega_n = 5^((r - 1) / n) (5 generates Fr^*, as in arkworks and snarkjs),
``ntt(a)[i] = sum_j a[j] omega_n^(i j)``: the evaluations of the polynomial with coefficients a on the
subgroup H = <omega_n>, in natural order. ``coset_ntt`` evaluates on the coset g H (default g = 5), which
Groth16's QAP uses to divide by the vanishing polynomial Z_H(x) = x^n - 1 where it is non-zero.

Arrays are Montgomery-form ``(n, 4)`` uint64 arrays of Fr (see :mod:`snark.bn254.fields`); inputs are
never mutated. Twiddle tables are cached per size.

Example:
    >>> from snark.bn254.fields import Fr
    >>> from snark.bn254.ntt import ntt, intt
    >>> a = Fr.from_ints([1, 2, 3, 4])
    >>> Fr.to_ints(intt(ntt(a)))
    [1, 2, 3, 4]
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from prover.errors import FieldError
from snark.bn254 import ntt_kernels as _k
from snark.bn254.fields import Fr, R, int_to_limbs

TWO_ADICITY: int = 28
GENERATOR: int = 5
"""A generator of Fr^* (a quadratic non-residue), the default coset shift."""


def root_of_unity(n: int) -> int:
    """The primitive n-th root of unity 5^((r - 1) / n) for n a power of two <= 2^28."""
    _log2(n)
    return pow(GENERATOR, (R - 1) // n, R)


def _log2(n: int) -> int:
    if n < 1 or n & (n - 1) or n > 1 << TWO_ADICITY:
        raise FieldError(f"NTT size must be a power of two in [1, 2^{TWO_ADICITY}], got {n}")
    return n.bit_length() - 1


def _mont(x: int):
    return int_to_limbs(x * (1 << 256) % R)


@lru_cache(maxsize=16)
def _twiddles(n: int, inverse: bool) -> np.ndarray:
    w = root_of_unity(n)
    if inverse:
        w = pow(w, -1, R)
    out = np.empty((max(n // 2, 1), 4), dtype=np.uint64)
    _k.powers(_mont(w), out.shape[0], Fr.one_mont, out)
    out.setflags(write=False)
    return out


@lru_cache(maxsize=16)
def _shift_powers(n: int, shift: int) -> np.ndarray:
    out = np.empty((n, 4), dtype=np.uint64)
    _k.powers(_mont(shift), n, Fr.one_mont, out)
    out.setflags(write=False)
    return out


def _transform(a: np.ndarray, inverse: bool) -> np.ndarray:
    a = Fr.check(a, "a")
    log_n = _log2(a.shape[0])
    out = a.copy()
    _k.ntt_in_place(out, _twiddles(a.shape[0], inverse), log_n)
    if inverse:
        _k.scale(out, _mont(pow(a.shape[0], -1, R)))
    return out


def ntt(a: np.ndarray) -> np.ndarray:
    """Evaluations on H of the polynomial with coefficients a (natural order in and out).

    Raises:
        FieldError: a is not a canonical Fr array, or its length is not a power of two <= 2^28.
    """
    return _transform(a, inverse=False)


def intt(a: np.ndarray) -> np.ndarray:
    """Coefficients of the polynomial whose evaluations on H are a (inverse of :func:`ntt`)."""
    return _transform(a, inverse=True)


def _check_shift(shift: int) -> int:
    shift = int(shift)
    if not 0 < shift < R:
        raise FieldError(f"coset shift must lie in [1, r), got {shift}")
    return shift


def coset_ntt(a: np.ndarray, shift: int = GENERATOR) -> np.ndarray:
    """Evaluations on the coset shift * H: ``out[i] = sum_j a[j] (shift omega^i)^j``."""
    a = Fr.check(a, "a")
    _log2(a.shape[0])
    b = a.copy()
    _k.mul_rows(b, _shift_powers(a.shape[0], _check_shift(shift)))
    return _transform(b, inverse=False)


def coset_intt(a: np.ndarray, shift: int = GENERATOR) -> np.ndarray:
    """Coefficients from evaluations on shift * H (inverse of :func:`coset_ntt`)."""
    out = _transform(a, inverse=True)
    _k.mul_rows(out, _shift_powers(a.shape[0], pow(_check_shift(shift), -1, R)))
    return out
