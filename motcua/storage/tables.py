"""The schema, as SQLAlchemy Core tables (Alembic migrations mirror it)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)

from motcua.storage.types import UTCDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# One row per settings section ("hall", "queue", "rating", "printer", "voice", ...).
settings = Table(
    "settings",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", JSON, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

sectors = Table(
    "sectors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(16), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("name_en", String(200), nullable=False, server_default=""),
    Column("prefix", String(4), nullable=False, server_default=""),
    Column("start", Integer, nullable=False, server_default="1"),
    Column("daily_cap", Integer),
    Column("hours", String(200)),
    Column("position", Integer, nullable=False, server_default="0"),
    Column("active", Boolean, nullable=False, server_default=text("true")),
)

priorities = Table(
    "priorities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(32), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("name_en", String(200), nullable=False, server_default=""),
    Column("position", Integer, nullable=False, server_default="0"),
    Column("active", Boolean, nullable=False, server_default=text("true")),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("full_name", String(200), nullable=False, server_default=""),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(16), nullable=False),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    # Bumped on password reset or disable: signed tokens and sessions of the old value die.
    Column("session_version", Integer, nullable=False, server_default="1"),
    Column("created_at", UTCDateTime, nullable=False),
)

counters = Table(
    "counters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("number", Integer, nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("status", String(12), nullable=False, server_default="closed"),
    Column("pause_reason", String(200), nullable=False, server_default=""),
    Column("status_since", UTCDateTime),
    Column("normals_since_priority", Integer, nullable=False, server_default="0"),
    Column("officer_id", Integer, ForeignKey("users.id")),
    Column("active", Boolean, nullable=False, server_default=text("true")),
)

counter_sectors = Table(
    "counter_sectors",
    metadata,
    Column("counter_id", Integer, ForeignKey("counters.id", ondelete="CASCADE"), primary_key=True),
    Column("sector_id", Integer, ForeignKey("sectors.id", ondelete="CASCADE"), primary_key=True),
    Column("rank", Integer, nullable=False),
)

user_counters = Table(
    "user_counters",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("counter_id", Integer, ForeignKey("counters.id", ondelete="CASCADE"), primary_key=True),
)

day_sequences = Table(
    "day_sequences",
    metadata,
    Column("sector_id", Integer, ForeignKey("sectors.id"), primary_key=True),
    Column("service_day", Date, primary_key=True),
    Column("last_seq", Integer, nullable=False),
)

devices = Table(
    "devices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),  # kiosk | display | rating
    Column("name", String(200), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("counter_id", Integer, ForeignKey("counters.id")),
    Column("options", JSON, nullable=False),  # sectors/counters shown, printer override
    Column("created_at", UTCDateTime, nullable=False),
    Column("created_by", Integer, ForeignKey("users.id")),
    Column("revoked_at", UTCDateTime),
    Column("last_seen_at", UTCDateTime),
)

tickets = Table(
    "tickets",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token", String(32), nullable=False),
    Column("parent_id", Integer, ForeignKey("tickets.id")),
    Column("service_day", Date, nullable=False),
    Column("sector_id", Integer, ForeignKey("sectors.id"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("number", String(16), nullable=False),
    Column("priority", String(32)),
    Column("status", String(12), nullable=False),
    Column("issued_at", UTCDateTime, nullable=False),
    Column("queued_at", UTCDateTime, nullable=False),
    Column("entered_at", UTCDateTime, nullable=False),
    Column("called_at", UTCDateTime),
    Column("finished_at", UTCDateTime),
    Column("counter_id", Integer, ForeignKey("counters.id")),
    Column("officer_id", Integer, ForeignKey("users.id")),
    Column("call_count", Integer, nullable=False, server_default="0"),
    Column("device_id", Integer, ForeignKey("devices.id")),
    # A number is issued once per sector and day; transfer steps repeat it on purpose.
    Index(
        "uq_tickets_number_per_day",
        "service_day",
        "sector_id",
        "seq",
        unique=True,
        sqlite_where=text("parent_id IS NULL"),
        postgresql_where=text("parent_id IS NULL"),
    ),
    Index(
        "uq_tickets_token",
        "token",
        unique=True,
        sqlite_where=text("parent_id IS NULL"),
        postgresql_where=text("parent_id IS NULL"),
    ),
    # The waiting lines; with the priority, counting who is ahead reads the index alone.
    Index("ix_tickets_queue", "service_day", "status", "sector_id", "queued_at", "priority"),
    Index("ix_tickets_counter", "counter_id", "status"),
    # A counter's and an officer's day (workstation tally, recent tickets, reports).
    Index("ix_tickets_counter_day", "counter_id", "service_day"),
    Index("ix_tickets_officer_day", "officer_id", "service_day"),
    Index("ix_tickets_token_step", "token", "id"),
    # A sector's latest service times (the estimated wait of each new ticket).
    Index("ix_tickets_sector_done", "service_day", "sector_id", "status", "finished_at"),
    Index("ix_tickets_parent", "parent_id"),
)

ratings = Table(
    "ratings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ticket_id", Integer, ForeignKey("tickets.id"), nullable=False, unique=True),
    Column("level", String(16), nullable=False),
    Column("reasons", JSON, nullable=False),
    Column("comment", Text, nullable=False, server_default=""),
    Column("counter_id", Integer, ForeignKey("counters.id"), nullable=False),
    Column("officer_id", Integer, ForeignKey("users.id")),
    Column("sector_id", Integer, ForeignKey("sectors.id"), nullable=False),
    Column("source", String(12), nullable=False),  # device | officer
    Column("device_id", Integer, ForeignKey("devices.id")),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_ratings_officer", "officer_id"),
)

print_jobs = Table(
    "print_jobs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ticket_id", Integer, ForeignKey("tickets.id"), nullable=False),
    Column("device_id", Integer, ForeignKey("devices.id")),
    Column("printer", String(200), nullable=False),
    Column("status", String(12), nullable=False),  # ok | failed
    Column("error", Text, nullable=False, server_default=""),
    Column("reprint", Boolean, nullable=False, server_default=text("false")),
    Column("created_at", UTCDateTime, nullable=False),
    Index("ix_print_jobs_created", "created_at"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime, nullable=False),
    Column("actor_id", Integer, ForeignKey("users.id")),
    Column("actor", String(200), nullable=False),
    Column("action", String(64), nullable=False),
    Column("target", String(200), nullable=False, server_default=""),
    Column("reason", Text, nullable=False, server_default=""),
    Column("detail", JSON, nullable=False),
    Index("ix_audit_log_at", "at"),
)
