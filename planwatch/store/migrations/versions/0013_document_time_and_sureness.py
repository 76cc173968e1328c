"""How each document's window was found, why its year is in doubt, how sure its figures are, whether a person
reviewed its time; figures of a scenario.

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
    op.add_column("documents", sa.Column("period_source", sa.String(length=20), nullable=True))
    op.add_column("documents", sa.Column("time_doubt", sa.Text(), nullable=True))
    op.add_column("documents", sa.Column("sureness", sa.Float(), nullable=True))
    op.add_column("documents", sa.Column("time_reviewed", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("facts", sa.Column("scenario", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("facts") as table:
        table.drop_column("scenario")
    with op.batch_alter_table("documents") as table:
        for column in ("time_reviewed", "sureness", "time_doubt", "period_source"):
            table.drop_column(column)
