"""A mono AAC stream made stereo without encoding it twice.

The montage is mono, and YouTube wants stereo. Encoding it as stereo costs twice the mono
encode (ffmpeg's AAC encoder codes both channels), and that encode is the longest step after
the amps. An AAC-LC frame of a mono stream is a single channel element (SCE): its channel's
`individual_channel_stream` (ICS) followed by the END element. A channel pair element (CPE)
with `common_window` 0 is two complete ICS in a row, so each frame becomes a CPE carrying the
same ICS twice: both channels decode to exactly the mono signal. Fill elements (ffmpeg writes
its name in one every 256 frames, before the SCE) are kept as they are.
"""

from __future__ import annotations

_ID_SCE, _ID_CPE, _ID_FIL, _ID_END = 0, 1, 6, 7
_HEADER = 7  # ADTS header without CRC


class AacFrameError(ValueError):
    """A frame that is not mono AAC-LC as ffmpeg writes it (SCE, END)."""


def _stereo_payload(payload: bytes) -> tuple[int, int]:
    """One frame's raw data block turned stereo: (bits, bit count), byte-aligned."""
    nbits = len(payload) * 8
    bits = int.from_bytes(payload, "big")
    pos = 0  # from the most significant bit

    def take(n: int) -> int:
        nonlocal pos
        value = (bits >> (nbits - pos - n)) & ((1 << n) - 1)
        pos += n
        return value

    out, out_bits = 0, 0
    while True:
        start = pos
        element = take(3)
        if element == _ID_FIL:
            count = take(4)
            if count == 15:
                count += take(8) - 1
            pos += 8 * count
            length = pos - start
            out = (out << length) | ((bits >> (nbits - pos)) & ((1 << length) - 1))
            out_bits += length
            continue
        if element != _ID_SCE:
            raise AacFrameError(f"element {element} where a single channel element was expected")
        tag = take(4)
        break
    trailing = (bits & -bits).bit_length() - 1 if bits else nbits
    end = nbits - trailing  # just after the END element's last bit
    if trailing >= 8 or ((bits >> trailing) & 0b111) != _ID_END or end - 3 < pos:
        raise AacFrameError("the frame does not end with one single channel element and END")
    ics_bits = end - 3 - pos
    ics = (bits >> (nbits - end + 3)) & ((1 << ics_bits) - 1)
    out = (out << 8) | (_ID_CPE << 5) | (tag << 1)  # CPE, its tag, common_window 0
    out = (((out << ics_bits) | ics) << ics_bits) | ics
    out = (out << 3) | _ID_END
    out_bits += 8 + 2 * ics_bits + 3
    pad = -out_bits % 8
    return out << pad, out_bits + pad


def mono_adts_to_stereo(data: bytes) -> bytes:
    """Every ADTS frame of mono AAC-LC `data` as stereo (both channels the mono one).

    Raises AacFrameError for anything but mono AAC-LC frames without CRC, one block each.
    """
    out = bytearray()
    i = 0
    while i < len(data):
        header = data[i : i + _HEADER]
        if len(header) < _HEADER or header[0] != 0xFF or header[1] & 0xF6 != 0xF0:
            raise AacFrameError(f"no ADTS frame at byte {i}")
        if not header[1] & 1 or header[6] & 0b11:
            raise AacFrameError("frames with a CRC or several blocks are not handled")
        channels = ((header[2] & 1) << 2) | (header[3] >> 6)
        if channels != 1:
            raise AacFrameError(f"a frame of {channels} channels; mono is expected")
        length = ((header[3] & 0b11) << 11) | (header[4] << 3) | (header[5] >> 5)
        payload, nbits = _stereo_payload(data[i + _HEADER : i + length])
        size = _HEADER + nbits // 8
        out += bytes(
            (
                0xFF,
                header[1],
                (header[2] & 0xFE) | 0,  # channel configuration 2: its high bit is 0
                ((2 & 0b11) << 6) | (header[3] & 0b00111100) | (size >> 11),
                (size >> 3) & 0xFF,
                ((size & 0b111) << 5) | 0x1F,  # buffer fullness 0x7FF: variable rate
                0xFC,  # the rest of the fullness, one raw data block
            )
        )
        out += payload.to_bytes(nbits // 8, "big")
        i += length
    return bytes(out)
