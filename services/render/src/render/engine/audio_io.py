"""Audio in and out: decode the DI, write FLAC, encode MP3/AAC with the shipped ffmpeg."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

import imageio_ffmpeg
import numpy as np
import numpy.typing as npt
import soundfile as sf

Audio = npt.NDArray[np.float32]
MIN_DI_SECONDS = 1.0
MAX_DI_SECONDS = 900.0
MIN_RATE_HZ = 8_000
MAX_RATE_HZ = 192_000


class AudioInputError(ValueError):
    """A DI recording that cannot be used; the message names the field and the reason."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def read_di(data: bytes, field: str = "di") -> tuple[Audio, int]:
    """Decode a DI recording (WAV, FLAC, AIFF, OGG...) to mono float32 and its rate (Hz).

    A DI is one guitar signal: of several channels only the first is kept, since mixing
    a stereo file down could cancel out-of-phase content.
    """
    try:
        frames, rate = sf.read(io.BytesIO(data), dtype="float32", always_2d=True)
    except (RuntimeError, sf.LibsndfileError) as exc:
        raise AudioInputError(field, f"not a readable audio file ({exc})") from exc
    if not MIN_RATE_HZ <= rate <= MAX_RATE_HZ:
        raise AudioInputError(field, f"{rate} Hz is outside {MIN_RATE_HZ} to {MAX_RATE_HZ} Hz")
    seconds = frames.shape[0] / rate
    if not MIN_DI_SECONDS <= seconds <= MAX_DI_SECONDS:
        raise AudioInputError(
            field, f"{seconds:.2f} s is outside {MIN_DI_SECONDS:g} to {MAX_DI_SECONDS:g} s"
        )
    mono = np.ascontiguousarray(frames[:, 0], dtype=np.float32)
    if not np.all(np.isfinite(mono)):
        raise AudioInputError(field, "the samples contain NaN or infinity")
    return mono, int(rate)


def write_flac(path: Path, audio: Audio, sample_rate: int) -> None:
    """Write mono audio to a 24-bit FLAC file."""
    sf.write(str(path), audio, sample_rate, format="FLAC", subtype="PCM_24")


def ffmpeg_exe() -> str:
    """The ffmpeg binary shipped by imageio-ffmpeg (has libx264, AAC and MP3 encoders)."""
    return str(imageio_ffmpeg.get_ffmpeg_exe())


def run_ffmpeg(args: list[str]) -> None:
    """Run ffmpeg quietly; raise RuntimeError with its last error lines when it fails."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-y", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = " | ".join(done.stderr.strip().splitlines()[-3:])
        raise RuntimeError(f"ffmpeg failed ({done.returncode}): {tail}")


def encode_audio(audio: Audio, sample_rate: int, path: Path, codec: str) -> None:
    """Encode mono audio to `path` with `codec` ("mp3" at 192 kb/s or "aac" at 192 kb/s)."""
    encoder = {"mp3": "libmp3lame", "aac": "aac"}[codec]
    with tempfile.TemporaryDirectory(prefix="gts-enc-") as tmp:
        wav = Path(tmp) / "in.wav"
        sf.write(str(wav), audio, sample_rate, format="WAV", subtype="FLOAT")
        run_ffmpeg(["-i", str(wav), "-c:a", encoder, "-b:a", "192k", str(path)])
