"""Fiat–Shamir transcript over BLAKE3: labelled absorbs, challenges, and proof-of-work grinding.

The Fiat–Shamir transform (Fiat, Shamir, CRYPTO 1986), applied to interactive oracle proofs as in the
BCS transform (Ben-Sasson, Chiesa, Spooner, "Interactive Oracle Proofs", eprint 2016/116): the
verifier's random messages are replaced by hashes of everything sent so far. Prover and verifier run
the same sequence of calls on a :class:`Transcript`, so they derive identical challenges.

State: a 32-byte chaining digest ``s``. With ``enc(x) = len(x) as 8 little-endian bytes || x``:

- start: ``s = BLAKE3(b"prover.transcript.v1" || enc(protocol_id))``
- absorb: ``s = BLAKE3(s || kind || enc(label) || enc(data))``; ``kind`` is one byte per absorb type
  (bytes, field elements, root, grinding nonce, fork), so every absorb is injective and typed.
- draw: ``X = BLAKE3-XOF(s || 0x10 || enc(label))``; the new ``s`` is ``X[0:32]`` and the challenge
  words are read from ``X[32:]`` as little-endian uint64, so two draws with one label still differ.

Grinding (proof of work): the nonce is the smallest ``k >= 0`` such that
``int.from_bytes(BLAKE3(s || k as 8 little-endian bytes)[:8], "little")`` has at least ``bits`` trailing
zero bits (``bits <= 32``, so only the first 4 digest bytes matter); the nonce is then absorbed.
"""

from __future__ import annotations

import struct

import blake3 as _blake3
import numpy as np

from prover import blake3_kernels as _k
from prover.errors import FieldError, GrindingError

P = np.uint64(0xFFFFFFFF00000001)
_P_INT = 0xFFFFFFFF00000001
MAX_GRINDING_BITS = 32
MAX_LOG_DOMAIN = 62

_KIND_BYTES = b"\x01"
_KIND_FIELD = b"\x02"
_KIND_ROOT = b"\x03"
_KIND_NONCE = b"\x04"
_KIND_FORK = b"\x05"
_KIND_DRAW = b"\x10"
_NONCE_LABEL = b"grinding-nonce"

# Nonces tried per kernel call in the search; the first call is serial (cheap at low difficulty),
# later rounds run GRIND_BATCHES batches in parallel.
GRIND_BATCH = 1 << 14
GRIND_BATCHES = 8


def _enc(x: bytes) -> bytes:
    return struct.pack("<Q", len(x)) + x


def _label_bytes(label: bytes | str) -> bytes:
    if isinstance(label, str):
        return label.encode("utf-8")
    if isinstance(label, bytes | bytearray):
        return bytes(label)
    raise TypeError(f"label must be bytes or str, got {type(label).__name__}")


def _grinding_bits(bits: object) -> int:
    if isinstance(bits, bool) or not isinstance(bits, int | np.integer) or not 0 <= bits <= MAX_GRINDING_BITS:
        raise ValueError(f"grinding bits must be an integer in [0, {MAX_GRINDING_BITS}], got {bits!r}")
    return int(bits)


def pow_hash_ok(state: bytes, nonce: int, bits: int) -> bool:
    """Whether ``nonce`` meets ``bits`` of proof of work on ``state`` (definition in the module docstring)."""
    h = _blake3.blake3(state + struct.pack("<Q", nonce)).digest()
    return int.from_bytes(h[:8], "little") & ((1 << bits) - 1) == 0


class Transcript:
    """A BLAKE3 Fiat–Shamir transcript (see the module docstring for the exact byte layout).

    Args:
        protocol_id: bytes naming the protocol and its version; distinct protocols never share challenges.

    Example:
        >>> t = Transcript(b"example")
        >>> t.absorb_bytes("statement", b"x = 3")
        >>> alpha = t.challenge_field("alpha")
        >>> bool(alpha[0] < P)
        True
    """

    def __init__(self, protocol_id: bytes) -> None:
        if not isinstance(protocol_id, bytes | bytearray):
            raise TypeError(f"protocol_id must be bytes, got {type(protocol_id).__name__}")
        self._state = _blake3.blake3(b"prover.transcript.v1" + _enc(bytes(protocol_id))).digest()

    # -- absorbs ---------------------------------------------------------------------------------------

    def _absorb(self, kind: bytes, label: bytes | str, data: bytes) -> None:
        lab = _label_bytes(label)
        self._state = _blake3.blake3(self._state + kind + _enc(lab) + _enc(data)).digest()

    def absorb_bytes(self, label: bytes | str, data: bytes) -> None:
        """Absorb raw bytes under a label.

        Raises:
            TypeError: ``label`` or ``data`` has the wrong type.
        """
        if not isinstance(data, bytes | bytearray | memoryview):
            raise TypeError(f"data must be bytes, got {type(data).__name__}")
        self._absorb(_KIND_BYTES, label, bytes(data))

    def absorb_field(self, label: bytes | str, values: np.ndarray) -> None:
        """Absorb Goldilocks elements (any shape, flattened in C order as little-endian uint64).

        The shape itself is not absorbed, only the element count; callers whose shape varies absorb it.

        Raises:
            FieldError: not a uint64 array, or a value >= p.
        """
        if not isinstance(values, np.ndarray) or values.dtype != np.uint64:
            raise FieldError("field elements must be a uint64 numpy array")
        if values.size and values.max() >= P:
            raise FieldError("field elements must be < p = 2^64 - 2^32 + 1")
        self._absorb(_KIND_FIELD, label, np.ascontiguousarray(values, dtype="<u8").tobytes())

    def absorb_root(self, label: bytes | str, root: bytes) -> None:
        """Absorb a 32-byte commitment (Merkle root).

        Raises:
            ValueError: ``root`` is not 32 bytes.
        """
        if not isinstance(root, bytes | bytearray) or len(root) != 32:
            raise ValueError("a root must be 32 bytes")
        self._absorb(_KIND_ROOT, label, bytes(root))

    # -- challenges ------------------------------------------------------------------------------------

    def _draw(self, label: bytes | str) -> _blake3.blake3:
        h = _blake3.blake3(self._state + _KIND_DRAW + _enc(_label_bytes(label)))
        self._state = h.digest(length=32)
        return h

    @staticmethod
    def _words(h: _blake3.blake3, start: int, count: int) -> np.ndarray:
        """``count`` uint64 words of the XOF after the new state, from word ``start``."""
        return np.frombuffer(h.digest(length=8 * count, seek=32 + 8 * start), dtype="<u8").astype(np.uint64)

    def _field_elements(self, label: bytes | str, n: int) -> np.ndarray:
        if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
            raise ValueError(f"n must be a positive integer, got {n!r}")
        h = self._draw(label)
        out = np.empty(0, dtype=np.uint64)
        pos = 0
        while out.shape[0] < n:
            want = n - out.shape[0]
            w = self._words(h, pos, want)
            pos += want
            # Rejecting words >= p (probability 2^-32 each) keeps the result exactly uniform.
            out = np.concatenate([out, w[w < P]])
        return out

    def challenge_field(self, label: bytes | str, n: int = 1) -> np.ndarray:
        """Draw ``n`` uniform Goldilocks elements.

        Returns:
            ``(n,)`` uint64 array, every value < p.

        Raises:
            ValueError: ``n`` is not a positive integer.
        """
        return self._field_elements(label, n)

    def challenge_ext(self, label: bytes | str, n: int = 1) -> np.ndarray:
        """Draw ``n`` uniform elements of the quadratic extension F_p^2.

        Returns:
            ``(n, 2)`` uint64 array of base-field coefficients.
        """
        if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
            raise ValueError(f"n must be a positive integer, got {n!r}")
        return self._field_elements(label, 2 * int(n)).reshape(int(n), 2)

    def challenge_indices(self, label: bytes | str, count: int, domain_size: int) -> np.ndarray:
        """Draw ``count`` distinct uniform indices in ``[0, domain_size)``.

        Each word's low ``log2(domain_size)`` bits give a candidate (unbiased, the size being a power of
        two); repeats are skipped, so the result is a uniform random subset.

        Returns:
            ``(count,)`` int64 array, **sorted increasingly** (the order Merkle openings use).

        Raises:
            ValueError: ``domain_size`` not a power of two in [1, 2^62], or ``count`` not in
            [1, domain_size].
        """
        for name, v in (("count", count), ("domain_size", domain_size)):
            if isinstance(v, bool) or not isinstance(v, int | np.integer):
                raise ValueError(f"{name} must be an integer, got {v!r}")
        count, domain_size = int(count), int(domain_size)
        if domain_size < 1 or domain_size & (domain_size - 1) or domain_size > 1 << MAX_LOG_DOMAIN:
            raise ValueError(f"domain_size must be a power of two in [1, 2^{MAX_LOG_DOMAIN}], "
                             f"got {domain_size}")
        if not 1 <= count <= domain_size:
            raise ValueError(f"count must be in [1, domain_size={domain_size}], got {count}")
        h = self._draw(label)
        mask = np.uint64(domain_size - 1)
        chosen: set[int] = set()
        pos = 0
        while len(chosen) < count:
            want = max(count - len(chosen), 8)
            for v in (self._words(h, pos, want) & mask).tolist():
                if len(chosen) == count:
                    break
                chosen.add(v)
            pos += want
        return np.array(sorted(chosen), dtype=np.int64)

    # -- grinding --------------------------------------------------------------------------------------

    def grind(self, bits: int) -> int:
        """Find the smallest proof-of-work nonce for the current state, then absorb it.

        Args:
            bits: required trailing zero bits, 0..32 (module docstring).

        Returns:
            The nonce.

        Raises:
            ValueError: ``bits`` out of range.
        """
        bits = _grinding_bits(bits)
        nonce = self._search_nonce(bits)
        self._absorb(_KIND_NONCE, _NONCE_LABEL, struct.pack("<Q", nonce))
        return nonce

    def _search_nonce(self, bits: int) -> int:
        if bits == 0:
            return 0
        dw = np.frombuffer(self._state, dtype="<u4").astype(np.uint32)
        mask = np.uint32((1 << bits) - 1)
        res = np.empty(GRIND_BATCH, dtype=np.uint32)
        hit = _k.grind_batch(dw, np.uint64(0), GRIND_BATCH, mask, res)
        if hit >= 0:
            return int(hit)
        start = GRIND_BATCH
        while True:
            hits = _k.grind_batches(dw, np.uint64(start), GRIND_BATCH, GRIND_BATCHES, mask)
            for b, off in enumerate(hits.tolist()):
                if off >= 0:
                    return start + b * GRIND_BATCH + off
            start += GRIND_BATCH * GRIND_BATCHES

    def verify_grinding(self, nonce: int, bits: int) -> None:
        """Check a proof-of-work nonce against the current state and absorb it as :meth:`grind` does.

        Args:
            nonce: the prover's nonce (untrusted).
            bits: the required difficulty, 0..32 (trusted: set by the verifier's options).

        Raises:
            ValueError: ``bits`` out of range.
            GrindingError: the nonce is not an integer in [0, 2^64) or lacks ``bits`` trailing zeros.
        """
        bits = _grinding_bits(bits)
        if isinstance(nonce, bool) or not isinstance(nonce, int | np.integer) or not 0 <= nonce < 1 << 64:
            raise GrindingError(f"grinding nonce must be an integer in [0, 2^64), got {nonce!r}")
        nonce = int(nonce)
        if not pow_hash_ok(self._state, nonce, bits):
            raise GrindingError(f"grinding nonce {nonce} does not give {bits} zero bits")
        self._absorb(_KIND_NONCE, _NONCE_LABEL, struct.pack("<Q", nonce))

    # -- helpers ---------------------------------------------------------------------------------------

    def copy(self) -> Transcript:
        """An independent transcript in the same state."""
        t = Transcript.__new__(Transcript)
        t._state = self._state
        return t

    def fork(self, label: bytes | str) -> Transcript:
        """A copy that has absorbed ``label`` (a sub-protocol's domain); this transcript is unchanged."""
        t = self.copy()
        t._absorb(_KIND_FORK, label, b"")
        return t

    def state_digest(self) -> bytes:
        """The current 32-byte chaining digest (for tests and debugging)."""
        return self._state
