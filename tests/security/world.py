"""The people and things the authorisation matrix asks about, as facts declared here (not read
from the server): who teaches, studies, supervises, is cleared or is whose guardian; which
schools take part in which room. The matrix's expectations are computed from these facts."""

from __future__ import annotations

from dataclasses import dataclass

OSLO, SYDNEY, NAIROBI = "oslo", "sydney", "nairobi"


@dataclass(frozen=True)
class Actor:
    name: str
    role: str | None
    login: str | None = None
    school: str | None = None
    verified: bool = False  # a teacher verified by their school admin
    cleared: bool = False  # an expert whose vetting is complete and current
    teaches: frozenset = frozenset()
    studies: frozenset = frozenset()
    consent: frozenset = frozenset()  # a student's guardian consent scopes
    children: frozenset = frozenset()  # a guardian's children (student keys)
    under13: bool = False
    contact_of: frozenset = frozenset()  # organisations this adult acts for (issue 21)

    @property
    def platform(self) -> bool:
        """A moderator or administrator of the whole platform (no school)."""
        return self.role in ("moderator", "admin") and self.school is None

    @property
    def staff(self) -> bool:
        return self.role in ("teacher", "admin", "moderator")


ALL_SCOPES = frozenset({"exchanges", "expert_visits", "files", "recordings"})

ACTORS = {
    a.name: a
    for a in (
        Actor("anonymous", None),
        Actor("admin", "admin", "admin@fjordvik.example", school=OSLO),
        Actor(
            "teacher", "teacher", "astrid.lunde@fjordvik.example", school=OSLO, verified=True, teaches=frozenset({OSLO})
        ),
        Actor(
            "teacher_unverified",
            "teacher",
            "amani.wanjiru@jacaranda.example",
            school=NAIROBI,
            teaches=frozenset({NAIROBI}),
        ),
        Actor(
            "student", "student", "nora.berg", school=OSLO, studies=frozenset({OSLO}), consent=frozenset({"exchanges"})
        ),
        Actor(
            "student_under13",
            "student",
            "zawadi.otieno",
            school=NAIROBI,
            studies=frozenset({NAIROBI}),
            consent=ALL_SCOPES,
            under13=True,
        ),
        Actor("expert", "expert", "kofi.mensah@skylab.example", cleared=True),
        Actor("expert_uncleared", "expert", "selma.ortiz@marinelab.example"),
        Actor("moderator_school", "moderator", "moderator@fjordvik.example", school=OSLO),
        Actor("moderator", "moderator", "moderator@exchange.example"),
        Actor("guardian", "guardian", "guardian.berg@home.example", children=frozenset({"nora"})),
        # the demo museum's contact: an adult of the expert role who never applied for vetting
        Actor("partner", "expert", "henrik.solberg@auroramuseum.example", contact_of=frozenset({"org_museum"})),
    )
}


@dataclass(frozen=True)
class Room:
    key: str
    classes: frozenset  # accepted classes (school keys: one class per demo school)
    experts: frozenset = frozenset()  # experts invited by name (actor names)
    invited: frozenset = frozenset()  # classes invited, not yet accepted

    @property
    def schools(self) -> frozenset:
        return self.classes


ROOMS = {
    # The demo's open exchange room of Oslo's 9A and Sydney's Year 9.
    "room_oslo_sydney": Room("room_oslo_sydney", frozenset({OSLO, SYDNEY})),
    # A room of Sydney's class only: nobody of Oslo or Nairobi is in it.
    "room_sydney": Room("room_sydney", frozenset({SYDNEY})),
    # A room of Nairobi's Grade 6 (under 13) with their unverified teacher.
    "room_nairobi": Room("room_nairobi", frozenset({NAIROBI})),
    # Oslo's 9A with the cleared expert invited by name through POST /api/v1/rooms.
    "room_oslo_expert": Room("room_oslo_expert", frozenset({OSLO}), experts=frozenset({"expert"})),
}


def in_room(a: Actor, room: Room) -> bool:
    """Who is a member of a room as the issue says it must be: consent and adult rules follow who
    is in the room (an expert in it means the expert-visit consent scope), not the room's kind."""
    if a.role is None or a.role == "guardian":
        return False
    if a.role == "admin":
        return a.platform or a.school in room.schools
    if a.role == "moderator":
        return a.platform or a.school in room.schools
    if a.role == "teacher":
        return bool(a.teaches & room.classes)
    if a.role == "student":
        scope = "expert_visits" if room.experts else "exchanges"
        return bool(a.studies & room.classes) and scope in a.consent
    if a.role == "expert":
        return a.name in room.experts and a.cleared
    return False


def supervises(a: Actor, room: Room) -> bool:
    return a.staff and in_room(a, room)


@dataclass(frozen=True)
class SchoolClass:
    key: str
    school: str
    teacher_verified: bool


CLASSES = {
    OSLO: SchoolClass(OSLO, OSLO, True),
    SYDNEY: SchoolClass(SYDNEY, SYDNEY, True),
    NAIROBI: SchoolClass(NAIROBI, NAIROBI, False),
}


@dataclass(frozen=True)
class Student:
    key: str
    school: str
    under13: bool = False


STUDENTS = {
    "nora": Student("nora", OSLO),
    "mia": Student("mia", SYDNEY),
    "zawadi": Student("zawadi", NAIROBI, under13=True),
}


@dataclass(frozen=True)
class Session:
    key: str
    organiser: str
    partner: str
    booked: bool  # accepted (students and moderators see booked sessions only)

    @property
    def schools(self) -> frozenset:
        return frozenset({self.organiser, self.partner})


SESSIONS = {
    # The demo's accepted asynchronous exchange, Oslo with Sydney.
    "session_oslo_sydney": Session("session_oslo_sydney", OSLO, SYDNEY, booked=True),
    # The demo's invitation from Oslo to Nairobi, not answered yet.
    "session_oslo_nairobi": Session("session_oslo_nairobi", OSLO, NAIROBI, booked=False),
}


@dataclass(frozen=True)
class Thing:
    """Any other object: where it belongs (a room, a school, an expert, a student)."""

    key: str
    room: str | None = None
    school: str | None = None
    owner: str | None = None  # actor name of the expert/teacher/guardian it belongs to
    student: str | None = None
    cleared: bool = False


EXPERTS = {
    "expert_cleared": Thing("expert_cleared", owner="expert", cleared=True),
    "expert_in_review": Thing("expert_in_review", owner="expert_uncleared"),
}
RECORDS = {
    "record_cleared": Thing("record_cleared", owner="expert"),
    "record_in_review": Thing("record_in_review", owner="expert_uncleared"),
}
OFFERS = {"offer": Thing("offer", owner="expert")}
VISIT_REQUESTS = {"visit_request": Thing("visit_request", school=OSLO, owner="teacher")}
DELETION_REQUESTS = {"deletion_request": Thing("deletion_request", school=OSLO, student="nora", owner="guardian")}
MEMBERSHIPS = {"membership_pending": Thing("membership_pending", school=OSLO)}
TEACHERS = {
    "teacher_oslo": Thing("teacher_oslo", school=OSLO),
    "teacher_nairobi": Thing("teacher_nairobi", school=NAIROBI),
}
FLAGS = {
    "flag_oslo_sydney": Thing("flag_oslo_sydney", room="room_oslo_sydney", school=OSLO),
    "flag_nairobi": Thing("flag_nairobi", room="room_nairobi", school=NAIROBI),
}
FILES = {
    "file_oslo_sydney": Thing("file_oslo_sydney", room="room_oslo_sydney"),
    "file_nairobi": Thing("file_nairobi", room="room_nairobi"),
}
TOKENS = {"unknown_token": Thing("unknown_token")}
# sign-in providers (issue 19): none in the demo; a made-up one is "not offered"
PROVIDERS = {"unknown_provider": Thing("unknown_provider")}
# the activity library (issue 20): a shipped activity, and one a Sydney teacher (not an actor) submitted,
# which only its author and the platform's editors see until it is published
ACTIVITIES = {"activity_shipped": Thing("activity_shipped"), "activity_waiting": Thing("activity_waiting")}
# onboarding (issue 17): a school, and a school's application waiting for the platform administrator
SCHOOLS = {"school_oslo": Thing("school_oslo", school=OSLO)}
APPLICATIONS = {"application": Thing("application")}
# safety list entries (issue 15): one on Oslo's list, one on the platform's
LIST_ENTRIES = {"entry_oslo": Thing("entry_oslo", school=OSLO), "entry_platform": Thing("entry_platform")}


# exhibitions and a partnership's resources (issue 20), all of the demo room of Oslo and Sydney,
# curated by Oslo's teacher (so a school exhibition is for Oslo's families who consented to exchanges)
@dataclass(frozen=True)
class Exhibition:
    key: str
    audience: str  # partnership | school | public
    room: str = "room_oslo_sydney"
    school: str = OSLO


EXHIBITIONS = {
    e.key: e
    for e in (
        Exhibition("exhibition_public", "public"),
        Exhibition("exhibition_school", "school"),
        Exhibition("exhibition_partnership", "partnership"),
    )
}
# a picture the teacher shared, shown in the public exhibition; a comment a student wrote on the partnership's
EXHIBITION_ITEMS = {"item_picture": Thing("item_picture", owner="exhibition_public")}
EXHIBITION_COMMENTS = {"comment_partnership": Thing("comment_partnership", owner="exhibition_partnership")}
RESOURCES = {"resource_oslo_sydney": Thing("resource_oslo_sydney", room="room_oslo_sydney")}
# the consent scopes each guardian's child has (guardian actor -> children's scopes), as the demo sets them
CHILD_SCOPES = {"nora": frozenset({"exchanges"})}


def sees_exhibition(a: Actor, ex: Exhibition) -> bool:
    """Published exhibitions: public to anyone; school ones to the room's people and the school's
    families who consented to exchanges; partnership ones to the room's people; moderators see all."""
    room = ROOMS[ex.room]
    if ex.audience == "public" or a.role == "moderator" or in_room(a, room):
        return True
    return (
        ex.audience == "school"
        and a.role == "guardian"
        and any(STUDENTS[c].school == ex.school and "exchanges" in CHILD_SCOPES.get(c, ()) for c in a.children)
    )


def comments_on(a: Actor, ex: Exhibition) -> bool:
    """Comments: not on public exhibitions; by the room's people, and on a school one its families too."""
    return ex.audience != "public" and a.role is not None and sees_exhibition(a, ex)


# community partners (issue 21): the demo's verified museum (its contact is the actor "partner") and a
# business still waiting for the district; the museum's "Young curators" opportunity (grades 9-12);
# Nora's request for the museum's mentoring, waiting for her teacher's endorsement
@dataclass(frozen=True)
class Organisation:
    key: str
    verified: bool


ORGANISATIONS = {
    "org_museum": Organisation("org_museum", verified=True),
    "org_business": Organisation("org_business", verified=False),
}
OPPORTUNITIES = {"opp_curators": Thing("opp_curators", owner="org_museum")}
INTERESTS = {"interest_nora": Thing("interest_nora", owner="org_museum", student="nora", school=OSLO)}


def is_district(a: Actor) -> bool:
    return a.role == "admin" and a.school is None


def sees_organisation(a: Actor, org: Organisation) -> bool:
    """Verified organisations to everyone signed in; the others to their contacts and the district."""
    return a.role is not None and (org.verified or is_district(a) or org.key in a.contact_of)


def acts_for(a: Actor, org_key: str) -> bool:
    return a.role == "expert" and org_key in a.contact_of


# partnership agreements (issue 21): the demo's active agreement of Oslo's and Sydney's schools, and
# Oslo's agreement with the museum, waiting for the museum's signature
@dataclass(frozen=True)
class Agreement:
    key: str
    schools: frozenset
    organisation: str | None = None


AGREEMENTS = {
    "agreement_oslo_sydney": Agreement("agreement_oslo_sydney", frozenset({OSLO, SYDNEY})),
    "agreement_oslo_museum": Agreement("agreement_oslo_museum", frozenset({OSLO}), "org_museum"),
}


def agreement_party(a: Actor, ag: Agreement) -> bool:
    """A school's administrator of either school, or a contact of its organisation."""
    return (a.role == "admin" and a.school in ag.schools) or (
        ag.organisation is not None and acts_for(a, ag.organisation)
    )


def reads_agreement(a: Actor, ag: Agreement) -> bool:
    """Its parties, the teachers of either school, and the district."""
    return agreement_party(a, ag) or (a.role == "teacher" and bool(a.teaches & ag.schools)) or is_district(a)


# family messages (issue 22): the thread of Nora's guardian with her teachers (a concern raised, so the
# Oslo school's admin reads it too), a message in it with an attachment, an announcement to Oslo's class
THREADS = {"thread_nora": Thing("thread_nora", school=OSLO, student="nora", owner="guardian")}
FAMILY_MESSAGES = {"message_nora": Thing("message_nora", school=OSLO, student="nora", owner="guardian")}
ANNOUNCEMENTS = {"announcement_oslo": Thing("announcement_oslo", school=OSLO)}
