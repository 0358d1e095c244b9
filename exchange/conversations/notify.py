"""Telling the other side that a family message arrived: the guardian by the channel they chose
(an e-mail with the message, a text with its start, or nothing automatic for paper: the teacher
prints it), the child's teachers by a short e-mail without the message (they read it on the site)."""

from __future__ import annotations

import logging

from flask import url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..db import db
from ..directory.models import ClassMembership, SchoolClass
from ..guardians.texting import family_language, phone_of
from ..outbox import link_root, outbox
from ..sms import SmsFailed, send_sms
from . import rules
from .models import FamilyMessage, FamilyThread

log = logging.getLogger("exchange.conversations")


def language_of(thread: FamilyThread) -> str:
    guardian = db.session.get(User, thread.guardian_id)
    return family_language(guardian, thread.student_id) if guardian is not None else "en"


def preferred(guardian: User) -> str:
    phone = phone_of(guardian)
    return rules.channel_for(phone.channel if phone else None, bool(guardian.email), bool(phone and phone.number))


def link(endpoint: str, **values) -> str:
    return link_root().rstrip("/") + url_for(endpoint, **values)


def reach(guardian: User, *, text: str, subject: str, email_text: str) -> tuple[str, bool]:
    """Send to a family by the channel they chose, in the caller's locale: (channel, delivered). A text
    that fails goes by e-mail (else paper); paper sends nothing (the teacher prints)."""
    channel = preferred(guardian)
    if channel == "sms":
        phone = phone_of(guardian)
        try:
            send_sms(phone.number if phone else "", text)
            return "sms", True
        except SmsFailed:
            log.warning("family text failed guardian=%s; e-mail instead", guardian.id)
            channel = "email" if guardian.email else "paper"
    if channel == "email" and guardian.email:
        try:
            outbox().send(to=guardian.email, subject=subject, text=email_text)
            return "email", True
        except Exception:  # a relay hiccup must not stop the caller, whose message is stored already
            log.exception("family mail failed guardian=%s", guardian.id)
            return "email", False
    return "paper", False


def tell_guardian(thread: FamilyThread, msg: FamilyMessage, author: User) -> str:
    """The channel the guardian was told by: email, sms, paper (nothing sent; the page offers a print),
    or web when the e-mail failed (the message waits on the site)."""
    guardian = db.session.get(User, thread.guardian_id)
    child = db.session.get(User, thread.student_id)
    if guardian is None or child is None or not guardian.is_active:
        return "web"
    body = msg.body or _("(a file)")
    with force_locale(language_of(thread)):
        prefix = _("Classroom Exchange, %(teacher)s about %(child)s:", teacher=author.full_name, child=child.first_name)
        channel, delivered = reach(
            guardian,
            text=rules.text_excerpt(prefix, body),
            subject=_("A message from %(teacher)s about %(child)s", teacher=author.full_name, child=child.first_name),
            email_text="\n\n".join(
                [
                    body,
                    _("Read and answer it here: %(link)s", link=link("conversations.thread_page", thread_id=thread.id)),
                ]
            ),
        )
    return "web" if channel == "email" and not delivered else channel


def teachers_of(student_id: int) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(SchoolClass, SchoolClass.teacher_id == User.id)
            .join(ClassMembership, ClassMembership.class_id == SchoolClass.id)
            .where(ClassMembership.user_id == student_id, ClassMembership.status == "approved", User.status == "active")
            .distinct()
        )
    )


def tell_teachers(thread: FamilyThread, guardian: User) -> int:
    """A short e-mail to each of the child's teachers: a family wrote (the text stays on the site)."""
    child = db.session.get(User, thread.student_id)
    sent = 0
    for teacher in teachers_of(thread.student_id):
        if not teacher.email:
            continue
        with force_locale(teacher.locale or "en"):
            subject = _("A family wrote to you about %(child)s", child=child.first_name if child else "")
            text = _("Read the message here: %(link)s", link=link("conversations.thread_page", thread_id=thread.id))
        try:
            outbox().send(to=teacher.email, subject=subject, text=text)
            sent += 1
        except Exception:  # one teacher's bad address must not stop the others' notice
            log.exception("family message notice failed thread=%s teacher=%s", thread.id, teacher.id)
    return sent
