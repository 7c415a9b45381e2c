"""Password hashing (one place, so the test suite can pick a cheaper method)."""

from __future__ import annotations

from werkzeug.security import check_password_hash, generate_password_hash

# scrypt is deliberately slow; the test suite lowers the cost (tests/conftest.py).
PASSWORD_METHOD = "scrypt"


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=PASSWORD_METHOD)


def verify_password(pw_hash: str, password: str) -> bool:
    return check_password_hash(pw_hash, password)
