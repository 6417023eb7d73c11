"""The quadratic arithmetic program (QAP) of an R1CS, in snarkjs's convention.

Gennaro, Gentry, Parno and Raykova, "Quadratic Span Programs and Succinct NIZKs without PCPs"
(EUROCRYPT 2013); Groth, "On the Size of Pairing-based Non-interactive Arguments" (EUROCRYPT 2016).
Constraint i is row i of the evaluation domain H = <omega_n>: u_j(omega^i) = A[i][j] and so on, and the
witness satisfies the R1CS iff A(x) B(x) - C(x) is divisible by Z(x) = x^n - 1.

snarkjs's choices, confirmed in its sources (``zkey_new.js``, ``groth16_prove.js``):

* n is the smallest power of two > nConstraints + nPublic (``2^(log2(nC + nPub) + 1)``), because n_public
  + 1 extra rows are appended: row nConstraints + s has A[s] = 1 for s = 0 .. nPublic (wire 0 included).
  They make the A polynomials of the public wires linearly independent (Groth16's soundness needs it).
* The proving key lists only A's and B's non-zero entries (plus those extra rows); the prover takes C's
  domain values as A(omega^i) B(omega^i), which equals C w on every row for a satisfying witness.
* The quotient is never divided out: the prover evaluates A B - C on the odd coset omega_2n <omega_n>,
  where Z = -2 is constant, and the proving key's H points are [L^(2n)_(2i+1)(tau) / delta]_1 (Lagrange
  basis of the 2n-domain at the odd points): sum_i (ABC)(omega_2n^(2i+1)) L^(2n)_(2i+1)(tau) = h(tau) Z(tau),
  because h Z has degree < 2n - 1 and vanishes at the even points.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from prover.errors import ProverError
from snark import r1cs_kernels as _k
from snark.bn254 import ntt as _ntt
from snark.bn254.fields import Fr
from snark.bn254.ntt import TWO_ADICITY
from snark.r1cs import R1CS


class DomainError(ProverError, ValueError):
    """The constraint system is too large for BN254 Fr's 2-adic roots of unity."""


def domain_size(n_constraints: int, n_public: int) -> int:
    """snarkjs's domain size: 2^(floor(log2(nConstraints + nPublic)) + 1).

    Raises:
        DomainError: the domain, or the 2n coset the prover needs, exceeds 2^28.
    """
    total = n_constraints + n_public
    n = 1 << total.bit_length() if total > 0 else 1
    # snarkjs: log2(0) = 0 gives n = 2 for an empty system; keep the same rule.
    n = max(n, 2)
    if 2 * n > 1 << TWO_ADICITY:
        raise DomainError(f"{n_constraints} constraints need a domain of {n}; at most 2^{TWO_ADICITY - 1} "
                          "is supported (the prover uses the 2n coset)")
    return n


@dataclass(frozen=True)
class Coefficients:
    """The A and B entries in the zkey coefficient-section form, plus the public-input rows.

    Entry k says: matrix ``matrix[k]`` (0 = A, 1 = B) has ``value[k]`` at row ``constraint[k]`` and wire
    ``signal[k]``. Values are Montgomery Fr limbs ``(nnz, 4)``; index arrays are int64.
    """

    matrix: np.ndarray
    constraint: np.ndarray
    signal: np.ndarray
    value: np.ndarray

    def __len__(self) -> int:
        return int(self.matrix.shape[0])


def coefficients(r1cs: R1CS) -> Coefficients:
    """snarkjs's coefficient list of an R1CS: A's entries, B's entries (constraint by constraint, A before
    B in each constraint), then the A = 1 entries of rows nConstraints + s for s = 0..nPublic."""
    m = r1cs.n_constraints
    n_pub = r1cs.n_public
    rows_a = np.repeat(np.arange(m, dtype=np.int64), np.diff(r1cs.a.ptr))
    rows_b = np.repeat(np.arange(m, dtype=np.int64), np.diff(r1cs.b.ptr))
    extra = np.arange(n_pub + 1, dtype=np.int64)
    # Interleave per constraint (A entries of row i, then B entries of row i), as zkey_new writes them.
    matrix = np.concatenate([np.zeros(rows_a.size, np.int64), np.ones(rows_b.size, np.int64)])
    rows = np.concatenate([rows_a, rows_b])
    order = np.lexsort((matrix, rows))
    signal = np.concatenate([r1cs.a.cols, r1cs.b.cols])[order]
    value = np.concatenate([r1cs.a.vals, r1cs.b.vals])[order]
    return Coefficients(
        matrix=np.concatenate([matrix[order], np.zeros(n_pub + 1, np.int64)]),
        constraint=np.concatenate([rows[order], m + extra]),
        signal=np.concatenate([signal, extra]),
        value=np.concatenate([value, Fr.ones(n_pub + 1)]),
    )


def evaluate_ab(coeffs: Coefficients, witness_mont: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """A(omega^i) and B(omega^i) for i < n: the witness combinations of each domain row (Montgomery)."""
    a = Fr.zeros(n)
    b = Fr.zeros(n)
    if len(coeffs):
        _k.scatter_two(coeffs.matrix, coeffs.constraint, coeffs.signal, coeffs.value, witness_mont, a, b,
                       Fr.q, Fr.qinv)
    return a, b


def odd_coset_values(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """(A B - C)(omega_2n^(2i+1)) for i < n from the domain values of A, B, C (Montgomery in and out).

    Each column is interpolated (inverse NTT), shifted to the odd coset (coefficient j times omega_2n^j)
    and evaluated (NTT), as snarkjs's prover does.
    """
    n = a.shape[0]
    shift = _ntt.root_of_unity(2 * n)
    odd = [_ntt.coset_ntt(_ntt.intt(x), shift) for x in (a, b, c)]
    out = np.empty_like(a)
    _k.mul_sub(odd[0], odd[1], odd[2], out, Fr.q, Fr.qinv)
    return out


def quotient_scalars(coeffs: Coefficients, witness_mont: np.ndarray, n: int) -> np.ndarray:
    """The H-query scalars of a proof: odd-coset values of A B - C as canonical (non-Montgomery) limbs."""
    a, b = evaluate_ab(coeffs, witness_mont, n)
    c = Fr.mul(a, b)
    return Fr.from_montgomery(odd_coset_values(a, b, c))
