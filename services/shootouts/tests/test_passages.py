"""The passage of each DI and the montage mode: set, checked against the DIs, changed, shown
with how long each montage will be before anything renders, and sent to render."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from gts_audio.montage_plan import plan_montage

from .conftest import ALICE, Api, wav_bytes
from .flow import commands, ready_shootout

SHOOTOUTS = "/api/v1/shootouts"


async def two_dis(api: Api) -> tuple[dict[str, Any], dict[str, Any]]:
    """A 12 s DI at 48 kHz and a 6 s one at 44.1 kHz."""
    long = await api.upload_di(ALICE, "long.wav", wav_bytes(12.0, freq=82), name="Riff")
    short = await api.upload_di(ALICE, "short.wav", wav_bytes(6.0, 44_100, freq=196), name="Arp")
    assert (long.status_code, short.status_code) == (201, 201), long.text + short.text
    return long.json(), short.json()


async def test_a_sequence_montage_of_a_10_s_passage_is_known_before_rendering(api: Api) -> None:
    long, short = await two_dis(api)
    made = await ready_shootout(
        api,
        ALICE,
        di_ids=[long["id"], short["id"]],
        passages=[{"di_id": long["id"], "start_seconds": 1.0, "end_seconds": 11.0}],
        montage={"segment_seconds": 4, "mode": "sequence"},
        outputs={"full_renders": True},
    )
    shootout = made["shootout"]
    assert shootout["montage"]["mode"] == "sequence"
    assert shootout["montage"]["rounds"] == 1
    assert shootout["outputs"]["full_renders"] is True
    assert shootout["passages"] == [
        {"di_id": long["id"], "start_seconds": 1.0, "end_seconds": 11.0}
    ]
    first, second = shootout["montage_plan"]
    # two chains one after the other over 480,000 samples, joined by one 10 ms crossfade
    assert first == {
        "di_id": long["id"],
        "start_seconds": 1.0,
        "end_seconds": 11.0,
        "passage_seconds": 10.0,
        "montage_seconds": (2 * 480_000 - 480) / 48_000,
        "pieces": 2,
    }
    # the DI without a passage is compared whole
    whole = plan_montage(6 * 44_100, 2, 44_100, mode="sequence", segment_seconds=4)
    assert (second["di_id"], second["start_seconds"], second["end_seconds"]) == (
        short["id"],
        0.0,
        pytest.approx(6.0),
    )
    assert (second["montage_seconds"], second["pieces"]) == (whole.seconds, whole.pieces)
    shown = (await api.request(ALICE, "GET", f"{SHOOTOUTS}/{shootout['id']}")).json()
    assert shown["montage_plan"] == shootout["montage_plan"]
    listed = (await api.request(ALICE, "GET", SHOOTOUTS)).json()["items"]
    assert [s["montage_plan"] for s in listed] == [shootout["montage_plan"]]


async def test_changing_the_mode_and_passage_changes_the_plan(api: Api) -> None:
    long, _ = await two_dis(api)
    made = await ready_shootout(api, ALICE, di_ids=[long["id"]])
    path = f"{SHOOTOUTS}/{made['shootout']['id']}"
    (alternate,) = made["shootout"]["montage_plan"]
    expected = plan_montage(12 * 48_000, 2, 48_000, mode="alternate", segment_seconds=2.5)
    assert (alternate["montage_seconds"], alternate["pieces"]) == (
        expected.seconds,
        expected.pieces,
    )
    assert made["shootout"]["passages"] == []
    twice = {"segment_seconds": 2.5, "mode": "sequence", "rounds": 2}
    passage = [{"di_id": long["id"], "start_seconds": 2.5}]
    changed = await api.request(ALICE, "PATCH", path, json={"montage": twice, "passages": passage})
    assert changed.status_code == 200, changed.text
    (plan,) = changed.json()["montage_plan"]
    expected = plan_montage(
        round(9.5 * 48_000), 2, 48_000, mode="sequence", segment_seconds=2.5, rounds=2
    )
    assert (plan["start_seconds"], plan["end_seconds"]) == (2.5, 12.0)
    assert plan["passage_seconds"] == 9.5
    assert (plan["montage_seconds"], plan["pieces"]) == (expected.seconds, 4)
    assert changed.json()["passages"] == [
        {"di_id": long["id"], "start_seconds": 2.5, "end_seconds": 12.0}
    ]
    # a change that leaves the passages out keeps them
    renamed = await api.request(ALICE, "PATCH", path, json={"name": "Renamed"})
    assert renamed.json()["passages"] == changed.json()["passages"]


async def test_taking_a_di_out_drops_its_passage(api: Api) -> None:
    long, short = await two_dis(api)
    passages = [
        {"di_id": long["id"], "start_seconds": 1.0, "end_seconds": 3.0},
        {"di_id": short["id"], "start_seconds": 2.0},
    ]
    made = await ready_shootout(api, ALICE, di_ids=[long["id"], short["id"]], passages=passages)
    path = f"{SHOOTOUTS}/{made['shootout']['id']}"
    changed = await api.request(ALICE, "PATCH", path, json={"di_ids": [short["id"]]})
    assert changed.status_code == 200, changed.text
    assert [p["di_id"] for p in changed.json()["passages"]] == [short["id"]]
    assert [p["start_seconds"] for p in changed.json()["montage_plan"]] == [2.0]


async def test_every_unfit_passage_or_mode_is_refused_naming_field_and_reason(api: Api) -> None:
    long, short = await two_dis(api)
    made = await ready_shootout(api, ALICE, di_ids=[long["id"]])
    base = {
        "name": "x",
        "di_ids": [long["id"]],
        "chain_ids": [c["id"] for c in made["chains"]],
    }

    def at(start: float, end: float | None = None, di: str = long["id"]) -> dict[str, Any]:
        return {"di_id": di, "start_seconds": start, "end_seconds": end}

    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"montage": {"rounds": 2}}, "montage.rounds", "rounds_need_sequence"),
        ({"passages": [at(0, 2, short["id"])]}, "passages[0].di_id", "not_in_shootout"),
        ({"passages": [at(0, 2), at(3, 5)]}, "passages[1].di_id", "duplicate"),
        ({"passages": [at(5, 4)]}, "passages[0].end_seconds", "before_start"),
        ({"passages": [at(5, 12.5)]}, "passages[0].end_seconds", "past_end"),
        ({"passages": [at(12)]}, "passages[0].start_seconds", "past_end"),
        ({"passages": [at(3, 3.5)]}, "passages[0].end_seconds", "too_short"),
        ({"passages": [at(11.5)]}, "passages[0].start_seconds", "too_short"),
    ]
    path = f"{SHOOTOUTS}/{made['shootout']['id']}"
    for change, field, code in cases:
        for method, url, body in (("POST", SHOOTOUTS, {**base, **change}), ("PATCH", path, change)):
            answer = await api.request(ALICE, method, url, json=body)
            assert answer.status_code == 422, (method, change, answer.text)
            assert answer.headers["content-type"].startswith("application/problem+json")
            (error,) = answer.json()["errors"]
            assert (error["field"], error["code"]) == (field, code), (method, change)
            assert error["reason"]
    negative = await api.request(ALICE, "PATCH", path, json={"passages": [at(-1, 2)]})
    assert negative.status_code == 400
    assert "start_seconds" in negative.json()["detail"]
    three_rounds = await api.request(ALICE, "PATCH", path, json={"montage": {"rounds": 3}})
    assert three_rounds.status_code == 400
    assert "rounds" in three_rounds.json()["detail"]
    listed = (await api.request(ALICE, "GET", SHOOTOUTS)).json()
    assert listed["total"] == 1
    assert listed["items"][0]["passages"] == []


async def test_the_render_command_carries_passages_mode_and_full_renders(
    api: Api, nats_url: str
) -> None:
    long, short = await two_dis(api)
    made = await ready_shootout(
        api,
        ALICE,
        di_ids=[long["id"], short["id"]],
        passages=[{"di_id": short["id"], "start_seconds": 0.5, "end_seconds": 4.25}],
        montage={"mode": "sequence", "rounds": 2, "segment_seconds": 3},
        outputs={"full_renders": True, "video": False},
    )
    answer = await api.request(ALICE, "POST", f"{SHOOTOUTS}/{made['shootout']['id']}/render")
    assert answer.status_code == 202, answer.text
    (command,) = await commands(nats_url, 1)
    assert [(d.di_id, d.start_seconds, d.end_seconds) for d in command.di_tracks] == [
        (uuid.UUID(long["id"]), 0.0, None),
        (uuid.UUID(short["id"]), 0.5, 4.25),
    ]
    options = command.options
    assert (options.montage_mode, options.rounds, options.full_renders) == ("sequence", 2, True)
    assert (options.segment_seconds, options.video) == (3, False)
