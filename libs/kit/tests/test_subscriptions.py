"""The kit's other ways of hearing messages, against a real NATS: long work fetched only when
a worker is free and kept alive by heartbeats, request-reply, and listeners on a stream."""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import nats
import pytest
from faststream.nats.annotations import NatsMessage
from litestar import Litestar
from litestar.testing import AsyncTestClient

from gts_contracts import (
    MSG_ID_HEADER,
    GetTone3000TokenV1,
    Tone3000TokenError,
    Tone3000TokenReplyV1,
    UserRegisteredV1,
    decode,
    encode,
    spec_for,
    stream_for,
)
from gts_kit.messaging.consumer import Consumer
from gts_kit.messaging.listeners import Responder, listener
from gts_kit.messaging.subscriptions import Subscription
from gts_kit.service import ServiceContext, ServiceSpec, create_service_app
from gts_kit.settings import ServiceSettings
from gts_kit.testing.waiting import eventually

from .kit_service import user_event

pytestmark = pytest.mark.usefixtures("clean_state")

SUBJECT = spec_for(UserRegisteredV1).subject
DURABLE = "kittest-long"


Subscriptions = Callable[[ServiceContext], Sequence[Subscription]]


def _app(nats_url: str, subscriptions: Subscriptions) -> Litestar:
    spec = ServiceSpec(
        name="kittest", settings=ServiceSettings(nats_url=nats_url), consumers=subscriptions
    )
    return create_service_app(spec)


async def _publish(nc: Any, event: UserRegisteredV1) -> None:
    headers = {MSG_ID_HEADER: str(event.event_id)}
    await nc.jetstream().publish(SUBJECT, encode(event), headers=headers)


def _is(value: Callable[[], bool]) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return value()

    return check


async def test_long_work_is_fetched_only_when_a_worker_is_free_and_kept_alive(
    nats_url: str,
) -> None:
    started: list[str] = []
    release = threading.Event()  # the app runs on a loop of its own thread

    async def work(event: UserRegisteredV1, _msg: NatsMessage) -> None:
        started.append(event.username)
        await asyncio.to_thread(release.wait, 20)

    consumer = Consumer(
        service="kittest",
        durable=DURABLE,
        message_type=UserRegisteredV1,
        handler=work,
        ack_wait_seconds=1.0,
        max_workers=1,
        long_running=True,
        heartbeat_seconds=0.25,
    )
    nc = await nats.connect(nats_url)
    try:
        async with AsyncTestClient(app=_app(nats_url, lambda _ctx: [consumer])):
            for name in ("first", "second", "third"):
                await _publish(nc, user_event(name))
            assert await eventually(_is(lambda: started == ["first"]))
            # three ack waits later: the first is still held by its heartbeats, and the
            # others were never fetched (a fetched message would have been redelivered)
            await asyncio.sleep(3.0)
            info = await nc.jetstream().consumer_info(stream_for("auth").name, DURABLE)
            assert started == ["first"]
            assert (info.num_ack_pending, info.num_pending, info.num_redelivered) == (1, 2, 0)
            release.set()
            assert await eventually(_is(lambda: started == ["first", "second", "third"]))
    finally:
        release.set()
        await nc.close()


async def test_a_responder_answers_each_request_and_a_slow_one_holds_up_no_other(
    nats_url: str,
) -> None:
    slow_user = uuid.uuid4()

    async def answer(data: bytes) -> Tone3000TokenReplyV1:
        request = decode(data, GetTone3000TokenV1)
        if request.user_id == slow_user:
            await asyncio.sleep(4.0)
        error = Tone3000TokenError(code="unknown_user", message=str(request.user_id))
        return Tone3000TokenReplyV1(result=error)

    responder = Responder("kittest", GetTone3000TokenV1, answer)
    subject = spec_for(GetTone3000TokenV1).subject
    nc = await nats.connect(nats_url)
    try:
        async with AsyncTestClient(app=_app(nats_url, lambda _ctx: [responder])):

            async def ask(user: uuid.UUID) -> str:
                reply = await nc.request(subject, encode(GetTone3000TokenV1(user_id=user)), 5)
                result = decode(reply.data, Tone3000TokenReplyV1).result
                assert isinstance(result, Tone3000TokenError)
                return result.message

            slow = asyncio.create_task(ask(slow_user))
            await asyncio.sleep(0.2)
            quick = uuid.uuid4()
            assert await asyncio.wait_for(ask(quick), 3.0) == str(quick)
            assert not slow.done()
            assert await slow == str(slow_user)
    finally:
        await nc.close()


async def test_a_stream_listener_hears_what_is_published_after_it_started_on_every_replica(
    nats_url: str,
) -> None:
    heard: list[list[str]] = [[], []]

    def replica(n: int) -> Subscriptions:
        async def on_event(event: UserRegisteredV1) -> None:
            heard[n].append(event.username)

        return lambda _ctx: [listener("kittest", UserRegisteredV1, on_event, from_stream=True)]

    nc = await nats.connect(nats_url)
    try:
        async with AsyncTestClient(app=_app(nats_url, lambda _ctx: [])):
            pass  # provisions the streams
        await _publish(nc, user_event("before"))
        async with (
            AsyncTestClient(app=_app(nats_url, replica(0))),
            AsyncTestClient(app=_app(nats_url, replica(1))),
        ):
            await _publish(nc, user_event("after"))
            assert await eventually(_is(lambda: heard == [["after"], ["after"]]))
    finally:
        await nc.close()
