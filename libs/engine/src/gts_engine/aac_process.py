"""The montage's AAC encode, as a process of its own: `python -m gts_engine.aac_process RATE FD`
waits for a line on stdin with the number of samples, then encodes that many mono float32
samples (at RATE) from the memory file FD it shares with the render, and writes each AAC-LC
packet to stdout as its presentation time (int64) and duration (uint32), in samples at
48 kHz, its size (uint32) and its bytes.

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
from typing import BinaryIO

import av

AAC_RATE = 48_000  # YouTube's audio: AAC-LC at 48 kHz
AAC_BIT_RATE = 128_000
# no noise substitution, whose noise would differ left and right once made stereo
AAC_OPTIONS = {"aac_coder": "fast", "aac_pns": "0"}
PACKET_HEAD = struct.Struct("<qII")  # presentation time, duration, size
_CHUNK = 64 * 1024  # samples per frame handed to the encoder


def encode(samples: memoryview, rate: int, out: BinaryIO) -> None:
    """Encode the float32 `samples` (mono, `rate` Hz) and write each packet to `out`."""
    codec = av.CodecContext.create("aac", "w")
    assert isinstance(codec, av.AudioCodecContext)
    codec.sample_rate, codec.layout, codec.format = AAC_RATE, "mono", "fltp"
    codec.bit_rate, codec.options = AAC_BIT_RATE, AAC_OPTIONS
    codec.open()

    def put(frame: av.AudioFrame | None) -> None:
        for packet in codec.encode(frame):
            assert packet.pts is not None
            head = PACKET_HEAD.pack(packet.pts, packet.duration, packet.size)
            out.write(head + bytes(packet))

    count = len(samples) // 4
    for first in range(0, count, _CHUNK):
        n = min(_CHUNK, count - first)
        frame = av.AudioFrame(format="flt", layout="mono", samples=n)
        # any buffer will do (the stub says bytes): no copy of the shared memory
        frame.planes[0].update(samples[4 * first : 4 * (first + n)])  # type: ignore[arg-type]
        frame.sample_rate, frame.pts = rate, first
        put(frame)
    put(None)
    out.flush()


def main() -> None:
    rate, fd = int(sys.argv[1]), int(sys.argv[2])
    line = sys.stdin.readline()
    if not line:
        return  # the render stopped before its montage was made
    try:
        size = 4 * int(line)
        shared = mmap.mmap(fd, max(size, 4), prot=mmap.PROT_READ)  # a map is never empty
        with memoryview(shared) as samples:
            encode(samples[:size], rate, sys.stdout.buffer)
    except (OSError, ValueError, av.FFmpegError) as exc:
        print(f"aac: {exc}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
