"""Where every message goes: the streams, and one spec per message type and subject."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import msgspec

from gts_contracts.auth import (
    GetTone3000TokenV1,
    Tone3000TokenReplyV1,
    UserRegisteredV1,
    UserUpdatedV1,
)
from gts_contracts.catalog import GearAddedV1, GearRemovedV1, GearUpdatedV1
from gts_contracts.render import (
    RenderJobCancelledV1,
    RenderJobCompletedV1,
    RenderJobFailedV1,
    RenderJobProgressV1,
    RenderJobStartedV1,
)
from gts_contracts.shootouts import (
    JobCancelRequestedV1,
    JobUpdatedV1,
    ListeningUpdatedV1,
    RenderRequestedV1,
)

MessageKind = Literal["event", "command", "request", "reply"]

# <producer>.<aggregate>.<event>.v<N>; words in lower snake case.
SUBJECT_PATTERN = re.compile(r"^[a-z][a-z0-9]*(\.[a-z][a-z0-9_]*){2,}\.v[1-9][0-9]*$")


@dataclass(frozen=True)
class StreamSpec:
    """A JetStream stream: one per producer, holding every subject the producer publishes.

    Request-reply subjects must stay outside every stream: a stream that captured one would
    answer the requester with its PubAck before the real responder could.
    """

    name: str
    subjects: tuple[str, ...]
    producer: str


@dataclass(frozen=True)
class MessageSpec:
    """One message type on one subject.

    `stream` is None for core-NATS request-reply; `consumers` names the services that
    receive it (for a request: the services that send it, since the owner answers).
    """

    subject: str
    type: type[msgspec.Struct]
    stream: str | None
    kind: MessageKind
    description: str
    consumers: tuple[str, ...] = ()

    @property
    def producer(self) -> str:
        """The service that owns the subject (its first word)."""
        return self.subject.split(".", 1)[0]


STREAMS: tuple[StreamSpec, ...] = (
    # Not `auth.>`: that would capture the `auth.tone3000.token.get.v1` requests.
    StreamSpec(name="AUTH", subjects=("auth.user.>",), producer="auth"),
    StreamSpec(name="CATALOG", subjects=("catalog.>",), producer="catalog"),
    StreamSpec(name="SHOOTOUTS", subjects=("shootouts.>",), producer="shootouts"),
    StreamSpec(name="RENDER", subjects=("render.>",), producer="render"),
)

_LIVE = ("shootouts",)

MESSAGES: tuple[MessageSpec, ...] = (
    MessageSpec(
        "auth.user.registered.v1",
        UserRegisteredV1,
        "AUTH",
        "event",
        "A TONE3000 account signed in to GTS for the first time.",
        (),
    ),
    MessageSpec(
        "auth.user.updated.v1",
        UserUpdatedV1,
        "AUTH",
        "event",
        "A user's profile changed; carries the whole current profile.",
        (),
    ),
    MessageSpec(
        "auth.tone3000.token.get.v1",
        GetTone3000TokenV1,
        None,
        "request",
        "Ask auth for a valid TONE3000 access token for a user.",
        ("catalog",),
    ),
    MessageSpec(
        "auth.tone3000.token.get.v1",
        Tone3000TokenReplyV1,
        None,
        "reply",
        "A TONE3000 access token, or why there is none.",
        ("catalog",),
    ),
    MessageSpec(
        "catalog.gear.added.v1",
        GearAddedV1,
        "CATALOG",
        "event",
        "A gear item (NAM capture or IR) entered a user's library.",
        ("shootouts",),
    ),
    MessageSpec(
        "catalog.gear.updated.v1",
        GearUpdatedV1,
        "CATALOG",
        "event",
        "A gear item changed; carries the whole current item.",
        ("shootouts",),
    ),
    MessageSpec(
        "catalog.gear.removed.v1",
        GearRemovedV1,
        "CATALOG",
        "event",
        "A gear item left a user's library.",
        ("shootouts",),
    ),
    MessageSpec(
        "shootouts.render.requested.v1",
        RenderRequestedV1,
        "SHOOTOUTS",
        "command",
        "Render a shootout: a self-contained manifest of DI tracks, chains and options.",
        ("render",),
    ),
    MessageSpec(
        "shootouts.job.cancel_requested.v1",
        JobCancelRequestedV1,
        "SHOOTOUTS",
        "command",
        "Stop a render job.",
        ("render",),
    ),
    MessageSpec(
        "shootouts.job.updated.v1",
        JobUpdatedV1,
        "SHOOTOUTS",
        "event",
        "A render job's state changed, as shootouts recorded it; the gateway's live feed.",
        ("gateway",),
    ),
    MessageSpec(
        "shootouts.listening.updated.v1",
        ListeningUpdatedV1,
        "SHOOTOUTS",
        "event",
        "A blind vote or a finished ABX run changed a shootout's listening results.",
        ("gateway",),
    ),
    MessageSpec(
        "render.job.started.v1",
        RenderJobStartedV1,
        "RENDER",
        "event",
        "A render worker took the job.",
        _LIVE,
    ),
    MessageSpec(
        "render.job.progress.v1",
        RenderJobProgressV1,
        "RENDER",
        "event",
        "How far a render job is.",
        _LIVE,
    ),
    MessageSpec(
        "render.job.completed.v1",
        RenderJobCompletedV1,
        "RENDER",
        "event",
        "A render job finished; lists every output blob with its metrics.",
        _LIVE,
    ),
    MessageSpec(
        "render.job.failed.v1",
        RenderJobFailedV1,
        "RENDER",
        "event",
        "A render job stopped with an error.",
        _LIVE,
    ),
    MessageSpec(
        "render.job.cancelled.v1",
        RenderJobCancelledV1,
        "RENDER",
        "event",
        "A render job stopped because its owner cancelled it.",
        _LIVE,
    ),
)

_BY_TYPE: dict[type, MessageSpec] = {spec.type: spec for spec in MESSAGES}
# A request and its reply share a subject; the subject names the request.
_BY_SUBJECT: dict[str, MessageSpec] = {
    spec.subject: spec for spec in MESSAGES if spec.kind != "reply"
}
_REPLY_BY_SUBJECT: dict[str, MessageSpec] = {
    spec.subject: spec for spec in MESSAGES if spec.kind == "reply"
}


def spec_for(message_type: type) -> MessageSpec:
    """The spec (subject, stream, kind) of a message type; KeyError when it has none."""
    try:
        return _BY_TYPE[message_type]
    except KeyError:
        raise KeyError(f"{message_type.__qualname__} is not a GTS message type") from None


def spec_for_subject(subject: str) -> MessageSpec:
    """The spec of what is published on `subject` (for request-reply: the request)."""
    try:
        return _BY_SUBJECT[subject]
    except KeyError:
        raise KeyError(f"subject {subject!r} carries no GTS message") from None


def reply_spec_for_subject(subject: str) -> MessageSpec:
    """The spec of the reply to a request subject; KeyError when it is not request-reply."""
    try:
        return _REPLY_BY_SUBJECT[subject]
    except KeyError:
        raise KeyError(f"subject {subject!r} has no reply") from None


def subject_matches(pattern: str, subject: str) -> bool:
    """Whether a NATS subject matches a pattern with `*` (one token) and `>` (the rest)."""
    pattern_tokens, subject_tokens = pattern.split("."), subject.split(".")
    for index, token in enumerate(pattern_tokens):
        if token == ">":
            return len(subject_tokens) > index
        if index >= len(subject_tokens) or token not in ("*", subject_tokens[index]):
            return False
    return len(pattern_tokens) == len(subject_tokens)


def stream_for(producer: str) -> StreamSpec:
    """The stream that holds everything `producer` publishes."""
    for stream in STREAMS:
        if stream.producer == producer:
            return stream
    raise KeyError(f"producer {producer!r} has no stream")
