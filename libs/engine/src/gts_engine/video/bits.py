"""Bits of an H.264 stream: bit writer and reader, exp-Golomb codes, Annex B NAL units."""

from __future__ import annotations

import re

START_CODE = b"\x00\x00\x00\x01"
# two zero bytes before a byte <= 3 (or the end) would read as a start code: insert 0x03
_NEEDS_ESCAPE = re.compile(rb"\x00\x00(?=[\x00-\x03]|\Z)")
_ESCAPED = re.compile(rb"\x00\x00\x03(?=[\x00-\x03]|\Z)")
_START = re.compile(rb"\x00\x00\x01")


class BitWriter:
    """Bits appended most significant first, held as one Python int (fast for short codes)."""

    __slots__ = ("length", "value")

    def __init__(self) -> None:
        self.value = 0
        self.length = 0

    def u(self, bits: int, value: int) -> None:
        """Append `value` as an unsigned `bits`-bit field."""
        self.value = (self.value << bits) | value
        self.length += bits

    def flag(self, on: bool) -> None:
        self.u(1, int(on))

    def ue(self, value: int) -> None:
        """Append an unsigned exp-Golomb code ue(v)."""
        code = value + 1
        self.u(2 * code.bit_length() - 1, code)

    def se(self, value: int) -> None:
        """Append a signed exp-Golomb code se(v)."""
        self.ue(2 * value - 1 if value > 0 else -2 * value)

    def append(self, other: BitWriter) -> None:
        self.u(other.length, other.value)

    def align_ones(self) -> None:
        """Pad with one bits to a byte boundary (CABAC alignment)."""
        pad = -self.length % 8
        self.u(pad, (1 << pad) - 1)

    def to_bytes(self) -> bytes:
        if self.length % 8:
            raise ValueError("bit writer: not at a byte boundary")
        return self.value.to_bytes(self.length // 8, "big")

    def rbsp(self) -> bytes:
        """The bits with rbsp_trailing_bits (a one, then zeros to a byte boundary)."""
        bits = self.length + 1
        pad = -bits % 8
        return (((self.value << 1) | 1) << pad).to_bytes((bits + pad) // 8, "big")


class BitReader:
    """Reads fields from RBSP bytes (emulation prevention already removed)."""

    def __init__(self, data: bytes) -> None:
        self._value = int.from_bytes(data, "big")
        self._total = len(data) * 8
        self.position = 0

    def u(self, bits: int) -> int:
        if self.position + bits > self._total:
            raise ValueError("bit reader: read past the end of the unit")
        self.position += bits
        return (self._value >> (self._total - self.position)) & ((1 << bits) - 1)

    def flag(self) -> bool:
        return self.u(1) == 1

    def ue(self) -> int:
        zeros = 0
        while self.u(1) == 0:
            zeros += 1
            if zeros > 31:
                raise ValueError("bit reader: exp-Golomb code longer than 32 bits")
        return (1 << zeros) - 1 + self.u(zeros)

    def se(self) -> int:
        code = self.ue()
        return (code + 1) // 2 if code % 2 else -(code // 2)


def escape(rbsp: bytes) -> bytes:
    """Insert emulation-prevention bytes so the payload holds no start code."""
    return _NEEDS_ESCAPE.sub(b"\x00\x00\x03", rbsp)


def unescape(payload: bytes) -> bytes:
    """Remove emulation-prevention bytes: the RBSP of a NAL unit's payload."""
    return _ESCAPED.sub(b"\x00\x00", payload)


def split_nal_units(stream: bytes) -> list[bytes]:
    """The NAL units (header byte + escaped payload) of an Annex B byte stream."""
    starts = [m.end() for m in _START.finditer(stream)]
    ends = [*(s - 3 for s in starts[1:]), len(stream)]
    # a unit never ends in a zero byte; zeros before a start code belong to it
    return [stream[s:e].rstrip(b"\x00") for s, e in zip(starts, ends, strict=True)]


def nal_unit(ref_idc: int, unit_type: int, rbsp: bytes) -> bytes:
    """An Annex B NAL unit: start code, header byte, escaped payload."""
    return START_CODE + bytes([(ref_idc << 5) | unit_type]) + escape(rbsp)
