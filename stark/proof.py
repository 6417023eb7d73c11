"""The STARK proof object and its versioned byte format.

Layout (little-endian; every count is bounds-checked on reading, every field element must be < p):

    magic "PSTK" | version u8 | options (6 bytes) | air name (u8 length + ASCII)
    log2 trace length u8 | trace width u8 | composition chunks u8
    trace root (32) | composition root (32)
    OOD: trace at z (w x 2 u64) | trace at z*w (w x 2 u64) | chunks at z (k x 2 u64)
    FRI: layer count u8, roots (32 each) | remainder count u16, coefficients (2 u64 each)
    grinding nonce u64
    queries: count u16, positions (u32 each)
    trace rows (q x w u64) | opening (u32 length + bytes)
    composition rows (q x 2k u64) | opening
    per FRI layer: leaf count u16, rows (leaves x 2f u64), opening

The options and trace shape travel inside the proof; the verifier checks them against its policy and the
AIR. :meth:`StarkProof.from_bytes` raises :class:`prover.errors.ProofFormatError` on any malformed input.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

import numpy as np

from prover.errors import ProofFormatError
from prover.merkle import BatchOpening
from stark.options import ENCODED_SIZE, ProofOptions

MAGIC = b"PSTK"
VERSION = 1
P = (1 << 64) - (1 << 32) + 1
MAX_FRI_LAYERS = 32
MAX_OPENING_BYTES = 1 << 24


@dataclass
class StarkProof:
    """A STARK proof (DEEP-ALI + FRI, eprint 2019/336 and 2021/582). Field names follow ethSTARK."""

    options: ProofOptions
    air_name: str
    trace_length: int
    trace_width: int
    num_chunks: int
    trace_root: bytes
    composition_root: bytes
    ood_trace_z: np.ndarray          # (w, 2)
    ood_trace_zw: np.ndarray         # (w, 2)
    ood_composition: np.ndarray      # (k, 2)
    fri_roots: list[bytes]
    fri_remainder: np.ndarray        # (r, 2)
    nonce: int
    positions: np.ndarray            # (q,) int64, layer-0 query positions
    trace_rows: np.ndarray           # (q, w)
    trace_opening: BatchOpening
    composition_rows: np.ndarray     # (q, 2k)
    composition_opening: BatchOpening
    fri_rows: list[np.ndarray] = field(default_factory=list)      # per layer (leaves, 2f)
    fri_openings: list[BatchOpening] = field(default_factory=list)

    # ----------------------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        """Serialize (see the module docstring for the layout)."""
        return self._serialize()[0]

    def sections(self) -> list[tuple[str, int, int]]:
        """(name, start, end) byte ranges of every section of :meth:`to_bytes` (for tests and tooling)."""
        return self._serialize()[1]

    def _serialize(self) -> tuple[bytes, list[tuple[str, int, int]]]:
        out = bytearray()
        marks: list[tuple[str, int, int]] = []

        def put(name: str, data: bytes) -> None:
            marks.append((name, len(out), len(out) + len(data)))
            out.extend(data)

        name = self.air_name.encode("ascii")
        put("header", MAGIC + struct.pack("<B", VERSION))
        put("options", self.options.to_bytes())
        put("air_name", struct.pack("<B", len(name)) + name)
        put("trace_shape", struct.pack("<BBB", self.trace_length.bit_length() - 1, self.trace_width,
                                       self.num_chunks))
        put("trace_root", self.trace_root)
        put("composition_root", self.composition_root)
        put("ood_trace_z", _words(self.ood_trace_z))
        put("ood_trace_zw", _words(self.ood_trace_zw))
        put("ood_composition", _words(self.ood_composition))
        put("fri_roots", struct.pack("<B", len(self.fri_roots)) + b"".join(self.fri_roots))
        put("fri_remainder", struct.pack("<H", self.fri_remainder.shape[0]) + _words(self.fri_remainder))
        put("nonce", struct.pack("<Q", self.nonce))
        positions = np.asarray(self.positions, dtype="<u4").tobytes()
        put("positions", struct.pack("<H", len(self.positions)) + positions)
        put("trace_rows", _words(self.trace_rows))
        put("trace_opening", _blob(self.trace_opening.to_bytes()))
        put("composition_rows", _words(self.composition_rows))
        put("composition_opening", _blob(self.composition_opening.to_bytes()))
        for layer, (rows, opening) in enumerate(zip(self.fri_rows, self.fri_openings, strict=True)):
            put(f"fri_layer_{layer}_rows", struct.pack("<H", rows.shape[0]) + _words(rows))
            put(f"fri_layer_{layer}_opening", _blob(opening.to_bytes()))
        return bytes(out), marks

    @property
    def size_bytes(self) -> int:
        """Serialized size in bytes."""
        return len(self.to_bytes())

    @classmethod
    def from_bytes(cls, data: bytes) -> StarkProof:
        """Parse a proof.

        Raises:
            ProofFormatError: truncated or trailing bytes, wrong magic or version, bad counts, or a
                non-canonical field element.
        """
        r = _Reader(bytes(data))
        if r.take(4) != MAGIC:
            raise ProofFormatError("not a STARK proof (bad magic)")
        version = r.u8()
        if version != VERSION:
            raise ProofFormatError(f"unsupported proof version {version} (this build reads {VERSION})")
        options = ProofOptions.from_bytes(r.take(ENCODED_SIZE))
        name_len = r.u8()
        try:
            air_name = r.take(name_len).decode("ascii")
        except UnicodeDecodeError as exc:
            raise ProofFormatError("AIR name is not ASCII") from exc
        log_n, width, chunks = r.u8(), r.u8(), r.u8()
        if not 3 <= log_n <= 28:
            raise ProofFormatError(f"log2 trace length {log_n} out of range 3..28")
        if width < 1 or not 1 <= chunks <= 16:
            raise ProofFormatError(f"trace width {width} or chunk count {chunks} out of range")
        trace_root, comp_root = r.take(32), r.take(32)
        ood_z = r.field((width, 2))
        ood_zw = r.field((width, 2))
        ood_c = r.field((chunks, 2))
        num_layers = r.u8()
        if num_layers > MAX_FRI_LAYERS:
            raise ProofFormatError(f"{num_layers} FRI layers exceed the maximum {MAX_FRI_LAYERS}")
        roots = [r.take(32) for _ in range(num_layers)]
        rem_len = r.u16()
        if not 1 <= rem_len <= 1 << 12:
            raise ProofFormatError(f"remainder length {rem_len} out of range")
        remainder = r.field((rem_len, 2))
        nonce = r.u64()
        q = r.u16()
        if not 1 <= q <= 255:
            raise ProofFormatError(f"query count {q} out of range 1..255")
        positions = np.frombuffer(r.take(4 * q), dtype="<u4").astype(np.int64)
        trace_rows = r.field((q, width))
        trace_opening = r.opening()
        comp_rows = r.field((q, 2 * chunks))
        comp_opening = r.opening()
        f = options.folding_factor
        fri_rows, fri_openings = [], []
        for _ in range(num_layers):
            leaves = r.u16()
            if not 1 <= leaves <= q:
                raise ProofFormatError(f"FRI layer leaf count {leaves} out of range 1..{q}")
            fri_rows.append(r.field((leaves, 2 * f)))
            fri_openings.append(r.opening())
        if r.pos != len(r.data):
            raise ProofFormatError(f"{len(r.data) - r.pos} trailing bytes after the proof")
        return cls(options, air_name, 1 << log_n, width, chunks, trace_root, comp_root, ood_z, ood_zw, ood_c,
                   roots, remainder, nonce, positions, trace_rows, trace_opening, comp_rows, comp_opening,
                   fri_rows, fri_openings)


def _words(arr: np.ndarray) -> bytes:
    return np.ascontiguousarray(arr, dtype="<u8").tobytes()


def _blob(b: bytes) -> bytes:
    return struct.pack("<I", len(b)) + b


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, k: int) -> bytes:
        if k < 0 or self.pos + k > len(self.data):
            raise ProofFormatError(f"proof truncated: need {k} bytes at offset {self.pos}, "
                                   f"have {len(self.data) - self.pos}")
        out = self.data[self.pos:self.pos + k]
        self.pos += k
        return out

    def u8(self) -> int:
        return self.take(1)[0]

    def u16(self) -> int:
        return struct.unpack("<H", self.take(2))[0]

    def u64(self) -> int:
        return struct.unpack("<Q", self.take(8))[0]

    def field(self, shape: tuple[int, int]) -> np.ndarray:
        count = shape[0] * shape[1]
        arr = np.frombuffer(self.take(8 * count), dtype="<u8").astype(np.uint64).reshape(shape)
        if arr.size and int(arr.max()) >= P:
            raise ProofFormatError(f"non-canonical field element at offset {self.pos - 8 * count}")
        return arr

    def opening(self) -> BatchOpening:
        length = struct.unpack("<I", self.take(4))[0]
        if length > MAX_OPENING_BYTES:
            raise ProofFormatError(f"Merkle opening of {length} bytes exceeds the maximum")
        raw = self.take(length)
        try:
            return BatchOpening.from_bytes(raw)
        except ProofFormatError:
            raise
        except Exception as exc:  # a hostile blob must never escape as another exception type
            raise ProofFormatError(f"malformed Merkle opening: {exc}") from exc
