"""The listening room as the handlers use it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gts_kit.messaging.outbox import Outbox
from gts_kit.rate_limit import TokenBucketLimiter
from shootouts.listening.abx import AbxRuns
from shootouts.listening.blind import BlindSessions
from shootouts.listening.results import Results


@dataclass(frozen=True)
class Listening:
    """Blind sessions with votes, ABX runs, and their results."""

    blind: BlindSessions
    abx: AbxRuns
    results: Results

    @classmethod
    def build(
        cls,
        sessions: async_sessionmaker[AsyncSession],
        limiter: TokenBucketLimiter,
        outbox: Outbox,
    ) -> Listening:
        """One limiter for every listener's submissions (sessions, votes, answers); votes and
        finished ABX runs are announced through `outbox`."""
        return cls(
            blind=BlindSessions(sessions, limiter, outbox),
            abx=AbxRuns(sessions, limiter, outbox),
            results=Results(sessions),
        )
