"""partners: organisations, their evidence, opportunities, learners' requests

Revision ID: 0017
Revises: 0016
"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("mission", sa.Text(), nullable=False),
        sa.Column("offers", sa.Text(), nullable=False),
        sa.Column("website", sa.String(length=200), nullable=False),
        sa.Column("contact_email", sa.String(length=254), nullable=False),
        sa.Column("contact_phone", sa.String(length=32), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("regions", sa.JSON(), nullable=False),
        sa.Column("logo_blob_id", sa.String(length=64), nullable=True),
        sa.Column("logo_mime", sa.String(length=100), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("state_reason", sa.Text(), nullable=False),
        sa.Column("verified_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("verified_by", sa.Integer(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_organisations_created_by_users")),
        sa.ForeignKeyConstraint(["verified_by"], ["users.id"], name=op.f("fk_organisations_verified_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisations")),
        sa.UniqueConstraint("name", name=op.f("uq_organisations_name")),
    )
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisations_state"), ["state"], unique=False)

    op.create_table(
        "opportunities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("title", sa.String(length=120), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("learning", sa.Text(), nullable=False),
        sa.Column("grade_bands", sa.JSON(), nullable=False),
        sa.Column("min_age", sa.Integer(), nullable=True),
        sa.Column("school_ids", sa.JSON(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("supervisor", sa.String(length=120), nullable=False),
        sa.Column("ratio_adults", sa.Integer(), nullable=False),
        sa.Column("ratio_students", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_opportunities_created_by_users")),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisations.id"], name=op.f("fk_opportunities_organisation_id_organisations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunities")),
    )
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_opportunities_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_opportunities_state"), ["state"], unique=False)

    op.create_table(
        "organisation_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.Integer(), nullable=True),
        sa.Column("recorded_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_organisation_evidence_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(["recorded_by"], ["users.id"], name=op.f("fk_organisation_evidence_recorded_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_evidence")),
    )
    with op.batch_alter_table("organisation_evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisation_evidence_organisation_id"), ["organisation_id"], unique=False)

    op.create_table(
        "organisation_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("created_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_organisation_members_organisation_id_organisations"),
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_organisation_members_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_members")),
        sa.UniqueConstraint("organisation_id", "user_id", name=op.f("uq_organisation_members_organisation_id_user_id")),
    )
    with op.batch_alter_table("organisation_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_organisation_members_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_organisation_members_user_id"), ["user_id"], unique=False)

    op.create_table(
        "organisation_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("sent_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_organisation_reminders_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisation_reminders")),
        sa.UniqueConstraint(
            "organisation_id",
            "kind",
            "expires_on",
            name=op.f("uq_organisation_reminders_organisation_id_kind_expires_on"),
        ),
    )
    with op.batch_alter_table("organisation_reminders", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisation_reminders_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "opportunity_interests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("endorsed_by", sa.Integer(), nullable=True),
        sa.Column("endorsed_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("consent_by", sa.Integer(), nullable=True),
        sa.Column("consent_method", sa.String(length=8), nullable=False),
        sa.Column("consent_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["class_id"], ["classes.id"], name=op.f("fk_opportunity_interests_class_id_classes")),
        sa.ForeignKeyConstraint(["consent_by"], ["users.id"], name=op.f("fk_opportunity_interests_consent_by_users")),
        sa.ForeignKeyConstraint(["decided_by"], ["users.id"], name=op.f("fk_opportunity_interests_decided_by_users")),
        sa.ForeignKeyConstraint(["endorsed_by"], ["users.id"], name=op.f("fk_opportunity_interests_endorsed_by_users")),
        sa.ForeignKeyConstraint(
            ["opportunity_id"], ["opportunities.id"], name=op.f("fk_opportunity_interests_opportunity_id_opportunities")
        ),
        sa.ForeignKeyConstraint(["student_id"], ["users.id"], name=op.f("fk_opportunity_interests_student_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunity_interests")),
        sa.UniqueConstraint(
            "opportunity_id", "student_id", name=op.f("uq_opportunity_interests_opportunity_id_student_id")
        ),
    )
    with op.batch_alter_table("opportunity_interests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_opportunity_interests_opportunity_id"), ["opportunity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_opportunity_interests_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_opportunity_interests_student_id"), ["student_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("opportunity_interests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunity_interests_student_id"))
        batch_op.drop_index(batch_op.f("ix_opportunity_interests_state"))
        batch_op.drop_index(batch_op.f("ix_opportunity_interests_opportunity_id"))

    op.drop_table("opportunity_interests")
    with op.batch_alter_table("organisation_reminders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_reminders_organisation_id"))

    op.drop_table("organisation_reminders")
    with op.batch_alter_table("organisation_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_members_user_id"))
        batch_op.drop_index(batch_op.f("ix_organisation_members_organisation_id"))

    op.drop_table("organisation_members")
    with op.batch_alter_table("organisation_evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisation_evidence_organisation_id"))

    op.drop_table("organisation_evidence")
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_opportunities_state"))
        batch_op.drop_index(batch_op.f("ix_opportunities_organisation_id"))

    op.drop_table("opportunities")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_organisations_state"))

    op.drop_table("organisations")
