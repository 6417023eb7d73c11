"""Groth16 keys and proofs (Groth, "On the Size of Pairing-based Non-interactive Arguments", EUROCRYPT
2016, eprint 2016/260), laid out as snarkjs's ``.zkey`` and JSON files hold them.

Every point is an affine NumPy array of Montgomery limbs (:mod:`snark.bn254.curves`): one G1 point has
shape ``(1, 2, 4)``, one G2 point ``(1, 2, 2, 4)``; queries are stacks of them. Field names follow the
paper with group suffixes; snarkjs's names are given beside each.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from snark.qap import Coefficients


@dataclass(frozen=True)
class VerifyingKey:
    """The verification key: e(A, B) = e(alpha, beta) e(sum_i x_i gamma_abc_i, gamma) e(C, delta).

    Attributes:
        alpha_g1: [alpha]_1 (snarkjs ``vk_alpha_1``).
        beta_g2: [beta]_2 (``vk_beta_2``).
        gamma_g2: [gamma]_2 (``vk_gamma_2``).
        delta_g2: [delta]_2 (``vk_delta_2``).
        gamma_abc_g1: [(beta u_i(tau) + alpha v_i(tau) + w_i(tau)) / gamma]_1 for the constant wire and
            each public wire, ``n_public + 1`` points (``IC``).
    """

    alpha_g1: np.ndarray
    beta_g2: np.ndarray
    gamma_g2: np.ndarray
    delta_g2: np.ndarray
    gamma_abc_g1: np.ndarray

    @property
    def n_public(self) -> int:
        """Number of public inputs the key expects (the constant wire excluded)."""
        return int(self.gamma_abc_g1.shape[0]) - 1

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, VerifyingKey):
            return NotImplemented
        return all(np.array_equal(getattr(self, f), getattr(other, f))
                   for f in ("alpha_g1", "beta_g2", "gamma_g2", "delta_g2", "gamma_abc_g1"))

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True)
class ProvingKey:
    """The proving key in snarkjs's ``.zkey`` layout.

    Attributes:
        vk: the verifying key inside it.
        beta_g1: [beta]_1 (``vk_beta_1``).
        delta_g1: [delta]_1 (``vk_delta_1``).
        n_wires: witness length (``nVars``).
        domain_size: n, a power of two (see :func:`snark.qap.domain_size`).
        coeffs: the A and B entries (section 4) - the prover's QAP.
        a_g1: [u_i(tau)]_1 for every wire (section 5).
        b_g1: [v_i(tau)]_1 for every wire (section 6).
        b_g2: [v_i(tau)]_2 for every wire (section 7).
        c_g1: [(beta u_i + alpha v_i + w_i)(tau) / delta]_1 for the private wires (section 8).
        h_g1: [L^(2n)_(2i+1)(tau) / delta]_1 for i < n (section 9; see :mod:`snark.qap`).
    """

    vk: VerifyingKey
    beta_g1: np.ndarray
    delta_g1: np.ndarray
    n_wires: int
    domain_size: int
    coeffs: Coefficients
    a_g1: np.ndarray
    b_g1: np.ndarray
    b_g2: np.ndarray
    c_g1: np.ndarray
    h_g1: np.ndarray

    @property
    def n_public(self) -> int:
        return self.vk.n_public


@dataclass(frozen=True)
class Proof:
    """A Groth16 proof (A, B, C) = (``pi_a``, ``pi_b``, ``pi_c``): two G1 points and one G2 point."""

    a: np.ndarray
    b: np.ndarray
    c: np.ndarray

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Proof):
            return NotImplemented
        return all(np.array_equal(getattr(self, f), getattr(other, f)) for f in ("a", "b", "c"))

    __hash__ = None  # type: ignore[assignment]
