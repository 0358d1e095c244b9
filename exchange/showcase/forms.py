"""Forms of the showcase pages (CSRF through Flask-WTF; the services check every value again)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class ResourceForm(FlaskForm):
    """A link; the document upload is read by the view itself (within the upload limit)."""

    topic = StringField(_l("Topic"), validators=[DataRequired(), Length(max=60)])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    url = StringField(_l("Link (web address), or choose a document below"), validators=[Optional(), Length(max=500)])
    note = TextAreaField(_l("Note for the partner teachers (optional)"), validators=[Optional(), Length(max=1000)])
    for_students = BooleanField(_l("Students may see it too"))


class ToggleForm(FlaskForm):
    value = HiddenField()


class ExhibitionForm(FlaskForm):
    room_id = SelectField(_l("Work from the room"), coerce=int, validators=[DataRequired()])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("About this exhibition (optional)"), validators=[Optional(), Length(max=2000)])
    audience = RadioField(
        _l("Who may see it"),
        choices=[
            ("partnership", _l("The partnership: both classes and their teachers")),
            ("school", _l("Our school: also the families who agreed to exchanges")),
            ("public", _l("The public: anyone with the link, only work whose families agreed to public showing")),
        ],
        default="partnership",
        validators=[DataRequired()],
    )


class ItemForm(FlaskForm):
    kind = HiddenField(validators=[DataRequired()])
    file_id = HiddenField()
    seq = IntegerField(validators=[Optional()])
    caption = StringField(_l("Caption (optional)"), validators=[Optional(), Length(max=300)])
    no_face = BooleanField(_l("No one's face can be seen in this picture"))


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Your comment"), validators=[DataRequired(), Length(max=500)])


class DecisionForm(FlaskForm):
    """Publish/withdraw, remove an item, show/remove a comment: the route names what."""
