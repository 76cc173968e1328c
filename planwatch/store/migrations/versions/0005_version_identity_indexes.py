"""Indexes for version identity: a document is looked up by its content hash (the same bytes under any name, a
replaced version restored) and current versions are filtered everywhere.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_documents_sha256", "documents", ["sha256"])
    op.create_index("ix_documents_is_current", "documents", ["is_current"])


def downgrade() -> None:
    op.drop_index("ix_documents_is_current", table_name="documents")
    op.drop_index("ix_documents_sha256", table_name="documents")
