"""showcase: a partnership's resources, exhibitions, their items and comments; teachers-only files

Revision ID: 0014
Revises: 0013
"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

UTC = exchange.storage.sql_base.UTCDateTime


def upgrade() -> None:
    with op.batch_alter_table("file_uploads", schema=None) as batch_op:
        batch_op.add_column(sa.Column("staff_only", sa.Boolean(), nullable=False, server_default=sa.false()))

    op.create_table(
        "partnership_resources",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=60), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column("file_id", sa.String(length=32), nullable=True),
        sa.Column("for_students", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.Column("removed_at", UTC(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_partnership_resources_author_id_users")),
        sa.ForeignKeyConstraint(
            ["file_id"], ["file_uploads.id"], name=op.f("fk_partnership_resources_file_id_file_uploads")
        ),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"], name=op.f("fk_partnership_resources_room_id_rooms")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnership_resources")),
    )
    with op.batch_alter_table("partnership_resources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partnership_resources_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_partnership_resources_room_id"), ["room_id"], unique=False)

    op.create_table(
        "exhibitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("curator_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("audience", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.Column("published_at", UTC(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["curator_id"], ["users.id"], name=op.f("fk_exhibitions_curator_id_users")),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"], name=op.f("fk_exhibitions_room_id_rooms")),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"], name=op.f("fk_exhibitions_school_id_schools")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exhibitions")),
    )
    with op.batch_alter_table("exhibitions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exhibitions_curator_id"), ["curator_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_exhibitions_room_id"), ["room_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_exhibitions_school_id"), ["school_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_exhibitions_status"), ["status"], unique=False)

    op.create_table(
        "exhibition_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exhibition_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("file_id", sa.String(length=32), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("caption", sa.String(length=300), nullable=False),
        sa.Column("shows_face", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("added_at", UTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_exhibition_items_author_id_users")),
        sa.ForeignKeyConstraint(
            ["exhibition_id"], ["exhibitions.id"], name=op.f("fk_exhibition_items_exhibition_id_exhibitions")
        ),
        sa.ForeignKeyConstraint(
            ["file_id"], ["file_uploads.id"], name=op.f("fk_exhibition_items_file_id_file_uploads")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exhibition_items")),
    )
    with op.batch_alter_table("exhibition_items", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exhibition_items_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_exhibition_items_exhibition_id"), ["exhibition_id"], unique=False)

    op.create_table(
        "exhibition_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exhibition_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("flag_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC(timezone=True), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", UTC(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_exhibition_comments_author_id_users")),
        sa.ForeignKeyConstraint(["decided_by"], ["users.id"], name=op.f("fk_exhibition_comments_decided_by_users")),
        sa.ForeignKeyConstraint(
            ["exhibition_id"], ["exhibitions.id"], name=op.f("fk_exhibition_comments_exhibition_id_exhibitions")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exhibition_comments")),
    )
    with op.batch_alter_table("exhibition_comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_exhibition_comments_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_exhibition_comments_exhibition_id"), ["exhibition_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_exhibition_comments_status"), ["status"], unique=False)


def downgrade() -> None:
    for table in ("exhibition_comments", "exhibition_items", "exhibitions", "partnership_resources"):
        op.drop_table(table)
    with op.batch_alter_table("file_uploads", schema=None) as batch_op:
        batch_op.drop_column("staff_only")
