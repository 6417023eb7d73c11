"""The iden3 "binfile" container shared by circom's ``.r1cs`` and snarkjs's ``.wtns`` and ``.zkey``.

Layout (``@iden3/binfileutils``): a 4-byte ASCII magic, a u32 version, a u32 section count, then each
section as u32 type, u64 byte size and the data; everything little-endian. Section types may repeat in
the format, but every section these files use is unique, so a repeated one is refused.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping, Sequence
from os import PathLike
from pathlib import Path

from prover.errors import ProofFormatError

FR_BYTES = 32  # an Fr element in circom's and snarkjs's files


class FormatError(ProofFormatError):
    """A malformed or truncated circom/snarkjs file; the message names the file and the section."""

    def __init__(self, path: str | PathLike, section: str, detail: str) -> None:
        super().__init__(f"{Path(path).name}: {section}: {detail}")
        self.path = str(path)
        self.section = section


class BinFile:
    """A parsed binfile: ``sections[type] = (offset, size)`` into ``data``.

    Attributes:
        path: the file.
        version: the header's version.
        names: section type -> human name (for error messages).
    """

    def __init__(self, path: str | PathLike, magic: bytes, max_version: int,
                 names: Mapping[int, str]) -> None:
        self.path = path
        self.names = names
        try:
            self.data = memoryview(Path(path).read_bytes())
        except OSError as exc:
            raise FormatError(path, "file", f"cannot read: {exc.strerror or exc}") from exc
        data = self.data
        if len(data) < 12:
            raise FormatError(path, "file header", f"truncated: {len(data)} bytes, need 12")
        if bytes(data[:4]) != magic:
            raise FormatError(path, "file header", f"magic is {bytes(data[:4])!r}, expected {magic!r}")
        self.version, n_sections = struct.unpack_from("<II", data, 4)
        if not 1 <= self.version <= max_version:
            raise FormatError(path, "file header", f"version {self.version} is not supported "
                                                   f"(1..{max_version})")
        self.sections: dict[int, tuple[int, int]] = {}
        pos = 12
        for k in range(n_sections):
            if pos + 12 > len(data):
                raise FormatError(path, f"section table (entry {k} of {n_sections})",
                                  "truncated before the section header")
            kind, size = struct.unpack_from("<IQ", data, pos)
            pos += 12
            name = self.section_name(kind)
            if pos + size > len(data):
                raise FormatError(path, name, f"truncated: declares {size} bytes, {len(data) - pos} remain")
            if kind in self.sections:
                raise FormatError(path, name, "appears twice")
            self.sections[kind] = (pos, size)
            pos += size

    def section_name(self, kind: int) -> str:
        return f"section {kind} ({self.names[kind]})" if kind in self.names else f"section {kind}"

    def has(self, kind: int) -> bool:
        return kind in self.sections

    def section(self, kind: int) -> memoryview:
        """The bytes of a required section."""
        if kind not in self.sections:
            raise FormatError(self.path, self.section_name(kind), "missing")
        off, size = self.sections[kind]
        return self.data[off:off + size]

    def error(self, kind: int, detail: str) -> FormatError:
        return FormatError(self.path, self.section_name(kind), detail)


class Reader:
    """Sequential little-endian reads from one section, raising FormatError on truncation."""

    def __init__(self, binfile: BinFile, kind: int) -> None:
        self.bf = binfile
        self.kind = kind
        self.buf = binfile.section(kind)
        self.pos = 0

    def take(self, n: int, what: str) -> memoryview:
        if n < 0 or self.pos + n > len(self.buf):
            raise self.bf.error(self.kind, f"truncated while reading {what}")
        out = self.buf[self.pos:self.pos + n]
        self.pos += n
        return out

    def u32(self, what: str) -> int:
        return struct.unpack("<I", self.take(4, what))[0]

    def u64(self, what: str) -> int:
        return struct.unpack("<Q", self.take(8, what))[0]

    def bigint(self, n8: int, what: str) -> int:
        return int.from_bytes(self.take(n8, what), "little")

    def rest(self) -> memoryview:
        return self.buf[self.pos:]

    def done(self) -> None:
        if self.pos != len(self.buf):
            raise self.bf.error(self.kind, f"{len(self.buf) - self.pos} unexpected trailing bytes")


def write_binfile(path: str | PathLike, magic: bytes, version: int,
                  sections: Sequence[tuple[int, Sequence[bytes] | bytes]]) -> None:
    """Write a binfile; each section is (type, bytes or a list of byte chunks)."""
    with open(path, "wb") as f:
        f.write(magic + struct.pack("<II", version, len(sections)))
        for kind, chunks in sections:
            parts = [chunks] if isinstance(chunks, bytes | bytearray | memoryview) else list(chunks)
            f.write(struct.pack("<IQ", kind, sum(len(p) for p in parts)))
            for p in parts:
                f.write(p)


def read_fr_header(bf: BinFile, section: int = 1) -> Reader:
    """Open ``section`` and check its leading field description: n8 = 32 bytes and prime = BN254's r.

    ``.r1cs`` and ``.wtns`` headers both start this way; the returned reader is positioned after the
    prime, ready for the format's own counts.
    """
    from snark.bn254.fields import R

    hdr = Reader(bf, section)
    n8 = hdr.u32("field size")
    if n8 != FR_BYTES:
        raise bf.error(section, f"field size is {n8} bytes, expected {FR_BYTES} (BN254)")
    if hdr.bigint(n8, "prime") != R:
        raise bf.error(section, "prime is not the BN254 scalar field r")
    return hdr
