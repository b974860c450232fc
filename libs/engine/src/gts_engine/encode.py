"""The montage's one lossy encode, run beside the rest of the job: AAC-LC in a process of its
own (`aac_process`), started before the montage is built and reading it from memory the two
processes share, so it encodes on the other core while this process writes FLAC, draws
pictures and builds the video's frames. It writes the M4A itself; the video's (stereo)
frames come back as they are made."""

from __future__ import annotations

import mmap
import os
import queue
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from gts_engine.aac_process import PACKET_HEAD
from gts_engine.arrays import Audio


@dataclass(frozen=True, slots=True)
class AacPacket:
    """One AAC-LC frame of the video's sound (stereo, both channels the montage): its time and
    duration in samples at 48 kHz (the last frame's counts only the samples it ends), and
    its bytes."""

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
    """The AAC encode of one montage into the M4A file `m4a`: `samples(n)` gives the memory to
    build it in, `start()` sets the encoder going, `packets()` yields the video's frames as
    they are made, `wait()` returns once the M4A is written or raises RuntimeError with the
    encoder's last words, `kill()` stops it and removes the M4A."""

    def __init__(self, sample_rate: int, m4a: Path) -> None:
        self.m4a = m4a
        self._fd = _shared_file()
        self._count = 0
        command = [sys.executable, "-m", "gts_engine.aac_process", str(sample_rate)]
        self._process = subprocess.Popen(
            [*command, str(self._fd), str(m4a)],
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
        stdout = self._process.stdout
        assert stdout is not None
        while head := stdout.read(PACKET_HEAD.size):
            if len(head) < PACKET_HEAD.size:
                break  # cut short: wait() reports the exit status
            pts, duration, size = PACKET_HEAD.unpack(head)
            data = stdout.read(size)
            if len(data) < size:
                break
            self._queue.put(AacPacket(pts, duration, data))
        self._queue.put(None)

    def packets(self) -> Iterator[AacPacket]:
        """Every frame in order, as the encoder makes them; RuntimeError if it failed."""
        while (packet := self._queue.get()) is not None:
            yield packet
        self.wait()

    def wait(self) -> None:
        """Return once the encoder ended well (the M4A written)."""
        if self._fd < 0:
            return  # waited for already
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
        self.m4a.unlink(missing_ok=True)

    def _close(self) -> None:
        self._reader.join()
        for pipe in (self._process.stdin, self._process.stdout, self._process.stderr):
            if pipe is not None and not pipe.closed:
                pipe.close()
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
