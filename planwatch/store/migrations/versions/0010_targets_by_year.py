"""Targets found by year (the status of a year, the targets of an indicator year by year).

Revision ID: 0010
Revises: 0009
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_targets_year", "targets", ["year"])


def downgrade() -> None:
    op.drop_index("ix_targets_year", table_name="targets")
