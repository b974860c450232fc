"""The AsyncAPI 3.0 document holds together: every reference resolves, every subject appears."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from gts_contracts import MESSAGES
from gts_contracts.asyncapi import ASYNCAPI_FILENAME

SCHEMAS_DIR = Path(__file__).resolve().parents[1] / "schemas"
DOCUMENT: dict[str, Any] = json.loads((SCHEMAS_DIR / ASYNCAPI_FILENAME).read_text())
KEY = re.compile(r"^[A-Za-z0-9_\-]+$")


def _resolve(ref: str) -> Any:
    assert ref.startswith("#/"), ref
    node: Any = DOCUMENT
    for part in ref[2:].split("/"):
        assert isinstance(node, dict), ref
        assert part in node, f"{ref}: {part!r} not found"
        node = node[part]
    return node


def test_document_is_asyncapi_3_with_info_and_a_nats_server() -> None:
    assert DOCUMENT["asyncapi"] == "3.0.0"
    assert DOCUMENT["info"]["title"]
    assert DOCUMENT["info"]["version"]
    assert {server["protocol"] for server in DOCUMENT["servers"].values()} == {"nats"}
    for section in ("channels", "operations"):
        assert all(KEY.match(key) for key in DOCUMENT[section]), section
    assert all(KEY.match(key) for key in DOCUMENT["components"]["messages"])


def test_every_channel_message_ref_resolves_to_a_message_with_a_payload_file() -> None:
    for channel in DOCUMENT["channels"].values():
        assert channel["messages"]
        for ref in channel["messages"].values():
            message = _resolve(ref["$ref"])
            payload = message["payload"]["$ref"]
            assert (SCHEMAS_DIR / payload).is_file(), payload


def test_every_operation_points_at_a_channel_and_at_messages_of_that_channel() -> None:
    for name, operation in DOCUMENT["operations"].items():
        assert operation["action"] in ("send", "receive"), name
        channel_ref = operation["channel"]["$ref"]
        _resolve(channel_ref)
        for message in operation["messages"]:
            assert message["$ref"].startswith(channel_ref + "/messages/"), name
            _resolve(message["$ref"])
        if "reply" in operation:
            reply_channel = operation["reply"]["channel"]["$ref"]
            _resolve(reply_channel)
            for message in operation["reply"]["messages"]:
                assert message["$ref"].startswith(reply_channel + "/messages/"), name
                _resolve(message["$ref"])


def test_every_subject_is_a_channel_sent_by_one_service_and_received_by_its_consumers() -> None:
    addresses = {c["address"]: key for key, c in DOCUMENT["channels"].items() if c["address"]}
    for spec in MESSAGES:
        if spec.kind == "reply":
            continue
        key = addresses[spec.subject]
        operations = [
            o for o in DOCUMENT["operations"].values() if o["channel"]["$ref"].endswith(f"/{key}")
        ]
        senders = {o["tags"][0]["name"] for o in operations if o["action"] == "send"}
        receivers = {o["tags"][0]["name"] for o in operations if o["action"] == "receive"}
        if spec.kind == "request":
            assert receivers == {spec.producer}
            assert senders == set(spec.consumers)
        else:
            assert senders == {spec.producer}
            assert receivers == set(spec.consumers)
