"""Fictional outreach for the demo (issue 22): three months of what the demo schools sent families and
community partners, over every channel and kind of message, some read and some answered, and a few
answers to the awareness survey in the term before this one, so `/outreach` and `/awareness/results`
have something to show a newcomer. Deterministic: no randomness, so the demo is the same every time."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from ..accounts.models import User
from ..db import db, utcnow
from ..evaluation.awareness_models import AwarenessAnswer
from ..evaluation.safety_report import term_of
from ..guardians.models import GuardianLink
from ..outreach.models import OutreachEvent
from ..partners.community import contact_schools

DAYS = 90
# school's teacher login -> (kind, channel, audience, language, every so many days, people reached per send)
PLAN: dict[str, list[tuple[str, str, str, str, int, int]]] = {
    "astrid.lunde@fjordvik.example": [
        ("family_update", "email", "family", "nb", 14, 6),
        ("family_update", "paper", "family", "nb", 14, 2),
        ("announcement", "web", "family", "en", 10, 8),
        ("message", "web", "family", "nb", 5, 1),
        ("text", "sms", "family", "nb", 21, 3),
        ("consent_request", "sms", "family", "nb", 45, 2),
        ("letter", "paper", "family", "en", 30, 4),
        ("invitation", "email", "family", "en", 40, 2),
        ("partner", "email", "community", "en", 20, 1),
    ],
    "liam.carter@wattlecreek.example": [
        ("family_update", "email", "family", "en", 14, 10),
        ("announcement", "web", "family", "en", 21, 10),
        ("letter", "paper", "family", "en", 30, 5),
        ("message", "web", "family", "en", 9, 1),
        ("partner", "email", "community", "en", 45, 1),
    ],
    "amani.wanjiru@jacaranda.example": [
        ("family_update", "paper", "family", "sw", 14, 12),
        ("text", "sms", "family", "sw", 7, 8),
        ("consent_request", "sms", "family", "sw", 30, 6),
        ("message", "web", "family", "en", 15, 1),
        ("announcement", "web", "family", "en", 30, 5),
        ("invitation", "email", "family", "en", 60, 2),
    ],
}
GUARDIAN = "guardian.berg@home.example"
PARTNERS = ("henrik.solberg@auroramuseum.example", "lena.okafor@harbourside-robotics.example")
# (login, audience, scales, comment): answers of the term before this one
ANSWERS = [
    (
        GUARDIAN,
        "family",
        {"exchanges": 3, "reach": 4, "safety": 2, "partners": 1, "useful": 3},
        "The updates in Norwegian help us follow what the class does.",
    ),
    (
        PARTNERS[0],
        "community",
        {"exchanges": 2, "reach": 3, "safety": 3, "partners": 2, "useful": 4},
        "We would like to hear about the exhibitions a little earlier.",
    ),
    (PARTNERS[1], "community", {"exchanges": 1, "reach": 2, "safety": 2, "partners": 1, "useful": 2}, ""),
]


def _users(logins: list[str]) -> dict[str, User]:
    return {u.email or "": u for u in db.session.scalars(select(User).where(User.email.in_(logins)))}


def _recipient(kind: str, audience: str, people: dict[str, User], teacher: User, index: int) -> int | None:
    """The first family of Oslo is the demo guardian's; a partner message reaches a demo contact; the other
    families have no account here (a printed list, or a school's own address book)."""
    if audience == "community":
        contact = people.get(PARTNERS[0] if teacher.email == "astrid.lunde@fjordvik.example" else PARTNERS[1])
        return contact.id if contact else None
    guardian = people.get(GUARDIAN)
    if index == 0 and guardian is not None and teacher.email == "astrid.lunde@fjordvik.example":
        return guardian.id
    return None


def load_outreach_demo() -> bool:
    """Runs once (returns False when the demo outreach is there already)."""
    if db.session.scalar(select(OutreachEvent.id).where(OutreachEvent.ref.like("demo:%")).limit(1)):
        return False
    now = utcnow()
    people = _users([*PLAN, GUARDIAN, *PARTNERS])
    for login, sends in PLAN.items():
        teacher = people.get(login)
        if teacher is None or teacher.school_id is None:
            continue
        for plan_no, (kind, channel, audience, language, every, reach) in enumerate(sends):
            for send_no, days_ago in enumerate(range(2 + plan_no, DAYS - 1, every)):
                sent_at = now - timedelta(days=days_ago, hours=plan_no)
                ref = f"demo:{teacher.school_id}:{kind}:{channel}:{send_no}"[:40]
                for index in range(reach):
                    seen = channel != "paper" and (index + send_no) % 3 != 0
                    answered = seen and (index + send_no + plan_no) % (2 if kind == "message" else 5) == 0
                    db.session.add(
                        OutreachEvent(
                            sent_at=sent_at,
                            school_id=teacher.school_id,
                            sender_id=teacher.id,
                            channel=channel,
                            audience=audience,
                            kind=kind,
                            language=language,
                            recipient_id=_recipient(kind, audience, people, teacher, index),
                            ref=ref,
                            read_at=sent_at + timedelta(hours=5) if seen else None,
                            replied_at=sent_at + timedelta(hours=9) if answered else None,
                        )
                    )
    _awareness_answers(people)
    db.session.commit()
    return True


def _awareness_answers(people: dict[str, User]) -> None:
    """Three answers in the term before this one (this term's are the visitors' own)."""
    before = term_of(term_of(utcnow()).start - timedelta(days=1))
    for login, audience, scales, comment in ANSWERS:
        person = people.get(login)
        if person is None:
            continue
        if audience == "family":
            children = select(GuardianLink.student_id).where(GuardianLink.guardian_user_id == person.id)
            found = db.session.scalars(select(User.school_id).where(User.id.in_(children)))
            schools = sorted({s for s in found if s is not None})
        else:
            schools = sorted(contact_schools(person.id) or ())
        db.session.add(
            AwarenessAnswer(
                user_id=person.id,
                term=before.key,
                audience=audience,
                school_ids=schools,
                language="en",
                scales=scales,
                comment=comment,
                answered_at=before.start + timedelta(days=20),
            )
        )
