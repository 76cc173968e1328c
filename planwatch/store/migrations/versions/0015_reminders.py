"""Daily reminders: each user's choice of channel and mail address, the digests made (one per user and day) and
the once-a-day jobs of the queue.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reminder_preferences",
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("email", sa.String(200)),
    )
    op.create_table(
        "reminder_digests",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(10), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime()),
        sa.Column("read_at", sa.DateTime()),
        sa.Column("error", sa.Text(), nullable=False, server_default=""),
        sa.UniqueConstraint("user_id", "day"),
    )
    op.create_index("ix_reminder_digests_user_id", "reminder_digests", ["user_id"])
    op.create_table(
        "daily_jobs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("state", sa.String(10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="1"),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime()),
        sa.Column("message", sa.Text(), nullable=False, server_default=""),
        sa.UniqueConstraint("name", "day"),
    )


def downgrade() -> None:
    op.drop_table("daily_jobs")
    op.drop_index("ix_reminder_digests_user_id", table_name="reminder_digests")
    op.drop_table("reminder_digests")
    op.drop_table("reminder_preferences")
