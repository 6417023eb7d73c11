"""A Python builder for R1CS circuits over BN254 Fr, with witness generation from Python values.

Variables are linear combinations (``sum_k c_k * wire_k``, wire 0 being the constant 1) that support
``+``, ``-``, unary ``-`` and multiplication by an integer constant at no cost; every product of two
non-constant combinations is one rank-1 constraint, created by :meth:`Circuit.mul`. Gadgets - equality,
booleans, bit decomposition, range checks and conditional selection - follow the standard R1CS
encodings (e.g. Ben-Sasson, Chiesa, Genkin, Tromer and Virza, "SNARKs for C", CRYPTO 2013, section 2).

Every new wire carries a rule that computes its value from earlier ones, so :meth:`Circuit.witness`
evaluates the whole witness from the input values; :meth:`Circuit.to_r1cs` orders wires as circom does
(constant, public wires in declaration order, then private wires).

Example:
    >>> from snark.circuit import Circuit
    >>> c = Circuit()
    >>> y = c.public_input("y")
    >>> x = c.private_input("x")
    >>> c.assert_equal(c.mul(x, x) + 1, y)      # x^2 + 1 == y
    >>> cs = c.to_r1cs()
    >>> cs.is_satisfied(c.witness({"x": 3, "y": 10}))
    True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from prover.errors import ProverError
from snark.bn254.fields import R
from snark.r1cs import R1CS, WitnessError

MAX_BITS = 253
"""Bit decompositions are unique only below 2^253 < r: longer ones could encode x + r as well."""


class CircuitError(ProverError, ValueError):
    """The circuit was misused: mixing circuits, a non-linear product with ``*``, a bad bit count,
    an unknown or unassigned input, or a value that does not fit a gadget's promise."""


def _coef(v: int) -> int:
    if not isinstance(v, int):
        raise CircuitError(f"coefficients must be Python ints, got {type(v).__name__}")
    return v % R


class LC:
    """A linear combination of wires of one :class:`Circuit`: ``sum(coef * wire)`` with wire 0 = 1."""

    __slots__ = ("circuit", "terms")

    def __init__(self, circuit: Circuit, terms: Mapping[int, int]) -> None:
        self.circuit = circuit
        self.terms = {w: c for w, c in terms.items() if c}

    def _lift(self, other: LC | int) -> LC:
        if isinstance(other, LC):
            if other.circuit is not self.circuit:
                raise CircuitError("cannot combine variables of different circuits")
            return other
        return LC(self.circuit, {0: _coef(other)})

    def __add__(self, other: LC | int) -> LC:
        other = self._lift(other)
        terms = dict(self.terms)
        for w, c in other.terms.items():
            terms[w] = (terms.get(w, 0) + c) % R
        return LC(self.circuit, terms)

    __radd__ = __add__

    def __neg__(self) -> LC:
        return LC(self.circuit, {w: (-c) % R for w, c in self.terms.items()})

    def __sub__(self, other: LC | int) -> LC:
        return self + (-self._lift(other))

    def __rsub__(self, other: LC | int) -> LC:
        return self._lift(other) + (-self)

    def __mul__(self, k: int) -> LC:
        if isinstance(k, LC):
            raise CircuitError("a product of two variables is a constraint: use circuit.mul(a, b)")
        k = _coef(k)
        return LC(self.circuit, {w: c * k % R for w, c in self.terms.items()})

    __rmul__ = __mul__

    def is_constant(self) -> bool:
        """True when no wire but the constant one appears."""
        return all(w == 0 for w in self.terms)

    def constant_value(self) -> int:
        return self.terms.get(0, 0)

    def __repr__(self) -> str:
        return "LC(" + " + ".join(f"{c}*w{w}" for w, c in sorted(self.terms.items())) + ")"


@dataclass
class _Wire:
    name: str
    public: bool
    is_input: bool
    rule: Callable[[list[int]], int] | None  # computes the value from the values of earlier wires


class Circuit:
    """An R1CS under construction, with the rules that compute its witness.

    Wires are numbered internally in creation order (0 is the constant); :meth:`to_r1cs` and
    :meth:`witness` use circom's order instead, so public wires may be declared at any time.
    """

    def __init__(self) -> None:
        self._wires: list[_Wire] = [_Wire("one", False, False, lambda v: 1)]
        self._inputs: dict[str, int] = {}
        self._constraints: list[tuple[dict[int, int], dict[int, int], dict[int, int]]] = []
        self._labels: list[str] = []

    # -- wires ------------------------------------------------------------------------------------

    def _new_wire(self, name: str, public: bool, is_input: bool, rule) -> LC:
        self._wires.append(_Wire(name, public, is_input, rule))
        return LC(self, {len(self._wires) - 1: 1})

    def _input(self, name: str, public: bool) -> LC:
        if not isinstance(name, str) or not name:
            raise CircuitError("inputs need a non-empty string name")
        if name in self._inputs:
            raise CircuitError(f"input {name!r} is already declared")
        lc = self._new_wire(name, public, True, None)
        self._inputs[name] = len(self._wires) - 1
        return lc

    def public_input(self, name: str) -> LC:
        """Declare a public input (a statement value the verifier supplies)."""
        return self._input(name, public=True)

    def private_input(self, name: str) -> LC:
        """Declare a private input (part of the prover's secret witness)."""
        return self._input(name, public=False)

    def public_output(self, x: LC | int, name: str) -> LC:
        """Expose x as a public wire computed by the circuit (one equality constraint)."""
        x = self._lc(x)
        out = self._new_wire(name, True, False, lambda v, x=x: self._eval(x, v))
        self.assert_equal(out, x, label=f"public_output {name}")
        return out

    def constant(self, value: int) -> LC:
        """The constant value as a linear combination."""
        return LC(self, {0: _coef(value)})

    def hint(self, rule: Callable[[Callable[[LC], int]], int], name: str = "hint") -> LC:
        """A new private wire whose witness value is ``rule(value_of)``; it is NOT constrained.

        ``value_of(lc)`` evaluates any earlier combination. Constrain the wire yourself.
        """
        return self._new_wire(name, False, False, lambda v: rule(lambda lc: self._eval(lc, v)) % R)

    # -- constraints ------------------------------------------------------------------------------

    def _lc(self, x: LC | int) -> LC:
        if isinstance(x, LC):
            if x.circuit is not self:
                raise CircuitError("variable belongs to another circuit")
            return x
        return self.constant(x)

    def _eval(self, x: LC, values: list[int]) -> int:
        return sum(c * values[w] for w, c in x.terms.items()) % R

    def enforce(self, a: LC | int, b: LC | int, c: LC | int, label: str | None = None) -> None:
        """Add the raw constraint a * b = c."""
        a, b, c = self._lc(a), self._lc(b), self._lc(c)
        self._constraints.append((dict(a.terms), dict(b.terms), dict(c.terms)))
        self._labels.append(label or f"constraint {len(self._labels)}")

    def mul(self, a: LC | int, b: LC | int, label: str | None = None) -> LC:
        """a * b: a new wire and one constraint (free when either side is a constant)."""
        a, b = self._lc(a), self._lc(b)
        if a.is_constant():
            return b * a.constant_value()
        if b.is_constant():
            return a * b.constant_value()
        out = self._new_wire("mul", False, False, lambda v: self._eval(a, v) * self._eval(b, v) % R)
        self.enforce(a, b, out, label or f"mul {len(self._wires) - 1}")
        return out

    def assert_equal(self, a: LC | int, b: LC | int, label: str | None = None) -> None:
        """Constrain a == b, as (a - b) * 1 = 0."""
        a, b = self._lc(a), self._lc(b)
        self.enforce(a - b, 1, 0, label or "assert_equal")

    def boolean(self, x: LC, label: str | None = None) -> LC:
        """Constrain x to {0, 1}, as x * (x - 1) = 0; returns x."""
        x = self._lc(x)
        self.enforce(x, x - 1, 0, label or "boolean")
        return x

    def to_bits(self, x: LC | int, n: int, label: str | None = None) -> list[LC]:
        """Little-endian bits b_0..b_{n-1} of x, each boolean, with sum b_i 2^i = x (n + 1 constraints).

        The witness must satisfy x < 2^n (else witness generation raises :class:`CircuitError`).

        Raises:
            CircuitError: n outside [1, 253] (beyond that the decomposition is not unique mod r).
        """
        if not isinstance(n, int) or not 1 <= n <= MAX_BITS:
            raise CircuitError(f"bit count must lie in [1, {MAX_BITS}], got {n!r}")
        x = self._lc(x)
        tag = label or f"to_bits#{len(self._labels)}"

        def bit_rule(i: int):
            def rule(v: list[int]) -> int:
                value = self._eval(x, v)
                if value >> n:
                    raise CircuitError(f"{tag}: value {value} does not fit in {n} bits")
                return (value >> i) & 1
            return rule

        bits = [self._new_wire(f"{tag}.bit{i}", False, False, bit_rule(i)) for i in range(n)]
        for i, b in enumerate(bits):
            self.boolean(b, f"{tag} bit {i} boolean")
        total = sum((b * (1 << i) for i, b in enumerate(bits)), self.constant(0))
        self.assert_equal(total, x, f"{tag} recomposition")
        return bits

    def range_check(self, x: LC | int, bits: int, label: str | None = None) -> None:
        """Constrain 0 <= x < 2^bits (through :meth:`to_bits`)."""
        self.to_bits(x, bits, label or f"range_check#{len(self._labels)}")

    def select(self, cond: LC, a: LC | int, b: LC | int, label: str | None = None,
               check_boolean: bool = True) -> LC:
        """``a if cond else b`` = b + cond * (a - b); constrains cond to be boolean unless told not to."""
        cond, a, b = self._lc(cond), self._lc(a), self._lc(b)
        if check_boolean:
            self.boolean(cond, (label or "select") + " condition boolean")
        return b + self.mul(cond, a - b, label or "select")

    # -- output -----------------------------------------------------------------------------------

    def _order(self) -> list[int]:
        """Internal wire ids in circom order: constant, public (declaration order), private."""
        public = [i for i, w in enumerate(self._wires) if w.public]
        private = [i for i, w in enumerate(self._wires) if i and not w.public]
        return [0, *public, *private]

    @property
    def n_public(self) -> int:
        return sum(1 for w in self._wires if w.public)

    @property
    def n_constraints(self) -> int:
        return len(self._constraints)

    def to_r1cs(self) -> R1CS:
        """The constraint system in circom's wire order."""
        order = self._order()
        pos = {old: new for new, old in enumerate(order)}

        def remap(t: dict[int, int]) -> dict[int, int]:
            return {pos[w]: c for w, c in t.items()}

        rows = [(remap(a), remap(b), remap(c)) for a, b, c in self._constraints]
        n_prv_in = sum(1 for w in self._wires if w.is_input and not w.public)
        # Every public wire counts as a circom public input (n_outputs = 0): the order is declaration order.
        return R1CS.from_constraints(rows, len(order), self.n_public, self._labels,
                                     n_outputs=0, n_private_inputs=n_prv_in)

    def witness(self, inputs: Mapping[str, int]) -> list[int]:
        """The full witness in circom order, computed from the input values.

        Raises:
            CircuitError: an input is missing or unknown, or a gadget's promise fails (e.g. a value
                too wide for :meth:`to_bits`).
            WitnessError: an input value is negative or >= r.
        """
        unknown = sorted(set(inputs) - set(self._inputs))
        if unknown:
            raise CircuitError(f"unknown input(s): {', '.join(unknown)}")
        missing = [name for name in self._inputs if name not in inputs]
        if missing:
            raise CircuitError(f"unassigned input(s): {', '.join(missing)}")
        values = [0] * len(self._wires)
        for i, wire in enumerate(self._wires):
            if wire.is_input:
                v = inputs[wire.name]
                if not isinstance(v, int) or isinstance(v, bool):
                    raise WitnessError(f"input {wire.name!r} must be an int, got {type(v).__name__}")
                if not 0 <= v < R:
                    raise WitnessError(f"input {wire.name!r} = {v} is outside [0, r)")
                values[i] = v
            else:
                values[i] = wire.rule(values)
        return [values[i] for i in self._order()]

    def public_values(self, witness: list[int]) -> list[int]:
        """The public inputs (witness entries 1..n_public) of a witness from :meth:`witness`."""
        return list(witness[1:1 + self.n_public])

    def value(self, x: LC, witness_inputs: Mapping[str, int]) -> int:
        """Evaluate one combination for the given inputs (computes the whole witness; for tests)."""
        full = self.witness(witness_inputs)
        order = self._order()
        values = [0] * len(self._wires)
        for new, old in enumerate(order):
            values[old] = full[new]
        return self._eval(self._lc(x), values)
