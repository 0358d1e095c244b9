"""The paper consent form for one learner's request, for a family without internet at home: the
opportunity's facts (dates, place, supervising adult, ratio, what students learn) and a slip the
family signs and returns; the teacher then records its answer (`interests.paper_consent`).

In the family's language when the interface speaks it (their latest invitation's language, else
the school's), else English; the teacher may choose another."""

from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..db import db
from ..directory.models import School, SchoolClass
from ..errors import Conflict, Forbidden
from ..guardians import letters
from ..guardians.emails import ui_languages
from ..guardians.models import GuardianInvitation
from ..guardians.students import may_manage_student
from .interests import interest_or_404
from .models import Organisation
from .opportunities import opportunity_or_404


def letter(actor: User, interest_id, lang: str | None) -> dict:
    """The printable form, for the student's teacher or their school's administrator, while the
    family's answer is awaited."""
    interest = interest_or_404(interest_id)
    student = db.session.get(User, interest.student_id)
    if student is None or not may_manage_student(actor, student):
        raise Forbidden(_("This student is not in one of your classes."), code="not_your_student")
    if interest.state != "endorsed":
        raise Conflict(
            _("The form is for a request the teacher has endorsed and the family has not answered."), code="wrong_state"
        )
    opp = opportunity_or_404(interest.opportunity_id)
    org = db.session.get(Organisation, opp.organisation_id)
    cls = db.session.get(SchoolClass, interest.class_id)
    school = db.session.get(School, student.school_id) if student.school_id else None
    invited = db.session.scalar(
        select(GuardianInvitation.language)
        .where(GuardianInvitation.student_id == student.id)
        .order_by(GuardianInvitation.id.desc())
        .limit(1)
    )
    available = sorted(ui_languages())
    code = letters.choose(lang, [invited, *(school.languages if school else [])], available)
    if code not in available:
        code = "en"
    values = {"child": student.first_name, "title": opp.title, "organisation": org.name if org else ""}
    with force_locale(code):
        texts = {
            "heading": _("Consent for %(child)s: %(title)s", **values),
            "intro": _(
                '%(child)s would like to take part in "%(title)s", offered by %(organisation)s. Their teacher '
                "supports it. The organisation learns only your child's first name and initial, school and grade.",
                **values,
            ),
            "dates": _("Dates"),
            "place": _("Where"),
            "online": _("Online"),
            "supervisor": _("Supervising adult"),
            "ratio": _("Adults to students"),
            "learning": _("What students will learn"),
            "ask": _("Please tick one box, sign, and return this form to the teacher."),
            "yes": _("I agree that my child takes part."),
            "no": _("I do not agree."),
            "name": _("Name of parent or guardian"),
            "signature": _("Signature"),
            "date": _("Date"),
            "question": _("A question for the teacher (optional)"),
        }
    return {
        "lang": code,
        "dir": letters.direction(code),
        "texts": texts,
        "interest": interest,
        "opportunity": opp,
        "student": student,
        "class": cls,
        "school": school,
        "languages": [(c, letters.LANGUAGE_NAMES.get(c, c)) for c in available],
    }
