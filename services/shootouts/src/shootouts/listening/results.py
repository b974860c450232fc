"""What a shootout's listeners said: preference and ratings per chain, ABX runs per pair,
the votes as CSV, the results as a picture; shown to the owner, and to everyone who may see
the shootout once the owner publishes them."""

from __future__ import annotations

import csv
import io
import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gts_kit.errors import not_found
from shootouts.db.tables import abx_sessions, listening_published, listening_sessions, shootouts
from shootouts.listening.picture import results_svg
from shootouts.listening.schemas import (
    ChainResult,
    Estimate,
    ListeningResults,
    PairResult,
    Published,
)
from shootouts.listening.stats import Interval, abx_p_value, mean_interval, wilson
from shootouts.shootout.service import owned_shootout

SIGNIFICANT = 0.05
CSV_COLUMNS = ("listener", "voted_at", "letter", "chain_id", "chain_name", "rating", "favourite")


def _estimate(interval: Interval) -> Estimate:
    return Estimate(estimate=interval.estimate, low=interval.low, high=interval.high)


@dataclass(eq=False)
class Results:
    """Listening results of shootouts."""

    sessions: async_sessionmaker[AsyncSession]

    async def results(self, user_id: uuid.UUID | None, shootout_id: uuid.UUID) -> ListeningResults:
        """The owner's, or anyone's who may see the shootout once published (404 otherwise)."""
        return (await self._named_results(user_id, shootout_id))[1]

    async def picture(self, user_id: uuid.UUID | None, shootout_id: uuid.UUID) -> str:
        """The results as an SVG picture, to whoever may read them (404 otherwise)."""
        name, results = await self._named_results(user_id, shootout_id)
        return results_svg(name, results)

    async def _named_results(
        self, user_id: uuid.UUID | None, shootout_id: uuid.UUID
    ) -> tuple[str, ListeningResults]:
        async with self.sessions() as session:
            row = (
                await session.execute(
                    select(
                        shootouts.c.name,
                        shootouts.c.owner_id,
                        shootouts.c.visibility,
                        shootouts.c.chain_ids,
                    ).where(shootouts.c.id == shootout_id)
                )
            ).one_or_none()
            published = await _published_at(session, shootout_id) is not None
            shown = row is not None and (
                row.owner_id == user_id or (published and row.visibility != "private")
            )
            if row is None or not shown:
                raise not_found("listening results")
            votes = await _votes(session, shootout_id)
            runs = list(
                await session.execute(
                    select(
                        abx_sessions.c.chains, abx_sessions.c.secrets, abx_sessions.c.answers
                    ).where(
                        abx_sessions.c.shootout_id == shootout_id,
                        abx_sessions.c.finished_at.is_not(None),
                    )
                )
            )
        return row.name, ListeningResults(
            shootout_id=shootout_id,
            votes=len(votes),
            published=published,
            chains=_chains(votes, [str(c) for c in row.chain_ids]),
            pairs=_pairs(runs),
        )

    async def publish(
        self, owner_id: uuid.UUID, shootout_id: uuid.UUID, *, shown: bool
    ) -> Published:
        """Show the results to everyone who may see the shootout (`shown`), or stop."""
        async with self.sessions.begin() as session:
            await owned_shootout(session, owner_id, shootout_id, lock=True)
            if shown:
                await session.execute(
                    insert(listening_published)
                    .values(shootout_id=shootout_id)
                    .on_conflict_do_nothing()
                )
            else:
                await session.execute(
                    delete(listening_published).where(
                        listening_published.c.shootout_id == shootout_id
                    )
                )
            at = await _published_at(session, shootout_id)
        return Published(shootout_id=shootout_id, published=at is not None, published_at=at)

    async def votes_csv(self, owner_id: uuid.UUID, shootout_id: uuid.UUID) -> str:
        """One line per vote and letter, listeners numbered by when they voted (owner only)."""
        async with self.sessions() as session:
            await owned_shootout(session, owner_id, shootout_id)
            votes = await _votes(session, shootout_id)
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for number, vote in enumerate(votes, start=1):
            for letter in sorted(vote.letters):
                chain = vote.letters[letter]
                writer.writerow(
                    (
                        f"L{number}",
                        vote.voted_at.isoformat(),
                        letter,
                        chain["chain_id"],
                        _cell(chain["name"]),
                        vote.ratings[letter],
                        "yes" if letter == vote.favourite else "no",
                    )
                )
        return out.getvalue()


def _cell(text: str) -> str:
    # a spreadsheet runs a cell that starts like a formula
    return f"'{text}" if text[:1] in {"=", "+", "-", "@"} else text


async def _published_at(session: AsyncSession, shootout_id: uuid.UUID) -> Any:
    return (
        await session.execute(
            select(listening_published.c.published_at).where(
                listening_published.c.shootout_id == shootout_id
            )
        )
    ).scalar_one_or_none()


async def _votes(session: AsyncSession, shootout_id: uuid.UUID) -> list[Any]:
    return list(
        await session.execute(
            select(
                listening_sessions.c.letters,
                listening_sessions.c.ratings,
                listening_sessions.c.favourite,
                listening_sessions.c.voted_at,
            )
            .where(
                listening_sessions.c.shootout_id == shootout_id,
                listening_sessions.c.voted_at.is_not(None),
            )
            .order_by(listening_sessions.c.voted_at, listening_sessions.c.id)
        )
    )


def _chains(votes: list[Any], order: list[str]) -> list[ChainResult]:
    """Per chain of any vote: in how many votes it was, how often the favourite, its ratings;
    in the shootout's chain order, then chains it no longer has."""
    names: dict[str, str] = {}
    seen: dict[str, int] = defaultdict(int)
    favourite: dict[str, int] = defaultdict(int)
    ratings: dict[str, list[float]] = defaultdict(list)
    for vote in votes:
        for letter, chain in vote.letters.items():
            chain_id = chain["chain_id"]
            names.setdefault(chain_id, chain["name"])
            seen[chain_id] += 1
            ratings[chain_id].append(float(vote.ratings[letter]))
            favourite[chain_id] += letter == vote.favourite
    rank = {chain_id: i for i, chain_id in enumerate(order)}
    chosen = sorted(seen, key=lambda c: (rank.get(c, len(rank)), names[c], c))
    results = []
    for chain_id in chosen:
        mean = mean_interval(ratings[chain_id])
        results.append(
            ChainResult(
                chain_id=uuid.UUID(chain_id),
                name=names[chain_id],
                votes=seen[chain_id],
                favourite=favourite[chain_id],
                favourite_share=_estimate(wilson(favourite[chain_id], seen[chain_id])),
                mean_rating=_estimate(mean) if mean is not None else None,
            )
        )
    return results


def _pairs(runs: list[Any]) -> list[PairResult]:
    """Finished ABX runs per pair of chains (either way round) and how many reached
    p < 0.05."""
    sessions: dict[tuple[str, str], int] = defaultdict(int)
    significant: dict[tuple[str, str], int] = defaultdict(int)
    for run in runs:
        a, b = run.chains["A"]["chain_id"], run.chains["B"]["chain_id"]
        pair = (min(a, b), max(a, b))
        correct = sum(x == answer for x, answer in zip(run.secrets, run.answers, strict=True))
        sessions[pair] += 1
        significant[pair] += abx_p_value(correct, len(run.secrets)) < SIGNIFICANT
    return [
        PairResult(
            chain_ids=[uuid.UUID(a), uuid.UUID(b)],
            sessions=sessions[a, b],
            significant=significant[a, b],
        )
        for a, b in sorted(sessions)
    ]
