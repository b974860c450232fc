"""The files with the montage's sound: the M4A (its mono AAC) and the video's MP4 (the raw
H.264 stream at 30 fps, and the same AAC made stereo), both muxed by PyAV in this process as
the encoder's packets come, interleaved by time, each index first for streaming. (The ffmpeg
program took 0.35 s of a core for an 8-minute video, most of it handing packets between its
threads, and could start only once the encode had ended.)"""

from __future__ import annotations

import heapq
import io
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeAlias

import av

from gts_engine.aac_process import AAC_RATE
from gts_engine.aac_stereo import stereo_frame
from gts_engine.encode import AacPacket
from gts_engine.video.stream import FPS

TRACK_TIMESCALE = 512 * FPS  # the video track's ticks a second: 512 a frame
_PICTURE_TIME, _SOUND_TIME = Fraction(1, TRACK_TIMESCALE), Fraction(1, AAC_RATE)
_FASTSTART = {"movflags": "+faststart"}  # the index first: it plays while it downloads
Timed: TypeAlias = "tuple[float, av.Packet[Any]]"  # a packet and its time (s)


def _frames(video: av.container.InputContainer, out: av.VideoStream) -> Iterator[Timed]:
    """Each picture's packet at frame k: k/30 s exactly (a raw stream has no timestamps)."""
    tick = TRACK_TIMESCALE // FPS
    for k, packet in enumerate(p for p in video.demux(video.streams.video[0]) if p.size):
        packet.stream, packet.time_base = out, _PICTURE_TIME
        packet.pts = packet.dts = k * tick
        packet.duration = tick
        yield k / FPS, packet


def _packet(p: AacPacket, data: bytes, stream: av.AudioStream) -> av.Packet[Any]:
    packet = av.Packet(data)
    packet.stream, packet.time_base = stream, _SOUND_TIME
    packet.pts = packet.dts = p.pts
    packet.duration = p.duration
    return packet


def _sound(
    packets: Iterable[AacPacket], m4a: av.container.OutputContainer, mono: av.AudioStream,
    stereo: av.AudioStream,
) -> Iterator[Timed]:  # fmt: skip
    """Each packet muxed into the M4A, and made stereo for the video."""
    for p in packets:
        m4a.mux(_packet(p, p.data, mono))
        yield p.pts / AAC_RATE, _packet(p, stereo_frame(p.data), stereo)


def _aac(container: av.container.OutputContainer, layout: str) -> av.AudioStream:
    """An AAC-LC 48 kHz track (its encoder gives the track's configuration; it encodes
    nothing: the packets are the montage's)."""
    stream = container.add_stream("aac", rate=AAC_RATE, layout=layout)
    assert isinstance(stream, av.AudioStream)
    return stream


def write_sound(
    packets: Iterable[AacPacket], m4a_path: Path, video: tuple[bytes, Path] | None
) -> None:
    """Write the M4A of the mono AAC `packets` and, given `video` (the H.264 stream and the
    MP4's path), the MP4 of both; RuntimeError when they cannot be written or read, and
    neither file is left."""
    paths = [m4a_path] if video is None else [m4a_path, video[1]]
    try:
        with ExitStack() as files:
            m4a = files.enter_context(av.open(str(m4a_path), "w", "ipod", options=_FASTSTART))
            mono = _aac(m4a, "mono")
            if video is None:
                for p in packets:
                    m4a.mux(_packet(p, p.data, mono))
                return
            stream, mp4_path = video
            source = files.enter_context(av.open(io.BytesIO(stream), "r", "h264"))
            mp4 = files.enter_context(av.open(str(mp4_path), "w", "mp4", options=_FASTSTART))
            picture = mp4.add_stream_from_template(source.streams.video[0])
            picture.time_base = _PICTURE_TIME
            sound = _sound(packets, m4a, mono, _aac(mp4, "stereo"))
            for _, packet in heapq.merge(_frames(source, picture), sound, key=lambda t: t[0]):
                mp4.mux(packet)
    except BaseException as exc:
        for path in paths:
            path.unlink(missing_ok=True)
        if isinstance(exc, av.FFmpegError | ValueError):
            raise RuntimeError(f"mux failed: {exc}") from exc
        raise
