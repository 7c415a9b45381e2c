"""Forms (Flask-WTF: every POST carries a CSRF token)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Length, Optional


class LoginForm(FlaskForm):
    username = StringField(_l("User name"), validators=[DataRequired(), Length(max=64)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


class PairForm(FlaskForm):
    kind = SelectField(
        _l("This device is"),
        choices=[
            ("kiosk", _l("Ticket kiosk")),
            ("display", _l("Hall display")),
            ("rating", _l("Rating tablet at a counter")),
        ],
    )
    name = StringField(_l("Device name"), validators=[DataRequired(), Length(max=100)])
    counter = SelectField(_l("Counter (rating tablet)"), coerce=int, validators=[Optional()])
    sectors = SelectMultipleField(
        _l("Only these service areas (none: all)"), validators=[Optional()]
    )


class EmptyForm(FlaskForm):
    """A form with only its CSRF token (sign-out and other one-button actions)."""
