"""The reference date of each document and how it was found, its province; figures of elsewhere.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("province", sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column("reference_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("reference_source", sa.String(length=20), nullable=True))
        batch_op.create_index("ix_documents_province", ["province"])
    with op.batch_alter_table("facts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("elsewhere", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("facts", schema=None) as batch_op:
        batch_op.drop_column("elsewhere")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index("ix_documents_province")
        batch_op.drop_column("reference_source")
        batch_op.drop_column("reference_date")
        batch_op.drop_column("province")
