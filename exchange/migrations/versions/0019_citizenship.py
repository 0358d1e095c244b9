"""citizenship

Revision ID: 0019
Revises: 0018
"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "citizenship_pledges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("band", sa.String(length=8), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("answers_right", sa.Integer(), nullable=False),
        sa.Column("pledged_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["student_id"], ["users.id"], name=op.f("fk_citizenship_pledges_student_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_citizenship_pledges")),
        sa.UniqueConstraint("student_id", "version", name=op.f("uq_citizenship_pledges_student_id_version")),
    )
    with op.batch_alter_table("citizenship_pledges", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_citizenship_pledges_student_id"), ["student_id"], unique=False)

    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.add_column(sa.Column("requires_citizenship", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.drop_column("requires_citizenship")

    with op.batch_alter_table("citizenship_pledges", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_citizenship_pledges_student_id"))

    op.drop_table("citizenship_pledges")
