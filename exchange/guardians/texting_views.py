"""The edges of text messages with families: the gateway's webhook for replies, the guardian's
phone settings (page and API), and a teacher's consent request by text and the replies to read.
Thin: check who asks (the webhook: the gateway's bearer token, in constant time), then the body."""

from __future__ import annotations

import hmac

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField
from wtforms.validators import Length, Optional

from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, public, require
from ..db import db
from ..errors import DomainError, Forbidden, Invalid, Unauthenticated
from ..extensions import csrf
from . import texting, texting_replies
from .forms import scope_choices
from .students import classes_of_student, managed_student
from .texting_presenters import inbound_view, phone_view

bp = Blueprint("texting", __name__)

INBOUND_BYTES = 8 * 1024  # a gateway's reply is one text: a few hundred characters
SENDER_CHARS = 32
BODY_CHARS = 1600  # ten SMS segments; we keep the first 480 characters


class PhoneForm(FlaskForm):
    number = StringField(
        _l("Mobile number (with the country code if it is not your child's school's country)"),
        validators=[Optional(), Length(max=32)],
    )
    channel = RadioField(
        _l("How should the school reach you?"),
        choices=[("email", _l("E-mail")), ("sms", _l("Text message (SMS)")), ("paper", _l("A letter on paper"))],
        default="email",
    )


class TextRequestForm(FlaskForm):
    """The teacher's button: ask the student's guardians one consent question by text."""

    scope = SelectField(_l("Ask by text message about"), choices=scope_choices())


def _gateway_only() -> None:
    """The webhook answers the configured gateway only: its bearer token, compared in constant time."""
    expected = current_app.config.get("SMS_INBOUND_TOKEN")
    if not expected:
        raise Forbidden(_("Replies by text message are not set up on this server."), code="sms_inbound_off")
    given = request.headers.get("Authorization", "")
    scheme, _sep, token = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), expected.encode()):
        raise Unauthenticated(_("The text message gateway's token is missing or wrong."), code="sms_token_refused")


@bp.post("/api/v1/sms/inbound")
@csrf.exempt  # a gateway, not a browser: its bearer token is checked before the body is read
@public
@doc(
    "The text message gateway delivers a reply from a family's phone (bearer token EXCHANGE_SMS_INBOUND_TOKEN)",
    body={"from": "string", "body": "string"},
    response={"ok": "boolean", "outcome": "string"},
    tag="guardians",
)
def api_inbound():
    _gateway_only()
    if request.content_length is not None and request.content_length > INBOUND_BYTES:
        raise Invalid(_("The request body is too large."), code="too_large", status=413)
    data = json_body()
    sender, body = field(data, "from"), field(data, "body")
    if len(sender) > SENDER_CHARS:
        raise Invalid(_("The sender is not a phone number."), code="invalid_number")
    if len(body) > BODY_CHARS:
        raise Invalid(_("The text is too long."), code="too_large", status=413)
    return ok({"ok": True, "outcome": texting_replies.receive_text(sender, body)})


@bp.route("/guardian/phone", methods=["GET", "POST"])
@require("consent.give")
def phone_page():
    """The guardian gives a mobile number and chooses how the school reaches them."""
    guardian = current_user()
    current = texting.phone_of(guardian)
    form = PhoneForm(channel=current.channel if current else "email")
    status = 200
    if request.method == "POST" and request.form.get("action") == "remove":
        if form.validate_on_submit():  # the CSRF token
            texting.clear_phone(guardian)
            flash(_("Your mobile number was removed."))
            return redirect(url_for("texting.phone_page"))
    elif form.validate_on_submit():
        try:
            texting.set_phone(guardian, form.number.data or "", form.channel.data)
        except DomainError as exc:
            form.number.errors = [exc.message]
            status = 400
        else:
            flash(_("Saved. The school will reach you this way."))
            return redirect(url_for("texting.phone_page"))
    elif request.method == "POST":
        status = 400
    return render_template("texting/phone.html", form=form, phone=phone_view(texting.phone_of(guardian))), status


@bp.post("/api/v1/guardian/phone")
@require("consent.give")
@doc(
    "Set (or, with an empty number, remove) the guardian's mobile number and how the school reaches them",
    body={"number": "string", "channel": "string"},
    response={"has_phone": "boolean", "number": "string", "verified": "boolean", "channel": "string"},
    tag="guardians",
)
def api_phone():
    data = json_body()
    number = data.get("number")
    if number is not None and not isinstance(number, str):
        raise Invalid(_("Field %(name)s has the wrong type.", name="number"), code="wrong_type")
    phone = texting.set_phone(current_user(), number, field(data, "channel", required=False) or "email")
    return ok(phone_view(phone))


@bp.post("/api/v1/students/<int:student_id>/consent-requests/text")
@require("consent.manage")
@doc(
    "Text each guardian of the student who gave a number a consent question with a one-time code",
    body={"scope": "string"},
    response={"sent": "integer", "failed": "integer"},
    tag="guardians",
    status=201,
)
def api_text_request(student_id: int):
    managed_student(current_user(), student_id)  # a forged id is refused before the body is read
    data = json_body()
    return ok(texting.request_consent_by_text(current_user(), student_id, field(data, "scope")), 201)


@bp.get("/api/v1/students/<int:student_id>/texts")
@require("consent.manage")
@doc("Replies by text from the student's guardians that were not consent: messages for the teacher", tag="guardians")
def api_texts(student_id: int):
    return ok({"texts": [inbound_view(t) for t in texting_replies.texts_for_student(current_user(), student_id)]})


@bp.post("/students/<int:student_id>/consent-requests/text")
@require("consent.manage")
def text_request_page(student_id: int):
    """The page button for the same question as the API: the answer in a sentence, back to the class."""
    student = managed_student(current_user(), student_id)  # a forged id is refused before the form is read
    form = TextRequestForm()
    if not form.validate_on_submit():
        raise Invalid(_("Choose what the question is about."), code="invalid_form")
    try:
        result = texting.request_consent_by_text(current_user(), student.id, form.scope.data)
    except DomainError as exc:
        db.session.rollback()
        flash(exc.message, "error")
    else:
        flash(
            ngettext(
                "The question went by text message to %(num)d guardian of %(name)s.",
                "The question went by text message to %(num)d guardians of %(name)s.",
                result["sent"],
                name=student.first_name,
            )
        )
    classes = classes_of_student(student.id)
    if classes:
        return redirect(url_for("guardians.class_consent", class_id=classes[0].id))
    return redirect(url_for("guardians.paper_replies_page", student_id=student.id))
