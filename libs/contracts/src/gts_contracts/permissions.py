"""What each service may publish and subscribe on NATS, derived from the registry and buckets.

A service publishes what it produces and the requests it sends, subscribes to what it
consumes and the requests it answers, uses the JetStream API only on the streams it reads
and the buckets it reads or writes, and receives replies on its own inbox prefix only.
Streams and buckets are created by the provisioning step, so no service may create them.
"""

from __future__ import annotations

from dataclasses import dataclass

from gts_contracts.buckets import BUCKETS, BucketSpec
from gts_contracts.registry import MESSAGES

API = "$JS.API"


@dataclass(frozen=True)
class NatsPermissions:
    """One service's NATS user: subjects it may publish and subscribe to.

    `allow_responses`: it may reply to the requests it receives (and only to those).
    """

    service: str
    publish: tuple[str, ...]
    subscribe: tuple[str, ...]
    allow_responses: bool

    @property
    def inbox_prefix(self) -> str:
        """Where this service's replies arrive; no other service may subscribe there."""
        return inbox_prefix(self.service)


def inbox_prefix(service: str) -> str:
    """The reply-subject prefix of `service` (nats-py's `inbox_prefix` connect option)."""
    return f"_INBOX.{service}"


def services() -> tuple[str, ...]:
    """Every service that appears in the registry or the buckets, in name order."""
    names: set[str] = set()
    for spec in MESSAGES:
        names.add(spec.producer)
        names.update(spec.consumers)
    for bucket in BUCKETS:
        names.add(bucket.owner)
        names.update(bucket.readers)
    return tuple(sorted(names))


def permissions_for(service: str) -> NatsPermissions:
    """The least `service` needs; KeyError for a name the registry does not know."""
    if service not in services():
        raise KeyError(f"service {service!r} appears nowhere in the registry")
    publish: list[str] = []
    subscribe: list[str] = [inbox_prefix(service) + ".>"]
    answers = False
    for spec in MESSAGES:
        if spec.kind == "reply":
            continue
        if spec.kind == "request":
            if spec.producer == service:
                subscribe.append(spec.subject)
                answers = True
            elif service in spec.consumers:
                publish.append(spec.subject)
            continue
        if spec.producer == service:
            publish.append(spec.subject)
        if service in spec.consumers:
            subscribe.append(spec.subject)
            if spec.stream is not None:
                publish.extend(_reads_stream(spec.stream))
                subscribe.append(f"$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.{spec.stream}.>")
    for bucket in BUCKETS:
        if service == bucket.owner:
            publish.extend(_reads_bucket(bucket))
            publish.extend((bucket.subjects, f"{API}.STREAM.PURGE.{bucket.stream}"))
        elif service in bucket.readers:
            publish.extend(_reads_bucket(bucket))
    return NatsPermissions(
        service=service,
        publish=_unique(publish),
        subscribe=_unique(subscribe),
        allow_responses=answers,
    )


def _reads_stream(stream: str) -> tuple[str, ...]:
    # Durable and ordered consumers on the stream, their acks and flow control, and reading
    # one stored message (a command named by a max-deliveries advisory).
    return (
        f"{API}.STREAM.INFO.{stream}",
        f"{API}.STREAM.MSG.GET.{stream}",
        f"{API}.CONSUMER.CREATE.{stream}",
        f"{API}.CONSUMER.CREATE.{stream}.>",
        f"{API}.CONSUMER.DURABLE.CREATE.{stream}.>",
        f"{API}.CONSUMER.INFO.{stream}.>",
        f"{API}.CONSUMER.DELETE.{stream}.>",
        f"{API}.CONSUMER.MSG.NEXT.{stream}.>",
        f"$JS.ACK.{stream}.>",
        f"$JS.FC.{stream}.>",
    )


def _reads_bucket(bucket: BucketSpec) -> tuple[str, ...]:
    stream = bucket.stream
    return (
        f"{API}.STREAM.INFO.{stream}",
        f"{API}.STREAM.MSG.GET.{stream}",
        f"{API}.DIRECT.GET.{stream}",
        f"{API}.DIRECT.GET.{stream}.>",
        f"{API}.CONSUMER.CREATE.{stream}",
        f"{API}.CONSUMER.CREATE.{stream}.>",
        f"{API}.CONSUMER.DELETE.{stream}.>",
        f"$JS.FC.{stream}.>",
    )


def _unique(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
