"""The video's MP4: the raw H.264 stream at 30 fps and the montage's AAC made stereo, muxed by
PyAV in this process as the encoder's frames come, interleaved by time, the index first for
streaming. (The ffmpeg program took 0.35 s of a core for an 8-minute video, most of it
handing packets between its threads, and could start only once the encode had ended.)"""

from __future__ import annotations

import heapq
import io
from collections.abc import Iterable, Iterator
from fractions import Fraction
from pathlib import Path
from typing import Any, TypeAlias

import av

from gts_engine.aac_process import AAC_RATE, FASTSTART
from gts_engine.encode import AacPacket
from gts_engine.video.stream import FPS

TRACK_TIMESCALE = 512 * FPS  # the video track's ticks a second: 512 a frame
_PICTURE_TIME, _SOUND_TIME = Fraction(1, TRACK_TIMESCALE), Fraction(1, AAC_RATE)
Timed: TypeAlias = "tuple[float, av.Packet[Any]]"  # a packet and its time (s)


def _frames(video: av.container.InputContainer, out: av.VideoStream) -> Iterator[Timed]:
    """Each picture's packet at frame k: k/30 s exactly (a raw stream has no timestamps)."""
    tick = TRACK_TIMESCALE // FPS
    for k, packet in enumerate(p for p in video.demux(video.streams.video[0]) if p.size):
        packet.stream, packet.time_base = out, _PICTURE_TIME
        packet.pts = packet.dts = k * tick
        packet.duration = tick
        yield k / FPS, packet


def _sound(packets: Iterable[AacPacket], out: av.AudioStream) -> Iterator[Timed]:
    for p in packets:
        packet = av.Packet(p.data)
        packet.stream, packet.time_base = out, _SOUND_TIME
        packet.pts = packet.dts = p.pts
        packet.duration = p.duration
        yield p.pts / AAC_RATE, packet


def mux(stream: bytes, sound: Iterable[AacPacket], out_path: Path) -> None:
    """Write the MP4 of the H.264 `stream` (30 fps) and the stereo AAC frames `sound`, both
    copied; RuntimeError when either cannot be read, and nothing is left at `out_path`."""
    try:
        with (
            av.open(io.BytesIO(stream), "r", "h264") as source,
            av.open(str(out_path), "w", "mp4", options=FASTSTART) as out,
        ):
            picture = out.add_stream_from_template(source.streams.video[0])
            picture.time_base = _PICTURE_TIME
            # an AAC-LC 48 kHz stereo track: its encoder gives the track's configuration
            # and encodes nothing (the frames are the montage's)
            voice = out.add_stream("aac", rate=AAC_RATE, layout="stereo")
            assert isinstance(voice, av.AudioStream)
            merged = heapq.merge(_frames(source, picture), _sound(sound, voice), key=lambda t: t[0])
            for _, packet in merged:
                out.mux(packet)
    except (av.FFmpegError, ValueError) as exc:
        out_path.unlink(missing_ok=True)
        raise RuntimeError(f"mux failed: {exc}") from exc
    except BaseException:
        out_path.unlink(missing_ok=True)
        raise
