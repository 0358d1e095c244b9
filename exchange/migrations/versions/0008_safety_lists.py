"""safety lists: moderators' allow and deny entries, per school or platform-wide

Revision ID: 0008
Revises: 0007

"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "safety_list_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("phrase", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("flag_id", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("undone_at", exchange.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("undone_by", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_safety_list_entries")),
    )
    with op.batch_alter_table("safety_list_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_safety_list_entries_flag_id"), ["flag_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_safety_list_entries_school_id"), ["school_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_safety_list_entries_undone_at"), ["undone_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("safety_list_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_safety_list_entries_undone_at"))
        batch_op.drop_index(batch_op.f("ix_safety_list_entries_school_id"))
        batch_op.drop_index(batch_op.f("ix_safety_list_entries_flag_id"))

    op.drop_table("safety_list_entries")
