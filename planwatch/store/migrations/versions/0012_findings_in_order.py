"""The findings of the whole store read in their order (most severe first) without sorting them; how many
findings each scope has, kept with it.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_findings_order", "findings", ["severity_rank", "indicator", "period", "id"])
    op.add_column("checked_scopes", sa.Column("findings", sa.Integer(), nullable=False, server_default="0"))
    op.execute(
        "UPDATE checked_scopes SET findings = "
        "(SELECT count(*) FROM findings WHERE findings.scope = checked_scopes.scope)"
    )


def downgrade() -> None:
    with op.batch_alter_table("checked_scopes") as table:
        table.drop_column("findings")
    op.drop_index("ix_findings_order", table_name="findings")
