"""Issue 13 part 6: the authorisation matrix, built from the live registry.

Every HTTP route (from the app's URL map) and every Socket.IO event (from the server's handler
table) must have a row in ROWS below; a new route or event without one fails
`test_every_route_and_event_has_a_row` by name. Each row says who may, as a rule over the
declared facts of `world.py` (roles, own school, own class, member of the room, own child).
Every row is then tried for every actor and every object case against a real demo server:
expected "may" must not be refused (401/403/404, a login redirect, a refusal ack), expected
"may not" must be; nothing may answer 5xx or a server_error ack.
"""

from __future__ import annotations

import io
import itertools
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest
import requests
import socketio
from PIL import Image
from registry import events, routes
from support import Api, Live, ServerProcess
from world import (
    ANNOUNCEMENTS,
    FAMILY_MESSAGES,
    THREADS,
    ACTIVITIES,
    AGREEMENTS,
    INTERESTS,
    OPPORTUNITIES,
    ORGANISATIONS,
    EXHIBITION_COMMENTS,
    EXHIBITION_ITEMS,
    EXHIBITIONS,
    RESOURCES,
    ACTORS,
    APPLICATIONS,
    CLASSES,
    DELETION_REQUESTS,
    EXPERTS,
    FILES,
    FLAGS,
    LIST_ENTRIES,
    MEMBERSHIPS,
    NAIROBI,
    OFFERS,
    OSLO,
    PROVIDERS,
    RECORDS,
    ROOMS,
    SCHOOLS,
    SESSIONS,
    STUDENTS,
    SYDNEY,
    TEACHERS,
    TOKENS,
    VISIT_REQUESTS,
    Actor,
    acts_for,
    agreement_party,
    comments_on,
    in_room,
    reads_agreement,
    sees_exhibition,
    sees_organisation,
    supervises,
)

# Who may is decided by the same code on either database; the routes' own suites run on both.
pytestmark = pytest.mark.sqlite_only

PASSWORD = "exchange-demo"
NEW_PASSWORD = "matrix-Pass-2026!"

# ---- rules: who may, over the declared facts ---------------------------------------------

Rule = Callable[[Actor, SimpleNamespace], bool]


def anyone(a, o) -> bool:
    return True


def logged_in(a, o) -> bool:
    return a.role is not None


def roles(*names: str) -> Rule:
    return lambda a, o: a.role in names


def manages_class(a: Actor, cls) -> bool:
    """The class's teacher, or an admin of its school."""
    return (a.role == "teacher" and cls.key in a.teaches) or (
        a.role == "admin" and (a.platform or a.school == cls.school)
    )


def platform_admin(a: Actor, o) -> bool:
    return a.role == ADMIN and a.platform


def school_admin(a: Actor, o) -> bool:
    return a.role == ADMIN and not a.platform


def sees_class(a: Actor, cls) -> bool:
    return manages_class(a, cls) or (a.role == "student" and cls.key in a.studies)


def manages_student(a: Actor, student) -> bool:
    return (a.role == "teacher" and student.school in a.teaches) or (a.role == "admin" and a.school == student.school)


def session_side(a: Actor, s) -> bool:
    return a.role == "teacher" and bool(a.teaches & s.schools)


def sees_session(a: Actor, s) -> bool:
    if session_side(a, s):
        return True
    if a.role == "admin":
        return a.platform or a.school in s.schools
    if a.role == "student":
        return s.booked and bool(a.studies & s.schools)
    if a.role == "moderator":
        return s.booked and (a.platform or a.school in s.schools)
    return False


def moderates_flag(a: Actor, flag) -> bool:
    room = ROOMS[flag.room]
    if a.role in ("moderator", "admin"):
        return a.platform or a.school == flag.school or supervises(a, room)
    return a.role == "teacher" and supervises(a, room)


def manages_list(a: Actor, entry) -> bool:
    return a.role in (ADMIN, MODERATOR) and (a.platform or (entry.school is not None and a.school == entry.school))


def member(a, o) -> bool:
    return in_room(a, o.room_id)


def shares_files(a, o) -> bool:
    """Members share files; a student in a room with another school needs the files consent scope."""
    cross_school = len(o.room_id.schools) > 1
    return member(a, o) and (a.role != STUDENT or not cross_school or "files" in a.consent)


def supervisor(a, o) -> bool:
    return supervises(a, o.room_id)


def student_member(a, o) -> bool:
    return a.role == STUDENT and member(a, o)


def teacher_member(a, o) -> bool:
    """A teacher of one of the room's classes (a partnership's surveys are opened by its teachers)."""
    return a.role == TEACHER and member(a, o)


def file_member(a, o) -> bool:
    return in_room(a, ROOMS[o.file_id.room])


def file_supervisor(a, o) -> bool:
    return supervises(a, ROOMS[o.file_id.room])


def expert_profile_visible(a, o) -> bool:
    if a.role not in ("teacher", "admin", "student", "moderator", "expert"):
        return False
    return a.role in ("teacher", "admin", "moderator") or o.expert_id.cleared or o.expert_id.owner == a.name


def guardian_of(a, o) -> bool:
    return a.role == "guardian" and o.student_id.key in a.children


def family_update(a, o) -> bool:
    cls = o.class_id
    children_classes = {STUDENTS[c].school for c in a.children}
    return manages_class(a, cls) or (a.role == "guardian" and cls.key in children_classes)


def writes_thread(a, o) -> bool:
    """Nora's guardian, or a teacher of her class (the demo thread is about Nora)."""
    return (a.role == GUARDIAN and "nora" in a.children) or (a.role == TEACHER and OSLO in a.teaches)


def reads_thread(a, o) -> bool:
    """Those who write, and the Oslo school's admin (the world raised a concern on the thread)."""
    return writes_thread(a, o) or (a.role == ADMIN and a.school == OSLO)


def reads_announcement(a, o) -> bool:
    return manages_class(a, CLASSES[OSLO]) or (a.role == GUARDIAN and "nora" in a.children)


# ---- the table ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    may: Rule
    pick: dict | None = None  # a value for each <any(...)> argument (default: the first)
    missing_ok: bool = False  # the object is made up on purpose (unknown token): 404 is an answer, not a refusal
    fresh_login: bool = False  # the call ends the login (logout): each cell logs in anew
    body: object = None  # a valid body (or world, actor -> body), so that the check of who asks is reached
    query: object = None  # query parameters (or world, actor -> parameters)
    opaque: bool = False  # a page that reports refusals as a message and a redirect: its API twin is the proof
    destroys: bool = False  # a permitted call removes its object: run after every other cell
    xfail: tuple = ()  # ((predicate(actor, objects), reason), ...) for holes being fixed elsewhere


ADMIN, TEACHER, STUDENT, EXPERT, MODERATOR, GUARDIAN = "admin", "teacher", "student", "expert", "moderator", "guardian"
STAFF = (TEACHER, ADMIN, MODERATOR)
ROOM_VIEWERS = (TEACHER, ADMIN, STUDENT, EXPERT, MODERATOR)
LIBRARY_READERS = (TEACHER, ADMIN, MODERATOR, EXPERT)
SURVEY_CRITERIA = ("collaboration", "innovation", "curriculum", "technology", "results", "safety")


def _sees_org(a, o) -> bool:
    return sees_organisation(a, o.org_id)


def _manages_org(a, o) -> bool:
    """An organisation's contact, or the district (an administrator of no school), who sees it."""
    return sees_organisation(a, o.org_id) and (acts_for(a, o.org_id.key) or platform_admin(a, o))


def _registers(a, o) -> bool:
    """Anyone not signed in (the account is made with the organisation), or an adult of the expert role."""
    return a.role in (None, EXPERT)


def _contact_of_opportunity(a, o) -> bool:
    return acts_for(a, o.opp_id.owner)


def _endorses(a, o) -> bool:
    return manages_student(a, STUDENTS[o.interest_id.student])


def _eligible_student(a, o) -> bool:
    """The curators' opportunity is for grades 9 to 12: Oslo's student, not Nairobi's Grade 6."""
    return a.role == STUDENT and not a.under13


def _reads_agreement(a, o) -> bool:
    return reads_agreement(a, o.agreement_id)


def _agreement_party(a, o) -> bool:
    return agreement_party(a, o.agreement_id)


def _agreement_writer(a, o) -> bool:
    """A note in the steering log: a party, or a teacher of either school."""
    ag = o.agreement_id
    return agreement_party(a, ag) or (a.role == TEACHER and bool(a.teaches & ag.schools))


def _makes_agreements(a, o) -> bool:
    return (a.role == ADMIN and not a.platform) or (a.role == EXPERT and bool(a.contact_of))


# community partners (issue 21): organisations, their opportunities, a learner's request, agreements
PARTNER_ROWS: dict[str, Row] = {
    "GET /agreements": Row(roles(ADMIN, TEACHER, EXPERT)),
    "GET /api/v1/agreements": Row(roles(ADMIN, TEACHER, EXPERT)),
    "GET /agreements/new": Row(_makes_agreements),
    "POST /agreements/new": Row(_makes_agreements),  # an empty form is shown again with its errors
    "POST /api/v1/agreements": Row(_makes_agreements),
    "POST /api/v1/agreements/reminders": Row(platform_admin),
    **{
        key: Row(_reads_agreement)
        for key in (
            "GET /agreements/<int:agreement_id>",
            "GET /agreements/<int:agreement_id>/print",
            "GET /api/v1/agreements/<int:agreement_id>",
            "GET /partnerships/<int:agreement_id>",
            "GET /api/v1/partnerships/<int:agreement_id>/notes",
        )
    },
    **{
        key: Row(_agreement_party)
        for key in (
            "GET /agreements/<int:agreement_id>/edit",
            "POST /agreements/<int:agreement_id>/edit",
            "POST /api/v1/agreements/<int:agreement_id>/versions",
            "POST /agreements/<int:agreement_id>/sign",
            "POST /api/v1/agreements/<int:agreement_id>/signatures",
        )
    },
    "POST /agreements/<int:agreement_id>/end": Row(_agreement_party, destroys=True),
    "POST /api/v1/agreements/<int:agreement_id>/end": Row(_agreement_party, destroys=True),
    "POST /partnerships/<int:agreement_id>/notes": Row(_agreement_writer),
    "POST /api/v1/partnerships/<int:agreement_id>/notes": Row(_agreement_writer),
    "GET /organisations": Row(logged_in),
    "GET /api/v1/organisations": Row(logged_in),
    "GET /organisations/register": Row(_registers),
    "POST /organisations/register": Row(_registers),  # an empty form is shown again with its errors
    "POST /api/v1/organisations": Row(roles(EXPERT)),
    **{key: Row(_sees_org) for key in ("GET /organisations/<int:org_id>", "GET /api/v1/organisations/<int:org_id>")},
    "GET /organisations/<int:org_id>/logo": Row(_sees_org),  # the museum has a logo (World._partners)
    "GET /organisations/<int:org_id>/edit": Row(_manages_org),
    "POST /organisations/<int:org_id>/edit": Row(_manages_org),
    "POST /organisations/<int:org_id>/logo": Row(_manages_org, opaque=True),
    "POST /api/v1/organisations/<int:org_id>": Row(_manages_org),
    "POST /organisations/<int:org_id>/staff": Row(_manages_org),  # an empty form is shown again with its errors
    "POST /api/v1/organisations/<int:org_id>/staff": Row(_manages_org),
    **{
        key: Row(platform_admin)
        for key in (
            "POST /organisations/<int:org_id>/evidence",
            "POST /organisations/<int:org_id>/decision",
            "POST /api/v1/organisations/<int:org_id>/evidence",
            "POST /api/v1/organisations/<int:org_id>/decision",
        )
    },
    "GET /opportunities": Row(logged_in),
    "GET /api/v1/opportunities": Row(logged_in),
    "GET /opportunities/requests": Row(logged_in),
    "GET /api/v1/opportunity-requests": Row(logged_in),
    "GET /opportunities/new": Row(lambda a, o: a.role == EXPERT and bool(a.contact_of)),
    "POST /opportunities/new": Row(lambda a, o: a.role == EXPERT and bool(a.contact_of)),
    "POST /api/v1/opportunities": Row(  # for the museum: its contact (the body is short of the rest: 400)
        lambda a, o: acts_for(a, "org_museum"),
        body=lambda w, a: {"organisation_id": w.ids["organisations"]["org_museum"]},
    ),
    "GET /opportunities/<int:opp_id>": Row(logged_in),  # a listed opportunity
    "GET /api/v1/opportunities/<int:opp_id>": Row(logged_in),
    "POST /opportunities/<int:opp_id>/interest": Row(_eligible_student),
    "POST /api/v1/opportunities/<int:opp_id>/interest": Row(_eligible_student),
    "GET /opportunities/<int:opp_id>/applicants": Row(_contact_of_opportunity),
    # the paper form of a request (409 while the teacher has not endorsed it: not a refusal)
    "GET /opportunity-requests/<int:interest_id>/letter": Row(_endorses),
    "GET /api/v1/opportunities/<int:opp_id>/applicants": Row(_contact_of_opportunity),
    "POST /opportunities/<int:opp_id>/close": Row(_contact_of_opportunity, destroys=True),
    # a step of a request, tried as "endorse": the student's teacher or their school's administrator
    "POST /opportunity-requests/<int:interest_id>/<any(endorse, decline, consent, refuse, paper, confirm, withdraw):action>": Row(
        _endorses
    ),
    "POST /api/v1/opportunity-requests/<int:interest_id>/<any(endorse, decline, consent, refuse, paper, confirm, withdraw):action>": Row(
        _endorses
    ),
}

ROWS: dict[str, Row] = {
    # -- open to anyone
    "GET /": Row(logged_in),  # anonymous visitors are sent to the login page
    "GET /healthz": Row(anyone),
    "GET /login": Row(anyone),
    "POST /login": Row(anyone),
    "GET /join": Row(anyone),
    "POST /join": Row(anyone),
    "POST /api/v1/join": Row(anyone),
    "GET /api/v1/auth/csrf": Row(anyone),
    "POST /api/v1/auth/login": Row(anyone),
    "GET /api/v1/openapi.json": Row(anyone),
    "GET /calendar/<token>.ics": Row(anyone, missing_ok=True),
    "GET /guardian/invite/<token>": Row(anyone, missing_ok=True),
    "POST /guardian/invite/<token>": Row(anyone, missing_ok=True),
    "GET /api/v1/guardian/invitations/<token>": Row(anyone, missing_ok=True),
    "POST /api/v1/guardian/invitations/<token>/accept": Row(anyone, missing_ok=True),
    # -- any logged-in user
    "POST /logout": Row(logged_in, fresh_login=True),
    "POST /api/v1/auth/logout": Row(logged_in, fresh_login=True),
    "GET /api/v1/me": Row(logged_in),
    "GET /dashboard": Row(logged_in),
    # -- school administration
    "GET /admin/people": Row(roles(ADMIN)),
    "POST /admin/people": Row(roles(ADMIN)),
    "GET /api/v1/admin/teachers": Row(roles(ADMIN)),
    "POST /api/v1/admin/moderators": Row(roles(ADMIN)),
    "POST /admin/teachers/<int:teacher_id>/verify": Row(
        lambda a, o: a.role == ADMIN and (a.platform or a.school == o.teacher_id.school)
    ),
    "POST /api/v1/admin/teachers/<int:teacher_id>/verify": Row(
        lambda a, o: a.role == ADMIN and (a.platform or a.school == o.teacher_id.school)
    ),
    # -- classes
    "GET /classes/new": Row(roles(TEACHER)),
    "POST /classes/new": Row(roles(TEACHER)),
    # a room of one's own class (issue 17): the class's teacher or its school's admin
    "POST /classes/<int:class_id>/rooms": Row(lambda a, o: manages_class(a, o.class_id) and not a.platform),
    "POST /api/v1/classes/<int:class_id>/rooms": Row(lambda a, o: manages_class(a, o.class_id) and not a.platform),
    # onboarding (issue 17): the platform administrator's school pages, a school admin's invitations,
    # and what anyone may open (a school's application, an invitation link)
    **{
        key: Row(platform_admin)
        for key in (
            "GET /admin/schools",
            "POST /admin/schools",
            "GET /api/v1/admin/schools",
            "POST /api/v1/admin/schools",
            "GET /admin/schools/<int:school_id>",
            "POST /admin/schools/<int:school_id>/invite-admin",
            "POST /admin/applications/<int:application_id>/approve",
            "POST /admin/applications/<int:application_id>/decline",
        )
    },
    **{
        key: Row(school_admin)
        for key in (
            "GET /admin/people/invite",
            "POST /admin/people/invite",
            "GET /admin/people/import",
            "POST /admin/people/import",
            "POST /api/v1/admin/invitations",
        )
    },
    # whose invitation it is decides (tests/foundation/test_invitation_links.py); a page: refusals are a message
    "POST /admin/invitations/withdraw": Row(lambda a, o: a.role == ADMIN, opaque=True),
    "POST /admin/invitations/resend": Row(lambda a, o: a.role == ADMIN, opaque=True),
    # district sign-in and rosters (issue 19): a made-up provider is "not offered" (404), the callback
    # without a sign-in under way a clear 400; the admin pages are a school admin's
    "GET /login/sso/<int:provider_id>": Row(anyone, missing_ok=True),
    "GET /login/sso/callback": Row(anyone),
    "GET /admin/sign-in": Row(school_admin),
    "POST /admin/sign-in": Row(school_admin),
    "POST /admin/sign-in/<int:provider_id>/enabled": Row(school_admin, missing_ok=True),
    "GET /admin/roster": Row(school_admin),
    "POST /admin/roster": Row(school_admin),
    # the language picker and a person's own settings (issue 18)
    "POST /language": Row(anyone),
    "GET /account/settings": Row(logged_in),
    "POST /account/settings": Row(logged_in, body={"lang": "", "timezone": "Europe/Oslo"}),
    "GET /schools/apply": Row(anyone),
    "POST /schools/apply": Row(anyone),
    "GET /invitations/<token>": Row(anyone, missing_ok=True),
    "POST /invitations/<token>": Row(anyone, missing_ok=True),
    "POST /api/v1/classes": Row(roles(TEACHER)),
    "GET /api/v1/classes": Row(roles(TEACHER, ADMIN, STUDENT, MODERATOR)),
    "GET /classes/<int:class_id>": Row(lambda a, o: sees_class(a, o.class_id)),
    "GET /api/v1/classes/<int:class_id>": Row(lambda a, o: sees_class(a, o.class_id)),
    "GET /api/v1/classes/<int:class_id>/members": Row(lambda a, o: manages_class(a, o.class_id)),
    "POST /memberships/<int:membership_id>/<any(approve, reject):decision>": Row(
        lambda a, o: manages_class(a, CLASSES[o.membership_id.school]), pick={"decision": "reject"}
    ),
    "POST /api/v1/memberships/<int:membership_id>/<any(approve, reject):decision>": Row(
        lambda a, o: manages_class(a, CLASSES[o.membership_id.school]), pick={"decision": "reject"}
    ),
    # -- class profiles, partners, sessions (scheduling)
    "GET /classes/<int:class_id>/profile": Row(lambda a, o: manages_class(a, o.class_id)),
    "POST /classes/<int:class_id>/profile": Row(lambda a, o: manages_class(a, o.class_id)),
    "GET /api/v1/classes/<int:class_id>/profile": Row(lambda a, o: manages_class(a, o.class_id)),
    "POST /api/v1/classes/<int:class_id>/profile": Row(lambda a, o: manages_class(a, o.class_id)),
    "PATCH /api/v1/classes/<int:class_id>/profile": Row(lambda a, o: manages_class(a, o.class_id)),
    "GET /partners": Row(roles(TEACHER)),
    "GET /classes/<int:class_id>/partners": Row(lambda a, o: a.role == TEACHER and o.class_id.key in a.teaches),
    "GET /api/v1/classes/<int:class_id>/partners": Row(lambda a, o: a.role == TEACHER and o.class_id.key in a.teaches),
    "GET /classes/<int:class_id>/invite": Row(
        lambda a, o: a.role == TEACHER and o.class_id.key in a.teaches, query=lambda w, a: {"partner": w.partner_for(a)}
    ),
    "POST /classes/<int:class_id>/invite": Row(
        lambda a, o: a.role == TEACHER and o.class_id.key in a.teaches, query=lambda w, a: {"partner": w.partner_for(a)}
    ),
    "POST /classes/<int:class_id>/async": Row(lambda a, o: a.role == TEACHER and o.class_id.key in a.teaches),
    "GET /invitations": Row(roles(TEACHER)),
    "GET /api/v1/invitations": Row(roles(TEACHER)),
    "POST /api/v1/sessions": Row(roles(TEACHER)),
    "POST /api/v1/sessions/check": Row(roles(TEACHER)),
    "POST /api/v1/async-exchanges": Row(roles(TEACHER)),
    "GET /api/v1/sessions": Row(roles(TEACHER, STUDENT, ADMIN, EXPERT, MODERATOR)),
    "GET /sessions/<int:session_id>": Row(lambda a, o: sees_session(a, o.session_id)),
    "GET /api/v1/sessions/<int:session_id>": Row(lambda a, o: sees_session(a, o.session_id)),
    "GET /sessions/<int:session_id>.ics": Row(lambda a, o: sees_session(a, o.session_id)),
    "GET /api/v1/sessions/<int:session_id>/ics": Row(lambda a, o: sees_session(a, o.session_id)),
    "POST /sessions/<int:session_id>/<any(accept, decline, cancel):action>": Row(
        lambda a, o: session_side(a, o.session_id), pick={"action": "cancel"}
    ),
    "POST /api/v1/sessions/<int:session_id>/<any(accept, decline, cancel):action>": Row(
        lambda a, o: session_side(a, o.session_id), pick={"action": "cancel"}
    ),
    "GET /sessions/<int:session_id>/propose": Row(lambda a, o: session_side(a, o.session_id)),
    "POST /sessions/<int:session_id>/propose": Row(lambda a, o: session_side(a, o.session_id)),
    "POST /api/v1/sessions/<int:session_id>/propose": Row(lambda a, o: session_side(a, o.session_id)),
    "GET /calendar": Row(roles(TEACHER, STUDENT, ADMIN, EXPERT, MODERATOR)),
    "GET /classes/<int:class_id>/calendar": Row(lambda a, o: sees_class(a, o.class_id)),
    "POST /calendar/feed": Row(roles(TEACHER)),
    "GET /api/v1/calendar/feed": Row(roles(TEACHER)),
    "POST /api/v1/calendar/feed": Row(roles(TEACHER)),
    # -- rooms
    "GET /api/v1/rooms": Row(roles(*ROOM_VIEWERS)),
    "POST /api/v1/rooms": Row(roles(*STAFF)),
    "GET /rooms/<int:room_id>": Row(member),
    "GET /api/v1/rooms/<int:room_id>": Row(member),
    "GET /api/v1/rooms/<int:room_id>/messages": Row(member),
    "POST /api/v1/rooms/<int:room_id>/<any(open, close, lock, unlock):action>": Row(
        supervisor, pick={"action": "open"}
    ),
    "POST /api/v1/rooms/<int:room_id>/mute": Row(supervisor, body=lambda w, a: {"user_id": w.user_id(a), "minutes": 0}),
    "GET /api/v1/rooms/<int:room_id>/transcript": Row(supervisor),
    "POST /api/v1/rooms/<int:room_id>/invitations/<int:class_id>/<any(accept, decline):answer>": Row(
        lambda a, o: (
            a.role == TEACHER and a.verified and o.class_id.key in a.teaches and o.class_id.key in o.room_id.classes
        ),
        pick={"answer": "accept"},
    ),  # accepting a partner class takes a verified teacher
    # -- files
    "GET /rooms/<int:room_id>/files": Row(member),
    "GET /rooms/<int:room_id>/files/list": Row(member),
    "GET /api/v1/rooms/<int:room_id>/files": Row(member),
    "GET /api/v1/rooms/<int:room_id>/files/policy": Row(member),
    "POST /rooms/<int:room_id>/files": Row(shares_files, opaque=True),
    "POST /api/v1/rooms/<int:room_id>/files": Row(shares_files),
    "POST /rooms/<int:room_id>/files/policy": Row(supervisor, body={"student_files_need_approval": "1"}),
    "POST /api/v1/rooms/<int:room_id>/files/policy": Row(supervisor, body={"student_files_need_approval": True}),
    "GET /files/review": Row(roles(*STAFF)),
    "GET /api/v1/files/review": Row(roles(*STAFF)),
    "GET /files/<file_id>": Row(file_member),
    "GET /api/v1/files/<file_id>/download": Row(file_member),
    "POST /api/v1/files/<file_id>/report": Row(
        lambda a, o: a.role != GUARDIAN and file_member(a, o), body={"category": "other", "reason": "Matrix check"}
    ),
    "POST /files/<file_id>/<any(approve, reject, remove):action>": Row(
        file_supervisor, pick={"action": "remove"}, body={"reason": "Matrix check"}, destroys=True
    ),
    "POST /api/v1/files/<file_id>/<any(approve, reject, remove):action>": Row(
        file_supervisor, pick={"action": "remove"}, body={"reason": "Matrix check"}, destroys=True
    ),
    # -- moderation
    "GET /moderation": Row(roles(*STAFF)),
    "GET /api/v1/flags": Row(roles(*STAFF)),
    "POST /api/v1/flags/<int:flag_id>/claim": Row(lambda a, o: moderates_flag(a, o.flag_id)),
    "POST /api/v1/flags/<int:flag_id>/actions": Row(lambda a, o: moderates_flag(a, o.flag_id)),
    # the queue page's forms (issue 17): no reason sent, so a permitted call is refused by a flash only
    "POST /moderation/flags/<int:flag_id>/claim": Row(lambda a, o: moderates_flag(a, o.flag_id)),
    "POST /moderation/flags/<int:flag_id>/act": Row(lambda a, o: moderates_flag(a, o.flag_id)),
    # -- safety lists: moderators and admins; platform entries by the platform's own, a school's by its own
    "GET /moderation/lists": Row(roles(ADMIN, MODERATOR)),
    "POST /moderation/lists": Row(roles(ADMIN, MODERATOR)),
    "GET /api/v1/moderation/lists": Row(roles(ADMIN, MODERATOR)),
    "POST /api/v1/moderation/lists": Row(
        roles(ADMIN, MODERATOR),
        body=lambda w, a: {
            "kind": "deny",
            "phrase": "matrix " + uuid.uuid4().hex[:8].translate(str.maketrans("0123456789", "ghijklmnop")),
            "category": "bullying",
            "severity": 2,
            "reason": "Matrix check",
        },
    ),
    "POST /api/v1/moderation/lists/<int:entry_id>/undo": Row(lambda a, o: manages_list(a, o.entry_id), destroys=True),
    "POST /moderation/lists/<int:entry_id>/undo": Row(lambda a, o: manages_list(a, o.entry_id), destroys=True),
    "POST /api/v1/reports": Row(roles(TEACHER, STUDENT, EXPERT, MODERATOR, ADMIN)),
    "GET /api/v1/audit": Row(roles(ADMIN, MODERATOR)),
    # -- vetting, experts, offers and visits
    "GET /vetting/apply": Row(roles(EXPERT)),
    "POST /vetting/apply": Row(roles(EXPERT)),
    "GET /vetting/me": Row(roles(EXPERT)),
    "POST /api/v1/vetting/application": Row(roles(EXPERT)),
    "GET /api/v1/vetting/me": Row(roles(EXPERT)),
    "GET /vetting/records": Row(roles(ADMIN)),
    "GET /api/v1/vetting/records": Row(roles(ADMIN)),
    "GET /vetting/records/<int:record_id>": Row(roles(ADMIN)),
    "GET /api/v1/vetting/records/<int:record_id>": Row(roles(ADMIN)),
    "POST /vetting/records/<int:record_id>/evidence/<any(identity, background, safeguarding_training, reference):kind>": Row(
        roles(ADMIN)
    ),
    "POST /api/v1/vetting/records/<int:record_id>/evidence": Row(roles(ADMIN)),
    "POST /vetting/records/<int:record_id>/transition": Row(roles(ADMIN)),
    "POST /api/v1/vetting/records/<int:record_id>/transition": Row(roles(ADMIN)),
    "POST /vetting/run/<any(expiry, reminders):job>": Row(roles(ADMIN)),
    "POST /api/v1/vetting/expire-due": Row(roles(ADMIN)),
    "POST /api/v1/vetting/reminders": Row(roles(ADMIN)),
    "GET /experts/<int:expert_id>": Row(expert_profile_visible),
    "GET /api/v1/experts/<int:expert_id>": Row(expert_profile_visible),
    "GET /offers/mine": Row(roles(EXPERT)),
    "POST /offers/mine": Row(roles(EXPERT)),
    "GET /api/v1/offers/mine": Row(roles(EXPERT)),
    "POST /api/v1/offers": Row(roles(EXPERT)),
    "GET /api/v1/offers": Row(roles(TEACHER, ADMIN, MODERATOR)),
    "GET /offers": Row(roles(TEACHER)),
    "POST /offers/<int:offer_id>/withdraw": Row(lambda a, o: a.name == o.offer_id.owner),
    "POST /api/v1/offers/<int:offer_id>/withdraw": Row(lambda a, o: a.name == o.offer_id.owner),
    "POST /offers/<int:offer_id>/request": Row(lambda a, o: a.role == TEACHER and a.verified, opaque=True),
    "POST /api/v1/offers/<int:offer_id>/requests": Row(
        lambda a, o: a.role == TEACHER and a.verified, body=lambda w, a: w.visit_request_body(a)
    ),
    "GET /api/v1/visit-requests/sent": Row(roles(TEACHER)),
    "GET /api/v1/visit-requests/incoming": Row(roles(EXPERT)),
    "POST /visit-requests/<int:request_id>/<any(accept, decline):answer>": Row(
        lambda a, o: a.name == OFFERS["offer"].owner, pick={"answer": "decline"}, opaque=True
    ),
    "POST /api/v1/visit-requests/<int:request_id>/<any(accept, decline):answer>": Row(
        lambda a, o: a.name == OFFERS["offer"].owner, pick={"answer": "decline"}
    ),
    "POST /visit-requests/<int:request_id>/cancel": Row(lambda a, o: a.name == o.request_id.owner),
    "POST /api/v1/visit-requests/<int:request_id>/cancel": Row(lambda a, o: a.name == o.request_id.owner),
    # -- consent, families and data rights
    "GET /consent": Row(roles(TEACHER, ADMIN)),
    # text messages with families (issue 22). The gateway's webhook is public in the route table but
    # answers its bearer token only, which no actor holds: every cell is a refusal (401).
    "POST /api/v1/sms/inbound": Row(lambda a, o: False),
    "GET /guardian/phone": Row(roles(GUARDIAN)),
    "POST /guardian/phone": Row(roles(GUARDIAN)),  # an empty form is shown again with its errors (400)
    "POST /api/v1/guardian/phone": Row(roles(GUARDIAN), body={"number": None, "channel": "email"}),
    # a student without a guardian's number: 409 no_phone, an answer past the check of who asks
    "POST /api/v1/students/<int:student_id>/consent-requests/text": Row(
        lambda a, o: manages_student(a, o.student_id), body={"scope": "exchanges"}
    ),
    "GET /api/v1/students/<int:student_id>/texts": Row(lambda a, o: manages_student(a, o.student_id)),
    # reply slips on printed letters and the page button for the consent question by text (issue 22).
    # Empty forms are shown again (400); the JSON slip's reference is not the child's: 400, nothing kept.
    "GET /students/<int:student_id>/paper-replies": Row(lambda a, o: manages_student(a, o.student_id)),
    "POST /students/<int:student_id>/paper-replies": Row(lambda a, o: manages_student(a, o.student_id)),
    "GET /api/v1/students/<int:student_id>/paper-replies": Row(lambda a, o: manages_student(a, o.student_id)),
    "POST /api/v1/students/<int:student_id>/paper-replies": Row(
        lambda a, o: manages_student(a, o.student_id),
        body={"slip": "ZZZZZZ", "kind": "question", "guardian_name": "Matrix Check", "body": "Matrix check"},
    ),
    "POST /students/<int:student_id>/consent-requests/text": Row(lambda a, o: manages_student(a, o.student_id)),
    # the digital-citizenship lesson (issue 22)
    "GET /citizenship": Row(roles(STUDENT, TEACHER, ADMIN, GUARDIAN, MODERATOR)),
    "GET /api/v1/citizenship": Row(roles(STUDENT, TEACHER, ADMIN, GUARDIAN, MODERATOR)),
    "POST /citizenship": Row(roles(STUDENT)),  # unanswered: the lesson again, with a sentence
    "POST /api/v1/citizenship": Row(roles(STUDENT)),
    "GET /classes/<int:class_id>/citizenship": Row(lambda a, o: manages_class(a, o.class_id)),
    "GET /api/v1/classes/<int:class_id>/citizenship": Row(lambda a, o: manages_class(a, o.class_id)),
    "POST /rooms/<int:room_id>/citizenship": Row(supervisor),  # no choice sent: 400, nothing changes
    "POST /api/v1/rooms/<int:room_id>/citizenship": Row(supervisor),
    # the outreach log and the awareness survey (issue 22): an administrator reads the outreach and the
    # survey's results (the district every school, a school's admin their own); a family or a community
    # partner's contact answers (an expert who acts for no organisation is refused)
    **{
        key: Row(roles(ADMIN))
        for key in (
            "GET /outreach",
            "GET /outreach.csv",
            "GET /api/v1/outreach",
            "GET /outreach/charts/<any(schools, channels, kinds, audiences, languages, months, rates):name>.svg",
            "GET /awareness/results",
            "GET /api/v1/awareness/results",
        )
    },
    "GET /awareness": Row(lambda a, o: a.role == GUARDIAN or (a.role == EXPERT and bool(a.contact_of))),
    "POST /awareness": Row(  # an empty form is shown again with its errors (400)
        lambda a, o: a.role == GUARDIAN or (a.role == EXPERT and bool(a.contact_of))
    ),
    "GET /api/v1/awareness": Row(lambda a, o: a.role == GUARDIAN or (a.role == EXPERT and bool(a.contact_of))),
    "POST /api/v1/awareness": Row(
        lambda a, o: a.role == GUARDIAN or (a.role == EXPERT and bool(a.contact_of)),
        body={"scales": {"exchanges": 3, "reach": 3, "safety": 3, "partners": 2, "useful": 3}},
    ),
    # family messages (issue 22): the child's guardian and teachers read and write the thread; the school's
    # admin reads it once a concern is raised (the world raises one); announcements: the class's teacher
    # and school admin write; the families who received one read it
    **{
        key: Row(reads_thread)
        for key in (
            "GET /messages/<int:thread_id>",
            "GET /api/v1/messages/<int:thread_id>",
        )
    },
    "GET /messages/attachments/<int:message_id>": Row(reads_thread),
    "POST /messages/<int:thread_id>": Row(writes_thread),  # no token: the page again with a sentence (400)
    "POST /api/v1/messages/<int:thread_id>": Row(writes_thread, body={"body": "Matrix check"}),
    "POST /messages/<int:thread_id>/concern": Row(writes_thread),  # no reason: the page again (400)
    "POST /api/v1/messages/<int:thread_id>/concern": Row(writes_thread, body={"reason": "Matrix check"}),
    "GET /messages": Row(roles(GUARDIAN, TEACHER, ADMIN)),
    "GET /api/v1/messages": Row(roles(GUARDIAN, TEACHER, ADMIN)),
    "POST /messages/new": Row(writes_thread, opaque=True),
    "POST /api/v1/messages": Row(writes_thread, body=lambda w, a: w.thread_body(a)),
    "GET /messages/availability": Row(roles(TEACHER, ADMIN)),
    "POST /messages/availability": Row(roles(TEACHER, ADMIN)),
    "POST /api/v1/messages/availability": Row(roles(TEACHER, ADMIN), body={"note": "After three on weekdays."}),
    "GET /announcements/new": Row(roles(TEACHER, ADMIN)),
    "POST /announcements": Row(roles(TEACHER, ADMIN)),  # an empty form is shown again with its errors (400)
    "POST /api/v1/announcements": Row(
        lambda a, o: manages_class(a, CLASSES[OSLO]),
        body=lambda w, a: {"class_id": w.ids["classes"][OSLO], "title": "Matrix", "body": "Matrix check"},
    ),
    "GET /announcements/<int:announcement_id>": Row(reads_announcement),
    "GET /api/v1/announcements/<int:announcement_id>": Row(reads_announcement),
    "GET /announcements/<int:announcement_id>/print": Row(lambda a, o: manages_class(a, CLASSES[OSLO])),
    "GET /classes/<int:class_id>/consent": Row(lambda a, o: manages_class(a, o.class_id)),
    "GET /api/v1/classes/<int:class_id>/consent": Row(lambda a, o: manages_class(a, o.class_id)),
    "POST /students/<int:student_id>/guardian-invitations": Row(lambda a, o: manages_student(a, o.student_id)),
    "POST /api/v1/students/<int:student_id>/guardian-invitations": Row(lambda a, o: manages_student(a, o.student_id)),
    "GET /students/<int:student_id>/consent/paper": Row(lambda a, o: manages_student(a, o.student_id)),
    "POST /students/<int:student_id>/consent/paper": Row(lambda a, o: manages_student(a, o.student_id)),
    "POST /api/v1/students/<int:student_id>/consent/paper": Row(
        lambda a, o: manages_student(a, o.student_id), body=lambda w, a: w.paper_consent_body()
    ),
    "GET /students/<int:student_id>/consent-letter": Row(lambda a, o: manages_student(a, o.student_id)),
    "GET /classes/<int:class_id>/family-update": Row(family_update),
    "GET /api/v1/classes/<int:class_id>/family-update": Row(family_update),
    "POST /classes/<int:class_id>/family-update/send": Row(lambda a, o: manages_class(a, o.class_id)),
    "POST /api/v1/classes/<int:class_id>/family-update/send": Row(lambda a, o: manages_class(a, o.class_id)),
    "GET /guardian": Row(roles(GUARDIAN)),
    "GET /api/v1/guardian/children": Row(roles(GUARDIAN)),
    "GET /api/v1/guardian/children/<int:student_id>": Row(guardian_of),
    "POST /guardian/children/<int:student_id>/consent": Row(
        guardian_of, body={"scope": "exchanges", "decision": "grant"}
    ),
    "POST /api/v1/guardian/children/<int:student_id>/consent": Row(
        guardian_of, body={"scope": "exchanges", "decision": "grant"}
    ),
    "GET /guardian/children/<int:student_id>/data": Row(guardian_of),
    "GET /api/v1/guardian/children/<int:student_id>/export": Row(guardian_of),
    "POST /guardian/children/<int:student_id>/deletion-request": Row(guardian_of),
    "POST /api/v1/guardian/children/<int:student_id>/deletion-requests": Row(guardian_of),
    "GET /admin/data-rights": Row(roles(ADMIN)),
    "GET /api/v1/deletion-requests": Row(roles(ADMIN)),
    "POST /admin/deletion-requests/<int:request_id>/<any(approve, reject):decision>": Row(
        lambda a, o: a.role == ADMIN and a.school == o.request_id.school, pick={"decision": "reject"}
    ),
    "POST /api/v1/deletion-requests/<int:request_id>/<any(approve, reject):decision>": Row(
        lambda a, o: a.role == ADMIN and a.school == o.request_id.school, pick={"decision": "reject"}
    ),
    "GET /api/v1/retention/settings": Row(roles(ADMIN)),
    "POST /api/v1/retention/settings": Row(roles(ADMIN)),
    "POST /admin/retention": Row(roles(ADMIN)),
    "POST /admin/retention/run": Row(roles(ADMIN), destroys=True),
    "POST /api/v1/retention/run": Row(roles(ADMIN), destroys=True),
    # -- Socket.IO events (the connection needs a live login; every event needs the connection)
    "EVENT connect": Row(logged_in),
    "EVENT disconnect": Row(lambda a, o: False),  # a client event of that name must never run the handler
    "EVENT join": Row(member),
    "EVENT leave": Row(logged_in),
    "EVENT send_message": Row(member),
    "EVENT typing": Row(member),
    "EVENT presence": Row(member),
    "EVENT watch_files": Row(member),
    # the activity library (issue 20): library readers are staff and experts; a submission waiting for
    # review is its author's and the platform editors' (neither is an actor here); a verified teacher
    # rates and submits; a room's activity is chosen by its supervisors and read by its members
    **{
        key: Row(lambda a, o: a.role in LIBRARY_READERS and o.slug.key == "activity_shipped")
        for key in ("GET /activities/<slug>", "GET /api/v1/activities/<slug>")
    },
    "GET /activities": Row(roles(*LIBRARY_READERS)),
    "GET /api/v1/activities": Row(roles(*LIBRARY_READERS)),
    "GET /activities/new": Row(roles(TEACHER)),
    "POST /activities/new": Row(roles(TEACHER)),  # an empty form is shown again with its errors
    "POST /api/v1/activities": Row(lambda a, o: a.role == TEACHER and a.verified, body={"texts": {}}),
    "POST /activities/<slug>/attach": Row(roles(TEACHER, ADMIN, MODERATOR), opaque=True),
    "POST /activities/<slug>/rating": Row(roles(TEACHER), opaque=True),
    "POST /api/v1/activities/<slug>/rating": Row(
        lambda a, o: a.role == TEACHER and a.verified and o.slug.key == "activity_shipped", body={"stars": 4}
    ),
    "GET /activities/review": Row(platform_admin),
    "POST /activities/<slug>/review": Row(roles(ADMIN), opaque=True),
    "POST /api/v1/activities/<slug>/review": Row(platform_admin, body={"decision": "reject", "note": "matrix"}),
    "GET /api/v1/rooms/<int:room_id>/activity": Row(member),
    "PUT /api/v1/rooms/<int:room_id>/activity": Row(supervisor, body={"slug": "seasons-wheel"}),
    "DELETE /api/v1/rooms/<int:room_id>/activity": Row(supervisor),
    "POST /rooms/<int:room_id>/activity/remove": Row(supervisor),
    # reflections and impact (issue 20): members reflect; supervisors read a room's reflections
    "GET /rooms/<int:room_id>/reflection": Row(member),
    "POST /rooms/<int:room_id>/reflection": Row(member),
    "GET /api/v1/rooms/<int:room_id>/reflection": Row(member),
    "POST /api/v1/rooms/<int:room_id>/reflection": Row(member, body={"scale": 4}),
    "GET /rooms/<int:room_id>/reflections": Row(supervisor),
    "GET /api/v1/rooms/<int:room_id>/reflections": Row(supervisor),
    "GET /impact": Row(roles(*STAFF)),
    "GET /impact.csv": Row(roles(*STAFF)),
    "GET /safety-report": Row(anyone),  # public: counts, shares and times only
    "GET /safety-report/print": Row(anyone),
    "GET /api/v1/impact": Row(roles(*STAFF)),
    "GET /impact/charts/<any(sessions, reflections, activities, flags, knowledge):name>.svg": Row(roles(*STAFF)),
    # a partnership's surveys and quality rubric (issue 20): its students answer (a room of one school
    # has none: a sentence, not a refusal), its supervisors read the results, a teacher of it opens a
    # phase, its teachers assess it and its school admins and moderators review it
    "GET /rooms/<int:room_id>/survey": Row(student_member),
    "POST /rooms/<int:room_id>/survey": Row(student_member),
    "GET /rooms/<int:room_id>/surveys": Row(supervisor),
    "POST /rooms/<int:room_id>/surveys/open": Row(supervisor, opaque=True),
    "GET /api/v1/rooms/<int:room_id>/surveys": Row(lambda a, o: student_member(a, o) or supervisor(a, o)),
    "POST /api/v1/rooms/<int:room_id>/surveys/open": Row(teacher_member, body={"phase": "before"}),
    "POST /api/v1/rooms/<int:room_id>/surveys/answers": Row(
        student_member, body={"scales": {"knowledge": 2, "comfort": 3, "similarity": 2}}
    ),
    "GET /rooms/<int:room_id>/rubric": Row(supervisor),
    "POST /rooms/<int:room_id>/rubric": Row(supervisor),
    "GET /api/v1/rooms/<int:room_id>/rubric": Row(supervisor),
    "POST /api/v1/rooms/<int:room_id>/rubric": Row(
        supervisor, body={"scores": dict.fromkeys(SURVEY_CRITERIA, 2), "notes": {"safety": "Matrix check"}}
    ),
    # exhibitions and resources (issue 20): who sees an exhibition follows its audience and the
    # families' consents; its curators are the supervisors of its room; a missing item or resource
    # (taken away by an earlier cell) is an answer for a curator, never for anyone else
    "GET /exhibitions": Row(anyone),
    "GET /api/v1/exhibitions": Row(anyone),
    "POST /exhibitions": Row(lambda a, o: supervises(a, ROOMS["room_oslo_sydney"]), opaque=True),
    "POST /api/v1/exhibitions": Row(
        lambda a, o: supervises(a, ROOMS["room_oslo_sydney"]),
        body=lambda w, actor: {"room": w.ids["rooms"]["room_oslo_sydney"], "title": "Matrix", "audience": "school"},
    ),
    **{
        key: Row(lambda a, o: sees_exhibition(a, o.exhibition_id))
        for key in (
            "GET /exhibitions/<int:exhibition_id>",
            "GET /exhibitions/<int:exhibition_id>/print",
            "GET /api/v1/exhibitions/<int:exhibition_id>",
        )
    },
    "GET /exhibitions/<int:exhibition_id>/items/<int:item_id>/image": Row(
        lambda a, o: o.item_id.owner == o.exhibition_id.key and sees_exhibition(a, o.exhibition_id)
    ),
    "GET /exhibitions/<int:exhibition_id>/edit": Row(lambda a, o: supervises(a, ROOMS[o.exhibition_id.room])),
    "POST /exhibitions/<int:exhibition_id>/items": Row(
        lambda a, o: supervises(a, ROOMS[o.exhibition_id.room]), opaque=True
    ),
    "POST /api/v1/exhibitions/<int:exhibition_id>/items": Row(
        lambda a, o: supervises(a, ROOMS[o.exhibition_id.room]),
        body=lambda w, actor: {"kind": "message", "seq": w.ids["message_seq"]},
    ),
    "POST /exhibitions/<int:exhibition_id>/items/<int:item_id>/remove": Row(
        lambda a, o: supervises(a, ROOMS[o.exhibition_id.room]), opaque=True, destroys=True
    ),
    "DELETE /api/v1/exhibitions/<int:exhibition_id>/items/<int:item_id>": Row(
        lambda a, o: supervises(a, ROOMS[o.exhibition_id.room]), missing_ok=True, destroys=True
    ),
    "POST /exhibitions/<int:exhibition_id>/<any(publish, withdraw):action>": Row(
        lambda a, o: supervises(a, ROOMS[o.exhibition_id.room]), opaque=True
    ),
    "POST /api/v1/exhibitions/<int:exhibition_id>/status": Row(
        lambda a, o: supervises(a, ROOMS[o.exhibition_id.room]), body={"status": "published"}
    ),
    "POST /exhibitions/<int:exhibition_id>/comments": Row(lambda a, o: comments_on(a, o.exhibition_id), opaque=True),
    "POST /api/v1/exhibitions/<int:exhibition_id>/comments": Row(
        lambda a, o: comments_on(a, o.exhibition_id), body={"body": "Thank you for sharing this work."}
    ),
    "POST /exhibitions/<int:exhibition_id>/comments/<int:comment_id>/<any(show, remove):decision>": Row(
        lambda a, o: supervises(a, ROOMS[o.exhibition_id.room]), opaque=True
    ),
    "POST /api/v1/exhibitions/<int:exhibition_id>/comments/<int:comment_id>": Row(
        lambda a, o: supervises(a, ROOMS[o.exhibition_id.room]), missing_ok=True, body={"decision": "show"}
    ),
    "GET /rooms/<int:room_id>/resources": Row(lambda a, o: supervisor(a, o) or student_member(a, o)),
    "GET /api/v1/rooms/<int:room_id>/resources": Row(lambda a, o: supervisor(a, o) or student_member(a, o)),
    "POST /rooms/<int:room_id>/resources": Row(supervisor, opaque=True),
    "POST /api/v1/rooms/<int:room_id>/resources": Row(
        supervisor, body={"topic": "Matrix", "title": "A link", "url": "https://www.example.org/matrix"}
    ),
    "POST /resources/<int:resource_id>/share": Row(lambda a, o: supervises(a, ROOMS[o.resource_id.room]), opaque=True),
    "POST /api/v1/resources/<int:resource_id>": Row(
        lambda a, o: supervises(a, ROOMS[o.resource_id.room]), body={"for_students": True}
    ),
    "POST /resources/<int:resource_id>/remove": Row(
        lambda a, o: supervises(a, ROOMS[o.resource_id.room]), opaque=True, destroys=True
    ),
    "DELETE /api/v1/resources/<int:resource_id>": Row(
        lambda a, o: supervises(a, ROOMS[o.resource_id.room]), missing_ok=True, destroys=True
    ),
    # the district's brand (issue 21): everyone reads it; only the platform's administrator sets it
    "GET /brand.css": Row(anyone),
    "GET /brand/logo": Row(anyone, missing_ok=True),  # 404 while the district has no logo
    "GET /api/v1/brand": Row(anyone),
    "GET /admin/brand": Row(platform_admin),
    "POST /admin/brand": Row(platform_admin),  # an empty form is shown again with its errors
    "POST /admin/brand/logo": Row(platform_admin, opaque=True),
    "POST /admin/brand/reset": Row(platform_admin),
    "PUT /api/v1/brand": Row(
        platform_admin, body={"name": "Classroom Exchange", "primary": "#0b5cad", "accent": "#ffbf47"}
    ),
    "EVENT unwatch_files": Row(logged_in),
    "EVENT watch_flags": Row(roles(*STAFF)),
    **PARTNER_ROWS,
}

# Each URL argument is tried with each declared object of its kind.
ARGUMENT_OBJECTS = {
    "room_id": ROOMS,
    "class_id": CLASSES,
    "student_id": STUDENTS,
    "session_id": SESSIONS,
    "expert_id": EXPERTS,
    "record_id": RECORDS,
    "offer_id": OFFERS,
    "membership_id": MEMBERSHIPS,
    "teacher_id": TEACHERS,
    "flag_id": FLAGS,
    "file_id": FILES,
    "token": TOKENS,
    "entry_id": LIST_ENTRIES,
    "school_id": SCHOOLS,
    "application_id": APPLICATIONS,
    "provider_id": PROVIDERS,
    "slug": ACTIVITIES,
    "exhibition_id": EXHIBITIONS,
    "item_id": EXHIBITION_ITEMS,
    "comment_id": EXHIBITION_COMMENTS,
    "resource_id": RESOURCES,
    "org_id": ORGANISATIONS,
    "opp_id": OPPORTUNITIES,
    "interest_id": INTERESTS,
    "agreement_id": AGREEMENTS,
    "thread_id": THREADS,
    "message_id": FAMILY_MESSAGES,
    "announcement_id": ANNOUNCEMENTS,
}
ROOM_EVENTS = ("join", "leave", "send_message", "typing", "presence", "watch_files", "unwatch_files")

# Acks and codes that mean "you may not" (as opposed to "not now" or "not like that").
DENIAL_CODES = {
    "forbidden",
    "login_required",
    "not_a_member",
    "not_supervisor",
    "removed_from_room",
    "expert_not_verified",
    "consent_missing",
    "citizenship_missing",
    "consent_required",
    "not_joined",
    "no_such_room",
    "not_your_class",
    "not_your_school",
    "teacher_not_verified",
    "vetting_revoked",
    "account_suspended",
}


def _arguments(key: str) -> list[str]:
    if key.startswith("EVENT "):
        return ["room_id"] if key.split()[1] in ROOM_EVENTS else []
    return [
        name
        for name in re.findall(r"<(?:[\w]+(?:\([^)]*\))?:)?(\w+)>", key.split(" ", 1)[1])
        if name in ARGUMENT_OBJECTS or name == "request_id"
    ]


def _objects_for(key: str, name: str) -> dict:
    if name == "request_id":
        return DELETION_REQUESTS if "deletion-request" in key else VISIT_REQUESTS
    return ARGUMENT_OBJECTS[name]


@dataclass(frozen=True)
class Cell:
    key: str
    actor: str
    objects: tuple  # ((argument, object key), ...)

    @property
    def namespace(self) -> SimpleNamespace:
        return SimpleNamespace(**{arg: _objects_for(self.key, arg)[obj] for arg, obj in self.objects})

    @property
    def row(self) -> Row:
        return ROWS[self.key]

    @property
    def expected(self) -> bool:
        return self.row.may(ACTORS[self.actor], self.namespace)

    @property
    def writes(self) -> bool:
        return not self.key.startswith(("GET ", "EVENT "))

    @property
    def label(self) -> str:
        objects = ",".join(obj for _arg, obj in self.objects)
        return f"{self.key} | {self.actor}" + (f" | {objects}" if objects else "")


def _registry_keys() -> list[str]:
    return [r.key for r in routes()] + [f"EVENT {e}" for e in events()]


def _cells() -> list:
    cells = []
    for key in _registry_keys():
        if key not in ROWS:
            continue  # reported by test_every_route_and_event_has_a_row
        args = _arguments(key)
        choices = [[(arg, obj) for obj in _objects_for(key, arg)] for arg in args]
        for actor in ACTORS:
            for combo in itertools.product(*choices):
                cells.append(Cell(key, actor, tuple(combo)))
    # Reads and refusals first; the permitted writes (which change state) last, so that no write
    # changes what a later cell sees.
    cells.sort(key=lambda c: (c.writes and c.expected, c.expected and c.row.destroys))
    params = []
    for cell in cells:
        marks = [
            pytest.mark.xfail(strict=True, reason=reason)
            for applies, reason in cell.row.xfail
            if applies(ACTORS[cell.actor], cell.namespace)
        ]
        params.append(pytest.param(cell, id=cell.label, marks=marks))
    return params


def test_every_route_and_event_has_a_row():
    keys = _registry_keys()
    missing = [k for k in keys if k not in ROWS]
    stale = [k for k in ROWS if k not in keys]
    assert not missing, f"routes or events with no row in the authorisation matrix: {missing}"
    assert not stale, f"rows for routes or events that no longer exist: {stale}"


# ---- the demo world on a real server -----------------------------------------------------


class World:
    """A demo server with every kind of account and object the rows ask about."""

    def __init__(self, server: ServerProcess):
        self.server = server
        self.clients: dict[str, Api] = {}
        self.sockets: dict[str, Live] = {}
        self.ids: dict[str, object] = {}
        self.now: datetime | None = None

    def login(self, login: str, password: str = PASSWORD) -> Api:
        return Api(self.server.url).login(login, password)

    def anonymous(self) -> Api:
        client = Api(self.server.url)
        client.csrf = client.http.get(self.server.url + "/api/v1/auth/csrf", timeout=10).json()["csrf_token"]
        return client

    def client(self, actor: str) -> Api:
        if actor not in self.clients:
            a = ACTORS[actor]
            self.clients[actor] = (
                self.anonymous()
                if a.role is None
                else self.login(a.login, NEW_PASSWORD if actor == "moderator_school" else PASSWORD)
            )
        return self.clients[actor]

    def socket(self, actor: str) -> Live:
        live = self.sockets.get(actor)
        if live is None or not live.sio.connected:
            live = Live(self.client(actor)).connect()
            self.sockets[actor] = live
        return live

    def build(self) -> World:
        teacher, liam, amani = (
            self.client("teacher"),
            self.login("liam.carter@wattlecreek.example"),
            self.client("teacher_unverified"),
        )
        admin = self.client("admin")
        r = admin.post(
            "/api/v1/admin/moderators",
            {
                "email": ACTORS["moderator_school"].login,
                "password": NEW_PASSWORD,
                "first_name": "Oda",
                "last_name": "Moe",
            },
        )
        assert r.status_code == 201, r.text
        classes = {
            OSLO: teacher.get("/api/v1/classes").json()["classes"][0],
            SYDNEY: liam.get("/api/v1/classes").json()["classes"][0],
            NAIROBI: amani.get("/api/v1/classes").json()["classes"][0],
        }
        self.ids.update(classes={k: c["id"] for k, c in classes.items()})
        kofi = self.client("expert")
        offer = kofi.get("/api/v1/offers/mine").json()["offers"][0]
        kofi_id = kofi.get("/api/v1/me").json()["id"]
        selma_id = self.client("expert_uncleared").get("/api/v1/me").json()["id"]
        records = {rec["expert"]["id"]: rec["id"] for rec in admin.get("/api/v1/vetting/records").json()["records"]}
        self.ids.update(
            experts={"expert_cleared": kofi_id, "expert_in_review": selma_id},
            records={"record_cleared": records[kofi_id], "record_in_review": records[selma_id]},
            offers={"offer": offer["id"]},
        )
        # rooms
        rooms = {r["title"]: r["id"] for r in teacher.get("/api/v1/rooms").json()["rooms"]}
        seasons = next(i for t, i in rooms.items() if "seasons" in t.lower())
        made = {"room_oslo_sydney": seasons}
        # The server's clock, read from its own data (the demo room opened five minutes before the demo loaded).
        opened = teacher.get(f"/api/v1/rooms/{seasons}").json()["opens_at"]
        self.now = datetime.fromisoformat(opened) + timedelta(minutes=5)
        for key, client, body in (
            ("room_sydney", liam, {"title": "Sydney only", "class_ids": [classes[SYDNEY]["id"]]}),
            ("room_nairobi", amani, {"title": "Nairobi only", "class_ids": [classes[NAIROBI]["id"]]}),
            (
                "room_oslo_expert",
                teacher,
                {"title": "Oslo with an expert", "class_ids": [classes[OSLO]["id"]], "expert_ids": [kofi_id]},
            ),
        ):
            r = client.post("/api/v1/rooms", body)
            assert r.status_code == 201, r.text
            made[key] = r.json()["id"]
            r = client.post(f"/api/v1/rooms/{made[key]}/open", {"reason": "matrix"})
            assert r.status_code == 200, r.text
        self.ids["rooms"] = made
        # people
        members = {}
        for key, client in ((OSLO, teacher), (SYDNEY, liam), (NAIROBI, amani)):
            for m in client.get(f"/api/v1/classes/{classes[key]['id']}/members").json()["members"]:
                members[m["student"]["name"].split()[0].lower()] = m["student"]["id"]
        self.ids["students"] = {k: members[k] for k in STUDENTS}
        teacher_ids = {t["email"]: t["id"] for t in admin.get("/api/v1/admin/teachers").json()["teachers"]}
        amani_id = amani.get("/api/v1/me").json()["id"]
        self.ids["teachers"] = {"teacher_oslo": teacher_ids[ACTORS["teacher"].login], "teacher_nairobi": amani_id}
        # sessions of the demo
        sessions = {s["partner_class"]["id"]: s["id"] for s in teacher.get("/api/v1/sessions").json()["sessions"]}
        self.ids["sessions"] = {
            "session_oslo_sydney": sessions[classes[SYDNEY]["id"]],
            "session_oslo_nairobi": sessions[classes[NAIROBI]["id"]],
        }
        # a pending class membership (a student signs up with the class code)
        code = teacher.get(f"/api/v1/classes/{classes[OSLO]['id']}").json()["join_code"]
        r = self.anonymous().post(
            "/api/v1/join",
            {
                "code": code,
                "username": "matrix." + uuid.uuid4().hex[:6],
                "password": NEW_PASSWORD,
                "first_name": "Ola",
                "last_name": "Nord",
            },
        )
        assert r.status_code == 201, r.text
        self.ids["memberships"] = {"membership_pending": r.json()["membership_id"]}
        # a visit request from Oslo's teacher to the cleared expert, starting a week after the server's now
        r = teacher.post(
            f"/api/v1/offers/{offer['id']}/requests",
            {
                "class_id": classes[OSLO]["id"],
                "proposed_start": (self.now + timedelta(days=7)).isoformat(),
                "note": "matrix",
            },
        )
        assert r.status_code == 201, r.text
        self.ids["visit_requests"] = {"visit_request": r.json()["id"]}
        # a deletion request from Nora's guardian
        r = self.client("guardian").post(
            f"/api/v1/guardian/children/{members['nora']}/deletion-requests", {"reason": "We are moving away."}
        )
        assert r.status_code == 201, r.text
        self.ids["deletion_requests"] = {"deletion_request": r.json()["id"]}
        # flags: a student reports a teacher's message in two rooms
        self.ids["flags"] = {
            "flag_oslo_sydney": self._flag(teacher, self.client("student"), made["room_oslo_sydney"]),
            "flag_nairobi": self._flag(amani, self.client("student_under13"), made["room_nairobi"]),
        }
        # files: a teacher shares one in two rooms
        self.ids["files"] = {
            "file_oslo_sydney": self._file(teacher, made["room_oslo_sydney"]),
            "file_nairobi": self._file(amani, made["room_nairobi"]),
        }
        for file_id in self.ids["files"].values():  # shared with the rooms: a moderator approves what waits
            r = self.client("moderator").post(f"/api/v1/files/{file_id}/approve", {})
            assert r.status_code in (200, 409), r.text
        self.ids["tokens"] = {"unknown_token": "x" * 43}
        self.ids["providers"] = {"unknown_provider": 999_999}  # none in the demo: "not offered", 404
        self.ids["activities"] = {
            "activity_shipped": "seasons-wheel",
            "activity_waiting": "t1-lunch-boxes-around-the-world",  # the demo's, by Sydney's teacher
        }
        # onboarding: Oslo's school, and an application sent on the public form
        self.ids["schools"] = {"school_oslo": admin.get("/api/v1/me").json()["school_id"]}
        self.ids["applications"] = {"application": self._application()}
        # safety list entries: Oslo's admin adds one to Oslo's list, the platform moderator one to the platform's
        entries = {}
        for key, who, scope in (("entry_oslo", "admin", "school"), ("entry_platform", "moderator", "platform")):
            r = self.client(who).post(
                "/api/v1/moderation/lists",
                {
                    "kind": "deny",
                    "phrase": f"matrix {key}",
                    "category": "bullying",
                    "severity": 2,
                    "scope": scope,
                    "reason": "Matrix check",
                },
            )
            assert r.status_code == 201, r.text
            entries[key] = r.json()["id"]
        self.ids["list_entries"] = entries
        self._showcase(teacher, made["room_oslo_sydney"])
        self._partners(teacher)
        self._family_messages(teacher)
        return self

    def _family_messages(self, teacher: Api) -> None:
        """Nora's guardian writes with a picture; her teacher raises a concern; an announcement to Oslo's class."""
        guardian = self.client("guardian")
        nora = self.ids["students"]["nora"]
        r = guardian.post("/api/v1/messages", {"student_id": nora, "body": "Matrix thread"})
        assert r.status_code == 201, r.text
        thread = r.json()["thread"]["id"]
        out = io.BytesIO()
        Image.new("RGB", (20, 20), "#88aa55").save(out, format="PNG")
        r = guardian.http.post(
            f"{self.server.url}/messages/{thread}",
            data={"csrf_token": guardian.csrf, "body": "A picture"},
            files={"file": ("picture.png", out.getvalue(), "image/png")},
            timeout=15,
        )
        assert r.status_code == 200 and "Your message was sent." in r.text, r.text[-600:]
        messages = teacher.get(f"/api/v1/messages/{thread}").json()["messages"]
        with_file = next(m for m in messages if m["attachment"])
        r = teacher.post(f"/api/v1/messages/{thread}/concern", {"reason": "Matrix check"})
        assert r.status_code == 200, r.text
        r = teacher.post(
            "/api/v1/announcements", {"class_id": self.ids["classes"][OSLO], "title": "Matrix", "body": "Matrix check"}
        )
        assert r.status_code == 201, r.text
        self.ids["threads"] = {"thread_nora": thread}
        self.ids["family_messages"] = {"message_nora": with_file["attachment"]["id"]}
        self.ids["announcements"] = {"announcement_oslo": r.json()["id"]}

    def thread_body(self, actor: str) -> dict:
        body = {"student_id": self.ids["students"]["nora"], "body": "Matrix check"}
        if ACTORS[actor].role != GUARDIAN:
            body["guardian_id"] = self.user_id("guardian")
        return body

    def _partners(self, teacher: Api) -> None:
        """The demo's organisations (listed by a district administrator made for the matrix, not an
        actor), the museum's curators opportunity, and Nora's request waiting for her teacher."""
        self.server.run_cli(
            "admin", "create", "--email", "matrix.district@exchange.example", "--password", NEW_PASSWORD, check=False
        )
        district = self.login("matrix.district@exchange.example", NEW_PASSWORD)
        orgs = {o["name"]: o["id"] for o in district.get("/api/v1/organisations").json()["organisations"]}
        self.ids["organisations"] = {
            "org_museum": orgs["Aurora Natural History Museum"],
            "org_business": orgs["Harbourside Robotics Ltd"],
        }
        partner = self.client("partner")
        page = partner.get(
            f"/organisations/{orgs['Aurora Natural History Museum']}/edit", headers={"Accept": "text/html"}
        )
        token = page.text.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
        logo = io.BytesIO()
        Image.new("RGB", (32, 32), "#2e6b4f").save(logo, format="PNG")
        r = partner.http.post(
            f"{self.server.url}/organisations/{orgs['Aurora Natural History Museum']}/logo",
            data={"csrf_token": token},
            files={"file": ("museum.png", logo.getvalue(), "image/png")},
            timeout=15,
            allow_redirects=False,
        )
        assert r.status_code == 302, r.text
        listed = self.client("student").get("/api/v1/opportunities").json()["opportunities"]
        self.ids["opportunities"] = {"opp_curators": next(o["id"] for o in listed if "curators" in o["title"])}
        requests_ = teacher.get("/api/v1/opportunity-requests").json()["requests"]
        nora = next(r["id"] for r in requests_ if r["student"].startswith("Nora") and r["state"] == "interested")
        self.ids["interests"] = {"interest_nora": nora}
        agreements = district.get("/api/v1/agreements").json()["agreements"]
        self.ids["agreements"] = {
            "agreement_oslo_sydney": next(a["id"] for a in agreements if a["partner_school"]),
            "agreement_oslo_museum": next(a["id"] for a in agreements if a["organisation"]),
        }

    def _showcase(self, teacher: Api, room: int) -> None:
        """Three published exhibitions of the Oslo–Sydney room (public, school, partnership), a picture
        in the public one, a student's comment on the partnership's, and a resource of the room."""
        live = Live(teacher).connect()
        try:
            assert live.join(room)["ok"]
            ack = live.send(room, "Our exhibition opens on Friday.")
            assert ack["ok"], ack
        finally:
            live.close()
        self.ids["message_seq"] = ack["seq"]
        out = io.BytesIO()
        Image.new("RGB", (32, 24), "#3366aa").save(out, format="PNG")
        r = teacher.http.post(
            f"{self.server.url}/api/v1/rooms/{room}/files",
            files={"file": ("poster.png", out.getvalue(), "image/png")},
            headers={"X-CSRFToken": teacher.csrf, "Accept": "application/json"},
            timeout=15,
        )
        assert r.status_code == 201, r.text
        picture = r.json()["file"]["id"]
        exhibitions = {}
        for key, ex in EXHIBITIONS.items():
            r = teacher.post(
                "/api/v1/exhibitions", {"room": room, "title": "Matrix " + ex.audience, "audience": ex.audience}
            )
            assert r.status_code == 201, r.text
            exhibitions[key] = r.json()["id"]
            assert (
                teacher.post(f"/api/v1/exhibitions/{exhibitions[key]}/status", {"status": "published"}).status_code
                == 200
            )
        self.ids["exhibitions"] = exhibitions
        r = teacher.post(
            f"/api/v1/exhibitions/{exhibitions['exhibition_public']}/items",
            {"kind": "file", "file_id": picture, "shows_face": False},
        )
        assert r.status_code == 201, r.text
        self.ids["exhibition_items"] = {"item_picture": r.json()["id"]}
        r = self.client("student").post(
            f"/api/v1/exhibitions/{exhibitions['exhibition_partnership']}/comments", {"body": "We like your poster."}
        )
        assert r.status_code == 201, r.text
        self.ids["exhibition_comments"] = {"comment_partnership": r.json()["id"]}
        r = teacher.post(
            f"/api/v1/rooms/{room}/resources", {"topic": "Matrix", "title": "Plan", "url": "https://www.example.org/p"}
        )
        assert r.status_code == 201, r.text
        self.ids["resources"] = {"resource_oslo_sydney": r.json()["id"]}

    def _application(self) -> int:
        """A school's application sent on the public form; its id read from the server's database
        (only the platform administrator, no actor here, lists applications)."""
        from sqlalchemy import create_engine, text

        client = self.anonymous()
        page = client.get("/schools/apply", headers={"Accept": "text/html"}).text
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        form = {
            "csrf_token": token,
            "name": "Matrix Valley School",
            "country": "NO",
            "timezone": "Europe/Oslo",
            "languages": "no, en",
            "first_name": "Matrix",
            "email": "apply@matrix-valley.example",
            "accept_terms": "y",
        }
        r = client.http.post(self.server.url + "/schools/apply", data=form, timeout=15)
        assert r.status_code == 200 and "application is sent" in r.text, r.text[-800:]
        engine = create_engine(self.server.database_url)
        try:
            with engine.connect() as conn:
                return int(conn.execute(text("SELECT max(id) FROM school_applications")).scalar_one())
        finally:
            engine.dispose()

    def _flag(self, author: Api, reporter: Api, room: int) -> int:
        live = Live(author).connect()
        try:
            assert live.join(room)["ok"]
            ack = live.send(room, "Please read page twelve before tomorrow.")
            assert ack["ok"], ack
        finally:
            live.close()
        r = reporter.post(
            "/api/v1/reports",
            {"room": room, "seq": ack["seq"], "subject_type": "message", "category": "other", "reason": "Matrix check"},
        )
        assert r.status_code == 201, r.text
        return r.json()["flag_id"]

    def _file(self, uploader: Api, room: int) -> str:
        r = uploader.http.post(
            f"{self.server.url}/api/v1/rooms/{room}/files",
            files={"file": ("notes.txt", b"Reading list for the exchange.\n", "text/plain")},
            headers={"X-CSRFToken": uploader.csrf, "Accept": "application/json"},
            timeout=15,
        )
        assert r.status_code == 201, r.text
        return r.json()["file"]["id"]

    def user_id(self, actor: str) -> int:
        return (self.client(actor).user or {"id": 1})["id"]

    def partner_for(self, actor: str) -> int:
        return self.ids["classes"][SYDNEY]

    def visit_request_body(self, actor: str) -> dict:
        return {
            "class_id": self.ids["classes"][OSLO],
            "note": "matrix",
            "proposed_start": (self.now + timedelta(days=8)).isoformat(),
        }

    def paper_consent_body(self) -> dict:
        return {
            "scopes": ["exchanges"],
            "guardian_name": "Kari Nord",
            "signed_on": (self.now - timedelta(days=1)).date().isoformat(),
        }

    def object_id(self, key: str, arg: str, obj: str):
        kind = {
            "room_id": "rooms",
            "class_id": "classes",
            "student_id": "students",
            "session_id": "sessions",
            "expert_id": "experts",
            "record_id": "records",
            "offer_id": "offers",
            "membership_id": "memberships",
            "teacher_id": "teachers",
            "flag_id": "flags",
            "file_id": "files",
            "token": "tokens",
            "entry_id": "list_entries",
            "school_id": "schools",
            "application_id": "applications",
            "provider_id": "providers",
            "slug": "activities",
            "exhibition_id": "exhibitions",
            "item_id": "exhibition_items",
            "comment_id": "exhibition_comments",
            "resource_id": "resources",
            "org_id": "organisations",
            "opp_id": "opportunities",
            "interest_id": "interests",
            "agreement_id": "agreements",
            "thread_id": "threads",
            "message_id": "family_messages",
            "announcement_id": "announcements",
        }.get(arg)
        if arg == "request_id":
            kind = "deletion_requests" if "deletion-request" in key else "visit_requests"
        return self.ids[kind][obj]

    def close(self) -> None:
        for live in self.sockets.values():
            live.close()


@pytest.fixture(scope="module")
def world():
    srv = ServerProcess(
        env={
            "EXCHANGE_RATE_BURST": "100000",
            "EXCHANGE_RATE_PER_MINUTE": "1000000",
            "EXCHANGE_LOGIN_MAX_FAILURES": "100000",
        }
    ).start()
    w = World(srv)
    try:  # the server stops even when building the world fails
        yield w.build()
    finally:
        w.close()
        srv.stop()


# ---- one cell ----------------------------------------------------------------------------


def _path(cell: Cell, world: World) -> str:
    rule = cell.key.split(" ", 1)[1]
    objects = dict(cell.objects)
    row = cell.row

    def value(m: re.Match) -> str:
        converter, name = m.group(1) or "", m.group(2)
        if converter.startswith("any("):
            options = [o.strip() for o in converter[4:-1].split(",")]
            return (row.pick or {}).get(name, options[0])
        return str(world.object_id(cell.key, name, objects[name]))

    return re.sub(r"<(?:([\w]+(?:\([^)]*\))?):)?(\w+)>", value, rule)


def _http(cell: Cell, world: World) -> tuple[str, str]:
    method = cell.key.split(" ", 1)[0]
    path = _path(cell, world)
    actor = ACTORS[cell.actor]
    client = world.client(cell.actor)
    if cell.row.fresh_login and actor.role is not None:
        client = world.login(actor.login, NEW_PASSWORD if cell.actor == "moderator_school" else PASSWORD)
    api = path.startswith("/api/")
    row = cell.row
    body = row.body(world, cell.actor) if callable(row.body) else dict(row.body or {})
    query = row.query(world, cell.actor) if callable(row.query) else row.query
    headers = {"X-CSRFToken": client.csrf or "", "Accept": "application/json" if api else "text/html"}
    saved_cookie = client.cookie_header()  # what someone at a shared computer could have copied before logout
    payload = {}
    if method != "GET":  # the API takes JSON; pages take a form with its CSRF field, as a browser sends it
        payload = {"json": body} if api else {"data": {"csrf_token": client.csrf or "", **body}}
    r = client.http.request(
        method, world.server.url + path, headers=headers, timeout=20, allow_redirects=False, params=query, **payload
    )
    detail = f"{r.status_code} {r.headers.get('Location', '')} {r.text[:200]!r}"
    assert r.status_code < 500 and "Traceback" not in r.text, f"{cell.label}: {detail}"
    assert "csrf_failed" not in r.text and "Your form expired" not in r.text, f"{cell.label}: CSRF refused"
    if row.fresh_login and actor.role is not None:
        me = requests.get(
            world.server.url + "/api/v1/me", headers={"Cookie": saved_cookie, "Accept": "application/json"}, timeout=10
        )
        assert me.status_code == 401, f"{cell.label}: the saved cookie still works after logging out ({me.status_code})"
        return "allowed" if r.status_code < 400 else "refused", detail
    if row.opaque:  # the API twin proves the rule; here only that the page answers without an error
        return ("allowed" if cell.expected else "refused"), "page: " + detail
    if r.status_code in (401, 403):
        return "refused", detail
    if r.status_code == 404:
        return "allowed" if cell.row.missing_ok else "refused", detail
    if r.status_code in (301, 302, 303) and "/login" in r.headers.get("Location", ""):
        return "refused", detail
    return "allowed", detail


def _event(cell: Cell, world: World) -> tuple[str, str]:
    event = cell.key.split(" ", 1)[1]
    actor = ACTORS[cell.actor]
    if actor.role is None:  # anonymous: the connection itself must be refused
        sio = socketio.Client(reconnection=False)
        try:
            sio.connect(world.server.url, transports=["websocket"], wait_timeout=10)
        except socketio.exceptions.ConnectionError:
            return "refused", "connection refused"
        sio.disconnect()
        return "allowed", "connected without a login"
    if event == "connect":
        return ("allowed" if world.socket(cell.actor).sio.connected else "refused"), "connect"
    live = world.socket(cell.actor)
    if event == "disconnect":
        return _fake_disconnect(world, cell.actor, live), "a client event named disconnect"
    data = {}
    if "room_id" in dict(cell.objects):
        data["room"] = world.object_id(cell.key, "room_id", dict(cell.objects)["room_id"])
        if event in ("send_message", "typing", "presence"):
            live.call("join", {"room": data["room"], "last_seq": 0})
    data.update(
        {
            "send_message": {"body": "Hello from the matrix.", "client_msg_id": uuid.uuid4().hex},
            "typing": {"typing": True},
            "join": {"last_seq": 0},
        }.get(event, {})
    )
    ack = live.call(event, data)
    assert isinstance(ack, dict) and "Traceback" not in repr(ack), f"{cell.label}: {ack!r}"
    assert ack.get("error") != "server_error", f"{cell.label}: {ack!r}"
    if ack.get("ok"):
        return "allowed", "ok"
    return ("refused" if ack.get("error") in DENIAL_CODES else "allowed"), repr(ack)[:200]


def _fake_disconnect(world: World, actor: str, live: Live) -> str:
    """A client event named `disconnect` must not run the server's disconnect handler: the
    sender stays connected and stays in the presence list of a room it joined."""
    room = next((world.ids["rooms"][k] for k, r in ROOMS.items() if in_room(ACTORS[actor], r)), None)
    if room is not None:
        assert live.join(room)["ok"]
    live.sio.emit("disconnect", {})
    ack = live.call("presence", {"room": room}) if room is not None else live.call("leave", {"room": 0})
    if not live.sio.connected:
        return "allowed"
    if room is not None:
        me = world.client(actor).user["id"]
        listed = [p["id"] for p in (ack.get("presence") or {}).get("people", [])]
        if me not in listed:
            return "allowed"
    return "refused"


@pytest.mark.parametrize("cell", _cells())
def test_matrix(world, cell):
    outcome, detail = _event(cell, world) if cell.key.startswith("EVENT ") else _http(cell, world)
    expected = "allowed" if cell.expected else "refused"
    assert outcome == expected, f"{cell.label}: expected {expected}, got {outcome} ({detail})"
