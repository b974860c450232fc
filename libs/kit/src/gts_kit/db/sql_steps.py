"""A migration's steps as plain SQL statements, for changes that need nothing else. A
service's migration names its revision and lists its statements:

    revision = "0005"
    down_revision = "0004"
    upgrade, downgrade = sql_steps(
        ["ALTER TABLE catalog.gear_items ADD COLUMN IF NOT EXISTS submodels JSONB"],
        ["ALTER TABLE catalog.gear_items DROP COLUMN IF EXISTS submodels"],
    )
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from alembic import op

Step = Callable[[], None]


def sql_steps(upgrade: Sequence[str], downgrade: Sequence[str]) -> tuple[Step, Step]:
    """(upgrade, downgrade): each runs its statements in order."""

    def run(statements: Sequence[str]) -> Step:
        def step() -> None:
            for statement in statements:
                op.execute(statement)

        return step

    return run(upgrade), run(downgrade)
