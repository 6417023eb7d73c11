"""Rank-1 constraint systems over BN254 Fr: sparse matrices A, B, C with (A w) o (B w) = C w.

A witness w has ``n_wires`` entries in circom's order: w[0] = 1 (the constant wire), then the
``n_public`` public wires (circom's outputs, then its public inputs), then the private wires. Each
constraint i states <A_i, w> * <B_i, w> = <C_i, w> (Gennaro, Gentry, Parno and Raykova, "Quadratic Span
Programs and Succinct NIZKs without PCPs", EUROCRYPT 2013, where R1CS is the QAP's source form).

The matrices are stored in CSR form with Montgomery-limb values, so evaluating A w, B w, C w for 2^18
constraints is one parallel Numba pass (``r1cs_kernels.csr_matvec``), not a Python loop over terms.

Example:
    >>> from snark.r1cs import R1CS
    >>> # one constraint x * x = y with wires [1, y (public), x]
    >>> cs = R1CS.from_constraints([({2: 1}, {2: 1}, {1: 1})], n_wires=3, n_public=1)
    >>> cs.is_satisfied([1, 9, 3]), cs.first_unsatisfied([1, 8, 3])
    (True, 0)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from prover.errors import FieldError, ProverError
from snark import r1cs_kernels as _k
from snark.bn254.fields import Fr, R, ints_to_limbs


class ConstraintError(ProverError):
    """A witness violates a constraint. ``index`` is the first failing constraint, ``label`` its name."""

    def __init__(self, index: int, label: str | None, detail: str = "") -> None:
        name = f" ({label})" if label else ""
        super().__init__(f"constraint {index}{name} is not satisfied{detail}")
        self.index = index
        self.label = label


class WitnessError(ProverError, ValueError):
    """A witness has the wrong length, a value outside [0, r), or w[0] != 1."""


@dataclass(frozen=True)
class SparseMatrix:
    """A CSR matrix over Fr: row i holds ``vals[ptr[i]:ptr[i+1]]`` at columns ``cols[ptr[i]:ptr[i+1]]``.

    Attributes:
        ptr: int64 array of n_rows + 1 offsets.
        cols: int64 wire indices.
        vals: ``(nnz, 4)`` uint64 Montgomery Fr values.
    """

    ptr: np.ndarray
    cols: np.ndarray
    vals: np.ndarray

    @property
    def n_rows(self) -> int:
        return self.ptr.shape[0] - 1

    @property
    def nnz(self) -> int:
        return self.cols.shape[0]

    @classmethod
    def from_rows(cls, rows: Sequence[Mapping[int, int]]) -> SparseMatrix:
        """CSR of rows given as {wire: coefficient} (coefficients reduced mod r; zeros dropped)."""
        ptr = np.zeros(len(rows) + 1, dtype=np.int64)
        cols: list[int] = []
        vals: list[int] = []
        for i, row in enumerate(rows):
            for wire, coef in row.items():
                c = int(coef) % R
                if c:
                    cols.append(int(wire))
                    vals.append(c)
            ptr[i + 1] = len(cols)
        return cls(ptr, np.array(cols, dtype=np.int64),
                   Fr.to_montgomery(ints_to_limbs(vals)) if vals else Fr.zeros(0))

    def row(self, i: int) -> dict[int, int]:
        """Row i as {wire: coefficient} with plain integers (for messages and tests)."""
        lo, hi = int(self.ptr[i]), int(self.ptr[i + 1])
        return dict(zip(self.cols[lo:hi].tolist(), Fr.to_ints(self.vals[lo:hi]), strict=True))

    def matvec(self, w: np.ndarray) -> np.ndarray:
        """This matrix times a Montgomery witness array: an ``(n_rows, 4)`` Montgomery array."""
        out = np.empty((self.n_rows, 4), dtype=np.uint64)
        _k.csr_matvec(self.ptr, self.cols, self.vals, w, out, Fr.q, Fr.qinv)
        return out


@dataclass(frozen=True)
class R1CS:
    """A rank-1 constraint system over BN254 Fr in circom's wire order.

    Attributes:
        n_wires: witness length, including the constant wire 0.
        n_public: public wires (1 .. n_public), circom's nOutputs + nPubInputs.
        a, b, c: the three CSR matrices, one row per constraint.
        labels: optional constraint names (for error messages), one per constraint.
        n_outputs: how many of the public wires are circom outputs (they come first); kept for files.
        n_private_inputs: circom's nPrvInputs (informational; kept for files).
    """

    n_wires: int
    n_public: int
    a: SparseMatrix
    b: SparseMatrix
    c: SparseMatrix
    labels: tuple[str, ...] | None = None
    n_outputs: int = 0
    n_private_inputs: int = 0
    wire_labels: np.ndarray | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.n_wires < 1 or not 0 <= self.n_public < self.n_wires:
            raise ValueError(f"need 0 <= n_public < n_wires, got n_public={self.n_public}, "
                             f"n_wires={self.n_wires}")
        if not (self.a.n_rows == self.b.n_rows == self.c.n_rows):
            raise ValueError("A, B and C must have one row per constraint")
        for name, m in (("A", self.a), ("B", self.b), ("C", self.c)):
            if m.nnz and (m.cols.min() < 0 or m.cols.max() >= self.n_wires):
                raise ValueError(f"matrix {name} refers to a wire outside [0, {self.n_wires})")
        if self.labels is not None and len(self.labels) != self.a.n_rows:
            raise ValueError("labels must name every constraint")

    @classmethod
    def from_constraints(cls, constraints: Sequence[tuple[Mapping[int, int], Mapping[int, int],
                                                          Mapping[int, int]]],
                         n_wires: int, n_public: int, labels: Sequence[str] | None = None,
                         n_outputs: int = 0, n_private_inputs: int = 0) -> R1CS:
        """Build from (A_i, B_i, C_i) rows, each a {wire: coefficient} mapping."""
        return cls(n_wires, n_public,
                   SparseMatrix.from_rows([c[0] for c in constraints]),
                   SparseMatrix.from_rows([c[1] for c in constraints]),
                   SparseMatrix.from_rows([c[2] for c in constraints]),
                   tuple(labels) if labels is not None else None, n_outputs, n_private_inputs)

    @property
    def n_constraints(self) -> int:
        return self.a.n_rows

    @property
    def n_private(self) -> int:
        """Wires after the public ones (the Groth16 C-query length)."""
        return self.n_wires - self.n_public - 1

    def witness_array(self, witness: Sequence[int] | np.ndarray) -> np.ndarray:
        """The witness as a Montgomery Fr array, validated (length, range, w[0] = 1).

        Accepts Python ints or an ``(n, 4)`` uint64 array of canonical (non-Montgomery) limbs.

        Raises:
            WitnessError: wrong length, a value outside [0, r), or w[0] != 1.
        """
        return witness_to_montgomery(witness, self.n_wires)

    def evaluate(self, witness: Sequence[int] | np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(A w, B w, C w) as Montgomery Fr arrays of length n_constraints."""
        w = self.witness_array(witness)
        return self.a.matvec(w), self.b.matvec(w), self.c.matvec(w)

    def first_unsatisfied(self, witness: Sequence[int] | np.ndarray) -> int | None:
        """Index of the first constraint the witness violates, or None."""
        a, b, c = self.evaluate(witness)
        i = _k.first_mismatch(a, b, c, Fr.q, Fr.qinv)
        return None if i < 0 else int(i)

    def is_satisfied(self, witness: Sequence[int] | np.ndarray) -> bool:
        """Whether every constraint holds (see :meth:`check` for the failing one)."""
        return self.first_unsatisfied(witness) is None

    def check(self, witness: Sequence[int] | np.ndarray) -> None:
        """Return None if the witness satisfies every constraint.

        Raises:
            ConstraintError: naming the first failing constraint (index and label) and its three values.
            WitnessError: a malformed witness.
        """
        a, b, c = self.evaluate(witness)
        i = int(_k.first_mismatch(a, b, c, Fr.q, Fr.qinv))
        if i >= 0:
            av, bv, cv = (Fr.to_ints(x[i:i + 1])[0] for x in (a, b, c))
            label = self.labels[i] if self.labels else None
            raise ConstraintError(i, label, f": <A,w> * <B,w> = {av} * {bv} != <C,w> = {cv}")


def witness_to_montgomery(witness: Sequence[int] | np.ndarray, n_wires: int | None = None) -> np.ndarray:
    """Validate a witness (ints, or canonical ``(n, 4)`` limbs) and return Montgomery limbs.

    Raises:
        WitnessError: wrong length, a value outside [0, r), or w[0] != 1.
    """
    limbs = witness_limbs(witness, n_wires)
    w = Fr.to_montgomery(limbs)
    if limbs.shape[0] and not (limbs[0, 0] == 1 and not limbs[0, 1:].any()):
        raise WitnessError("witness[0] must be 1 (the constant wire)")
    return w


def witness_limbs(witness: Sequence[int] | np.ndarray, n_wires: int | None = None) -> np.ndarray:
    """Canonical ``(n, 4)`` uint64 limbs of a witness, each value checked to lie in [0, r).

    Raises:
        WitnessError: wrong length or a value outside [0, r).
    """
    if isinstance(witness, np.ndarray) and witness.dtype == np.uint64 and witness.ndim == 2:
        limbs = np.ascontiguousarray(witness)
        try:
            Fr.check(limbs, "witness")
        except FieldError as exc:
            raise WitnessError(str(exc)) from exc
    else:
        vals = [int(v) for v in witness]
        for i, v in enumerate(vals):
            if not 0 <= v < R:
                raise WitnessError(f"witness[{i}] = {v} is outside [0, r)")
        limbs = ints_to_limbs(vals) if vals else Fr.zeros(0)
    if n_wires is not None and limbs.shape[0] != n_wires:
        raise WitnessError(f"witness has {limbs.shape[0]} values, the constraint system has {n_wires} wires")
    return limbs
