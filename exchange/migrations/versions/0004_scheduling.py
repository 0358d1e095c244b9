"""scheduling tables

Revision ID: 0004
Revises: 0003
"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exchange_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("organiser_id", sa.Integer(), nullable=False),
        sa.Column("organiser_class_id", sa.Integer(), nullable=False),
        sa.Column("partner_class_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("agenda", sa.Text(), nullable=False),
        sa.Column("cultural_prompt", sa.Text(), nullable=False),
        sa.Column("starts_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("awaiting", sa.String(length=16), nullable=True),
        sa.Column("series_id", sa.String(length=32), nullable=True),
        sa.Column("occurrence", sa.Integer(), nullable=False),
        sa.Column("series_size", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=True),
        sa.Column("created_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["organiser_id"], ["users.id"], name=op.f("fk_exchange_sessions_organiser_id_users")),
        sa.ForeignKeyConstraint(
            ["organiser_class_id"], ["classes.id"], name=op.f("fk_exchange_sessions_organiser_class_id_classes")
        ),
        sa.ForeignKeyConstraint(
            ["partner_class_id"], ["classes.id"], name=op.f("fk_exchange_sessions_partner_class_id_classes")
        ),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"], name=op.f("fk_exchange_sessions_room_id_rooms")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_sessions")),
    )
    with op.batch_alter_table("exchange_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exchange_sessions_organiser_id"), ["organiser_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_exchange_sessions_organiser_class_id"), ["organiser_class_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_exchange_sessions_partner_class_id"), ["partner_class_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_exchange_sessions_starts_at"), ["starts_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_exchange_sessions_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_exchange_sessions_series_id"), ["series_id"], unique=False)

    op.create_table(
        "session_proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("proposed_by", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=16), nullable=False),
        sa.Column("starts_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("created_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"], ["exchange_sessions.id"], name=op.f("fk_session_proposals_session_id_exchange_sessions")
        ),
        sa.ForeignKeyConstraint(["proposed_by"], ["users.id"], name=op.f("fk_session_proposals_proposed_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_proposals")),
    )
    with op.batch_alter_table("session_proposals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_proposals_session_id"), ["session_id"], unique=False)

    op.create_table(
        "session_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("sent_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"], ["exchange_sessions.id"], name=op.f("fk_session_reminders_session_id_exchange_sessions")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_session_reminders_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_reminders")),
        sa.UniqueConstraint(
            "session_id", "user_id", "channel", name=op.f("uq_session_reminders_session_id_user_id_channel")
        ),
    )
    with op.batch_alter_table("session_reminders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_reminders_session_id"), ["session_id"], unique=False)

    op.create_table(
        "calendar_feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_calendar_feeds_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_feeds")),
        sa.UniqueConstraint("user_id", name=op.f("uq_calendar_feeds_user_id")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_calendar_feeds_token_hash")),
    )


def downgrade() -> None:
    op.drop_table("calendar_feeds")
    with op.batch_alter_table("session_reminders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_reminders_session_id"))
    op.drop_table("session_reminders")
    with op.batch_alter_table("session_proposals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_proposals_session_id"))
    op.drop_table("session_proposals")
    with op.batch_alter_table("exchange_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_exchange_sessions_series_id"))
        batch_op.drop_index(batch_op.f("ix_exchange_sessions_status"))
        batch_op.drop_index(batch_op.f("ix_exchange_sessions_starts_at"))
        batch_op.drop_index(batch_op.f("ix_exchange_sessions_partner_class_id"))
        batch_op.drop_index(batch_op.f("ix_exchange_sessions_organiser_class_id"))
        batch_op.drop_index(batch_op.f("ix_exchange_sessions_organiser_id"))
    op.drop_table("exchange_sessions")
