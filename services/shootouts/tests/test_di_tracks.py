"""DI uploads: probed, deduplicated per owner, validated with clear errors, owner-only audio."""

from __future__ import annotations

from pathlib import Path

from .conftest import ALICE, BOB, Api, running, wav_bytes
from .range_checks import assert_serves_ranges
from .upload_checks import assert_upload_refused


async def test_upload_probes_and_stores_a_wav(api: Api) -> None:
    answer = await api.upload_di(ALICE, "riff.wav", wav_bytes(2.0), guitar="Strat", pickup="bridge")
    assert answer.status_code == 201, answer.text
    track = answer.json()
    assert track["name"] == "riff"
    assert (track["guitar"], track["pickup"]) == ("Strat", "bridge")
    assert track["sample_rate"] == 48_000
    assert track["channels"] == 1
    assert abs(track["duration_seconds"] - 2.0) < 1e-3
    assert len(track["peaks"]) == 200
    assert track["peaks"][0] > track["peaks"][-1]  # the tone decays
    audio = await api.request(ALICE, "GET", f"/api/v1/di-tracks/{track['id']}/audio")
    assert audio.status_code == 200
    assert audio.content == wav_bytes(2.0)
    assert audio.headers["content-type"].startswith("audio/wav")


async def test_second_upload_of_same_file_returns_existing_track(api: Api) -> None:
    first = await api.upload_di(ALICE, "a.wav", wav_bytes(1.0))
    again = await api.upload_di(ALICE, "b.wav", wav_bytes(1.0))
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    # another user uploading the same bytes gets a track of their own
    other = await api.upload_di(BOB, "a.wav", wav_bytes(1.0))
    assert other.status_code == 201
    assert other.json()["id"] != first.json()["id"]
    listed = await api.request(ALICE, "GET", "/api/v1/di-tracks")
    assert listed.json()["total"] == 1


async def test_flac_upload_is_accepted(api: Api) -> None:
    answer = await api.upload_di(ALICE, "take.flac", wav_bytes(1.5, fmt="FLAC"))
    assert answer.status_code == 201, answer.text
    assert answer.json()["format"] == "flac"


async def test_real_di_fixture_uploads(api: Api, shared_fixtures: Path) -> None:
    data = (shared_fixtures / "audio" / "di_gojira_left.wav").read_bytes()
    answer = await api.upload_di(ALICE, "gojira.wav", data, name="Gojira left")
    assert answer.status_code == 201, answer.text
    assert answer.json()["size_bytes"] == len(data)
    assert max(answer.json()["peaks"]) > 0


async def test_non_audio_file_is_refused_naming_the_file(api: Api) -> None:
    answer = await api.upload_di(ALICE, "notes.wav", b"definitely not audio " * 50)
    await assert_upload_refused(api, ALICE, answer, "file", "not_audio")


async def test_too_long_file_is_refused_with_its_duration(shootouts_db: str, nats_url: str) -> None:
    async with running(shootouts_db, nats_url, max_di_seconds=1.0) as api:
        answer = await api.upload_di(ALICE, "long.wav", wav_bytes(1.5, rate=8000))
    assert answer.status_code == 422
    error = answer.json()["errors"][0]
    assert (error["field"], error["code"]) == ("duration", "too_long")


async def test_a_di_at_the_lower_bound_uploads_and_one_frame_less_is_refused(api: Api) -> None:
    from gts_audio.di import MIN_DI_SECONDS

    rate = 8_000
    shortest = round(MIN_DI_SECONDS * rate) / rate
    at_bound = await api.upload_di(ALICE, "short.wav", wav_bytes(shortest, rate=rate))
    assert at_bound.status_code == 201, at_bound.text
    under = await api.upload_di(ALICE, "shorter.wav", wav_bytes(shortest - 1 / rate, rate=rate))
    assert under.status_code == 422
    assert under.headers["content-type"].startswith("application/problem+json")
    error = under.json()["errors"][0]
    assert (error["field"], error["code"]) == ("duration", "too_short")
    assert f"minimum of {MIN_DI_SECONDS:g} s" in error["reason"]


def test_the_service_cannot_allow_a_di_longer_than_render_accepts() -> None:
    import pytest

    from gts_audio.di import MAX_DI_SECONDS

    from .conftest import settings_for

    with pytest.raises(ValueError, match="max_di_seconds"):
        settings_for("postgresql://x", "nats://x", max_di_seconds=MAX_DI_SECONDS + 1)


async def test_oversized_upload_is_refused_early(shootouts_db: str, nats_url: str) -> None:
    async with running(shootouts_db, nats_url, max_di_bytes=10_000) as api:
        answer = await api.upload_di(ALICE, "big.wav", wav_bytes(1.0))
    assert answer.status_code == 413
    assert "10,000 bytes" in answer.json()["detail"]


async def test_metadata_is_editable_and_another_user_gets_404(api: Api) -> None:
    track = (await api.upload_di(ALICE, "a.wav", wav_bytes(1.0))).json()
    path = f"/api/v1/di-tracks/{track['id']}"
    edited = await api.request(ALICE, "PATCH", path, json={"tuning": "Drop D", "name": "Main"})
    assert edited.status_code == 200
    assert (edited.json()["tuning"], edited.json()["name"]) == ("Drop D", "Main")
    for method, suffix in (("GET", ""), ("GET", "/audio"), ("PATCH", ""), ("DELETE", "")):
        kwargs = {"json": {"notes": "x"}} if method == "PATCH" else {}
        answer = await api.request(BOB, method, path + suffix, **kwargs)
        assert answer.status_code == 404, (method, suffix)
    assert (await api.request(None, "GET", path)).status_code == 401
    assert (await api.request(ALICE, "DELETE", path)).status_code == 204
    assert (await api.request(ALICE, "GET", path)).status_code == 404


async def test_a_large_upload_streams_through(api: Api) -> None:
    import io

    import numpy as np
    import soundfile as sf

    # 60 s of stereo 16-bit audio: 11.5 MB, above Litestar's default body limit
    rate = 48_000
    noise = np.random.default_rng(1).uniform(-0.3, 0.3, (60 * rate, 2)).astype(np.float32)
    out = io.BytesIO()
    sf.write(out, noise, rate, format="WAV", subtype="PCM_16")
    answer = await api.upload_di(ALICE, "long.wav", out.getvalue())
    assert answer.status_code == 201, answer.text
    assert answer.json()["channels"] == 2
    assert abs(answer.json()["duration_seconds"] - 60.0) < 1e-6


async def test_audio_answers_ranges_so_players_can_seek(api: Api) -> None:
    data = wav_bytes(3.0)
    track = (await api.upload_di(ALICE, "seek.wav", data)).json()
    path = f"/api/v1/di-tracks/{track['id']}/audio"
    whole = await api.request(ALICE, "GET", path)
    assert whole.headers["accept-ranges"] == "bytes"
    assert whole.content == data
    size = len(data)
    ranges = [
        ("bytes=0-99", 0, 99),
        (f"bytes={size - 10}-", size - 10, size - 1),
        ("bytes=-44", size - 44, size - 1),
        (f"bytes=1000-{size + 500}", 1000, size - 1),
    ]
    await assert_serves_ranges(api, ALICE, path, data, ranges, refused=[f"bytes={size}-"])
    assert (await api.request(BOB, "GET", path, headers={"Range": "bytes=0-9"})).status_code == 404
