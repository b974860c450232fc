"""The listening room: listeners' blind sessions with their votes, ABX runs, and which
shootouts' listening results their owners published.
"""

from gts_kit.db.sql_steps import sql_steps

revision = "0010"
down_revision = "0009"

STATEMENTS = [
    """
    CREATE TABLE shootouts.listening_sessions (
        id UUID NOT NULL,
        shootout_id UUID NOT NULL,
        job_id UUID NOT NULL,
        di_id UUID NOT NULL,
        listener TEXT NOT NULL,
        letters JSONB NOT NULL,
        ratings JSONB,
        favourite TEXT,
        voted_at TIMESTAMP WITH TIME ZONE,
        created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
        CONSTRAINT pk_listening_sessions PRIMARY KEY (id),
        CONSTRAINT listening_sessions_listener_key UNIQUE (shootout_id, listener),
        CONSTRAINT fk_listening_sessions_shootout_id_shootouts FOREIGN KEY(shootout_id)
            REFERENCES shootouts.shootouts (id) ON DELETE CASCADE
    )
    """,
    """
    CREATE TABLE shootouts.abx_sessions (
        id UUID NOT NULL,
        shootout_id UUID NOT NULL,
        job_id UUID NOT NULL,
        di_id UUID NOT NULL,
        listener TEXT NOT NULL,
        chains JSONB NOT NULL,
        secrets JSONB NOT NULL,
        answers JSONB NOT NULL,
        finished_at TIMESTAMP WITH TIME ZONE,
        created_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
        CONSTRAINT pk_abx_sessions PRIMARY KEY (id),
        CONSTRAINT fk_abx_sessions_shootout_id_shootouts FOREIGN KEY(shootout_id)
            REFERENCES shootouts.shootouts (id) ON DELETE CASCADE
    )
    """,
    """
    CREATE INDEX abx_sessions_shootout_idx ON shootouts.abx_sessions (shootout_id)
    """,
    """
    CREATE TABLE shootouts.listening_published (
        shootout_id UUID NOT NULL,
        published_at TIMESTAMP WITH TIME ZONE DEFAULT now() NOT NULL,
        CONSTRAINT pk_listening_published PRIMARY KEY (shootout_id),
        CONSTRAINT fk_listening_published_shootout_id_shootouts FOREIGN KEY(shootout_id)
            REFERENCES shootouts.shootouts (id) ON DELETE CASCADE
    )
    """,
]

upgrade, downgrade = sql_steps(
    STATEMENTS,
    [
        f"DROP TABLE IF EXISTS shootouts.{table}"
        for table in ("listening_published", "abx_sessions", "listening_sessions")
    ],
)
