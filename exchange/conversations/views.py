"""The pages of family messages: the list (`/messages`), a thread, announcements (write, read,
print for families who read on paper) and a teacher's availability note. Thin: who asks first,
then the form; every refusal is a sentence on the page."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..authz import current_user, require
from ..db import db
from ..errors import DomainError
from ..extensions import csrf
from ..files.http import check_csrf, file_response, read_upload
from ..ids import lookup
from ..accounts.models import User
from . import announcements, attachments, availability, notify, rules, threads
from .models import FamilyMessage
from .presenters import thread_items

bp = Blueprint("conversations", __name__)


class AnnouncementForm(FlaskForm):
    class_id = SelectField(_l("Class"), coerce=int)
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=rules.TITLE_LIMIT)])
    body = TextAreaField(_l("Message to the families"), validators=[DataRequired(), Length(max=rules.BODY_LIMIT)])


class AvailabilityForm(FlaskForm):
    note = TextAreaField(
        _l("When do you answer families' messages? (shown to the families of your students)"),
        validators=[Length(max=rules.NOTE_LIMIT)],
    )


class ConcernForm(FlaskForm):
    reason = StringField(_l("What worries you?"), validators=[DataRequired(), Length(max=500)])


@bp.get("/messages")
@require("messages.family")
def index():
    me = current_user()
    pairs = threads.writable_pairs(me)
    return render_template(
        "conversations/index.html",
        rows=threads.threads_for(me),
        pairs=pairs,
        guardian_news=announcements.for_guardian(me) if me.role == "guardian" else [],
        sent=announcements.for_staff(me) if me.role in ("teacher", "admin") else [],
    )


@bp.post("/messages/new")
@require("messages.family")
def start():
    """Open (or find) the thread of a child and a guardian, from the list's form."""
    me = current_user()
    student_id, _sep, guardian_id = (request.form.get("pair") or "").partition(":")
    try:
        check_csrf(request.form.get("csrf_token"))
        thread = threads.open_thread(me, student_id, guardian_id or None)
        db.session.commit()
    except DomainError as exc:
        flash(exc.message, "error")
        return redirect(url_for("conversations.index"))
    return redirect(url_for("conversations.thread_page", thread_id=thread.id))


def _thread_page(thread, side, status: int = 200, error: str | None = None):
    student = db.session.get(User, thread.student_id)
    guardian = db.session.get(User, thread.guardian_id)
    return (
        render_template(
            "conversations/thread.html",
            thread=thread,
            side=side,
            student=student,
            guardian=guardian,
            items=thread_items(thread),
            hours=availability.school_hours(thread.student_id),
            channel=notify.preferred(guardian) if guardian is not None else "email",
            concern_form=ConcernForm(),
            error=error,
        ),
        status,
    )


@bp.get("/messages/<int:thread_id>")
@require("messages.family")
def thread_page(thread_id: int):
    me = current_user()
    thread, side = threads.get_thread(me, thread_id)
    threads.mark_read(me, thread, side)
    return _thread_page(thread, side)


@bp.post("/messages/<int:thread_id>")
@csrf.exempt  # checked in the view (form token, also inside a file upload), after who asks
@require("messages.family")
def thread_post(thread_id: int):
    me = current_user()
    thread, side = threads.get_thread(me, thread_id)  # who asks, before the body is read
    threads.writer_only(side)
    try:
        attachment = None
        if request.mimetype == "multipart/form-data":
            data, name = read_upload(form_token=True)  # the CSRF token, then the file within its limit
            if data or name:
                attachment = attachments.store(data, name, "adult")
        else:
            check_csrf(request.form.get("csrf_token"))
        threads.post(me, thread, side, request.form.get("body"), attachment)
    except DomainError as exc:
        db.session.rollback()
        return _thread_page(thread, side, exc.status or 400, exc.message)
    flash(_("Your message was sent."))
    return redirect(url_for("conversations.thread_page", thread_id=thread.id) + "#latest")


@bp.post("/messages/<int:thread_id>/concern")
@require("messages.family")
def concern(thread_id: int):
    me = current_user()
    thread, side = threads.get_thread(me, thread_id)
    threads.writer_only(side, concern=True)
    form = ConcernForm()
    if not form.validate_on_submit():
        return _thread_page(thread, side, 400, _("Say in a few words what worries you."))
    try:
        threads.raise_concern(me, thread, side, form.reason.data)
    except DomainError as exc:
        return _thread_page(thread, side, exc.status or 400, exc.message)
    flash(_("The school's safeguarding lead can now read this conversation."))
    return redirect(url_for("conversations.thread_page", thread_id=thread.id))


@bp.get("/messages/attachments/<int:message_id>")
@require("messages.family")
def attachment(message_id: int):
    msg = lookup(FamilyMessage, message_id)
    if msg is None or not msg.attachment_blob:
        abort(404)
    threads.get_thread(current_user(), msg.thread_id)  # the same refusal as the thread's
    facts, data = attachments.read(msg)
    return file_response(facts, data)


@bp.route("/messages/availability", methods=["GET", "POST"])
@require("messages.announce")
def availability_page():
    me = current_user()
    form = AvailabilityForm(note=availability.note_of(me.id))
    status = 200
    if form.validate_on_submit():
        try:
            availability.set_note(me, form.note.data)
        except DomainError as exc:
            form.note.errors = [exc.message]
            status = 400
        else:
            flash(_("Saved. Families see this beside your messages."))
            return redirect(url_for("conversations.availability_page"))
    elif request.method == "POST":
        status = 400
    return render_template("conversations/availability.html", form=form), status


def _announcement_form(me) -> AnnouncementForm:
    form = AnnouncementForm()
    form.class_id.choices = [(c.id, c.name) for c in announcements.managed_classes(me)]
    return form


@bp.get("/announcements/new")
@require("messages.announce")
def announcement_new():
    form = _announcement_form(current_user())
    if request.args.get("class_id", "").isdigit():
        form.class_id.data = int(request.args["class_id"])
    return render_template("conversations/announcement_new.html", form=form)


@bp.post("/announcements")
@require("messages.announce")
def announcement_create():
    me = current_user()
    form = _announcement_form(me)
    if not form.validate_on_submit():
        return render_template("conversations/announcement_new.html", form=form), 400
    try:
        ann, summary = announcements.send(me, form.class_id.data, form.title.data, form.body.data)
    except DomainError as exc:
        form.body.errors = [exc.message]
        return render_template("conversations/announcement_new.html", form=form), exc.status or 400
    flash(_("Sent to %(n)s families.", n=summary.total))
    return redirect(url_for("conversations.announcement_page", announcement_id=ann.id))


@bp.get("/announcements/<int:announcement_id>")
@require("messages.family")
def announcement_page(announcement_id: int):
    me = current_user()
    ann, side = announcements.get(me, announcement_id)
    if side == "guardian":
        announcements.mark_read(me, ann)
    rows = announcements.deliveries(ann) if side == "staff" else []
    summary = rules.receipts((r.delivery.channel, r.delivery.status, r.delivery.read_at is not None) for r in rows)
    return render_template(
        "conversations/announcement.html",
        ann=ann,
        side=side,
        rows=rows,
        summary=summary,
        author=db.session.get(User, ann.author_id),
    )


@bp.get("/announcements/<int:announcement_id>/print")
@require("messages.announce")
def announcement_print(announcement_id: int):
    me = current_user()
    ann, side = announcements.get(me, announcement_id)
    if side != "staff":
        abort(404)
    rows = [r for r in announcements.deliveries(ann) if r.delivery.channel == "paper"]
    if request.args.get("all") == "1":
        rows = announcements.deliveries(ann)
    return render_template(
        "conversations/announcement_print.html", ann=ann, rows=rows, author=db.session.get(User, ann.author_id)
    )
