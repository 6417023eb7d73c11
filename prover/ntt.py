"""Number-theoretic transform, cosets and low-degree extension over the Goldilocks field F_p.

The transform is the discrete Fourier transform over F_p, p = 2^64 - 2^32 + 1, on the multiplicative
subgroup <w_n> of order n = 2^k (k <= 32, since p - 1 = 2^32 (2^32 - 1)): ``ntt`` maps coefficients
c_0..c_{n-1} to the evaluations f(w_n^i), i = 0..n-1. w_{2^32} = 7^((p-1)/2^32) with 7 the multiplicative
generator used by Plonky2 and Winterfell, and w_n = w_{2^32}^(2^32/n), so w_{2n}^2 = w_n for every n.

Algorithms: Cooley-Tukey decimation in time (Cooley & Tukey, "An algorithm for the machine calculation
of complex Fourier series", 1965) for natural-order output, and for bit-reversed output the
Cooley-Tukey network from natural order of Longa & Naehrig ("Speeding up the Number Theoretic Transform
for Faster Ideal Lattice-Based Cryptography", 2016, Algorithm 1), which also absorbs the coset shift, in
:mod:`prover.ntt_kernels`. The low-degree extension is the one the STARK commits to (Ben-Sasson et al.,
"Scalable, transparent, and post-quantum secure computational integrity", eprint 2018/046): interpolate
on <w_n>, evaluate on the coset shift * <w_{n * blowup}>, in bit-reversed order because that is the order
the Merkle layer commits (neighbouring FRI points then sit in neighbouring leaves).

Arrays are ``np.uint64`` holding canonical residues (< p). A 2-D array is a matrix whose columns are
independent vectors (rows x columns, the trace layout). Results are always new arrays.
"""

from __future__ import annotations

import numpy as np

from prover import ntt_kernels as _k
from prover.errors import FieldError
from prover.field import goldilocks_kernels as _gk

P_INT = 2**64 - 2**32 + 1
P = np.uint64(P_INT)
TWO_ADICITY = 32
GENERATOR = np.uint64(7)
"""Multiplicative generator of F_p^* (Plonky2/Winterfell); also the default LDE coset shift."""

_ROOT_2_32 = pow(7, (P_INT - 1) >> TWO_ADICITY, P_INT)  # primitive 2^32-th root of unity
MAX_BLOWUP = 64
_ONE = np.uint64(1)

_TWIDDLES: dict[tuple[int, bool], np.ndarray] = {}
_TWIDDLES3: dict[tuple[int, bool], np.ndarray] = {}
_NB_TABLES: dict[int, tuple[np.ndarray, np.ndarray]] = {}
_REV_TILE: dict[int, tuple[np.ndarray, np.ndarray, int]] = {}
_REV_SMALL: dict[int, np.ndarray] = {}
_BITREV_TILE_BITS = 6  # 64 x 64 tiles: a 32 KiB buffer (see ntt_kernels.bitrev_copy)


# ---------------------------------------------------------------------------------------------------
# Validation.
# ---------------------------------------------------------------------------------------------------


def log2_size(n: int, what: str = "length") -> int:
    """log2 of a transform size, checking that ``n`` is a power of two in 1..2^32.

    Raises:
        ValueError: ``n`` is not a power of two, is < 1, or exceeds 2^32 (the field's two-adicity).
    """
    n = int(n)
    if n < 1 or n & (n - 1):
        raise ValueError(f"{what} must be a power of two >= 1, got {n}")
    k = n.bit_length() - 1
    if k > TWO_ADICITY:
        raise ValueError(f"{what} 2^{k} exceeds 2^{TWO_ADICITY}, the largest power-of-two subgroup of F_p^*")
    return k


def _check_array(a: object, name: str) -> np.ndarray:
    if not isinstance(a, np.ndarray):
        raise FieldError(f"{name} must be a numpy uint64 array, got {type(a).__name__}")
    if a.dtype != np.uint64:
        raise FieldError(f"{name} must have dtype uint64, got {a.dtype}")
    if a.ndim not in (1, 2):
        raise ValueError(f"{name} must be 1-D (a vector) or 2-D (rows x columns), got {a.ndim}-D")
    if a.shape[0] == 0:
        raise ValueError(f"{name} is empty: the length must be a power of two >= 1")
    log2_size(a.shape[0], f"{name} length (axis 0)")
    if a.size and a.max() >= P:
        raise FieldError(f"{name} holds a value >= p = {P_INT} (not a canonical field element)")
    return a


def _field_scalar(x: object, name: str) -> np.uint64:
    if isinstance(x, np.ndarray) and x.shape == ():
        x = x[()]
    if not isinstance(x, int | np.integer) or isinstance(x, bool):
        raise FieldError(f"{name} must be an integer field element, got {type(x).__name__}")
    v = int(x)
    if not 0 <= v < P_INT:
        raise FieldError(f"{name} = {v} is not a canonical field element (0 <= x < p)")
    return np.uint64(v)


def _check_shift(shift: object) -> np.uint64:
    s = _field_scalar(shift, "shift")
    if s == 0:
        raise ValueError("shift must be nonzero (the coset 0 * <w> is a single point)")
    return s


def _check_blowup(blowup: object) -> int:
    if isinstance(blowup, bool) or not isinstance(blowup, int | np.integer):
        raise ValueError(f"blowup must be an integer, got {type(blowup).__name__}")
    b = int(blowup)
    if b < 2 or b > MAX_BLOWUP or b & (b - 1):
        raise ValueError(f"blowup must be a power of two in 2..{MAX_BLOWUP}, got {b}")
    return b


# ---------------------------------------------------------------------------------------------------
# Roots, tables and permutations.
# ---------------------------------------------------------------------------------------------------


def root_of_unity(n: int) -> np.uint64:
    """The primitive n-th root of unity w_n = w_{2^32}^(2^32 / n), with w_{2^32} = 7^((p-1)/2^32).

    Args:
        n: a power of two in 1..2^32.

    Returns:
        w_n as ``np.uint64`` (1 for n = 1, p - 1 for n = 2).

    Raises:
        ValueError: ``n`` is not a power of two in range.
    """
    k = log2_size(n, "n")
    return np.uint64(pow(_ROOT_2_32, 1 << (TWO_ADICITY - k), P_INT))


def _twiddles(n: int, inverse: bool) -> np.ndarray:
    # One table per (size, direction), built once: rebuilding it took longer than a 2^16 transform.
    key = (n, inverse)
    tw = _TWIDDLES.get(key)
    if tw is None:
        w = int(root_of_unity(n))
        if inverse:
            w = pow(w, P_INT - 2, P_INT)
        tw = np.zeros(max(n, 2), dtype=np.uint64)
        if n >= 2:
            _k.fill_twiddles(np.uint64(w), n, tw)
        _TWIDDLES[key] = tw
    return tw


def _twiddles3(n: int, inverse: bool) -> np.ndarray:
    # tw3[q + j] = w_{4q}^{3j}, the third twiddle of the radix-4 butterflies (q <= n / 4).
    key = (n, inverse)
    tw3 = _TWIDDLES3.get(key)
    if tw3 is None:
        tw3 = np.zeros(max(n // 2, 2), dtype=np.uint64)
        if n >= 4:
            _k.fill_twiddles3(_twiddles(n, inverse), tw3)
        _TWIDDLES3[key] = tw3
    return tw3


def _nb_tables(n: int) -> tuple[np.ndarray, np.ndarray]:
    # The constants of the natural-to-bit-reversed network: zb[b] = w_n^bitrev_{k-1}(b) for b < n/2 (the
    # powers of w_n, bit-reversed) and zb3[b] = zb[2b]^3. Built once per size, like the twiddles.
    tabs = _NB_TABLES.get(n)
    if tabs is None:
        half = max(n // 2, 1)
        pw = np.empty(half, dtype=np.uint64)
        _gk.powers(root_of_unity(n), half, pw)
        zb = np.empty_like(pw)
        _bitrev_into(pw, zb)
        zb3 = np.empty(max(n // 4, 1), dtype=np.uint64)
        if n >= 4:
            _k.fill_cubes_even(zb, zb3)
        else:
            zb3.fill(1)
        tabs = (zb, zb3)
        _NB_TABLES[n] = tabs
    return tabs


def _reverse_bits(x: int, bits: int) -> int:
    return int(f"{x:0{bits}b}"[::-1], 2) if bits else 0


def _bitrev_into(src: np.ndarray, dst: np.ndarray, scale: np.uint64 = _ONE) -> None:
    """dst[bitrev(i)] = src[i] * scale for contiguous 1-D uint64 arrays."""
    n = src.shape[0]
    k = n.bit_length() - 1
    t = _BITREV_TILE_BITS
    if k >= 2 * t:
        tabs = _REV_TILE.get(k)
        if tabs is None:
            rev_lo = np.array([_reverse_bits(i, t) << (k - t) for i in range(1 << t)], dtype=np.int64)
            rev_hi = np.array([_reverse_bits(i, t) for i in range(1 << t)], dtype=np.int64)
            tabs = (rev_lo, rev_hi, t)
            _REV_TILE[k] = tabs
        _k.bitrev_copy(src, dst, tabs[0], tabs[1], tabs[2], scale)
    else:
        rev = _REV_SMALL.get(k)
        if rev is None:
            rev = _k.bitrev_indices(k)
            _REV_SMALL[k] = rev
        _k.bitrev_small(src, dst, rev, scale)


def bit_reverse_permutation(a: np.ndarray) -> np.ndarray:
    """A new array with out[i] = a[bitrev_k(i)] along axis 0 (length 2^k); the map is an involution.

    Args:
        a: 1-D or 2-D array (any dtype) whose axis-0 length is a power of two.

    Returns:
        The permuted copy.

    Raises:
        ValueError: wrong number of dimensions or a length that is not a power of two.
    """
    if not isinstance(a, np.ndarray) or a.ndim not in (1, 2):
        raise ValueError("bit_reverse_permutation expects a 1-D or 2-D numpy array")
    k = log2_size(a.shape[0], "length (axis 0)")
    if a.ndim == 1 and a.dtype == np.uint64:
        out = np.empty_like(a)
        _bitrev_into(np.ascontiguousarray(a), out)
        return out
    rev = _REV_SMALL.get(k)
    if rev is None:
        rev = _k.bitrev_indices(k)
        _REV_SMALL[k] = rev
    return a[rev]


# ---------------------------------------------------------------------------------------------------
# Transforms.
# ---------------------------------------------------------------------------------------------------


def _dit(a: np.ndarray, inverse: bool) -> None:
    n = a.shape[0]
    (_k.dit_serial if n <= _k.BLOCK else _k.dit_inplace)(a, _twiddles(n, inverse), _twiddles3(n, inverse))


def _beta_powers(beta: int, n: int) -> np.ndarray:
    """bpow[i] = beta^(2^i) for i <= log2(n) (at least 3 entries): the network's stage with half L
    multiplies by beta^L (see ``ntt_kernels.coset_nb_into``)."""
    bpow = np.empty(max(n.bit_length(), 3), dtype=np.uint64)
    b = int(beta)
    for i in range(bpow.shape[0]):
        bpow[i] = b
        b = b * b % P_INT
    return bpow


def _coset_bitrev_into(coeffs: np.ndarray, bpow: np.ndarray, out: np.ndarray) -> None:
    """out[i] = f(beta * w_n^bitrev(i)) for the coefficients of f (contiguous 1-D, n = len(coeffs)), with
    bpow = _beta_powers(beta, n)."""
    n = coeffs.shape[0]
    zb, zb3 = _nb_tables(n)
    (_k.coset_nb_serial if n <= _k.BLOCK else _k.coset_nb_into)(coeffs, out, zb, zb3, bpow)


def _forward_into(coeffs: np.ndarray, out: np.ndarray) -> None:
    # Bit-reversed copy + DIT: the permutation rides on the copy the API makes anyway.
    _bitrev_into(coeffs, out)
    _dit(out, False)


def _inverse_into(evals: np.ndarray, out: np.ndarray) -> None:
    n = evals.shape[0]
    n_inv = np.uint64(pow(n, P_INT - 2, P_INT))
    _bitrev_into(evals, out, n_inv)
    _dit(out, True)


def _columns(a: np.ndarray, fn) -> np.ndarray:
    """Apply a 1-D transform (src, dst) -> None to every column of ``a`` (1-D: to ``a`` itself)."""
    if a.ndim == 1:
        out = np.empty(a.shape[0], dtype=np.uint64)
        fn(np.ascontiguousarray(a), out)
        return out
    cols = _transpose(a)  # (columns, rows): each column contiguous for the kernels
    res = np.empty_like(cols)
    for c in range(cols.shape[0]):
        fn(cols[c], res[c])
    return _transpose(res)


def _transpose(a: np.ndarray) -> np.ndarray:
    out = np.empty((a.shape[1], a.shape[0]), dtype=np.uint64)
    _k.transpose_into(np.ascontiguousarray(a), out)
    return out


def ntt(a: np.ndarray) -> np.ndarray:
    """Evaluations of the polynomial with coefficients ``a`` on <w_n>, natural order.

    Args:
        a: 1-D uint64 array of n = 2^k coefficients (k <= 32), or 2-D (n x m): each column transformed.

    Returns:
        New array of the same shape: out[i] = sum_j a[j] * w_n^(i*j).

    Raises:
        FieldError: dtype is not uint64 or a value is >= p.
        ValueError: not 1-D/2-D, empty, or the length is not a power of two <= 2^32.

    Example:
        >>> ntt(np.array([1, 1], dtype=np.uint64)).tolist()   # f = 1 + x at 1 and -1
        [2, 0]
    """
    a = _check_array(a, "a")
    return _columns(a, _forward_into)


def intt(a: np.ndarray) -> np.ndarray:
    """Coefficients of the polynomial of degree < n with natural-order evaluations ``a`` on <w_n>.

    The inverse of :func:`ntt`; same shapes, validation and errors.
    """
    a = _check_array(a, "a")
    return _columns(a, _inverse_into)


def coset_ntt(coeffs: np.ndarray, shift: int) -> np.ndarray:
    """Evaluations on the coset shift * <w_n>, natural order: out[i] = f(shift * w_n^i).

    Args:
        coeffs: 1-D (n) or 2-D (n x m) uint64 coefficients, n a power of two.
        shift: nonzero field element.

    Raises:
        FieldError: bad dtype, values >= p, or shift not in [0, p).
        ValueError: bad shape or length, or shift = 0.
    """
    coeffs = _check_array(coeffs, "coeffs")
    s = _check_shift(shift)

    def fn(src: np.ndarray, dst: np.ndarray) -> None:
        tmp = np.empty_like(src)
        _k.scale_by_powers_into(src, s, tmp)
        _forward_into(tmp, dst)

    return _columns(coeffs, fn)


def coset_intt(evals: np.ndarray, shift: int) -> np.ndarray:
    """Coefficients of f from its natural-order evaluations on shift * <w_n> (inverse of coset_ntt)."""
    evals = _check_array(evals, "evals")
    s_inv = np.uint64(pow(int(_check_shift(shift)), P_INT - 2, P_INT))

    def fn(src: np.ndarray, dst: np.ndarray) -> None:
        tmp = np.empty_like(src)
        _inverse_into(src, tmp)
        _k.scale_by_powers_into(tmp, s_inv, dst)

    return _columns(evals, fn)


def _lde_coset_shifts(n: int, blowup: int, shift: np.uint64) -> list[np.uint64]:
    # Output block k (bit-reversed order) is the coset shift * w_N^bitrev(k) * <w_n>, bit-reversed.
    big_n = n * blowup
    w_big = int(root_of_unity(big_n))
    bits = blowup.bit_length() - 1
    return [np.uint64(int(shift) * pow(w_big, _reverse_bits(k, bits), P_INT) % P_INT) for k in range(blowup)]


def lde(evals: np.ndarray, blowup: int, shift: int = GENERATOR, bit_reversed: bool = True) -> np.ndarray:
    """Low-degree extension: from f on <w_n> to f on the coset shift * <w_N>, N = n * blowup.

    Order of the output (bit_reversed=True, the default, what the Merkle layer commits):
    ``out[i] = f(shift * w_N^(bitrev_{log2 N}(i)))``. With ``bit_reversed=False``:
    ``out[i] = f(shift * w_N^i)``. :func:`lde_domain` returns the points in the same orders.

    Bit-reversed order costs nothing extra: in that order, output block k (of n consecutive entries) is
    f on the smaller coset shift * w_N^bitrev(k) * <w_n>, itself bit-reversed, which the
    natural-to-bit-reversed network produces directly from the coefficients.

    Args:
        evals: values of a polynomial of degree < n on <w_n>, natural order; 1-D (n) or 2-D (n x m),
            one polynomial per column.
        blowup: power of two in 2..64.
        shift: nonzero coset shift (default the generator 7, so the coset misses <w_N>).
        bit_reversed: output order, see above.

    Returns:
        New array of shape (N,) or (N, m).

    Raises:
        FieldError: bad dtype, values >= p, bad shift.
        ValueError: bad shape, length, or blowup; shift = 0; N > 2^32.
    """
    evals = _check_array(evals, "evals")
    return _lde(evals, blowup, shift, bit_reversed, from_coeffs=False)


def lde_from_coeffs(coeffs: np.ndarray, blowup: int, shift: int = GENERATOR,
                    bit_reversed: bool = True) -> np.ndarray:
    """:func:`lde` from coefficients (degree < n) instead of evaluations: skips the inverse NTT.

    The STARK prover holds the trace and composition chunks as coefficients already; same output order,
    arguments and errors as :func:`lde`.
    """
    coeffs = _check_array(coeffs, "coeffs")
    return _lde(coeffs, blowup, shift, bit_reversed, from_coeffs=True)


def lde_columns(coeffs: np.ndarray, blowup: int, shift: int = GENERATOR) -> np.ndarray:
    """:func:`lde_from_coeffs` in column-major layout: one polynomial per ROW in, one per row out.

    Args:
        coeffs: (m, n) uint64, row k holding the n coefficients of polynomial k (n a power of two).
        blowup, shift: as for :func:`lde`.

    Returns:
        (m, n * blowup) array, row k the bit-reversed LDE of polynomial k (``lde_from_coeffs(coeffs.T).T``).

    The STARK prover commits column-major LDEs (:meth:`prover.merkle.MerkleTree.from_columns`): this skips
    the two transposes of the row-major path, 0.7 s of a 2^16-hash Rescue-chain proof on this machine.
    """
    if not isinstance(coeffs, np.ndarray) or coeffs.ndim != 2:
        raise ValueError("coeffs must be a 2-D (polynomials x coefficients) uint64 array")
    _check_array(np.ascontiguousarray(coeffs.T), "coeffs")
    return _lde(coeffs, blowup, shift, True, from_coeffs=True, column_major=True)


def _lde(evals: np.ndarray, blowup: int, shift: int, bit_reversed: bool, from_coeffs: bool,
         column_major: bool = False) -> np.ndarray:
    b = _check_blowup(blowup)
    s = _check_shift(shift)
    n = evals.shape[1] if column_major else evals.shape[0]
    log2_size(n * b, "LDE size n * blowup")
    bpows = [_beta_powers(shift_k, n) for shift_k in _lde_coset_shifts(n, b, s)]

    def fn(src: np.ndarray, dst: np.ndarray) -> None:
        if from_coeffs:
            coeffs = src
        else:
            coeffs = np.empty_like(src)
            _inverse_into(src, coeffs)
        for k in range(b):
            _coset_bitrev_into(coeffs, bpows[k], dst[k * n:(k + 1) * n])
        if not bit_reversed:
            tmp = dst.copy()
            _bitrev_into(tmp, dst)

    if evals.ndim == 1:
        out = np.empty(n * b, dtype=np.uint64)
        fn(np.ascontiguousarray(evals), out)
        return out
    cols = np.ascontiguousarray(evals) if column_major else _transpose(evals)
    res = np.empty((cols.shape[0], n * b), dtype=np.uint64)
    for c in range(cols.shape[0]):
        fn(cols[c], res[c])
    return res if column_major else _transpose(res)


def lde_domain(n: int, blowup: int, shift: int = GENERATOR, bit_reversed: bool = True) -> np.ndarray:
    """The LDE evaluation points shift * w_N^j (N = n * blowup), in the order :func:`lde` uses.

    Args:
        n: trace length, a power of two.
        blowup: power of two in 2..64.
        shift: nonzero coset shift.
        bit_reversed: ``out[i] = shift * w_N^bitrev(i)`` if True, else ``shift * w_N^i``.

    Returns:
        1-D uint64 array of length N.
    """
    log2_size(n, "n")
    b = _check_blowup(blowup)
    s = _check_shift(shift)
    big_n = n * b
    log2_size(big_n, "LDE size n * blowup")
    out = np.empty(big_n, dtype=np.uint64)
    ones = np.ones(big_n, dtype=np.uint64)
    _k.scale_by_powers_into(ones, root_of_unity(big_n), out)
    _k.mul_scalar_par(out, s)
    return bit_reverse_permutation(out) if bit_reversed else out


__all__ = [
    "GENERATOR", "TWO_ADICITY", "root_of_unity", "bit_reverse_permutation", "ntt", "intt", "coset_ntt",
    "coset_intt", "lde", "lde_columns", "lde_from_coeffs", "lde_domain", "log2_size",
]
