"""activities and evaluation: submitted activities, ratings, a room's activity, reflections

Revision ID: 0013
Revises: 0012
"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "activity_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("stars", sa.Integer(), nullable=False),
        sa.Column("updated_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_activity_ratings_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_ratings")),
        sa.UniqueConstraint("slug", "user_id", name="uq_activity_rating"),
    )
    with op.batch_alter_table("activity_ratings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_activity_ratings_slug"), ["slug"], unique=False)
        batch_op.create_index(batch_op.f("ix_activity_ratings_user_id"), ["user_id"], unique=False)

    op.create_table(
        "submitted_activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("document", sa.JSON(), nullable=False),
        sa.Column("review_note", sa.Text(), nullable=False),
        sa.Column("reviewed_by", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_submitted_activities_author_id_users")),
        sa.ForeignKeyConstraint(["reviewed_by"], ["users.id"], name=op.f("fk_submitted_activities_reviewed_by_users")),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"], name=op.f("fk_submitted_activities_school_id_schools")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submitted_activities")),
        sa.UniqueConstraint("slug", name=op.f("uq_submitted_activities_slug")),
    )
    with op.batch_alter_table("submitted_activities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_submitted_activities_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_submitted_activities_school_id"), ["school_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_submitted_activities_status"), ["status"], unique=False)

    op.create_table(
        "reflections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("scale", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("held", sa.Boolean(), nullable=False),
        sa.Column("updated_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"], name=op.f("fk_reflections_room_id_rooms")),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"], name=op.f("fk_reflections_school_id_schools")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_reflections_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reflections")),
        sa.UniqueConstraint("room_id", "user_id", name="uq_reflection_room_user"),
    )
    with op.batch_alter_table("reflections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reflections_room_id"), ["room_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reflections_school_id"), ["school_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reflections_user_id"), ["user_id"], unique=False)

    op.create_table(
        "room_activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=100), nullable=False),
        sa.Column("attached_by", sa.Integer(), nullable=False),
        sa.Column("attached_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["attached_by"], ["users.id"], name=op.f("fk_room_activities_attached_by_users")),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"], name=op.f("fk_room_activities_room_id_rooms")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_room_activities")),
        sa.UniqueConstraint("room_id", name=op.f("uq_room_activities_room_id")),
    )
    with op.batch_alter_table("room_activities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_room_activities_slug"), ["slug"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("room_activities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_room_activities_slug"))

    op.drop_table("room_activities")
    with op.batch_alter_table("reflections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reflections_user_id"))
        batch_op.drop_index(batch_op.f("ix_reflections_school_id"))
        batch_op.drop_index(batch_op.f("ix_reflections_room_id"))

    op.drop_table("reflections")
    with op.batch_alter_table("submitted_activities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submitted_activities_status"))
        batch_op.drop_index(batch_op.f("ix_submitted_activities_school_id"))
        batch_op.drop_index(batch_op.f("ix_submitted_activities_author_id"))

    op.drop_table("submitted_activities")
    with op.batch_alter_table("activity_ratings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_ratings_user_id"))
        batch_op.drop_index(batch_op.f("ix_activity_ratings_slug"))

    op.drop_table("activity_ratings")
