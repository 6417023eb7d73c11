"""ProofOptions: bounds, presets, security formula, encoding."""

from __future__ import annotations

import math

import pytest

from prover.errors import ProofFormatError
from stark import ProofOptions


def test_presets_reach_their_targets():
    assert ProofOptions.for_security(96).conjectured_security_bits() >= 96
    assert ProofOptions.for_security(128).conjectured_security_bits() == 128
    assert ProofOptions.fast_insecure_for_tests().conjectured_security_bits() < 32


@pytest.mark.parametrize("blowup,queries,grinding", [(2, 10, 0), (8, 27, 16), (16, 30, 20), (64, 255, 32)])
def test_conjectured_bits_formula(blowup, queries, grinding):
    opts = ProofOptions(blowup_factor=blowup, num_queries=queries, grinding_bits=grinding)
    expected = min(int(math.log2(blowup)) * queries + grinding, 128)
    assert opts.conjectured_security_bits() == expected


@pytest.mark.parametrize("kwargs,needle", [
    ({"blowup_factor": 1}, "blowup_factor"), ({"blowup_factor": 6}, "blowup_factor"),
    ({"blowup_factor": 128}, "blowup_factor"), ({"num_queries": 0}, "num_queries"),
    ({"num_queries": 256}, "num_queries"), ({"grinding_bits": 33}, "grinding_bits"),
    ({"folding_factor": 16}, "folding_factor"), ({"folding_factor": 3}, "folding_factor"),
    ({"remainder_max_degree": 6}, "remainder_max_degree"), ({"remainder_max_degree": 511}, "remainder"),
])
def test_bounds_are_named(kwargs, needle):
    with pytest.raises(ValueError, match=needle):
        ProofOptions(**kwargs)


def test_roundtrip_and_malformed():
    opts = ProofOptions(blowup_factor=16, num_queries=40, grinding_bits=20, folding_factor=4,
                        remainder_max_degree=63)
    assert ProofOptions.from_bytes(opts.to_bytes()) == opts
    with pytest.raises(ProofFormatError):
        ProofOptions.from_bytes(opts.to_bytes()[:-1])
    bad = bytearray(opts.to_bytes())
    bad[0] = 3  # blowup 3
    with pytest.raises(ProofFormatError):
        ProofOptions.from_bytes(bytes(bad))
