"""Full-text search over passages with the database's own engine; facts indexed by code for series.

SQLite: an FTS5 table `passage_index` (rowid = passages.id) kept in step by triggers.
PostgreSQL: a generated tsvector column over the folded text with a GIN index.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "passages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("char_start", sa.Integer(), nullable=False),
        sa.Column("char_end", sa.Integer(), nullable=False),
        sa.Column("page", sa.Integer(), nullable=True),
        sa.Column("folded", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_passages_document_id", "passages", ["document_id"])
    op.create_index("ix_facts_code_measure", "facts", ["indicator_code", "measure", "period_end"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE passage_index USING fts5(folded, content='passages', content_rowid='id')")
        op.execute(
            "CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN "
            "INSERT INTO passage_index(rowid, folded) VALUES (new.id, new.folded); END"
        )
        op.execute(
            "CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN "
            "INSERT INTO passage_index(passage_index, rowid, folded) VALUES ('delete', old.id, old.folded); END"
        )
    else:
        op.execute(
            "ALTER TABLE passages ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('simple', folded)) STORED"
        )
        op.execute("CREATE INDEX ix_passages_search ON passages USING GIN (search)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER passages_ad")
        op.execute("DROP TRIGGER passages_ai")
        op.execute("DROP TABLE passage_index")
    op.drop_index("ix_facts_code_measure", table_name="facts")
    op.drop_index("ix_passages_document_id", table_name="passages")
    op.drop_table("passages")
