"""A mono AAC stream made stereo without encoding it twice.

The montage is mono, and YouTube wants stereo. Encoding it as stereo costs twice the mono
encode (ffmpeg's AAC encoder codes both channels), and that encode is the longest step after
the amps. An AAC-LC frame of a mono stream is a single channel element (SCE): its channel's
`individual_channel_stream` (ICS) followed by the END element. A channel pair element (CPE)
with `common_window` 0 is two complete ICS in a row, so each frame becomes a CPE carrying the
same ICS twice: both channels decode to exactly the mono signal. Fill elements (libavcodec writes
its name in one every 256 frames, before the SCE) are kept as they are.
"""

from __future__ import annotations

_ID_SCE, _ID_CPE, _ID_FIL, _ID_END = 0, 1, 6, 7


class AacFrameError(ValueError):
    """A frame that is not mono AAC-LC as libavcodec writes it (SCE, END)."""


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


def stereo_frame(payload: bytes) -> bytes:
    """One raw mono AAC-LC frame (as the encoder gives it) as a frame of two channels, both
    the mono one. Raises AacFrameError for anything but one SCE and END."""
    stereo, nbits = _stereo_payload(payload)
    return stereo.to_bytes(nbits // 8, "big")
