"""Audio file probing and validation shared by the services (IRs, DI tracks)."""

from gts_audio.wav import IRFormatError, WavInfo, probe_wav, validate_ir

__all__ = ["IRFormatError", "WavInfo", "probe_wav", "validate_ir"]
