"""evaluation: a partnership's before and after surveys, and its quality rubric

Revision ID: 0015
Revises: 0014
"""

from alembic import op
import sqlalchemy as sa
import exchange.db


revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "survey_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("phase", sa.String(length=8), nullable=False),
        sa.Column("opened_by", sa.Integer(), nullable=False),
        sa.Column("opened_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["opened_by"], ["users.id"], name=op.f("fk_survey_rounds_opened_by_users")),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"], name=op.f("fk_survey_rounds_room_id_rooms")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_rounds")),
        sa.UniqueConstraint("room_id", "phase", name="uq_survey_round_room_phase"),
    )
    with op.batch_alter_table("survey_rounds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_rounds_room_id"), ["room_id"], unique=False)

    op.create_table(
        "survey_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=True),
        sa.Column("phase", sa.String(length=8), nullable=False),
        sa.Column("scales", sa.JSON(), nullable=False),
        sa.Column("texts", sa.JSON(), nullable=False),
        sa.Column("held", sa.Boolean(), nullable=False),
        sa.Column("answered_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"], name=op.f("fk_survey_answers_room_id_rooms")),
        sa.ForeignKeyConstraint(
            ["round_id"], ["survey_rounds.id"], name=op.f("fk_survey_answers_round_id_survey_rounds")
        ),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"], name=op.f("fk_survey_answers_school_id_schools")),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_survey_answers_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_survey_answers")),
        sa.UniqueConstraint("round_id", "user_id", name="uq_survey_answer_round_user"),
    )
    with op.batch_alter_table("survey_answers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_survey_answers_room_id"), ["room_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_answers_round_id"), ["round_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_answers_school_id"), ["school_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_survey_answers_user_id"), ["user_id"], unique=False)

    op.create_table(
        "rubric_assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("scores", sa.JSON(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("held", sa.Boolean(), nullable=False),
        sa.Column("label", sa.Boolean(), nullable=False),
        sa.Column("created_at", exchange.storage.sql_base.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"], name=op.f("fk_rubric_assessments_author_id_users")),
        sa.ForeignKeyConstraint(["room_id"], ["rooms.id"], name=op.f("fk_rubric_assessments_room_id_rooms")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rubric_assessments")),
    )
    with op.batch_alter_table("rubric_assessments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rubric_assessments_author_id"), ["author_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rubric_assessments_room_id"), ["room_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("rubric_assessments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rubric_assessments_room_id"))
        batch_op.drop_index(batch_op.f("ix_rubric_assessments_author_id"))

    op.drop_table("rubric_assessments")
    with op.batch_alter_table("survey_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_answers_user_id"))
        batch_op.drop_index(batch_op.f("ix_survey_answers_school_id"))
        batch_op.drop_index(batch_op.f("ix_survey_answers_round_id"))
        batch_op.drop_index(batch_op.f("ix_survey_answers_room_id"))

    op.drop_table("survey_answers")
    with op.batch_alter_table("survey_rounds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_survey_rounds_room_id"))

    op.drop_table("survey_rounds")
