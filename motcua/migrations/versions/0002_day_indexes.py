"""indexes for a counter's and an officer's day

Without them the counter workstation's tally and recent tickets scan every
ticket the hall ever issued, which grows by thousands a day.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_tickets_counter_day", "tickets", ["counter_id", "service_day"])
    op.create_index("ix_tickets_officer_day", "tickets", ["officer_id", "service_day"])
    op.create_index("ix_ratings_officer", "ratings", ["officer_id"])


def downgrade() -> None:
    op.drop_index("ix_ratings_officer", table_name="ratings")
    op.drop_index("ix_tickets_officer_day", table_name="tickets")
    op.drop_index("ix_tickets_counter_day", table_name="tickets")
