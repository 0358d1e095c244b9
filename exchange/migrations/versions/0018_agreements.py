"""agreements: memoranda of understanding, their versions and signatures, renewal reminders, steering notes

Revision ID: 0018
Revises: 0017
"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "agreements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("partner_school_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("renew_on", sa.Date(), nullable=False),
        sa.Column("current_version", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ended_by", sa.Integer(), nullable=True),
        sa.Column("ended_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_agreements_created_by_users")),
        sa.ForeignKeyConstraint(["ended_by"], ["users.id"], name=op.f("fk_agreements_ended_by_users")),
        sa.ForeignKeyConstraint(
            ["organisation_id"], ["organisations.id"], name=op.f("fk_agreements_organisation_id_organisations")
        ),
        sa.ForeignKeyConstraint(
            ["partner_school_id"], ["schools.id"], name=op.f("fk_agreements_partner_school_id_schools")
        ),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"], name=op.f("fk_agreements_school_id_schools")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreements")),
    )
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreements_organisation_id"), ["organisation_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreements_partner_school_id"), ["partner_school_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreements_renew_on"), ["renew_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreements_school_id"), ["school_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreements_state"), ["state"], unique=False)

    op.create_table(
        "agreement_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.Integer(), nullable=False),
        sa.Column("renew_on", sa.Date(), nullable=False),
        sa.Column("sent_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreements.id"], name=op.f("fk_agreement_reminders_agreement_id_agreements")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_reminders")),
        sa.UniqueConstraint(
            "agreement_id", "slot", "renew_on", name=op.f("uq_agreement_reminders_agreement_id_slot_renew_on")
        ),
    )
    with op.batch_alter_table("agreement_reminders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_reminders_agreement_id"), ["agreement_id"], unique=False)

    op.create_table(
        "agreement_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("renew_on", sa.Date(), nullable=False),
        sa.Column("goals", sa.Text(), nullable=False),
        sa.Column("roles", sa.Text(), nullable=False),
        sa.Column("contacts", sa.Text(), nullable=False),
        sa.Column("data_sharing", sa.JSON(), nullable=False),
        sa.Column("safeguarding", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreements.id"], name=op.f("fk_agreement_versions_agreement_id_agreements")
        ),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_agreement_versions_created_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_versions")),
        sa.UniqueConstraint("agreement_id", "number", name=op.f("uq_agreement_versions_agreement_id_number")),
    )
    with op.batch_alter_table("agreement_versions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_versions_agreement_id"), ["agreement_id"], unique=False)

    op.create_table(
        "partnership_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreements.id"], name=op.f("fk_partnership_notes_agreement_id_agreements")
        ),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_partnership_notes_author_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnership_notes")),
    )
    with op.batch_alter_table("partnership_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partnership_notes_agreement_id"), ["agreement_id"], unique=False)

    op.create_table(
        "agreement_signatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("role_title", sa.String(length=120), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"], ["agreements.id"], name=op.f("fk_agreement_signatures_agreement_id_agreements")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_agreement_signatures_user_id_users")),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["agreement_versions.id"],
            name=op.f("fk_agreement_signatures_version_id_agreement_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_signatures")),
        sa.UniqueConstraint("version_id", "side", name=op.f("uq_agreement_signatures_version_id_side")),
    )
    with op.batch_alter_table("agreement_signatures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_signatures_agreement_id"), ["agreement_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_signatures_version_id"), ["version_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("agreement_signatures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_signatures_version_id"))
        batch_op.drop_index(batch_op.f("ix_agreement_signatures_agreement_id"))

    op.drop_table("agreement_signatures")
    with op.batch_alter_table("partnership_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partnership_notes_agreement_id"))

    op.drop_table("partnership_notes")
    with op.batch_alter_table("agreement_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_versions_agreement_id"))

    op.drop_table("agreement_versions")
    with op.batch_alter_table("agreement_reminders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_reminders_agreement_id"))

    op.drop_table("agreement_reminders")
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreements_state"))
        batch_op.drop_index(batch_op.f("ix_agreements_school_id"))
        batch_op.drop_index(batch_op.f("ix_agreements_renew_on"))
        batch_op.drop_index(batch_op.f("ix_agreements_partner_school_id"))
        batch_op.drop_index(batch_op.f("ix_agreements_organisation_id"))

    op.drop_table("agreements")
