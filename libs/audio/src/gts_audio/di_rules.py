"""What a DI recording must be: the one set of rules the upload and the renderer both apply."""

from __future__ import annotations

from gts_audio.wav import FieldError

# The shortest montage window is 1 s, and a shootout shorter than that has nothing to compare.
MIN_DI_SECONDS = 1.0
# Ten minutes: the renderer holds every chain's output of the whole DI in memory at once.
MAX_DI_SECONDS = 600.0
MIN_RATE_HZ = 8_000
MAX_RATE_HZ = 192_000
MAX_CHANNELS = 2


class DIFormatError(FieldError):
    """A file that is not a usable DI track; the message names the field and the reason, `code`
    the kind of problem."""

    def __init__(self, field: str, message: str, code: str) -> None:
        super().__init__(field, message)
        self.code = code


def check_di_shape(
    sample_rate: int, channels: int, frames: int, *, max_seconds: float = MAX_DI_SECONDS
) -> None:
    """Refuse a DI of other than 1 or 2 channels, 8 to 192 kHz, `MIN_DI_SECONDS` to `max_seconds`.

    `sample_rate` in Hz, `frames` per channel, `max_seconds` in seconds (a service may lower the
    limit, never raise it past `MAX_DI_SECONDS`). Raises `DIFormatError` naming the field.
    """
    if not 1 <= channels <= MAX_CHANNELS:
        raise DIFormatError(
            "channels", f"{channels} channels; a DI has 1 or 2", "unsupported_channels"
        )
    if not MIN_RATE_HZ <= sample_rate <= MAX_RATE_HZ:
        raise DIFormatError(
            "sample_rate",
            f"{sample_rate} Hz is outside {MIN_RATE_HZ} to {MAX_RATE_HZ} Hz",
            "unsupported_sample_rate",
        )
    seconds = frames / sample_rate
    limit = min(max_seconds, MAX_DI_SECONDS)
    if seconds > limit:
        raise DIFormatError(
            "duration", f"{seconds:.1f} s is longer than the limit of {limit:g} s", "too_long"
        )
    if seconds < MIN_DI_SECONDS:
        raise DIFormatError(
            "duration",
            f"{seconds:.3f} s is shorter than the minimum of {MIN_DI_SECONDS:g} s",
            "too_short",
        )
