"""Forms of the agreement pages (CSRF through Flask-WTF; the services check every value again)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from .agreement_rules import LIMITS


class AgreementTextForm(FlaskForm):
    """Every section of an agreement's text; the new-agreement form adds whom it is with."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=LIMITS["title"])])
    start_on = DateField(_l("Starts on"), validators=[DataRequired()])
    renew_on = DateField(_l("To be renewed by (at most 3 years after the start)"), validators=[DataRequired()])
    goals = TextAreaField(_l("Goals of the partnership"), validators=[DataRequired(), Length(max=LIMITS["goals"])])
    roles = TextAreaField(
        _l("Roles and responsibilities of each partner"), validators=[DataRequired(), Length(max=LIMITS["roles"])]
    )
    contacts = TextAreaField(
        _l("Contact people (name, role, how to reach them)"),
        validators=[DataRequired(), Length(max=LIMITS["contacts"])],
    )
    data_items = TextAreaField(
        _l("Data shared between the partners (one item a line)"), validators=[DataRequired(), Length(max=2400)]
    )
    purpose = TextAreaField(
        _l("Purpose of the data sharing"), validators=[DataRequired(), Length(max=LIMITS["purpose"])]
    )
    retention = StringField(
        _l("How long the data is kept"), validators=[DataRequired(), Length(max=LIMITS["retention"])]
    )
    no_onward_sharing = BooleanField(_l("We affirm that shared data is not passed on to anyone else"))
    safeguarding = TextAreaField(
        _l("Safeguarding: how children are kept safe"), validators=[DataRequired(), Length(max=LIMITS["safeguarding"])]
    )

    def text(self) -> dict:
        """The form's values in the services' shape (the same as the API's body)."""
        return {
            "title": self.title.data,
            "start_on": self.start_on.data,
            "renew_on": self.renew_on.data,
            "goals": self.goals.data,
            "roles": self.roles.data,
            "contacts": self.contacts.data,
            "data_sharing": {
                "data_items": self.data_items.data or "",
                "purpose": self.purpose.data,
                "retention": self.retention.data,
                "no_onward_sharing": bool(self.no_onward_sharing.data),
            },
            "safeguarding": self.safeguarding.data,
        }


class NewAgreementForm(AgreementTextForm):
    """`partner` is "organisation:<id>" or "school:<id>"; `organisation` is the contact's own organisation."""

    partner = SelectField(_l("Partner"), validators=[DataRequired()])
    organisation = SelectField(_l("For the organisation"), validators=[Optional()], validate_choice=False)


class SignForm(FlaskForm):
    name = StringField(_l("Your full name"), validators=[DataRequired(), Length(max=LIMITS["signer_name"])])
    role = StringField(_l("Your role or title"), validators=[DataRequired(), Length(max=LIMITS["signer_role"])])
    version = HiddenField()


class EndForm(FlaskForm):
    reason = TextAreaField(
        _l("Why the agreement ends (optional)"), validators=[Optional(), Length(max=LIMITS["reason"])]
    )


class NoteForm(FlaskForm):
    kind = RadioField(
        _l("Kind of entry"),
        choices=[("note", _l("A note")), ("decision", _l("A decision the partners took"))],
        default="note",
        validators=[DataRequired()],
    )
    body = TextAreaField(_l("Text"), validators=[DataRequired(), Length(max=LIMITS["note"])])
