"""What each figure is (actual, estimate, planned, scenario), and for each target its wording as written ("từ
11% trở lên") and whether it is a stretch target beside the base one.

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("facts", sa.Column("modality", sa.String(length=10), nullable=True))
    op.add_column("targets", sa.Column("written", sa.Text(), nullable=True))
    op.add_column("targets", sa.Column("stretch", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("targets") as table:
        table.drop_column("stretch")
        table.drop_column("written")
    with op.batch_alter_table("facts") as table:
        table.drop_column("modality")
