'''Algebraic intermediate representation (AIR): the statement a STARK proves (eprint 2018/046, section 3).

An execution trace is a matrix of Goldilocks elements with ``trace_length`` rows (a power of two) and
``trace_width`` columns. Row i is the machine state at step i. An AIR says which traces are valid:

* **transition constraints**: polynomials C(current_row, next_row, periodic_values) that vanish on every
  pair of consecutive rows (i, i+1) for i = 0 .. n-2 -- the last row has no successor, so the prover
  divides by Z(x) = (x^n - 1) / (x - w^(n-1)) where w generates the trace domain;
* **assertions** (boundary constraints): column j holds value v at row r (:class:`Assertion`), or holds
  values v_0, v_1, ... at rows r0, r0 + s, r0 + 2s, ... (:class:`PeriodicAssertion`);
* **periodic columns**: fixed public columns repeating with a power-of-two period, e.g. round constants.

Writing an AIR (the user's whole job)
-------------------------------------
Subclass :class:`Air` and provide:

1. ``name``: a short id stored in the proof (``"fibonacci"``) and ``trace_width``.
2. ``__init__(public_inputs, trace_length)``: call ``super().__init__`` and keep what the constraints need.
3. ``transition_degrees()``: the degree of each transition constraint as a polynomial in the trace and
   periodic columns (``a * b`` is 2, ``a**7`` is 7, a periodic column counts as 1 like a trace column).
   The composition polynomial is split into ``max(degree) - 1`` chunks (at least one), so the degree
   decides the prover's work; declaring it too low makes honest proofs fail to verify.
4. ``evaluate_transition(ops, current, nxt, periodic)``: return one value per constraint, computed only
   through ``ops``. The *same* code runs in two worlds:

   * in the prover, ``current[j]``/``nxt[j]`` are whole columns (``uint64`` arrays of a block of rows of
     the constraint-evaluation domain) and every ``ops`` call is one vectorised Numba kernel -- no Python
     loop over rows ever runs;
   * in the verifier they are elements of the quadratic extension at the out-of-domain point z and z*w.

   ``ops`` offers ``add, sub, mul, square, neg, pow(x, k), const(c), lincomb(coeffs, xs), sum(xs)``.
   Never use Python operators on the values (they may be arrays or extension tuples).
5. ``assertions()``: a list of :class:`Assertion` / :class:`PeriodicAssertion`.
6. Optionally ``periodic_columns()``: a list of ``uint64`` arrays whose lengths are powers of two
   dividing ``trace_length``; ``periodic[k]`` in ``evaluate_transition`` is column k at the current row.
7. Optionally ``public_inputs_bytes()`` (default: the public inputs as little-endian u64 words), which
   the transcript absorbs, and the helpers ``example(steps)`` / ``trace_length_for(steps)`` used by the CLI
   and benchmarks.

Public inputs are a sequence of canonical field elements (Python ints < p).

Example (Fibonacci, two columns, two Fibonacci steps per row)::

    import numpy as np
    from stark import Air, Assertion, ProofOptions, prove, verify

    class Fib(Air):
        name = "fib-example"
        trace_width = 2

        def __init__(self, public_inputs, trace_length):
            super().__init__(public_inputs, trace_length)
            self.result = int(public_inputs[0])

        def transition_degrees(self):
            return [1, 1]

        def evaluate_transition(self, ops, current, nxt, periodic):
            a, b = current
            # next row holds (a + b, a + 2b): two Fibonacci steps.
            s = ops.add(a, b)
            return [ops.sub(nxt[0], s), ops.sub(nxt[1], ops.add(s, b))]

        def assertions(self):
            last = self.trace_length - 1
            return [Assertion(0, 0, 1), Assertion(1, 0, 1), Assertion(1, last, self.result)]

    def fib_trace(n):
        p = 2**64 - 2**32 + 1
        rows, a, b = [], 1, 1
        for _ in range(n):
            rows.append((a, b))
            a, b = (a + b) % p, (a + 2 * b) % p
        return np.array(rows, dtype=np.uint64)

    trace = fib_trace(64)
    public = [int(trace[-1, 1])]
    proof = prove(Fib(public, 64), trace, ProofOptions.fast_insecure_for_tests())
    verify(Fib, public, proof, min_security_bits=0)     # returns None, or raises
    verify(Fib, [public[0] + 1], proof, min_security_bits=0)   # raises OodConsistencyError

:func:`check_trace` runs the same constraints over the trace itself and names the first failing row.
'''

from __future__ import annotations

import struct
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from prover.field.goldilocks import MODULUS
from stark.errors import TraceCheckError

MAX_TRACE_WIDTH = 255
MIN_TRACE_LENGTH = 8
MAX_LOG_TRACE_LENGTH = 28


@dataclass(frozen=True)
class Assertion:
    """Column ``column`` holds ``value`` at row ``row``."""

    column: int
    row: int
    value: int


@dataclass(frozen=True)
class PeriodicAssertion:
    """Column ``column`` holds ``values[k]`` at row ``first_row + k * stride`` for every k.

    ``stride`` is a power of two dividing the trace length, ``first_row < stride`` and
    ``len(values) == trace_length // stride``.
    """

    column: int
    first_row: int
    stride: int
    values: tuple[int, ...]


class Air(ABC):
    """Base class of an AIR; see the module docstring for the tutorial.

    Attributes:
        name: AIR id stored in the proof and absorbed into the transcript.
        trace_width: number of trace columns.
        public_inputs: tuple of canonical field elements.
        trace_length: number of trace rows, a power of two >= 8.
    """

    name: ClassVar[str] = "air"
    trace_width: int = 0

    def __init__(self, public_inputs: Sequence[int], trace_length: int) -> None:
        if not isinstance(trace_length, int) or trace_length < MIN_TRACE_LENGTH or trace_length & (
                trace_length - 1) or trace_length > 1 << MAX_LOG_TRACE_LENGTH:
            raise ValueError(f"trace_length must be a power of two in {MIN_TRACE_LENGTH}..2^"
                             f"{MAX_LOG_TRACE_LENGTH}, got {trace_length!r}")
        values = tuple(int(v) for v in public_inputs)
        for v in values:
            if not 0 <= v < MODULUS:
                raise ValueError(f"public input {v} is not a canonical field element")
        self.public_inputs = values
        self.trace_length = trace_length

    # -- required ---------------------------------------------------------------------------------
    @abstractmethod
    def transition_degrees(self) -> list[int]:
        """Degree of each transition constraint in the trace and periodic columns."""
        raise NotImplementedError

    @abstractmethod
    def evaluate_transition(self, ops: Any, current: Sequence[Any], nxt: Sequence[Any],
                            periodic: Sequence[Any]) -> list[Any]:
        """Transition constraint values (zero on valid consecutive rows), computed through ``ops``."""
        raise NotImplementedError

    @abstractmethod
    def assertions(self) -> list[Assertion | PeriodicAssertion]:
        """Boundary constraints."""
        raise NotImplementedError

    # -- optional ---------------------------------------------------------------------------------
    def periodic_columns(self) -> list[np.ndarray]:
        """Periodic columns (uint64 arrays of power-of-two length dividing ``trace_length``)."""
        return []

    def public_inputs_bytes(self) -> bytes:
        """Bytes absorbed into the transcript for the statement (default: u64 little-endian words)."""
        return struct.pack(f"<{len(self.public_inputs)}Q", *self.public_inputs)

    @classmethod
    def trace_length_for(cls, steps: int) -> int:
        """Trace length of the ``example`` computation of ``steps`` steps (CLI and benchmarks)."""
        raise NotImplementedError(f"{cls.__name__} has no CLI example")

    @classmethod
    def example(cls, steps: int) -> tuple[np.ndarray, list[int]]:
        """An honest (trace, public_inputs) pair of ``steps`` steps (CLI and benchmarks)."""
        raise NotImplementedError(f"{cls.__name__} has no CLI example")

    # -- derived ----------------------------------------------------------------------------------
    def max_transition_degree(self) -> int:
        degrees = self.transition_degrees()
        return max(degrees) if degrees else 1

    def num_composition_chunks(self) -> int:
        """Chunks of degree < n the composition polynomial splits into: max(1, max degree - 1)."""
        return max(1, self.max_transition_degree() - 1)

    def validated_structure(self) -> tuple[list[int], list[Assertion | PeriodicAssertion], list[np.ndarray]]:
        """Degrees, assertions and periodic columns, checked against the trace shape.

        Raises:
            ValueError: naming the offending declaration.
        """
        n = self.trace_length
        if not isinstance(self.trace_width, int) or not 1 <= self.trace_width <= MAX_TRACE_WIDTH:
            raise ValueError(f"trace_width must be in 1..{MAX_TRACE_WIDTH}, got {self.trace_width!r}")
        degrees = [int(d) for d in self.transition_degrees()]
        if any(d < 1 or d > 16 for d in degrees):
            raise ValueError(f"transition degrees must be in 1..16, got {degrees}")
        periodic = [np.asarray(c, dtype=np.uint64) for c in self.periodic_columns()]
        for k, col in enumerate(periodic):
            m = col.shape[0]
            if col.ndim != 1 or m < 1 or m & (m - 1) or n % m or int(col.max()) >= MODULUS:
                raise ValueError(f"periodic column {k} must be canonical, of power-of-two length "
                                 f"dividing {n}")
        assertions = list(self.assertions())
        for k, a in enumerate(assertions):
            if not 0 <= a.column < self.trace_width:
                raise ValueError(f"assertion {k}: column {a.column} out of range")
            if isinstance(a, PeriodicAssertion):
                s = a.stride
                if s < 1 or s & (s - 1) or n % s or not 0 <= a.first_row < s or len(a.values) != n // s:
                    raise ValueError(f"periodic assertion {k}: bad stride/first_row/values for length {n}")
                if any(not 0 <= int(v) < MODULUS for v in a.values):
                    raise ValueError(f"periodic assertion {k}: value not canonical")
            elif isinstance(a, Assertion):
                if not 0 <= a.row < n or not 0 <= int(a.value) < MODULUS:
                    raise ValueError(f"assertion {k}: row or value out of range")
            else:
                raise ValueError(f"assertion {k} is a {type(a).__name__}, not an Assertion")
        return degrees, assertions, periodic


def periodic_values_on_trace(column: np.ndarray, n: int) -> np.ndarray:
    """The periodic column repeated to ``n`` rows."""
    return np.tile(column, n // column.shape[0])


def check_trace(air: Air, trace: np.ndarray) -> None:
    """Check every transition constraint and assertion on ``trace``, vectorised over the rows.

    Args:
        air: the AIR instance (its ``trace_length`` must equal the trace's row count).
        trace: (trace_length, trace_width) uint64 array of canonical elements.

    Raises:
        ValueError: the trace has the wrong shape or dtype, or holds non-canonical values.
        TraceCheckError: naming the first failing row and the constraint (or assertion) index.
    """
    from stark.field_ops import BaseColumnOps

    trace = np.asarray(trace)
    n, w = air.trace_length, air.trace_width
    if trace.dtype != np.uint64 or trace.shape != (n, w):
        raise ValueError(f"trace must be a uint64 array of shape ({n}, {w}), got {trace.dtype} {trace.shape}")
    if trace.size and int(trace.max()) >= MODULUS:
        raise ValueError("trace holds a value >= p")
    degrees, assertions, periodic = air.validated_structure()
    ops = BaseColumnOps(n - 1)
    current = [np.ascontiguousarray(trace[:-1, j]) for j in range(w)]
    nxt = [np.ascontiguousarray(trace[1:, j]) for j in range(w)]
    per = [np.ascontiguousarray(periodic_values_on_trace(c, n)[:-1]) for c in periodic]
    values = air.evaluate_transition(ops, current, nxt, per)
    if len(values) != len(degrees):
        raise ValueError(f"evaluate_transition returned {len(values)} values for {len(degrees)} degrees")
    first_row, first_k = n, -1
    for k, v in enumerate(values):
        bad = np.flatnonzero(np.broadcast_to(np.asarray(v, dtype=np.uint64), (n - 1,)))
        if bad.size and int(bad[0]) < first_row:
            first_row, first_k = int(bad[0]), k
    if first_k >= 0:
        raise TraceCheckError(f"transition constraint {first_k} fails between rows {first_row} and "
                              f"{first_row + 1}", first_row, first_k, "transition")
    for k, a in enumerate(assertions):
        if isinstance(a, PeriodicAssertion):
            got = trace[a.first_row::a.stride, a.column]
            want = np.asarray([int(v) for v in a.values], dtype=np.uint64)
            bad = np.flatnonzero(got != want)
            if bad.size:
                row = a.first_row + int(bad[0]) * a.stride
                raise TraceCheckError(f"periodic assertion {k} fails at row {row}, column {a.column}: "
                                      f"expected {int(want[bad[0]])}, got {int(got[bad[0]])}",
                                      row, k, "assertion")
        elif int(trace[a.row, a.column]) != int(a.value):
            raise TraceCheckError(f"assertion {k} fails at row {a.row}, column {a.column}: expected "
                                  f"{int(a.value)}, got {int(trace[a.row, a.column])}", a.row, k, "assertion")
