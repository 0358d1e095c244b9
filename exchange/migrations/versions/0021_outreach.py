"""outreach

Revision ID: 0021
Revises: 0020
"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outreach_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sent_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("sender_id", sa.Integer(), nullable=True),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("audience", sa.String(length=12), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("recipient_id", sa.Integer(), nullable=True),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("read_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("replied_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"], name=op.f("fk_outreach_events_school_id_schools")),
        sa.ForeignKeyConstraint(["sender_id"], ["users.id"], name=op.f("fk_outreach_events_sender_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outreach_events")),
    )
    with op.batch_alter_table("outreach_events", schema=None) as batch_op:
        batch_op.create_index("ix_outreach_events_ref_recipient", ["ref", "recipient_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outreach_events_school_id"), ["school_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outreach_events_sent_at"), ["sent_at"], unique=False)

    # ### end Alembic commands ###


def downgrade() -> None:
    with op.batch_alter_table("outreach_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outreach_events_sent_at"))
        batch_op.drop_index(batch_op.f("ix_outreach_events_school_id"))
        batch_op.drop_index("ix_outreach_events_ref_recipient")

    op.drop_table("outreach_events")
    # ### end Alembic commands ###
