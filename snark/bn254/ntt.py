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
    # tw[h + j] = w_{2h}^j for h = 1..n/2 (row 0 unused), from the n/2 powers of w_n (or of w_n^-1).
    w = root_of_unity(n)
    if inverse:
        w = pow(w, -1, R)
    powers = np.empty((max(n // 2, 1), 4), dtype=np.uint64)
    _k.powers(_mont(w), powers.shape[0], Fr.one_mont, powers)
    out = np.zeros((max(n, 2), 4), dtype=np.uint64)
    _k.fill_twiddles(powers, out)
    out.setflags(write=False)
    return out


@lru_cache(maxsize=16)
def _bitrev(log_n: int) -> np.ndarray:
    from prover.ntt_kernels import bitrev_indices  # the Goldilocks NTT's table; imported on first use

    out = bitrev_indices(log_n)
    out.setflags(write=False)
    return out


@lru_cache(maxsize=16)
def _shift_powers(n: int, shift: int, scale: int = 1, bit_reversed: bool = False) -> np.ndarray:
    # out[k] = scale * shift^k, or out[k] = scale * shift^bitrev(k): coset_ntt multiplies after its
    # bit-reversed copy, and coset_intt folds 1/n into its table, so each makes one scaling pass.
    out = np.empty((n, 4), dtype=np.uint64)
    _k.powers(_mont(shift), n, _mont(scale), out)
    if bit_reversed:
        tmp = out
        out = np.empty_like(tmp)
        _k.bitrev_copy(tmp, out, _bitrev(n.bit_length() - 1))
    out.setflags(write=False)
    return out


def _dit(out: np.ndarray, inverse: bool) -> None:
    n = out.shape[0]
    (_k.dit_serial if n <= _k.BLOCK else _k.dit)(out, _twiddles(n, inverse))


def _transform(a: np.ndarray, inverse: bool) -> np.ndarray:
    # Bit-reversed copy (the copy the API makes anyway carries the permutation), the scaling by 1/n of
    # the inverse, then the in-place DIT.
    a = Fr.check(a, "a")
    log_n = _log2(a.shape[0])
    out = np.empty_like(a)
    _k.bitrev_copy(a, out, _bitrev(log_n))
    if inverse:
        _k.scale(out, _mont(pow(a.shape[0], -1, R)))
    _dit(out, inverse)
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
    log_n = _log2(a.shape[0])
    out = np.empty_like(a)
    _k.bitrev_copy(a, out, _bitrev(log_n))
    _k.mul_rows(out, _shift_powers(a.shape[0], _check_shift(shift), bit_reversed=True))
    _dit(out, inverse=False)
    return out


def coset_intt(a: np.ndarray, shift: int = GENERATOR) -> np.ndarray:
    """Coefficients from evaluations on shift * H (inverse of :func:`coset_ntt`)."""
    a = Fr.check(a, "a")
    n = a.shape[0]
    log_n = _log2(n)
    out = np.empty_like(a)
    _k.bitrev_copy(a, out, _bitrev(log_n))
    _dit(out, inverse=True)
    _k.mul_rows(out, _shift_powers(n, pow(_check_shift(shift), -1, R), pow(n, -1, R)))
    return out
