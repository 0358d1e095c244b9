"""The awareness survey's answers and results (issue 22).

Who answers: a guardian (for the schools of their children) and a community partner's contact (an
adult of the expert role who acts for an organisation; for the schools of that organisation's
agreements, or none). Which schools a contact's organisation works with is the partners domain's
knowledge, and partners sits above evaluation: it answers through `ports.partner_schools`, which
`exchange.wiring` installs; not installed, the question fails closed.

A comment passes the content filter for adults: a blocked one (or one the filter would hold for a
moderator: no moderator reads these) is refused with a sentence, a masked one is kept masked. Results are seen by the district (every school, and partners of no school) and by a
school's administrator (their school), families and partners apart, comments without names.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select

from .. import ports, signals
from ..accounts.models import User
from ..db import db, utcnow
from ..directory.models import School
from ..errors import Conflict, Forbidden, Invalid, NotFound
from ..guardians.models import GuardianLink
from ..safety import check_field
from . import awareness
from .awareness_models import AwarenessAnswer
from .safety_report import Term, parse_term, term_of

log = logging.getLogger("exchange.evaluation")


@dataclass(frozen=True)
class Respondent:
    audience: str  # family | community
    school_ids: frozenset[int]


def respondent(user: User) -> Respondent:
    """Who this person answers as, or a refusal in a sentence."""
    if user.role == "guardian":
        children = select(GuardianLink.student_id).where(GuardianLink.guardian_user_id == user.id)
        schools = db.session.scalars(select(User.school_id).where(User.id.in_(children), User.school_id.is_not(None)))
        found = frozenset(s for s in schools if s is not None)
        if not found:
            raise Conflict(
                _("Link your child to your account first: the survey asks about your child's school."), code="no_child"
            )
        return Respondent("family", found)
    if user.role == "expert":
        schools_ = ports.partner_schools()(user.id)
        if schools_ is not None:
            return Respondent("community", schools_)
    raise Forbidden(
        _("The awareness survey is for families and for the contacts of community partners."), code="forbidden"
    )


def may_answer(user: User | None) -> bool:
    """For the dashboard's link: a guardian, or a contact of a community partner."""
    if user is None or user.role not in ("guardian", "expert"):
        return False
    try:
        respondent(user)
    except (Forbidden, Conflict):
        return False
    return True


def current_term() -> Term:
    return term_of(utcnow())


def mine(user: User) -> AwarenessAnswer | None:
    return db.session.scalar(
        select(AwarenessAnswer).where(AwarenessAnswer.user_id == user.id, AwarenessAnswer.term == current_term().key)
    )


def invalid_sentence(exc: awareness.AwarenessInvalid) -> str:
    if exc.code == "invalid_scale":
        return _("Choose one answer for each question.")
    if exc.code == "too_long":
        return _("Your comment may have at most 500 characters.")
    return _("The answers were not understood. Please try again.")


@dataclass(frozen=True)
class Saved:
    row: AwarenessAnswer
    replaced: bool


def answer(user: User, scales: object, comment: object) -> Saved:
    """Store this person's answer for the current term, replacing an earlier one of the same term."""
    who = respondent(user)
    try:
        points, text = awareness.clean(scales, comment)
    except awareness.AwarenessInvalid as exc:
        raise Invalid(invalid_sentence(exc), code=exc.code) from None
    if text:
        verdict = check_field(text, audience="adult")
        if verdict.action in ("block", "hold"):  # no moderator reads these comments: held words are refused too
            raise Invalid(
                _(
                    "Your comment was not kept: it holds words that cannot be stored here. Please write it again without them."
                ),
                code="comment_blocked",
            )
        text = verdict.text
    row = mine(user)
    replaced = row is not None
    if row is None:
        row = AwarenessAnswer(user_id=user.id, term=current_term().key)
        db.session.add(row)
    row.audience, row.school_ids = who.audience, sorted(who.school_ids)
    row.language = str(get_locale() or "en")[:16]
    row.scales, row.comment, row.answered_at = points, text, utcnow()
    db.session.flush()
    signals.audit(
        "evaluation",
        actor_id=user.id,
        action="awareness.answer",
        subject_type="awareness_answer",
        subject_id=row.id,
        after={"term": row.term, "audience": row.audience, "replaced": replaced},
        school_ids=sorted(who.school_ids) or None,
    )
    db.session.commit()
    log.info("awareness.answer user=%s term=%s replaced=%s", user.id, row.term, replaced)
    return Saved(row, replaced)


# ---- results -------------------------------------------------------------------------------


@dataclass
class Results:
    term: Term
    terms: list[Term]  # terms with answers (and the current one), newest first
    schools: list[tuple[int | None, str]]  # (id, name); None: community partners of no school
    found: dict[int | None, dict[str, awareness.GroupResult]]


def _scope(user: User) -> list[tuple[int | None, str]]:
    if user.role != "admin":
        raise Forbidden(
            _("Only the district's and the school's administrators see the survey's results."), code="forbidden"
        )
    if user.school_id is None:
        named: list[tuple[int | None, str]] = [
            (s.id, s.name) for s in db.session.scalars(select(School).order_by(School.name))
        ]
        return named + [(None, _("Community partners of no school"))]
    school = db.session.get(School, user.school_id)
    if school is None:
        raise NotFound(_("There is no such school."), code="not_found")
    return [(school.id, school.name)]


def results_for(user: User, term_text: str | None) -> Results:
    schools = _scope(user)
    current = current_term()
    answered = {parse_term(k, current) for k in db.session.scalars(select(AwarenessAnswer.term).distinct())}
    terms = sorted(answered | {current}, reverse=True)
    term = parse_term(term_text, max(answered) if answered else current)  # default: the newest term answered
    rows = db.session.scalars(select(AwarenessAnswer).where(AwarenessAnswer.term == term.key))
    records = [
        awareness.AnswerRecord(r.audience, frozenset(r.school_ids or []), dict(r.scales or {}), r.comment or "")
        for r in rows
    ]
    return Results(term, terms, schools, awareness.by_school(records, [sid for sid, _n in schools]))
