"""A learner's way to a place, step by step, and who follows which requests.

A student says they are interested; their teacher endorses (and confirms the minimum age); a
guardian consents online, or the teacher records the paper form; the organisation confirms while
places are left, else the student waits on the list and moves up when a place frees. Every step is
audited, and each person who must act next is told by e-mail.

What an organisation learns of a student: first name and initial, school, grade band, and only
once the family has consented. The student's own words on why stay with the school.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from .. import signals
from ..accounts.models import User
from ..clock import now, today
from ..db import db
from ..directory.models import School, SchoolClass
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..guardians.students import children_of, guardians_of_student, may_manage_student
from ..guardians.texting import family_language, notify_by_text
from ..ids import lookup
from ..outbox import link_root, send_email
from ..outreach import mark_replied, record
from . import organisations, rules
from .models import Interest, Opportunity, Organisation
from .opportunities import (
    confirmed_count,
    eligibility,
    is_listed,
    opportunity_or_404,
    parse_day,
    student_class,
    visible,
)

log = logging.getLogger("exchange.partners")


# ---- the learner's way ---------------------------------------------------------------------------


def _audit(actor: User | None, interest: Interest, action: str, **extra) -> None:
    student = db.session.get(User, interest.student_id)
    signals.audit(
        "partners",
        actor_id=actor.id if actor else None,
        action=f"interest.{action}",
        subject_type="interest",
        subject_id=interest.id,
        school_id=student.school_id if student else None,
        after={"state": interest.state, "opportunity_id": interest.opportunity_id, **extra},
    )


def _move(interest: Interest, action: str, actor: User) -> None:
    if rules.step_problem(action, interest.state):
        raise Conflict(_("This step does not fit where the request stands now."), code="wrong_state")
    interest.state = rules.STEPS[action][1]
    interest.updated_at = now()


def express_interest(student: User, opp_id, note: str = "") -> Interest:
    if student.role != "student":
        raise Forbidden(_("Only students say they are interested; a teacher endorses."), code="forbidden")
    opp = visible(student, opp_id)
    if not is_listed(opp):
        raise Conflict(_("This opportunity is closed."), code="closed")
    cls = student_class(student)
    if cls is None:
        raise Forbidden(_("Join your class first; your teacher endorses your request."), code="no_class")
    problem = eligibility(student, opp, cls)
    if problem == "grade":
        raise Forbidden(_("This opportunity is for other grades."), code="not_eligible")
    if problem == "school":
        raise Forbidden(_("This opportunity is for other schools."), code="not_eligible")
    note = organisations.clean_text(note, _("Why you are interested"), 500)
    existing = db.session.scalar(
        select(Interest).where(Interest.opportunity_id == opp.id, Interest.student_id == student.id)
    )
    if existing is not None and existing.state in rules.OPEN_STATES:
        raise Conflict(_("You have already said you are interested."), code="already_interested")
    if existing is not None:  # asked again after withdrawing or a decline: a fresh request
        existing.state, existing.note, existing.class_id = "interested", note, cls.id
        existing.endorsed_by = existing.endorsed_at = existing.consent_by = existing.consent_at = None
        existing.decided_by = existing.decided_at = None
        existing.consent_method, existing.reason, existing.updated_at = "", "", now()
        interest = existing
    else:
        interest = Interest(opportunity_id=opp.id, student_id=student.id, class_id=cls.id, note=note)
        db.session.add(interest)
    db.session.flush()
    _audit(student, interest, "express")
    db.session.commit()
    teacher = db.session.get(User, cls.teacher_id)
    if teacher is not None and teacher.email:
        send_email(
            teacher.email,
            _("A student asks you to endorse an opportunity"),
            _(
                '%(student)s of %(cls)s is interested in "%(title)s". Endorse or decline at %(url)s',
                student=student.short_name,
                cls=cls.name,
                title=opp.title,
                url=f"{link_root()}/opportunities/requests",
            )
            + "\n",
        )
    return interest


def interest_or_404(interest_id) -> Interest:
    interest = lookup(Interest, interest_id)
    if interest is None:
        raise NotFound(_("No such request."), code="not_found")
    return interest


def _student(interest: Interest) -> User:
    student = db.session.get(User, interest.student_id)
    assert student is not None
    return student


def _teacher_of(actor: User, interest: Interest) -> None:
    if not may_manage_student(actor, _student(interest)):
        raise Forbidden(_("This student is not in one of your classes."), code="not_your_student")


def endorse(teacher: User, interest_id, *, age_confirmed: bool) -> Interest:
    """The teacher vouches for the student (and, when the opportunity names one, their age); the
    guardians are asked next."""
    interest = interest_or_404(interest_id)
    _teacher_of(teacher, interest)
    opp = opportunity_or_404(interest.opportunity_id)
    if opp.min_age and not age_confirmed:
        raise Invalid(
            _("Confirm that the student is at least %(age)d years old.", age=opp.min_age), code="age_unconfirmed"
        )
    _move(interest, "endorse", teacher)
    interest.endorsed_by, interest.endorsed_at = teacher.id, now()
    _audit(teacher, interest, "endorse")
    db.session.commit()
    student = _student(interest)
    for guardian in guardians_of_student(student.id):
        if notify_by_text(  # a family who chose text messages hears it on their phone (else by e-mail)
            guardian,
            "approval_needed",
            child=student.first_name,
            what=opp.title,
            student_id=student.id,
            school_id=student.school_id,
            sender_id=teacher.id,
            ref=f"opp_consent:{interest.id}",
            outreach_kind="consent_request",
        ):
            continue
        if guardian.email:
            send_email(
                guardian.email,
                _("Your consent is asked for an opportunity"),
                _(
                    '%(student)s would like to take part in "%(title)s" and their teacher endorses it. '
                    "Read the details and answer at %(url)s",
                    student=student.first_name,
                    title=opp.title,
                    url=f"{link_root()}/opportunities/requests",
                )
                + "\n",
            )
            record(
                channel="email",
                kind="consent_request",
                school_id=student.school_id,
                language=family_language(guardian, student.id),
                recipient_id=guardian.id,
                sender_id=teacher.id,
                ref=f"opp_consent:{interest.id}",
            )
    db.session.commit()  # the outreach rows
    return interest


def consent(guardian: User, interest_id, *, agree: bool) -> Interest:
    """A guardian of the student answers online."""
    interest = interest_or_404(interest_id)
    if guardian.role != "guardian" or interest.student_id not in {c.id for c in children_of(guardian)}:
        raise Forbidden(_("You can answer only for your own children."), code="not_your_child")
    _move(interest, "consent" if agree else "decline", guardian)
    interest.consent_by, interest.consent_at = guardian.id, now()
    interest.consent_method = "online"
    if not agree:
        interest.reason = _("The family did not consent.")
    _audit(guardian, interest, "consent" if agree else "refuse", method="online")
    mark_replied(f"opp_consent:{interest.id}", guardian.id)
    db.session.commit()
    if agree:
        _tell_organisation(interest)
    return interest


def paper_consent(teacher: User, interest_id, *, signed_on: str, agree: bool) -> Interest:
    """The teacher records a signed paper form (families without internet at home)."""
    interest = interest_or_404(interest_id)
    _teacher_of(teacher, interest)
    day = parse_day(signed_on, _("Signed on"))
    if day > today():
        raise Invalid(_("The form cannot be signed in the future."), code="invalid_date")
    _move(interest, "consent" if agree else "decline", teacher)
    interest.consent_by, interest.consent_at, interest.consent_method = teacher.id, now(), "paper"
    if not agree:
        interest.reason = _("The family did not consent.")
    _audit(teacher, interest, "consent" if agree else "refuse", method="paper", signed_on=day.isoformat())
    db.session.commit()
    if agree:
        _tell_organisation(interest)
    return interest


def _tell_organisation(interest: Interest) -> None:
    opp = opportunity_or_404(interest.opportunity_id)
    for uid in organisations.member_ids(opp.organisation_id):
        contact = db.session.get(User, uid)
        if contact is not None and contact.email:
            send_email(
                contact.email,
                _("A learner is ready for your confirmation"),
                _(
                    'A learner\'s school and family have agreed to "%(title)s". Confirm a place at %(url)s',
                    title=opp.title,
                    url=f"{link_root()}/opportunities/{opp.id}/applicants",
                )
                + "\n",
            )
            record(
                channel="email",
                kind="partner",
                audience="community",
                school_id=_student(interest).school_id,
                recipient_id=contact.id,
                ref=f"opp_ready:{interest.id}",
            )
    db.session.commit()  # the outreach rows


def _organisation_member(actor: User, interest: Interest) -> Opportunity:
    opp = opportunity_or_404(interest.opportunity_id)
    if not organisations.is_member(actor, opp.organisation_id):
        raise Forbidden(_("Only the organisation's contacts may decide."), code="not_your_organisation")
    return opp


def confirm(actor: User, interest_id) -> Interest:
    """A place while one is left; else the waiting list (a waiting learner is confirmed later)."""
    interest = interest_or_404(interest_id)
    opp = _organisation_member(actor, interest)
    if interest.state not in ("consented", "waitlisted"):
        raise Conflict(_("Only learners whose family consented can be confirmed."), code="wrong_state")
    outcome = rules.placement(confirmed_count(opp.id), opp.capacity)
    if outcome == "waitlisted" and interest.state == "waitlisted":
        raise Conflict(_("Every place is taken; the learner stays on the waiting list."), code="full")
    _move(interest, "confirm" if outcome == "confirmed" else "waitlist", actor)
    interest.decided_by, interest.decided_at = actor.id, now()
    _audit(actor, interest, "confirm" if outcome == "confirmed" else "waitlist")
    db.session.commit()
    _tell_family(interest, opp)
    return interest


def decline(actor: User, interest_id, reason: str) -> Interest:
    """The teacher (before the family is asked) or the organisation says no, with a reason."""
    interest = interest_or_404(interest_id)
    opp = opportunity_or_404(interest.opportunity_id)
    if organisations.is_member(actor, opp.organisation_id):
        if interest.state not in ("consented", "waitlisted"):
            raise Conflict(_("This request is not yet with your organisation."), code="wrong_state")
    else:
        _teacher_of(actor, interest)
    reason = organisations.clean_text(reason, _("Reason"), 500, required=True)
    _move(interest, "decline", actor)
    interest.decided_by, interest.decided_at, interest.reason = actor.id, now(), reason
    _audit(actor, interest, "decline")
    db.session.commit()
    return interest


def withdraw(actor: User, interest_id) -> Interest:
    """The student, a guardian of theirs, or their teacher withdraws; a freed place is offered to the
    first learner on the waiting list."""
    interest = interest_or_404(interest_id)
    own = actor.id == interest.student_id
    family = actor.role == "guardian" and interest.student_id in {c.id for c in children_of(actor)}
    if not (own or family or may_manage_student(actor, _student(interest))):
        raise Forbidden(_("You may not change this request."), code="forbidden")
    was = interest.state
    _move(interest, "withdraw", actor)
    _audit(actor, interest, "withdraw")
    db.session.commit()
    if was == "confirmed":
        _offer_freed_place(interest.opportunity_id)
    return interest


def _offer_freed_place(opp_id: int) -> None:
    waiting = db.session.scalar(
        select(Interest)
        .where(Interest.opportunity_id == opp_id, Interest.state == "waitlisted")
        .order_by(Interest.decided_at, Interest.id)
        .limit(1)
    )
    opp = db.session.get(Opportunity, opp_id)
    if waiting is None or opp is None or confirmed_count(opp_id) >= opp.capacity:
        return
    waiting.state, waiting.updated_at = "confirmed", now()
    _audit(None, waiting, "promote")
    db.session.commit()
    _tell_family(waiting, opp)


def _tell_family(interest: Interest, opp: Opportunity) -> None:
    student = _student(interest)
    for guardian in guardians_of_student(student.id):
        if guardian.email:
            text = (
                _('%(student)s has a place in "%(title)s".', student=student.first_name, title=opp.title)
                if interest.state == "confirmed"
                else _(
                    '%(student)s is on the waiting list of "%(title)s".', student=student.first_name, title=opp.title
                )
            )
            send_email(guardian.email, _("News about an opportunity"), text + "\n")
            record(
                channel="email",
                kind="message",
                school_id=student.school_id,
                language=family_language(guardian, student.id),
                recipient_id=guardian.id,
                ref=f"opp_news:{interest.id}",
            )
    db.session.commit()  # the outreach rows


# ---- who sees which requests -----------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    interest: Interest
    opportunity: Opportunity
    organisation: Organisation
    student: User
    school: School | None
    class_name: str


def _requests(where) -> list[Request]:
    rows = db.session.execute(
        select(Interest, Opportunity, Organisation, User, SchoolClass)
        .join(Opportunity, Opportunity.id == Interest.opportunity_id)
        .join(Organisation, Organisation.id == Opportunity.organisation_id)
        .join(User, User.id == Interest.student_id)
        .join(SchoolClass, SchoolClass.id == Interest.class_id)
        .where(*where)
        .order_by(Interest.created_at, Interest.id)
    )
    out = []
    for interest, opp, org, student, cls in rows:
        out.append(Request(interest, opp, org, student, cls.school, cls.name))
    return out


def requests_for(user: User) -> list[Request]:
    """A student's own, a guardian's children's, a teacher's students', a school admin's school's."""
    if user.role == "student":
        return _requests([Interest.student_id == user.id])
    if user.role == "guardian":
        ids = [c.id for c in children_of(user)]
        return _requests([Interest.student_id.in_(ids or [-1]), Interest.state != "interested"])
    if user.role == "teacher":
        return _requests([SchoolClass.teacher_id == user.id])
    if user.role == "admin" and user.school_id is not None:
        return _requests([User.school_id == user.school_id])
    if organisations.is_district(user):
        return _requests([])
    return []


def applicants(user: User, opp_id) -> tuple[Opportunity, list[Request]]:
    """The organisation's view: only learners whose family consented, by first name and initial."""
    opp = visible(user, opp_id)
    if not (organisations.is_member(user, opp.organisation_id) or organisations.is_district(user)):
        raise Forbidden(_("Only the organisation's contacts may see its applicants."), code="not_your_organisation")
    return opp, _requests(
        [Interest.opportunity_id == opp.id, Interest.state.in_(("consented", "waitlisted", "confirmed"))]
    )


def request_json(r: Request, *, for_organisation: bool) -> dict:
    out = {
        "id": r.interest.id,
        "opportunity_id": r.opportunity.id,
        "opportunity": r.opportunity.title,
        "organisation": r.organisation.name,
        "student": r.student.short_name,
        "school": r.school.name if r.school else "",
        "state": r.interest.state,
        "consent_method": r.interest.consent_method,
    }
    if not for_organisation:
        out.update({"class": r.class_name, "note": r.interest.note, "reason": r.interest.reason})
    return out


# ---- data rights -------------------------------------------------------------------------------------


def child_requests(_sender, *, user_id: int, **_kw) -> list[dict]:
    """A child's requests in their guardian's export (their words on why, and each request's state)."""
    rows = db.session.execute(
        select(Interest, Opportunity)
        .join(Opportunity, Opportunity.id == Interest.opportunity_id)
        .where(Interest.student_id == user_id)
    )
    return [
        {
            "type": "opportunity_request",
            "label": _("Request for an opportunity"),
            "room_id": None,
            "room_title": opp.title,
            "at": interest.created_at.isoformat().replace("+00:00", "Z"),
            "body": interest.note,
        }
        for interest, opp in rows
    ]


def erase_child(_sender, *, user_id: int, **_kw) -> dict[str, int]:
    rows = list(db.session.scalars(select(Interest).where(Interest.student_id == user_id)))
    for row in rows:
        db.session.delete(row)
    db.session.commit()
    return {"opportunity_requests": len(rows)}


def wire() -> None:
    signals.child_data.connect(child_requests)
    signals.child_erased.connect(erase_child)
