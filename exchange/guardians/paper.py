"""Consent on paper, for families without internet at home: the printable letter in the family's
language, and the teacher recording what came back signed (the scopes, who signed, the date)."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..accounts.services import validate_name
from ..db import db, utcnow
from ..directory.models import School
from ..errors import Invalid
from ..signals import audit
from . import letters, rules
from .decisions import valid_scope, withdraw_consent
from .emails import ui_languages
from .models import Consent, GuardianInvitation
from .students import classes_of_student, managed_student


def parse_date(value, name: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise Invalid(_("%(name)s must be a date like 2026-09-01.", name=name), code="invalid_date") from None


def record_paper(
    actor: User, student_id, *, scopes, guardian_name: str, signed_on, decision: str = "grant"
) -> list[Consent]:
    """A teacher records a signed paper form: the scopes it grants (or withdraws), who signed it, and its date."""
    student = managed_student(actor, student_id)
    if not isinstance(scopes, (list, tuple)) or not scopes or not all(isinstance(s, str) for s in scopes):
        raise Invalid(_("Choose at least one scope."), code="invalid_scope")
    scopes = [valid_scope(s) for s in dict.fromkeys(scopes)]
    if decision not in ("grant", "withdraw"):
        raise Invalid(_("The paper either gives or withdraws consent."), code="invalid_decision")
    name = validate_name(guardian_name, _("Name of the parent or guardian"))
    signed = parse_date(signed_on, _("The date on the paper"))
    problem = rules.paper_date_problem(signed, utcnow().date())
    if problem == "date_in_future":
        raise Invalid(_("The date on the paper cannot be in the future."), code=problem)
    if problem:
        raise Invalid(_("This paper is too old. Ask the family to sign a new letter."), code=problem)
    if decision == "withdraw":
        return [withdraw_consent(actor, student, s, method="paper") for s in scopes]
    rows = []
    now = utcnow()
    for scope in scopes:
        row = Consent(
            student_id=student.id,
            scope=scope,
            status="granted",
            method="paper",
            given_by=actor.id,
            guardian_name=name,
            signed_on=signed,
            recorded_at=now,
        )
        db.session.add(row)
        rows.append(row)
    db.session.commit()
    for row in rows:
        audit(
            "guardians",
            actor_id=actor.id,
            action="consent.paper_record",
            subject_type="student",
            subject_id=student.id,
            school_id=student.school_id,
            after={"scope": row.scope, "method": "paper", "signed_on": signed.isoformat(), "consent_id": row.id},
        )
    return rows


def letter(actor: User, student_id, lang: str | None) -> dict:
    """The printable letter for one student: texts in the chosen language, names filled in."""
    student = managed_student(actor, student_id)
    classes = classes_of_student(student.id)
    cls = classes[0] if classes else None
    school = db.session.get(School, student.school_id) if student.school_id else None
    invitation_lang = db.session.scalar(
        select(GuardianInvitation.language)
        .where(GuardianInvitation.student_id == student.id)
        .order_by(GuardianInvitation.id.desc())
        .limit(1)
    )
    code = letters.choose(lang, [invitation_lang, *(school.languages if school else [])], ui_languages())
    values = {
        "child": student.full_name,
        "class_name": cls.name if cls else "",
        "school": school.name if school else "",
        "teacher": cls.teacher.full_name if cls else _("your child's teacher"),
    }
    texts = letters.BUILT_IN.get(code)
    if texts is None:
        with force_locale(code):
            texts = english_letter()
    return {
        "lang": code,
        "dir": letters.direction(code),
        "texts": letters.fill(texts, values),
        "student": student,
        "school": school,
        "class": cls,
        "languages": [(c, letters.LANGUAGE_NAMES.get(c, c)) for c in ("en", *sorted(letters.BUILT_IN))],
    }


def english_letter() -> dict[str, str]:
    """The letter through gettext: English, or the interface language when a catalogue exists."""
    return {
        "title": _("Consent for %(child)s to take part in Classroom Exchange"),
        "greeting": _("Dear parent or guardian of %(child)s,"),
        "intro": _(
            "%(class_name)s at %(school)s takes part in Classroom Exchange: the class meets a partner class "
            "in another country, and sometimes a checked expert, in online rooms that teachers supervise."
        ),
        "ask": _("Please tick what you agree to, sign, and return this letter to %(teacher)s."),
        "exchanges": _("Talking with partner classes from other schools"),
        "expert_visits": _("Visits from checked experts"),
        "file_sharing": _("Sharing school work (files) with partner classes"),
        "public_showing": _("Showing my child's school work in public exhibitions, with first name and initial only"),
        "public_faces": _("Public exhibitions may include pictures where my child's face can be seen"),
        "note": _(
            "Other schools only see your child's first name and the first letter of the family name. "
            "You can withdraw consent at any time, on paper or online."
        ),
        "guardian_name": _("Name of parent or guardian"),
        "signature": _("Signature"),
        "date": _("Date"),
        "online": _("You can also give consent online with the link your teacher sends you."),
        "slip_title": _("Reply slip: cut here and return this part to %(teacher)s"),
        "slip": _("Slip"),
        "slip_child": _("Child"),
        "slip_class": _("Class"),
        "agree": _("I agree"),
        "disagree": _("I do not agree"),
        "question": _("I have a question, please contact me:"),
    }
