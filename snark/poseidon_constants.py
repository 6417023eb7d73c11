"""Poseidon round constants and MDS matrices for BN254 Fr, derived with the Grain LFSR as circomlib does.

Grassi, Khovratovich, Rechberger, Roy and Schofnegger, "Poseidon: A New Hash Function for Zero-Knowledge
Proof Systems" (USENIX Security 2021, eprint 2019/458), appendix F: the parameters are the output of an
80-bit Grain LFSR seeded with the instance description (field type, S-box, field bits, width t, full and
partial round counts), run through 160 warm-up clocks and then the self-shrinking filter (a pair of bits
(1, b) outputs b; (0, b) outputs nothing). Round constants are 254-bit big-endian draws rejected when
>= r; the MDS matrix is the Cauchy matrix M[i][j] = 1 / (x_i + y_j) of the next 2t draws (reduced mod r).

circomlib and circomlibjs use exactly this procedure (``generate_parameters_grain.sage 1 0 254 t 8 R_P r``),
with x^5, 8 full rounds and the partial-round table :data:`PARTIAL_ROUNDS` indexed by t - 2. Deriving the
constants takes ~0.1 s per width and is cached, which is better than shipping a multi-megabyte literal;
``tests/snark/test_poseidon.py`` pins them through circomlibjs's published hashes.
"""

from __future__ import annotations

from functools import cache

from snark.bn254.fields import R

FULL_ROUNDS = 8
PARTIAL_ROUNDS = (56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68)
"""circomlib's partial rounds for t = 2 .. 17 (the paper's table rounded up, as circomlibjs documents)."""

FIELD_BITS = 254
MAX_WIDTH = len(PARTIAL_ROUNDS) + 1


class _Grain:
    """The Grain LFSR of the Poseidon paper (appendix F), as a bit generator."""

    def __init__(self, t: int, rf: int, rp: int) -> None:
        # Seed: field = 1 (GF(p), 2 bits), S-box = 0 (x^alpha, 4 bits), n (12), t (12), R_F (10), R_P (10),
        # then thirty 1 bits: 80 bits in all.
        bits = (f"{1:02b}{0:04b}{FIELD_BITS:012b}{t:012b}{rf:010b}{rp:010b}" + "1" * 30)
        self.state = [int(b) for b in bits]
        for _ in range(160):
            self._clock()

    def _clock(self) -> int:
        s = self.state
        bit = s[62] ^ s[51] ^ s[38] ^ s[23] ^ s[13] ^ s[0]
        s.pop(0)
        s.append(bit)
        return bit

    def bit(self) -> int:
        while True:
            first = self._clock()
            second = self._clock()
            if first:
                return second

    def integer(self, nbits: int) -> int:
        v = 0
        for _ in range(nbits):
            v = (v << 1) | self.bit()
        return v


@cache
def constants(t: int) -> tuple[tuple[int, ...], tuple[tuple[int, ...], ...]]:
    """(round constants, MDS matrix) of circomlib's Poseidon with width t (= number of inputs + 1).

    Returns:
        ``C`` of length (8 + R_P) * t (round-major: C[r * t + i] is added to state i in round r) and the
        t x t matrix ``M`` (the new state i is sum_j M[i][j] * state[j]).

    Raises:
        ValueError: t outside [2, 17].
    """
    if not 2 <= t <= MAX_WIDTH:
        raise ValueError(f"Poseidon width t must lie in [2, {MAX_WIDTH}], got {t}")
    rp = PARTIAL_ROUNDS[t - 2]
    grain = _Grain(t, FULL_ROUNDS, rp)
    rc = []
    for _ in range((FULL_ROUNDS + rp) * t):
        v = grain.integer(FIELD_BITS)
        while v >= R:
            v = grain.integer(FIELD_BITS)
        rc.append(v)
    while True:
        draws = [grain.integer(FIELD_BITS) % R for _ in range(2 * t)]
        if len(set(draws)) != 2 * t:
            continue
        xs, ys = draws[:t], draws[t:]
        if any((x + y) % R == 0 for x in xs for y in ys):
            continue
        mds = tuple(tuple(pow(x + y, -1, R) for y in ys) for x in xs)
        return tuple(rc), mds
