"""Replies by text message from families: a decision when a guardian's number sends "YES code" or
"NO code" for one of their open requests, otherwise a short message for the teacher.

The sender's number only says which guardian it may be (numbers can be forged); the one-time
code, unused and unexpired, is what makes it consent. A text from a number no guardian gave is
not kept at all (a line in the log, without the number).
"""

from __future__ import annotations

import logging

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from .. import outreach
from ..accounts.models import User
from ..db import db, utcnow
from ..safety import check_text
from ..signals import audit
from ..sms import SmsFailed, send_sms
from . import texting_rules as rules
from .decisions import give_consent, withdraw_consent
from .presenters import scope_labels
from .students import guardians_of_student, is_guardian_of, managed_student
from .texting import consent_ref, family_language, open_requests, phone_of
from .texting_models import GuardianPhone, InboundText, TextConsentRequest

log = logging.getLogger("exchange.guardians.texting")


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
    outreach.mark_replied(consent_ref(request.id), guardian.id)  # committed with the reply below
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
    give_consent(guardian, student.id, request.scope, method="sms", audit_extra={"request_id": request.id})
    db.session.commit()  # the request's outcome, also when the consent already stood


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
        for request in open_requests(guardian.id):
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
