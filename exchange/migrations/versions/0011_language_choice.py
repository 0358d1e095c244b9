"""language choice: an empty profile locale means "not chosen" (browser, then school, decide)

Until now every account was created with locale "en" and nobody could choose another, so
"en" was never a choice: it becomes empty, and the reader's browser decides.

Revision ID: 0011
Revises: 0010

"""

from alembic import op


revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE users SET locale = '' WHERE locale = 'en'")


def downgrade() -> None:
    op.execute("UPDATE users SET locale = 'en' WHERE locale = ''")
