"""The Python circuit builder: each gadget's witness satisfies its R1CS, and misuse raises clear errors."""

from __future__ import annotations

import pytest

from snark.bn254.fields import R
from snark.circuit import Circuit, CircuitError
from snark.r1cs import ConstraintError, WitnessError


def test_linear_combinations_cost_nothing():
    c = Circuit()
    x = c.private_input("x")
    y = c.public_input("y")
    c.assert_equal(3 * x - (x * 2) + 5 - y, 0)
    cs = c.to_r1cs()
    assert cs.n_constraints == 1
    assert cs.is_satisfied(c.witness({"x": 4, "y": 9}))
    assert not cs.is_satisfied(c.witness({"x": 4, "y": 10}))


def test_public_wires_come_first_in_circom_order():
    c = Circuit()
    a = c.private_input("a")
    out = c.public_output(c.mul(a, a), "out")
    b = c.public_input("b")
    c.assert_equal(c.mul(a, b), c.mul(b, a))
    w = c.witness({"a": 6, "b": 2})
    assert w[0] == 1 and w[1:3] == [36, 2]  # out, b (declaration order), then private wires
    assert c.public_values(w) == [36, 2]
    assert c.value(out, {"a": 6, "b": 2}) == 36
    cs = c.to_r1cs()
    assert cs.n_public == 2 and cs.is_satisfied(w)


def test_mul_by_constant_adds_no_constraint():
    c = Circuit()
    x = c.private_input("x")
    y = c.mul(x, 7)
    z = c.mul(c.constant(3), y)
    c.assert_equal(z, 21 * x)
    assert c.n_constraints == 1


def test_boolean():
    c = Circuit()
    b = c.private_input("b")
    c.boolean(b)
    cs = c.to_r1cs()
    assert cs.is_satisfied(c.witness({"b": 0})) and cs.is_satisfied(c.witness({"b": 1}))
    assert not cs.is_satisfied(c.witness({"b": 2}))


@pytest.mark.parametrize("value", [0, 1, 5, 254, 255])
def test_to_bits_and_range_check(value):
    c = Circuit()
    x = c.private_input("x")
    bits = c.to_bits(x, 8)
    c.range_check(x, 8)
    w = c.witness({"x": value})
    assert [c.value(b, {"x": value}) for b in bits] == [(value >> i) & 1 for i in range(8)]
    assert c.to_r1cs().is_satisfied(w)


def test_range_check_rejects_wide_values_at_witness_time():
    c = Circuit()
    c.range_check(c.private_input("x"), 8, label="byte")
    with pytest.raises(CircuitError, match="byte.*does not fit in 8 bits"):
        c.witness({"x": 256})


def test_range_check_constraints_reject_a_forged_decomposition():
    # Hand-edit the witness: set bit 0 to 2, keep the recomposition equal; booleanity must catch it.
    c = Circuit()
    x = c.private_input("x")
    c.to_bits(x, 4, label="nibble")
    cs = c.to_r1cs()
    w = c.witness({"x": 3})          # bits 1, 1, 0, 0
    w[2], w[3] = 3, 0                # 3 + 0 * 2 = 3 still, but bit 0 = 3 is not boolean
    with pytest.raises(ConstraintError, match="nibble bit 0 boolean"):
        cs.check(w)


@pytest.mark.parametrize(("cond", "want"), [(1, 10), (0, 20)])
def test_select(cond, want):
    c = Circuit()
    s = c.private_input("s")
    out = c.select(s, c.private_input("a"), c.private_input("b"))
    inputs = {"s": cond, "a": 10, "b": 20}
    assert c.value(out, inputs) == want
    assert c.to_r1cs().is_satisfied(c.witness(inputs))


def test_select_requires_boolean_condition():
    c = Circuit()
    c.select(c.private_input("s"), 1, 2)
    assert not c.to_r1cs().is_satisfied(c.witness({"s": 2}))


def test_hint_is_unconstrained_until_constrained():
    c = Circuit()
    x = c.private_input("x")
    inv = c.hint(lambda val: pow(val(x), -1, R), "inverse")
    c.assert_equal(c.mul(x, inv), 1)
    assert c.to_r1cs().is_satisfied(c.witness({"x": 12345}))


@pytest.mark.parametrize(("inputs", "error", "match"), [
    ({}, CircuitError, "unassigned input.*x"),
    ({"x": 1, "z": 2}, CircuitError, "unknown input.*z"),
    ({"x": R}, WitnessError, "outside"),
    ({"x": -3}, WitnessError, "outside"),
    ({"x": "5"}, WitnessError, "must be an int"),
])
def test_witness_input_errors(inputs, error, match):
    c = Circuit()
    c.boolean(c.private_input("x"))
    with pytest.raises(error, match=match):
        c.witness(inputs)


def test_builder_misuse():
    c = Circuit()
    x = c.private_input("x")
    with pytest.raises(CircuitError, match="circuit.mul"):
        _ = x * x
    with pytest.raises(CircuitError, match="already declared"):
        c.public_input("x")
    with pytest.raises(CircuitError, match="different circuits"):
        _ = x + Circuit().private_input("y")
    with pytest.raises(CircuitError, match="another circuit"):
        c.mul(x, Circuit().private_input("y"))
    for n in (0, 254, 1000):
        with pytest.raises(CircuitError, match="bit count"):
            c.to_bits(x, n)
    with pytest.raises(CircuitError, match="Python ints"):
        _ = x * 1.5
