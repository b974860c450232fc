"""encode/decode: compact JSON out, strict typed parsing in, errors that name the field."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta, timezone

import pytest

from gts_contracts import (
    EffectBlock,
    GearRemovedV1,
    MessageDecodeError,
    RenderJobProgressV1,
    Tone3000Token,
    Tone3000TokenError,
    Tone3000TokenReplyV1,
    UserRegisteredV1,
    decode,
    encode,
    uuid7_unix_ms,
)

SHA = "ab" * 32


def _progress(**overrides: object) -> dict[str, object]:
    payload: dict[str, object] = {
        "event_id": "01a211ea-6beb-733a-9f0c-3b90306b015f",
        "occurred_at": "2026-11-25T09:00:00Z",
        "job_id": str(uuid.uuid4()),
        "shootout_id": str(uuid.uuid4()),
        "owner_id": str(uuid.uuid4()),
        "stage": "amp",
        "percent": 40.0,
        "message": None,
    }
    payload.update(overrides)
    return payload


def test_new_fills_a_fresh_v7_id_and_the_current_utc_time() -> None:
    before = datetime.now(UTC)
    event = GearRemovedV1.new(owner_id=uuid.uuid4(), gear_id=uuid.uuid4(), blob_sha256=SHA)
    assert event.event_id.version == 7
    assert event.occurred_at.tzinfo is not None
    assert before <= event.occurred_at <= datetime.now(UTC)
    assert abs(uuid7_unix_ms(event.event_id) - event.occurred_at.timestamp() * 1000) < 50


def test_new_keeps_a_given_time_converted_to_utc() -> None:
    when = datetime(2026, 11, 25, 10, 0, tzinfo=timezone(timedelta(hours=1)))
    event = GearRemovedV1.new(
        occurred_at=when, owner_id=uuid.uuid4(), gear_id=uuid.uuid4(), blob_sha256=SHA
    )
    assert event.occurred_at == datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    assert event.occurred_at.utcoffset() == timedelta(0)


def test_new_refuses_a_naive_time() -> None:
    with pytest.raises(ValueError, match="occurred_at: must be timezone-aware"):
        GearRemovedV1.new(
            occurred_at=datetime(2026, 1, 1),  # naive on purpose
            owner_id=uuid.uuid4(),
            gear_id=uuid.uuid4(),
            blob_sha256=SHA,
        )


def test_encode_then_decode_gives_back_an_equal_message() -> None:
    event = UserRegisteredV1.new(
        user_id=uuid.uuid4(),
        tone3000_user_id="48213",
        username="tele_tone_tom",
        display_name=None,
        avatar_url="https://www.tone3000.com/avatars/48213.png",
    )
    assert decode(encode(event), UserRegisteredV1) == event


def test_decode_names_a_missing_field() -> None:
    payload = _progress()
    del payload["stage"]
    with pytest.raises(MessageDecodeError, match=r"RenderJobProgressV1: .*`stage`"):
        decode(json.dumps(payload).encode(), RenderJobProgressV1)


def test_decode_is_strict_a_number_in_a_string_is_refused() -> None:
    with pytest.raises(MessageDecodeError, match=r"\$\.percent"):
        decode(json.dumps(_progress(percent="40")).encode(), RenderJobProgressV1)


def test_decode_refuses_a_value_outside_its_range() -> None:
    with pytest.raises(MessageDecodeError, match=r"<= 100.*\$\.percent"):
        decode(json.dumps(_progress(percent=101.0)).encode(), RenderJobProgressV1)


def test_decode_refuses_an_unknown_enum_value() -> None:
    with pytest.raises(MessageDecodeError, match=r"\$\.stage"):
        decode(json.dumps(_progress(stage="mastering")).encode(), RenderJobProgressV1)


def test_decode_refuses_a_timestamp_without_timezone() -> None:
    payload = _progress(occurred_at="2026-11-25T09:00:00")
    with pytest.raises(MessageDecodeError, match=r"\$\.occurred_at"):
        decode(json.dumps(payload).encode(), RenderJobProgressV1)


def test_decode_refuses_bytes_that_are_not_json() -> None:
    with pytest.raises(MessageDecodeError, match="not valid JSON"):
        decode(b'{"event_id": ', RenderJobProgressV1)


def test_decode_ignores_fields_it_does_not_know_so_optional_additions_are_safe() -> None:
    payload = _progress(eta_seconds=12.0)
    progress = decode(json.dumps(payload).encode(), RenderJobProgressV1)
    assert progress.percent == 40.0


def test_token_reply_decodes_either_side_of_its_tagged_union() -> None:
    token = b'{"result":{"type":"token","access_token":"t3k","expires_at":"2026-11-25T10:00:00Z"}}'
    error = b'{"result":{"type":"error","code":"reauth_required","message":"sign in again"}}'
    assert isinstance(decode(token, Tone3000TokenReplyV1).result, Tone3000Token)
    refused = decode(error, Tone3000TokenReplyV1).result
    assert isinstance(refused, Tone3000TokenError)
    assert refused.code == "reauth_required"


def test_encoded_blocks_carry_their_type_tag() -> None:
    block = EffectBlock(effect="delay", params={"time_ms": 350.0, "feedback": 0.3, "mix": 0.2})
    assert json.loads(encode(block))["type"] == "effect"
