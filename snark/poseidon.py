"""The Poseidon hash over BN254 Fr with circomlib's parameters: a plain function and an R1CS gadget.

Grassi, Khovratovich, Rechberger, Roy and Schofnegger, "Poseidon: A New Hash Function for Zero-Knowledge
Proof Systems" (USENIX Security 2021, eprint 2019/458). The permutation has width t = len(inputs) + 1,
S-box x^5, 8 full rounds (4 before and 4 after) and circomlib's partial-round count for t; each round
adds constants, applies the S-box (to every cell in full rounds, to cell 0 in partial rounds) and
multiplies by the MDS matrix. The sponge is circomlib's: state = [0, inputs...], output state[0].
Constants come from :mod:`snark.poseidon_constants` (Grain LFSR, as circomlib generated them).

Known answer (circomlibjs ``test/poseidon.js``): ``poseidon([1, 2]) =
7853200120776062878684798364095072458815029376092732009249414926327459813530``.

The gadget spends 3 constraints per S-box (x^2, x^4, x^5): at most 3 (8 t + R_P), 243 for t = 3 (fewer
when a cell is a known constant, as in the first round's capacity cell). The linear layers are free:
they only grow linear combinations.

Example:
    >>> from snark.poseidon import poseidon
    >>> poseidon([1, 2])
    7853200120776062878684798364095072458815029376092732009249414926327459813530
"""

from __future__ import annotations

from collections.abc import Sequence

from snark.bn254.fields import R
from snark.circuit import LC, Circuit, CircuitError
from snark.poseidon_constants import FULL_ROUNDS, MAX_WIDTH, PARTIAL_ROUNDS, constants


def _check_width(n_inputs: int) -> int:
    if not 1 <= n_inputs <= MAX_WIDTH - 1:
        raise ValueError(f"Poseidon takes 1 to {MAX_WIDTH - 1} inputs, got {n_inputs}")
    return n_inputs + 1


def poseidon(inputs: Sequence[int], init_state: int = 0) -> int:
    """circomlib's Poseidon hash of 1..16 field elements.

    Args:
        inputs: integers in [0, r).
        init_state: the capacity cell's initial value (circomlib's ``initState``, default 0).

    Raises:
        ValueError: no inputs, more than 16, or a value outside [0, r).
    """
    t = _check_width(len(inputs))
    state = [int(init_state), *(int(x) for x in inputs)]
    if any(not 0 <= x < R for x in state):
        raise ValueError("Poseidon inputs must lie in [0, r)")
    rc, mds = constants(t)
    rp = PARTIAL_ROUNDS[t - 2]
    half = FULL_ROUNDS // 2
    for rnd in range(FULL_ROUNDS + rp):
        state = [(x + rc[rnd * t + i]) % R for i, x in enumerate(state)]
        if rnd < half or rnd >= half + rp:
            state = [pow(x, 5, R) for x in state]
        else:
            state[0] = pow(state[0], 5, R)
        state = [sum(m * x for m, x in zip(row, state, strict=True)) % R for row in mds]
    return state[0]


def _sbox(circuit: Circuit, x: LC, tag: str) -> LC:
    x2 = circuit.mul(x, x, f"{tag} x^2")
    x4 = circuit.mul(x2, x2, f"{tag} x^4")
    return circuit.mul(x4, x, f"{tag} x^5")


def poseidon_gadget(circuit: Circuit, inputs: Sequence[LC | int], init_state: LC | int = 0,
                    label: str = "poseidon") -> LC:
    """Constrain and return Poseidon(inputs) inside ``circuit`` (same function as :func:`poseidon`).

    Raises:
        CircuitError: no inputs or more than 16.
    """
    try:
        t = _check_width(len(inputs))
    except ValueError as exc:
        raise CircuitError(str(exc)) from exc
    rc, mds = constants(t)
    rp = PARTIAL_ROUNDS[t - 2]
    half = FULL_ROUNDS // 2
    state = [circuit._lc(init_state), *(circuit._lc(x) for x in inputs)]
    for rnd in range(FULL_ROUNDS + rp):
        state = [x + rc[rnd * t + i] for i, x in enumerate(state)]
        if rnd < half or rnd >= half + rp:
            state = [_sbox(circuit, x, f"{label} round {rnd} cell {i}") for i, x in enumerate(state)]
        else:
            state[0] = _sbox(circuit, state[0], f"{label} round {rnd} cell 0")
        state = [sum((x * m for m, x in zip(row, state, strict=True)), circuit.constant(0)) for row in mds]
    return state[0]
