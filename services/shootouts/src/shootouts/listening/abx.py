"""ABX runs: X of every trial is drawn when the run starts and stays on the server until the
listener answers that trial; only the current trial's X is served."""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncSession

from gts_kit.errors import ConflictError, invalid, not_found
from shootouts.db.owned_rows import changed_row
from shootouts.db.tables import abx_sessions
from shootouts.listening.access import (
    ListenersRecords,
    latest_render,
    listenable_shootout,
    listener_of,
    listeners_row,
    new_listening,
    output_row,
)
from shootouts.listening.events import announce_listening
from shootouts.listening.schemas import (
    AbxAnswered,
    AbxAnswerIn,
    AbxIn,
    AbxResult,
    AbxSessionView,
    AbxTrialView,
    Side,
)
from shootouts.listening.stats import abx_p_value

SIDES = ("A", "B")


def abx_view(row: Any) -> AbxSessionView:
    """A run as its listener sees it: X only of the trials they answered."""
    answers: list[Side] = row.answers
    xs: list[Side] = row.secrets
    trials = len(xs)
    answered = [
        AbxTrialView(n=i + 1, answer=answer, x=xs[i], correct=answer == xs[i])
        for i, answer in enumerate(answers)
    ]
    current = len(answers) + 1 if len(answers) < trials else None
    result = None
    if current is None:
        correct = sum(t.correct for t in answered)
        result = AbxResult(correct=correct, trials=trials, p_value=abx_p_value(correct, trials))
    return AbxSessionView(
        id=row.id,
        shootout_id=row.shootout_id,
        di_id=row.di_id,
        chain_a=uuid.UUID(row.chains["A"]["chain_id"]),
        chain_b=uuid.UUID(row.chains["B"]["chain_id"]),
        trials=trials,
        audio={side: f"/api/v1/abx/{row.id}/audio/{side}" for side in SIDES},
        current=current,
        x_url=f"/api/v1/abx/{row.id}/trials/{current}/x" if current else None,
        answered=answered,
        created_at=row.created_at,
        result=result,
    )


class AbxRuns(ListenersRecords):
    """ABX runs of listeners, as many as they like; each finished run is announced."""

    async def start(
        self, user_id: uuid.UUID, shootout_id: uuid.UUID, body: AbxIn
    ) -> AbxSessionView:
        """A new run of `body.trials` between two chains of the latest render."""
        listener = listener_of(user_id)
        if body.chain_a == body.chain_b:
            raise invalid("chain_b", "must differ from chain_a", "same_chain")
        async with self.sessions.begin() as session:
            row = await listenable_shootout(session, shootout_id, user_id)
            render = await latest_render(session, row, body.di_id)
            tracks = {track.chain_id: track for track in render.tracks}
            for field, chain_id in (("chain_a", body.chain_a), ("chain_b", body.chain_b)):
                if chain_id not in tracks:
                    raise invalid(
                        field,
                        f"chain {chain_id} has no audio in the shootout's latest render",
                        "not_rendered",
                    )
            self.limiter.spend(listener, "listening requests", "listening_rate_limited")
            draw = secrets.SystemRandom()
            created = (
                await session.execute(
                    abx_sessions.insert()
                    .values(
                        **new_listening(shootout_id, render, listener),
                        chains={
                            "A": tracks[body.chain_a].stored(),
                            "B": tracks[body.chain_b].stored(),
                        },
                        secrets=[draw.choice(SIDES) for _ in range(body.trials)],
                        answers=[],
                    )
                    .returning(abx_sessions)
                )
            ).one()
            return abx_view(created)

    async def get(self, user_id: uuid.UUID, session_id: uuid.UUID) -> AbxSessionView:
        """The listener's run (404 for anyone else's)."""
        async with self.sessions() as session:
            return abx_view(await _own_run(session, session_id, user_id))

    async def audio(self, user_id: uuid.UUID, session_id: uuid.UUID, side: str) -> Any:
        """The output row of A or B."""
        async with self.sessions() as session:
            row = await _own_run(session, session_id, user_id)
            if side not in SIDES:
                raise not_found("side")
            return await output_row(session, row.chains[side]["output_id"])

    async def x_audio(self, user_id: uuid.UUID, session_id: uuid.UUID, n: int) -> Any:
        """The output row X of trial `n` plays: only while `n` is the trial to answer."""
        async with self.sessions() as session:
            row = await _own_run(session, session_id, user_id)
            if n != len(row.answers) + 1 or n > len(row.secrets):
                raise not_found("trial")
            return await output_row(session, row.chains[row.secrets[n - 1]]["output_id"])

    async def answer(
        self, user_id: uuid.UUID, session_id: uuid.UUID, n: int, body: AbxAnswerIn
    ) -> AbxAnswered:
        """Answer trial `n`, in order: whether it was right; the result after the last, which
        the owner's live feed hears of from the same transaction."""
        async with self.sessions.begin() as session:
            row = await _own_run(session, session_id, user_id, lock=True)
            answers: list[str] = list(row.answers)
            if not 1 <= n <= len(row.secrets):
                raise not_found("trial")
            if n <= len(answers):
                raise ConflictError(f"trial {n} is answered already", code="already_answered")
            if n > len(answers) + 1:
                raise ConflictError(
                    f"trial {n} is not the current one: answer trial {len(answers) + 1} first",
                    code="not_current",
                )
            self.limiter.spend(listener_of(user_id), "answers", "listening_rate_limited")
            answers.append(body.answer)
            done = len(answers) == len(row.secrets)
            updated = await changed_row(
                session,
                abx_sessions,
                session_id,
                answers=answers,
                finished_at=func.now() if done else None,
            )
            if done:
                await announce_listening(session, self.outbox, row.shootout_id, row.owner_id, "abx")
        x: Side = row.secrets[n - 1]
        return AbxAnswered(n=n, correct=body.answer == x, x=x, session=abx_view(updated))


async def _own_run(
    session: AsyncSession, session_id: uuid.UUID, user_id: uuid.UUID, *, lock: bool = False
) -> Any:
    """The listener's run while they may still listen to its shootout, else 404."""
    listener = listener_of(user_id)
    return await listeners_row(
        session, abx_sessions, session_id, listener, user_id, "ABX session", lock=lock
    )
