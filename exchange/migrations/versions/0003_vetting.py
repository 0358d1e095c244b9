"""vetting tables

Revision ID: 0003
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "expert_profiles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("display_name", sa.String(length=80), nullable=False),
        sa.Column("organisation", sa.String(length=120), nullable=False),
        sa.Column("expertise", sa.String(length=200), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("bio", sa.Text(), nullable=False),
        sa.Column("code_of_conduct_version", sa.String(length=16), nullable=False),
        sa.Column("agreed_on", sa.Date(), nullable=False),
        sa.Column("created_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_expert_profiles_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expert_profiles")),
        sa.UniqueConstraint("user_id", name=op.f("uq_expert_profiles_user_id")),
    )
    op.create_table(
        "vetting_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("expert_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("state_changed_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("verified_since", exchange.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["expert_id"], ["users.id"], name=op.f("fk_vetting_records_expert_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vetting_records")),
    )
    with op.batch_alter_table("vetting_records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vetting_records_expert_id"), ["expert_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vetting_records_state"), ["state"], unique=False)

    op.create_table(
        "vetting_evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.Column("recorded_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"], ["vetting_records.id"], name=op.f("fk_vetting_evidence_record_id_vetting_records")
        ),
        sa.ForeignKeyConstraint(["recorded_by"], ["users.id"], name=op.f("fk_vetting_evidence_recorded_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vetting_evidence")),
    )
    with op.batch_alter_table("vetting_evidence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vetting_evidence_record_id"), ["record_id"], unique=False)

    op.create_table(
        "vetting_transitions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("before", sa.String(length=16), nullable=False),
        sa.Column("after", sa.String(length=16), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("actor_role", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"], name=op.f("fk_vetting_transitions_actor_id_users")),
        sa.ForeignKeyConstraint(
            ["record_id"], ["vetting_records.id"], name=op.f("fk_vetting_transitions_record_id_vetting_records")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vetting_transitions")),
    )
    with op.batch_alter_table("vetting_transitions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vetting_transitions_record_id"), ["record_id"], unique=False)

    op.create_table(
        "vetting_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.String(length=32), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("sent_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"], ["vetting_records.id"], name=op.f("fk_vetting_reminders_record_id_vetting_records")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vetting_reminders")),
        sa.UniqueConstraint(
            "record_id", "slot", "expires_on", name=op.f("uq_vetting_reminders_record_id_slot_expires_on")
        ),
    )
    with op.batch_alter_table("vetting_reminders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vetting_reminders_record_id"), ["record_id"], unique=False)

    op.create_table(
        "expert_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("expert_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=80), nullable=False),
        sa.Column("grade_bands", sa.JSON(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("length_minutes", sa.Integer(), nullable=False),
        sa.Column("availability", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["expert_id"], ["users.id"], name=op.f("fk_expert_offers_expert_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_expert_offers")),
    )
    with op.batch_alter_table("expert_offers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_expert_offers_expert_id"), ["expert_id"], unique=False)

    op.create_table(
        "visit_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("offer_id", sa.Integer(), nullable=False),
        sa.Column("teacher_id", sa.Integer(), nullable=False),
        sa.Column("class_id", sa.Integer(), nullable=False),
        sa.Column("proposed_start", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=True),
        sa.Column("created_at", exchange.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("decided_at", exchange.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["class_id"], ["classes.id"], name=op.f("fk_visit_requests_class_id_classes")),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["expert_offers.id"], name=op.f("fk_visit_requests_offer_id_expert_offers")
        ),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"], name=op.f("fk_visit_requests_room_id_rooms")),
        sa.ForeignKeyConstraint(["teacher_id"], ["users.id"], name=op.f("fk_visit_requests_teacher_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_requests")),
    )
    with op.batch_alter_table("visit_requests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_visit_requests_offer_id"), ["offer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_visit_requests_teacher_id"), ["teacher_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("visit_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_visit_requests_teacher_id"))
        batch_op.drop_index(batch_op.f("ix_visit_requests_offer_id"))
    op.drop_table("visit_requests")
    with op.batch_alter_table("expert_offers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_expert_offers_expert_id"))
    op.drop_table("expert_offers")
    with op.batch_alter_table("vetting_reminders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vetting_reminders_record_id"))
    op.drop_table("vetting_reminders")
    with op.batch_alter_table("vetting_transitions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vetting_transitions_record_id"))
    op.drop_table("vetting_transitions")
    with op.batch_alter_table("vetting_evidence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vetting_evidence_record_id"))
    op.drop_table("vetting_evidence")
    with op.batch_alter_table("vetting_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vetting_records_state"))
        batch_op.drop_index(batch_op.f("ix_vetting_records_expert_id"))
    op.drop_table("vetting_records")
    op.drop_table("expert_profiles")
