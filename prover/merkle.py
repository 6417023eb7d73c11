"""BLAKE3 Merkle trees over matrix rows, with compact batch openings (multiproofs).

A Merkle tree (Merkle, "A digital signature based on a conventional encryption function", CRYPTO 1987)
commits to ``n = 2^d`` rows: leaf ``i`` is ``BLAKE3(row_i as little-endian uint64 words)`` and every inner
node is ``BLAKE3(left || right)`` (64-byte input), both computed by :mod:`prover.blake3`.

A batch opening for a set of leaf indices sends each sibling that the verifier cannot compute from
leaves it already holds exactly once (the "Octopus" compact multiproof). Order, which prover and verifier
share: level by level from the leaves up, and within a level by increasing node index, one digest for
every known node whose sibling is not also known. Openings are always for the **sorted** distinct
indices; the verifier requires its indices strictly increasing and leaves given in that order.
"""

from __future__ import annotations

import operator
import struct
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from prover import merkle_kernels as _mk
from prover.blake3 import hash_children, hash_columns, hash_rows
from prover.errors import MerkleVerificationError, ProofFormatError

DIGEST_BYTES = 32
# Trees larger than this are out of reach in memory; bounding it keeps hostile sizes in int64 range.
MAX_LOG_LEAVES = 62


@dataclass(frozen=True)
class BatchOpening:
    """Authentication data for a set of leaves: the sibling digests, in the order of the module docstring.

    Attributes:
        siblings: ``(k, 4)`` uint64 array of 32-byte digests.
    """

    siblings: np.ndarray

    def to_bytes(self) -> bytes:
        """Serialize as a little-endian uint32 sibling count followed by the 32-byte digests."""
        sib = np.ascontiguousarray(self.siblings, dtype="<u8")
        return struct.pack("<I", sib.shape[0]) + sib.tobytes()

    @property
    def num_bytes(self) -> int:
        """Length of :meth:`to_bytes` output."""
        return 4 + DIGEST_BYTES * int(self.siblings.shape[0])

    @classmethod
    def from_bytes(cls, data: bytes, max_siblings: int | None = None) -> BatchOpening:
        """Parse exactly one serialized opening.

        Args:
            data: the bytes of :meth:`to_bytes`, nothing before or after.
            max_siblings: optional bound on the sibling count (a verifier knows ``depth * #indices``).

        Raises:
            ProofFormatError: truncated or trailing bytes, or too many siblings.
        """
        opening, end = cls.decode_prefix(data, 0, max_siblings)
        if end != len(data):
            raise ProofFormatError(f"batch opening: {len(data) - end} trailing bytes")
        return opening

    @classmethod
    def decode_prefix(cls, data: bytes, offset: int = 0, max_siblings: int | None = None
                      ) -> tuple[BatchOpening, int]:
        """Parse one opening starting at ``offset`` of a larger buffer.

        Returns:
            ``(opening, end)`` where ``end`` is the offset just past the opening.

        Raises:
            ProofFormatError: the buffer is not bytes, is truncated, or holds too many siblings.
        """
        if not isinstance(data, bytes | bytearray | memoryview):
            raise ProofFormatError(f"batch opening: expected bytes, got {type(data).__name__}")
        data = bytes(data)
        if not 0 <= offset <= len(data) - 4:
            raise ProofFormatError("batch opening: truncated before the sibling count")
        (count,) = struct.unpack_from("<I", data, offset)
        if max_siblings is not None and count > max_siblings:
            raise ProofFormatError(f"batch opening: {count} siblings exceeds the bound {max_siblings}")
        start = offset + 4
        end = start + DIGEST_BYTES * count
        if end > len(data):
            raise ProofFormatError(f"batch opening: {count} siblings need {end - start} bytes, "
                                   f"{len(data) - start} present")
        sib = np.frombuffer(data, dtype="<u8", count=4 * count, offset=start).astype(np.uint64)
        return cls(sib.reshape(count, 4)), end


def _log2_exact(n: int) -> int | None:
    return n.bit_length() - 1 if n >= 1 and n & (n - 1) == 0 else None


def _sorted_unique_indices(indices: Sequence[int] | np.ndarray, num_leaves: int) -> list[int]:
    idx = sorted(operator.index(i) for i in np.asarray(indices).reshape(-1).tolist())
    if not idx:
        raise ValueError("at least one index is required")
    if any(a == b for a, b in zip(idx, idx[1:], strict=False)):
        raise ValueError("indices must be distinct")
    if idx[0] < 0 or idx[-1] >= num_leaves:
        raise ValueError(f"indices must lie in [0, {num_leaves})")
    return idx


class MerkleTree:
    """BLAKE3 Merkle tree over the rows of a 2-D uint64 matrix, one leaf per row.

    Args:
        rows: ``(n, w)`` uint64 matrix, ``n`` a power of two >= 1, ``w >= 1``.

    Raises:
        TypeError: ``rows`` is not a uint64 numpy array.
        ValueError: ``rows`` is not 2-D, or ``n`` is not a power of two.

    Example:
        >>> import numpy as np
        >>> rows = np.arange(32, dtype=np.uint64).reshape(8, 4)
        >>> tree = MerkleTree(rows)
        >>> verify_batch(tree.root, 8, [1, 6], rows[[1, 6]], tree.open([6, 1]))
    """

    def __init__(self, rows: np.ndarray) -> None:
        if not isinstance(rows, np.ndarray) or rows.dtype != np.uint64:
            raise TypeError("rows must be a uint64 numpy array")
        if rows.ndim != 2:
            raise ValueError(f"rows must be 2-D, got {rows.ndim}-D")
        n = rows.shape[0]
        if _log2_exact(n) is None:
            raise ValueError(f"the number of rows must be a power of two >= 1, got {n}")
        self._build(hash_rows(rows), int(rows.shape[1]))

    def _build(self, leaves: np.ndarray, row_width: int) -> None:
        levels = [leaves]
        while levels[-1].shape[0] > 1:
            levels.append(hash_children(levels[-1]))
        # levels[0] are the leaf digests, levels[-1] the (1, 4) root; each is an (m, 4) uint64 array.
        self._levels = tuple(levels)
        self.row_width = row_width

    @classmethod
    def from_columns(cls, columns: np.ndarray) -> MerkleTree:
        """The tree of ``MerkleTree(columns.T)`` built from a column-major ``(w, n)`` matrix.

        The BLAKE3 kernel gathers each row's words straight from the columns (the STARK prover commits its
        LDEs this way, so a 2^22-row LDE is never transposed).

        Raises:
            TypeError, ValueError: as for the constructor, on ``columns.T``.
        """
        if not isinstance(columns, np.ndarray) or columns.dtype != np.uint64:
            raise TypeError("columns must be a uint64 numpy array")
        if columns.ndim != 2 or columns.shape[0] == 0:
            raise ValueError(f"columns must be 2-D (w, n) with w >= 1, got shape {columns.shape}")
        w, n = columns.shape
        if _log2_exact(n) is None:
            raise ValueError(f"the number of rows must be a power of two >= 1, got {n}")
        leaves = hash_columns(columns)
        tree = cls.__new__(cls)
        tree._build(leaves, w)
        return tree

    @property
    def root(self) -> bytes:
        """The 32-byte root digest."""
        return self._levels[-1][0].tobytes()

    @property
    def depth(self) -> int:
        """Number of hashing levels above the leaves (log2 of the leaf count)."""
        return len(self._levels) - 1

    @property
    def num_leaves(self) -> int:
        return int(self._levels[0].shape[0])

    @property
    def levels(self) -> tuple[np.ndarray, ...]:
        """All levels as ``(m, 4)`` uint64 digest arrays, leaves first, root last (read-only views)."""
        views = []
        for lv in self._levels:
            v = lv.view()
            v.flags.writeable = False
            views.append(v)
        return tuple(views)

    def open(self, indices: Sequence[int] | np.ndarray) -> BatchOpening:
        """Batch opening of the given leaves.

        Args:
            indices: distinct leaf indices in any order; the opening is for them **sorted**.

        Returns:
            The :class:`BatchOpening` (siblings only; the caller sends the leaf rows).

        Raises:
            ValueError: no indices, duplicates, or an index out of ``[0, num_leaves)``.
        """
        known = _sorted_unique_indices(indices, self.num_leaves)
        digests = []
        for level in self._levels[:-1]:
            parents = []
            i = 0
            while i < len(known):
                node = known[i]
                if node % 2 == 0 and i + 1 < len(known) and known[i + 1] == node + 1:
                    i += 2
                else:
                    digests.append(level[node ^ 1])
                    i += 1
                parents.append(node >> 1)
            known = parents
        sib = np.array(digests, dtype=np.uint64).reshape(-1, 4)
        return BatchOpening(sib)


def _fail(msg: str) -> MerkleVerificationError:
    return MerkleVerificationError(msg)


def _check_indices(num_leaves: object, indices: object) -> tuple[int, list[int]]:
    if isinstance(num_leaves, bool) or not isinstance(num_leaves, int | np.integer):
        raise _fail(f"num_leaves must be an integer, got {type(num_leaves).__name__}")
    num_leaves = int(num_leaves)
    log_n = _log2_exact(num_leaves)
    if log_n is None:
        raise _fail(f"num_leaves must be a power of two >= 1, got {num_leaves}")
    if log_n > MAX_LOG_LEAVES:
        raise _fail(f"num_leaves 2^{log_n} exceeds the supported 2^{MAX_LOG_LEAVES}")
    try:
        arr = np.asarray(indices)
        if arr.dtype == object or arr.dtype.kind not in "iu" and arr.size:
            raise TypeError
        idx = [int(i) for i in arr.reshape(-1).tolist()]
    except (TypeError, ValueError, OverflowError):
        raise _fail("indices must be a sequence of integers") from None
    if not idx:
        raise _fail("no indices to verify")
    for a, b in zip(idx, idx[1:], strict=False):
        if a == b:
            raise _fail(f"duplicate index {a}")
        if a > b:
            raise _fail("indices must be sorted in increasing order")
    if idx[0] < 0:
        raise _fail(f"negative index {idx[0]}")
    if idx[-1] >= num_leaves:
        raise _fail(f"index {idx[-1]} out of range for {num_leaves} leaves")
    return log_n, idx


def _check_siblings(opening: object) -> np.ndarray:
    if not isinstance(opening, BatchOpening):
        raise _fail(f"opening must be a BatchOpening, got {type(opening).__name__}")
    sib = opening.siblings
    if not isinstance(sib, np.ndarray) or sib.dtype != np.uint64 or sib.ndim != 2 or sib.shape[1] != 4:
        raise _fail("opening siblings must be a (k, 4) uint64 array")
    return sib


def verify_batch_digests(root: bytes, num_leaves: int, indices: Sequence[int] | np.ndarray,
                         leaf_digests: np.ndarray, opening: BatchOpening) -> None:
    """Check a batch opening given the leaf digests (for callers that hash their leaves themselves).

    Args:
        root: the 32-byte committed root.
        num_leaves: leaf count of the committed tree (a power of two).
        indices: strictly increasing leaf indices.
        leaf_digests: ``(len(indices), 4)`` uint64 digests, in index order.
        opening: the :class:`BatchOpening`.

    Raises:
        MerkleVerificationError: any malformed argument or a root mismatch, with a message naming it.
    """
    if not isinstance(root, bytes) or len(root) != DIGEST_BYTES:
        raise _fail("root must be 32 bytes")
    log_n, idx = _check_indices(num_leaves, indices)
    if (not isinstance(leaf_digests, np.ndarray) or leaf_digests.dtype != np.uint64
            or leaf_digests.ndim != 2 or leaf_digests.shape[1] != 4):
        raise _fail("leaf digests must be a (k, 4) uint64 array")
    if leaf_digests.shape[0] != len(idx):
        raise _fail(f"{leaf_digests.shape[0]} leaves for {len(idx)} indices")
    sib = _check_siblings(opening)
    root_words = np.empty(4, dtype=np.uint64)
    used = _mk.batch_root(np.asarray(idx, dtype=np.int64), np.ascontiguousarray(leaf_digests),
                          np.ascontiguousarray(sib), log_n, root_words)
    if used < 0:
        raise _fail(f"too few siblings: the opening has {sib.shape[0]}")
    if used != sib.shape[0]:
        raise _fail(f"too many siblings: {sib.shape[0]} sent, {used} used")
    if root_words.tobytes() != root:
        raise _fail("root mismatch: the leaves and siblings do not hash to the committed root")


def verify_batch(root: bytes, num_leaves: int, indices: Sequence[int] | np.ndarray, leaf_rows: np.ndarray,
                 opening: BatchOpening, row_width: int | None = None) -> None:
    """Check that ``leaf_rows`` are the rows at ``indices`` of the matrix committed to by ``root``.

    Args:
        root: the 32-byte committed root.
        num_leaves: leaf count of the committed tree (a power of two).
        indices: strictly increasing leaf indices (as returned sorted by the transcript).
        leaf_rows: ``(len(indices), w)`` uint64 rows, in index order.
        opening: the :class:`BatchOpening` from :meth:`MerkleTree.open`.
        row_width: the expected ``w``; when given, any other width is rejected.

    Raises:
        MerkleVerificationError: any malformed argument or a root mismatch, with a message naming it.
    """
    if not isinstance(leaf_rows, np.ndarray) or leaf_rows.dtype != np.uint64 or leaf_rows.ndim != 2:
        raise _fail("leaf rows must be a 2-D uint64 array")
    if leaf_rows.shape[1] < 1:
        raise _fail("leaf rows must be non-empty")
    if row_width is not None and leaf_rows.shape[1] != row_width:
        raise _fail(f"leaf rows have width {leaf_rows.shape[1]}, expected {row_width}")
    verify_batch_digests(root, num_leaves, indices, hash_rows(leaf_rows), opening)
