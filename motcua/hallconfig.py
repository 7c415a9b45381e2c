"""The hall's TOML configuration: parse, validate (saying what and where), export.

``MOTCUA_CONFIG`` names the file; without one the built-in commune hall
(``default_hall.toml``, also shipped as ``hall.example.toml``) is used. The checks
across sections (duplicates, unknown sectors, clashing series, fonts) are in
``motcua.configcheck``.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from hallcore.errors import ConfigError
from hallcore.hours import parse_hours

DEFAULT_CONFIG = Path(__file__).with_name("default_hall.toml")
Code = Annotated[str, Field(min_length=1, max_length=16, pattern=r"^[A-Za-z0-9_-]+$")]
Name = Annotated[str, Field(min_length=1, max_length=200)]


def _custom(code: str, detail: str) -> PydanticCustomError:
    """Return a validation error with our stable code (the message stays as the CLI prints)."""
    return PydanticCustomError(code, "{detail}", {"detail": detail})


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class HallSection(Section):
    name: Name = "Trung tâm Phục vụ hành chính công"
    name_en: str = "Public Administrative Service Centre"
    timezone: str = "Asia/Ho_Chi_Minh"
    hours: str | None = None
    language: Literal["vi", "en"] = "vi"

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            detail = f"unknown timezone '{value}' (e.g. Asia/Ho_Chi_Minh)"
            raise _custom("timezone", detail) from None
        return value

    @field_validator("hours")
    @classmethod
    def _hours(cls, value: str | None) -> str | None:
        return _check_hours(value)


class QueueSection(Section):
    mode: Literal["strict", "interleave"] = "strict"
    interleave: int = Field(3, ge=1, le=100)
    default_service_s: int = Field(300, ge=10, le=7200)


class ReasonItem(Section):
    code: Code
    name: Name
    name_en: str = ""


class RatingSection(Section):
    scale: Literal[3, 4] = 3
    timeout_s: int = Field(30, ge=5, le=600)
    reasons: list[ReasonItem] = Field(default_factory=list)


class SectorItem(Section):
    code: Code
    name: Name
    name_en: str = ""
    prefix: str = Field("", max_length=4, pattern=r"^[A-ZĐ]*$")
    start: int = Field(1, ge=0, le=999_999)
    daily_cap: int | None = Field(None, ge=1, le=99_999)
    hours: str | None = None

    @field_validator("hours")
    @classmethod
    def _hours(cls, value: str | None) -> str | None:
        return _check_hours(value)


class CounterItem(Section):
    number: int = Field(ge=1, le=999)
    name: Name
    sectors: list[Code] = Field(min_length=1)


class PriorityItem(Section):
    code: Code
    name: Name
    name_en: str = ""


class PrinterSection(Section):
    url: str = "none"
    width: Literal[384, 512, 576] = 576
    notice: str = "Quá số vui lòng lấy số mới"
    connect_timeout_s: float = Field(3.0, gt=0, le=30)
    font: str = ""
    font_bold: str = ""

    @field_validator("url")
    @classmethod
    def _printer_url(cls, value: str) -> str:
        from printers.transports import PrinterUrlError, parse_printer_url

        try:
            parse_printer_url(value)
        except PrinterUrlError as err:
            raise _custom("printer_url", str(err)) from None
        return value


class VoiceSection(Section):
    backend: Literal["espeak", "clips", "none"] = "espeak"
    template: str = "Xin mời công dân có số thứ tự {number} đến quầy số {counter}"
    dialect: Literal["north", "south"] = "north"
    digits: bool = False
    voice: Literal["vi", "vi-vn-x-central", "vi-vn-x-south"] = "vi"
    rate: int = Field(150, ge=60, le=400)
    repeat: int = Field(2, ge=1, le=5)
    clips_dir: str = ""

    @field_validator("template")
    @classmethod
    def _placeholders(cls, value: str) -> str:
        if "{number}" not in value or "{counter}" not in value:
            raise _custom("template", "the template must contain {number} and {counter}")
        return value


class DisplaySection(Section):
    notice: str = ""
    recent: int = Field(5, ge=0, le=20)


class KioskSection(Section):
    return_after_s: int = Field(10, ge=3, le=120)
    idle_s: int = Field(45, ge=10, le=600)


class SupervisionSection(Section):
    wait_alert_min: int = Field(30, ge=1, le=480)
    idle_alert_min: int = Field(5, ge=1, le=120)


class HallConfig(Section):
    hall: HallSection = Field(default_factory=HallSection)
    queue: QueueSection = Field(default_factory=QueueSection)
    rating: RatingSection = Field(default_factory=RatingSection)
    sector: list[SectorItem] = Field(min_length=1)
    counter: list[CounterItem] = Field(min_length=1)
    priority: list[PriorityItem] = Field(default_factory=list)
    printer: PrinterSection = Field(default_factory=PrinterSection)
    voice: VoiceSection = Field(default_factory=VoiceSection)
    display: DisplaySection = Field(default_factory=DisplaySection)
    kiosk: KioskSection = Field(default_factory=KioskSection)
    supervision: SupervisionSection = Field(default_factory=SupervisionSection)

    def settings_sections(self) -> dict[str, dict]:
        """Return the sections stored as settings (everything but the tables)."""
        names = ("hall", "queue", "rating", "printer", "voice", "display", "kiosk", "supervision")
        return {name: getattr(self, name).model_dump() for name in names}


def _check_hours(value: str | None) -> str | None:
    try:
        parse_hours(value)
    except ConfigError as err:
        raise _custom("hours", str(err)) from None
    return value


def parse_config(text: str, source: str = "<config>") -> HallConfig:
    """Parse and validate TOML text; raise ConfigInvalid listing every problem and where."""
    from motcua.configcheck import ConfigInvalid, Problem, validate_config

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        problem = Problem((), "toml", f"not valid TOML: {err}", {"detail": str(err)})
        raise ConfigInvalid(f"{source}: not valid TOML: {err}", [problem]) from None
    return validate_config(data, source)


def read_config_text(file: str | Path) -> str:
    """Return a hall file's text, or raise ConfigError saying why it cannot be read."""
    try:
        return Path(file).read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(f"{file}: cannot read the file ({err.strerror})") from None


def load_config(path: str | Path | None) -> HallConfig:
    """Load the hall file named by ``MOTCUA_CONFIG``, or the built-in commune hall."""
    file = Path(path) if path else DEFAULT_CONFIG
    return parse_config(read_config_text(file), str(file))


def dump_config(cfg: HallConfig) -> str:
    """Return the configuration as TOML that ``parse_config`` reads back identically."""
    return tomli_w.dumps(cfg.model_dump(exclude_none=True))
