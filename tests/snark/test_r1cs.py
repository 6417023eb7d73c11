"""R1CS evaluation against plain Python-int dot products, and the named failing constraint."""

from __future__ import annotations

import random

import numpy as np
import pytest

from snark.bn254.fields import R, ints_to_limbs
from snark.r1cs import R1CS, ConstraintError, SparseMatrix, WitnessError


def _random_system(rng: random.Random, m: int, n_wires: int):
    rows = []
    for _ in range(m):
        rows.append(tuple({rng.randrange(n_wires): rng.randrange(R) for _ in range(rng.randrange(0, 4))}
                          for _ in range(3)))
    return rows


def _dot(row: dict[int, int], w: list[int]) -> int:
    return sum(c * w[i] for i, c in row.items()) % R


def test_evaluate_matches_python_ints():
    rng = random.Random(3)
    rows = _random_system(rng, 50, 9)
    cs = R1CS.from_constraints(rows, n_wires=9, n_public=2)
    w = [1] + [rng.randrange(R) for _ in range(8)]
    a, b, c = cs.evaluate(w)
    from snark.bn254.fields import Fr

    for k, (ra, rb, rc) in enumerate(rows):
        assert Fr.to_ints(a[k:k + 1])[0] == _dot(ra, w)
        assert Fr.to_ints(b[k:k + 1])[0] == _dot(rb, w)
        assert Fr.to_ints(c[k:k + 1])[0] == _dot(rc, w)


def test_limb_witness_equals_int_witness():
    rng = random.Random(4)
    cs = R1CS.from_constraints(_random_system(rng, 10, 5), n_wires=5, n_public=1)
    w = [1] + [rng.randrange(R) for _ in range(4)]
    for x, y in zip(cs.evaluate(w), cs.evaluate(ints_to_limbs(w)), strict=True):
        assert np.array_equal(x, y)


def _square_system():
    # wires [1, y (public), x, t]: x * x = t, t * 1 = y - 1
    rows = [({2: 1}, {2: 1}, {3: 1}), ({3: 1}, {0: 1}, {1: 1, 0: R - 1})]
    return R1CS.from_constraints(rows, n_wires=4, n_public=1, labels=["square", "plus one"])


def test_satisfied_witness():
    cs = _square_system()
    assert cs.is_satisfied([1, 10, 3, 9])
    assert cs.first_unsatisfied([1, 10, 3, 9]) is None
    cs.check([1, 10, 3, 9])


@pytest.mark.parametrize(("witness", "index", "label"), [
    ([1, 10, 3, 8], 0, "square"),     # t wrong: the first constraint fails first
    ([1, 11, 3, 9], 1, "plus one"),   # only the second fails
])
def test_first_failing_constraint_is_named(witness, index, label):
    cs = _square_system()
    assert not cs.is_satisfied(witness)
    assert cs.first_unsatisfied(witness) == index
    with pytest.raises(ConstraintError, match=label) as info:
        cs.check(witness)
    assert info.value.index == index and info.value.label == label


@pytest.mark.parametrize(("witness", "match"), [
    ([1, 10, 3], "3 values"),
    ([1, 10, 3, R], "outside"),
    ([1, 10, 3, -1], "outside"),
    ([2, 10, 3, 9], "constant wire"),
])
def test_bad_witnesses_rejected(witness, match):
    with pytest.raises(WitnessError, match=match):
        _square_system().evaluate(witness)


def test_construction_errors():
    with pytest.raises(ValueError, match="wire outside"):
        R1CS.from_constraints([({5: 1}, {}, {})], n_wires=3, n_public=1)
    with pytest.raises(ValueError, match="n_public"):
        R1CS.from_constraints([], n_wires=2, n_public=2)
    with pytest.raises(ValueError, match="labels"):
        R1CS.from_constraints([({}, {}, {})], n_wires=2, n_public=0, labels=["a", "b"])


def test_sparse_matrix_drops_zeros_and_reduces():
    m = SparseMatrix.from_rows([{1: 0, 2: R + 5, 3: -1}])
    assert m.row(0) == {2: 5, 3: R - 1}
