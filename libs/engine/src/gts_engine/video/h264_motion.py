"""Motion vector prediction (H.264 8.4.1) and the P slices that draw the playhead.

A playhead frame is a non-reference P slice predicted from its scene's IDR picture: every
macroblock is P_Skip (a copy of the IDR) except the waveform band's macroblocks in the
playhead's column. Those are P_8x8 with zero vectors, except the 4x8 partitions on the
playhead, whose vectors point straight up into the flat strip of the playhead colour: the
decoder draws a 4-pixel line over the waveform. No residual is coded.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from gts_engine.video.bits import START_CODE, BitWriter, escape
from gts_engine.video.h264_headers import (
    LOG2_MAX_FRAME_NUM,
    LOG2_MAX_POC_LSB,
    NAL_SLICE,
    P_PPS_ID,
)

Vector = tuple[int, int]  # quarter-pel units (x, y)
ZERO: Vector = (0, 0)
MB_P_L0_16X16, MB_P_8X8 = 0, 3
SUB_8X8, SUB_4X8 = 0, 2
SLICE_TYPE_P_ALL = 5


def _median(a: int, b: int, c: int) -> int:
    return a + b + c - min(a, b, c) - max(a, b, c)


class MotionField:
    """The motion vectors of one P picture on its grid of 4x4 luma blocks, for prediction.

    Every vector refers to reference index 0; blocks missing from `vectors` hold (0, 0).
    Availability follows decoding order: blocks of earlier macroblocks (raster order) are
    available, blocks of later ones are not, and in the current macroblock only the blocks
    marked decoded so far.
    """

    def __init__(self, width_mbs: int, height_mbs: int, vectors: dict[Vector, Vector]) -> None:
        self.width_mbs = width_mbs
        self.width_blocks, self.height_blocks = 4 * width_mbs, 4 * height_mbs
        self.vectors = vectors
        self.current = 0
        self._decoded: set[Vector] = set()

    def start_macroblock(self, address: int) -> None:
        self.current = address
        self._decoded.clear()

    def mark_decoded(self, bx: int, by: int, width: int, height: int) -> None:
        self._decoded.update((bx + i, by + j) for i in range(width) for j in range(height))

    def vector(self, bx: int, by: int) -> Vector | None:
        """The vector of block (bx, by), or None when it is not available."""
        if not (0 <= bx < self.width_blocks and 0 <= by < self.height_blocks):
            return None
        address = (by // 4) * self.width_mbs + bx // 4
        if address > self.current or (address == self.current and (bx, by) not in self._decoded):
            return None
        return self.vectors.get((bx, by), ZERO)

    def predict(self, bx: int, by: int, width: int) -> Vector:
        """The predicted vector (8.4.1.3) of a partition whose top-left block is (bx, by)
        and `width` blocks wide: median of neighbours A, B and C (D when C is unavailable)."""
        a, b = self.vector(bx - 1, by), self.vector(bx, by - 1)
        c = self.vector(bx + width, by - 1)
        if c is None:
            c = self.vector(bx - 1, by - 1)
        if b is None and c is None and a is not None:
            return a
        present = [v for v in (a, b, c) if v is not None]
        if len(present) == 1:  # the only neighbour with the same reference index
            return present[0]
        a, b, c = a or ZERO, b or ZERO, c or ZERO
        return _median(a[0], b[0], c[0]), _median(a[1], b[1], c[1])

    def skip_vector(self, mbx: int, mby: int) -> Vector:
        """The vector a P_Skip macroblock at (mbx, mby) would get (8.4.1.1)."""
        bx, by = 4 * mbx, 4 * mby
        a, b = self.vector(bx - 1, by), self.vector(bx, by - 1)
        if a is None or b is None or a == ZERO or b == ZERO:
            return ZERO
        return self.predict(bx, by, 4)


@dataclass(frozen=True, slots=True)
class PlayheadGeometry:
    """Where the playhead runs: picture size in macroblocks, the band's macroblock rows, and
    the top luma row of the 8 flat strip rows each 8-row playhead partition copies."""

    width_mbs: int
    height_mbs: int
    band_rows: range
    target_y: int


def playhead_vectors(geometry: PlayheadGeometry, x: int) -> dict[Vector, Vector]:
    """The non-zero block vectors of the frame whose playhead is at luma column `x` (4-px)."""
    vectors: dict[Vector, Vector] = {}
    for row in geometry.band_rows:
        for half in (0, 1):
            top = 16 * row + 8 * half
            mv = (0, 4 * (geometry.target_y - top))
            vectors[x // 4, top // 4] = vectors[x // 4, top // 4 + 1] = mv
    return {k: v for k, v in vectors.items() if v != ZERO}


def _p8x8(field: MotionField, mbx: int, mby: int, playhead_bx: int | None) -> BitWriter:
    """A P_8x8 macroblock; the 8x8 holding block column `playhead_bx` is split in 4x8."""
    w = BitWriter()
    w.ue(MB_P_8X8)
    subs = [(4 * mbx + 2 * (s % 2), 4 * mby + 2 * (s // 2)) for s in range(4)]
    split = [playhead_bx is not None and bx <= playhead_bx < bx + 2 for bx, _ in subs]
    for is_split in split:
        w.ue(SUB_4X8 if is_split else SUB_8X8)
    for (bx, by), is_split in zip(subs, split, strict=True):
        parts = [(bx, 1), (bx + 1, 1)] if is_split else [(bx, 2)]
        for pbx, width in parts:
            mv = field.vectors.get((pbx, by), ZERO)
            mvp = field.predict(pbx, by, width)
            w.se(mv[0] - mvp[0])
            w.se(mv[1] - mvp[1])
            field.mark_decoded(pbx, by, width, 2)
    w.ue(0)  # coded_block_pattern 0: no residual
    return w


def _p16x16_zero(field: MotionField, mbx: int, mby: int) -> BitWriter:
    """A P_L0_16x16 macroblock with a zero vector (where P_Skip would predict another)."""
    mvp = field.predict(4 * mbx, 4 * mby, 4)
    w = BitWriter()
    w.ue(MB_P_L0_16X16)
    w.se(-mvp[0])
    w.se(-mvp[1])
    w.ue(0)  # coded_block_pattern
    return w


def p_slice_data(geometry: PlayheadGeometry, x: int) -> BitWriter:
    """The CAVLC slice data of a playhead frame (before rbsp trailing bits)."""
    vectors = playhead_vectors(geometry, x)
    field = MotionField(geometry.width_mbs, geometry.height_mbs, vectors)
    width = geometry.width_mbs
    column = {row * width + x // 16 for row in geometry.band_rows}
    # a P_Skip macroblock predicts a non-zero vector only when its A and B neighbours both
    # have one, so only macroblocks right of or below a moved block need checking
    nearby = {
        ((by + dy) // 4) * width + (bx + dx) // 4
        for bx, by in vectors
        for dx, dy in ((1, 0), (0, 1))
    }
    w = BitWriter()
    previous = -1
    for address in sorted(column | nearby):
        mbx, mby = address % width, address // width
        if mby >= geometry.height_mbs:
            continue
        field.start_macroblock(address)
        if address in column:
            body = _p8x8(field, mbx, mby, x // 4)
        elif field.skip_vector(mbx, mby) != ZERO:
            body = _p16x16_zero(field, mbx, mby)
        else:
            continue
        w.ue(address - previous - 1)  # mb_skip_run
        w.append(body)
        previous = address
    trailing = geometry.width_mbs * geometry.height_mbs - previous - 1
    if trailing:
        w.ue(trailing)
    return w


def _header_head() -> BitWriter:
    """The P slice header fields before pic_order_cnt_lsb."""
    w = BitWriter()
    w.ue(0)  # first_mb_in_slice
    w.ue(SLICE_TYPE_P_ALL)
    w.ue(P_PPS_ID)
    w.u(LOG2_MAX_FRAME_NUM, 1)  # frame_num: the IDR's plus one (non-reference pictures)
    return w


def _header_tail() -> BitWriter:
    """The P slice header fields after pic_order_cnt_lsb."""
    w = BitWriter()
    w.flag(False)  # num_ref_idx_active_override_flag
    w.flag(False)  # ref_pic_list_modification_flag_l0
    w.se(0)  # slice_qp_delta
    w.ue(1)  # disable_deblocking_filter_idc: the copied pixels stay exact
    return w


@lru_cache(maxsize=2048)
def _slice_body(geometry: PlayheadGeometry, x: int) -> tuple[int, int, int]:
    """(bits after the POC with stop bit and padding, their length, NAL payload bytes) of
    the playhead frame at column `x`: the same for every video of one geometry, so kept for
    the process (a render service primes them at start-up, `prime_playhead_slices`)."""
    tail = _header_tail()
    tail.append(p_slice_data(geometry, x))
    bits = _header_head().length + LOG2_MAX_POC_LSB + tail.length + 1
    pad = -bits % 8
    value = ((tail.value << 1) | 1) << pad
    return value, tail.length + 1 + pad, (bits + pad) // 8


def prime_playhead_slices(geometry: PlayheadGeometry, columns: range) -> None:
    """Build the slice data of every playhead column in `columns` now."""
    for x in columns:
        _slice_body(geometry, x)


class PlayheadSlices:
    """P slice NAL units by playhead column (the slice data is built once per column)."""

    def __init__(self, geometry: PlayheadGeometry) -> None:
        self.geometry = geometry
        self._head = _header_head()

    def nal(self, x: int, poc_lsb: int) -> bytes:
        """The NAL unit of a playhead frame at luma column `x` with POC LSB `poc_lsb`."""
        value, length, size = _slice_body(self.geometry, x)
        head = (self._head.value << LOG2_MAX_POC_LSB) | (poc_lsb & 0xFFFF)
        rbsp = ((head << length) | value).to_bytes(size, "big")
        return START_CODE + bytes([NAL_SLICE]) + escape(rbsp)
