"""Subjects read `<producer>.<aggregate>.<event>.v<N>`; each lands in its producer's stream."""

from __future__ import annotations

import inspect

import msgspec
import pytest

import gts_contracts
from gts_contracts import (
    MESSAGES,
    STREAMS,
    Event,
    GetTone3000TokenV1,
    RenderRequestedV1,
    Tone3000TokenReplyV1,
    reply_spec_for_subject,
    spec_for,
    spec_for_subject,
    subject_matches,
)
from gts_contracts.registry import SUBJECT_PATTERN

SERVICES = {"auth", "catalog", "shootouts", "render", "gateway"}


@pytest.mark.parametrize("spec", MESSAGES, ids=lambda spec: spec.type.__name__)
def test_subject_follows_the_naming_rule(spec: gts_contracts.MessageSpec) -> None:
    assert SUBJECT_PATTERN.match(spec.subject), spec.subject
    version = spec.subject.rsplit(".v", 1)[1]
    assert spec.type.__name__.endswith(f"V{version}")
    assert spec.producer in SERVICES


@pytest.mark.parametrize(
    "spec", [s for s in MESSAGES if s.stream is not None], ids=lambda spec: spec.subject
)
def test_streamed_subject_is_covered_by_exactly_one_stream_its_producers(
    spec: gts_contracts.MessageSpec,
) -> None:
    covering = [
        stream
        for stream in STREAMS
        if any(subject_matches(pattern, spec.subject) for pattern in stream.subjects)
    ]
    assert [stream.name for stream in covering] == [spec.stream]
    assert covering[0].producer == spec.producer


def test_no_stream_captures_a_request_subject_or_it_would_answer_with_a_puback() -> None:
    request_reply = [s for s in MESSAGES if s.kind in ("request", "reply")]
    assert request_reply
    for spec in request_reply:
        assert spec.stream is None
        for stream in STREAMS:
            assert not any(subject_matches(p, spec.subject) for p in stream.subjects), (
                f"stream {stream.name} captures request subject {spec.subject}"
            )


def test_streams_have_one_per_producer_and_unique_names() -> None:
    assert len({s.name for s in STREAMS}) == len(STREAMS)
    assert len({s.producer for s in STREAMS}) == len(STREAMS)
    for stream in STREAMS:
        assert stream.name == stream.producer.upper()
        assert all(p.startswith(f"{stream.producer}.") for p in stream.subjects)


def test_every_stream_message_is_an_event_and_every_event_type_is_registered() -> None:
    for spec in MESSAGES:
        assert issubclass(spec.type, Event) == (spec.stream is not None), spec.subject
    exported_events = {
        obj
        for obj in vars(gts_contracts).values()
        if inspect.isclass(obj) and issubclass(obj, Event) and obj is not Event
    }
    assert exported_events == {spec.type for spec in MESSAGES if spec.stream is not None}


def test_every_message_type_is_a_frozen_struct_with_one_spec() -> None:
    types = [spec.type for spec in MESSAGES]
    assert len(set(types)) == len(types)
    for message_type in types:
        assert issubclass(message_type, msgspec.Struct)
        assert message_type.__struct_config__.frozen


def test_lookups_by_type_and_by_subject_agree() -> None:
    spec = spec_for(RenderRequestedV1)
    assert spec.subject == "shootouts.render.requested.v1"
    assert spec.stream == "SHOOTOUTS"
    assert spec.kind == "command"
    assert spec_for_subject(spec.subject) is spec


def test_a_request_subject_names_the_request_and_its_reply_is_found_beside_it() -> None:
    subject = "auth.tone3000.token.get.v1"
    assert spec_for_subject(subject).type is GetTone3000TokenV1
    assert reply_spec_for_subject(subject).type is Tone3000TokenReplyV1
    assert spec_for(Tone3000TokenReplyV1).kind == "reply"


def test_unknown_type_and_subject_are_refused_by_name() -> None:
    with pytest.raises(KeyError, match="int is not a GTS message type"):
        spec_for(int)
    with pytest.raises(KeyError, match=r"'auth\.user\.deleted\.v1' carries no GTS message"):
        spec_for_subject("auth.user.deleted.v1")


@pytest.mark.parametrize(
    ("pattern", "subject", "expected"),
    [
        ("auth.>", "auth.user.registered.v1", True),
        ("auth.>", "auth", False),
        ("auth.>", "authx.user.registered.v1", False),
        ("auth.*.registered.v1", "auth.user.registered.v1", True),
        ("auth.*", "auth.user.registered.v1", False),
        ("render.job.started.v1", "render.job.started.v1", True),
    ],
)
def test_subject_wildcards_match_like_nats(pattern: str, subject: str, expected: bool) -> None:
    assert subject_matches(pattern, subject) is expected
