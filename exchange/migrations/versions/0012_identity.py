"""identity: sign-in providers of schools (OpenID Connect), identities linked to accounts, roster records (OneRoster)

Revision ID: 0012
Revises: 0011
"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "roster_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("sourced_id", sa.String(length=255), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"], name=op.f("fk_roster_records_school_id_schools")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roster_records")),
        sa.UniqueConstraint("school_id", "kind", "sourced_id", name="uq_roster_record"),
    )
    with op.batch_alter_table("roster_records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_roster_records_school_id"), ["school_id"], unique=False)

    op.create_table(
        "sign_in_providers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("issuer", sa.String(length=400), nullable=False),
        sa.Column("client_id", sa.String(length=400), nullable=False),
        sa.Column("client_secret_encrypted", sa.Text(), nullable=False),
        sa.Column("allowed_domains", sa.JSON(), nullable=False),
        sa.Column("role_rule", sa.String(length=16), nullable=False),
        sa.Column("role_claim", sa.String(length=80), nullable=False),
        sa.Column("fixed_role", sa.String(length=16), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["created_by"], ["users.id"], name=op.f("fk_sign_in_providers_created_by_users")),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"], name=op.f("fk_sign_in_providers_school_id_schools")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_providers")),
    )
    with op.batch_alter_table("sign_in_providers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sign_in_providers_school_id"), ["school_id"], unique=False)

    op.create_table(
        "external_identities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider_id", sa.Integer(), nullable=False),
        sa.Column("subject", sa.String(length=255), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("linked_by", sa.String(length=16), nullable=False),
        sa.Column("created_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_sign_in_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["sign_in_providers.id"], name=op.f("fk_external_identities_provider_id_sign_in_providers")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_external_identities_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_external_identities")),
        sa.UniqueConstraint("provider_id", "subject", name="uq_external_identity_subject"),
    )
    with op.batch_alter_table("external_identities", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_external_identities_provider_id"), ["provider_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_external_identities_user_id"), ["user_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("external_identities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_external_identities_user_id"))
        batch_op.drop_index(batch_op.f("ix_external_identities_provider_id"))

    op.drop_table("external_identities")
    with op.batch_alter_table("sign_in_providers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sign_in_providers_school_id"))

    op.drop_table("sign_in_providers")
    with op.batch_alter_table("roster_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_roster_records_school_id"))

    op.drop_table("roster_records")
