"""Forms of the scheduling pages: class profile, invitation, another time, asynchronous exchange."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..directory.forms import WEEKDAYS
from ..directory.models import GRADE_BANDS


class ProfileForm(FlaskForm):
    grade_band = SelectField(_l("Grade band"), choices=[(g, g) for g in GRADE_BANDS])
    languages = StringField(
        _l("Languages (codes, comma separated, e.g. en, fr)"), validators=[DataRequired(), Length(max=100)]
    )
    topics = StringField(_l("Topics (comma separated)"), validators=[Optional(), Length(max=400)])
    timezone = StringField(_l("Time zone (IANA name, e.g. Europe/Oslo)"), validators=[DataRequired(), Length(max=64)])
    school_days = SelectMultipleField(_l("School days"), choices=WEEKDAYS)
    day_start = TimeField(_l("School day starts"), validators=[DataRequired()])
    day_end = TimeField(_l("School day ends"), validators=[DataRequired()])
    term_start = DateField(_l("First day of term"), validators=[Optional()])
    term_end = DateField(_l("Last day of term"), validators=[Optional()])
    holidays = TextAreaField(
        _l("Holidays: one date or range per line (2026-12-21..2027-01-01)"), validators=[Optional(), Length(max=8000)]
    )


class InviteForm(FlaskForm):
    partner_class_id = HiddenField(validators=[DataRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=80)])
    agenda = TextAreaField(_l("Agenda"), validators=[Optional(), Length(max=2000)])
    cultural_prompt = TextAreaField(_l("Cultural prompt"), validators=[Optional(), Length(max=2000)])
    date = DateField(_l("Date"), validators=[DataRequired()])
    time = TimeField(_l("Start time"), validators=[DataRequired()])
    minutes = IntegerField(_l("Length in minutes"), default=45, validators=[DataRequired(), NumberRange(15, 240)])
    weeks = IntegerField(_l("Weekly, number of sessions"), default=1, validators=[DataRequired(), NumberRange(1, 12)])
    book_anyway = BooleanField(_l("Book anyway, despite the conflicts shown"))


class ProposeForm(FlaskForm):
    date = DateField(_l("Date"), validators=[DataRequired()])
    time = TimeField(_l("Start time"), validators=[DataRequired()])
    minutes = IntegerField(_l("Length in minutes"), validators=[Optional(), NumberRange(15, 240)])
    note = TextAreaField(_l("Note to the other teacher"), validators=[Optional(), Length(max=500)])
    book_anyway = BooleanField(_l("Propose anyway, despite the conflicts shown"))


class AsyncForm(FlaskForm):
    partner_class_id = HiddenField(validators=[DataRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=80)])
    days = IntegerField(_l("Days the room stays open"), default=5, validators=[DataRequired(), NumberRange(1, 14)])
