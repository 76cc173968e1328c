"""Scanned documents: a fact read by OCR keeps its box on the page, the confidence of its digits, why it needs a
person's check and that check; the page images OCR read; the OCR lane and page progress of the ingest queue.

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("facts") as table:
        table.add_column(sa.Column("ocr", sa.Boolean(), nullable=False, server_default=sa.false()))
        table.add_column(sa.Column("ocr_box", sa.JSON(), nullable=True))
        table.add_column(sa.Column("ocr_confidence", sa.Float(), nullable=True))
        table.add_column(sa.Column("doubts", sa.String(length=100), nullable=True))
        table.add_column(sa.Column("review", sa.String(length=20), nullable=True))
        table.add_column(sa.Column("value_read", sa.Float(), nullable=True))
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
    with op.batch_alter_table("ingest_jobs") as table:
        table.add_column(sa.Column("lane", sa.String(length=10), nullable=False, server_default="read"))
        table.add_column(sa.Column("pages_done", sa.Integer(), nullable=True))
        table.add_column(sa.Column("pages_total", sa.Integer(), nullable=True))
        table.add_column(sa.Column("progress_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("ingest_jobs") as table:
        for column in ("progress_at", "pages_total", "pages_done", "lane"):
            table.drop_column(column)
    op.drop_index("ix_page_images_document_id", table_name="page_images")
    op.drop_table("page_images")
    op.drop_index("ix_facts_review", table_name="facts")
    with op.batch_alter_table("facts") as table:
        for column in ("value_read", "review", "doubts", "ocr_confidence", "ocr_box", "ocr"):
            table.drop_column(column)
