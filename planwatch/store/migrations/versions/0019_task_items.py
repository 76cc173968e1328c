"""Each task keeps the words of its item (the task and its sub-items, as its document writes them): a list of two
thousand tasks cut them out of their documents' texts, which PostgreSQL reads whole for each task (460 ms of the
tasks page at 100.000 documents).

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("tasks", sa.Column("item", sa.Text(), nullable=False, server_default=""))
    op.execute(
        "UPDATE tasks SET item = (SELECT substr(documents.text, tasks.char_start + 1, "
        "coalesce(nullif(tasks.item_end, 0), tasks.char_end) - tasks.char_start) "
        "FROM documents WHERE documents.id = tasks.document_id)"
    )


def downgrade() -> None:
    with op.batch_alter_table("tasks") as table:
        table.drop_column("item")
