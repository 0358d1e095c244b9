"""files tables

Revision ID: 0005
Revises: 0004
"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "file_uploads",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("uploader_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=True),
        sa.Column("blob_id", sa.String(length=64), nullable=True),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("mime", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("width", sa.Integer(), nullable=True),
        sa.Column("height", sa.Integer(), nullable=True),
        sa.Column("stripped", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", exchange.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["class_id"], ["classes.id"], name="fk_file_uploads_class_id_classes"),
        sa.ForeignKeyConstraint(["decided_by"], ["users.id"], name="fk_file_uploads_decided_by_users"),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"], name="fk_file_uploads_room_id_rooms"),
        sa.ForeignKeyConstraint(["uploader_id"], ["users.id"], name="fk_file_uploads_uploader_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_file_uploads"),
    )
    with op.batch_alter_table("file_uploads", schema=None) as batch_op:
        batch_op.create_index("ix_file_uploads_class_id", ["class_id"], unique=False)
        batch_op.create_index("ix_file_uploads_created_at", ["created_at"], unique=False)
        batch_op.create_index("ix_file_uploads_room_id", ["room_id"], unique=False)
        batch_op.create_index("ix_file_uploads_status", ["status"], unique=False)
        batch_op.create_index("ix_file_uploads_uploader_id", ["uploader_id"], unique=False)

    op.create_table(
        "room_file_policies",
        sa.Column("room_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("student_files_need_approval", sa.Boolean(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"], name="fk_room_file_policies_room_id_rooms"),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"], name="fk_room_file_policies_updated_by_users"),
        sa.PrimaryKeyConstraint("room_id", name="pk_room_file_policies"),
    )


def downgrade() -> None:
    op.drop_table("room_file_policies")
    with op.batch_alter_table("file_uploads", schema=None) as batch_op:
        batch_op.drop_index("ix_file_uploads_uploader_id")
        batch_op.drop_index("ix_file_uploads_status")
        batch_op.drop_index("ix_file_uploads_room_id")
        batch_op.drop_index("ix_file_uploads_created_at")
        batch_op.drop_index("ix_file_uploads_class_id")
    op.drop_table("file_uploads")
