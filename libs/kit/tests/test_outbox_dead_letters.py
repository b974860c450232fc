"""One row NATS will never take does not stall the outbox: it moves to dead letters.

Against real PostgreSQL and NATS; the oversized row is written straight into the table, as a
row staged before the outbox checked sizes would be.
"""

from __future__ import annotations

import re
import uuid

import pytest
from litestar.testing import AsyncTestClient
from msgspec.structs import replace
from sqlalchemy import insert, select, text

from gts_contracts import (
    MSG_ID_HEADER,
    GearBlock,
    RenderOptions,
    RenderRequestedV1,
    encode,
)
from gts_contracts.fields import LABEL_MAX_CHARS, NAME_MAX_CHARS
from gts_contracts.shootouts import MAX_BLOCKS, MAX_CHAINS
from gts_kit.errors import UnsendableEventError
from gts_kit.messaging.outbox import MAX_EVENT_BYTES
from gts_kit.testing.render_commands import chain_spec, mono_di, render_command
from gts_kit.testing.waiting import eventually

from .kit_service import (
    INTERNAL,
    create_tables,
    own_sessions,
    running_with_outbox,
    stage,
    user_event,
)
from .test_outbox import collect, unpublished

pytestmark = pytest.mark.usefixtures("clean_state")

_COUNTER = re.compile(r'^gts_outbox_dead_letters_total\{service="kittest"\} (\S+)$', re.M)


async def _dead_letters_counted(client: AsyncTestClient) -> float:  # type: ignore[type-arg]
    found = _COUNTER.search((await client.get(INTERNAL + "/metrics")).text)
    return float(found.group(1)) if found else 0.0


async def test_a_row_nats_refuses_moves_to_dead_letters_and_the_next_row_goes_out(
    database_url: str, nats_url: str
) -> None:
    async with running_with_outbox(database_url, nats_url) as (client, sessions, outbox):
        counted_before = await _dead_letters_counted(client)
        poison_id = uuid.uuid4()
        behind = user_event("behind-the-poison")
        async with sessions() as session, session.begin():
            await session.execute(
                insert(outbox.table).values(
                    event_id=poison_id,
                    subject="auth.user.registered.v1",
                    payload=b'{"pad": "' + b"x" * (2 * 1024 * 1024) + b'"}',
                    headers={MSG_ID_HEADER: str(poison_id)},
                )
            )
            await outbox.add(session, behind)

        published = await collect(nats_url, 3.0)
        assert [e.event_id for e, _ in published] == [behind.event_id]

        async with sessions() as session:
            dead = (await session.execute(select(outbox.dead_letters))).all()
        assert [(d.event_id, d.subject, d.attempts) for d in dead] == [
            (poison_id, "auth.user.registered.v1", 1)
        ]
        assert "MaxPayloadError" in dead[0].error
        assert len(dead[0].payload) > 2 * 1024 * 1024
        assert dead[0].headers == {MSG_ID_HEADER: str(poison_id)}
        assert dead[0].moved_at is not None
        assert await unpublished(sessions) == 0

        async def counted() -> bool:
            return await _dead_letters_counted(client) == counted_before + 1

        assert await eventually(counted, within=5)


async def test_an_event_over_a_contract_bound_is_refused_naming_the_field(
    database_url: str,
) -> None:
    await create_tables(database_url)
    async with own_sessions(database_url) as (sessions, outbox):
        with pytest.raises(UnsendableEventError) as refused:
            await stage(sessions, outbox, replace(user_event(), username="n" * 201))
        assert refused.value.status == 422
        assert [p.field for p in refused.value.problems] == ["username"]
        assert "200" in refused.value.problems[0].reason
        async with sessions() as session:
            assert await session.scalar(text("SELECT count(*) FROM kittest.outbox")) == 0


def _largest_render_command() -> RenderRequestedV1:
    """Every list at its bound and every name at its longest: within each field's bound, the
    whole is still too large for the bus."""
    block = GearBlock(
        gear_id=uuid.uuid4(),
        kind="amp",
        format="nam",
        blob_sha256="0" * 64,
        name="n" * NAME_MAX_CHARS,
        architecture="a" * LABEL_MAX_CHARS,
    )
    chains = [chain_spec("c" * NAME_MAX_CHARS, [block] * MAX_BLOCKS) for _ in range(MAX_CHAINS)]
    return render_command(mono_di("0" * 64, 1.0, name="d"), chains, RenderOptions())


async def test_an_event_too_large_for_the_bus_is_refused_and_nothing_is_stored(
    database_url: str,
) -> None:
    await create_tables(database_url)
    command = _largest_render_command()
    assert len(encode(command)) > MAX_EVENT_BYTES
    async with own_sessions(database_url) as (sessions, outbox):
        with pytest.raises(UnsendableEventError) as refused:
            await stage(sessions, outbox, user_event("staged-first"), command)
        assert refused.value.status == 422
        assert refused.value.code == "event_too_large"
        assert f"{MAX_EVENT_BYTES:,}" in refused.value.problems[0].reason
        async with sessions() as session:
            assert await session.scalar(text("SELECT count(*) FROM kittest.outbox")) == 0
