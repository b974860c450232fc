"""Gear items and the blobs they reference."""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql as pg

revision = "0002"
down_revision = "0001"

SCHEMA = "catalog"


def upgrade() -> None:
    op.create_table(
        "gear_blobs",
        sa.Column("sha256", sa.Text, primary_key=True),
        sa.Column("size_bytes", sa.BigInteger, nullable=False),
        sa.Column("format", sa.Text, nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        schema=SCHEMA,
    )
    op.create_table(
        "gear_items",
        sa.Column("id", pg.UUID(as_uuid=True), primary_key=True),
        sa.Column("owner_id", pg.UUID(as_uuid=True), nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("format", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("make", sa.Text),
        sa.Column("model", sa.Text),
        sa.Column("tags", pg.ARRAY(sa.Text), nullable=False, server_default=sa.text("'{}'")),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("favourite", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("filename", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("tone3000", pg.JSONB),
        sa.Column("sha256", sa.Text, nullable=False),
        sa.Column("size_bytes", sa.BigInteger, nullable=False),
        sa.Column("architecture", sa.Text),
        sa.Column("size_preset", sa.Text),
        sa.Column("sample_rate", sa.Integer, nullable=False),
        sa.Column("receptive_field", sa.Integer),
        sa.Column("nam_metadata", pg.JSONB),
        sa.Column("channels", sa.Integer),
        sa.Column("duration_seconds", sa.Float),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.UniqueConstraint("owner_id", "sha256", name="gear_items_owner_sha256_key"),
        sa.CheckConstraint(
            "kind IN ('amp', 'amp-cab', 'pedal', 'outboard', 'cab-ir')", name="gear_items_kind"
        ),
        sa.CheckConstraint("format IN ('nam', 'ir')", name="gear_items_format"),
        sa.CheckConstraint("source IN ('upload', 'tone3000')", name="gear_items_source"),
        schema=SCHEMA,
    )
    op.create_index(
        "gear_items_owner_created_idx", "gear_items", ["owner_id", "created_at"], schema=SCHEMA
    )
    op.create_index("gear_items_sha256_idx", "gear_items", ["sha256"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_table("gear_items", schema=SCHEMA)
    op.drop_table("gear_blobs", schema=SCHEMA)
