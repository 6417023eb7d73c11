"""Groth16 setup/prove/verify: honest proofs verify (also under py_ecc's pairing), and every verifier
check fails on its own tampering."""

from __future__ import annotations

import dataclasses
import importlib
import random

import numpy as np
import py_ecc.optimized_bn128 as ob
import pytest
from py_ecc.optimized_bn128.optimized_pairing import pairing

from prover.errors import ProverError, VerificationError
from snark.bn254.curves import G1, G2
from snark.bn254.fields import Fq, R
from snark.circuit import Circuit
from snark.groth16 import DEV_SETUP_WARNING, prove, prove_r1cs, verify
from snark.groth16 import setup as dev_setup
from snark.groth16.errors import (
    PairingCheckError,
    ProofPointError,
    PublicInputCountError,
    PublicInputRangeError,
    VerifyingKeyError,
)
from snark.r1cs import ConstraintError, WitnessError

from .bn254.conftest import twist_point_outside_g2


def _circuit():
    # Public y, z; private x: x^3 + x + 5 = y and x * y = z.
    c = Circuit()
    y = c.public_input("y")
    z = c.public_input("z")
    x = c.private_input("x")
    c.assert_equal(c.mul(c.mul(x, x), x) + x + 5, y)
    c.assert_equal(c.mul(x, y), z)
    return c


@pytest.fixture(scope="module")
def system():
    c = _circuit()
    cs = c.to_r1cs()
    pk = dev_setup(cs, rng=random.Random(7))
    w = c.witness({"x": 3, "y": 35, "z": 105})
    proof = prove(pk, w, r=11, s=13)
    return c, cs, pk, w, proof


def test_honest_proof_verifies(system):
    _, _, pk, w, proof = system
    assert verify(pk.vk, [35, 105], proof) is None
    assert verify(pk.vk, [35, 105], prove(pk, w)) is None  # fresh random r, s


def test_deterministic_with_given_blinding(system):
    _, _, pk, w, proof = system
    assert prove(pk, w, r=11, s=13) == proof
    other = prove(pk, w, r=12, s=13)
    assert other != proof
    verify(pk.vk, [35, 105], other)


def test_pairing_equation_under_py_ecc(system):
    """Independent oracle: py_ecc's pairing sees e(A, B) = e(alpha, beta) e(vk_x, gamma) e(C, delta)."""
    _, _, pk, _, proof = system

    def g1(p):
        x, y = G1.to_ints(p)[0]
        return (ob.FQ(x), ob.FQ(y), ob.FQ.one())

    def g2(p):
        (x0, x1), (y0, y1) = G2.to_ints(p)[0]
        return (ob.FQ2([x0, x1]), ob.FQ2([y0, y1]), ob.FQ2.one())

    vk = pk.vk
    ic = [g1(vk.gamma_abc_g1[i:i + 1]) for i in range(3)]
    vk_x = ob.add(ob.add(ic[0], ob.multiply(ic[1], 35)), ob.multiply(ic[2], 105))
    def e(q, p):  # Miller loop only: one final exponentiation for the whole product
        return pairing(q, p, final_exponentiate=False)

    lhs = e(g2(proof.b), g1(proof.a))
    rhs = e(g2(vk.beta_g2), g1(vk.alpha_g1)) * e(g2(vk.gamma_g2), vk_x) * e(g2(vk.delta_g2), g1(proof.c))
    assert ob.final_exponentiate(lhs) == ob.final_exponentiate(rhs)
    assert ob.final_exponentiate(lhs) != ob.final_exponentiate(e(g2(vk.beta_g2), g1(proof.a)))


def test_dev_setup_is_labelled():
    assert "not a ceremony" in DEV_SETUP_WARNING
    module = importlib.import_module("snark.groth16.setup")
    assert "NOT A CEREMONY" in module.__doc__ and "not a ceremony" in dev_setup.__doc__


def test_setup_is_reproducible_only_with_a_seed():
    cs = _circuit().to_r1cs()
    assert dev_setup(cs, rng=random.Random(1)).vk == dev_setup(cs, rng=random.Random(1)).vk
    assert dev_setup(cs).vk != dev_setup(cs).vk


def test_prove_r1cs_checks_the_witness(system):
    c, cs, pk, w, _ = system
    proof, publics = prove_r1cs(pk, cs, w, r=1, s=2)
    assert publics == [35, 105]
    verify(pk.vk, publics, proof)
    bad = c.witness({"x": 3, "y": 35, "z": 106})
    with pytest.raises(ConstraintError) as info:
        prove_r1cs(pk, cs, bad)
    assert info.value.index == cs.n_constraints - 1
    other = Circuit()
    other.boolean(other.private_input("b"))
    with pytest.raises(ProverError, match="different|wires"):
        prove_r1cs(pk, other.to_r1cs(), [1, 1])


def test_prove_rejects_bad_witness(system):
    _, _, pk, w, _ = system
    with pytest.raises(WitnessError, match="values"):
        prove(pk, w[:-1])
    with pytest.raises(WitnessError, match="outside"):
        prove(pk, [*w[:-1], R])


# -- verifier checks, one tampering each ----------------------------------------------------------


@pytest.mark.parametrize("publics", [[36, 105], [35, 104], [105, 35], [0, 0]])
def test_changed_public_input_fails_pairing(system, publics):
    _, _, pk, _, proof = system
    with pytest.raises(PairingCheckError):
        verify(pk.vk, publics, proof)


@pytest.mark.parametrize("publics", [[35 + R, 105], [35, R], [-1, 105], [35, "105"], [35, True]])
def test_public_input_out_of_range(system, publics):
    _, _, pk, _, proof = system
    with pytest.raises(PublicInputRangeError):
        verify(pk.vk, publics, proof)


@pytest.mark.parametrize("publics", [[], [35], [35, 105, 0]])
def test_wrong_number_of_public_inputs(system, publics):
    _, _, pk, _, proof = system
    with pytest.raises(PublicInputCountError, match="expects 2"):
        verify(pk.vk, publics, proof)


def _off_curve(p: np.ndarray) -> np.ndarray:
    q = p.copy()
    q[0, 1] = Fq.add(q[0, 1].reshape(-1, 4), Fq.ones(q[0, 1].reshape(-1, 4).shape[0])).reshape(q[0, 1].shape)
    return q


@pytest.mark.parametrize("field", ["a", "b", "c"])
def test_proof_point_off_curve(system, field):
    _, _, pk, _, proof = system
    bad = dataclasses.replace(proof, **{field: _off_curve(getattr(proof, field))})
    with pytest.raises(ProofPointError, match="not on the curve"):
        verify(pk.vk, [35, 105], bad)


def test_proof_b_outside_subgroup(system):
    _, _, pk, _, proof = system
    b = G2.from_ints([twist_point_outside_g2()], subgroup=False)
    with pytest.raises(ProofPointError, match="subgroup"):
        verify(pk.vk, [35, 105], dataclasses.replace(proof, b=b))


def test_proof_point_wrong_shape(system):
    _, _, pk, _, proof = system
    with pytest.raises(ProofPointError):
        verify(pk.vk, [35, 105], dataclasses.replace(proof, a=np.concatenate([proof.a, proof.a])))
    with pytest.raises(ProofPointError):
        verify(pk.vk, [35, 105], dataclasses.replace(proof, c=[1, 2]))


@pytest.mark.parametrize("swap", [("a", "c"), ("c", "a")])
def test_swapped_or_foreign_points_fail_pairing(system, swap):
    _, _, pk, _, proof = system
    bad = dataclasses.replace(proof, **{swap[0]: getattr(proof, swap[1])})
    with pytest.raises(PairingCheckError):
        verify(pk.vk, [35, 105], bad)


def test_proof_under_another_key_fails(system):
    _, cs, pk, w, _ = system
    pk2 = dev_setup(cs, rng=random.Random(8))
    with pytest.raises(PairingCheckError):
        verify(pk2.vk, [35, 105], prove(pk, w))


def test_vk_with_gamma_equal_delta_is_refused(system):
    _, _, pk, _, proof = system
    vk = dataclasses.replace(pk.vk, delta_g2=pk.vk.gamma_g2)
    with pytest.raises(VerifyingKeyError, match="gamma_2 equals delta_2"):
        verify(vk, [35, 105], proof)


@pytest.mark.parametrize("field", ["alpha_g1", "beta_g2", "gamma_g2", "delta_g2", "gamma_abc_g1"])
def test_vk_point_off_curve_is_refused(system, field):
    _, _, pk, _, proof = system
    vk = dataclasses.replace(pk.vk, **{field: _off_curve(getattr(pk.vk, field))})
    with pytest.raises(VerifyingKeyError, match="not on the curve"):
        verify(vk, [35, 105], proof)


def test_every_failure_is_a_verification_error(system):
    _, _, pk, _, proof = system
    for publics in ([36, 105], [R, 105], [35]):
        with pytest.raises(VerificationError):
            verify(pk.vk, publics, proof)
