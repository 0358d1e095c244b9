"""Reply slips on printed letters (issue 22): the tear-off slip at the bottom of a consent letter
or a family update comes back signed, and the child's teacher (or the school's admin) records it.

A consent answer goes through the existing paper path (`paper.record_paper`: a "yes" grants the
scope, a "no" withdraws it or records the refusal); a question is kept, after the filter every
adult's words go through, for the child's teachers (`paper_questions`). Each recorded slip marks
the printed letter it answers as replied in the outreach log when the guardian is known.

Also here: what families answered about a child (texts and slips), for the guardian's export and
an approved erasure.
"""

from __future__ import annotations

from typing import Any, cast

from flask_babel import gettext as _
from sqlalchemy import CursorResult, delete, select

from .. import outreach
from ..accounts.models import User
from ..accounts.services import validate_name
from ..db import db, utcnow
from ..errors import Invalid
from ..outreach.models import OutreachEvent
from ..safety import check_text
from ..signals import audit
from . import rules, slip_rules
from .decisions import valid_scope
from .paper import parse_date, record_paper
from .presenters import iso
from .slip_models import PaperReply
from .students import classes_of_student, guardians_of_student, managed_student
from .texting import notify_by_text
from .texting_models import InboundText


def letter_slip(student_id: int) -> str:
    """The reference on the slip of a child's consent letter."""
    return slip_rules.slip_ref("consent", student_id)


def update_slip(class_id: int) -> str:
    """The reference on the slip of a class's family update (the family writes the child's name)."""
    return slip_rules.slip_ref("update", class_id)


def known_slips(student: User) -> dict[str, str]:
    """The references a slip about this child may carry, and the letter each names."""
    known = {update_slip(c.id): "update" for c in classes_of_student(student.id)}
    known[letter_slip(student.id)] = "consent"
    return known


def _text_field(value, name: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise Invalid(_("Field %(name)s has the wrong type.", name=name), code="wrong_type")
    return value


def record_reply(
    actor: User, student_id, *, slip, kind, scope=None, answer=None, guardian_name, signed_on=None, body=None
) -> PaperReply:
    """Record one returned slip: a consent answer for one scope, or a question to call back."""
    student = managed_student(actor, student_id)
    if kind not in slip_rules.KINDS:
        raise Invalid(_("A slip is either a consent answer or a question."), code="invalid_kind")
    ref = slip_rules.read_slip(slip)
    if ref is None:
        raise Invalid(_("Write the reference printed on the slip, like 7K2Q4F."), code="invalid_slip")
    document = known_slips(student).get(ref)
    if document is None:
        raise Invalid(
            _(
                "This slip is not from a letter about %(name)s. Check the reference and the child's name on the slip.",
                name=student.first_name,
            ),
            code="slip_not_this_student",
        )
    text = " ".join(_text_field(body, "body").split())
    if kind == "consent":
        reply = _consent_reply(actor, student, document, scope, answer, guardian_name, signed_on, text)
    else:
        reply = _question_reply(student, guardian_name, signed_on, text)
    reply.slip_ref, reply.recorded_by, reply.recorded_at = ref, actor.id, utcnow()
    guardian = _named_guardian(student.id, reply.guardian_name)
    reply.guardian_id = guardian.id if guardian else None
    db.session.add(reply)
    if guardian is not None and document == "consent":
        outreach.mark_replied(f"letter:{ref}", guardian.id)
    db.session.commit()
    audit(
        "guardians",
        actor_id=actor.id,
        action="paper_reply.record",
        subject_type="student",
        subject_id=student.id,
        school_id=student.school_id,
        after={
            "reply_id": reply.id,
            "slip": ref,
            "kind": reply.kind,
            "scope": reply.scope,
            "answer": reply.answer,
            "guardian_id": reply.guardian_id,
        },  # never the question's words
    )
    return reply


def _consent_reply(
    actor: User, student: User, document: str, scope, answer, guardian_name, signed_on, text: str
) -> PaperReply:
    if document != "consent":
        raise Invalid(
            _("A family update's slip asks questions only; consent comes back on the consent letter's slip."),
            code="slip_not_consent",
        )
    scope = valid_scope(scope)
    if answer not in slip_rules.ANSWERS:
        raise Invalid(_("Tick what the slip says: agree or do not agree."), code="invalid_answer")
    if text:
        raise Invalid(
            _("Record the question written on the slip as its own reply (a question), after the consent."),
            code="question_on_consent",
        )
    name = _text_field(guardian_name, "guardian_name")
    # The existing paper path: the same checks of the name and the date, the same consent rows and audit.
    record_paper(
        actor,
        student.id,
        scopes=[scope],
        guardian_name=name,
        signed_on=signed_on,
        decision="grant" if answer == "yes" else "withdraw",
    )
    return PaperReply(
        student_id=student.id,
        kind="consent",
        scope=scope,
        answer=answer,
        guardian_name=" ".join(name.split()),
        signed_on=parse_date(signed_on, _("The date on the paper")),
    )


def _question_reply(student: User, guardian_name, signed_on, text: str) -> PaperReply:
    name = validate_name(_text_field(guardian_name, "guardian_name"), _("Name of the parent or guardian"))
    if not text:
        raise Invalid(_("Write down the question from the slip."), code="question_required")
    if len(text) > slip_rules.BODY_LIMIT:
        raise Invalid(_("The question is too long: keep it under 1000 characters."), code="too_long")
    verdict = check_text(text, audience="adult")
    if verdict.action == "block":
        raise Invalid(
            _("This question cannot be kept as it is written. Call the family back instead."),
            code="question_blocked",
        )
    signed = None
    if signed_on not in (None, ""):
        signed = parse_date(signed_on, _("The date on the paper"))
        problem = rules.paper_date_problem(signed, utcnow().date())
        if problem == "date_in_future":
            raise Invalid(_("The date on the paper cannot be in the future."), code=problem)
    return PaperReply(
        student_id=student.id,
        kind="question",
        scope="",
        answer="",
        body=verdict.text,
        guardian_name=name,
        signed_on=signed,
    )


def _named_guardian(student_id: int, name: str) -> User | None:
    """The linked guardian whose name is the one on the slip, when exactly one is."""
    wanted = name.casefold()
    found = [g for g in guardians_of_student(student_id) if g.full_name.casefold() == wanted]
    return found[0] if len(found) == 1 else None


def replies_of(student_id: int) -> list[PaperReply]:
    return list(
        db.session.scalars(select(PaperReply).where(PaperReply.student_id == student_id).order_by(PaperReply.id.desc()))
    )


def paper_questions(student_id: int) -> list[PaperReply]:
    """The questions families wrote on returned slips about this child, newest first (for the
    teachers' view of the family thread). The caller has checked who asks."""
    return [r for r in replies_of(student_id) if r.kind == "question"]


def reply_view(reply: PaperReply) -> dict:
    return {
        "id": reply.id,
        "slip": reply.slip_ref,
        "kind": reply.kind,
        "scope": reply.scope or None,
        "answer": reply.answer or None,
        "body": reply.body,
        "guardian_name": reply.guardian_name,
        "guardian_id": reply.guardian_id,
        "signed_on": reply.signed_on.isoformat() if reply.signed_on else None,
        "recorded_at": iso(reply.recorded_at),
    }


def letter_printed(actor: User, student: User, language: str) -> None:
    """Count a consent letter opened for printing in the outreach log (channel paper, kind letter):
    once a day per child and language, so switching languages or reloading does not count twice.
    The recipient is the child's guardian when there is exactly one, else no one in particular."""
    ref = f"letter:{letter_slip(student.id)}"
    today = utcnow().replace(hour=0, minute=0, second=0, microsecond=0)
    seen = db.session.scalar(
        select(OutreachEvent.id)
        .where(OutreachEvent.ref == ref, OutreachEvent.language == language, OutreachEvent.sent_at >= today)
        .limit(1)
    )
    if seen is not None:
        return
    guardians = guardians_of_student(student.id)
    text_ref = f"letter_text:{letter_slip(student.id)}"
    for guardian in guardians:  # a family who chose text messages hears that the letter is coming home
        if outreach.already_sent(text_ref, guardian.id, since=today):
            continue
        notify_by_text(
            guardian,
            "letter_coming",
            child=student.first_name,
            student_id=student.id,
            school_id=student.school_id,
            sender_id=actor.id,
            ref=text_ref,
        )
    outreach.record(
        channel="paper",
        kind="letter",
        school_id=student.school_id,
        language=language,
        recipient_id=guardians[0].id if len(guardians) == 1 else None,
        sender_id=actor.id,
        ref=ref,
    )
    db.session.commit()


# ---- what families answered about a child: the guardian's export and an approved erasure ----


def family_replies(student_id: int) -> dict[str, list[dict]]:
    """The texts that came back about the child (never the number) and the slips recorded for them."""
    texts = db.session.scalars(select(InboundText).where(InboundText.student_id == student_id).order_by(InboundText.id))
    return {
        "texts": [
            {"at": iso(t.received_at), "outcome": t.outcome, "body": t.body, "guardian_id": t.guardian_id}
            for t in texts
        ],
        "paper_replies": [reply_view(r) for r in reversed(replies_of(student_id))],
    }


def as_writings(replies: dict[str, list[dict]]) -> list[dict]:
    """The same answers as lines of the CSV download (type, time, words)."""
    rows = [{"type": "text_reply", "at": t["at"], "body": t["body"]} for t in replies["texts"]]
    rows += [
        {"type": "paper_reply", "at": r["recorded_at"], "body": r["body"] or f"{r['scope']}: {r['answer']}"}
        for r in replies["paper_replies"]
    ]
    return rows


def erase_family_replies(student_id: int) -> dict[str, int]:
    """An approved erasure: the texts about the child and the recorded slips go (the consent rows
    they led to stay: they are the school's record of a decision, not the child's words)."""
    # A DELETE's result is a CursorResult (it has rowcount); SQLAlchemy types `execute` as the base Result.
    texts = cast(CursorResult[Any], db.session.execute(delete(InboundText).where(InboundText.student_id == student_id)))
    slips = cast(CursorResult[Any], db.session.execute(delete(PaperReply).where(PaperReply.student_id == student_id)))
    return {"texts": int(texts.rowcount or 0), "paper_replies": int(slips.rowcount or 0)}
