"""The synthesized library: valid files, deterministic, shaped for paging and search."""

from __future__ import annotations

import io

import numpy as np
import soundfile as sf

from gts_nam import parse_nam
from tone3000_sandbox.library import build_library


def test_every_synthesized_nam_model_parses(library) -> None:
    seen_sizes = set()
    for tone in library.tones.values():
        if tone.format != "nam":
            continue
        for model in tone.models:
            nam = parse_nam(model.body)
            seen_sizes.add(model.size)
            assert (nam.architecture == "LSTM") == (model.size == "custom"), model.name
    assert seen_sizes == {"standard", "lite", "feather", "nano", "custom"}


def test_every_ir_is_a_decaying_200_ms_float_wav_at_48_khz(library) -> None:
    irs = [m for t in library.tones.values() if t.format == "ir" for m in t.models]
    assert irs
    for model in irs:
        data, rate = sf.read(io.BytesIO(model.body), dtype="float32")
        info = sf.info(io.BytesIO(model.body))
        assert (rate, info.subtype, info.channels, len(data)) == (48_000, "FLOAT", 1, 9_600)
        assert np.max(np.abs(data)) == np.float32(0.9)
        quarter = len(data) // 4
        assert np.sum(data[-quarter:] ** 2) < 1e-3 * np.sum(data[:quarter] ** 2)


def test_the_same_seed_gives_the_same_bytes_and_another_seed_differs(library) -> None:
    again = build_library()
    assert [m.body for t in again.tones.values() for m in t.models] == [
        m.body for t in library.tones.values() for m in t.models
    ]
    other = build_library(seed=7)
    assert other.tones[51000].models[0].body != library.tones[51000].models[0].body


def test_users_have_enough_tones_to_page_and_search(library) -> None:
    alice, bob, carol = library.users
    assert [u.username for u in library.users] == ["alice", "bob", "carol"]
    public = [t for t in library.tones.values() if t.is_public]
    assert len(public) >= 30
    assert sum(t.user_id == alice.id for t in library.tones.values()) == 14
    assert len(library.favorites[alice.id]) == 9
    assert library.favorites[carol.id] == ()
    assert all(library.tones[i].user_id != alice.id for i in library.favorites[alice.id])
    assert bob.id != alice.id
