"""BLAKE3 hashing of many equal-length inputs at once: Merkle leaves (matrix rows) and 2-to-1 nodes.

BLAKE3 is specified in O'Connor, Aumasson, Neves, Wilcox-O'Hearn, "BLAKE3: one function, fast
everywhere" (2020). Every function here computes the plain (unkeyed) 32-byte BLAKE3 hash and is
byte-identical to the ``blake3`` package: ``hash_rows(m)[i].tobytes() == blake3(m[i].tobytes()).digest()``.
The Numba kernels (:mod:`prover.blake3_kernels`) hash the rows in lockstep, 16 lanes per AVX-512 vector.

Digests are returned as ``(n, 4)`` uint64 arrays: the 32 digest bytes read as four little-endian words.
"""

from __future__ import annotations

import sys

import numpy as np

from prover import blake3_kernels as _k

# Below this many rows the work does not pay for waking a second thread (a parallel launch costs
# 39 us under workqueue and 12 ms under OpenMP, DESIGN.md); measured on 2^20 rows x 4 words:
# 1 thread 20.3 ms, 2 threads 11.1 ms (ratio 1.83), so larger inputs always go parallel.
PARALLEL_MIN_ROWS = 2 * _k.BLOCK

if sys.byteorder != "little":  # pragma: no cover - the word <-> byte mapping assumes little-endian memory
    raise ImportError("prover.blake3 requires a little-endian machine")


def _as_rows(matrix: np.ndarray, name: str) -> np.ndarray:
    if not isinstance(matrix, np.ndarray):
        raise TypeError(f"{name} must be a numpy array, got {type(matrix).__name__}")
    if matrix.dtype != np.uint64:
        raise TypeError(f"{name} must have dtype uint64, got {matrix.dtype}")
    if matrix.ndim != 2:
        raise ValueError(f"{name} must be 2-D (rows, words), got {matrix.ndim}-D")
    if matrix.shape[1] < 1:
        raise ValueError(f"{name} rows must hold at least one word, got width {matrix.shape[1]}")
    # The kernel reads rows as uint32 words; a C-contiguous native-order copy makes the view valid.
    return np.ascontiguousarray(matrix, dtype=np.dtype("<u8"))


def _hash_u32_rows(words: np.ndarray, nbytes: int | None = None, col_major: bool = False) -> np.ndarray:
    n = words.shape[1] // 2 if col_major else words.shape[0]
    if nbytes is None:
        nbytes = 4 * words.shape[1]
    out = np.empty((n, 8), dtype=np.uint32)
    if n >= PARALLEL_MIN_ROWS:
        _k.hash_rows_parallel(words, nbytes, out, col_major)
    elif n > 0:
        _k.hash_rows_range(words, nbytes, out, 0, n, col_major)
    return out.view(np.uint64)


def hash_columns(columns: np.ndarray) -> np.ndarray:
    """:func:`hash_rows` of ``columns.T`` for a column-major ``(w, n)`` uint64 matrix, without transposing.

    Returns:
        ``(n, 4)`` uint64 array; row i is ``blake3(columns[:, i].tobytes()).digest()`` as words.

    Raises:
        TypeError, ValueError: as :func:`hash_rows` on ``columns.T``.
    """
    cols = _as_rows(columns, "columns")  # (w, n): the same dtype/2-D/contiguity checks
    if cols.shape[0] < 1:
        raise ValueError("columns must hold at least one column")
    return _hash_u32_rows(cols.view(np.uint32), 8 * cols.shape[0], col_major=True)


def hash_rows(matrix: np.ndarray) -> np.ndarray:
    """BLAKE3 digest of every row of a uint64 matrix, each row serialized as little-endian words.

    Args:
        matrix: ``(n, w)`` uint64 array, ``w >= 1``, any memory layout (copied if not C-contiguous).

    Returns:
        ``(n, 4)`` uint64 array; ``digests[i].tobytes() == blake3(matrix[i].tobytes()).digest()``.

    Raises:
        TypeError: ``matrix`` is not a uint64 numpy array.
        ValueError: ``matrix`` is not 2-D or has zero columns.

    Example:
        >>> import numpy as np, blake3
        >>> m = np.arange(8, dtype=np.uint64).reshape(2, 4)
        >>> hash_rows(m)[1].tobytes() == blake3.blake3(m[1].tobytes()).digest()
        True
    """
    rows = _as_rows(matrix, "matrix")
    return _hash_u32_rows(rows.view(np.uint32))


def _as_digests(arr: np.ndarray, name: str) -> np.ndarray:
    if not isinstance(arr, np.ndarray):
        raise TypeError(f"{name} must be a numpy array, got {type(arr).__name__}")
    if arr.dtype != np.uint64:
        raise TypeError(f"{name} must have dtype uint64, got {arr.dtype}")
    if arr.ndim != 2 or arr.shape[1] != 4:
        raise ValueError(f"{name} must have shape (n, 4), got {arr.shape}")
    return arr


def hash_pairs(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """2-to-1 node hashing: ``blake3(left[i] bytes || right[i] bytes)`` for every i (64-byte inputs).

    Args:
        left: ``(n, 4)`` uint64 digests.
        right: ``(n, 4)`` uint64 digests, same shape as ``left``.

    Returns:
        ``(n, 4)`` uint64 digests.

    Raises:
        TypeError: wrong type or dtype.
        ValueError: wrong shapes or ``left.shape != right.shape``.
    """
    left = _as_digests(left, "left")
    right = _as_digests(right, "right")
    if left.shape != right.shape:
        raise ValueError(f"left and right must have the same shape, got {left.shape} and {right.shape}")
    return _hash_u32_rows(np.hstack([left, right]).view(np.uint32))


def hash_children(level: np.ndarray) -> np.ndarray:
    """Parents of a Merkle level: node i of the result hashes ``level[2i] || level[2i+1]``.

    Args:
        level: ``(m, 4)`` uint64 digests, ``m`` even.

    Returns:
        ``(m // 2, 4)`` uint64 digests.
    """
    level = _as_digests(level, "level")
    if level.shape[0] % 2:
        raise ValueError(f"a Merkle level must have an even number of nodes, got {level.shape[0]}")
    # Sibling digests are adjacent in memory, so each parent's 64-byte input is one row of 8 words.
    words = np.ascontiguousarray(level).reshape(-1, 8).view(np.uint32)
    return _hash_u32_rows(words)


def hash_bytes(data: bytes) -> bytes:
    """BLAKE3 of arbitrary bytes (32-byte digest), computed by the same kernel on one input.

    Args:
        data: the message (any bytes-like object).

    Returns:
        The 32-byte digest, equal to ``blake3.blake3(data).digest()``.
    """
    data = bytes(data)
    # The kernel reads whole uint32 words: zero-pad (an empty message still needs one word of buffer).
    padded = data + bytes(-len(data) % 4 if data else 4)
    words = np.frombuffer(padded, dtype="<u4").reshape(1, -1)
    return _hash_u32_rows(np.ascontiguousarray(words), len(data)).tobytes()
