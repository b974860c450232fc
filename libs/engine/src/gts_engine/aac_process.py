"""The montage's AAC encode, as a process of its own: `python -m gts_engine.aac_process RATE FD
M4A` waits for a line on stdin with the number of samples, then encodes that many mono float32
samples (at RATE) from the memory file FD it shares with the render. It writes the M4A
download and, for the video, each frame made stereo (`aac_stereo`) to stdout: its
presentation time (int64) and duration (uint32) in samples at 48 kHz, its size (uint32) and
its bytes.

It runs libavcodec's AAC encoder in this process through PyAV: the ffmpeg program hands every
1024-sample frame between its demuxer, filter, encoder and muxer threads, which cost 40 %
more CPU than the encode itself on a 2-core VM (2.6 s against 1.8 s for 8 minutes). A
process, not a thread: PyAV gives the GIL back for every frame, and a thread would wait for
it behind the render's Python work each time.
"""

from __future__ import annotations

import mmap
import struct
import sys
from pathlib import Path
from typing import BinaryIO

import av

from gts_engine.aac_stereo import AacFrameError, stereo_frame

AAC_RATE = 48_000  # YouTube's audio: AAC-LC at 48 kHz
AAC_BIT_RATE = 128_000
# no noise substitution, whose noise would differ left and right once made stereo
AAC_OPTIONS = {"aac_coder": "fast", "aac_pns": "0"}
PACKET_HEAD = struct.Struct("<qII")  # presentation time, duration, size
FASTSTART = {"movflags": "+faststart"}  # the index first: it plays while it downloads
_CHUNK = 64 * 1024  # samples per frame handed to the encoder


def encode(samples: memoryview, rate: int, m4a: Path, stereo: BinaryIO) -> None:
    """Encode the float32 `samples` (mono, `rate` Hz) into the M4A file `m4a`, and write
    each frame made stereo to `stereo`."""
    with av.open(str(m4a), "w", "ipod", options=FASTSTART) as out:
        stream = out.add_stream("aac", rate=AAC_RATE, layout="mono")
        stream.bit_rate, stream.codec_context.options = AAC_BIT_RATE, AAC_OPTIONS

        def put(frame: av.AudioFrame | None) -> None:
            for packet in stream.encode(frame):
                assert packet.pts is not None
                both = stereo_frame(bytes(packet))
                stereo.write(PACKET_HEAD.pack(packet.pts, packet.duration, len(both)) + both)
                out.mux(packet)

        count = len(samples) // 4
        for first in range(0, count, _CHUNK):
            n = min(_CHUNK, count - first)
            frame = av.AudioFrame(format="flt", layout="mono", samples=n)
            # any buffer will do (the stub says bytes): no copy of the shared memory
            frame.planes[0].update(samples[4 * first : 4 * (first + n)])  # type: ignore[arg-type]
            frame.sample_rate, frame.pts = rate, first
            put(frame)
        put(None)
    stereo.flush()


def main() -> None:
    rate, fd, m4a = int(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
    line = sys.stdin.readline()
    if not line:
        return  # the render stopped before its montage was made
    try:
        size = 4 * int(line)
        shared = mmap.mmap(fd, max(size, 4), prot=mmap.PROT_READ)  # a map is never empty
        with memoryview(shared) as samples:
            encode(samples[:size], rate, m4a, sys.stdout.buffer)
    except (OSError, ValueError, AacFrameError, av.FFmpegError) as exc:
        m4a.unlink(missing_ok=True)
        print(f"aac: {exc}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
