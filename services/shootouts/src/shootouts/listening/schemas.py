"""Request and response bodies of blind sessions, votes, ABX runs and listening results."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

import msgspec

# Letters and ratings are checked against the session (422 naming `ratings.<letter>`).
Letter = Annotated[str, msgspec.Meta(max_length=1, description="a letter of the session")]
Rating = Annotated[int, msgspec.Meta(description="0 to 100")]
MIN_RATING, MAX_RATING = 0, 100
Side = Literal["A", "B"]


class ListeningIn(msgspec.Struct, frozen=True, kw_only=True):
    """A new blind session: the DI whose renders are compared (default: the first DI)."""

    di_id: uuid.UUID | None = None


class RevealedChain(msgspec.Struct, frozen=True, kw_only=True):
    """Which chain a letter was: its id and its name when the session began."""

    chain_id: uuid.UUID
    name: str


class VoteView(msgspec.Struct, frozen=True, kw_only=True):
    """A listener's vote: a rating (0-100) for every letter and the favourite letter."""

    ratings: dict[str, int]
    favourite: str
    voted_at: datetime


class ListeningSessionView(msgspec.Struct, frozen=True, kw_only=True):
    """A blind session: its letters with the audio of each (scoped to the session); after the
    vote, the vote and which chain each letter was (`reveal`), never before."""

    id: uuid.UUID
    shootout_id: uuid.UUID
    di_id: uuid.UUID
    letters: list[str]
    audio: dict[str, str]
    created_at: datetime
    vote: VoteView | None = None
    reveal: dict[str, RevealedChain] | None = None


class VoteIn(msgspec.Struct, frozen=True, kw_only=True):
    """A rating (0-100) for every letter of the session and the favourite letter."""

    ratings: dict[Letter, Rating]
    favourite: Letter


class AbxIn(msgspec.Struct, frozen=True, kw_only=True):
    """A new ABX run between two chains of the shootout's latest render."""

    chain_a: uuid.UUID
    chain_b: uuid.UUID
    trials: Annotated[int, msgspec.Meta(ge=1, le=64)] = 16
    di_id: uuid.UUID | None = None


class AbxAnswerIn(msgspec.Struct, frozen=True, kw_only=True):
    """Which of A and B the listener hears as X."""

    answer: Side


class AbxTrialView(msgspec.Struct, frozen=True, kw_only=True):
    """An answered trial: what the listener said, what X was, whether they were right."""

    n: int
    answer: Side
    x: Side
    correct: bool


class AbxResult(msgspec.Struct, frozen=True, kw_only=True):
    """A finished run: trials right, of how many, and the one-sided binomial p-value of
    doing at least that well by guessing."""

    correct: int
    trials: int
    p_value: float


class AbxSessionView(msgspec.Struct, frozen=True, kw_only=True):
    """An ABX run: which chains are A and B with their audio, the trial to answer next
    (`current`, with the URL of its X; None when finished) and the answered trials."""

    id: uuid.UUID
    shootout_id: uuid.UUID
    di_id: uuid.UUID
    chain_a: uuid.UUID
    chain_b: uuid.UUID
    trials: int
    audio: dict[str, str]
    current: int | None
    x_url: str | None
    answered: list[AbxTrialView]
    created_at: datetime
    result: AbxResult | None = None


class AbxAnswered(msgspec.Struct, frozen=True, kw_only=True):
    """The answer to one trial: right or not, what X was, the next trial; the result after
    the last."""

    n: int
    correct: bool
    x: Side
    session: AbxSessionView


class Estimate(msgspec.Struct, frozen=True, kw_only=True):
    """An estimate with its 95 % interval."""

    estimate: float
    low: float
    high: float


class ChainResult(msgspec.Struct, frozen=True, kw_only=True):
    """One chain's votes: how often it was the favourite of the votes it was in (Wilson
    interval of the share) and its ratings' mean (Student's t interval; None unrated)."""

    chain_id: uuid.UUID
    name: str
    votes: int
    favourite: int
    favourite_share: Estimate
    mean_rating: Estimate | None


class PairResult(msgspec.Struct, frozen=True, kw_only=True):
    """ABX runs finished between two chains (either as A) and how many reached p < 0.05."""

    chain_ids: list[uuid.UUID]
    sessions: int
    significant: int


class ListeningResults(msgspec.Struct, frozen=True, kw_only=True):
    """What the listeners of a shootout said: per chain and per ABX pair."""

    shootout_id: uuid.UUID
    votes: int
    published: bool
    chains: list[ChainResult]
    pairs: list[PairResult]


class Published(msgspec.Struct, frozen=True, kw_only=True):
    """Whether the listening results are shown to everyone who may see the shootout."""

    shootout_id: uuid.UUID
    published: bool
    published_at: datetime | None
