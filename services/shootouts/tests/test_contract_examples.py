"""Every golden example of what shootouts consumes is accepted and applied by its handler."""

from __future__ import annotations

from typing import Any

import pytest
from opentelemetry.trace import NoOpTracer
from sqlalchemy import MetaData, select
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker

from gts_contracts import (
    GearAddedV1,
    GearRemovedV1,
    GearUpdatedV1,
    RenderJobCancelledV1,
    RenderJobCompletedV1,
    RenderJobFailedV1,
    RenderJobProgressV1,
    RenderJobStartedV1,
    decode,
    spec_for,
)
from gts_contracts.examples import examples_for
from gts_kit.db.messaging_tables import outbox_table
from gts_kit.messaging.outbox import Outbox
from gts_kit.service import ServiceContext
from shootouts.config import Settings
from shootouts.consumers import consumers
from shootouts.db.tables import gear, outputs, render_jobs, shootouts
from shootouts.gear.read_model import apply_gear_event
from shootouts.jobs.events import apply_render_event

GEAR = [GearAddedV1, GearUpdatedV1, GearRemovedV1]
RENDER = [
    RenderJobStartedV1,
    RenderJobProgressV1,
    RenderJobCompletedV1,
    RenderJobFailedV1,
    RenderJobCancelledV1,
]


def test_a_consumer_reads_every_subject_shootouts_depends_on() -> None:
    settings = Settings(
        database_url="postgresql://u@127.0.0.1/db",
        nats_url="nats://127.0.0.1:1",
        internal_secret="s",
    )
    ctx = ServiceContext(
        name="shootouts",
        settings=settings,
        broker=None,  # type: ignore[arg-type]
        tracer=NoOpTracer(),
        outbox=Outbox(outbox_table(MetaData(schema="shootouts"))),
    )
    consumed = {spec_for(c.message_type).subject for c in consumers(ctx)}
    assert consumed == {spec_for(t).subject for t in GEAR + RENDER}


@pytest.mark.parametrize("message", GEAR, ids=lambda t: t.__name__)
async def test_gear_examples_reach_the_read_model(engine: AsyncEngine, message: Any) -> None:
    sessions = async_sessionmaker(engine)
    examples = examples_for(message)
    assert examples
    for example in examples:
        event = decode(example.data, message)
        async with sessions.begin() as session:
            await apply_gear_event(session, event)
            row = (await session.execute(select(gear).where(gear.c.id == event.gear_id))).one()
        assert row.removed is (message is GearRemovedV1)


@pytest.mark.parametrize("message", RENDER, ids=lambda t: t.__name__)
async def test_render_examples_move_a_queued_job(engine: AsyncEngine, message: Any) -> None:
    sessions = async_sessionmaker(engine)
    examples = examples_for(message)
    assert examples
    expected = {
        RenderJobStartedV1: "running",
        RenderJobProgressV1: "running",
        RenderJobCompletedV1: "completed",
        RenderJobFailedV1: "failed",
        RenderJobCancelledV1: "cancelled",
    }[message]
    for example in examples:
        event = decode(example.data, message)
        async with sessions.begin() as session:
            await session.execute(
                shootouts.insert().values(
                    id=event.shootout_id,
                    owner_id=event.owner_id,
                    name="s",
                    description="",
                    di_ids=[],
                    chain_ids=[],
                    segment_seconds=4,
                    target_lufs=-14,
                    blind=False,
                    video=True,
                    pictures=True,
                    visibility="private",
                )
            )
            await session.execute(
                render_jobs.insert().values(
                    id=event.job_id,
                    shootout_id=event.shootout_id,
                    owner_id=event.owner_id,
                    status="queued",
                    percent=0,
                    attempts=0,
                    cancel_requested=False,
                )
            )
            await apply_render_event(
                session, event, Outbox(outbox_table(MetaData(schema="shootouts")))
            )
            status = (
                await session.execute(
                    select(render_jobs.c.status).where(render_jobs.c.id == event.job_id)
                )
            ).scalar_one()
            recorded = (
                await session.execute(
                    select(outputs.c.id, outputs.c.kind).where(outputs.c.job_id == event.job_id)
                )
            ).all()
            # leave the database as it was for the next example
            await session.rollback()
        assert status == expected
        if message is RenderJobCompletedV1:
            # the kinds added since V1 (in `extra_outputs`) are outputs like the others
            files = [*event.outputs, *event.extra_outputs]
            assert sorted((r.id, r.kind) for r in recorded) == sorted(
                (o.output_id, o.kind) for o in files
            )
