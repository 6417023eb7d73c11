"""Merkle trees and batch openings against a naive pure-Python build with the ``blake3`` package."""

from __future__ import annotations

import blake3
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prover.errors import MerkleVerificationError, ProofFormatError
from prover.merkle import BatchOpening, MerkleTree, verify_batch, verify_batch_digests


def _naive_levels(rows: np.ndarray) -> list[list[bytes]]:
    level = [blake3.blake3(r.tobytes()).digest() for r in rows]
    levels = [level]
    while len(level) > 1:
        level = [blake3.blake3(level[2 * i] + level[2 * i + 1]).digest() for i in range(len(level) // 2)]
        levels.append(level)
    return levels


def _naive_siblings(levels: list[list[bytes]], indices: list[int]) -> list[bytes]:
    """Siblings the verifier cannot compute, level by level, increasing index within a level."""
    known = set(indices)
    out = []
    for level in levels[:-1]:
        out += [level[s] for s in sorted({i ^ 1 for i in known} - known)]
        known = {i >> 1 for i in known}
    return out


def _rows(n: int, w: int, seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).integers(0, 2**64, size=(n, w), dtype=np.uint64)


@pytest.mark.parametrize("n, w", [(1, 1), (2, 4), (8, 3), (64, 8), (1024, 4), (16, 130)])
def test_root_matches_naive_build(n, w):
    rows = _rows(n, w, seed=n + w)
    tree = MerkleTree(rows)
    levels = _naive_levels(rows)
    assert tree.root == levels[-1][0]
    assert tree.depth == len(levels) - 1 and tree.num_leaves == n
    for ours, naive in zip(tree.levels, levels, strict=True):
        assert [d.tobytes() for d in ours] == naive


ROWS64 = _rows(64, 3, seed=11)
TREE64 = MerkleTree(ROWS64)
LEVELS64 = _naive_levels(ROWS64)


@settings(max_examples=40, deadline=None)
@given(st.sets(st.integers(0, 63), min_size=1, max_size=64))
def test_openings_verify_and_match_naive_siblings(index_set):
    indices = sorted(index_set)
    opening = TREE64.open(list(reversed(indices)))  # any order in, sorted opening out
    assert [s.tobytes() for s in opening.siblings] == _naive_siblings(LEVELS64, indices)
    verify_batch(TREE64.root, 64, indices, ROWS64[indices], opening, row_width=3)
    decoded = BatchOpening.from_bytes(opening.to_bytes())
    verify_batch_digests(TREE64.root, 64, np.array(indices), TREE64.levels[0][indices], decoded)


def test_single_leaf_tree():
    rows = _rows(1, 5, seed=2)
    tree = MerkleTree(rows)
    assert tree.depth == 0 and tree.root == blake3.blake3(rows[0].tobytes()).digest()
    opening = tree.open([0])
    assert opening.siblings.shape == (0, 4)
    verify_batch(tree.root, 1, [0], rows, opening)
    extra = BatchOpening(np.zeros((1, 4), dtype=np.uint64))
    with pytest.raises(MerkleVerificationError, match="too many siblings"):
        verify_batch(tree.root, 1, [0], rows, extra)


IDX = [3, 4, 5, 17, 40]


def _good():
    return TREE64.root, 64, list(IDX), ROWS64[IDX].copy(), TREE64.open(IDX)


def _expect(match, root, n, idx, rows, opening, **kw):
    with pytest.raises(MerkleVerificationError, match=match):
        verify_batch(root, n, idx, rows, opening, **kw)


def test_honest_opening_passes():
    verify_batch(*_good(), row_width=3)


def test_wrong_index_rejected():
    root, n, idx, rows, op = _good()
    for k in range(len(idx)):
        bad = list(idx)
        bad[k] = bad[k] + 1 if bad[k] + 1 not in idx else bad[k] - 1
        bad.sort()
        with pytest.raises(MerkleVerificationError):
            verify_batch(root, n, bad, rows, op)


def test_every_sibling_bit_matters():
    root, n, idx, rows, op = _good()
    for k in range(op.siblings.shape[0]):
        for word in range(4):
            sib = op.siblings.copy()
            sib[k, word] ^= np.uint64(1 << (7 * word + k % 7))
            _expect("root mismatch", root, n, idx, rows, BatchOpening(sib))


def test_changed_leaf_rejected():
    root, n, idx, rows, op = _good()
    for k in range(rows.shape[0]):
        bad = rows.copy()
        bad[k, 1] ^= np.uint64(1)
        _expect("root mismatch", root, n, idx, bad, op)


def test_missing_and_extra_siblings_rejected():
    root, n, idx, rows, op = _good()
    _expect("too few siblings", root, n, idx, rows, BatchOpening(op.siblings[:-1]))
    _expect("too few siblings", root, n, idx, rows, BatchOpening(op.siblings[1:]))
    extra = np.vstack([op.siblings, op.siblings[:1]])
    _expect("too many siblings", root, n, idx, rows, BatchOpening(extra))


@pytest.mark.parametrize("idx, match", [
    ([3, 3, 5, 17, 40], "duplicate"),
    ([3, 4, 5, 17, 64], "out of range"),
    ([-1, 4, 5, 17, 40], "negative"),
    ([4, 3, 5, 17, 40], "sorted"),
    ([], "no indices"),
    (["a"], "integers"),
    ([1.5, 2.0], "integers"),
    ([2**80], "integers"),
])
def test_bad_indices_rejected(idx, match):
    root, n, _, rows, op = _good()
    _expect(match, root, n, idx, rows[: max(len(idx), 1)], op)


def test_wrong_shapes_and_counts_rejected():
    root, n, idx, rows, op = _good()
    _expect("expected 4", root, n, idx, rows, op, row_width=4)
    _expect("root mismatch", root, n, idx, np.hstack([rows, rows[:, :1]]), op)
    _expect("4 leaves for 5 indices", root, n, idx, rows[:4], op)
    _expect("2-D uint64", root, n, idx, rows.astype(np.int64), op)
    _expect("2-D uint64", root, n, idx, rows.tolist(), op)
    _expect("BatchOpening", root, n, idx, rows, op.siblings)
    _expect("siblings must be", root, n, idx, rows, BatchOpening(op.siblings[:, :3]))
    _expect("siblings must be", root, n, idx, rows, BatchOpening(op.siblings.astype(np.int64)))


@pytest.mark.parametrize("n, match", [(63, "power of two"), (0, "power of two"), (-64, "power of two"),
                                      (2**70, "exceeds"), ("64", "integer"), (True, "integer"),
                                      (128, "too few siblings"), (32, "out of range")])
def test_bad_num_leaves_rejected(n, match):
    root, _, idx, rows, op = _good()
    _expect(match, root, n, idx, rows, op)


def test_wrong_root_rejected():
    root, n, idx, rows, op = _good()
    _expect("root mismatch", bytes(32), n, idx, rows, op)
    _expect("root mismatch", root[:-1] + bytes([root[-1] ^ 1]), n, idx, rows, op)
    _expect("32 bytes", root[:31], n, idx, rows, op)
    _expect("32 bytes", root.hex(), n, idx, rows, op)


@settings(max_examples=40, deadline=None)
@given(st.binary(min_size=0, max_size=200), st.lists(st.integers(-5, 70), max_size=6))
def test_hostile_inputs_only_raise_verification_errors(blob, idx):
    root, n, _, rows, _ = _good()
    try:
        op = BatchOpening.from_bytes(blob)
    except ProofFormatError:
        return
    with pytest.raises(MerkleVerificationError):
        verify_batch(root, n, idx, rows[: len(idx)], op)


def test_serialization_round_trip_and_prefix_decoding():
    _, _, _, _, op = _good()
    data = op.to_bytes()
    assert len(data) == op.num_bytes == 4 + 32 * op.siblings.shape[0]
    np.testing.assert_array_equal(BatchOpening.from_bytes(data).siblings, op.siblings)
    got, end = BatchOpening.decode_prefix(b"xy" + data + b"tail", 2)
    assert end == 2 + len(data)
    np.testing.assert_array_equal(got.siblings, op.siblings)


@pytest.mark.parametrize("blob, match", [
    (b"", "truncated"), (b"\x01\x00\x00", "truncated"),
    (b"\x02\x00\x00\x00" + bytes(63), "need 64 bytes"),
    (b"\x00\x00\x00\x00\x00", "trailing"),
    (b"\xff\xff\xff\xff", "need"),
])
def test_malformed_serialized_openings(blob, match):
    with pytest.raises(ProofFormatError, match=match):
        BatchOpening.from_bytes(blob)


def test_from_bytes_bounds_and_types():
    data = BatchOpening(np.zeros((3, 4), dtype=np.uint64)).to_bytes()
    with pytest.raises(ProofFormatError, match="exceeds the bound"):
        BatchOpening.from_bytes(data, max_siblings=2)
    with pytest.raises(ProofFormatError, match="expected bytes"):
        BatchOpening.from_bytes("abcd")


@pytest.mark.parametrize("n", [0, 3, 6, 12])
def test_tree_rejects_non_power_of_two(n):
    with pytest.raises(ValueError, match="power of two"):
        MerkleTree(np.zeros((n, 4), dtype=np.uint64))


def test_tree_rejects_bad_matrix_and_bad_open():
    with pytest.raises(TypeError):
        MerkleTree(np.zeros((4, 4), dtype=np.int64))
    with pytest.raises(ValueError, match="2-D"):
        MerkleTree(np.zeros(4, dtype=np.uint64))
    tree = MerkleTree(_rows(8, 2))
    for bad, match in (([1, 1], "distinct"), ([8], r"\[0, 8\)"), ([-1], r"\[0, 8\)"), ([], "at least one")):
        with pytest.raises(ValueError, match=match):
            tree.open(bad)


@pytest.mark.parametrize("w, n", [(1, 1), (3, 8), (12, 1 << 12), (5, 1 << 18)])
def test_from_columns_equals_row_tree(w, n):
    rng = np.random.default_rng(w * n)
    cols = rng.integers(0, 2**64 - 2**32, size=(w, n), dtype=np.uint64)
    tree = MerkleTree.from_columns(cols)
    ref = MerkleTree(np.ascontiguousarray(cols.T))
    assert tree.root == ref.root and tree.row_width == w and tree.num_leaves == n
    idx = [0, n - 1] if n > 1 else [0]
    assert tree.open(idx).to_bytes() == ref.open(idx).to_bytes()


def test_from_columns_rejects_bad_input():
    with pytest.raises(TypeError):
        MerkleTree.from_columns(np.zeros((2, 8), dtype=np.int64))
    with pytest.raises(ValueError, match="power of two"):
        MerkleTree.from_columns(np.zeros((2, 6), dtype=np.uint64))
    with pytest.raises(ValueError, match="2-D"):
        MerkleTree.from_columns(np.zeros(8, dtype=np.uint64))
