"""The digital-citizenship lesson before cross-school rooms (issue 22): what to share and not
share, how to report, how to be kind across cultures; three questions and a pledge. A room can
require it (`Room.requires_citizenship`): the room's one access rule for students
(`consent.room_consent_refusal`, asked by rooms through its port) then keeps out a student who has
not taken it, on every path. The teacher sees who has; families read the same in the family update.
"""

from __future__ import annotations

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import ClassMembership
from ..directory.services import can_manage_class
from ..errors import Conflict, Forbidden, Invalid
from ..signals import audit
from . import citizenship_rules as rules
from .models import CitizenshipPledge
from .students import class_or_404, classes_of_student


def pledge_of(student_id: int) -> CitizenshipPledge | None:
    """The student's pledge for the lesson's current version, if they took it."""
    return db.session.scalar(
        select(CitizenshipPledge).where(
            CitizenshipPledge.student_id == student_id, CitizenshipPledge.version == rules.VERSION
        )
    )


def refusal(student: User, room) -> str | None:
    """ "citizenship_missing" when the room requires the lesson and the student has not taken it."""
    if not getattr(room, "requires_citizenship", False):
        return None
    pledge = pledge_of(student.id)
    return rules.refusal(True, pledge.version if pledge else None)


def band_of(student: User) -> str:
    classes = classes_of_student(student.id)
    return rules.band_for(classes[0].grade_band if classes else None)


def questions() -> list[dict]:
    """The lesson's questions with their choices, in the interface's language."""
    texts = {
        "phone": _(
            "A student in your partner class asks for your phone number so you can chat after school. What do you do?"
        ),
        "worry": _("Someone writes something in the room that worries you or makes you feel bad. What do you do?"),
        "holiday": _(
            "Your partner class tells you about a holiday you have never heard of. What is a kind thing to do?"
        ),
    }
    choices = {
        "give": _("Give it: they seem nice."),
        "tell": _("Say no, keep it private, and tell my teacher."),
        "other_app": _("Give them my username on another app instead."),
        "ignore": _("Keep it to myself."),
        "report": _("Use the Report button or tell my teacher."),
        "answer_back": _("Write something mean back."),
        "ask": _("Ask them about it with curiosity."),
        "strange": _("Tell them it sounds strange."),
        "change_subject": _("Change the subject quickly."),
    }
    return [
        {"id": q, "text": texts[q], "choices": [{"id": c, "text": choices[c]} for c in options]}
        for q, (options, _right) in rules.QUESTIONS.items()
    ]


def take(student: User, answers: object, pledge: object) -> CitizenshipPledge:
    """The student answers the three questions rightly and accepts the pledge; refused otherwise,
    with the questions to look at again."""
    if student.role != "student":
        raise Forbidden(_("The lesson and its pledge are for students."), code="forbidden")
    if not isinstance(answers, dict):
        raise Invalid(_("Answer every question of the lesson."), code="invalid_payload")
    wrong = rules.wrong_answers(answers)
    if wrong:
        numbers = ", ".join(str(list(rules.QUESTIONS).index(q) + 1) for q in wrong)
        raise Invalid(
            _("Look again at question %(numbers)s: the lesson above has the answer.", numbers=numbers),
            code="citizenship_answers",
        )
    if pledge is not True:
        raise Invalid(_("Tick the pledge to finish the lesson."), code="citizenship_pledge")
    if pledge_of(student.id) is not None:
        raise Conflict(_("You have already taken this lesson. Thank you!"), code="already_taken")
    row = CitizenshipPledge(
        student_id=student.id,
        version=rules.VERSION,
        band=band_of(student),
        language=str(get_locale() or "en"),
        answers_right=len(rules.QUESTIONS),
        pledged_at=utcnow(),
    )
    db.session.add(row)
    db.session.flush()
    audit(
        "guardians",
        actor_id=student.id,
        action="citizenship.pledge",
        subject_type="student",
        subject_id=student.id,
        school_id=student.school_id,
        after={"version": rules.VERSION, "band": row.band},
    )
    db.session.commit()
    return row


def class_status(actor: User, class_id) -> tuple[object, list[tuple[User, CitizenshipPledge | None]]]:
    """Each approved student of the class and their pledge (or None), for the class's teacher or admin."""
    cls = class_or_404(class_id)
    if not can_manage_class(actor, cls):
        raise Forbidden(_("Only the class teacher can see this."), code="not_your_class")
    students = list(
        db.session.scalars(
            select(User)
            .join(ClassMembership, ClassMembership.user_id == User.id)
            .where(ClassMembership.class_id == cls.id, ClassMembership.status == "approved")
            .order_by(User.first_name, User.last_name)
        )
    )
    pledges = {
        p.student_id: p
        for p in db.session.scalars(
            select(CitizenshipPledge).where(
                CitizenshipPledge.student_id.in_([s.id for s in students] or [-1]),
                CitizenshipPledge.version == rules.VERSION,
            )
        )
    }
    return cls, [(s, pledges.get(s.id)) for s in students]
