"""AmpCache: chains that share a DI, an amp, an input gain and a rate render the amp once."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from gts_engine.arrays import Floats
from gts_engine.whole_files import written_whole
from gts_nam import NamFile
from gts_nam.a2_config import A2Config, SlimmableContainer
from gts_nam.slimmable_wavenet import SlimmableWaveNet

DEFAULT_MAX_BYTES = 512 * 1024 * 1024


def model_key(nam: NamFile) -> str:
    """What names a model in a render's key: the file's sha256, and for an A2 container also
    the submodel its slim value selects, for a slimmable WaveNet the channels it selects
    (`with_slim` keeps the file's sha256)."""
    config = nam.config
    if isinstance(config, A2Config) and isinstance(config.model, SlimmableWaveNet):
        channels = "-".join(str(c) for c in config.model.channels(config.slim))
        return f"{nam.sha256}-channels{channels}"
    if isinstance(config, A2Config) and isinstance(config.model, SlimmableContainer):
        selected = config.selected
        index = next(i for i, s in enumerate(config.model.submodels) if s.model is selected)
        return f"{nam.sha256}-submodel{index}"
    return nam.sha256


@dataclass(frozen=True, slots=True)
class AmpKey:
    """What an amp render depends on: DI and model (`model_key`), input gain (dB), rate (Hz)."""

    di_sha256: str
    model_sha256: str
    input_gain_db: float
    sample_rate: int

    @property
    def file_name(self) -> str:
        """The .npy file name of this render in a cache directory."""
        return (
            f"{self.di_sha256}_{self.model_sha256}_{self.input_gain_db:+.6f}dB_"
            f"{self.sample_rate}.npy"
        )


def audio_sha256(audio: npt.ArrayLike, sample_rate: int) -> str:
    """sha256 of mono float32 samples and their rate, for DIs that come without one."""
    digest = hashlib.sha256(np.ascontiguousarray(audio, dtype=np.float32).tobytes())
    digest.update(str(sample_rate).encode())
    return digest.hexdigest()


class AmpCache:
    """An in-memory LRU of amp renders bounded to `max_bytes`, optionally backed by a
    directory of .npy files that outlives the process. Returned arrays are read-only."""

    def __init__(self, max_bytes: int = DEFAULT_MAX_BYTES, directory: Path | None = None) -> None:
        self.max_bytes = max_bytes
        self.directory = directory
        self._items: OrderedDict[AmpKey, Floats] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)

    @property
    def bytes_used(self) -> int:
        """Bytes of audio held in memory."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: AmpKey) -> Floats | None:
        """The cached render for `key` (memory first, then the directory), else None."""
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        if self.directory is None:
            return None
        path = self.directory / key.file_name
        try:
            loaded = np.load(path, allow_pickle=False)
        except (FileNotFoundError, ValueError, OSError):
            return None
        audio = self._remember(key, np.asarray(loaded, dtype=np.float32))
        return audio

    def put(self, key: AmpKey, audio: npt.ArrayLike) -> Floats:
        """Store a render the caller hands over (kept as it is when float32, not copied: a
        minute of audio is 11 MB) and return it, now read-only."""
        stored = self._remember(key, np.asarray(audio, dtype=np.float32))
        if self.directory is not None:
            _write_atomically(self.directory / key.file_name, stored)
        return stored

    def _remember(self, key: AmpKey, audio: Floats) -> Floats:
        audio.flags.writeable = False
        with self._lock:
            previous = self._items.pop(key, None)
            if previous is not None:
                self._bytes -= previous.nbytes
            if audio.nbytes <= self.max_bytes:
                self._items[key] = audio
                self._bytes += audio.nbytes
            while self._bytes > self.max_bytes:
                _, evicted = self._items.popitem(last=False)
                self._bytes -= evicted.nbytes
        return audio


def _write_atomically(path: Path, audio: Floats) -> None:
    with written_whole(path, ".npy.tmp") as out:
        np.save(out, audio, allow_pickle=False)
