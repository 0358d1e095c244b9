"""Room forms (CSRF-protected): opening a room for one's own class."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional


class ClassRoomForm(FlaskForm):
    title = StringField(_l("Room title (optional)"), validators=[Optional(), Length(max=80)])
    with_class = SelectField(_l("Together with another of your classes (optional)"), choices=[], validate_choice=False)
