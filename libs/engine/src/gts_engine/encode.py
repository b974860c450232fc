"""Encodes that run beside the rest of the job: an ffmpeg process per file, fed raw samples
through a pipe, so the montage's MP3 and AAC encode on other cores while this process writes
FLAC, draws pictures and builds the video's frames."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import numpy as np

from gts_engine.aac_stereo import mono_adts_to_stereo
from gts_engine.audio_io import ffmpeg_exe
from gts_engine.cab import Audio

# LAME's quality 7 (its "fast" setting) at 192 kb/s CBR: ~3x faster than its default,
# which no listener tells apart at this rate
_CODECS: dict[str, list[str]] = {
    "mp3": ["-c:a", "libmp3lame", "-b:a", "192k", "-compression_level", "7"],
    # YouTube's audio: AAC-LC at 48 kHz, encoded mono (half the work of stereo), made stereo
    # after (`aac_stereo`); no noise substitution, whose noise would differ left and right
    "aac": [
        "-c:a", "aac", "-aac_coder", "fast", "-aac_pns", "0", "-b:a", "128k", "-ar", "48000",
        "-f", "adts",
    ],
}  # fmt: skip


class Encode:
    """One encode of mono `audio` to `path` with `codec` (`mp3`, or `aac`: stereo ADTS),
    started at once; `wait()` raises RuntimeError with ffmpeg's last words when it failed."""

    def __init__(self, audio: Audio, sample_rate: int, path: Path, codec: str) -> None:
        self.path = path
        self.codec = codec
        self._written = path.with_suffix(".mono.aac") if codec == "aac" else path
        command = [
            ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y",
            "-f", "f32le", "-ar", str(sample_rate), "-ac", "1", "-i", "pipe:0",
            *_CODECS[codec], str(self._written),
        ]  # fmt: skip
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL
        )
        data = np.ascontiguousarray(audio, dtype="<f4").tobytes()
        self._feeder = threading.Thread(target=self._feed, args=(data,), daemon=True)
        self._feeder.start()

    def _feed(self, data: bytes) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            stdin.write(data)
        except BrokenPipeError:
            pass  # ffmpeg stopped early; wait() reports why
        finally:
            stdin.close()

    def wait(self) -> Path:
        """The encoded file, once ffmpeg finished."""
        self._feeder.join()
        assert self._process.stderr is not None
        errors = self._process.stderr.read().decode(errors="replace")
        if self._process.wait() != 0:
            tail = " | ".join(errors.strip().splitlines()[-3:])
            raise RuntimeError(f"ffmpeg failed ({self._process.returncode}): {tail}")
        if self.codec == "aac":
            self.path.write_bytes(mono_adts_to_stereo(self._written.read_bytes()))
            self._written.unlink()
        return self.path

    def kill(self) -> None:
        """Stop the encode (the job failed or was cancelled)."""
        self._process.kill()
        self._process.wait()
        self._feeder.join()
        self._written.unlink(missing_ok=True)
