"""Forms of the guardians pages: invitations, paper consent, guardian sign-up, data-rights requests."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    EmailField,
    HiddenField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from .letters import LANGUAGE_NAMES


def scope_choices():
    return [
        ("exchanges", _l("Exchanges with partner classes")),
        ("expert_visits", _l("Visits by experts")),
        ("file_sharing", _l("Sharing files with other schools")),
        ("public_showing", _l("Showing school work in public exhibitions (first name and initial)")),
        ("public_faces", _l("Public exhibitions may include pictures showing my child's face")),
    ]


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class InvitationForm(FlaskForm):
    email = EmailField(
        _l("Guardian's e-mail (optional: we send the link through the outbox)"),
        validators=[Optional(), Length(max=254)],
    )
    language = SelectField(_l("Family's language"), choices=[(k, v) for k, v in LANGUAGE_NAMES.items()], default="en")


class PaperConsentForm(FlaskForm):
    decision = SelectField(
        _l("The signed paper"), choices=[("grant", _l("gives consent")), ("withdraw", _l("withdraws consent"))]
    )
    scopes = CheckboxesField(_l("Scopes on the paper"), choices=scope_choices(), validators=[DataRequired()])
    guardian_name = StringField(
        _l("Name of the parent or guardian who signed"), validators=[DataRequired(), Length(max=80)]
    )
    signed_on = DateField(_l("Date on the paper"), validators=[DataRequired()])


class GuardianSignupForm(FlaskForm):
    first_name = StringField(_l("Your first name"), validators=[DataRequired(), Length(max=80)])
    last_name = StringField(_l("Your last name"), validators=[DataRequired(), Length(max=80)])
    relation = StringField(
        _l("Relation to the child (for example mother, grandfather)"), validators=[Optional(), Length(max=40)]
    )
    email = EmailField(_l("Your e-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(
        _l("Choose a password (at least 10 characters)"), validators=[DataRequired(), Length(min=10, max=256)]
    )


class GuardianLoginForm(FlaskForm):
    login = StringField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=256)])


class LinkForm(FlaskForm):
    relation = StringField(
        _l("Relation to the child (for example mother, grandfather)"), validators=[Optional(), Length(max=40)]
    )


class ConsentDecisionForm(FlaskForm):
    scope = HiddenField(validators=[DataRequired()])
    decision = HiddenField(validators=[DataRequired()])


class DeletionRequestForm(FlaskForm):
    reason = TextAreaField(_l("Why (optional)"), validators=[Optional(), Length(max=1000)])


class DecisionForm(FlaskForm):
    reason = StringField(_l("Reason"), validators=[Optional(), Length(max=1000)])


class RetentionForm(FlaskForm):
    days_after_term = IntegerField(
        _l("Remove room messages and files this many days after the end of term"),
        validators=[DataRequired(), NumberRange(min=0, max=3650)],
    )
