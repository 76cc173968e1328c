"""Scanned documents: a fact read by OCR keeps its box on the page, the confidence of its digits, why it needs a
person's check and that check; the page images OCR read; the OCR lane and page progress of the ingest queue.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ALTER TABLE ... ADD COLUMN, never a batch copy: SQLite would lose the facts' label trigger (0011)
    op.add_column("facts", sa.Column("ocr", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("facts", sa.Column("ocr_box", sa.JSON(), nullable=True))
    op.add_column("facts", sa.Column("ocr_confidence", sa.Float(), nullable=True))
    op.add_column("facts", sa.Column("doubts", sa.String(length=100), nullable=True))
    op.add_column("facts", sa.Column("review", sa.String(length=20), nullable=True))
    op.add_column("facts", sa.Column("value_read", sa.Float(), nullable=True))
    op.create_index("ix_facts_review", "facts", ["review"])
    op.create_table(
        "page_images",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        sa.Column("page", sa.Integer(), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("image", sa.LargeBinary(), nullable=False),
        sa.UniqueConstraint("document_id", "page"),
    )
    op.create_index("ix_page_images_document_id", "page_images", ["document_id"])
    op.add_column("ingest_jobs", sa.Column("lane", sa.String(length=10), nullable=False, server_default="read"))
    op.add_column("ingest_jobs", sa.Column("pages_done", sa.Integer(), nullable=True))
    op.add_column("ingest_jobs", sa.Column("pages_total", sa.Integer(), nullable=True))
    op.add_column("ingest_jobs", sa.Column("progress_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    for column in ("progress_at", "pages_total", "pages_done", "lane"):
        op.drop_column("ingest_jobs", column)
    op.drop_index("ix_page_images_document_id", table_name="page_images")
    op.drop_table("page_images")
    op.drop_index("ix_facts_review", table_name="facts")
    for column in ("value_read", "review", "doubts", "ocr_confidence", "ocr_box", "ocr"):
        op.drop_column("facts", column)  # SQLite ≥ 3.35 drops a column in place
