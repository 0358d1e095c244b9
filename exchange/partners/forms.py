"""The partners' forms (CSRF through Flask-WTF); the services validate the values again."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from . import rules


def _kinds():
    from_labels = {
        "business": _l("Business"),
        "university": _l("University or college"),
        "museum": _l("Museum"),
        "library": _l("Library"),
        "nonprofit": _l("Non-profit"),
        "faith": _l("Faith-based organisation"),
        "government": _l("Local government"),
        "recreation": _l("Recreation"),
    }
    return [(k, from_labels[k]) for k in rules.ORGANISATION_KINDS]


OPPORTUNITY_LABELS = {
    "internship": _l("Internship"),
    "job_shadowing": _l("Job shadowing"),
    "mentoring": _l("Mentoring"),
    "work_based": _l("Work-based experience"),
    "service_learning": _l("Service learning"),
    "after_school": _l("After-school programme"),
    "exhibition": _l("Exhibition"),
    "competition": _l("Competition"),
}


class OrganisationForm(FlaskForm):
    name = StringField(_l("Name of the organisation"), validators=[DataRequired(), Length(max=120)])
    kind = SelectField(_l("Kind"), choices=_kinds(), validators=[DataRequired()])
    mission = TextAreaField(_l("Mission"), validators=[Optional(), Length(max=2000)])
    offers = TextAreaField(_l("What you offer learners"), validators=[Optional(), Length(max=2000)])
    website = StringField(_l("Website (optional)"), validators=[Optional(), Length(max=200)])
    contact_phone = StringField(_l("Phone (optional)"), validators=[Optional(), Length(max=32)])
    languages = StringField(_l("Languages you work in, separated by commas"), validators=[Optional(), Length(max=200)])
    regions = StringField(_l("Regions you serve, separated by commas"), validators=[Optional(), Length(max=200)])


class RegisterForm(OrganisationForm):
    """Registering also makes the first contact's account when nobody is signed in."""

    first_name = StringField(_l("Your first name"), validators=[Optional(), Length(max=80)])
    last_name = StringField(_l("Your last name"), validators=[Optional(), Length(max=80)])
    email = EmailField(_l("Your work e-mail"), validators=[Optional(), Length(max=254)])
    password = PasswordField(_l("Choose a password (at least 10 characters)"), validators=[Optional(), Length(max=256)])
    safeguarding = BooleanField(
        _l(
            "We will send the district our safeguarding policy, insurance, registration and the name of our safeguarding lead."
        ),
        validators=[DataRequired()],
    )


class StaffForm(FlaskForm):
    email = EmailField(
        _l("A colleague's e-mail (they need an expert account)"), validators=[DataRequired(), Length(max=254)]
    )


class EvidenceForm(FlaskForm):
    kind = SelectField(
        _l("Evidence"),
        choices=[
            ("registration", _l("Registration")),
            ("safeguarding_policy", _l("Safeguarding policy")),
            ("insurance", _l("Insurance")),
            ("safeguarding_lead", _l("Named safeguarding lead")),
        ],
    )
    detail = StringField(_l("Detail (number, insurer, the lead's name)"), validators=[DataRequired(), Length(max=200)])
    expires_on = DateField(_l("Expires on"), validators=[DataRequired()])


class DecisionForm(FlaskForm):
    decision = SelectField(
        _l("Decision"),
        choices=[
            ("verify", _l("Verify")),
            ("suspend", _l("Suspend")),
            ("reinstate", _l("Reinstate")),
            ("reject", _l("Reject")),
        ],
    )
    reason = StringField(_l("Reason (needed to suspend or reject)"), validators=[Optional(), Length(max=500)])


class OpportunityForm(FlaskForm):
    organisation_id = SelectField(_l("Organisation"), coerce=int)
    kind = SelectField(_l("Kind"), choices=[(k, OPPORTUNITY_LABELS[k]) for k in rules.OPPORTUNITY_KINDS])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=120)])
    description = TextAreaField(_l("Description"), validators=[DataRequired(), Length(max=4000)])
    learning = TextAreaField(_l("What students will learn"), validators=[DataRequired(), Length(max=2000)])
    grade_bands = SelectMultipleField(
        _l("Grade bands (none chosen: every grade)"), choices=[(b, b) for b in rules.GRADE_BANDS]
    )
    min_age = IntegerField(_l("Minimum age (optional)"), validators=[Optional(), NumberRange(5, 19)])
    starts_on = DateField(_l("Starts on"), validators=[DataRequired()])
    ends_on = DateField(_l("Ends on"), validators=[DataRequired()])
    online = BooleanField(_l("Online"))
    place = StringField(_l("Place (when not online)"), validators=[Optional(), Length(max=200)])
    capacity = IntegerField(_l("Places"), validators=[DataRequired(), NumberRange(1, 500)])
    supervisor = StringField(_l("Supervising adult"), validators=[DataRequired(), Length(max=120)])
    ratio_adults = IntegerField(_l("Adults"), default=1, validators=[DataRequired(), NumberRange(1, 50)])
    ratio_students = IntegerField(_l("Students for that many adults"), validators=[DataRequired(), NumberRange(1, 500)])


class InterestForm(FlaskForm):
    note = TextAreaField(
        _l("Why are you interested? (optional, only your teacher reads it)"), validators=[Optional(), Length(max=500)]
    )


class EndorseForm(FlaskForm):
    age_confirmed = BooleanField(_l("I confirm the student meets the minimum age"))


class PaperForm(FlaskForm):
    signed_on = DateField(_l("Paper form signed on"), validators=[DataRequired()])
    agree = SelectField(_l("The family's answer"), choices=[("yes", _l("Agrees")), ("no", _l("Does not agree"))])


class ReasonForm(FlaskForm):
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=500)])


class PlainForm(FlaskForm):
    """A button's form: CSRF only."""
