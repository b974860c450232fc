"""The H.264 pieces of the video: bits, parameter sets and motion vector prediction."""

from __future__ import annotations

import numpy as np

from gts_engine.video.bits import BitReader, BitWriter, escape, split_nal_units, unescape
from gts_engine.video.h264_headers import SeqParams, parse_sps, write_sps
from gts_engine.video.h264_motion import MotionField, PlayheadGeometry, playhead_vectors


def test_exp_golomb_codes_read_back() -> None:
    w = BitWriter()
    values = [0, 1, 2, 3, 7, 8, 255, 65_535]
    signed = [0, 1, -1, 2, -2, 164, -656]
    for v in values:
        w.ue(v)
    for v in signed:
        w.se(v)
    w.u(5, 0b10110)
    r = BitReader(w.rbsp())
    assert [r.ue() for _ in values] == values
    assert [r.se() for _ in signed] == signed
    assert r.u(5) == 0b10110
    assert r.u(1) == 1  # the rbsp stop bit


def test_known_codes() -> None:
    w = BitWriter()
    w.ue(0)  # 1
    w.ue(3)  # 00100
    w.se(-1)  # 011
    assert (w.value, w.length) == (0b100100011, 9)


def test_escaping_removes_every_start_code_and_reverses() -> None:
    rng = np.random.default_rng(3)
    data = bytes(rng.choice([0, 0, 0, 1, 2, 3, 7], size=4000).astype(np.uint8)) + b"\x00\x00"
    escaped = escape(data)
    for pattern in (b"\x00\x00\x00", b"\x00\x00\x01", b"\x00\x00\x02"):
        assert pattern not in escaped
    assert not escaped.endswith(b"\x00")
    assert unescape(escaped) == data


def test_nal_units_split_at_three_and_four_byte_start_codes() -> None:
    stream = b"\x00\x00\x00\x01\x67\xaa\x00\x00\x01\x68\xbb\x00\x00\x00\x01\x65\xcc\x00\x00\x03\x01"
    assert split_nal_units(stream) == [b"\x67\xaa", b"\x68\xbb", b"\x65\xcc\x00\x00\x03\x01"]


def test_our_sps_keeps_the_picture_geometry_and_uses_poc_type_0() -> None:
    x264 = SeqParams(1, 8, 8, 4, 2, 0, False, 120, 68, (0, 0, 0, 4))
    unit = write_sps(x264)
    assert unit[:5] == b"\x00\x00\x00\x01\x67"
    assert unit[5:8] == bytes([100, 0, 40])  # High profile, level 4.0
    ours = parse_sps(unescape(unit[5:]))
    assert (ours.width_mbs, ours.height_mbs, ours.crop) == (120, 68, (0, 0, 0, 4))
    assert (ours.chroma_format_idc, ours.bit_depth_luma, ours.bit_depth_chroma) == (1, 8, 8)
    assert (ours.poc_type, ours.log2_max_poc_lsb, ours.log2_max_frame_num) == (0, 16, 4)


def test_prediction_with_no_neighbour_is_zero() -> None:
    field = MotionField(2, 2, {(3, 0): (8, 8)})
    field.start_macroblock(0)
    assert field.predict(0, 0, 4) == (0, 0)


def test_prediction_from_left_only_copies_a() -> None:
    # MB (1, 0) of the top row: B, C and D lie outside the picture
    field = MotionField(2, 2, {(3, 0): (8, -4)})
    field.start_macroblock(1)
    assert field.predict(4, 0, 4) == (8, -4)


def test_prediction_from_above_only_copies_b_not_the_median() -> None:
    # one macroblock wide: A, C and D are outside; the median with zeros would give (0, 0)
    field = MotionField(1, 2, {(0, 3): (6, 2)})
    field.start_macroblock(1)
    assert field.predict(0, 4, 4) == (6, 2)


def test_prediction_is_the_componentwise_median_of_a_b_c() -> None:
    vectors = {(3, 4): (4, 0), (4, 3): (-8, 12), (8, 3): (0, 40)}
    field = MotionField(3, 2, vectors)
    field.start_macroblock(4)  # MB (1, 1)
    assert field.predict(4, 4, 4) == (0, 12)


def test_c_outside_the_picture_is_replaced_by_d() -> None:
    vectors = {(7, 4): (1, 1), (8, 3): (5, 5), (7, 3): (9, -3)}
    field = MotionField(3, 2, vectors)
    field.start_macroblock(5)  # MB (2, 1): its above-right is outside
    assert field.predict(8, 4, 4) == (5, 1)


def test_c_not_yet_decoded_in_the_current_macroblock_is_replaced_by_d() -> None:
    # sub-macroblock 2 (bottom-left 8x8) of MB (1, 1): A (3, 6), B (4, 5), C (6, 5) in
    # sub-macroblock 1, D (3, 5)
    vectors = {(3, 6): (4, 4), (4, 5): (8, 0), (6, 5): (20, 20), (3, 5): (-4, 12)}
    field = MotionField(2, 2, vectors)
    field.start_macroblock(3)
    field.mark_decoded(4, 4, 2, 2)  # sub-macroblock 0 only
    assert field.predict(4, 6, 2) == (4, 4)  # median of (4,4), (8,0), D (-4,12)
    field.mark_decoded(6, 4, 2, 2)  # now sub-macroblock 1 too
    assert field.predict(4, 6, 2) == (8, 4)  # median of (4,4), (8,0), C (20,20)


def test_a_later_macroblock_is_never_a_neighbour() -> None:
    # a 4x8 partition on the right edge of MB (0, 0): C (2, -1) is outside, D outside,
    # B outside; A is the left partition of the same 8x8 once decoded
    field = MotionField(2, 1, {(1, 0): (0, -48), (4, 0): (99, 99)})
    field.start_macroblock(0)
    field.mark_decoded(0, 0, 1, 2)
    field.mark_decoded(1, 0, 1, 2)
    assert field.predict(2, 0, 2) == (0, -48)  # only A: (1, 0); (4, 0) is a later MB
    assert field.vector(4, 0) is None


def test_skip_is_zero_unless_a_and_b_both_move() -> None:
    moving = {(3, 4): (4, 8), (4, 3): (12, 8), (8, 3): (8, 0)}
    field = MotionField(3, 2, moving)
    field.start_macroblock(4)
    assert field.skip_vector(1, 1) == (8, 8)
    field = MotionField(3, 2, {**moving, (3, 4): (0, 0)})
    field.start_macroblock(4)
    assert field.skip_vector(1, 1) == (0, 0)
    field = MotionField(3, 2, moving)
    field.start_macroblock(1)
    assert field.skip_vector(1, 0) == (0, 0)  # B outside the picture


def test_playhead_vectors_point_every_band_partition_at_the_strip() -> None:
    geometry = PlayheadGeometry(120, 68, range(51, 61), target_y=804)
    vectors = playhead_vectors(geometry, 100)
    assert len(vectors) == 40  # 10 macroblocks x 4 blocks of the 4-wide column
    for (bx, by), (mx, my) in vectors.items():
        top = by // 2 * 8  # the 8-row partition holding the block
        assert bx == 25
        assert mx == 0
        assert top + my // 4 == 804
