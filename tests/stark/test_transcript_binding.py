"""Fiat-Shamir binding: changing any commitment, OOD value, FRI root, remainder coefficient or nonce
changes every challenge drawn after it (and none drawn before)."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from stark.verifier import replay_challenges

P = (1 << 64) - (1 << 32) + 1
ORDER = ["alphas", "z", "deep_coeffs", "betas", "positions"]


def _flip_root(root: bytes) -> bytes:
    return bytes([root[0] ^ 1]) + root[1:]


def _bump(arr, idx):
    arr = arr.copy()
    arr[idx] = (int(arr[idx]) + 1) % P
    return arr


def _challenges(air, proof):
    ch = replay_challenges(air, proof, check_grinding=False)
    return {
        "alphas": ch.alphas.tobytes(), "z": ch.z, "deep_coeffs": ch.deep_coeffs.tobytes(),
        "betas": list(ch.betas), "positions": ch.positions.tobytes(),
    }


def _mutations():
    return {
        "trace_root": ("alphas", lambda p: setattr(p, "trace_root", _flip_root(p.trace_root))),
        "composition_root": ("z", lambda p: setattr(p, "composition_root", _flip_root(p.composition_root))),
        "ood_trace_z": ("deep_coeffs", lambda p: setattr(p, "ood_trace_z", _bump(p.ood_trace_z, (0, 1)))),
        "ood_trace_zw": ("deep_coeffs", lambda p: setattr(p, "ood_trace_zw", _bump(p.ood_trace_zw, (1, 0)))),
        "ood_composition": ("deep_coeffs",
                            lambda p: setattr(p, "ood_composition", _bump(p.ood_composition, (0, 0)))),
        "fri_root_0": ("betas", lambda p: p.fri_roots.__setitem__(0, _flip_root(p.fri_roots[0]))),
        "remainder": ("positions", lambda p: setattr(p, "fri_remainder", _bump(p.fri_remainder, (0, 0)))),
        "nonce": ("positions", lambda p: setattr(p, "nonce", p.nonce + 1)),
    }


@pytest.mark.parametrize("what", list(_mutations()))
def test_later_challenges_change(fib_grinding_case, what):
    air_cls, public, proof = fib_grinding_case
    air = air_cls(public, proof.trace_length)
    first_affected, mutate = _mutations()[what]
    base = _challenges(air, proof)
    bad = copy.deepcopy(proof)
    bad.fri_roots = list(bad.fri_roots)
    mutate(bad)
    changed = _challenges(air, bad)
    k = ORDER.index(first_affected)
    for name in ORDER[:k]:
        assert changed[name] == base[name], f"{name} drawn before {what} must not depend on it"
    for name in ORDER[k:]:
        if name == "betas" and what == "fri_root_0":
            assert changed[name][0] != base[name][0]
            continue
        assert changed[name] != base[name], f"{name} must depend on {what}"


def test_later_fri_roots_change_later_betas(fib_grinding_case):
    air_cls, public, proof = fib_grinding_case
    air = air_cls(public, proof.trace_length)
    assert len(proof.fri_roots) >= 2
    base = replay_challenges(air, proof, check_grinding=False)
    bad = copy.deepcopy(proof)
    bad.fri_roots = list(bad.fri_roots)
    bad.fri_roots[1] = _flip_root(bad.fri_roots[1])
    ch = replay_challenges(air, bad, check_grinding=False)
    assert ch.betas[0] == base.betas[0] and ch.betas[1] != base.betas[1]
    assert not np.array_equal(ch.positions, base.positions)
