"""Consistency findings kept in the store per scope (a province), with the marks of writes that made a scope's
findings stale: the checks run for what an ingest or an edit touched, not for the whole store on a request.
A store migrated with documents has no checked scope yet, so its findings are computed on first use.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("scope", sa.String(length=100), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("severity", sa.String(length=20), nullable=False),
        sa.Column("severity_rank", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.Text(), nullable=False),
        sa.Column("period", sa.String(length=20), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("message_en", sa.Text(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
    )
    op.create_index("ix_findings_scope_order", "findings", ["scope", "severity_rank", "indicator", "period", "id"])
    op.create_table(
        "checked_scopes",
        sa.Column("scope", sa.String(length=100), primary_key=True),
        sa.Column("whole", sa.Boolean(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "stale_scopes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("scope", sa.String(length=100), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("stale_scopes")
    op.drop_table("checked_scopes")
    op.drop_index("ix_findings_scope_order", table_name="findings")
    op.drop_table("findings")
