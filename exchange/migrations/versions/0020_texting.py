"""texting

Revision ID: 0020
Revises: 0019
"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "guardian_phones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guardian_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=16), nullable=False),
        sa.Column("verified", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("created_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["guardian_id"], ["users.id"], name=op.f("fk_guardian_phones_guardian_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guardian_phones")),
        sa.UniqueConstraint("guardian_id", name=op.f("uq_guardian_phones_guardian_id")),
    )
    with op.batch_alter_table("guardian_phones", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_guardian_phones_number"), ["number"], unique=False)

    op.create_table(
        "text_consent_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=24), nullable=False),
        sa.Column("guardian_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("wrong_codes", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_text_consent_requests_created_by_users")),
        sa.ForeignKeyConstraint(["guardian_id"], ["users.id"], name=op.f("fk_text_consent_requests_guardian_id_users")),
        sa.ForeignKeyConstraint(["student_id"], ["users.id"], name=op.f("fk_text_consent_requests_student_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_text_consent_requests")),
    )
    with op.batch_alter_table("text_consent_requests", schema=None) as batch_op:
        batch_op.create_index("ix_text_consent_requests_guardian_open", ["guardian_id", "used_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_text_consent_requests_student_id"), ["student_id"], unique=False)

    op.create_table(
        "inbound_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("from_number", sa.String(length=16), nullable=False),
        sa.Column("guardian_id", sa.Integer(), nullable=True),
        sa.Column("student_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.String(length=480), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=True),
        sa.Column("received_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.ForeignKeyConstraint(["guardian_id"], ["users.id"], name=op.f("fk_inbound_texts_guardian_id_users")),
        sa.ForeignKeyConstraint(
            ["request_id"], ["text_consent_requests.id"], name=op.f("fk_inbound_texts_request_id_text_consent_requests")
        ),
        sa.ForeignKeyConstraint(["student_id"], ["users.id"], name=op.f("fk_inbound_texts_student_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_texts")),
    )
    with op.batch_alter_table("inbound_texts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inbound_texts_guardian_id"), ["guardian_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_inbound_texts_student_id"), ["student_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("inbound_texts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inbound_texts_student_id"))
        batch_op.drop_index(batch_op.f("ix_inbound_texts_guardian_id"))

    op.drop_table("inbound_texts")
    with op.batch_alter_table("text_consent_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_text_consent_requests_student_id"))
        batch_op.drop_index("ix_text_consent_requests_guardian_open")

    op.drop_table("text_consent_requests")
    with op.batch_alter_table("guardian_phones", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guardian_phones_number"))

    op.drop_table("guardian_phones")
