"""The core suite's cases as pytest-benchmark tests (issue: "the same cases under bench/").

Run: ``NUMBA_THREADING_LAYER=workqueue .venv/bin/pytest bench/ --benchmark-only`` (``make bench-pytest``).
Not part of ``make test``: timings are measured here, never asserted. Each case is parametrised by
``impl`` so pytest-benchmark's table puts ours beside the reference of the same size; every result is
also checked against its reference, so a fast wrong kernel cannot pass.
"""

from __future__ import annotations

import numpy as np
import pytest

from bench.merkle_bench import _blake3_loop_root
from bench.ntt_bench import BABYBEAR
from prover import ntt
from prover.field import goldilocks as field
from prover.merkle import MerkleTree

P = 2**64 - 2**32 + 1
LOG_N = 16  # moderate: the full grid lives in ``python -m bench core``


def _rand(shape, seed=0):
    return np.random.default_rng(seed).integers(0, P, size=shape, dtype=np.uint64)


@pytest.fixture(scope="module")
def vec():
    return _rand(1 << LOG_N)


def test_field_mul_prover(benchmark):
    a, b = _rand(1 << 20, 1), _rand(1 << 20, 2)
    field.mul(a, b)  # compile / load cache outside the timing
    out = benchmark(field.mul, a, b)
    assert [int(v) for v in out[:64]] == [int(x) * int(y) % P for x, y in zip(a[:64], b[:64], strict=True)]


def test_field_mul_numpy_float(benchmark):
    a, b = np.random.default_rng(1).random(1 << 20), np.random.default_rng(2).random(1 << 20)
    benchmark(np.multiply, a, b)


@pytest.mark.parametrize("case", ["ntt", "intt"])
def test_ntt_prover(benchmark, vec, case):
    fn = ntt.ntt if case == "ntt" else ntt.intt
    fn(vec)
    out = benchmark(fn, vec)
    inverse = ntt.intt if case == "ntt" else ntt.ntt
    assert np.array_equal(inverse(out), vec)


def test_ntt_numpy_fft(benchmark):
    x = np.random.default_rng(0).random(1 << LOG_N) + 0j
    benchmark(np.fft.fft, x)


def test_ntt_galois_babybear(benchmark):
    import galois

    x = np.random.default_rng(0).integers(0, BABYBEAR, size=1 << LOG_N)
    gf = galois.GF(BABYBEAR)
    galois.ntt(x[:8], modulus=BABYBEAR)
    out = benchmark(galois.ntt, x, modulus=BABYBEAR)
    assert np.array_equal(galois.intt(out, modulus=BABYBEAR), gf(x))


def test_lde_prover(benchmark, vec):
    ntt.lde(vec, 8)
    out = benchmark(ntt.lde, vec, 8)
    assert out.shape == (8 << LOG_N,)
    # Every 8th point of the natural-order coset is the coset of size n: compare with coset_ntt.
    coeffs = ntt.intt(vec)
    small = ntt.coset_ntt(coeffs, int(ntt.GENERATOR))
    assert np.array_equal(ntt.bit_reverse_permutation(out)[::8], small)


@pytest.mark.parametrize("width", [1, 8])
def test_merkle_prover(benchmark, width):
    rows = _rand((1 << LOG_N, width), width)
    MerkleTree(rows[:8])
    tree = benchmark(MerkleTree, rows)
    assert tree.root == _blake3_loop_root(rows)


@pytest.mark.parametrize("width", [1, 8])
def test_merkle_blake3_loop(benchmark, width):
    rows = _rand((1 << LOG_N, width), width)
    root = benchmark.pedantic(_blake3_loop_root, args=(rows,), rounds=3, iterations=1)
    assert root == MerkleTree(rows).root
