"""Setting a hall up: load a configuration into the database, add staff and devices."""

from __future__ import annotations

import secrets

from sqlalchemy import insert, select, update

from hallcore.errors import ConfigError, DomainError
from hallcore.events import HallChanged
from motcua.hallconfig import HallConfig
from motcua.security import hash_password
from motcua.services.config_diff import config_changes
from motcua.services.config_export import stored_config
from motcua.services.context import SYSTEM, Actor, Hall
from motcua.storage import hall_repo, user_repo
from motcua.storage.tables import counters, priorities, sectors, settings


def is_configured(hall: Hall) -> bool:
    """Return whether a configuration has been loaded into this database."""
    with hall.db.read() as conn:
        return (
            conn.execute(select(settings.c.key).where(settings.c.key == "hall")).first() is not None
        )


def _upsert(conn, table, key_col: str, key, values: dict) -> int:
    row = conn.execute(select(table.c.id).where(table.c[key_col] == key)).first()
    if row:
        conn.execute(update(table).where(table.c.id == row.id).values(**values))
        return row.id
    return conn.execute(
        insert(table).values(**{key_col: key}, **values).returning(table.c.id)
    ).scalar_one()


class ConfigChangedMeanwhile(DomainError):
    """Someone else changed the configuration between reading it and applying an edit."""

    code = "config_changed_meanwhile"


def _store(conn, cfg: HallConfig, now) -> tuple[list[str], list[int]]:
    """Write settings, sectors, counters and priorities; deactivate what is no longer listed."""
    for key, value in cfg.settings_sections().items():
        hall_repo.save_setting(conn, key, value, now)
    sector_ids: dict[str, int] = {}
    for position, s in enumerate(cfg.sector):
        values = s.model_dump(exclude={"code"}) | {"position": position, "active": True}
        sector_ids[s.code] = _upsert(conn, sectors, "code", s.code, values)
    conn.execute(
        update(sectors).where(sectors.c.code.not_in(list(sector_ids))).values(active=False)
    )
    numbers = []
    for c in cfg.counter:
        counter_id = _upsert(conn, counters, "number", c.number, {"name": c.name, "active": True})
        hall_repo.set_counter_sectors(conn, counter_id, [sector_ids[code] for code in c.sectors])
        numbers.append(c.number)
    conn.execute(
        update(counters)
        .where(counters.c.number.not_in(numbers))
        .values(active=False, status="closed", officer_id=None)
    )
    codes = []
    for position, p in enumerate(cfg.priority):
        values = {"name": p.name, "name_en": p.name_en, "position": position, "active": True}
        _upsert(conn, priorities, "code", p.code, values)
        codes.append(p.code)
    conn.execute(update(priorities).where(priorities.c.code.not_in(codes)).values(active=False))
    return list(sector_ids), numbers


def apply_config(
    hall: Hall,
    cfg: HallConfig,
    actor: Actor = SYSTEM,
    *,
    action: str = "config.apply",
    target: str = "",
    expected: dict | None = None,
) -> list[dict]:
    """Make the database match ``cfg``; rows no longer listed are deactivated, never deleted.

    Tickets and ratings keep pointing at the sectors and counters they were made
    under, so history survives any edit. The audit log gets who did it and every
    value changed (old → new); the changes are returned. With ``expected`` (the
    configuration an edit was made on) a concurrent change raises
    ConfigChangedMeanwhile and nothing is written.
    """
    now = hall.now()
    with hall.db.write() as conn:
        before = stored_config(conn)
        if expected is not None and before != expected:
            raise ConfigChangedMeanwhile()
        changes = config_changes(before, cfg.model_dump())
        sector_codes, numbers = _store(conn, cfg, now)
        hall_repo.write_audit(
            conn,
            at=now,
            actor=actor.name,
            actor_id=actor.officer_id,
            action=action,
            target=target,
            detail={
                "sectors": sector_codes,
                "counters": numbers,
                "changes": changes,
                "first": before is None,
            },
        )
    hall.config_changed()
    hall.bus.publish(HallChanged("config"))
    return changes


def add_staff(
    hall: Hall,
    username: str,
    password: str,
    role: str,
    counters_allowed: list[int] = (),
    full_name: str = "",
) -> int:
    """Create an officer, or reset the password, role and counters of an existing one."""
    if role not in user_repo.ROLES:
        raise ConfigError(f"unknown role '{role}' (use {', '.join(user_repo.ROLES)})")
    if len(password) < 8:
        raise ConfigError("the password must have at least 8 characters")
    now = hall.now()
    pw_hash = hash_password(password)
    with hall.db.write() as conn:
        existing = user_repo.get_user_by_name(conn, username)
        if existing:
            user_id = existing.id
            user_repo.update_user(
                conn,
                user_id,
                password_hash=pw_hash,
                role=role,
                active=True,
                session_version=existing.session_version + 1,
                **({"full_name": full_name} if full_name else {}),
            )
        else:
            user_id = user_repo.create_user(
                conn,
                username=username,
                password_hash=pw_hash,
                role=role,
                now=now,
                full_name=full_name,
            )
        unknown = set(counters_allowed) - {c.number for c in hall_repo.list_counters(conn)}
        if unknown:
            raise ConfigError(f"no counter numbered {', '.join(map(str, sorted(unknown)))}")
        user_repo.set_user_counters(conn, user_id, list(counters_allowed))
        hall_repo.write_audit(
            conn,
            at=now,
            actor=SYSTEM.name,
            action="staff.set",
            target=username,
            detail={"role": role, "counters": list(counters_allowed)},
        )
    return user_id


def pair_device(
    hall: Hall,
    kind: str,
    name: str,
    actor: Actor,
    counter: int | None = None,
    options: dict | None = None,
) -> tuple[int, str]:
    """Register a device and return (id, token); the token is shown once and stored hashed."""
    if kind not in user_repo.DEVICE_KINDS:
        raise ConfigError(f"unknown device kind '{kind}'")
    token = "dev_" + secrets.token_urlsafe(32)
    now = hall.now()
    with hall.db.write() as conn:
        counter_id = None
        if counter is not None:
            row = hall_repo.get_counter_row(conn, counter)
            if row is None:
                raise ConfigError(f"no counter numbered {counter}")
            counter_id = row.id
        if kind == "rating" and counter_id is None:
            raise ConfigError("a rating tablet belongs to a counter")
        device_id = user_repo.create_device(
            conn,
            kind=kind,
            name=name,
            token=token,
            now=now,
            counter_id=counter_id,
            options=options,
            created_by=actor.id,
        )
        hall_repo.write_audit(
            conn,
            at=now,
            actor=actor.name,
            actor_id=actor.id,
            action="device.pair",
            target=name,
            detail={"kind": kind, "counter": counter, "device": device_id},
        )
    return device_id, token
