"""Forms of the sign-in and roster pages (Flask-WTF: every form carries a CSRF token)."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, PasswordField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class ProviderForm(FlaskForm):
    preset = RadioField(
        lazy_pgettext("sign-in", "Provider"),
        choices=[
            ("google", _l("Google Workspace")),
            ("microsoft", _l("Microsoft Entra ID")),
            ("other", _l("Another OpenID Connect provider")),
        ],
        default="google",
    )
    name = StringField(_l("Name on the button (“Sign in with …”)"), validators=[Optional(), Length(max=80)])
    issuer = StringField(_l("Issuer address (another provider only)"), validators=[Optional(), Length(max=400)])
    tenant = StringField(_l("Microsoft tenant id or domain (Microsoft only)"), validators=[Optional(), Length(max=120)])
    client_id = StringField(_l("Client id"), validators=[DataRequired(), Length(max=400)])
    client_secret = PasswordField(_l("Client secret"), validators=[DataRequired(), Length(max=400)])
    domains = TextAreaField(
        _l("Your school's e-mail domains (one per line)"), validators=[Optional(), Length(max=2000)]
    )
    role_rule = RadioField(
        _l("A person with no account here yet"),
        choices=[
            ("roster", _l("is refused: accounts come from the roster or are made by hand")),
            ("claim", _l("gets the role their provider names (teacher or student)")),
            ("fixed", _l("gets one fixed role")),
        ],
        default="roster",
    )
    role_claim = StringField(_l("Name of the role claim"), default="roles", validators=[Optional(), Length(max=80)])
    fixed_role = RadioField(
        _l("Fixed role"),
        choices=[("teacher", _l("Teacher")), ("student", _l("Student"))],
        default="teacher",
        validators=[Optional()],
    )


class RosterForm(FlaskForm):
    roster = FileField(_l("OneRoster file (.zip of the CSV files)"), validators=[FileRequired()])
    apply = BooleanField(_l("Apply the changes (leave unticked for a dry run that changes nothing)"))
