"""family_messages

Revision ID: 0024
Revises: 0023
"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "family_threads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("guardian_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("created_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("concern_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("concern_by", sa.Integer(), nullable=True),
        sa.Column("concern_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["concern_by"], ["users.id"], name=op.f("fk_family_threads_concern_by_users")),
        sa.ForeignKeyConstraint(["guardian_id"], ["users.id"], name=op.f("fk_family_threads_guardian_id_users")),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"], name=op.f("fk_family_threads_school_id_schools")),
        sa.ForeignKeyConstraint(["student_id"], ["users.id"], name=op.f("fk_family_threads_student_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_threads")),
        sa.UniqueConstraint("student_id", "guardian_id", name=op.f("uq_family_threads_student_id_guardian_id")),
    )
    with op.batch_alter_table("family_threads", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_family_threads_guardian_id"), ["guardian_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_family_threads_school_id"), ["school_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_family_threads_student_id"), ["student_id"], unique=False)

    op.create_table(
        "staff_availability",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.String(length=300), nullable=False),
        sa.Column("updated_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_staff_availability_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff_availability")),
        sa.UniqueConstraint("user_id", name=op.f("uq_staff_availability_user_id")),
    )
    op.create_table(
        "announcements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=160), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_announcements_author_id_users")),
        sa.ForeignKeyConstraint(["class_id"], ["classes.id"], name=op.f("fk_announcements_class_id_classes")),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"], name=op.f("fk_announcements_school_id_schools")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcements")),
    )
    with op.batch_alter_table("announcements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_announcements_class_id"), ["class_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_announcements_school_id"), ["school_id"], unique=False)

    op.create_table(
        "family_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=8), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("created_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("read_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("read_by", sa.Integer(), nullable=True),
        sa.Column("attachment_blob", sa.String(length=80), nullable=True),
        sa.Column("attachment_name", sa.String(length=200), nullable=False),
        sa.Column("attachment_mime", sa.String(length=80), nullable=False),
        sa.Column("attachment_size", sa.Integer(), nullable=False),
        sa.Column("flagged", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_family_messages_author_id_users")),
        sa.ForeignKeyConstraint(["read_by"], ["users.id"], name=op.f("fk_family_messages_read_by_users")),
        sa.ForeignKeyConstraint(
            ["thread_id"], ["family_threads.id"], name=op.f("fk_family_messages_thread_id_family_threads")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_family_messages")),
    )
    with op.batch_alter_table("family_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_family_messages_thread_id"), ["thread_id"], unique=False)

    op.create_table(
        "announcement_deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("announcement_id", sa.Integer(), nullable=False),
        sa.Column("guardian_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("read_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["announcement_id"],
            ["announcements.id"],
            name=op.f("fk_announcement_deliveries_announcement_id_announcements"),
        ),
        sa.ForeignKeyConstraint(
            ["guardian_id"], ["users.id"], name=op.f("fk_announcement_deliveries_guardian_id_users")
        ),
        sa.ForeignKeyConstraint(["student_id"], ["users.id"], name=op.f("fk_announcement_deliveries_student_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_announcement_deliveries")),
        sa.UniqueConstraint(
            "announcement_id", "guardian_id", name=op.f("uq_announcement_deliveries_announcement_id_guardian_id")
        ),
    )
    with op.batch_alter_table("announcement_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_announcement_deliveries_announcement_id"), ["announcement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_announcement_deliveries_guardian_id"), ["guardian_id"], unique=False)

    # ### end Alembic commands ###


def downgrade() -> None:
    with op.batch_alter_table("announcement_deliveries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_announcement_deliveries_guardian_id"))
        batch_op.drop_index(batch_op.f("ix_announcement_deliveries_announcement_id"))

    op.drop_table("announcement_deliveries")
    with op.batch_alter_table("family_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_messages_thread_id"))

    op.drop_table("family_messages")
    with op.batch_alter_table("announcements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_announcements_school_id"))
        batch_op.drop_index(batch_op.f("ix_announcements_class_id"))

    op.drop_table("announcements")
    op.drop_table("staff_availability")
    with op.batch_alter_table("family_threads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_family_threads_student_id"))
        batch_op.drop_index(batch_op.f("ix_family_threads_school_id"))
        batch_op.drop_index(batch_op.f("ix_family_threads_guardian_id"))

    op.drop_table("family_threads")
    # ### end Alembic commands ###
