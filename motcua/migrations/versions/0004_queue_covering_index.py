"""the waiting-line index also holds the priority

Every new ticket counts the people ahead of it: the waiting tickets of its sector
with a priority or an earlier place. With the priority in the index that count
reads the index alone instead of every waiting ticket's row.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

OLD = ["service_day", "status", "sector_id", "queued_at"]


def upgrade() -> None:
    op.drop_index("ix_tickets_queue", table_name="tickets")
    op.create_index("ix_tickets_queue", "tickets", [*OLD, "priority"])


def downgrade() -> None:
    op.drop_index("ix_tickets_queue", table_name="tickets")
    op.create_index("ix_tickets_queue", "tickets", OLD)
