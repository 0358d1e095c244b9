"""Forms of the library's pages (Flask-WTF: every form that changes something carries a CSRF token;
the search form is a GET and changes nothing)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from .catalog import GRADE_BANDS


class SearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search changes nothing

    q = StringField(_l("Words"), validators=[Optional(), Length(max=100)])
    grade_band = SelectField(_l("Grade band"), validators=[Optional()])
    topic = SelectField(_l("Topic"), validators=[Optional()])
    language = SelectField(_l("Language"), validators=[Optional()])
    sdg = SelectField(_l("Sustainable Development Goal"), validators=[Optional()])
    max_minutes = SelectField(_l("At most"), validators=[Optional()])


class AttachForm(FlaskForm):
    room_id = SelectField(_l("Room"), validators=[DataRequired()])


class RatingForm(FlaskForm):
    stars = RadioField(
        _l("Your rating"),
        choices=[("5", "★★★★★"), ("4", "★★★★"), ("3", "★★★"), ("2", "★★"), ("1", "★")],
        validators=[DataRequired()],
    )


class ReviewForm(FlaskForm):
    decision = RadioField(
        _l("Decision"),
        choices=[("publish", _l("Publish it for every teacher")), ("reject", _l("Send it back to the author"))],
        validators=[DataRequired()],
    )
    note = TextAreaField(_l("Note to the author (needed when sending it back)"), validators=[Length(max=1000)])


class SubmitForm(FlaskForm):
    language = SelectField(_l("Language you write in"), validators=[DataRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=120)])
    summary = TextAreaField(_l("Summary"), validators=[DataRequired(), Length(max=600)])
    grade_bands = SelectMultipleField(
        _l("Grade bands"), choices=[(b, b) for b in GRADE_BANDS], validators=[DataRequired()]
    )
    topics = StringField(_l("Topics (separated by commas)"), validators=[DataRequired(), Length(max=200)])
    duration_minutes = IntegerField(
        _l("Duration in minutes"), default=45, validators=[DataRequired(), NumberRange(min=10, max=120)]
    )
    sdgs = SelectMultipleField(_l("Sustainable Development Goals"), validators=[Optional()])
    prepare = TextAreaField(_l("Before the meeting: what students prepare"), validators=[DataRequired()])
    exchange = TextAreaField(_l("During the meeting: what the classes do together"), validators=[DataRequired()])
    reflect = TextAreaField(_l("After the meeting: how students reflect"), validators=[DataRequired()])
    prompts = TextAreaField(_l("Discussion prompts shown in the room"), validators=[DataRequired()])
    materials = TextAreaField(_l("Materials"), validators=[Optional()])
    safety_note = TextAreaField(_l("Safety note for teachers"), validators=[Optional(), Length(max=600)])
