"""Class and join forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, SelectMultipleField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, Length, Optional

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
    school_days = SelectMultipleField(_l("School days"), choices=WEEKDAYS, default=["1", "2", "3", "4", "5"])
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
