"""A request refused field by field: each problem says where, a stable code and why."""

from __future__ import annotations

from hallcore.errors import DomainError
from motcua.configcheck import Problem


class Refused(DomainError):
    """An administrator's form input is not acceptable; nothing was changed."""

    code = "refused"

    def __init__(self, *problems: Problem) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = list(problems)


def problem(field: str, code: str, message: str, **params) -> Problem:
    """Return a problem with one field (``where`` is the field name)."""
    return Problem((field,), code, message, params)
