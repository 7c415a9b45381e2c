"""The outcome of a print attempt and its time limits (plain data, cheap to import)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PrintOutcome:
    """What happened: ``ok`` or ``failed`` with a stable reason code and a technical detail."""

    status: str
    code: str = ""
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True)
class Timeouts:
    connect_s: float = 3.0
    status_s: float = 0.8
    write_s: float = 5.0
