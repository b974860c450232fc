"""Users and their events: registered once, updated only when the TONE3000 profile changes."""

from __future__ import annotations

from sqlalchemy import MetaData, text
from sqlalchemy.ext.asyncio import async_sessionmaker

from auth.domain.users import upsert_user
from gts_contracts import UserUpdatedV1, decode
from gts_kit.db.messaging_tables import outbox_table
from gts_kit.messaging.outbox import Outbox
from gts_tone3000 import User

from .harness import Harness


async def test_profile_change_emits_updated_and_no_change_emits_nothing(auth: Harness) -> None:
    sessions = async_sessionmaker(auth.engine)
    outbox = Outbox(outbox_table(MetaData(schema="auth")))
    remote = User(id="t3k-42", username="dana", display_name="Dana")
    async with sessions() as session, session.begin():
        created = await upsert_user(session, outbox, remote)
    async with sessions() as session, session.begin():
        same = await upsert_user(session, outbox, remote)
    renamed = User(id="t3k-42", username="dana", display_name="Dana R.", avatar_url="")
    async with sessions() as session, session.begin():
        changed = await upsert_user(session, outbox, renamed)
    assert created.id == same.id == changed.id
    assert changed.display_name == "Dana R."
    assert changed.avatar_url is None  # an empty URL is no URL
    async with auth.engine.connect() as conn:
        rows = (
            await conn.execute(text("SELECT subject, payload FROM auth.outbox ORDER BY created_at"))
        ).all()
    assert [r.subject for r in rows] == ["auth.user.registered.v1", "auth.user.updated.v1"]
    updated = decode(rows[1].payload, UserUpdatedV1)
    assert (updated.user_id, updated.display_name) == (created.id, "Dana R.")
