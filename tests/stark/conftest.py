"""Shared fixtures: tiny honest proofs for every example AIR (fast, INSECURE test options)."""

from __future__ import annotations

import pytest

from stark import ProofOptions, prove
from stark.airs.fibonacci import FibonacciAir

FAST = ProofOptions.fast_insecure_for_tests()


@pytest.fixture(scope="session")
def fib_case():
    """(air class, public inputs, proof) for Fibonacci with 64 rows and the fast options."""
    trace, public = FibonacciAir.example(64)
    proof = prove(FibonacciAir(public, 64), trace, FAST)
    return FibonacciAir, public, proof


@pytest.fixture(scope="session")
def fib_grinding_case():
    """Like ``fib_case`` but with 6 grinding bits and folding factor 2 (more FRI layers)."""
    options = ProofOptions(blowup_factor=4, num_queries=6, grinding_bits=6, folding_factor=2,
                           remainder_max_degree=1)
    trace, public = FibonacciAir.example(64)
    proof = prove(FibonacciAir(public, 64), trace, options)
    return FibonacciAir, public, proof
