"""Consent and short notices by text message, for families without internet at home.

A teacher sends a consent question by text with a one-time code; the guardian answers "YES
code" or "NO code" from the number they gave. The sender's number only says which guardian it
may be (numbers can be forged); the code, unused and unexpired, is what makes it consent. Any
other reply is kept as a short message for the teacher, never as consent.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import School
from ..errors import Conflict, DomainError, Invalid
from ..safety import check_text
from ..signals import audit
from ..sms import SmsFailed, send_sms
from . import texting_rules as rules
from .consent import newest_consent
from .decisions import valid_scope, withdraw_consent
from .emails import ui_languages
from .models import Consent, GuardianInvitation
from .presenters import scope_labels
from .students import children_of, guardians_of_student, is_guardian_of, managed_student
from .texting_models import GuardianPhone, InboundText, TextConsentRequest

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
    if not (number or "").strip():
        if channel == "sms":
            raise Invalid(_("Give a mobile number to hear from the school by text message."), code="number_required")
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
    row = phone_of(guardian)
    now = utcnow()
    if row is None:
        row = GuardianPhone(guardian_id=guardian.id, number=e164, created_at=now)
        db.session.add(row)
    changed = row.number != e164
    if changed:
        row.number, row.verified = e164, False
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
    reachable = [(g, p) for g, p in phones if p is not None]
    if not reachable:
        raise Conflict(_("No guardian of this student has given a mobile number."), code="no_phone")
    now = utcnow()
    sent = failed = 0
    for guardian, phone in reachable:
        previous = _open_requests(guardian.id, student.id, scope)
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
            db.session.commit()
            failed += 1
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


def _open_requests(
    guardian_id: int, student_id: int | None = None, scope: str | None = None
) -> list[TextConsentRequest]:
    q = select(TextConsentRequest).where(
        TextConsentRequest.guardian_id == guardian_id, TextConsentRequest.used_at.is_(None)
    )
    if student_id is not None:
        q = q.where(TextConsentRequest.student_id == student_id, TextConsentRequest.scope == scope)
    return list(db.session.scalars(q.order_by(TextConsentRequest.id)))


def receive_text(sender, body) -> str:
    """A text from the gateway: a decision when a guardian's number sent "YES code" or "NO code"
    for one of their open requests; otherwise a message for the teacher; from a number no guardian
    gave, nothing is kept. Returns the outcome."""
    try:
        number = rules.e164(sender, None)
    except ValueError:
        log.info("sms inbound from an unusable number: not kept")
        return "ignored"
    guardians = _guardians_with(number)
    if not guardians:
        log.info("sms inbound from an unknown number: not kept")
        return "ignored"
    text = rules.clean_inbound(body)
    reply = rules.read_reply(text)
    if reply.decision and reply.code:
        return _answer(number, guardians, reply, text)
    return _keep_message(number, guardians, text)


def _guardians_with(number: str) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(GuardianPhone, GuardianPhone.guardian_id == User.id)
            .where(GuardianPhone.number == number, User.role == "guardian", User.status == "active")
            .order_by(User.id)
        )
    )


def _answer(number: str, guardians: list[User], reply: rules.Reply, text: str) -> str:
    assert reply.code is not None
    kept = text.upper().replace(reply.code, "•" * rules.CODE_LENGTH)  # a used code is not kept readable
    wanted = rules.code_hash(reply.code)
    by_id = {g.id: g for g in guardians}
    request = db.session.scalar(
        select(TextConsentRequest)
        .where(TextConsentRequest.guardian_id.in_(by_id), TextConsentRequest.code_hash == wanted)
        .order_by(TextConsentRequest.id.desc())
        .limit(1)
    )
    now = utcnow()
    if request is None:
        return _wrong_code(number, guardians, kept)
    guardian = by_id[request.guardian_id]
    problem = rules.request_problem(expires_at=request.expires_at, used_at=request.used_at, now=now)
    if problem or not is_guardian_of(guardian, request.student_id):
        outcome = "expired" if problem == "request_expired" else "closed"
        _store(number, guardian, request.student_id, kept, outcome, request.id)
        return outcome
    student = db.session.get(User, request.student_id)
    assert student is not None
    request.used_at, request.outcome = now, "granted" if reply.decision == "yes" else "refused"
    phone = phone_of(guardian)
    if phone is not None:
        phone.verified = True  # the code came back from this number: it reaches the guardian
    inbound = _store(number, guardian, student.id, kept, request.outcome, request.id)
    if reply.decision == "yes":
        _grant(guardian, student, request)
    else:
        withdraw_consent(guardian, student, request.scope, method="sms")
    _confirm(guardian, student, request)
    log.info("sms consent answered request=%s outcome=%s inbound=%s", request.id, request.outcome, inbound.id)
    return request.outcome


def _grant(guardian: User, student: User, request: TextConsentRequest) -> None:
    """Recorded as the guardian's own decision, as online consent is, with "sms" as the way it came."""
    current = newest_consent(student.id, request.scope)
    if current is not None and current.status == "granted":
        db.session.commit()
        return
    row = Consent(
        student_id=student.id,
        scope=request.scope,
        status="granted",
        method="sms",
        given_by=guardian.id,
        recorded_at=utcnow(),
    )
    db.session.add(row)
    db.session.commit()
    audit(
        "guardians",
        actor_id=guardian.id,
        action="consent.grant",
        subject_type="student",
        subject_id=student.id,
        school_id=student.school_id,
        after={"scope": request.scope, "method": "sms", "consent_id": row.id, "request_id": request.id},
    )


def _confirm(guardian: User, student: User, request: TextConsentRequest) -> None:
    """A short thank-you, so a family that did not send the answer learns of it at once."""
    phone = phone_of(guardian)
    if phone is None:
        return
    with force_locale(family_language(guardian, student.id)):
        label = scope_labels()[request.scope]
        if request.outcome == "granted":
            body = _(
                "Thank you. Recorded: %(child)s may take part in: %(scope)s.", child=student.first_name, scope=label
            )
        else:
            body = _(
                "Thank you. Recorded: %(child)s will not take part in: %(scope)s.",
                child=student.first_name,
                scope=label,
            )
    try:
        send_sms(phone.number, body)
    except SmsFailed:
        pass  # logged by the gateway module; the decision stands


def _wrong_code(number: str, guardians: list[User], kept: str) -> str:
    """A decision with a code that opens nothing: a message for the teacher; too many such codes
    from a number close its guardians' open requests (a code is short enough to be guessed)."""
    now = utcnow()
    for guardian in guardians:
        for request in _open_requests(guardian.id):
            request.wrong_codes += 1
            if request.wrong_codes >= rules.MAX_WRONG_CODES:
                request.used_at, request.outcome = now, "locked"
                log.warning("sms consent request locked after wrong codes request=%s", request.id)
    _keep_message(number, guardians, kept)
    return "message"


def _keep_message(number: str, guardians: list[User], text: str) -> str:
    """Kept for the teacher to read, after the filter adults' words go through; blocked words are not kept."""
    verdict = check_text(text, audience="adult") if text else None
    outcome = "blocked" if verdict is not None and verdict.action == "block" else "message"
    body = "" if verdict is None or outcome == "blocked" else verdict.text
    for guardian in guardians:
        _store(number, guardian, _student_asked_last(guardian.id), body, outcome, None)
    return outcome


def _student_asked_last(guardian_id: int) -> int | None:
    """The child the school last texted this guardian about: the teacher most likely to be answered."""
    return db.session.scalar(
        select(TextConsentRequest.student_id)
        .where(TextConsentRequest.guardian_id == guardian_id)
        .order_by(TextConsentRequest.id.desc())
        .limit(1)
    )


def _store(number: str, guardian: User, student_id: int | None, body: str, outcome: str, request_id) -> InboundText:
    row = InboundText(
        from_number=number,
        guardian_id=guardian.id,
        student_id=student_id,
        body=body[: rules.INBOUND_LIMIT],
        request_id=request_id,
        received_at=utcnow(),
        outcome=outcome,
    )
    db.session.add(row)
    db.session.commit()
    audit(
        "guardians",
        actor_id=guardian.id,
        action="text.received",
        subject_type="guardian",
        subject_id=guardian.id,
        after={"inbound_id": row.id, "outcome": outcome, "request_id": request_id, "student_id": student_id},
    )
    return row


def texts_for_student(actor: User, student_id) -> list[InboundText]:
    """Replies by text from the student's guardians that were not consent: what the teacher reads."""
    student = managed_student(actor, student_id)
    guardian_ids = [g.id for g in guardians_of_student(student.id)]
    if not guardian_ids:
        return []
    return list(
        db.session.scalars(
            select(InboundText)
            .where(
                InboundText.guardian_id.in_(guardian_ids),
                InboundText.outcome.not_in(("granted", "refused")),
                (InboundText.student_id.is_(None)) | (InboundText.student_id == student.id),
            )
            .order_by(InboundText.id.desc())
            .limit(200)
        )
    )


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
    return _(
        "Classroom Exchange: a letter about %(child)s is coming home. Please read it, sign it and send it back.",
        child=child,
    )


def notify_by_text(guardian: User, kind: str, **values) -> bool:
    """A short notice by text when the guardian chose text messages and gave a number; False otherwise
    (or when the gateway failed), so the caller sends the e-mail or the paper letter instead.
    `kind`: session_held (child, title), approval_needed (child, what), letter_coming (child)."""
    if kind not in rules.NOTICES:
        raise ValueError(f"unknown notice kind {kind!r}")
    phone = phone_of(guardian)
    if phone is None or phone.channel != "sms" or not guardian.is_active:
        return False
    with force_locale(family_language(guardian, values.get("student_id"))):
        body = _notice(kind, values)[: rules.INBOUND_LIMIT]
    try:
        send_sms(phone.number, body)
    except SmsFailed:
        return False
    log.info("sms notice sent kind=%s guardian=%s", kind, guardian.id)
    return True
