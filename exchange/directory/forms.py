"""Class and join forms; the school, application and invitation forms of onboarding."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, Optional

from ..forms_widgets import CheckboxesField
from .models import GRADE_BANDS

WEEKDAYS = [
    ("1", _l("Monday")),
    ("2", _l("Tuesday")),
    ("3", _l("Wednesday")),
    ("4", _l("Thursday")),
    ("5", _l("Friday")),
    ("6", _l("Saturday")),
    ("7", _l("Sunday")),
]


class ClassForm(FlaskForm):
    name = StringField(_l("Class name"), validators=[DataRequired(), Length(max=80)])
    grade_band = SelectField(_l("Grade band"), choices=[(g, g) for g in GRADE_BANDS])
    languages = StringField(
        _l("Languages (codes, comma separated, e.g. en, fr)"), validators=[DataRequired(), Length(max=100)]
    )
    topics = StringField(_l("Topics (comma separated)"), validators=[Optional(), Length(max=400)])
    school_days = CheckboxesField(_l("School days"), choices=WEEKDAYS, default=["1", "2", "3", "4", "5"])
    day_start = TimeField(_l("School day starts"), validators=[DataRequired()])
    day_end = TimeField(_l("School day ends"), validators=[DataRequired()])
    description = TextAreaField(_l("About the class"), validators=[Optional(), Length(max=2000)])


class JoinForm(FlaskForm):
    code = StringField(_l("Class code from your teacher"), validators=[DataRequired(), Length(max=16)])
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=80)])
    last_name = StringField(_l("Last name"), validators=[DataRequired(), Length(max=80)])
    username = StringField(_l("Choose a username"), validators=[DataRequired(), Length(min=3, max=40)])
    password = PasswordField(
        _l("Choose a password (at least 10 characters)"), validators=[DataRequired(), Length(min=10, max=256)]
    )


class SchoolForm(FlaskForm):
    """The school's own fields; checked by `schools.check_school` (the command line's sentences)."""

    name = StringField(_l("School name"), validators=[DataRequired(), Length(max=200)])
    country = StringField(_l("Country (two-letter code, e.g. NO or KE)"), validators=[DataRequired(), Length(max=8)])
    region = StringField(_l("Region (optional)"), validators=[Optional(), Length(max=200)])
    timezone = StringField(_l("Time zone (e.g. Europe/Oslo)"), validators=[DataRequired(), Length(max=64)])
    languages = StringField(
        _l("Languages (codes, comma separated, e.g. en, fr)"), validators=[DataRequired(), Length(max=100)]
    )
    accept_terms = BooleanField(_l("The school accepts the terms of use"))


class ApplicationForm(SchoolForm):
    first_name = StringField(_l("Your first name"), validators=[DataRequired(), Length(max=80)])
    last_name = StringField(_l("Your last name"), validators=[Optional(), Length(max=80)])
    email = EmailField(_l("Your e-mail address"), validators=[DataRequired(), Length(max=254)])


class InviteForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    first_name = StringField(_l("First name (optional)"), validators=[Optional(), Length(max=80)])
    last_name = StringField(_l("Last name (optional)"), validators=[Optional(), Length(max=80)])


class CsvForm(FlaskForm):
    file = FileField(_l("CSV file (columns first_name,last_name,email)"))


class DeclineForm(FlaskForm):
    reason = StringField(_l("Reason for declining"), validators=[DataRequired(), Length(max=500)])


class ConfirmForm(FlaskForm):
    """A button that changes something: the CSRF token only."""


class AcceptForm(FlaskForm):
    first_name = StringField(_l("First name"), validators=[DataRequired(), Length(max=80)])
    last_name = StringField(_l("Last name"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(
        _l("Choose a password (at least 10 characters)"), validators=[DataRequired(), Length(max=256)]
    )
