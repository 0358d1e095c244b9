"""security: logins, live sockets, flag idempotency, audit schools

Revision ID: 0007
Revises: 0006

"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "live_sockets",
        sa.Column("sid", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("login_session_id", sa.Integer(), nullable=True),
        sa.Column("server_id", sa.String(length=64), nullable=False),
        sa.Column("connected_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sid", name=op.f("pk_live_sockets")),
    )
    with op.batch_alter_table("live_sockets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_live_sockets_login_session_id"), ["login_session_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_live_sockets_server_id"), ["server_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_live_sockets_user_id"), ["user_id"], unique=False)

    op.create_table(
        "login_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", exchange.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_login_sessions_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_sessions")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_login_sessions_token_hash")),
    )
    with op.batch_alter_table("login_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_login_sessions_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("school_ids", sa.JSON(none_as_null=True), nullable=True))

    with op.batch_alter_table("flags", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f("uq_flags_room_id_author_id_client_msg_id"), ["room_id", "author_id", "client_msg_id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("flags", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_flags_room_id_author_id_client_msg_id"), type_="unique")

    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("school_ids")

    with op.batch_alter_table("login_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_sessions_user_id"))

    op.drop_table("login_sessions")
    with op.batch_alter_table("live_sockets", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_live_sockets_user_id"))
        batch_op.drop_index(batch_op.f("ix_live_sockets_server_id"))
        batch_op.drop_index(batch_op.f("ix_live_sockets_login_session_id"))

    op.drop_table("live_sockets")
