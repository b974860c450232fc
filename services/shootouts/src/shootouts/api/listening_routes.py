"""The listening room: `/api/v1/shootouts/{id}/listening|abx`, `/api/v1/listening` (blind
sessions and votes) and `/api/v1/abx` (ABX runs)."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import Provide
from litestar.openapi import ResponseSpec

from gts_kit.errors import UnauthorizedError
from shootouts.api.ranged import ranged
from shootouts.listening.access import Caller
from shootouts.listening.schemas import (
    AbxAnswered,
    AbxAnswerIn,
    AbxIn,
    AbxSessionView,
    ListeningIn,
    ListeningResults,
    ListeningSessionView,
    Published,
    VoteIn,
)
from shootouts.wiring import Domain


async def _caller(maybe_user_id: uuid.UUID | None, maybe_listener_id: uuid.UUID | None) -> Caller:
    """The signed-in user, else the anonymous listener the gateway vouches for, else 401."""
    if maybe_user_id is not None:
        return Caller(maybe_user_id)
    if maybe_listener_id is not None:
        return Caller(None, maybe_listener_id)
    raise UnauthorizedError("sign in, or listen anonymously with a listener cookie")


# Blind sessions and votes are open to anonymous listeners too (on unlisted or public
# shootouts: `may_listen`).
AS_CALLER = {"caller": Provide(_caller)}
# A session's audio is the listener's own: no shared caches.
_AUDIO_HEADERS = {"Cache-Control": "private, no-store"}


def _stream(request: Request[Any, Any, Any], domain: Domain, row: Any) -> Response[Any]:
    return ranged(
        request.headers.get("range"),
        int(row.size_bytes),
        domain.outputs.get(row.blob_sha256),
        row.content_type,
        _AUDIO_HEADERS,
    )


class ShootoutListeningController(Controller):
    """Starting blind sessions and ABX runs of a shootout; its listening results."""

    path = "/api/v1/shootouts/{shootout_id:uuid}"

    @post(
        "/listening",
        status_code=201,
        responses={
            200: ResponseSpec(
                ListeningSessionView, description="The caller's session they have not voted in"
            )
        },
        dependencies=AS_CALLER,
    )
    async def start_blind(
        self,
        domain: Domain,
        caller: Caller,
        shootout_id: uuid.UUID,
        data: ListeningIn | None = None,
    ) -> Response[ListeningSessionView]:
        """The caller's blind session of the shootout's latest render: 201 when new, 200 for
        the one they have not voted in yet (its letters drawn anew only for a newer render or
        another DI), 409 `already_voted` once they voted (one vote per listener and
        shootout). The owner's shootouts, and unlisted or public ones of others (these also
        for a visitor with a listener cookie, who is not signed in)."""
        view, created = await domain.listening.blind.start(
            caller, shootout_id, data or ListeningIn()
        )
        return Response(view, status_code=201 if created else 200)

    @post("/abx", status_code=201)
    async def start_abx(
        self, domain: Domain, user_id: uuid.UUID, shootout_id: uuid.UUID, data: AbxIn
    ) -> AbxSessionView:
        """A new ABX run between two chains of the shootout's latest render."""
        return await domain.listening.abx.start(user_id, shootout_id, data)

    @get("/listening/results")
    async def results(
        self, domain: Domain, maybe_user_id: uuid.UUID | None, shootout_id: uuid.UUID
    ) -> ListeningResults:
        """Votes and ABX runs summed up: the owner's, everyone's once published."""
        return await domain.listening.results.results(maybe_user_id, shootout_id)

    @get("/listening/results.svg", media_type="image/svg+xml")
    async def results_picture(
        self, domain: Domain, maybe_user_id: uuid.UUID | None, shootout_id: uuid.UUID
    ) -> Response[str]:
        """The results as a self-contained SVG picture (1200 px wide), to whoever may read
        the results."""
        svg = await domain.listening.results.picture(maybe_user_id, shootout_id)
        return Response(
            svg,
            media_type="image/svg+xml",
            headers={"Content-Disposition": f'inline; filename="listening-{shootout_id}.svg"'},
        )

    @post("/listening/publish", status_code=200)
    async def publish(
        self, domain: Domain, user_id: uuid.UUID, shootout_id: uuid.UUID
    ) -> Published:
        """Show the listening results to everyone who may see the shootout (owner only)."""
        return await domain.listening.results.publish(user_id, shootout_id, shown=True)

    @post("/listening/unpublish", status_code=200)
    async def unpublish(
        self, domain: Domain, user_id: uuid.UUID, shootout_id: uuid.UUID
    ) -> Published:
        """Show the listening results to the owner only again."""
        return await domain.listening.results.publish(user_id, shootout_id, shown=False)

    @get("/listening/votes.csv", media_type="text/csv")
    async def votes_csv(
        self, domain: Domain, user_id: uuid.UUID, shootout_id: uuid.UUID
    ) -> Response[str]:
        """Every vote, one line per letter (owner only)."""
        text = await domain.listening.results.votes_csv(user_id, shootout_id)
        return Response(
            text,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="votes-{shootout_id}.csv"'},
        )


class ListeningSessionController(Controller):
    """A listener's blind session: its letters' audio, the vote, the reveal."""

    path = "/api/v1/listening/{session_id:uuid}"

    @get("/", dependencies=AS_CALLER)
    async def read(
        self, domain: Domain, caller: Caller, session_id: uuid.UUID
    ) -> ListeningSessionView:
        """The session; the vote and the reveal once voted."""
        return await domain.listening.blind.get(caller, session_id)

    @get("/audio/{letter:str}", dependencies=AS_CALLER)
    async def audio(
        self,
        request: Request[Any, Any, Any],
        domain: Domain,
        caller: Caller,
        session_id: uuid.UUID,
        letter: str,
    ) -> Response[Any]:
        """A letter's audio: 200 whole, 206 for one range, 416 for a range outside it."""
        row = await domain.listening.blind.audio(caller, session_id, letter)
        return _stream(request, domain, row)

    @post("/vote", status_code=200, dependencies=AS_CALLER)
    async def vote(
        self, domain: Domain, caller: Caller, session_id: uuid.UUID, data: VoteIn
    ) -> ListeningSessionView:
        """Rate every letter (0-100) and pick a favourite, once: the answer reveals which
        chain each letter was."""
        return await domain.listening.blind.vote(caller, session_id, data)


class AbxController(Controller):
    """A listener's ABX run: A and B, the current trial's X, answers in order."""

    path = "/api/v1/abx/{session_id:uuid}"

    @get("/")
    async def read(
        self, domain: Domain, user_id: uuid.UUID, session_id: uuid.UUID
    ) -> AbxSessionView:
        """The run: answered trials with their X, the current trial, the result when done."""
        return await domain.listening.abx.get(user_id, session_id)

    @get("/audio/{side:str}")
    async def audio(
        self,
        request: Request[Any, Any, Any],
        domain: Domain,
        user_id: uuid.UUID,
        session_id: uuid.UUID,
        side: str,
    ) -> Response[Any]:
        """A's or B's audio, with Range support."""
        row = await domain.listening.abx.audio(user_id, session_id, side)
        return _stream(request, domain, row)

    @get("/trials/{n:int}/x")
    async def x_audio(
        self,
        request: Request[Any, Any, Any],
        domain: Domain,
        user_id: uuid.UUID,
        session_id: uuid.UUID,
        n: int,
    ) -> Response[Any]:
        """X of trial `n`, only while it is the trial to answer (404 otherwise)."""
        row = await domain.listening.abx.x_audio(user_id, session_id, n)
        return _stream(request, domain, row)

    @post("/trials/{n:int}", status_code=200)
    async def answer(
        self,
        domain: Domain,
        user_id: uuid.UUID,
        session_id: uuid.UUID,
        n: int,
        data: AbxAnswerIn,
    ) -> AbxAnswered:
        """Answer trial `n` (in order; 409 `already_answered` or `not_current`)."""
        return await domain.listening.abx.answer(user_id, session_id, n, data)
