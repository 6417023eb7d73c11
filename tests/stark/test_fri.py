"""FRI on its own: honest low-degree words pass for every folding factor; a word of too high degree fails."""

from __future__ import annotations

import numpy as np
import pytest

from prover import ntt
from prover.fri import (
    FriFoldingError,
    FriRemainderError,
    FriShapeError,
    fri_commit,
    fri_draw_betas,
    fri_layer_count,
    fri_verify_queries,
)
from prover.transcript import Transcript

P = (1 << 64) - (1 << 32) + 1


def _word(degree: int, size: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    coeffs = np.zeros((size, 2), dtype=np.uint64)
    coeffs[:degree] = rng.integers(0, P, size=(degree, 2), dtype=np.uint64)
    # Evaluate on 7 * <w_size> and put in bit-reversed order, independently of the FRI code.
    return ntt.bit_reverse_permutation(ntt.coset_ntt(coeffs, 7))


def _run(word, n, f, rem, queries=12):
    big = word.shape[0]
    t = Transcript(b"fri-test")
    c = fri_commit(word, 7, n, f, rem, t)
    pos = t.challenge_indices("q", queries, big)
    openings = c.open(pos)
    t2 = Transcript(b"fri-test")
    betas = fri_draw_betas(t2, c.layer_roots, c.remainder)
    values = {int(p): (int(word[p, 0]), int(word[p, 1])) for p in pos}
    fri_verify_queries(values, big, 7, n, f, rem, betas, c.layer_roots,
                       [(o.rows, o.opening) for o in openings], c.remainder)
    return c


@pytest.mark.parametrize("f", [2, 4, 8])
@pytest.mark.parametrize("rem", [0, 3, 31])
def test_honest_word_passes(f, rem):
    n = 256
    c = _run(_word(n, 4 * n, f + rem), n, f, rem)
    layers, rem_len = fri_layer_count(n, f, rem)
    assert len(c.layer_roots) == layers and c.remainder.shape == (rem_len, 2)


@pytest.mark.parametrize("f", [2, 4, 8])
def test_too_high_degree_fails(f):
    n = 256
    with pytest.raises((FriFoldingError, FriRemainderError)):
        _run(_word(4 * n, 4 * n, 1), n, f, 3, queries=16)


def test_layer_count_shape():
    assert fri_layer_count(1 << 20, 8, 31) == (5, 32)
    assert fri_layer_count(1 << 20, 2, 0) == (20, 1)
    assert fri_layer_count(16, 8, 0) == (1, 2)


# --- kernels against Python integers ---------------------------------------------------------------


def _rev(i: int, bits: int) -> int:
    return int(f"{i:0{bits}b}"[::-1], 2) if bits else 0


@pytest.mark.parametrize("log_n", [0, 1, 3, 10, 15])
def test_bitrev_powers_matches_python(log_n):
    from prover.fri import fri_kernels as k

    n = 1 << log_n
    base, first = 0x1234_5678_9ABC_DEF1 % P, 987654321
    out = np.empty(n, dtype=np.uint64)
    k.bitrev_powers(np.uint64(base), np.uint64(first), out)
    for i in ([*range(n)] if n <= 1024 else [0, 1, 2, 3, 1023, 1024, 1025, n // 2 + 7, n - 1]):
        assert int(out[i]) == first * pow(base, _rev(i, log_n), P) % P


@pytest.mark.parametrize("half", [1, 5, (1 << 14) + 3])
def test_fold2_lanes_matches_python(half):
    from prover.fri import fri_kernels as k

    rng = np.random.default_rng(half)
    vals = rng.integers(0, P, size=(2 * half, 2), dtype=np.uint64)
    inv_x = rng.integers(1, P, size=half, dtype=np.uint64)
    b0, b1 = 31337, P - 5
    out = np.empty((half, 2), dtype=np.uint64)
    k.fold2_lanes(vals, np.uint64(b0), np.uint64(b1), inv_x, out)
    inv2 = (P + 1) // 2
    for m in ([*range(half)] if half < 100 else [0, 1, half // 2, half - 1]):
        a, b = [int(v) for v in vals[2 * m]], [int(v) for v in vals[2 * m + 1]]
        d = [(a[0] - b[0]) * int(inv_x[m]) % P, (a[1] - b[1]) * int(inv_x[m]) % P]
        t = [(b0 * d[0] + 7 * b1 * d[1]) % P, (b0 * d[1] + b1 * d[0]) % P]
        assert [int(v) for v in out[m]] == [(a[0] + b[0] + t[0]) * inv2 % P, (a[1] + b[1] + t[1]) * inv2 % P]


def test_non_canonical_opened_value_is_rejected():
    # A cheating committer can put p + v where v belongs: the Merkle openings and the comparison with the
    # queried value (given the same way) pass, so the fold must refuse the word rather than reduce it.
    n, f, rem = 256, 4, 3
    word = _word(n, 4 * n, 5)
    t = Transcript(b"fri-test")
    pos = Transcript(b"fri-test").challenge_indices("q", 1, 4 * n)  # not the run's draw; any position
    p0 = int(pos[0])
    word[p0] = (P + 5, 0)  # a non-canonical 5
    c = fri_commit(word, 7, n, f, rem, t)
    qs = t.challenge_indices("q", 8, 4 * n)
    qs = np.unique(np.append(qs, p0))
    openings = c.open(qs)
    t2 = Transcript(b"fri-test")
    betas = fri_draw_betas(t2, c.layer_roots, c.remainder)
    values = {int(p): (int(word[p, 0]), int(word[p, 1])) for p in qs}
    with pytest.raises(FriShapeError, match="canonical"):
        fri_verify_queries(values, 4 * n, 7, n, f, rem, betas, c.layer_roots,
                           [(o.rows, o.opening) for o in openings], c.remainder)
