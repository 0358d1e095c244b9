"""guardians tables

Revision ID: 0006
Revises: 0005
"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "guardian_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guardian_user_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(length=40), nullable=False),
        sa.Column("invited_by", sa.Integer(), nullable=True),
        sa.Column("created_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["guardian_user_id"], ["users.id"], name=op.f("fk_guardian_links_guardian_user_id_users")
        ),
        sa.ForeignKeyConstraint(["invited_by"], ["users.id"], name=op.f("fk_guardian_links_invited_by_users")),
        sa.ForeignKeyConstraint(["student_id"], ["users.id"], name=op.f("fk_guardian_links_student_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guardian_links")),
        sa.UniqueConstraint(
            "guardian_user_id", "student_id", name=op.f("uq_guardian_links_guardian_user_id_student_id")
        ),
    )
    with op.batch_alter_table("guardian_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_guardian_links_guardian_user_id"), ["guardian_user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_guardian_links_student_id"), ["student_id"], unique=False)

    op.create_table(
        "guardian_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("used_at", exchange.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("used_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_guardian_invitations_created_by_users")),
        sa.ForeignKeyConstraint(["student_id"], ["users.id"], name=op.f("fk_guardian_invitations_student_id_users")),
        sa.ForeignKeyConstraint(["used_by"], ["users.id"], name=op.f("fk_guardian_invitations_used_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guardian_invitations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_guardian_invitations_token_hash")),
    )
    with op.batch_alter_table("guardian_invitations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_guardian_invitations_student_id"), ["student_id"], unique=False)

    op.create_table(
        "consents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(length=24), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("given_by", sa.Integer(), nullable=False),
        sa.Column("guardian_name", sa.String(length=160), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=True),
        sa.Column("recorded_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", exchange.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("withdrawn_by", sa.Integer(), nullable=True),
        sa.Column("withdrawn_method", sa.String(length=8), nullable=True),
        sa.ForeignKeyConstraint(["given_by"], ["users.id"], name=op.f("fk_consents_given_by_users")),
        sa.ForeignKeyConstraint(["student_id"], ["users.id"], name=op.f("fk_consents_student_id_users")),
        sa.ForeignKeyConstraint(["withdrawn_by"], ["users.id"], name=op.f("fk_consents_withdrawn_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consents")),
    )
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.create_index("ix_consents_student_id_scope", ["student_id", "scope"], unique=False)

    op.create_table(
        "deletion_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("requested_by", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", exchange.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["decided_by"], ["users.id"], name=op.f("fk_deletion_requests_decided_by_users")),
        sa.ForeignKeyConstraint(["requested_by"], ["users.id"], name=op.f("fk_deletion_requests_requested_by_users")),
        sa.ForeignKeyConstraint(["student_id"], ["users.id"], name=op.f("fk_deletion_requests_student_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deletion_requests")),
    )
    with op.batch_alter_table("deletion_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_deletion_requests_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_deletion_requests_student_id"), ["student_id"], unique=False)

    op.create_table(
        "retention_policies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("days_after_term", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"], name=op.f("fk_retention_policies_school_id_schools")),
        sa.ForeignKeyConstraint(["updated_by"], ["users.id"], name=op.f("fk_retention_policies_updated_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_policies")),
        sa.UniqueConstraint("school_id", name=op.f("uq_retention_policies_school_id")),
    )

    op.create_table(
        "retention_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ran_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("as_of", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("rooms", sa.Integer(), nullable=False),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.Column("files", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name=op.f("fk_retention_runs_actor_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_runs")),
    )


def downgrade() -> None:
    op.drop_table("retention_runs")
    op.drop_table("retention_policies")
    with op.batch_alter_table("deletion_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deletion_requests_student_id"))
        batch_op.drop_index(batch_op.f("ix_deletion_requests_status"))
    op.drop_table("deletion_requests")
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_index("ix_consents_student_id_scope")
    op.drop_table("consents")
    with op.batch_alter_table("guardian_invitations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guardian_invitations_student_id"))
    op.drop_table("guardian_invitations")
    with op.batch_alter_table("guardian_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_guardian_links_student_id"))
        batch_op.drop_index(batch_op.f("ix_guardian_links_guardian_user_id"))
    op.drop_table("guardian_links")
