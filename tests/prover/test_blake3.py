"""BLAKE3 kernels against the official test vectors and the ``blake3`` package (the oracle)."""

from __future__ import annotations

import blake3
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prover.blake3 import PARALLEL_MIN_ROWS, hash_bytes, hash_children, hash_pairs, hash_rows

# First 32 bytes of the "hash" field of BLAKE3-team/BLAKE3 test_vectors/test_vectors.json; the input of
# length L is bytes(i % 251 for i in range(L)).
OFFICIAL = {
    0: "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262",
    1: "2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213",
    1023: "10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11",
    1024: "42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7",
    1025: "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444",
    2048: "e776b6028c7cd22a4d0ba182a8bf62205d2ef576467e838ed6f2529b85fba24a",
    2049: "5f4d72f40d7a5f82b15ca2b2e44b1de3c2ef86c426c95c1af0b6879522563030",
    3072: "b98cb0ff3623be03326b373de6b9095218513e64f1ee2edd2525c7ad1e5cffd2",
    3073: "7124b49501012f81cc7f11ca069ec9226cecb8a2c850cfe644e327d22d3e1cd3",
    4096: "015094013f57a5277b59d8475c0501042c0b642e531b0a1c8f58d2163229e969",
    4097: "9b4052b38f1c5fc8b1f9ff7ac7b27cd242487b3d890d15c96a1c25b8aa0fb995",
    5120: "9cadc15fed8b5d854562b26a9536d9707cadeda9b143978f319ab34230535833",
    5121: "628bd2cb2004694adaab7bbd778a25df25c47b9d4155a55f8fbd79f2fe154cff",
    6144: "3e2e5b74e048f3add6d21faab3f83aa44d3b2278afb83b80b3c35164ebeca205",
    6145: "f1323a8631446cc50536a9f705ee5cb619424d46887f3c376c695b70e0f0507f",
    7168: "61da957ec2499a95d6b8023e2b0e604ec7f6b50e80a9678b89d2628e99ada77a",
    7169: "a003fc7a51754a9b3c7fae0367ab3d782dccf28855a03d435f8cfe74605e7817",
    8192: "aae792484c8efe4f19e2ca7d371d8c467ffb10748d8a5a1ae579948f718a2a63",
    8193: "bab6c09cb8ce8cf459261398d2e7aef35700bf488116ceb94a36d0f5f1b7bc3b",
    16384: "f875d6646de28985646f34ee13be9a576fd515f76b5b0a26bb324735041ddde4",
    31744: "62b6960e1a44bcc1eb1a611a8d6235b6b4b78f32e7abc4fb4c6cdcce94895c47",
    102400: "bc3e3d41a1146b069abffad3c0d44860cf664390afce4d9661f7902e7943e085",
}


def _vector_input(length: int) -> bytes:
    return bytes(i % 251 for i in range(length))


def _oracle(row: np.ndarray) -> bytes:
    return blake3.blake3(row.tobytes()).digest()


@pytest.mark.parametrize("length", sorted(OFFICIAL))
def test_official_vectors_hash_bytes(length):
    assert hash_bytes(_vector_input(length)).hex() == OFFICIAL[length]


@pytest.mark.parametrize("length", [L for L in sorted(OFFICIAL) if L and L % 8 == 0])
def test_official_vectors_as_rows(length):
    row = np.frombuffer(_vector_input(length), dtype="<u8").astype(np.uint64).reshape(1, -1)
    assert hash_rows(row)[0].tobytes().hex() == OFFICIAL[length]


@pytest.mark.parametrize("length", [2, 3, 4, 5, 8, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1026, 4095])
def test_other_lengths_match_package(length):
    data = _vector_input(length)
    assert hash_bytes(data) == blake3.blake3(data).digest()


@settings(max_examples=25, deadline=None)
@given(w=st.sampled_from(list(range(1, 21)) + [64, 128, 129, 300]),
       n=st.sampled_from([1, 2, 7, 1000]),
       seed=st.integers(0, 2**32 - 1))
def test_hash_rows_matches_package(w, n, seed):
    m = np.random.default_rng(seed).integers(0, 2**64, size=(n, w), dtype=np.uint64)
    d = hash_rows(m)
    assert d.shape == (n, 4) and d.dtype == np.uint64
    for i in range(n):
        assert d[i].tobytes() == _oracle(m[i]), (w, n, i)


@pytest.mark.parametrize("w", [1, 4, 8, 16, 17, 128, 129, 300, 513])
def test_hash_rows_each_width_small_batch(w):
    m = np.random.default_rng(w).integers(0, 2**64, size=(3, w), dtype=np.uint64)
    d = hash_rows(m)
    assert [d[i].tobytes() for i in range(3)] == [_oracle(m[i]) for i in range(3)]


def test_hash_rows_parallel_path():
    n = PARALLEL_MIN_ROWS + 300  # not a multiple of the tile or block size
    m = np.random.default_rng(7).integers(0, 2**64, size=(n, 4), dtype=np.uint64)
    d = hash_rows(m)
    assert all(d[i].tobytes() == _oracle(m[i]) for i in range(n))


def test_hash_rows_non_contiguous_inputs():
    base = np.random.default_rng(3).integers(0, 2**64, size=(40, 12), dtype=np.uint64)
    for view in (base[::3, 1:9], np.asfortranarray(base), base.T[:5]):
        d = hash_rows(view)
        assert all(d[i].tobytes() == _oracle(np.ascontiguousarray(view[i])) for i in range(view.shape[0]))


def test_hash_rows_does_not_mutate_input():
    m = np.random.default_rng(4).integers(0, 2**64, size=(16, 5), dtype=np.uint64)
    before = m.copy()
    hash_rows(m)
    np.testing.assert_array_equal(m, before)


def test_hash_rows_empty_batch():
    assert hash_rows(np.zeros((0, 4), dtype=np.uint64)).shape == (0, 4)


def test_hash_pairs_and_children_match_package():
    rng = np.random.default_rng(5)
    left = rng.integers(0, 2**64, size=(33, 4), dtype=np.uint64)
    right = rng.integers(0, 2**64, size=(33, 4), dtype=np.uint64)
    d = hash_pairs(left, right)
    for i in range(33):
        assert d[i].tobytes() == blake3.blake3(left[i].tobytes() + right[i].tobytes()).digest()
    level = rng.integers(0, 2**64, size=(10, 4), dtype=np.uint64)
    p = hash_children(level)
    for i in range(5):
        assert p[i].tobytes() == blake3.blake3(level[2 * i].tobytes() + level[2 * i + 1].tobytes()).digest()


@pytest.mark.parametrize("bad, exc", [
    (np.zeros((2, 4), dtype=np.int64), TypeError),
    (np.zeros((2, 4), dtype=np.float64), TypeError),
    (np.zeros((2, 4), dtype=np.uint32), TypeError),
    ([[1, 2], [3, 4]], TypeError),
    (np.zeros(4, dtype=np.uint64), ValueError),
    (np.zeros((2, 2, 2), dtype=np.uint64), ValueError),
    (np.zeros((2, 0), dtype=np.uint64), ValueError),
])
def test_hash_rows_rejects_bad_arguments(bad, exc):
    with pytest.raises(exc):
        hash_rows(bad)


def test_hash_pairs_rejects_bad_arguments():
    good = np.zeros((3, 4), dtype=np.uint64)
    with pytest.raises(ValueError, match="same shape"):
        hash_pairs(good, np.zeros((2, 4), dtype=np.uint64))
    with pytest.raises(ValueError, match=r"\(n, 4\)"):
        hash_pairs(good, np.zeros((3, 3), dtype=np.uint64))
    with pytest.raises(TypeError):
        hash_pairs(good, good.astype(np.int64))
    with pytest.raises(ValueError, match="even"):
        hash_children(good)


@pytest.mark.parametrize("w, n", [(1, 1), (2, 5), (8, 300), (12, 5000), (130, 3)])
def test_hash_columns_matches_blake3_package(w, n):
    from prover.blake3 import hash_columns

    cols = np.random.default_rng(w * 1000 + n).integers(0, 2**64, size=(w, n), dtype=np.uint64)
    got = hash_columns(cols)
    assert got.shape == (n, 4)
    for i in sorted({0, n // 2, n - 1}):
        assert got[i].tobytes() == blake3.blake3(np.ascontiguousarray(cols[:, i]).tobytes()).digest()


def test_hash_columns_rejects_bad_input():
    from prover.blake3 import hash_columns

    with pytest.raises(TypeError):
        hash_columns(np.zeros((2, 4), dtype=np.int64))
    with pytest.raises(ValueError):
        hash_columns(np.zeros(4, dtype=np.uint64))
