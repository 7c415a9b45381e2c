"""The administration forms' fields, defined once: label, kind, hint, choices.

The same definitions render the forms, turn the posted values into configuration
data (``admin.fields``; no checking there: ``motcua.configcheck`` is the one
validator) and name a field when a problem is reported elsewhere on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class FormField:
    name: str
    label: object
    # text, int, optional_int, float, bool, choice (a list), radio and int_radio (a few long
    # choices, all visible), int_choice, ranked (sectors in order of preference)
    kind: str = "text"
    hint: object = None
    choices: tuple = ()
    optional: bool = False  # empty text means "not set" (None)
    new_only: bool = False  # an item's identity: typed when adding, fixed afterwards


HOURS_HINT = _l(
    "Days, then times: mon-fri 07:30-11:30 13:30-17:00; sat 07:30-11:30 "
    "(mon = Monday … sun = Sunday). Empty: always open."
)
SECTOR_HOURS_HINT = _l(
    "Only if this service area keeps other hours than the hall, e.g. mon-fri 07:30-11:00. "
    "Empty: the hall's issuing hours."
)

SECTIONS: dict[str, tuple[FormField, ...]] = {
    "hall": (
        FormField("name", _l("Hall name")),
        FormField("name_en", _l("Hall name in English")),
        FormField("timezone", _l("Timezone"), hint=_l("Vietnam: Asia/Ho_Chi_Minh")),
        FormField("hours", _l("Default issuing hours"), hint=HOURS_HINT, optional=True),
        FormField(
            "language",
            _l("Default language of the screens"),
            "choice",
            choices=(("vi", "Tiếng Việt"), ("en", "English")),
        ),
    ),
    "queue": (
        FormField(
            "mode",
            _l("Priority rule"),
            "radio",
            choices=(
                ("strict", _l("Strict: a waiting priority citizen always goes first")),
                ("interleave", _l("Interleave: one priority citizen after every N others")),
            ),
        ),
        FormField("interleave", _l("N (interleave)"), "int", hint=_l("1 to 100")),
        FormField(
            "default_service_s",
            _l("Assumed service time (seconds)"),
            "int",
            hint=_l("Used for estimated waits until today's real times are known; 300 = 5 min."),
        ),
    ),
    "rating": (
        FormField(
            "scale",
            _l("Rating levels"),
            "int_radio",
            choices=(
                (3, _l("3: Very satisfied / Satisfied / Not satisfied")),
                (4, _l("4: adds Neutral")),
            ),
        ),
        FormField(
            "timeout_s",
            _l("Tablet timeout (seconds)"),
            "int",
            hint=_l("The tablet returns to idle after this long without a tap (5 to 600)."),
        ),
    ),
    "display": (
        FormField(
            "notice", _l("Notice line on the display"), hint=_l("Scrolls at the bottom of the TV")
        ),
        FormField("recent", _l("Recent calls shown"), "int", hint=_l("0 to 20")),
    ),
    "kiosk": (
        FormField(
            "return_after_s",
            _l("Kiosk returns to the start after (seconds)"),
            "int",
            hint=_l("After showing the number: 3 to 120"),
        ),
        FormField(
            "idle_s",
            _l("Untouched kiosk returns to the start after (seconds)"),
            "int",
            hint=_l("10 to 600"),
        ),
    ),
    "voice": (
        FormField(
            "template",
            _l("Sentence"),
            hint=_l("Must contain {number} and {counter}"),
        ),
        FormField(
            "dialect",
            _l("Numbers read the way of"),
            "radio",
            choices=(
                ("north", _l("the North (nghìn, linh)")),
                ("south", _l("the South (ngàn, lẻ, tư)")),
            ),
        ),
        FormField("digits", _l("Read the number digit by digit"), "bool"),
        FormField(
            "backend",
            _l("Voice engine"),
            "radio",
            choices=(
                ("espeak", _l("espeak-ng (built in, robotic)")),
                ("clips", _l("Recorded human voice (clips folder)")),
                ("none", _l("None (the display's browser speaks, if it can)")),
            ),
        ),
        FormField(
            "voice",
            _l("espeak-ng voice"),
            "choice",
            choices=(
                ("vi", _l("Vietnamese (Northern)")),
                ("vi-vn-x-central", _l("Vietnamese (Central)")),
                ("vi-vn-x-south", _l("Vietnamese (Southern)")),
            ),
        ),
        FormField("rate", _l("Speed (words per minute)"), "int", hint=_l("60 to 400; 150 is calm")),
        FormField("repeat", _l("Times each call is spoken"), "int", hint=_l("1 to 5")),
        FormField(
            "clips_dir",
            _l("Clips folder"),
            hint=_l("For recorded clips: absolute, or relative to the instance folder"),
        ),
    ),
    "printer": (
        FormField(
            "url",
            _l("Printer address"),
            hint=_l(
                "network://192.168.1.50:9100 (LAN), usb://0x0416:0x5011, "
                "file:///dev/usb/lp0, or none"
            ),
        ),
        FormField(
            "width",
            _l("Print head width"),
            "int_radio",
            choices=(
                (576, _l("576 dots: 80 mm paper")),
                (512, _l("512 dots: Epson TM-T88")),
                (384, _l("384 dots: 58 mm paper")),
            ),
        ),
        FormField("notice", _l("Notice printed on the ticket")),
        FormField(
            "connect_timeout_s",
            _l("Seconds to wait for the printer"),
            "float",
            hint=_l("A switched-off printer costs the citizen this long (0.5 to 30)"),
        ),
        FormField("font", _l("Ticket font file"), hint=_l("Empty: DejaVu Sans")),
        FormField("font_bold", _l("Bold font file"), hint=_l("Empty: DejaVu Sans Bold")),
    ),
}

ITEMS: dict[str, tuple[FormField, ...]] = {
    "sector": (
        FormField(
            "code",
            _l("Code"),
            hint=_l("Short, no spaces or accents, e.g. HT; never changes"),
            new_only=True,
        ),
        FormField("name", _l("Name")),
        FormField("name_en", _l("Name in English")),
        FormField(
            "prefix",
            _l("Letter before the number"),
            hint=_l("Optional, capital letters, e.g. A → A1001"),
        ),
        FormField("start", _l("First number of the day"), "int", hint=_l("e.g. 1001")),
        FormField(
            "daily_cap",
            _l("Numbers per day (at most)"),
            "optional_int",
            hint=_l("Keeps series apart: 1001 with 999 ends at 1999. Empty: no limit"),
        ),
        FormField("hours", _l("Issuing hours"), hint=SECTOR_HOURS_HINT, optional=True),
    ),
    "counter": (
        FormField("number", _l("Counter number"), "int", hint=_l("Never changes"), new_only=True),
        FormField("name", _l("Name"), hint=_l("Shown on the display, e.g. Quầy 5")),
        FormField("sectors", _l("Service areas, most preferred first"), "ranked"),
    ),
    "priority": (
        FormField(
            "code",
            _l("Code"),
            hint=_l("Short, no spaces or accents, e.g. elderly; never changes"),
            new_only=True,
        ),
        FormField("name", _l("Name")),
        FormField("name_en", _l("Name in English")),
    ),
}
KEYS = {"sector": "code", "counter": "number", "priority": "code"}
TITLES = {
    "hall": _l("Hall"),
    "queue": _l("Queue rules"),
    "rating": _l("Ratings"),
    "display": _l("Display"),
    "kiosk": _l("Kiosk"),
    "voice": _l("Voice"),
    "printer": _l("Printer"),
    "sector": _l("Service area"),
    "counter": _l("Counter"),
    "priority": _l("Priority category"),
}
REASON_FIELDS = (
    FormField("code", _l("Code")),
    FormField("name", _l("Reason")),
    FormField("name_en", _l("In English")),
)
GENERAL = ("hall", "queue", "rating", "display", "kiosk")
NAV = (
    ("admin.index", {}, _l("Overview")),
    ("admin.settings", {"section": "hall"}, _l("Hall & rules")),
    ("admin.items", {"kinds": "sectors"}, _l("Service areas")),
    ("admin.items", {"kinds": "counters"}, _l("Counters")),
    ("admin.items", {"kinds": "priorities"}, _l("Priority")),
    ("admin.officers", {}, _l("Officers")),
    ("admin.devices_list", {}, _l("Devices")),
    ("admin.voice", {}, _l("Voice")),
    ("admin.printer", {}, _l("Printer")),
    ("admin.config", {}, _l("TOML file")),
    ("admin.audit", {}, _l("Log")),
)
