"""Demo partnership agreements (fictional): Fjordvik School (Oslo) and Wattle Creek High School
(Sydney) signed version 2 of their memorandum of understanding (version 1, signed by Oslo only, was
superseded when Sydney asked to shorten how long data is kept), with a note and a decision in their
steering log; and Fjordvik's agreement with the Aurora Natural History Museum waits for the
museum's signature. Rows are written directly so the dates can lie in the past."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from ..accounts.models import User
from ..clock import today
from ..db import db, utcnow
from ..partners.agreement_models import Agreement, AgreementSignature, AgreementVersion, PartnershipNote
from ..partners.models import Organisation

MUSEUM = "Aurora Natural History Museum"
OSLO_ADMIN, SYDNEY_ADMIN = "admin@fjordvik.example", "admin@wattlecreek.example"
OSLO_TEACHER, SYDNEY_TEACHER = "astrid.lunde@fjordvik.example", "liam.carter@wattlecreek.example"

SCHOOLS_TEXT: dict = {
    "title": "Fjordvik and Wattle Creek: seasons, weather and school life",
    "goals": (
        "Students of both schools compare seasons, weather and daily school life across the hemispheres, "
        "practise English with peers, and present a shared climate diary at the end of each term."
    ),
    "roles": (
        "Fjordvik School plans the autumn activities and hosts the live sessions in Oslo mornings.\n"
        "Wattle Creek High School plans the spring activities and prepares the shared climate diary.\n"
        "Both schools' teachers supervise every room and review their own students' work before it is shared."
    ),
    "contacts": (
        "Fjordvik School: Astrid Lunde, teacher of 9A (astrid.lunde@fjordvik.example); Ingrid Dahl, administrator.\n"
        "Wattle Creek High School: Liam Carter, Year 9 Geography (liam.carter@wattlecreek.example); "
        "Graham Pike, administrator."
    ),
    "data_sharing": {
        "data_items": [
            "Students' first names and last initials",
            "Messages and files shared in the exchange rooms",
            "Survey answers, as totals only",
        ],
        "purpose": "To run the exchange rooms and sessions, and to evaluate the partnership together.",
        "retention": "Until the end of the school year after the exchange ends",
        "no_onward_sharing": True,
    },
    "safeguarding": (
        "Every room is moderated and supervised by a teacher of each school; students use only the platform, "
        "never private channels. Guardians' consent is in place before a student joins. Concerns go to each "
        "school's safeguarding lead the same day."
    ),
}

MUSEUM_TEXT: dict = {
    "title": "Fjordvik School and the Aurora Natural History Museum",
    "goals": "Students of 9A meet the museum's scientists online and take part in the young curators programme.",
    "roles": (
        "The museum provides guided online visits and a supervising educator for every activity.\n"
        "Fjordvik School chooses the students, gathers guardians' consent and sends a teacher to each visit."
    ),
    "contacts": "Museum: Henrik Solberg, learning programmes. Fjordvik School: Ingrid Dahl, administrator.",
    "data_sharing": {
        "data_items": ["Students' first names", "Grade band", "Guardian consent status (yes or no)"],
        "purpose": "To plan visits and confirm places in the museum's programmes.",
        "retention": "Three months after each programme ends",
        "no_onward_sharing": True,
    },
    "safeguarding": (
        "Museum staff who meet students are vetted experts on the platform; a Fjordvik teacher is present at "
        "every online visit, and no one contacts students outside the platform."
    ),
}


def _version(ag: Agreement, number: int, text: dict, author: User, days_ago: int) -> AgreementVersion:
    row = AgreementVersion(
        agreement_id=ag.id,
        number=number,
        title=text["title"],
        start_on=ag.start_on,
        renew_on=ag.renew_on,
        goals=text["goals"],
        roles=text["roles"],
        contacts=text["contacts"],
        data_sharing=text["data_sharing"],
        safeguarding=text["safeguarding"],
        created_by=author.id,
        created_at=utcnow() - timedelta(days=days_ago),
    )
    db.session.add(row)
    db.session.flush()
    return row


def _signature(ag: Agreement, version: AgreementVersion, side: str, who: User, role: str, days_ago: int) -> None:
    db.session.add(
        AgreementSignature(
            agreement_id=ag.id,
            version_id=version.id,
            side=side,
            user_id=who.id,
            name=who.full_name,
            role_title=role,
            signed_on=today() - timedelta(days=days_ago),
            at=utcnow() - timedelta(days=days_ago),
        )
    )


def _schools_agreement(people: dict[str, User]) -> None:
    oslo, sydney = people[OSLO_ADMIN], people[SYDNEY_ADMIN]
    assert oslo.school_id is not None and sydney.school_id is not None
    start = today() - timedelta(days=120)
    ag = Agreement(
        kind="school_school",
        school_id=oslo.school_id,
        partner_school_id=sydney.school_id,
        title=SCHOOLS_TEXT["title"],
        state="active",
        start_on=start,
        renew_on=start + timedelta(days=730),
        current_version=2,
        created_by=oslo.id,
        created_at=utcnow() - timedelta(days=130),
    )
    db.session.add(ag)
    db.session.flush()
    first = dict(SCHOOLS_TEXT, data_sharing=dict(SCHOOLS_TEXT["data_sharing"], retention="Five years"))
    v1 = _version(ag, 1, first, oslo, 130)
    _signature(ag, v1, "school", oslo, "School administrator", 128)
    v2 = _version(ag, 2, SCHOOLS_TEXT, sydney, 125)
    _signature(ag, v2, "partner_school", sydney, "Deputy principal", 124)
    _signature(ag, v2, "school", oslo, "School administrator", 122)
    db.session.add_all(
        [
            PartnershipNote(
                agreement_id=ag.id,
                kind="note",
                body="Both classes want to keep the weekly weather diary going through the winter term.",
                author_id=people[OSLO_TEACHER].id,
                at=utcnow() - timedelta(days=30),
            ),
            PartnershipNote(
                agreement_id=ag.id,
                kind="decision",
                body="Live sessions move to Wednesday mornings in Oslo (evenings in Sydney) from next month.",
                author_id=people[SYDNEY_ADMIN].id,
                at=utcnow() - timedelta(days=14),
            ),
        ]
    )


def _museum_agreement(people: dict[str, User], organisation_id: int) -> None:
    oslo = people[OSLO_ADMIN]
    assert oslo.school_id is not None
    start = today() + timedelta(days=14)
    ag = Agreement(
        kind="school_org",
        school_id=oslo.school_id,
        organisation_id=organisation_id,
        title=MUSEUM_TEXT["title"],
        state="awaiting",
        start_on=start,
        renew_on=start + timedelta(days=365),
        current_version=1,
        created_by=oslo.id,
        created_at=utcnow() - timedelta(days=3),
    )
    db.session.add(ag)
    db.session.flush()
    version = _version(ag, 1, MUSEUM_TEXT, oslo, 3)
    _signature(ag, version, "school", oslo, "School administrator", 2)


def seed_agreements(people: dict[str, User], organisation_id: int | None = None) -> None:
    """The two demo agreements; the museum's only when the museum exists (given, or found by name)."""
    if organisation_id is None:
        organisation_id = db.session.scalar(select(Organisation.id).where(Organisation.name == MUSEUM))
    _schools_agreement(people)
    if organisation_id is not None:
        _museum_agreement(people, organisation_id)
    db.session.commit()
