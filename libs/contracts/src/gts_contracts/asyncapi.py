"""The AsyncAPI 3.0 document of the bus: channels are subjects, operations per service."""

from __future__ import annotations

from typing import Any

from gts_contracts.envelope import CORRELATION_ID_HEADER, MSG_ID_HEADER, TRACEPARENT_HEADER
from gts_contracts.registry import MESSAGES, STREAMS, MessageSpec
from gts_contracts.schemas import schema_basename, schema_filename

ASYNCAPI_FILENAME = "asyncapi.json"
ASYNCAPI_VERSION = "3.0.0"
DOCUMENT_VERSION = "1.0.0"


def channel_id(subject: str) -> str:
    """An AsyncAPI-safe channel key: `auth.user.registered.v1` -> `auth_user_registered_v1`."""
    return subject.replace(".", "_")


def message_id(spec: MessageSpec) -> str:
    """The component key of a message (its type name, unique across the bus)."""
    return spec.type.__name__


def _headers(spec: MessageSpec) -> dict[str, Any]:
    properties: dict[str, Any] = {
        CORRELATION_ID_HEADER: {
            "type": "string",
            "description": "Id of the request or job this message belongs to, for logs.",
        },
        TRACEPARENT_HEADER: {
            "type": "string",
            "description": "W3C trace context of the producer's span.",
        },
    }
    required: list[str] = []
    if spec.stream is not None:
        properties[MSG_ID_HEADER] = {
            "type": "string",
            "format": "uuid",
            "description": "The event_id; JetStream drops duplicates within its window.",
        }
        required.append(MSG_ID_HEADER)
    return {"type": "object", "properties": properties, "required": required}


def _message(spec: MessageSpec) -> dict[str, Any]:
    return {
        "name": schema_basename(spec),
        "title": spec.type.__name__,
        "summary": spec.description,
        "contentType": "application/json",
        "headers": _headers(spec),
        "payload": {"$ref": f"./{schema_filename(spec)}"},
        "x-kind": spec.kind,
    }


def _message_ref(channel: str, message: str) -> dict[str, str]:
    return {"$ref": f"#/channels/{channel}/messages/{message}"}


def _operation(
    action: str, service: str, channel: str, spec: MessageSpec, reply: dict[str, Any] | None
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "action": action,
        "channel": {"$ref": f"#/channels/{channel}"},
        "messages": [_message_ref(channel, message_id(spec))],
        "summary": spec.description,
        "tags": [{"name": service}],
    }
    if reply is not None:
        operation["reply"] = reply
    return operation


def asyncapi_document() -> dict[str, Any]:
    """The whole AsyncAPI 3.0 document, referring to the message schemas by file name."""
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    replies = {spec.subject: spec for spec in MESSAGES if spec.kind == "reply"}

    for spec in MESSAGES:
        messages[message_id(spec)] = _message(spec)
        if spec.kind == "reply":
            continue
        channel = channel_id(spec.subject)
        channels[channel] = {
            "address": spec.subject,
            "description": spec.description,
            "messages": {message_id(spec): {"$ref": f"#/components/messages/{message_id(spec)}"}},
            "x-jetstream-stream": spec.stream,
        }
        reply_spec = replies.get(spec.subject)
        if reply_spec is None:
            operations[f"{spec.producer}_send_{channel}"] = _operation(
                "send", spec.producer, channel, spec, None
            )
            for consumer in spec.consumers:
                operations[f"{consumer}_receive_{channel}"] = _operation(
                    "receive", consumer, channel, spec, None
                )
            continue
        reply_channel = f"{channel}_reply"
        reply_message = message_id(reply_spec)
        channels[reply_channel] = {
            "address": None,
            "description": f"The requester's inbox (NATS reply subject) for {spec.subject}.",
            "messages": {reply_message: {"$ref": f"#/components/messages/{reply_message}"}},
            "x-jetstream-stream": None,
        }
        reply = {
            "channel": {"$ref": f"#/channels/{reply_channel}"},
            "messages": [_message_ref(reply_channel, reply_message)],
        }
        # The owner of the subject answers; its consumers are the ones that ask.
        operations[f"{spec.producer}_receive_{channel}"] = _operation(
            "receive", spec.producer, channel, spec, reply
        )
        for requester in spec.consumers:
            operations[f"{requester}_send_{channel}"] = _operation(
                "send", requester, channel, spec, reply
            )

    return {
        "asyncapi": ASYNCAPI_VERSION,
        "info": {
            "title": "GTS message bus",
            "version": DOCUMENT_VERSION,
            "description": (
                "Every message between GTS services. Subjects read "
                "`<producer>.<aggregate>.<event>.v<N>`; one JetStream stream per producer ("
                + ", ".join(f"{s.name}: {', '.join(s.subjects)}" for s in STREAMS)
                + "). A breaking change is a new V2 type and subject."
            ),
        },
        "defaultContentType": "application/json",
        "servers": {
            "nats": {
                "host": "localhost:4222",
                "protocol": "nats",
                "description": "NATS with JetStream; production names it by GTS_NATS_URL.",
            }
        },
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages},
    }
