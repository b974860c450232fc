"""The H.264 stream of the video: an IDR picture (x264's) starts each run of a
scene; every other frame is a P slice written here that copies the scene's IDR and draws
the playhead (`mp4` puts it in the MP4 with the sound)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt
from PIL import Image

from gts_engine.pictures import HEIGHT, WIDTH
from gts_engine.video.h264_headers import idr_nal, write_p_pps, write_sps
from gts_engine.video.h264_motion import PlayheadGeometry, PlayheadSlices
from gts_engine.video.x264_scenes import SceneEncoder

FPS = 30
MAX_IDR_GAP = 10 * FPS  # a keyframe at least every 10 s: seeking, and POC LSBs never wrap
IntArray = npt.NDArray[np.int64]


def encode_stream(
    scenes: Iterable[Image.Image],
    frame_scenes: IntArray,
    frame_columns: IntArray,
    geometry: PlayheadGeometry,
) -> bytes:
    """The raw H.264 stream: frame k shows scene `frame_scenes[k]` with the playhead at luma
    column `frame_columns[k]`; scenes are x264-encoded while the P slices are written."""
    encoder = SceneEncoder(WIDTH, HEIGHT)
    try:
        return _encode(scenes, frame_scenes, frame_columns, geometry, encoder)
    except BaseException:
        encoder.abort()
        raise


def _encode(
    scenes: Iterable[Image.Image],
    frame_scenes: IntArray,
    frame_columns: IntArray,
    geometry: PlayheadGeometry,
    encoder: SceneEncoder,
) -> bytes:
    for picture in scenes:
        encoder.add(picture)
    slices = PlayheadSlices(geometry)
    units: list[bytes] = []
    idr_at: list[tuple[int, int, int]] = []  # unit index, scene, idr_pic_id
    since_idr, previous = 0, -1
    for scene, column in zip(frame_scenes.tolist(), frame_columns.tolist(), strict=True):
        if scene != previous or since_idr >= MAX_IDR_GAP:
            idr_at.append((len(units), scene, len(idr_at) % 2))  # consecutive IDRs differ
            units.append(b"")
            since_idr, previous = 0, scene
        else:
            units.append(slices.nal(column, 2 * since_idr))
        since_idr += 1
    encoded = encoder.finish()
    sps = encoded.sps
    if (sps.width_mbs, sps.height_mbs) != (geometry.width_mbs, geometry.height_mbs):
        raise RuntimeError("x264 stream: picture size differs from the playhead geometry")
    idr_units: dict[tuple[int, int], bytes] = {}
    for index, scene, idr_pic_id in idr_at:
        unit = idr_units.get((scene, idr_pic_id))
        if unit is None:
            unit = idr_nal(encoded.idrs[scene], encoded.pps, idr_pic_id)
            idr_units[scene, idr_pic_id] = unit
        units[index] = unit
    head = [write_sps(sps), encoded.pps_unit, write_p_pps(encoded.pps.chroma_qp_index_offset)]
    return b"".join(head + units)
