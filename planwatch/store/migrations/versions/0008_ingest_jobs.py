"""The queue of background ingest: uploaded files and what became of them; an index that finds the renderings
of one document (one number, one date) for the documents list.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ingest_jobs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("filename", sa.String(length=500), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("submitted_by", sa.String(length=100), nullable=False),
        sa.Column("submitted_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("doc_key", sa.String(length=200), nullable=True),
        sa.Column("facts", sa.Integer(), nullable=False),
        sa.Column("tasks", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
    )
    op.create_index("ix_ingest_jobs_state_id", "ingest_jobs", ["state", "id"])
    op.create_index("ix_documents_symbol_issued", "documents", ["symbol", "issued"])


def downgrade() -> None:
    op.drop_index("ix_documents_symbol_issued", table_name="documents")
    op.drop_index("ix_ingest_jobs_state_id", table_name="ingest_jobs")
    op.drop_table("ingest_jobs")
