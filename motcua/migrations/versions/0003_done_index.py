"""index for a sector's latest service times

The estimated wait of every new ticket reads the sector's latest services of the
day; without this index that read sorted every ticket the sector served today.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_tickets_sector_done", "tickets", ["service_day", "sector_id", "status", "finished_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_tickets_sector_done", table_name="tickets")
