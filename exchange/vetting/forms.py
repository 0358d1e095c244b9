"""Vetting and visit forms (Flask-WTF: every form carries a CSRF token)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..directory.models import GRADE_BANDS

DOCUMENT_TYPES = [
    ("passport", _l("Passport")),
    ("national_id", _l("National identity card")),
    ("driving_licence", _l("Driving licence")),
    ("other", _l("Other official document")),
]


class ApplicationForm(FlaskForm):
    display_name = StringField(_l("Name shown to schools"), validators=[DataRequired(), Length(max=80)])
    organisation = StringField(_l("Organisation"), validators=[DataRequired(), Length(max=120)])
    expertise = StringField(_l("Expertise"), validators=[DataRequired(), Length(max=200)])
    languages = StringField(
        _l("Languages you can speak with classes (codes, comma separated, e.g. en, fr)"),
        validators=[DataRequired(), Length(max=100)],
    )
    bio = TextAreaField(
        _l("About you (shown to students; no contact details)"), validators=[Optional(), Length(max=4000)]
    )
    agree = BooleanField(_l("I have read and agree to the code of conduct above"))


class IdentityForm(FlaskForm):
    document_type = SelectField(_l("Document type"), choices=DOCUMENT_TYPES)
    checked_on = DateField(_l("Checked on"), validators=[DataRequired()])
    date_of_birth = DateField(_l("Date of birth"), validators=[DataRequired()])


class BackgroundForm(FlaskForm):
    provider = StringField(_l("Provider or scheme"), validators=[DataRequired(), Length(max=120)])
    reference = StringField(_l("Reference number"), validators=[DataRequired(), Length(max=80)])
    issued_on = DateField(_l("Issued on"), validators=[DataRequired()])


class TrainingForm(FlaskForm):
    provider = StringField(_l("Training provider"), validators=[DataRequired(), Length(max=120)])
    completed_on = DateField(_l("Completed on"), validators=[DataRequired()])


class ReferenceForm(FlaskForm):
    referee_name = StringField(_l("Referee"), validators=[DataRequired(), Length(max=120)])
    relation = StringField(_l("How the referee knows the applicant"), validators=[DataRequired(), Length(max=120)])
    confirmed_on = DateField(_l("Confirmed on"), validators=[DataRequired()])


EVIDENCE_FORMS: dict[str, type[FlaskForm]] = {
    "identity": IdentityForm,
    "background": BackgroundForm,
    "safeguarding_training": TrainingForm,
    "reference": ReferenceForm,
}


class TransitionForm(FlaskForm):
    target = SelectField(_l("New state"), choices=[])
    reason = TextAreaField(
        _l("Reason (required, recorded in the audit log)"), validators=[DataRequired(), Length(max=2000)]
    )


class OfferForm(FlaskForm):
    topic = StringField(_l("Topic"), validators=[DataRequired(), Length(max=80)])
    grade_bands = SelectMultipleField(_l("Grade bands (choose one or more)"), choices=[(g, g) for g in GRADE_BANDS])
    languages = StringField(_l("Languages (codes, comma separated)"), validators=[DataRequired(), Length(max=100)])
    length_minutes = IntegerField(
        _l("Length in minutes"), default=45, validators=[DataRequired(), NumberRange(15, 240)]
    )
    availability = TextAreaField(_l("When you are available"), validators=[Optional(), Length(max=500)])


class VisitRequestForm(FlaskForm):
    class_id = SelectField(_l("Class"), coerce=int, choices=[])
    start = DateTimeLocalField(_l("Start (your time zone)"), format="%Y-%m-%dT%H:%M", validators=[DataRequired()])
    note = TextAreaField(_l("Note for the expert (optional)"), validators=[Optional(), Length(max=500)])
