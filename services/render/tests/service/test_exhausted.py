"""A job whose worker dies on its last delivery still ends as failed (max-deliveries advisory)."""

from __future__ import annotations

from faststream.nats import NatsBroker
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.js import JetStreamContext, api

from gts_contracts import encode, spec_for
from gts_contracts.render import RenderJobFailedV1
from gts_contracts.shootouts import RenderRequestedV1
from gts_kit.messaging.streams import ensure_streams
from gts_kit.testing.render_events import follow_render_events
from render.consumers import DURABLE
from render.jobs.events import EventPublisher
from render.jobs.exhausted import ExhaustedJobs, advisory_subject
from render.jobs.state import JobStates

from .harness import command, publish_render, store_rig


async def test_job_whose_worker_died_on_every_delivery_is_reported_failed_once(
    nc: Client, js: JetStreamContext, broker: NatsBroker
) -> None:
    await ensure_streams(js)
    stream = spec_for(RenderRequestedV1).stream
    assert stream is not None
    config = api.ConsumerConfig(
        durable_name=DURABLE,
        ack_policy=api.AckPolicy.EXPLICIT,
        max_deliver=1,
        ack_wait=1.0,
        filter_subject=spec_for(RenderRequestedV1).subject,
    )
    await js.add_consumer(stream, config)
    states = await JobStates.open(js)
    # two replicas hear the advisory; only one may report the job
    replicas = [ExhaustedJobs(js, states, EventPublisher(broker), f"replica-{i}") for i in range(2)]

    def hears(replica: ExhaustedJobs):  # type: ignore[no-untyped-def]
        async def on_msg(msg: Msg) -> None:
            await replica.on_advisory(msg.data)

        return on_msg

    listeners = [
        await nc.subscribe(advisory_subject(stream, DURABLE), cb=hears(r)) for r in replicas
    ]
    try:
        rig = await store_rig(js)
        events = await follow_render_events(js)
        cmd = command(rig)
        await publish_render(js, cmd)
        sub = await js.pull_subscribe_bind(durable=DURABLE, stream=stream)
        taken = await sub.fetch(1, timeout=5)
        assert len(taken) == 1  # taken and never acked: the worker "died"
        failed = await events.wait_for(cmd.job_id, {"failed"}, within=20)
    finally:
        # Draining: each replica has handled every advisory it heard.
        for listener in listeners:
            await listener.drain()  # type: ignore[no-untyped-call]
    # A report that either replica made was published before its stop returned; one more
    # event published now arrives after it.
    sentinel = command(rig)
    await EventPublisher(broker).republish(
        spec_for(RenderJobFailedV1).subject,
        encode(
            RenderJobFailedV1.new(
                job_id=sentinel.job_id,
                shootout_id=sentinel.shootout_id,
                owner_id=sentinel.owner_id,
                reason="sentinel",
                attempts=1,
                retryable=False,
            )
        ),
    )
    await events.wait_for(sentinel.job_id, {"failed"}, within=10)
    assert failed["attempts"] == 1
    assert "crashed or was stopped" in failed["reason"]
    record, _ = await states.get(cmd.job_id)
    assert record is not None
    assert record.state == "failed"
    assert len(events.of(cmd.job_id, "failed")) == 1
