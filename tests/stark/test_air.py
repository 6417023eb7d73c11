"""AIR interface: check_trace names the failing row and constraint; the two ops objects agree."""

from __future__ import annotations

import numpy as np
import pytest

from prover.field.goldilocks import MODULUS as P
from stark import Air, Assertion, PeriodicAssertion, check_trace
from stark.airs.fibonacci import FibonacciAir
from stark.airs.fibsq import FibonacciSqAir
from stark.airs.mimc import ROUND_CONSTANTS, MimcAir, mimc_reference, mimc_trace
from stark.errors import TraceCheckError
from stark.field_ops import BaseColumnOps, ExtScalarOps


def test_fibonacci_trace_matches_python():
    trace, public = FibonacciAir.example(16)
    a, b = 1, 1
    for i in range(16):
        assert (int(trace[i, 0]), int(trace[i, 1])) == (a, b)
        a, b = (a + b) % P, (a + 2 * b) % P
    check_trace(FibonacciAir(public, 16), trace)


def test_mimc_trace_matches_reference_loop():
    assert int(mimc_trace(3, 128)[-1, 0]) == mimc_reference(3, 128)
    assert int(ROUND_CONSTANTS[5]) == (5 ** 7) ^ 42


def test_fibsq_recurrence():
    trace, public = FibonacciSqAir.example(32)
    seq = [1, 3141592]
    while len(seq) < 33:
        seq.append((seq[-1] ** 2 + seq[-2] ** 2) % P)
    assert public == [1, 3141592, seq[32]]
    check_trace(FibonacciSqAir(public, 32), trace)


@pytest.mark.parametrize("row", [0, 5, 30])
def test_check_trace_names_row_and_constraint(row):
    trace, public = FibonacciAir.example(32)
    trace = trace.copy()
    trace[row + 1, 1] = (int(trace[row + 1, 1]) + 1) % P  # breaks constraint 1 between row and row+1
    with pytest.raises(TraceCheckError, match=f"constraint 1 fails between rows {row} and {row + 1}") as exc:
        check_trace(FibonacciAir(public, 32), trace)
    assert (exc.value.row, exc.value.constraint, exc.value.kind) == (row, 1, "transition")


def test_check_trace_names_failing_assertion():
    trace, public = MimcAir.example(64)
    with pytest.raises(TraceCheckError, match="assertion 1 fails at row 63") as exc:
        check_trace(MimcAir([public[0], (public[1] + 1) % P], 64), trace)
    assert exc.value.kind == "assertion"


class _Periodic(Air):
    """One column equal to its row index mod 4 on even rows (a periodic assertion), free elsewhere."""

    name = "periodic-test"
    trace_width = 1

    def transition_degrees(self):
        return [1]

    def evaluate_transition(self, ops, current, nxt, periodic):
        return [ops.sub(nxt[0], ops.add(current[0], periodic[0]))]

    def periodic_columns(self):
        return [np.array([1, 1, 1, P - 3], dtype=np.uint64)]

    def assertions(self):
        return [PeriodicAssertion(0, 0, 4, tuple([0] * (self.trace_length // 4))), Assertion(0, 1, 1)]


def test_periodic_assertion_and_column_checked():
    n = 16
    trace = np.array([[i % 4] for i in range(n)], dtype=np.uint64)
    check_trace(_Periodic([], n), trace)
    trace[8, 0] = 5
    with pytest.raises(TraceCheckError):
        check_trace(_Periodic([], n), trace)


@pytest.mark.parametrize("air_cls,n", [(FibonacciAir, 16), (FibonacciSqAir, 16), (MimcAir, 64)])
def test_ops_objects_agree(air_cls, n):
    """The column ops (prover) and the extension ops (verifier) compute the same constraint values
    on base-field inputs; the oracle is the pair itself plus the honest trace being all-zero."""
    rng = np.random.default_rng(7)
    trace, public = air_cls.example(n)
    air = air_cls(public, n)
    w = air.trace_width
    cur = rng.integers(0, P, size=(w, 8), dtype=np.uint64)
    nxt = rng.integers(0, P, size=(w, 8), dtype=np.uint64)
    per = [np.asarray(c[:8] if c.shape[0] >= 8 else np.resize(c, 8), dtype=np.uint64)
           for c in air.periodic_columns()]
    col_vals = air.evaluate_transition(BaseColumnOps(8), list(cur), list(nxt), per)
    for i in range(8):
        ext_vals = air.evaluate_transition(ExtScalarOps(), [(int(c[i]), 0) for c in cur],
                                           [(int(c[i]), 0) for c in nxt], [(int(p[i]), 0) for p in per])
        for cv, ev in zip(col_vals, ext_vals, strict=True):
            assert ev == (int(np.broadcast_to(cv, (8,))[i]), 0)


def test_air_rejects_bad_shapes():
    with pytest.raises(ValueError):
        FibonacciAir([1], 12)
    with pytest.raises(ValueError):
        FibonacciAir([P], 16)
    trace, public = FibonacciAir.example(16)
    with pytest.raises(ValueError):
        check_trace(FibonacciAir(public, 16), trace[:8])


def test_incomplete_air_is_rejected_at_construction():
    from stark import Air

    class NoConstraints(Air):
        name = "incomplete"
        trace_width = 1

        def transition_degrees(self):
            return [1]

        def assertions(self):
            return []

    with pytest.raises(TypeError, match="evaluate_transition"):
        NoConstraints([], 8)
