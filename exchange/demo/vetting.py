"""Fictional vetting demo: an expert whose application is in review, and a verified expert
with an offer teachers can request. Every name here is invented."""

from __future__ import annotations

from datetime import timedelta

from ..accounts.services import create_user, find_by_login
from ..db import db
from ..vetting.applications import submit_application
from ..vetting.clearance import today
from ..vetting.decisions import change_state
from ..vetting.offers import publish_offer
from ..vetting.records import record_evidence
from ..vetting.rules.checklist import add_months


SELMA = "selma.ortiz@marinelab.example"
KOFI = "kofi.mensah@skylab.example"


def load_vetting_demo(people: dict, classes: list, rooms: list, password_hash: str | None = None) -> bool:
    """Fictional vetting demo: Selma Ortiz's application in review with some evidence, and
    Kofi Mensah, a verified expert with an active offer a teacher can request. Runs once;
    returns False when already there. Kofi's password is the other demo logins' (Selma's
    hash) unless `password_hash` is given."""
    if find_by_login(KOFI) is not None:
        return False
    selma = people.get(SELMA) or find_by_login(SELMA)
    admin = next((u for u in people.values() if u.role == "admin"), None)
    if selma is None or admin is None:
        return False
    day = today()
    _, record = submit_application(
        selma,
        display_name="Dr. Selma Ortiz",
        organisation="Coral Coast Marine Lab",
        expertise="Marine biology: coral reefs, ocean warming and the animals of the reef",
        languages=["en", "es"],
        agree=True,
        day=day,
        bio="I study coral reefs at the Coral Coast Marine Lab and love showing classes what lives on a reef.\n\n"
        "Ask me about parrotfish, sea turtles and why reefs turn white.",
    )
    change_state(admin, record.id, "in_review", "Application received; checking the evidence.")
    record_evidence(
        admin,
        record.id,
        "identity",
        {
            "document_type": "passport",
            "checked_on": day - timedelta(days=3),
            "date_of_birth": add_months(day, -(42 * 12 + 5)),
        },
    )  # adults on any date the clock is set to
    record_evidence(
        admin,
        record.id,
        "safeguarding_training",
        {"provider": "Safer Classrooms online course", "completed_on": day - timedelta(days=40)},
    )

    kofi = create_user(
        role="expert",
        email=KOFI,
        password="",
        password_hash=password_hash or selma.password_hash,
        first_name="Kofi",
        last_name="Mensah",
        timezone="Africa/Accra",
    )
    db.session.commit()
    _, record = submit_application(
        kofi,
        display_name="Kofi Mensah",
        organisation="Skylab Planetarium",
        expertise="Astronomy: the night sky, planets and how rockets reach space",
        languages=["en", "fr"],
        agree=True,
        day=day,
        bio="I run the school programme of the Skylab Planetarium.\n\nI bring star maps, rocket models and many questions.",
    )
    change_state(admin, record.id, "in_review", "Application received; checking the evidence.")
    checked = day - timedelta(days=30)
    record_evidence(
        admin,
        record.id,
        "identity",
        {"document_type": "national_id", "checked_on": checked, "date_of_birth": add_months(day, -(47 * 12 + 10))},
    )
    record_evidence(
        admin,
        record.id,
        "background",
        {"provider": "National criminal-record check", "reference": "NCR-2026-448812", "issued_on": checked},
    )
    record_evidence(
        admin,
        record.id,
        "safeguarding_training",
        {"provider": "Safer Classrooms online course", "completed_on": checked},
    )
    record_evidence(
        admin,
        record.id,
        "reference",
        {"referee_name": "Ama Owusu", "relation": "Director of the planetarium", "confirmed_on": checked},
    )
    record_evidence(
        admin,
        record.id,
        "reference",
        {"referee_name": "Jean-Paul Mbeki", "relation": "Head teacher of a partner school", "confirmed_on": checked},
    )
    change_state(admin, record.id, "verified", "All evidence checked and complete.")
    publish_offer(
        kofi,
        topic="A tour of the night sky",
        grade_bands=["6-8", "9-10", "11-12"],
        languages=["en", "fr"],
        length_minutes=45,
        availability="Tuesdays and Thursdays, 14:00-17:00 UTC",
    )
    return True
