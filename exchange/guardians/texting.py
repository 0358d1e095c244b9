"""Text messages to families without internet at home: the guardian's number and channel, a
teacher's consent question with a one-time code, and short notices other domains can send.

The answers that come back are read in `texting_replies`: the code, not the sender's number
(which can be forged), is what makes a reply consent.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from .. import outreach
from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import School
from ..errors import Conflict, DomainError, Invalid
from ..signals import audit
from ..sms import SmsFailed, send_sms
from . import texting_rules as rules
from .consent import newest_consent
from .decisions import valid_scope
from .emails import ui_languages
from .models import GuardianInvitation
from .presenters import scope_labels
from .students import children_of, guardians_of_student, managed_student
from .texting_models import GuardianPhone, TextConsentRequest

log = logging.getLogger("exchange.guardians.texting")

RESEND_AFTER = timedelta(minutes=10)  # one family is not texted the same question twice in a row


def phone_of(guardian: User) -> GuardianPhone | None:
    return db.session.scalar(select(GuardianPhone).where(GuardianPhone.guardian_id == guardian.id))


def guardian_region(guardian: User) -> str | None:
    """Where a number without "+country" is read: the guardian's school, else their first child's."""
    school_ids = [guardian.school_id] if guardian.school_id else [c.school_id for c in children_of(guardian)]
    for school_id in school_ids:
        school = db.session.get(School, school_id) if school_id else None
        if school is not None and school.country:
            return school.country
    return None


def set_phone(guardian: User, number, channel) -> GuardianPhone | None:
    """Save (or, with no number, forget) the guardian's mobile number and preferred channel."""
    if channel not in rules.CHANNELS:
        raise Invalid(_("Choose e-mail, text message or paper."), code="invalid_channel")
    if number is not None and not isinstance(number, str):
        raise Invalid(_("Field %(name)s has the wrong type.", name="number"), code="wrong_type")
    number = (number or "").strip()
    if not number:
        if channel == "sms":
            raise Invalid(_("Give a mobile number to hear from the school by text message."), code="number_required")
        if channel == "paper":  # letters on paper need no number: the choice is kept, the number forgotten
            return _save(guardian, "", "paper")
        clear_phone(guardian)
        return None
    try:
        e164 = rules.e164(number, guardian_region(guardian))
    except ValueError as exc:
        if str(exc) == "needs_country":
            raise Invalid(
                _("Write the number with its country code, like +47 912 34 567."), code="needs_country"
            ) from None
        raise Invalid(_("This is not a phone number we can send text messages to."), code="invalid_number") from None
    return _save(guardian, e164, channel)


def _save(guardian: User, number: str, channel: str) -> GuardianPhone:
    row = phone_of(guardian)
    now = utcnow()
    if row is None:
        row = GuardianPhone(guardian_id=guardian.id, number=number, created_at=now)
        db.session.add(row)
    changed = row.number != number
    if changed:
        row.number, row.verified = number, False
    row.channel, row.updated_at = channel, now
    db.session.commit()
    audit(
        "guardians",
        actor_id=guardian.id,
        action="phone.set",
        subject_type="guardian",
        subject_id=guardian.id,
        after={"channel": channel, "number_changed": changed, "verified": row.verified},  # never the number
    )
    return row


def clear_phone(guardian: User) -> None:
    row = phone_of(guardian)
    if row is None:
        return
    db.session.delete(row)
    db.session.commit()
    audit("guardians", actor_id=guardian.id, action="phone.clear", subject_type="guardian", subject_id=guardian.id)


def family_language(guardian: User, student_id: int | None = None) -> str:
    """The guardian's own choice, else the language the teacher chose for the family's invitation."""
    spoken = ui_languages()
    if guardian.locale in spoken:
        return guardian.locale
    if student_id is not None:
        chosen = db.session.scalar(
            select(GuardianInvitation.language)
            .where(GuardianInvitation.student_id == student_id, GuardianInvitation.used_by == guardian.id)
            .order_by(GuardianInvitation.id.desc())
            .limit(1)
        )
        if chosen in spoken:
            return str(chosen)
    return "en"


def _consent_question(student: User, scope: str, code: str) -> str:
    label = scope_labels()[scope]
    return _(
        "Classroom Exchange: may %(child)s take part in: %(scope)s? Reply %(yes)s %(code)s to agree "
        "or %(no)s %(code)s to refuse. The code works for %(days)d days.",
        child=student.first_name,
        scope=label,
        yes="YES",
        no="NO",
        code=code,
        days=rules.CODE_DAYS,
    )


def request_consent_by_text(actor: User, student_id, scope) -> dict:
    """Text each guardian of the student who gave a number a consent question with its own code."""
    student = managed_student(actor, student_id)
    scope = valid_scope(scope)
    current = newest_consent(student.id, scope)
    if current is not None and current.status == "granted":
        raise Conflict(_("A guardian has already given this consent."), code="already_granted")
    phones = [(g, phone_of(g)) for g in guardians_of_student(student.id)]
    reachable = [(g, p) for g, p in phones if p is not None and p.number]
    if not reachable:
        raise Conflict(_("No guardian of this student has given a mobile number."), code="no_phone")
    now = utcnow()
    sent = failed = 0
    for guardian, phone in reachable:
        previous = open_requests(guardian.id, student.id, scope)
        if any(r.created_at > now - RESEND_AFTER for r in previous):
            raise Conflict(_("A text was sent for this a few minutes ago. Wait for the answer."), code="recently_sent")
        for old in previous:
            old.used_at, old.outcome = now, "replaced"
        code = rules.new_code()
        row = TextConsentRequest(
            student_id=student.id,
            scope=scope,
            guardian_id=guardian.id,
            code_hash=rules.code_hash(code),
            created_by=actor.id,
            created_at=now,
            expires_at=now + timedelta(days=rules.CODE_DAYS),
        )
        db.session.add(row)
        db.session.commit()
        with force_locale(family_language(guardian, student.id)):
            body = _consent_question(student, scope, code)
        try:
            send_sms(phone.number, body)
            sent += 1
        except SmsFailed:
            row.used_at, row.outcome = utcnow(), "unsent"
            failed += 1
        else:  # counted by channel and language; a YES or NO with the code marks it replied
            outreach.record(
                channel="sms",
                kind="consent_request",
                school_id=student.school_id,
                language=family_language(guardian, student.id),
                recipient_id=guardian.id,
                sender_id=actor.id,
                ref=consent_ref(row.id),
            )
        db.session.commit()
        audit(
            "guardians",
            actor_id=actor.id,
            action="consent.text_request",
            subject_type="student",
            subject_id=student.id,
            school_id=student.school_id,
            after={"scope": scope, "guardian_id": guardian.id, "request_id": row.id, "sent": row.outcome != "unsent"},
        )
    if not sent:
        raise DomainError(
            _("The text message service did not take the message. Try again later, or send the paper letter."),
            code="sms_failed",
            status=503,
        )
    return {"student_id": student.id, "scope": scope, "sent": sent, "failed": failed}


def consent_ref(request_id: int) -> str:
    """The outreach log's ref of one consent question by text (one guardian, one code)."""
    return f"consent_sms:{request_id}"


def open_requests(
    guardian_id: int, student_id: int | None = None, scope: str | None = None
) -> list[TextConsentRequest]:
    q = select(TextConsentRequest).where(
        TextConsentRequest.guardian_id == guardian_id, TextConsentRequest.used_at.is_(None)
    )
    if student_id is not None:
        q = q.where(TextConsentRequest.student_id == student_id, TextConsentRequest.scope == scope)
    return list(db.session.scalars(q.order_by(TextConsentRequest.id)))


def _notice(kind: str, values: dict) -> str:
    child = str(values.get("child") or "")
    if kind == "session_held":
        return _(
            "Classroom Exchange: %(child)s's class met their partner class today: %(title)s.",
            child=child,
            title=str(values.get("title") or ""),
        )
    if kind == "approval_needed":
        return _(
            "Classroom Exchange: the school needs your approval for %(child)s: %(what)s. A text with a code or a letter follows.",
            child=child,
            what=str(values.get("what") or ""),
        )
    if kind == "family_update":
        if values.get("title"):
            return _(
                "Classroom Exchange: news from %(class_name)s. The latest session: %(title)s. Ask %(child)s about it.",
                class_name=str(values.get("class_name") or ""),
                title=str(values.get("title")),
                child=child,
            )
        return _(
            "Classroom Exchange: news from %(class_name)s. Ask %(child)s's teacher for the printed family update.",
            class_name=str(values.get("class_name") or ""),
            child=child,
        )
    return _(
        "Classroom Exchange: a letter about %(child)s is coming home. Please read it, sign it and send it back.",
        child=child,
    )


def notify_by_text(
    guardian: User,
    kind: str,
    *,
    ref: str = "",
    sender_id: int | None = None,
    school_id: int | None = None,
    outreach_kind: str = "text",
    **values,
) -> bool:
    """A short notice by text when the guardian chose text messages and gave a number; False otherwise
    (or when the gateway failed), so the caller sends the e-mail or the paper letter instead.
    `kind`: session_held (child, title), approval_needed (child, what), letter_coming (child),
    family_update (child, class_name, title); `student_id` picks the family's language.
    A notice sent is counted in the outreach log (channel sms, `outreach_kind`, `ref`) and committed."""
    if kind not in rules.NOTICES:
        raise ValueError(f"unknown notice kind {kind!r}")
    phone = phone_of(guardian)
    if phone is None or phone.channel != "sms" or not guardian.is_active:
        return False
    language = family_language(guardian, values.get("student_id"))
    with force_locale(language):
        body = _notice(kind, values)[: rules.INBOUND_LIMIT]
    try:
        send_sms(phone.number, body)
    except SmsFailed:
        return False
    outreach.record(
        channel="sms",
        kind=outreach_kind,
        school_id=school_id if school_id is not None else _school_of(guardian, values.get("student_id")),
        language=language,
        recipient_id=guardian.id,
        sender_id=sender_id,
        ref=ref or f"text:{kind}",
    )
    db.session.commit()
    log.info("sms notice sent kind=%s guardian=%s", kind, guardian.id)
    return True


def _school_of(guardian: User, student_id) -> int | None:
    """Whose outreach a notice is: the child's school, else the guardian's, else their first child's."""
    student = db.session.get(User, student_id) if isinstance(student_id, int) else None
    if student is not None and student.school_id:
        return student.school_id
    if guardian.school_id:
        return guardian.school_id
    return next((c.school_id for c in children_of(guardian) if c.school_id), None)
