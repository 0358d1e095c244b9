"""branding: the district's brand (one row)

Revision ID: 0016
Revises: 0015
"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "brands",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("tagline", sa.String(length=200), nullable=False),
        sa.Column("footer", sa.Text(), nullable=False),
        sa.Column("primary", sa.String(length=7), nullable=False),
        sa.Column("accent", sa.String(length=7), nullable=False),
        sa.Column("logo_blob_id", sa.String(length=64), nullable=True),
        sa.Column("logo_mime", sa.String(length=100), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"], name=op.f("fk_brands_updated_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_brands")),
    )


def downgrade() -> None:
    op.drop_table("brands")
