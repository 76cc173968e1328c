"""The distinct labels of facts, kept by a trigger on every insert (a query by label words matches these few
thousand labels, then asks the facts' label index); facts found by period (the latest month with figures); the
labels no indicator names, counted per scope with the findings.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("fact_labels", sa.Column("label", sa.Text(), primary_key=True))
    op.execute("INSERT INTO fact_labels (label) SELECT DISTINCT indicator FROM facts")
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER facts_label AFTER INSERT ON facts BEGIN "
            "INSERT OR IGNORE INTO fact_labels (label) VALUES (new.indicator); END"
        )
    else:
        op.execute(
            "CREATE FUNCTION keep_fact_label() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "INSERT INTO fact_labels (label) VALUES (NEW.indicator) ON CONFLICT DO NOTHING; RETURN NEW; END $$"
        )
        op.execute("CREATE TRIGGER facts_label AFTER INSERT ON facts FOR EACH ROW EXECUTE FUNCTION keep_fact_label()")
    op.create_index("ix_facts_period_end", "facts", ["period_end"])
    op.create_table(
        "unclassified_labels",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("scope", sa.String(length=100), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
    )
    op.create_index("ix_unclassified_labels_scope", "unclassified_labels", ["scope"])
    op.execute("DELETE FROM checked_scopes")  # every scope is computed again, with its labels


def downgrade() -> None:
    op.drop_index("ix_unclassified_labels_scope", table_name="unclassified_labels")
    op.drop_table("unclassified_labels")
    op.drop_index("ix_facts_period_end", table_name="facts")
    op.execute("DROP TRIGGER facts_label" + ("" if op.get_bind().dialect.name == "sqlite" else " ON facts"))
    if op.get_bind().dialect.name != "sqlite":
        op.execute("DROP FUNCTION keep_fact_label()")
    op.drop_table("fact_labels")
