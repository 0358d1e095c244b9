"""The edges of reply slips (issue 22): the teacher's page to record a slip that came back on a
printed letter, and the same as JSON. Thin: check who asks, then the body, then `slips`."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, require
from ..db import db
from ..errors import DomainError
from . import presenters, slips, students
from .edge import bp
from .forms import scope_choices
from .texting_presenters import inbound_view
from .texting_replies import texts_for_student

# Which field of the form a refusal is said under.
_FIELD_OF = {
    "invalid_scope": "scope",
    "invalid_answer": "answer",
    "invalid_name": "guardian_name",
    "name_refused": "guardian_name",
    "invalid_date": "signed_on",
    "date_in_future": "signed_on",
    "date_too_old": "signed_on",
    "question_required": "body",
    "question_blocked": "body",
    "question_on_consent": "body",
    "too_long": "body",
}


class PaperReplyForm(FlaskForm):
    slip = StringField(_l("Reference on the slip (like 7K2Q4F)"), validators=[DataRequired(), Length(max=20)])
    kind = SelectField(
        _l("What the slip says"),
        choices=[("consent", _l("A consent answer")), ("question", _l("A question: please contact me"))],
    )
    scope = SelectField(_l("Consent for"), choices=[("", _l("(not a consent answer)")), *scope_choices()])
    answer = SelectField(
        _l("Answer ticked"),
        choices=[("", _l("(not a consent answer)")), ("yes", _l("agree")), ("no", _l("do not agree"))],
    )
    guardian_name = StringField(
        _l("Name of the parent or guardian on the slip"), validators=[DataRequired(), Length(max=80)]
    )
    signed_on = DateField(_l("Date on the slip"), validators=[Optional()])
    body = TextAreaField(_l("The question, as written on the slip"), validators=[Optional(), Length(max=1000)])


@bp.route("/students/<int:student_id>/paper-replies", methods=["GET", "POST"])
@require("consent.manage")
def paper_replies_page(student_id: int):
    """Record a returned slip; the slips already recorded and the family's texts are listed below."""
    user = current_user()
    student = students.managed_student(user, student_id)
    form = PaperReplyForm()
    status = 200
    if form.validate_on_submit():
        try:
            slips.record_reply(
                user,
                student.id,
                slip=form.slip.data,
                kind=form.kind.data,
                scope=form.scope.data or None,
                answer=form.answer.data or None,
                guardian_name=form.guardian_name.data,
                signed_on=form.signed_on.data,
                body=form.body.data or "",
            )
        except DomainError as exc:
            db.session.rollback()
            target = getattr(form, _FIELD_OF.get(exc.code or "", "slip"))
            target.errors = list(target.errors) + [exc.message]
            status = exc.status
        else:
            flash(_("The reply slip for %(name)s is recorded.", name=student.first_name))
            return redirect(url_for("guardians.paper_replies_page", student_id=student.id))
    elif request.method == "POST":
        status = 400
    classes = students.classes_of_student(student.id)
    return (
        render_template(
            "guardians/paper_replies.html",
            student=student,
            form=form,
            letter_slip=slips.letter_slip(student.id),
            update_slips=[(c, slips.update_slip(c.id)) for c in classes],
            replies=[slips.reply_view(r) for r in slips.replies_of(student.id)],
            texts=[inbound_view(t) for t in texts_for_student(user, student.id)],
            labels=presenters.scope_labels(),
            back=classes[0].id if classes else None,
        ),
        status,
    )


@bp.post("/api/v1/students/<int:student_id>/paper-replies")
@require("consent.manage")
@doc(
    "Record a reply slip returned on a printed letter: a consent answer (scope, yes or no) or a question",
    body={
        "slip": "string",
        "kind": "string",
        "scope": "string",
        "answer": "string",
        "guardian_name": "string",
        "signed_on": "string",
        "body": "string",
    },
    tag="guardians",
    status=201,
)
def api_paper_reply(student_id: int):
    user = current_user()
    students.managed_student(user, student_id)  # a forged id is refused before the body is read
    data = json_body()
    reply = slips.record_reply(
        user,
        student_id,
        slip=field(data, "slip"),
        kind=field(data, "kind"),
        scope=data.get("scope"),
        answer=data.get("answer"),
        guardian_name=field(data, "guardian_name"),
        signed_on=data.get("signed_on"),
        body=data.get("body"),
    )
    return ok(slips.reply_view(reply), 201)


@bp.get("/api/v1/students/<int:student_id>/paper-replies")
@require("consent.manage")
@doc("The reply slips recorded for a student, newest first (consent answers and questions)", tag="guardians")
def api_paper_replies(student_id: int):
    student = students.managed_student(current_user(), student_id)
    return ok({"replies": [slips.reply_view(r) for r in slips.replies_of(student.id)]})
