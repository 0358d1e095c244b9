"""Demo community partners (fictional): a verified museum with two opportunities and learners on
their way to a place, and a business still waiting for the district's check."""

from __future__ import annotations

from datetime import timedelta

from ..accounts.models import User
from ..accounts.services import create_user
from ..clock import today
from ..db import db, utcnow
from ..partners.models import Interest, Opportunity, Organisation, OrganisationEvidence, OrganisationMember

MUSEUM = "Aurora Natural History Museum"
MUSEUM_CONTACT = "henrik.solberg@auroramuseum.example"
BUSINESS_CONTACT = "lena.okafor@harbourside-robotics.example"


def load_partners_demo(people: dict[str, User], classes: list, *, password_hash: str) -> Organisation:
    """Returns the museum (the demo agreements name it)."""
    day = today()
    museum_contact = create_user(
        role="expert",
        email=MUSEUM_CONTACT,
        password="",
        password_hash=password_hash,
        first_name="Henrik",
        last_name="Solberg",
        timezone="Europe/Oslo",
    )
    business_contact = create_user(
        role="expert",
        email=BUSINESS_CONTACT,
        password="",
        password_hash=password_hash,
        first_name="Lena",
        last_name="Okafor",
        timezone="Australia/Sydney",
    )
    museum = Organisation(
        name=MUSEUM,
        kind="museum",
        mission="We open our collections of fossils, minerals and northern wildlife to every learner.",
        offers="Guided online visits, service learning for young curators, and mentoring by our scientists.",
        website="https://auroramuseum.example",
        contact_email=MUSEUM_CONTACT,
        languages=["en", "no"],
        regions=["Oslo", "Online"],
        state="verified",
        verified_at=utcnow(),
        created_by=museum_contact.id,
    )
    business = Organisation(
        name="Harbourside Robotics Ltd",
        kind="business",
        mission="We build small robots for farms and want young people to see how engineering works.",
        offers="Job shadowing for senior students, after-school robotics club.",
        contact_email=BUSINESS_CONTACT,
        languages=["en"],
        regions=["New South Wales"],
        state="applied",
        created_by=business_contact.id,
    )
    db.session.add_all([museum, business])
    db.session.flush()
    db.session.add_all(
        [
            OrganisationMember(organisation_id=museum.id, user_id=museum_contact.id),
            OrganisationMember(organisation_id=business.id, user_id=business_contact.id),
        ]
    )
    for kind, detail, days in (
        ("registration", "Charity register no. DEMO-4471", 700),
        ("safeguarding_policy", "Safeguarding children and young people, edition 3", 330),
        ("insurance", "Public liability, Nordlys Mutual (fictional)", 20),  # expiring: a reminder is due
        ("safeguarding_lead", "Kari Vik, head of learning", 365),
    ):
        db.session.add(
            OrganisationEvidence(
                organisation_id=museum.id, kind=kind, detail=detail, expires_on=day + timedelta(days=days)
            )
        )
    db.session.add(
        OrganisationEvidence(
            organisation_id=business.id,
            kind="registration",
            detail="Company no. DEMO-88-120",
            expires_on=day + timedelta(days=400),
        )
    )
    curators = Opportunity(
        organisation_id=museum.id,
        kind="service_learning",
        title="Young curators: a wildlife display for younger children",
        description="Over four Saturday mornings, students plan and build a small display about northern wildlife "
        "for visiting primary classes, with the museum's education team.",
        learning="How a museum tells a story with objects; writing labels for young readers; working in a team.",
        grade_bands=["9-10", "11-12"],
        min_age=14,
        starts_on=day + timedelta(days=30),
        ends_on=day + timedelta(days=60),
        online=False,
        place="Aurora Natural History Museum, learning centre",
        capacity=6,
        supervisor="Henrik Solberg, education officer",
        ratio_adults=1,
        ratio_students=6,
        created_by=museum_contact.id,
    )
    mentoring = Opportunity(
        organisation_id=museum.id,
        kind="mentoring",
        title="Ask a palaeontologist: online mentoring",
        description="Three online conversations with a museum scientist about fossils and how we know how old they are.",
        learning="How scientists date rocks and fossils; asking good questions.",
        grade_bands=["6-8", "9-10"],
        starts_on=day + timedelta(days=14),
        ends_on=day + timedelta(days=90),
        online=True,
        place="",
        capacity=10,
        supervisor="The class teacher, in the room with the mentor",
        ratio_adults=1,
        ratio_students=10,
        created_by=museum_contact.id,
    )
    db.session.add_all([curators, mentoring])
    db.session.flush()
    oslo = classes[0]
    by_name = {u.username: u for u in db.session.query(User).filter(User.role == "student")}
    teacher = people["astrid.lunde@fjordvik.example"]
    now = utcnow()
    elias, nora = by_name.get("elias.haugen"), by_name.get("nora.berg")
    if elias is not None:  # endorsed, paper consent, place confirmed
        db.session.add(
            Interest(
                opportunity_id=curators.id,
                student_id=elias.id,
                class_id=oslo.id,
                state="confirmed",
                note="I like drawing animals and I want to help the little ones.",
                endorsed_by=teacher.id,
                endorsed_at=now,
                consent_by=teacher.id,
                consent_method="paper",
                consent_at=now,
                decided_by=museum_contact.id,
                decided_at=now,
            )
        )
    if nora is not None:  # waiting for the teacher
        db.session.add(
            Interest(
                opportunity_id=mentoring.id,
                student_id=nora.id,
                class_id=oslo.id,
                state="interested",
                note="I found a fossil on the beach last summer.",
            )
        )
    db.session.commit()
    return museum
