"""Blind sessions: each listener's own shuffled letters, their vote, then the reveal.

The letters' chains stay on the server until the vote: the listener gets letters and
session-scoped audio URLs only.
"""

from __future__ import annotations

import secrets
import string
import uuid
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from gts_kit.errors import ConflictError, FieldProblem, invalid_fields, not_found
from shootouts.db.owned_rows import changed_row
from shootouts.db.tables import listening_sessions
from shootouts.listening.access import (
    Caller,
    ListenersRecords,
    Render,
    latest_render,
    listenable_shootout,
    listeners_row,
    new_listening,
    output_row,
)
from shootouts.listening.events import announce_listening
from shootouts.listening.schemas import (
    MAX_RATING,
    MIN_RATING,
    ListeningIn,
    ListeningSessionView,
    RevealedChain,
    VoteIn,
    VoteView,
)

LETTERS = string.ascii_uppercase[:16]


def session_view(row: Any) -> ListeningSessionView:
    """A session as its listener sees it: the reveal only once they voted."""
    letters = sorted(row.letters)
    voted = row.voted_at is not None
    return ListeningSessionView(
        id=row.id,
        shootout_id=row.shootout_id,
        di_id=row.di_id,
        letters=letters,
        audio={letter: f"/api/v1/listening/{row.id}/audio/{letter}" for letter in letters},
        created_at=row.created_at,
        vote=VoteView(ratings=row.ratings, favourite=row.favourite, voted_at=row.voted_at)
        if voted
        else None,
        reveal={
            letter: RevealedChain(
                chain_id=uuid.UUID(row.letters[letter]["chain_id"]),
                name=row.letters[letter]["name"],
            )
            for letter in letters
        }
        if voted
        else None,
    )


class AlreadyVotedError(ConflictError):
    """409 `already_voted`, naming the listener's voted session (`session_id`), so any
    browser of theirs can show its reveal again."""

    def __init__(self, shootout_id: uuid.UUID, session_id: uuid.UUID) -> None:
        super().__init__(f"you have voted on shootout {shootout_id} already", code="already_voted")
        self.session_id = session_id

    @property
    def members(self) -> dict[str, object]:
        return {"session_id": str(self.session_id)}


class BlindSessions(ListenersRecords):
    """Blind sessions and votes, one a listener and shootout; each vote is announced."""

    async def start(
        self, caller: Caller, shootout_id: uuid.UUID, body: ListeningIn
    ) -> tuple[ListeningSessionView, bool]:
        """The listener's blind session of the shootout's latest render, and whether it is
        new. One a listener and shootout: an unvoted one is handed back with the same letters
        (drawn anew when a newer render or another DI is asked for), a voted one is 409
        `already_voted`."""
        listener = caller.listener
        async with self.sessions.begin() as session:
            row = await listenable_shootout(session, shootout_id, caller.user_id)
            mine = await _listeners_session(session, shootout_id, listener)
            if mine is not None and mine.voted_at is not None:
                raise AlreadyVotedError(shootout_id, mine.id)
            render = await latest_render(session, row, body.di_id)
            if mine is not None and (mine.job_id, mine.di_id) == (render.job_id, render.di_id):
                return session_view(mine), False
            self.limiter.spend(listener, "listening requests", "listening_rate_limited")
            letters = _shuffled(render)
            if mine is not None:
                # a newer render, or another DI: the same session, its letters drawn anew
                renewed = await changed_row(
                    session,
                    listening_sessions,
                    mine.id,
                    job_id=render.job_id,
                    di_id=render.di_id,
                    letters=letters,
                )
                return session_view(renewed), False
            created = (
                await session.execute(
                    insert(listening_sessions)
                    .values(**new_listening(shootout_id, render, listener), letters=letters)
                    .on_conflict_do_nothing(constraint="listening_sessions_listener_key")
                    .returning(listening_sessions)
                )
            ).one_or_none()
            if created is not None:
                return session_view(created), True
        # a second request of the same listener stored theirs first
        return await self.start(caller, shootout_id, body)

    async def get(self, caller: Caller, session_id: uuid.UUID) -> ListeningSessionView:
        """The listener's session (404 for anyone else's)."""
        async with self.sessions() as session:
            return session_view(await _own_session(session, session_id, caller))

    async def audio(self, caller: Caller, session_id: uuid.UUID, letter: str) -> Any:
        """The output row a letter of the listener's session plays (404 for no such letter)."""
        async with self.sessions() as session:
            row = await _own_session(session, session_id, caller)
            if letter not in row.letters:
                raise not_found("letter")
            return await output_row(session, row.letters[letter]["output_id"])

    async def vote(
        self, caller: Caller, session_id: uuid.UUID, body: VoteIn
    ) -> ListeningSessionView:
        """Store the listener's ratings and favourite, once, and reveal the letters; the
        owner's live feed hears of it from the same transaction."""
        listener = caller.listener
        async with self.sessions.begin() as session:
            row = await _own_session(session, session_id, caller, lock=True)
            if row.voted_at is not None:
                raise AlreadyVotedError(row.shootout_id, row.id)
            _check_vote(body, sorted(row.letters))
            self.limiter.spend(listener, "votes", "listening_rate_limited")
            voted = await changed_row(
                session,
                listening_sessions,
                session_id,
                ratings=body.ratings,
                favourite=body.favourite,
                voted_at=func.now(),
            )
            await announce_listening(session, self.outbox, row.shootout_id, row.owner_id, "vote")
            return session_view(voted)


def _shuffled(render: Render) -> dict[str, dict[str, str]]:
    """The render's chains behind letters A, B, ... in an order drawn by the system's
    cryptographic random source."""
    if len(render.tracks) > len(LETTERS):
        raise ConflictError(
            f"a blind session compares at most {len(LETTERS)} chains", code="too_many"
        )
    shuffled = list(render.tracks)
    secrets.SystemRandom().shuffle(shuffled)
    return {letter: track.stored() for letter, track in zip(LETTERS, shuffled, strict=False)}


def _check_vote(body: VoteIn, letters: list[str]) -> None:
    problems = [
        FieldProblem(f"ratings.{letter}", "every letter needs a rating (0-100)", "missing")
        for letter in letters
        if letter not in body.ratings
    ]
    for letter, rating in sorted(body.ratings.items()):
        if letter not in letters:
            reason = f"no letter {letter} in this session ({', '.join(letters)})"
            problems.append(FieldProblem(f"ratings.{letter}", reason, "unknown_letter"))
        elif not MIN_RATING <= rating <= MAX_RATING:
            reason = f"{rating} is outside {MIN_RATING} to {MAX_RATING}"
            problems.append(FieldProblem(f"ratings.{letter}", reason, "out_of_range"))
    if body.favourite not in letters:
        problems.append(
            FieldProblem(
                "favourite",
                f"no letter {body.favourite} in this session ({', '.join(letters)})",
                "unknown_letter",
            )
        )
    if problems:
        raise invalid_fields(problems)


async def _listeners_session(session: AsyncSession, shootout_id: uuid.UUID, listener: str) -> Any:
    return (
        await session.execute(
            select(listening_sessions)
            .where(
                listening_sessions.c.shootout_id == shootout_id,
                listening_sessions.c.listener == listener,
            )
            .with_for_update()
        )
    ).one_or_none()


async def _own_session(
    session: AsyncSession, session_id: uuid.UUID, caller: Caller, *, lock: bool = False
) -> Any:
    """The listener's session while they may still listen to its shootout, else 404."""
    return await listeners_row(
        session,
        listening_sessions,
        session_id,
        caller.listener,
        caller.user_id,
        "listening session",
        lock=lock,
    )
