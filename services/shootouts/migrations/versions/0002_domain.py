"""The domain tables: gear read model, DI tracks, chains, groups, shootouts, jobs, outputs."""

from alembic import op

revision = "0002"
down_revision = "0001"


def _owned_table(name: str, columns: str, constraints: str = "") -> list[str]:
    """A table of rows one user owns (id, owner, `columns`, created and updated times, then
    `constraints`) and its index listing each owner's rows newest first."""
    return [
        f"""
        CREATE TABLE shootouts.{name} (
            id UUID NOT NULL,
            owner_id UUID NOT NULL,
            {columns}
            created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
            updated_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
            CONSTRAINT pk_{name} PRIMARY KEY (id){constraints}
        )
        """,
        f"CREATE INDEX {name}_owner_created_idx ON shootouts.{name} (owner_id, created_at)",
    ]


STATEMENTS = [
    """
    CREATE TABLE shootouts.gear (
        id UUID NOT NULL,
        owner_id UUID NOT NULL,
        kind TEXT NOT NULL,
        format TEXT NOT NULL,
        blob_sha256 TEXT NOT NULL,
        name TEXT NOT NULL,
        architecture TEXT,
        removed BOOLEAN NOT NULL,
        as_of TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT pk_gear PRIMARY KEY (id)
    )
    """,
    """
    CREATE INDEX gear_owner_idx ON shootouts.gear (owner_id)
    """,
    *_owned_table(
        "di_tracks",
        """
        name TEXT NOT NULL,
        guitar TEXT NOT NULL,
        pickup TEXT NOT NULL,
        tuning TEXT NOT NULL,
        notes TEXT NOT NULL,
        filename TEXT NOT NULL,
        format TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        size_bytes BIGINT NOT NULL,
        sample_rate INTEGER NOT NULL,
        channels INTEGER NOT NULL,
        frames BIGINT NOT NULL,
        duration_seconds FLOAT NOT NULL,
        peaks JSONB NOT NULL,
        """,
        ", CONSTRAINT di_tracks_owner_sha256_key UNIQUE (owner_id, sha256)",
    ),
    *_owned_table(
        "signal_chains",
        "name TEXT NOT NULL, input_gain_db FLOAT NOT NULL, blocks JSONB NOT NULL, group_id UUID,",
    ),
    *_owned_table(
        "chain_groups", "name TEXT NOT NULL, input_gain_db FLOAT NOT NULL, blocks JSONB NOT NULL,"
    ),
    *_owned_table(
        "shootouts",
        """
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        di_ids JSONB NOT NULL,
        chain_ids JSONB NOT NULL,
        segment_seconds FLOAT NOT NULL,
        target_lufs FLOAT NOT NULL,
        blind BOOLEAN NOT NULL,
        video BOOLEAN NOT NULL,
        pictures BOOLEAN NOT NULL,
        visibility TEXT NOT NULL,
        """,
    ),
    """
    CREATE TABLE shootouts.render_jobs (
        id UUID NOT NULL,
        shootout_id UUID NOT NULL,
        owner_id UUID NOT NULL,
        status TEXT NOT NULL,
        stage TEXT,
        percent FLOAT NOT NULL,
        message TEXT,
        reason TEXT,
        attempts INTEGER NOT NULL,
        cancel_requested BOOLEAN NOT NULL,
        blind_key JSONB,
        created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
        updated_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
        finished_at TIMESTAMP WITH TIME ZONE,
        CONSTRAINT pk_render_jobs PRIMARY KEY (id),
        CONSTRAINT fk_render_jobs_shootout_id_shootouts FOREIGN KEY(shootout_id) REFERENCES shootouts.shootouts (id)
    )
    """,
    """
    CREATE INDEX render_jobs_owner_idx ON shootouts.render_jobs (owner_id, created_at)
    """,
    """
    CREATE INDEX render_jobs_shootout_idx ON shootouts.render_jobs (shootout_id, created_at)
    """,
    """
    CREATE TABLE shootouts.outputs (
        id UUID NOT NULL,
        job_id UUID NOT NULL,
        shootout_id UUID NOT NULL,
        owner_id UUID NOT NULL,
        kind TEXT NOT NULL,
        di_id UUID,
        chain_id UUID,
        blob_sha256 TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size_bytes BIGINT NOT NULL,
        duration_seconds FLOAT,
        metrics JSONB,
        created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
        CONSTRAINT pk_outputs PRIMARY KEY (id),
        CONSTRAINT fk_outputs_job_id_render_jobs FOREIGN KEY(job_id) REFERENCES shootouts.render_jobs (id)
    )
    """,
    """
    CREATE INDEX outputs_job_idx ON shootouts.outputs (job_id)
    """,
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    for table in (
        "outputs", "render_jobs", "shootouts", "chain_groups", "signal_chains", "di_tracks", "gear"
    ):
        op.execute(f"DROP TABLE shootouts.{table}")
