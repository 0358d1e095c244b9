"""Guardians with the database: consent (online and paper), invitations, family updates,
data rights (export and erasure) and the retention policy.

The seam other domains call (`consent_refusal`) lives in `consent`: the rooms domain before a student enters a
room, the files domain before a student's file reaches another school. Every change here is
audited; a withdrawal tells the rooms domain at once (`signals.access_lost`).
"""
from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import or_, select, update

from ..accounts.models import User
from ..accounts.services import EMAIL_RE, create_user, validate_name
from ..db import db, utcnow
from ..directory.models import ClassMembership, School, SchoolClass
from ..directory.services import can_manage_class
from ..errors import Conflict, DomainError, Forbidden, Invalid, NotFound
from ..ids import lookup
from ..rooms import policy as room_policy
from ..rooms.models import Room, RoomClass, RoomMember
from ..signals import access_lost, audit
from ..storage import message_log
from . import letters, rules, shared_work
from .consent import accepted_classes, consent_states, newest_consent, room_consent_refusal
from .models import Consent, DeletionRequest, GuardianInvitation, GuardianLink, RetentionPolicy, RetentionRun

log = logging.getLogger("exchange.guardians")

SCOPES = rules.SCOPES
PAGE = 1000  # message-log page size when walking a room's history


def scope_labels() -> dict[str, str]:
    return {"exchanges": _("Exchanges with partner classes"), "expert_visits": _("Visits by experts"),
            "file_sharing": _("Sharing files with other schools")}


def refusal_message(code: str | None, scope: str) -> str:
    label = scope_labels().get(scope, scope)
    if code == rules.CONSENT_WITHDRAWN:
        return _("A guardian withdrew consent for: %(scope)s.", scope=label)
    if code == rules.CONSENT_MISSING:
        return _("No guardian consent yet for: %(scope)s.", scope=label)
    return ""


def state_view(state: rules.ConsentState) -> dict:
    return {"scope": state.scope, "status": state.status, "method": state.method,
            "on": state.on.isoformat() if state.on else None,
            "withdrawn_on": state.withdrawn_on.isoformat() if state.withdrawn_on else None}


# ---- who may act for which student ----------------------------------------------------

def _student(student_id) -> User | None:
    user = lookup(User, student_id)
    return user if user is not None and user.role == "student" else None


def may_manage_student(actor: User, student: User) -> bool:
    """A teacher of one of the student's classes, or an admin of the student's school."""
    if actor is None or not actor.is_active or student is None:
        return False
    if actor.role == "admin":
        return actor.school_id is not None and actor.school_id == student.school_id
    if actor.role == "teacher":
        return bool(db.session.scalar(
            select(ClassMembership.id).join(SchoolClass, SchoolClass.id == ClassMembership.class_id)
            .where(ClassMembership.user_id == student.id, ClassMembership.status != "removed",
                   SchoolClass.teacher_id == actor.id).limit(1)))
    return False


def managed_student(actor: User, student_id) -> User:
    """The student, when the actor teaches them or is an admin of their school; else 403 (also for forged ids)."""
    student = _student(student_id)
    if student is None or not may_manage_student(actor, student):
        raise Forbidden(_("This student is not in one of your classes."), code="not_your_student")
    return student


def is_guardian_of(guardian: User, student_id: int) -> bool:
    return bool(db.session.scalar(select(GuardianLink.id).where(GuardianLink.guardian_user_id == guardian.id,
                                                                GuardianLink.student_id == student_id)))


def guarded_child(guardian: User, student_id) -> User:
    """The guardian's own child; 403 for any other id, existing or not."""
    student = _student(student_id)
    if guardian is None or guardian.role != "guardian" or student is None or not is_guardian_of(guardian, student.id):
        raise Forbidden(_("You can see only your own children."), code="not_your_child")
    return student


def children_of(guardian: User) -> list[User]:
    return list(db.session.scalars(select(User).join(GuardianLink, GuardianLink.student_id == User.id)
                                   .where(GuardianLink.guardian_user_id == guardian.id).order_by(User.first_name)))


def classes_of_student(student_id: int) -> list[SchoolClass]:
    return list(db.session.scalars(select(SchoolClass).join(ClassMembership, ClassMembership.class_id == SchoolClass.id)
                                   .where(ClassMembership.user_id == student_id, ClassMembership.status == "approved")
                                   .order_by(SchoolClass.name)))


# ---- rooms of a class, as families and teachers need them --------------------------------

def rooms_of_classes(class_ids) -> list[Room]:
    ids = list(class_ids)
    if not ids:
        return []
    return list(db.session.scalars(select(Room).join(RoomClass, RoomClass.room_id == Room.id)
                                   .where(RoomClass.class_id.in_(ids), RoomClass.status == "accepted")
                                   .distinct().order_by(Room.id)))


def room_state(room: Room, now: datetime | None = None) -> str:
    return room_policy.effective_state(room.state, room.opens_at, room.closes_at, now or utcnow())


def kept_out(student: User, rooms: list[Room], now: datetime | None = None) -> list[dict]:
    """Rooms (not closed) of the student's classes that the student may not enter for want of consent."""
    out = []
    for room in rooms:
        if room_state(room, now) == "closed":
            continue
        found = room_consent_refusal(student, room)
        if found:
            code, scope = found
            out.append({"room_id": room.id, "title": room.title, "scope": scope, "code": code,
                        "message": refusal_message(code, scope)})
    return out


# ---- the teacher's consent overview -----------------------------------------------------

def class_overview(actor: User, class_id) -> dict:
    """Each student of a class: every scope's state (how and when), guardians linked, and the rooms they miss."""
    cls = _class(class_id)
    if not can_manage_class(actor, cls):
        raise Forbidden(_("Only the class teacher can see this."), code="not_your_class")
    memberships = list(db.session.scalars(select(ClassMembership).where(
        ClassMembership.class_id == cls.id, ClassMembership.status.in_(("approved", "pending")))
        .order_by(ClassMembership.id)))
    students = [m.user for m in memberships]
    states = consent_states(s.id for s in students)
    rooms = rooms_of_classes([cls.id])
    links: dict[int, int] = {}
    for sid in db.session.scalars(select(GuardianLink.student_id).where(
            GuardianLink.student_id.in_([s.id for s in students] or [0]))):
        links[sid] = links.get(sid, 0) + 1
    rows = []
    for m, s in zip(memberships, students):
        scopes = states[s.id]
        rows.append({
            "student": {"id": s.id, "name": s.full_name, "first_name": s.first_name},
            "membership": m.status,
            "consent": {k: state_view(v) for k, v in scopes.items()},
            "missing": [k for k, v in scopes.items() if v.status != "granted"],
            "guardians": links.get(s.id, 0),
            "kept_out": kept_out(s, rooms) if m.status == "approved" else [],
        })
    return {"class": {"id": cls.id, "name": cls.name, "school": cls.school.name}, "scopes": list(SCOPES),
            "students": rows}


def _class(class_id) -> SchoolClass:
    cls = lookup(SchoolClass, class_id)
    if cls is None:
        raise NotFound(_("No such class."), code="no_such_class")
    return cls


# ---- invitations to guardians ---------------------------------------------------------

def invitation_days() -> int:
    return int(current_app.config.get("GUARDIAN_INVITATION_DAYS", rules.INVITATION_DAYS))


def _clean_language(language, student: User | None = None) -> str:
    code = letters.normalise(language if isinstance(language, str) else "")
    if not code and student is not None:
        school = db.session.get(School, student.school_id) if student.school_id else None
        code = letters.choose(None, school.languages if school else ())
    if not code.isalpha() or len(code) > 8:
        raise Invalid(_("Give the family's language as a code such as en, nb or sw."), code="invalid_language")
    return code


def create_invitation(actor: User, student_id, *, email: str | None = None, language: str | None = None,
                      link_base: str) -> tuple[GuardianInvitation, str, bool]:
    """A one-time link (valid some days) that lets a guardian open an account linked to this student.

    Returns (invitation, link, e-mailed). The token is in the link only, never stored; with an
    e-mail address the link also goes through the outbox (a failing outbox does not lose the link).
    """
    student = managed_student(actor, student_id)
    email = (email or "").strip().lower() or None
    if email and not EMAIL_RE.match(email):
        raise Invalid(_("That e-mail address does not look right."), code="invalid_email")
    token, hashed = rules.new_token()
    now = utcnow()
    inv = GuardianInvitation(student_id=student.id, email=email, token_hash=hashed,
                             language=_clean_language(language, student), created_by=actor.id, created_at=now,
                             expires_at=now + timedelta(days=invitation_days()))
    db.session.add(inv)
    db.session.commit()
    audit("guardians", actor_id=actor.id, action="guardian.invite", subject_type="student", subject_id=student.id,
          school_id=student.school_id, after={"invitation_id": inv.id, "by_email": bool(email)})
    url = link_base.rstrip("/") + "/guardian/invite/" + token
    emailed = False
    if email:
        from flask import render_template
        from flask_babel import force_locale

        from ..outbox import outbox

        with force_locale(inv.language if inv.language in _ui_languages() else "en"):
            subject = _("Your child's class on Classroom Exchange: please confirm")
            text = render_template("guardians/invitation_email.txt", student=student, url=url, inv=inv,
                                   school=db.session.get(School, student.school_id) if student.school_id else None)
        try:
            outbox().send(to=email, subject=subject, text=text)
            emailed = True
            log.info("invitation mailed invitation=%s", inv.id)
        except Exception:  # the teacher still has the link on screen
            log.exception("invitation mail failed invitation=%s", inv.id)
    return inv, url, emailed


def _ui_languages() -> set[str]:
    from ..extensions import babel

    try:
        langs = {str(loc) for loc in babel.list_translations()} if hasattr(babel, "list_translations") else set()
    except Exception:  # no translation folder yet
        langs = set()
    return langs | {"en"}


def open_invitation(token: str) -> GuardianInvitation:
    """The invitation behind a token if it is still usable; clear 404/410 errors otherwise."""
    if not isinstance(token, str) or not 20 <= len(token) <= 100:
        raise NotFound(_("This invitation link is not valid."), code="invitation_unknown")
    inv = db.session.scalar(select(GuardianInvitation).where(GuardianInvitation.token_hash == rules.token_hash(token)))
    if inv is None:
        raise NotFound(_("This invitation link is not valid."), code="invitation_unknown")
    problem = rules.invitation_problem(expires_at=inv.expires_at, used_at=inv.used_at, now=utcnow())
    if problem == "invitation_used":
        raise Invalid(_("This invitation has already been used. Log in to see your child."), code=problem, status=410)
    if problem == "invitation_expired":
        raise Invalid(_("This invitation has expired. Ask the teacher for a new one."), code=problem, status=410)
    return inv


def invitation_view(inv: GuardianInvitation) -> dict:
    """What the invitation page may show before anyone has logged in: first name and initial only."""
    student = db.session.get(User, inv.student_id)
    school = db.session.get(School, student.school_id) if student and student.school_id else None
    return {"student": student.short_name if student else "", "school": school.name if school else "",
            "language": inv.language, "expires_at": inv.expires_at.isoformat().replace("+00:00", "Z")}


def accept_invitation(token: str, *, guardian: User | None = None, account: dict | None = None,
                      relation: str = "") -> tuple[User, GuardianLink]:
    """Link the student to a guardian: the logged-in guardian, or a new guardian account from `account`."""
    inv = open_invitation(token)
    student = db.session.get(User, inv.student_id)
    if student is None or student.role != "student":
        raise NotFound(_("This invitation link is not valid."), code="invitation_unknown")
    relation = " ".join(str(relation or "").split())[:40]
    if guardian is not None and guardian.role != "guardian":
        raise Forbidden(_("Only a guardian account can accept this invitation. Log out first."), code="not_a_guardian")
    # Claim the link first, atomically: two tabs racing on one link link one guardian only, and a
    # refused sign-up (login taken, weak password) rolls the claim back with it.
    claimed = db.session.execute(update(GuardianInvitation).where(GuardianInvitation.id == inv.id,
                                                                  GuardianInvitation.used_at.is_(None))
                                 .values(used_at=utcnow())).rowcount
    if claimed != 1:
        db.session.rollback()
        raise Invalid(_("This invitation has already been used. Log in to see your child."), code="invitation_used",
                      status=410)
    if guardian is None:
        account = account or {}
        try:
            guardian = create_user(role="guardian", email=account.get("email"), password=account.get("password"),
                                   first_name=account.get("first_name") or "", last_name=account.get("last_name") or "",
                                   timezone=student.timezone or "UTC",
                                   locale=inv.language if inv.language in _ui_languages() else "en")
        except DomainError:
            db.session.rollback()
            raise
    inv.used_by = guardian.id
    link = db.session.scalar(select(GuardianLink).where(GuardianLink.guardian_user_id == guardian.id,
                                                        GuardianLink.student_id == student.id))
    if link is None:
        link = GuardianLink(guardian_user_id=guardian.id, student_id=student.id, relation=relation,
                            invited_by=inv.created_by)
        db.session.add(link)
    db.session.commit()
    audit("guardians", actor_id=guardian.id, action="guardian.link", subject_type="student", subject_id=student.id,
          school_id=student.school_id, after={"invitation_id": inv.id, "guardian_id": guardian.id})
    return guardian, link


# ---- giving and withdrawing consent ---------------------------------------------------

def _scope(scope) -> str:
    if scope not in SCOPES:
        raise Invalid(_("Unknown consent scope."), code="invalid_scope")
    return scope


def give_consent(guardian: User, student_id, scope) -> Consent:
    """A linked guardian agrees online. Giving it again while it stands changes nothing."""
    student = guarded_child(guardian, student_id)
    scope = _scope(scope)
    current = newest_consent(student.id, scope)
    if current is not None and current.status == "granted":
        return current
    row = Consent(student_id=student.id, scope=scope, status="granted", method="online", given_by=guardian.id,
                  recorded_at=utcnow())
    db.session.add(row)
    db.session.commit()
    audit("guardians", actor_id=guardian.id, action="consent.grant", subject_type="student", subject_id=student.id,
          school_id=student.school_id, after={"scope": scope, "method": "online", "consent_id": row.id})
    return row


def withdraw_consent(actor: User, student: User, scope: str, *, method: str) -> Consent:
    """Withdraw at once; a connected student leaves the rooms that now need what they lack."""
    scope = _scope(scope)
    now = utcnow()
    current = newest_consent(student.id, scope)
    before = current.status if current else "missing"
    if current is not None and current.status == "granted":
        current.status, current.withdrawn_at, current.withdrawn_by, current.withdrawn_method = "withdrawn", now, actor.id, method
        row = current
    elif current is not None:
        row = current  # already withdrawn: nothing changes
    else:  # the family says no before ever saying yes: keep that answer on record
        row = Consent(student_id=student.id, scope=scope, status="withdrawn", method=method, given_by=actor.id,
                      recorded_at=now, withdrawn_at=now, withdrawn_by=actor.id, withdrawn_method=method)
        db.session.add(row)
    db.session.commit()
    if before != "withdrawn":
        audit("guardians", actor_id=actor.id, action="consent.withdraw", subject_type="student", subject_id=student.id,
              school_id=student.school_id, before={"scope": scope, "status": before},
              after={"scope": scope, "status": "withdrawn", "method": method, "consent_id": row.id})
    access_lost("guardians", user_id=student.id, code=rules.CONSENT_WITHDRAWN)
    return row


def guardian_withdraws(guardian: User, student_id, scope) -> Consent:
    return withdraw_consent(guardian, guarded_child(guardian, student_id), scope, method="online")


def parse_date(value, name: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise Invalid(_("%(name)s must be a date like 2026-09-01.", name=name), code="invalid_date") from None


def record_paper(actor: User, student_id, *, scopes, guardian_name: str, signed_on, decision: str = "grant") -> list[Consent]:
    """A teacher records a signed paper form: the scopes it grants (or withdraws), who signed it, and its date."""
    student = managed_student(actor, student_id)
    if not isinstance(scopes, (list, tuple)) or not scopes or not all(isinstance(s, str) for s in scopes):
        raise Invalid(_("Choose at least one scope."), code="invalid_scope")
    scopes = [_scope(s) for s in dict.fromkeys(scopes)]
    if decision not in ("grant", "withdraw"):
        raise Invalid(_("The paper either gives or withdraws consent."), code="invalid_decision")
    name = validate_name(guardian_name, _("Name of the parent or guardian"))
    signed = parse_date(signed_on, _("The date on the paper"))
    problem = rules.paper_date_problem(signed, utcnow().date())
    if problem == "date_in_future":
        raise Invalid(_("The date on the paper cannot be in the future."), code=problem)
    if problem:
        raise Invalid(_("This paper is too old. Ask the family to sign a new letter."), code=problem)
    if decision == "withdraw":
        return [withdraw_consent(actor, student, s, method="paper") for s in scopes]
    rows = []
    now = utcnow()
    for scope in scopes:
        row = Consent(student_id=student.id, scope=scope, status="granted", method="paper", given_by=actor.id,
                      guardian_name=name, signed_on=signed, recorded_at=now)
        db.session.add(row)
        rows.append(row)
    db.session.commit()
    for row in rows:
        audit("guardians", actor_id=actor.id, action="consent.paper_record", subject_type="student",
              subject_id=student.id, school_id=student.school_id,
              after={"scope": row.scope, "method": "paper", "signed_on": signed.isoformat(), "consent_id": row.id})
    return rows


# ---- the consent letter -----------------------------------------------------------------

def letter(actor: User, student_id, lang: str | None) -> dict:
    """The printable letter for one student: texts in the chosen language, names filled in."""
    student = managed_student(actor, student_id)
    classes = classes_of_student(student.id)
    cls = classes[0] if classes else None
    school = db.session.get(School, student.school_id) if student.school_id else None
    invitation_lang = db.session.scalar(select(GuardianInvitation.language).where(
        GuardianInvitation.student_id == student.id).order_by(GuardianInvitation.id.desc()).limit(1))
    code = letters.choose(lang, [invitation_lang, *(school.languages if school else [])], _ui_languages())
    values = {"child": student.full_name, "class_name": cls.name if cls else "", "school": school.name if school else "",
              "teacher": cls.teacher.full_name if cls else _("your child's teacher")}
    texts = letters.BUILT_IN.get(code)
    if texts is None:
        from flask_babel import force_locale

        with force_locale(code):
            texts = english_letter()
    return {"lang": code, "dir": letters.direction(code), "texts": letters.fill(texts, values),
            "student": student, "school": school, "class": cls,
            "languages": [(c, letters.LANGUAGE_NAMES.get(c, c)) for c in ("en", *sorted(letters.BUILT_IN))]}


def english_letter() -> dict[str, str]:
    """The letter through gettext: English, or the interface language when a catalogue exists."""
    return {
        "title": _("Consent for %(child)s to take part in Classroom Exchange"),
        "greeting": _("Dear parent or guardian of %(child)s,"),
        "intro": _("%(class_name)s at %(school)s takes part in Classroom Exchange: the class meets a partner class "
                   "in another country, and sometimes a checked expert, in online rooms that teachers supervise."),
        "ask": _("Please tick what you agree to, sign, and return this letter to %(teacher)s."),
        "exchanges": _("Talking with partner classes from other schools"),
        "expert_visits": _("Visits from checked experts"),
        "file_sharing": _("Sharing school work (files) with partner classes"),
        "note": _("Other schools only see your child's first name and the first letter of the family name. "
                  "You can withdraw consent at any time, on paper or online."),
        "guardian_name": _("Name of parent or guardian"),
        "signature": _("Signature"),
        "date": _("Date"),
        "online": _("You can also give consent online with the link your teacher sends you."),
    }


# ---- what the guardian sees ---------------------------------------------------------------

def child_view(student: User) -> dict:
    states = consent_states([student.id])[student.id]
    classes = classes_of_student(student.id)
    return {"id": student.id, "name": student.full_name, "first_name": student.first_name,
            "school": (db.session.get(School, student.school_id).name if student.school_id else ""),
            "classes": [{"id": c.id, "name": c.name} for c in classes],
            "consent": {k: state_view(v) for k, v in states.items()},
            "kept_out": kept_out(student, rooms_of_classes([c.id for c in classes]))}


# ---- family updates ---------------------------------------------------------------------

def may_view_class_updates(viewer: User, cls: SchoolClass) -> bool:
    if viewer is None or not viewer.is_active:
        return False
    if viewer.role in ("teacher", "admin"):
        return can_manage_class(viewer, cls)
    if viewer.role == "guardian":
        return bool(db.session.scalar(
            select(GuardianLink.id).join(ClassMembership, ClassMembership.user_id == GuardianLink.student_id)
            .where(GuardianLink.guardian_user_id == viewer.id, ClassMembership.class_id == cls.id,
                   ClassMembership.status == "approved").limit(1)))
    return False


def family_update(viewer: User, class_id, now: datetime | None = None) -> dict:
    """A class's news for families: sessions held (with whom, on what), approved work, what comes next."""
    cls = _class(class_id)
    if not may_view_class_updates(viewer, cls):
        raise Forbidden(_("This is not your child's class."), code="not_your_class")
    return build_update(cls, now or utcnow())


def build_update(cls: SchoolClass, now: datetime) -> dict:
    held, current, upcoming = [], [], []
    rooms = rooms_of_classes([cls.id])
    for room in rooms:
        classes = accepted_classes(room.id)
        partners = sorted({(c.school.name, c.school.country) for c in classes if c.school_id != cls.school_id})
        item = {"room_id": room.id, "topic": room.title, "kind": room.kind,
                "partners": [{"school": n, "country": k} for n, k in partners],
                "opens_at": room.opens_at, "closes_at": room.closes_at if room.closes_at and room.closes_at <= now else None}
        state = room_state(room, now)
        if state == "closed" and room.opens_at is not None and room.opens_at <= now:
            held.append(item)
        elif state in ("open", "locked"):
            current.append(item)
        elif state == "scheduled" and room.opens_at is not None and room.opens_at > now:
            upcoming.append(item)
    held.sort(key=lambda i: i["opens_at"], reverse=True)
    upcoming.sort(key=lambda i: i["opens_at"])
    titles = {r.id: r.title for r in rooms}
    work = shared_work.approved_in_rooms([r.id for r in rooms], titles, class_id=cls.id)
    return {"class": {"id": cls.id, "name": cls.name, "school": cls.school.name, "country": cls.school.country,
                      "teacher": cls.teacher.full_name, "timezone": cls.timezone},
            "sessions_held": held, "happening_now": current, "coming_next": upcoming, "shared_work": work,
            "files_available": shared_work.available(), "as_of": now}


def update_json(update: dict) -> dict:
    def iso(dt):
        return dt.isoformat().replace("+00:00", "Z") if dt else None

    def item(i):
        return dict(i, opens_at=iso(i["opens_at"]), closes_at=iso(i["closes_at"]))

    return {"class": update["class"], "sessions_held": [item(i) for i in update["sessions_held"]],
            "happening_now": [item(i) for i in update["happening_now"]],
            "coming_next": [item(i) for i in update["coming_next"]], "shared_work": update["shared_work"],
            "as_of": iso(update["as_of"])}


def in_zone(dt: datetime | None, zone: str, locale: str = "en") -> str:
    """A time as the reader's clock shows it, with the zone's name (e-mails have no viewer zone)."""
    if dt is None:
        return ""
    from babel.dates import format_datetime

    try:
        tz = ZoneInfo(zone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    try:
        return format_datetime(dt, "medium", tzinfo=tz, locale=locale or "en") + f" ({tz.key})"
    except Exception:  # an unknown locale: fall back to English, never fail a letter over it
        return format_datetime(dt, "medium", tzinfo=tz, locale="en") + f" ({tz.key})"


def guardians_of_class(cls: SchoolClass) -> list[User]:
    return list(db.session.scalars(
        select(User).join(GuardianLink, GuardianLink.guardian_user_id == User.id)
        .join(ClassMembership, ClassMembership.user_id == GuardianLink.student_id)
        .where(ClassMembership.class_id == cls.id, ClassMembership.status == "approved", User.status == "active")
        .distinct().order_by(User.id)))


def send_family_update(actor: User, class_id) -> dict:
    """E-mail the class's update to every linked guardian (through the outbox), each in their own zone."""
    from flask import render_template
    from flask_babel import force_locale

    from ..outbox import outbox

    cls = _class(class_id)
    if not can_manage_class(actor, cls):
        raise Forbidden(_("Only the class teacher can send this."), code="not_your_class")
    update = build_update(cls, utcnow())
    box = outbox()
    sent, failed = [], 0
    for guardian in guardians_of_class(cls):
        if not guardian.email:
            continue
        locale = guardian.locale if guardian.locale in _ui_languages() else "en"
        with force_locale(locale):
            subject = _("News from %(class_name)s", class_name=cls.name)
            context = {"u": update, "guardian": guardian, "labels": scope_labels(),
                       "when": lambda dt, g=guardian, loc=locale: in_zone(dt, g.timezone, loc)}
            text = render_template("guardians/family_update_email.txt", **context)
            html = render_template("guardians/family_update_email.html", **context)
        try:
            sent.append(box.send(to=guardian.email, subject=subject, text=text, html=html))
        except Exception:  # one bad address or a relay hiccup must not stop the other families' mail
            failed += 1
            log.exception("family update mail failed class=%s guardian=%s", cls.id, guardian.id)
    audit("guardians", actor_id=actor.id, action="family_update.send", subject_type="class", subject_id=cls.id,
          school_id=cls.school_id, after={"emails": len(sent), "failed": failed})
    log.info("family update class=%s emails=%d failed=%d", cls.id, len(sent), failed)
    return {"sent": len(sent), "failed": failed}


# ---- data rights: export and erasure ----------------------------------------------------

def rooms_of_student(student_id: int) -> list[Room]:
    """Every room the student could have written in: their classes' rooms (past memberships too) and named rows."""
    class_ids = list(db.session.scalars(select(ClassMembership.class_id).where(ClassMembership.user_id == student_id)))
    q = select(Room).outerjoin(RoomClass, RoomClass.room_id == Room.id).where(or_(
        RoomClass.class_id.in_(class_ids or [0]),
        Room.id.in_(select(RoomMember.room_id).where(RoomMember.user_id == student_id))))
    return list(db.session.scalars(q.distinct().order_by(Room.id)))


def _records_of(room_id: int):
    log_ = message_log()
    after = 0
    while True:
        page = log_.since(room_id, after, PAGE)
        if not page:
            return
        yield from page
        after = page[-1].seq


def child_messages(student_id: int) -> list[dict]:
    out = []
    for room in rooms_of_student(student_id):
        for r in _records_of(room.id):
            if r.author_id == student_id and r.kind == "message":
                removed = bool(r.meta.get("removed") or r.meta.get("retention") or r.meta.get("erased"))
                out.append({"room_id": room.id, "room_title": room.title, "seq": r.seq,
                            "at": r.created_at.isoformat().replace("+00:00", "Z"), "kind": r.kind,
                            "body": "" if removed else r.body, "removed": removed})
    return out


def export_child(guardian: User, student_id) -> dict:
    """Everything the platform keeps that the child wrote or uploaded, for their guardian."""
    student = guarded_child(guardian, student_id)
    rooms = rooms_of_student(student.id)
    data = {"student": {"id": student.id, "first_name": student.first_name, "last_name": student.last_name},
            "exported_at": utcnow().isoformat().replace("+00:00", "Z"),
            "messages": child_messages(student.id),
            "files": shared_work.by_author(student.id, {r.id: r.title for r in rooms})}
    audit("guardians", actor_id=guardian.id, action="data.export", subject_type="student", subject_id=student.id,
          school_id=student.school_id, after={"messages": len(data["messages"]), "files": len(data["files"])})
    return data


def request_deletion(guardian: User, student_id, reason: str = "") -> DeletionRequest:
    """A guardian asks for erasure; one open request per child at a time."""
    student = guarded_child(guardian, student_id)
    reason = " ".join(str(reason or "").split())[:1000]
    pending = db.session.scalar(select(DeletionRequest).where(DeletionRequest.student_id == student.id,
                                                              DeletionRequest.status == "pending"))
    if pending is not None:
        return pending
    req = DeletionRequest(student_id=student.id, requested_by=guardian.id, reason=reason, status="pending")
    db.session.add(req)
    db.session.commit()
    audit("guardians", actor_id=guardian.id, action="deletion.request", subject_type="deletion_request",
          subject_id=req.id, school_id=student.school_id, after={"student_id": student.id})
    return req


def deletion_requests(admin: User, status: str | None = None) -> list[DeletionRequest]:
    q = (select(DeletionRequest).join(User, User.id == DeletionRequest.student_id)
         .where(User.school_id == admin.school_id).order_by(DeletionRequest.id.desc()))
    if status:
        q = q.where(DeletionRequest.status == status)
    return list(db.session.scalars(q))


def deletion_requests_of(student_id: int) -> list[DeletionRequest]:
    return list(db.session.scalars(select(DeletionRequest).where(DeletionRequest.student_id == student_id)
                                   .order_by(DeletionRequest.id.desc())))


def deletion_view(req: DeletionRequest) -> dict:
    student = db.session.get(User, req.student_id)
    return {"id": req.id, "status": req.status, "reason": req.reason, "decision_reason": req.decision_reason,
            "student": {"id": student.id, "name": student.full_name} if student else None,
            "requested_by": req.requested_by, "created_at": req.created_at.isoformat().replace("+00:00", "Z"),
            "decided_by": req.decided_by,
            "decided_at": req.decided_at.isoformat().replace("+00:00", "Z") if req.decided_at else None,
            "result": req.result or {}}


def decide_deletion(admin: User, request_id, approve: bool, reason: str = "") -> DeletionRequest:
    """An admin of the child's school approves (erase now) or declines (with a reason) a request."""
    req = lookup(DeletionRequest, request_id) if isinstance(request_id, int) else None
    student = db.session.get(User, req.student_id) if req else None
    if req is None or student is None or admin.role != "admin" or admin.school_id != student.school_id:
        raise NotFound(_("No such request."), code="no_such_request")
    if req.status != "pending":
        raise Conflict(_("This request has already been decided."), code="already_decided")
    reason = " ".join(str(reason or "").split())[:1000]
    if not approve and not reason:
        raise Invalid(_("Say why the request is declined; the family will read it."), code="reason_required")
    result = erase_child_data(student.id, actor_id=admin.id, request_id=req.id) if approve else {}
    req.status = "approved" if approve else "rejected"
    req.decided_by, req.decided_at, req.decision_reason, req.result = admin.id, utcnow(), reason, result
    db.session.commit()
    audit("guardians", actor_id=admin.id, action="deletion." + ("approve" if approve else "reject"),
          subject_type="deletion_request", subject_id=req.id, school_id=student.school_id, reason=reason,
          before={"status": "pending"}, after={"status": req.status, "student_id": student.id, **result})
    return req


def erase_child_data(student_id: int, *, actor_id: int, request_id: int) -> dict:
    """Empty the bodies of every message the child wrote (for everyone) and delete their files.

    The records stay as tombstones (seq, time, meta `erased`), so room histories keep their order.
    """
    log_ = message_log()
    per_room: dict[int, int] = {}
    for room in rooms_of_student(student_id):
        for r in _records_of(room.id):
            if r.author_id != student_id or r.meta.get("erased"):
                continue
            log_.redact(room.id, r.seq, "", dict(r.meta, removed=True, erased=True, deletion_request=request_id))
            per_room[room.id] = per_room.get(room.id, 0) + 1
    for room_id, n in per_room.items():
        audit("guardians", actor_id=actor_id, action="data.erase_room", subject_type="room", subject_id=room_id,
              room_id=room_id, after={"messages": n, "deletion_request": request_id, "student_id": student_id})
    files = shared_work.erase(shared_work.ids_by_author(student_id), actor_id=actor_id, reason="data_rights")
    from ..moderation.services import erase_author

    flags = erase_author(student_id)  # moderation's snapshots of the child's words go too
    return {"messages": sum(per_room.values()), "rooms": sorted(per_room), "files": files, "flags": flags}


# ---- retention ----------------------------------------------------------------------------

def default_retention_days() -> int:
    return int(current_app.config.get("RETENTION_DAYS", 365))


def retention_days(school_id: int | None) -> int:
    policy = db.session.scalar(select(RetentionPolicy).where(RetentionPolicy.school_id == school_id)) if school_id else None
    return policy.days_after_term if policy else default_retention_days()


def set_retention(admin: User, days) -> RetentionPolicy:
    if isinstance(days, bool) or not isinstance(days, int) or not 0 <= days <= 3650:
        raise Invalid(_("Days after the end of term must be a whole number from 0 to 3650."), code="invalid_days")
    policy = db.session.scalar(select(RetentionPolicy).where(RetentionPolicy.school_id == admin.school_id))
    before = policy.days_after_term if policy else None
    if policy is None:
        policy = RetentionPolicy(school_id=admin.school_id, days_after_term=days)
        db.session.add(policy)
    policy.days_after_term, policy.updated_by, policy.updated_at = days, admin.id, utcnow()
    db.session.commit()
    audit("guardians", actor_id=admin.id, action="retention.settings", subject_type="school", subject_id=admin.school_id,
          school_id=admin.school_id, before={"days_after_term": before}, after={"days_after_term": days})
    return policy


def run_retention(now: datetime | None = None, *, days_after_term: int | None = None, school_id: int | None = None,
                  actor_id: int | None = None) -> dict:
    """Purge the rooms of every class whose term ended more than N days before `now`.

    N is `days_after_term` when given, else the school's policy, else EXCHANGE_RETENTION_DAYS.
    Message bodies are emptied (meta `retention`), file blobs deleted; one audit record per room.
    Running again finds nothing new to purge.
    """
    now = now or utcnow()
    q = select(SchoolClass).where(SchoolClass.term_end.is_not(None))
    if school_id is not None:
        q = q.where(SchoolClass.school_id == school_id)
    due = [c for c in db.session.scalars(q)
           if rules.retention_due(c.term_end, days_after_term if days_after_term is not None else retention_days(c.school_id), now)]
    school_of = {}
    for c in due:
        for room in rooms_of_classes([c.id]):
            school_of.setdefault(room.id, c.school_id)
    log_ = message_log()
    purged, total_messages, total_files = [], 0, 0
    for room_id in sorted(school_of):
        n = 0
        for r in _records_of(room_id):
            if r.meta.get("retention") or (r.kind != "message" and not r.body):
                continue
            log_.redact(room_id, r.seq, "", dict(r.meta, retention=True, removed=True))
            n += 1
        files = shared_work.erase(shared_work.ids_in_rooms([room_id]), actor_id=actor_id, reason="retention")
        if n or files:
            purged.append(room_id)
            total_messages += n
            total_files += files
            audit("guardians", actor_id=actor_id, action="retention.purge_room", subject_type="room", subject_id=room_id,
                  room_id=room_id, school_id=school_of[room_id],
                  after={"messages": n, "files": files, "as_of": now.isoformat()})
    run = RetentionRun(ran_at=utcnow(), as_of=now, actor_id=actor_id, school_id=school_id, rooms=len(purged),
                       messages=total_messages, files=total_files)
    db.session.add(run)
    db.session.commit()
    audit("guardians", actor_id=actor_id, action="retention.run", subject_type="retention_run", subject_id=run.id,
          school_id=school_id, after={"rooms": len(purged), "messages": total_messages, "files": total_files,
                                      "classes": [c.id for c in due]})
    log.info("retention run=%s rooms=%d messages=%d files=%d", run.id, len(purged), total_messages, total_files)
    return {"run_id": run.id, "as_of": now.isoformat().replace("+00:00", "Z"), "classes": [c.id for c in due],
            "rooms": purged, "messages": total_messages, "files": total_files}


def recent_runs(school_id: int | None, limit: int = 5) -> list[RetentionRun]:
    return list(db.session.scalars(select(RetentionRun).where(or_(RetentionRun.school_id == school_id,
                                                                  RetentionRun.school_id.is_(None)))
                                   .order_by(RetentionRun.id.desc()).limit(limit)))


# ---- dashboards -------------------------------------------------------------------------

def teacher_summary(teacher: User) -> list[dict]:
    """Per class of a teacher: how many approved students lack each scope."""
    classes = list(db.session.scalars(select(SchoolClass).where(SchoolClass.teacher_id == teacher.id)
                                      .order_by(SchoolClass.name)))
    out = []
    for cls in classes:
        ids = list(db.session.scalars(select(ClassMembership.user_id).where(ClassMembership.class_id == cls.id,
                                                                            ClassMembership.status == "approved")))
        states = consent_states(ids)
        missing = sum(1 for sid in ids if states[sid]["exchanges"].status != "granted")
        out.append({"id": cls.id, "name": cls.name, "students": len(ids), "missing_exchanges": missing})
    return out


# ---- demo data ----------------------------------------------------------------------------

DEMO_GUARDIAN = "guardian.berg@home.example"


def load_guardians_demo(people: dict, classes: list, rooms: list) -> bool:
    """Fictional families: Hanne Berg (guardian of Nora, consent given online), paper consent for the other
    demo students, and one Oslo student, Sander Vik, without consent, so the teacher sees "kept out".

    `people` maps demo logins to users, `classes` are the demo classes (Oslo first, then Sydney, Nairobi),
    `rooms` the demo rooms. Runs once; returns False when the families are already there.
    """
    if db.session.scalar(select(User.id).where(User.email == DEMO_GUARDIAN)):
        return False
    oslo_teacher = people["astrid.lunde@fjordvik.example"]
    hashed = oslo_teacher.password_hash  # demo logins share one password
    oslo, sydney = classes[0], classes[1]
    nairobi = classes[2] if len(classes) > 2 else None
    students = {u.username: u for u in db.session.scalars(select(User).where(User.role == "student"))}
    hanne = create_user(role="guardian", email=DEMO_GUARDIAN, password="", password_hash=hashed, first_name="Hanne",
                        last_name="Berg", timezone=oslo.timezone)
    db.session.add(GuardianLink(guardian_user_id=hanne.id, student_id=students["nora.berg"].id, relation="parent",
                                invited_by=oslo_teacher.id))
    sander = create_user(role="student", username="sander.vik", password="", password_hash=hashed, first_name="Sander",
                         last_name="Vik", school_id=oslo.school_id, timezone=oslo.timezone)
    db.session.add(ClassMembership(class_id=oslo.id, user_id=sander.id, status="approved", decided_at=utcnow()))
    now = utcnow()
    db.session.add(Consent(student_id=students["nora.berg"].id, scope="exchanges", status="granted", method="online",
                           given_by=hanne.id, recorded_at=now - timedelta(days=3)))
    paper = [("elias.haugen", oslo, "Kari Haugen"), ("mia.thompson", sydney, "Olivia Thompson"),
             ("jack.nguyen", sydney, "Linh Nguyen")]
    if nairobi is not None:
        paper.append(("zawadi.otieno", nairobi, "Grace Otieno"))
    for username, cls, guardian_name in paper:
        student = students.get(username)
        if student is None:
            continue
        for scope in SCOPES:
            db.session.add(Consent(student_id=student.id, scope=scope, status="granted", method="paper",
                                   given_by=cls.teacher_id, guardian_name=guardian_name,
                                   signed_on=(now - timedelta(days=10)).date(), recorded_at=now - timedelta(days=9)))
    db.session.commit()
    _demo_sessions(oslo_teacher, people.get("liam.carter@wattlecreek.example"), oslo, sydney, now)
    return True


def _demo_sessions(oslo_teacher: User, sydney_teacher: User | None, oslo, sydney, now: datetime) -> None:
    """A session held last week and one planned for next week, so the family update has news."""
    from ..rooms import services as rooms

    if sydney_teacher is None:
        return
    for title, opens, hours in (("Oslo and Sydney: our school lunches", now - timedelta(days=8), 1),
                                ("Oslo and Sydney: winter and summer sports", now + timedelta(days=7), 1)):
        room = rooms.create_room(oslo_teacher, title=title, class_ids=[oslo.id, sydney.id], opens_at=opens,
                                 closes_at=opens + timedelta(hours=hours))
        rooms.answer_invitation(sydney_teacher, room, sydney.id, True)
