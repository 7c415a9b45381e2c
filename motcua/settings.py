"""Process settings: in-code defaults, then ``MOTCUA_*`` environment, then the instance file.

Hall data (sectors, counters, voice, printer…) is not here: it lives in the
database, loaded from the TOML file named by ``MOTCUA_CONFIG`` (see hallconfig).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV_KEYS = {
    "MOTCUA_DATABASE_URL": "DATABASE_URL",
    "MOTCUA_REDIS_URL": "REDIS_URL",
    "MOTCUA_REDIS_CHANNEL": "REDIS_CHANNEL",
    "MOTCUA_SECRET_KEY": "SECRET_KEY",
    "MOTCUA_CONFIG": "HALL_CONFIG",
    "MOTCUA_ASYNC_MODE": "ASYNC_MODE",
    "MOTCUA_PUBLIC_URL": "PUBLIC_URL",
    "MOTCUA_TRUST_PROXY": "TRUST_PROXY",
    "MOTCUA_RATE_LIMIT_KIOSK": "RATE_LIMIT_KIOSK",
    "MOTCUA_RATE_LIMIT_ANONYMOUS": "RATE_LIMIT_ANONYMOUS",
    "MOTCUA_RATE_LIMIT_LOGIN": "RATE_LIMIT_LOGIN",
}


def instance_path() -> str:
    """Return the instance folder (database, secret key, audio): MOTCUA_INSTANCE or ./instance."""
    return os.environ.get("MOTCUA_INSTANCE") or str(ROOT / "instance")


def defaults(instance: str) -> dict:
    return {
        "DATABASE_URL": f"sqlite:///{Path(instance) / 'motcua.db'}",
        "REDIS_URL": None,
        # Pub/sub channels are global in a Redis server: one channel per hall.
        "REDIS_CHANNEL": "motcua",
        "HALL_CONFIG": None,
        # threading for the dev server and tests; `motcua serve` sets gevent or eventlet.
        "ASYNC_MODE": "threading",
        "PUBLIC_URL": None,
        "TRUST_PROXY": False,
        "RATE_LIMIT_KIOSK": "120/minute",
        "RATE_LIMIT_ANONYMOUS": "20/minute",
        # Per address: a whole hall behind one NAT signs in around opening time.
        "RATE_LIMIT_LOGIN": "30/minute",
        "API_TOKEN_HOURS": 12,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "WTF_CSRF_TIME_LIMIT": None,  # a counter page stays open all day
        "MAX_CONTENT_LENGTH": 1 * 1024 * 1024,
    }


def from_environment() -> dict:
    """Return the settings given as MOTCUA_* environment variables."""
    values: dict = {}
    for env, key in ENV_KEYS.items():
        if os.environ.get(env):
            values[key] = os.environ[env]
    if "TRUST_PROXY" in values:
        values["TRUST_PROXY"] = values["TRUST_PROXY"].lower() in ("1", "true", "yes")
    return values


def secret_key(instance: str) -> str:
    """Return the instance's secret key, creating it (mode 0600) on first use.

    It is never in the repository; sessions survive restarts because it persists.
    """
    path = Path(instance) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key
