"""AmpCache (through CachedAmp, the engine's amp stage): shared amps render once, memory
stays under its bound, files persist."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from gts_engine.amp_runner import AmpInput, CachedAmp
from gts_engine.nam import AmpCache, AmpKey, run_amp
from gts_nam import NamFile

Synth = Callable[..., NamFile]
Signal = Callable[[float, int], np.ndarray]


def _key(i: int) -> AmpKey:
    return AmpKey(f"di{i}", "model", 0.0, 48_000)


def test_second_request_for_the_same_amp_returns_the_cached_render(
    synth: Synth, guitar: Signal
) -> None:
    cache = AmpCache()
    amp = CachedAmp(cache, workers=1)
    nam, x = synth("nano"), guitar(0.5, 48_000)
    first = amp(AmpInput(nam, x, 48_000), None)
    second = amp(AmpInput(nam, x, 48_000), None)
    assert second is first
    assert len(cache) == 1
    assert np.array_equal(first, run_amp(nam, x, 48_000, workers=1))
    assert not first.flags.writeable


def test_gain_model_and_rate_are_part_of_the_key(synth: Synth, guitar: Signal) -> None:
    cache = AmpCache()
    amp = CachedAmp(cache, workers=1)
    x = guitar(0.25, 48_000)
    amp(AmpInput(synth("nano"), x, 48_000, di_sha256="d"), None)
    amp(AmpInput(synth("nano"), x, 48_000, input_gain_db=3.0, di_sha256="d"), None)
    amp(AmpInput(synth("nano", 1), x, 48_000, di_sha256="d"), None)
    amp(AmpInput(synth("nano"), guitar(0.25, 44_100), 44_100, di_sha256="d"), None)
    # the same DI, model, gain and rate again: no new render
    amp(AmpInput(synth("nano"), x, 48_000, di_sha256="d"), None)
    assert len(cache) == 4


def test_memory_is_bounded_by_evicting_the_least_recently_used() -> None:
    one = np.ones(1000, np.float32)  # 4,000 bytes each
    cache = AmpCache(max_bytes=10_000)
    cache.put(_key(1), one)
    cache.put(_key(2), one)
    assert cache.get(_key(1)) is not None  # 1 is now the most recent
    cache.put(_key(3), one)
    assert cache.bytes_used <= 10_000
    assert cache.get(_key(2)) is None
    assert cache.get(_key(1)) is not None
    assert cache.get(_key(3)) is not None


def test_an_item_larger_than_the_bound_is_not_kept_in_memory() -> None:
    cache = AmpCache(max_bytes=100)
    stored = cache.put(_key(1), np.ones(1000, np.float32))
    assert stored.shape == (1000,)
    assert len(cache) == 0
    assert cache.bytes_used == 0


def test_directory_backing_survives_a_new_cache(tmp_path: Path) -> None:
    audio = np.linspace(-1, 1, 500, dtype=np.float32)
    AmpCache(directory=tmp_path).put(_key(7), audio)
    assert not list(tmp_path.glob("*.tmp"))
    reloaded = AmpCache(directory=tmp_path).get(_key(7))
    assert reloaded is not None
    assert np.array_equal(reloaded, audio)
    assert AmpCache(directory=tmp_path).get(_key(8)) is None


def test_a_corrupt_cache_file_is_a_miss(tmp_path: Path) -> None:
    (tmp_path / _key(1).file_name).write_bytes(b"not numpy")
    assert AmpCache(directory=tmp_path).get(_key(1)) is None


@pytest.mark.parametrize("gain", [0.0, -3.5, 12.25])
def test_file_names_are_distinct_per_gain(gain: float) -> None:
    assert f"{gain:+.6f}dB" in AmpKey("d", "m", gain, 48_000).file_name
