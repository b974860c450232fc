"""What the running services subscribe to, and what their code publishes, is what the
contract registry (and so the AsyncAPI document) says, both ways."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import httpx
import pytest

from gts_cli.stack.stack import Stack
from gts_contracts import MESSAGES
from gts_contracts.registry import subject_matches
from gts_kit.testing.servers import Servers

SERVICES = ("auth", "catalog", "shootouts", "render", "gateway")
ROOT = Path(__file__).parents[2]
# NATS internals, not GTS subjects: reply inboxes, JetStream's API and advisories.
_INTERNAL = ("_INBOX.", "$JS.")


def _monitor(servers: Servers, path: str) -> dict:  # type: ignore[type-arg]
    assert servers.nats is not None
    url = f"http://{servers.nats.host}:{servers.nats.monitor_port}{path}"
    answer = httpx.get(url, timeout=10)
    answer.raise_for_status()
    result: dict = answer.json()  # type: ignore[type-arg]
    return result


def _subscriptions(servers: Servers) -> dict[str, set[str]]:
    """Service -> the GTS subjects (or patterns) it receives, core NATS and JetStream."""
    found: dict[str, set[str]] = defaultdict(set)
    owner_of_inbox: dict[str, str] = {}
    for conn in _monitor(servers, "/connz?subs=detail&limit=1024")["connections"]:
        service = (conn.get("name") or "").removeprefix("gts-")
        if service not in SERVICES:
            continue
        for sub in conn.get("subscriptions_list_detail") or []:
            owner_of_inbox[sub["subject"]] = service
            if not sub["subject"].startswith(_INTERNAL):
                found[service].add(sub["subject"])
    jsz = _monitor(servers, "/jsz?consumers=true&config=true")
    for account in jsz.get("account_details") or []:
        for stream in account.get("stream_detail") or []:
            for consumer in stream.get("consumer_detail") or []:
                config = consumer["config"]
                # A push consumer belongs to the connection it delivers to; a durable pull
                # consumer is named for its service. Ephemeral consumers delivering to no
                # service are tests' own (or a closed connection's, until they expire).
                service = owner_of_inbox.get(config.get("deliver_subject") or "")
                if service is None:
                    if not config.get("durable_name"):
                        continue
                    service = consumer["name"].split("-", 1)[0]
                assert service in SERVICES, f"consumer {consumer['name']} of no service"
                filters = config.get("filter_subjects") or [config.get("filter_subject")]
                found[service].update(f for f in filters if f)
    return found


def test_every_service_subscribes_to_what_the_registry_says(
    stack: Stack, gts_servers: Servers
) -> None:
    if gts_servers.nats is None:
        pytest.skip("needs the embedded NATS server's monitoring port")
    # Every service is ready (the stack waited for it), so its subscriptions are in place.
    subscribed = _subscriptions(gts_servers)
    expected: dict[str, set[str]] = defaultdict(set)
    for spec in MESSAGES:
        if spec.kind in ("event", "command"):
            for service in spec.consumers:
                expected[service].add(spec.subject)
        elif spec.kind == "request":
            expected[spec.producer].add(spec.subject)  # the owner answers
    for service in SERVICES:
        actual = {
            spec.subject
            for spec in MESSAGES
            if spec.kind != "reply"
            and any(subject_matches(p, spec.subject) for p in subscribed.get(service, ()))
        }
        assert actual == expected[service], service
        unregistered = {
            p
            for p in subscribed.get(service, ())
            if not any(subject_matches(p, spec.subject) for spec in MESSAGES)
        }
        assert not unregistered, f"{service} subscribes to unregistered {unregistered}"


def _constructed(service: str, names: set[str]) -> set[str]:
    """The message types among `names` that the service's code builds (`T(...)`, `T.new(...)`)."""
    built: set[str] = set()
    for path in (ROOT / "services" / service / "src").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "new":
                func = func.value
            if isinstance(func, ast.Name) and func.id in names:
                built.add(func.id)
    return built


def test_every_service_publishes_what_the_registry_says() -> None:
    names = {spec.type.__name__ for spec in MESSAGES}
    for service in SERVICES:
        expected = {
            spec.type.__name__
            for spec in MESSAGES
            if (spec.kind == "request" and service in spec.consumers)
            or (spec.kind != "request" and spec.producer == service)
        }
        assert _constructed(service, names) == expected, service
