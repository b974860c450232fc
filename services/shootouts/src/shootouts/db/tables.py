"""The shootouts tables: gear read model, DI tracks, chains, groups, shootouts, jobs, outputs."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from shootouts.db.metadata import metadata


def _created() -> Column[object]:
    return Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now())


def _updated() -> Column[object]:
    return Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now())


def _id() -> Column[object]:
    return Column("id", UUID(as_uuid=True), primary_key=True)


def _owner() -> Column[object]:
    return Column("owner_id", UUID(as_uuid=True), nullable=False)


def _chain_settings() -> list[Column[object]]:
    """What a chain and a chain group both have: a name, an input gain (dB) and blocks."""
    return [
        Column("name", Text, nullable=False),
        Column("input_gain_db", Float, nullable=False),
        Column("blocks", JSONB, nullable=False),
    ]


def _level_modes() -> list[Column[object]]:
    """A chain's (or group's) levels as the NAM plugin sets them (shootouts.chains.levels)."""
    return [
        Column("input_mode", Text, nullable=False, server_default="raw"),
        Column("output_mode", Text, nullable=False, server_default="raw"),
    ]


def _shootout_ref(*, primary_key: bool = False) -> Column[object]:
    """A row's shootout (never null), the row deleted with it."""
    shootout = ForeignKey("shootouts.id", ondelete="CASCADE")
    return Column(
        "shootout_id", UUID(as_uuid=True), shootout, primary_key=primary_key, nullable=False
    )


def _owned_table(name: str, *columns: Column[object] | CheckConstraint | UniqueConstraint) -> Table:
    """A table of rows one user owns, each with its id, listed newest first per owner (the
    index `<name>_owner_created_idx`)."""
    return Table(
        name,
        metadata,
        _id(),
        _owner(),
        *columns,
        Index(f"{name}_owner_created_idx", "owner_id", "created_at"),
    )


def _listened() -> list[Column[object]]:
    """Which shootout, render, DI and listener a listening row belongs to."""
    return [
        _shootout_ref(),
        Column("job_id", UUID(as_uuid=True), nullable=False),
        Column("di_id", UUID(as_uuid=True), nullable=False),
        Column("listener", Text, nullable=False),
    ]


# What shootouts knows of each user's gear, kept from catalog.gear.* events.
gear = Table(
    "gear",
    metadata,
    _id(),
    _owner(),
    Column("kind", Text, nullable=False),
    Column("format", Text, nullable=False),
    Column("blob_sha256", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("architecture", Text),
    Column("submodels", JSONB),  # an A2 SlimmableContainer's submodels; null for other files
    # a NAM capture's metadata loudness (dB) and calibration levels (dBu at 0 dBFS), if any
    Column("loudness", Float),
    Column("input_level_dbu", Float),
    Column("output_level_dbu", Float),
    Column("removed", Boolean, nullable=False),
    # occurred_at of the event that wrote the row: an older event never overwrites a newer one
    Column("as_of", DateTime(timezone=True), nullable=False),
    Index("gear_owner_idx", "owner_id"),
)

di_tracks = _owned_table(
    "di_tracks",
    Column("name", Text, nullable=False),
    Column("guitar", Text, nullable=False),
    Column("pickup", Text, nullable=False),
    Column("tuning", Text, nullable=False),
    Column("notes", Text, nullable=False),
    Column("filename", Text, nullable=False),
    Column("format", Text, nullable=False),
    Column("sha256", Text, nullable=False),
    Column("size_bytes", BigInteger, nullable=False),
    Column("sample_rate", Integer, nullable=False),
    Column("channels", Integer, nullable=False),
    Column("frames", BigInteger, nullable=False),
    Column("duration_seconds", Float, nullable=False),
    Column("peaks", JSONB, nullable=False),
    # which channel the renderer reads: left, right or mix (the mean of both)
    Column("channel", Text, nullable=False, server_default="left"),
    _created(),
    _updated(),
    UniqueConstraint("owner_id", "sha256", name="di_tracks_owner_sha256_key"),
    CheckConstraint("channel IN ('left', 'right', 'mix')", name="di_tracks_channel_check"),
)

signal_chains = _owned_table(
    "signal_chains",
    *_chain_settings(),
    Column("group_id", UUID(as_uuid=True)),
    *_level_modes(),
    _created(),
    _updated(),
)

chain_groups = _owned_table(
    "chain_groups",
    *_chain_settings(),  # the blocks: fixed blocks and slots, in order
    *_level_modes(),
    # a gain sweep: one chain per value (dB) and slot combination; null: input_gain_db only
    Column("input_gains_db", JSONB),
    _created(),
    _updated(),
)

shootouts = _owned_table(
    "shootouts",
    Column("name", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("di_ids", JSONB, nullable=False),
    Column("chain_ids", JSONB, nullable=False),
    Column("segment_seconds", Float, nullable=False),
    Column("target_lufs", Float, nullable=False),
    Column("blind", Boolean, nullable=False),
    Column("video", Boolean, nullable=False),
    Column("pictures", Boolean, nullable=False),
    Column("visibility", Text, nullable=False),
    # the audio interface's level (dBu) at 0 dBFS: calibrated chains are scaled from it
    Column("reference_dbu", Float, nullable=False, server_default="12"),
    # a blind render's letters shown to everyone: when, and which render (no foreign key: a
    # shootout's jobs are deleted before it)
    Column("revealed_at", DateTime(timezone=True)),
    Column("revealed_job_id", UUID(as_uuid=True)),
    _created(),
    _updated(),
    # how the montage plays the chains: in turn per segment, or each over the whole passage
    Column("montage_mode", Text, nullable=False, server_default="alternate"),
    Column("rounds", Integer, nullable=False, server_default="1"),
    Column("full_renders", Boolean, nullable=False, server_default="false"),
    # [{di_id, start_seconds, end_seconds}]: the part of a DI compared (a DI not listed: whole)
    Column("passages", JSONB, nullable=False, server_default="[]"),
    CheckConstraint(
        "montage_mode IN ('alternate', 'sequence')", name="shootouts_montage_mode_check"
    ),
    CheckConstraint(
        "rounds BETWEEN 1 AND 2 AND (rounds = 1 OR montage_mode = 'sequence')",
        name="shootouts_rounds_check",
    ),
)

render_jobs = Table(
    "render_jobs",
    metadata,
    _id(),
    Column("shootout_id", UUID(as_uuid=True), ForeignKey("shootouts.id"), nullable=False),
    _owner(),
    Column("status", Text, nullable=False),
    Column("stage", Text),
    Column("percent", Float, nullable=False),
    Column("message", Text),
    Column("reason", Text),
    Column("attempts", Integer, nullable=False),
    Column("cancel_requested", Boolean, nullable=False),
    Column("blind_key", JSONB),
    _created(),
    _updated(),
    Column("finished_at", DateTime(timezone=True)),
    # the encoded render command, kept until the job is dispatched (shootouts.jobs.dispatch)
    Column("command", LargeBinary),
    Column("dispatched_at", DateTime(timezone=True)),
    Index("render_jobs_shootout_idx", "shootout_id", "created_at"),
    Index("render_jobs_owner_idx", "owner_id", "created_at"),
)

outputs = Table(
    "outputs",
    metadata,
    _id(),
    Column("job_id", UUID(as_uuid=True), ForeignKey("render_jobs.id"), nullable=False),
    Column("shootout_id", UUID(as_uuid=True), nullable=False),
    _owner(),
    Column("kind", Text, nullable=False),
    Column("di_id", UUID(as_uuid=True)),
    Column("chain_id", UUID(as_uuid=True)),
    Column("blob_sha256", Text, nullable=False),
    Column("content_type", Text, nullable=False),
    Column("size_bytes", BigInteger, nullable=False),
    Column("duration_seconds", Float),
    Column("metrics", JSONB),
    _created(),
    Index("outputs_job_idx", "job_id"),
)

# A listener's blind session of one shootout's render: the shuffled letters (each letter's
# chain, its name then and its audio output; never sent before the vote) and the vote. One a
# listener and shootout; a listener is a user id, or `anon:<id>` for a visitor the gateway
# vouches for by its signed listener cookie.
listening_sessions = Table(
    "listening_sessions",
    metadata,
    _id(),
    *_listened(),
    Column("letters", JSONB, nullable=False),  # {letter: {chain_id, name, output_id}}
    Column("ratings", JSONB),  # {letter: 0..100} once voted
    Column("favourite", Text),  # a letter, once voted
    Column("voted_at", DateTime(timezone=True)),
    _created(),
    UniqueConstraint("shootout_id", "listener", name="listening_sessions_listener_key"),
)

# A listener's ABX run between two chains: X of every trial drawn up front (`secrets`, never
# sent before its trial is answered), the listener's answers in order.
abx_sessions = Table(
    "abx_sessions",
    metadata,
    _id(),
    *_listened(),
    Column("chains", JSONB, nullable=False),  # {"A"|"B": {chain_id, name, output_id}}
    Column("secrets", JSONB, nullable=False),  # ["A"|"B", ...]: X of each trial
    Column("answers", JSONB, nullable=False),  # ["A"|"B", ...]: the listener's, in order
    Column("finished_at", DateTime(timezone=True)),
    _created(),
    Index("abx_sessions_shootout_idx", "shootout_id"),
)

# Shootouts whose owner shows the listening results to everyone who may see the shootout.
listening_published = Table(
    "listening_published",
    metadata,
    _shootout_ref(primary_key=True),
    Column("published_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)
