"""The Rescue-Prime Rp64_256 hash-chain AIR: trace, constraints, fused evaluator, prove/verify."""

from __future__ import annotations

import numpy as np
import pytest

from stark import ProofOptions, TraceCheckError, VerificationError, check_trace, prove, verify
from stark.air import periodic_values_on_trace
from stark.airs import rescue_prime as rp
from stark.airs.rescue_chain import RescueChainAir, build_trace, chain_digest, evaluate_with_ops
from stark.field_ops import BaseColumnOps

P = 2**64 - 2**32 + 1
FAST = ProofOptions.fast_insecure_for_tests()
SEED = [11, 22, 33, P - 1]


def _python_chain(seed, num_hashes):
    """h_{i+1} = hash_elements(h_i) from the permutation alone (Python ints for the sponge framing)."""
    h = list(seed)
    for _ in range(num_hashes):
        h = [int(v) for v in rp.permute([4, 0, 0, 0, *h, 0, 0, 0, 0])[4:8]]
    return h


def _public(trace):
    return SEED + [int(v) for v in trace[-1, 4:8]]


@pytest.fixture(scope="module")
def honest():
    trace = build_trace(SEED, 4)
    return trace, RescueChainAir(_public(trace), trace.shape[0])


def test_trace_matches_plain_hash_chain():
    for num_hashes in (1, 2, 8):
        trace = build_trace(SEED, num_hashes)
        assert trace.shape == (8 * num_hashes, 12) and trace.dtype == np.uint64
        want = _python_chain(SEED, num_hashes)
        assert [int(v) for v in trace[-1, 4:8]] == want
        assert [int(v) for v in chain_digest(SEED, num_hashes)] == want
        for k in range(num_hashes):
            h_k = _python_chain(SEED, k)
            assert [int(v) for v in trace[8 * k]] == [4, 0, 0, 0, *h_k, 0, 0, 0, 0]
            assert np.array_equal(trace[8 * k + 7], rp.permute(trace[8 * k]))


def test_honest_trace_passes(honest):
    trace, air = honest
    check_trace(air, trace)


@pytest.mark.parametrize(("row", "col"), [(3, 5), (7, 0), (8, 4), (8, 9), (12, 11)])
def test_altered_cell_is_named(honest, row, col):
    trace, air = honest
    bad = trace.copy()
    bad[row, col] = (int(bad[row, col]) + 1) % P
    with pytest.raises(TraceCheckError) as exc:
        check_trace(air, bad)
    # The first failing transition is the one *into* the altered row (its predecessor's constraint).
    assert exc.value.row == row - 1
    assert f"rows {row - 1} and {row}" in str(exc.value)


def test_altered_first_row_fails_an_assertion(honest):
    trace, air = honest
    bad = trace.copy()
    bad[0, 2] = 1
    with pytest.raises(TraceCheckError):
        check_trace(air, bad)


def test_fused_evaluator_matches_ops_route():
    # Random (non-trace) columns: every constraint value must agree, not only the zeros.
    n = 700  # not a multiple of the kernel's sub-block
    rng = np.random.default_rng(7)
    cur = [rng.integers(0, P, n, dtype=np.uint64) for _ in range(12)]
    nxt = [rng.integers(0, P, n, dtype=np.uint64) for _ in range(12)]
    air = RescueChainAir(SEED + [0, 0, 0, 0], 64)
    per = [np.ascontiguousarray(periodic_values_on_trace(c, 1024)[:n]) for c in air.periodic_columns()]
    per[0] = rng.integers(0, P, n, dtype=np.uint64)  # a random "flag" exercises both halves of the mix
    ops = BaseColumnOps(n)
    fused = air.evaluate_transition(ops, cur, nxt, per)
    generic = evaluate_with_ops(ops, cur, nxt, per)
    assert len(fused) == len(generic) == 12
    for f, g in zip(fused, generic, strict=True):
        assert np.array_equal(f, g)


def test_structure():
    air = RescueChainAir(SEED + [1, 2, 3, 4], 32)
    degrees, assertions, periodic = air.validated_structure()
    assert degrees == [8] * 12 and air.num_composition_chunks() == 7
    assert len(assertions) == 16 and len(periodic) == 25
    assert [int(v) for v in periodic[0]] == [1, 1, 1, 1, 1, 1, 1, 0]
    with pytest.raises(ValueError):
        RescueChainAir(SEED, 32)
    with pytest.raises(ValueError):
        build_trace(SEED, 3)
    with pytest.raises(ValueError):
        build_trace([1, 2, 3], 2)


@pytest.mark.parametrize("num_hashes", [2, 4, 8])
def test_prove_verify(num_hashes):
    trace, public = RescueChainAir.example(num_hashes)
    n = RescueChainAir.trace_length_for(num_hashes)
    proof = prove(RescueChainAir(public, n), trace, FAST)
    verify(RescueChainAir, public, proof.to_bytes(), min_security_bits=0)
    wrong = public[:4] + [(public[4] + 1) % P] + public[5:]
    with pytest.raises(VerificationError):
        verify(RescueChainAir, wrong, proof, min_security_bits=0)
    wrong_seed = [(public[0] + 1) % P] + public[1:]
    with pytest.raises(VerificationError):
        verify(RescueChainAir, wrong_seed, proof, min_security_bits=0)


def test_forged_trace_does_not_verify():
    trace, public = RescueChainAir.example(2)
    bad = trace.copy()
    bad[10, 6] = (int(bad[10, 6]) + 5) % P
    forged = prove(RescueChainAir(public, 16), bad, FAST, _skip_trace_check=True)
    with pytest.raises(VerificationError):
        verify(RescueChainAir, public, forged, min_security_bits=0)


def test_delayed_reduction_of_a_wide_sum_matches_python_ints():
    # The inverse-MDS rows are summed unreduced and reduced once: low words (wrapping, so any 64-bit value,
    # including p..2^64-1 which random sums reach with probability 2^-32), then mid and top below p.
    from numba import njit

    from stark.airs.rescue_chain_kernels import _reduce_sum

    @njit(cache=False)
    def run(low, mid, top, out):
        for i in range(low.shape[0]):
            out[i] = _reduce_sum(low[i], mid[i], top[i])

    p = rp.MODULUS
    lows = [0, 1, p - 1, p, p + 5, 2**64 - 1, 2**63]
    highs = [0, 1, 2**32 - 1, 2**32, 12 * 2**32 + 11, 2**36, p - 1]
    cases = [(a, b, c) for a in lows for b in highs for c in highs]
    rng = np.random.default_rng(5)
    for _ in range(500):
        cases.append((int(rng.integers(0, 2**64, dtype=np.uint64)), int(rng.integers(0, 2**36)),
                      int(rng.integers(0, 2**36))))
    low, mid, top = (np.array(col, dtype=np.uint64) for col in zip(*cases, strict=True))
    out = np.empty(len(cases), dtype=np.uint64)
    run(low, mid, top, out)
    assert [int(v) for v in out] == [(a + (b << 64) + (c << 96)) % p for a, b, c in cases]
