"""paper_replies

Revision ID: 0022
Revises: 0021
"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "paper_replies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("guardian_id", sa.Integer(), nullable=True),
        sa.Column("slip_ref", sa.String(length=12), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("scope", sa.String(length=24), nullable=False),
        sa.Column("answer", sa.String(length=8), nullable=False),
        sa.Column("body", sa.String(length=1000), nullable=False),
        sa.Column("guardian_name", sa.String(length=200), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.Column("recorded_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["guardian_id"], ["users.id"], name=op.f("fk_paper_replies_guardian_id_users")),
        sa.ForeignKeyConstraint(["recorded_by"], ["users.id"], name=op.f("fk_paper_replies_recorded_by_users")),
        sa.ForeignKeyConstraint(["student_id"], ["users.id"], name=op.f("fk_paper_replies_student_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_paper_replies")),
    )
    with op.batch_alter_table("paper_replies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_paper_replies_student_id"), ["student_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("paper_replies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_paper_replies_student_id"))

    op.drop_table("paper_replies")
