"""H.264 parameter sets and IDR slice headers: read x264's, write the ones of our stream.

x264 encodes each scene as a lone IDR picture with CABAC. Our stream keeps x264's picture
parameter set (id 0) and slice data, under our own sequence parameter set (POC type 0, VUI
with a fixed 30 fps and BT.709) and a second, CAVLC picture parameter set (id 1) for the
P slices that draw the playhead.
"""

from __future__ import annotations

from dataclasses import dataclass

from gts_engine.video.bits import BitReader, BitWriter, nal_unit, unescape

NAL_SLICE, NAL_IDR, NAL_SPS, NAL_PPS = 1, 5, 7, 8
LOG2_MAX_FRAME_NUM = 4
LOG2_MAX_POC_LSB = 16
PROFILE_HIGH, LEVEL_40 = 100, 40
P_PPS_ID = 1
_HIGH_PROFILES = {100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135}


@dataclass(frozen=True, slots=True)
class SeqParams:
    """What our SPS takes over from x264's: picture size, cropping, chroma and bit depth."""

    chroma_format_idc: int
    bit_depth_luma: int
    bit_depth_chroma: int
    log2_max_frame_num: int
    poc_type: int
    log2_max_poc_lsb: int
    delta_pic_order_always_zero: bool
    width_mbs: int
    height_mbs: int
    crop: tuple[int, int, int, int] | None  # left, right, top, bottom (crop units)


@dataclass(frozen=True, slots=True)
class PicParams:
    """The fields of x264's PPS that shape its slice headers."""

    pps_id: int
    cabac: bool
    bottom_field_poc_present: bool
    deblocking_control_present: bool
    redundant_pic_cnt_present: bool
    chroma_qp_index_offset: int


@dataclass(frozen=True, slots=True)
class IdrSlice:
    """An x264 IDR slice: the header fields we keep and its CABAC slice data (RBSP bytes)."""

    slice_type: int
    qp_delta: int
    deblocking: tuple[int, int, int] | None  # disable idc, alpha/2, beta/2
    data: bytes


def parse_sps(rbsp: bytes) -> SeqParams:
    """Read an SPS (RBSP without its header byte); only the forms x264 writes are accepted."""
    r = BitReader(rbsp)
    profile = r.u(8)
    r.u(16)  # constraint flags, level_idc
    r.ue()  # seq_parameter_set_id
    chroma, depth_luma, depth_chroma = 1, 8, 8
    if profile in _HIGH_PROFILES:
        chroma = r.ue()
        if chroma == 3 and r.flag():
            raise ValueError("sps: separate colour planes are not supported")
        depth_luma, depth_chroma = r.ue() + 8, r.ue() + 8
        r.u(1)  # qpprime_y_zero_transform_bypass_flag
        if r.flag():
            raise ValueError("sps: scaling matrices are not supported")
    log2_max_frame_num = r.ue() + 4
    poc_type = r.ue()
    log2_max_poc_lsb, always_zero = 0, False
    if poc_type == 0:
        log2_max_poc_lsb = r.ue() + 4
    elif poc_type == 1:
        always_zero = r.flag()
        r.se()
        r.se()
        for _ in range(r.ue()):
            r.se()
    r.ue()  # max_num_ref_frames
    r.u(1)  # gaps_in_frame_num_value_allowed_flag
    width_mbs, height_mbs = r.ue() + 1, r.ue() + 1
    if not r.flag():
        raise ValueError("sps: interlaced coding is not supported")
    r.u(1)  # direct_8x8_inference_flag
    crop = (r.ue(), r.ue(), r.ue(), r.ue()) if r.flag() else None
    return SeqParams(
        chroma, depth_luma, depth_chroma, log2_max_frame_num, poc_type, log2_max_poc_lsb,
        always_zero, width_mbs, height_mbs, crop,
    )  # fmt: skip


def parse_pps(rbsp: bytes) -> PicParams:
    """Read a PPS (RBSP without its header byte) up to the fields slice headers depend on."""
    r = BitReader(rbsp)
    pps_id = r.ue()
    r.ue()  # seq_parameter_set_id
    cabac, bottom_field_poc = r.flag(), r.flag()
    if r.ue() != 0:
        raise ValueError("pps: slice groups are not supported")
    r.ue()
    r.ue()  # num_ref_idx_l0/l1_default_active_minus1
    r.u(3)  # weighted_pred_flag, weighted_bipred_idc
    r.se()
    r.se()  # pic_init_qp/qs_minus26
    chroma_qp = r.se()
    deblocking, _constrained_intra, redundant = r.flag(), r.flag(), r.flag()
    return PicParams(pps_id, cabac, bottom_field_poc, deblocking, redundant, chroma_qp)


def write_sps(x264: SeqParams) -> bytes:
    """Our SPS NAL unit (id 0): High profile, level 4.0, POC type 0, 30 fps BT.709 VUI."""
    w = BitWriter()
    w.u(8, PROFILE_HIGH)
    w.u(8, 0)  # constraint_set flags
    w.u(8, LEVEL_40)
    w.ue(0)  # seq_parameter_set_id
    w.ue(x264.chroma_format_idc)
    w.ue(x264.bit_depth_luma - 8)
    w.ue(x264.bit_depth_chroma - 8)
    w.u(2, 0)  # no transform bypass, no scaling matrices
    w.ue(LOG2_MAX_FRAME_NUM - 4)
    w.ue(0)  # pic_order_cnt_type
    w.ue(LOG2_MAX_POC_LSB - 4)
    w.ue(1)  # max_num_ref_frames
    w.flag(False)  # gaps_in_frame_num_value_allowed_flag
    w.ue(x264.width_mbs - 1)
    w.ue(x264.height_mbs - 1)
    w.flag(True)  # frame_mbs_only_flag
    w.flag(True)  # direct_8x8_inference_flag
    w.flag(x264.crop is not None)
    for offset in x264.crop or ():
        w.ue(offset)
    w.flag(True)  # vui_parameters_present_flag
    w.flag(True)  # aspect_ratio_info_present_flag
    w.u(8, 1)  # square pixels
    w.flag(False)  # overscan_info_present_flag
    w.flag(True)  # video_signal_type_present_flag
    w.u(3, 5)  # video_format: unspecified
    w.flag(False)  # limited range
    w.flag(True)  # colour_description_present_flag
    w.u(24, 0x010101)  # BT.709 primaries, transfer and matrix
    w.flag(False)  # chroma_loc_info_present_flag
    w.flag(True)  # timing_info_present_flag
    w.u(32, 1)  # num_units_in_tick
    w.u(32, 60)  # time_scale: a frame is two ticks, so 30 fps
    w.flag(True)  # fixed_frame_rate_flag
    w.u(3, 0)  # no NAL/VCL HRD, no pic_struct
    w.flag(True)  # bitstream_restriction_flag
    w.flag(True)  # motion_vectors_over_pic_boundaries_flag
    w.ue(0)
    w.ue(0)  # max_bytes_per_pic_denom, max_bits_per_mb_denom
    w.ue(15)
    w.ue(15)  # log2_max_mv_length horizontal, vertical
    w.ue(0)  # max_num_reorder_frames
    w.ue(1)  # max_dec_frame_buffering
    return nal_unit(3, NAL_SPS, w.rbsp())


def write_p_pps(chroma_qp_index_offset: int) -> bytes:
    """Our PPS NAL unit for P slices (id 1): CAVLC, one reference, deblocking control."""
    w = BitWriter()
    w.ue(P_PPS_ID)
    w.ue(0)  # seq_parameter_set_id
    w.flag(False)  # entropy_coding_mode_flag: CAVLC
    w.flag(False)  # bottom_field_pic_order_in_frame_present_flag
    w.ue(0)  # num_slice_groups_minus1
    w.ue(0)
    w.ue(0)  # num_ref_idx_l0/l1_default_active_minus1
    w.u(3, 0)  # no weighted prediction
    w.se(0)
    w.se(0)  # pic_init_qp/qs_minus26
    w.se(chroma_qp_index_offset)
    w.flag(True)  # deblocking_filter_control_present_flag
    w.flag(False)  # constrained_intra_pred_flag
    w.flag(False)  # redundant_pic_cnt_present_flag
    return nal_unit(3, NAL_PPS, w.rbsp())


def parse_idr(nal: bytes, sps: SeqParams, pps: PicParams) -> IdrSlice:
    """Read an x264 IDR slice NAL unit (header byte + escaped payload, one slice a picture)."""
    if nal[0] & 0x1F != NAL_IDR:
        raise ValueError(f"x264 stream: expected an IDR slice, got NAL type {nal[0] & 0x1F}")
    if not pps.cabac:
        raise ValueError("x264 stream: IDR slices must use CABAC (byte-aligned slice data)")
    rbsp = unescape(nal[1:])
    r = BitReader(rbsp)
    if r.ue() != 0:
        raise ValueError("x264 stream: one slice per picture is needed (slices=1)")
    slice_type = r.ue()
    if slice_type % 5 != 2:
        raise ValueError(f"x264 stream: IDR slice of type {slice_type}, expected I")
    if r.ue() != pps.pps_id:
        raise ValueError("x264 stream: the slice refers to another PPS")
    r.u(sps.log2_max_frame_num)
    r.ue()  # idr_pic_id
    if sps.poc_type == 0:
        r.u(sps.log2_max_poc_lsb)
        if pps.bottom_field_poc_present:
            r.se()
    elif sps.poc_type == 1 and not sps.delta_pic_order_always_zero:
        r.se()
        if pps.bottom_field_poc_present:
            r.se()
    if pps.redundant_pic_cnt_present:
        r.ue()
    r.u(2)  # no_output_of_prior_pics_flag, long_term_reference_flag
    qp_delta = r.se()
    deblocking = None
    if pps.deblocking_control_present:
        idc = r.ue()
        deblocking = (idc, r.se(), r.se()) if idc != 1 else (idc, 0, 0)
    start = -(-r.position // 8)  # cabac_alignment_one_bits end at a byte boundary
    return IdrSlice(slice_type, qp_delta, deblocking, rbsp[start:])


def idr_nal(idr: IdrSlice, pps: PicParams, idr_pic_id: int) -> bytes:
    """The IDR slice NAL unit under our SPS: frame_num 0, POC 0, x264's slice data."""
    w = BitWriter()
    w.ue(0)  # first_mb_in_slice
    w.ue(idr.slice_type)
    w.ue(pps.pps_id)
    w.u(LOG2_MAX_FRAME_NUM, 0)
    w.ue(idr_pic_id)
    w.u(LOG2_MAX_POC_LSB, 0)
    if pps.bottom_field_poc_present:
        w.se(0)
    if pps.redundant_pic_cnt_present:
        w.ue(0)
    w.u(2, 0)  # dec_ref_pic_marking: no_output_of_prior_pics, long_term_reference
    w.se(idr.qp_delta)
    if idr.deblocking is not None:
        idc, alpha, beta = idr.deblocking
        w.ue(idc)
        if idc != 1:
            w.se(alpha)
            w.se(beta)
    w.align_ones()
    return nal_unit(3, NAL_IDR, w.to_bytes() + idr.data)
