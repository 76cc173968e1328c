"""Months closed by the Planning Department.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "period_locks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("month", sa.String(length=7), nullable=False, unique=True),
        sa.Column("locked_by", sa.String(length=100), nullable=False),
        sa.Column("locked_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("period_locks")
