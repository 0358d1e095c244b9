"""awareness

Revision ID: 0023
Revises: 0022
"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "awareness_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=8), nullable=False),
        sa.Column("audience", sa.String(length=12), nullable=False),
        sa.Column("school_ids", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("scales", sa.JSON(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("answered_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_awareness_answers_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_awareness_answers")),
        sa.UniqueConstraint("user_id", "term", name="uq_awareness_answer_user_term"),
    )
    with op.batch_alter_table("awareness_answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_awareness_answers_term"), ["term"], unique=False)
        batch_op.create_index(batch_op.f("ix_awareness_answers_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("awareness_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_awareness_answers_user_id"))
        batch_op.drop_index(batch_op.f("ix_awareness_answers_term"))

    op.drop_table("awareness_answers")
