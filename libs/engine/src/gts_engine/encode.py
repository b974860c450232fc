"""The montage's one lossy encode, run beside the rest of the job: AAC-LC in a process of its
own (`aac_process`), started with the job (its start-up beside the amps) and reading the
montage from memory the two processes share, so it encodes on the other core while this
process writes FLAC, draws pictures and builds the video's frames. Its packets come back as
they are made; the M4A and the video's (stereo) sound are muxed from them."""

from __future__ import annotations

import contextlib
import fcntl
import mmap
import os
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from gts_engine.aac_process import PACKET_HEAD
from gts_engine.arrays import Audio

_PIPE_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class AacPacket:
    """One AAC-LC frame of mono sound: its time and duration in samples at 48 kHz (the last
    frame's counts only the samples it ends), and its bytes."""

    pts: int
    duration: int
    data: bytes


def _shared_file() -> int:
    """A file in memory (a plain temporary file where there is no memfd)."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("gts-montage", os.MFD_CLOEXEC)
    with tempfile.TemporaryFile() as handle:
        return os.dup(handle.fileno())


class AacEncode:
    """The AAC encode of one montage: `samples(n)` gives the memory to build it in, `start()`
    sets the encoder going, `packets()` yields each packet as it is made, `wait()` raises
    RuntimeError with the encoder's last words when it failed, `kill()` stops it."""

    def __init__(self, sample_rate: int) -> None:
        self._fd = _shared_file()
        self._count = 0
        self._process = subprocess.Popen(
            [sys.executable, "-m", "gts_engine.aac_process", str(sample_rate), str(self._fd)],
            pass_fds=(self._fd,),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self._queue: queue.SimpleQueue[AacPacket | None] = queue.SimpleQueue()
        self._reader = threading.Thread(target=self._read, name="aac-packets", daemon=True)
        self._reader.start()

    def samples(self, count: int) -> Audio:
        """Memory for `count` float32 samples, shared with the encoder (one montage)."""
        os.ftruncate(self._fd, 4 * max(count, 1))  # a map is never empty
        self._memory = mmap.mmap(self._fd, 4 * max(count, 1))
        self._count = count
        return np.frombuffer(self._memory, dtype=np.float32, count=count)

    def start(self) -> None:
        """Encode the samples, now written."""
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.write(f"{self._count}\n".encode())
            stdin.close()
        except BrokenPipeError:
            pass  # the encoder stopped early; wait() reports why

    def _read(self) -> None:
        """Drain the encoder's output in large reads: each read gives the GIL back, and this
        thread waits up to a switch interval (5 ms) to have it again while the render runs
        Python; a full pipe would stop the encoder meanwhile."""
        stdout = self._process.stdout
        assert stdout is not None
        fd = stdout.fileno()
        with contextlib.suppress(OSError):  # Linux: a 1 MiB pipe, 0.2 s of packets
            fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), _PIPE_BYTES)
        pending = bytearray()
        while chunk := os.read(fd, _PIPE_BYTES):
            pending += chunk
            at = 0
            while len(pending) - at >= PACKET_HEAD.size:
                pts, duration, size = PACKET_HEAD.unpack_from(pending, at)
                end = at + PACKET_HEAD.size + size
                if end > len(pending):
                    break
                self._queue.put(AacPacket(pts, duration, bytes(pending[end - size : end])))
                at = end
            del pending[:at]
        self._queue.put(None)  # a packet cut short is dropped: wait() reports the exit status

    def packets(self) -> Iterator[AacPacket]:
        """Every packet in order, as the encoder makes them; RuntimeError if it failed."""
        while (packet := self._queue.get()) is not None:
            yield packet
        self.wait()

    def wait(self) -> None:
        """Return once the encoder ended well."""
        assert self._process.stderr is not None
        errors = self._process.stderr.read().decode(errors="replace")
        if self._process.wait() != 0:
            tail = " | ".join(errors.strip().splitlines()[-3:])
            raise RuntimeError(f"aac encode failed ({self._process.returncode}): {tail}")
        self._close()

    def kill(self) -> None:
        """Stop the encode (the job failed or was cancelled)."""
        self._process.kill()
        self._process.wait()
        self._close()

    def _close(self) -> None:
        self._reader.join()
        for pipe in (self._process.stdin, self._process.stdout, self._process.stderr):
            if pipe is not None and not pipe.closed:
                pipe.close()
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
