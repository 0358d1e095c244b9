"""Apply a OneRoster import to one school: read (`oneroster`), plan (`roster_plan`), then change.

The dry run and the real run share everything up to the plan, so a dry run says exactly what the
real run will do. Applying goes through the domains' own services (accounts, directory, guardians):
the same checks, the same audit records as a person doing it by hand. Rules, and why:
- Idempotent: what each sourcedId became, and what the roster said of it, is kept in
  `RosterRecord`; the next plan compares the roster with that, so the same file twice changes nothing.
- Nothing is deleted: people no longer on the roster are suspended (their sessions end at once),
  enrollments are marked removed, classes keep their history. Retention deletes later, by its rules.
- Accounts made here have no password (a roster's password column is not read: a password in a
  nightly file is a leak waiting to happen): they sign in with the school's provider, linked by their
  verified address.
- A teacher on the school's roster is verified (the school vouches through its own system); a school
  admin is never made by an import (an admin invites admins by hand).
- A guardian gets no account from the roster: they get the consent invitation, by e-mail, in their
  language, and make their own account with it. No consent is given, changed or withdrawn here.
- A bad row, or a change the services refuse (a username taken at another school), is one line of
  the report; the rest imports.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..accounts import services as accounts
from ..accounts.models import User
from ..db import db, utcnow
from ..directory import services as directory
from ..directory.models import GRADE_BANDS, ClassMembership, School, SchoolClass
from ..errors import DomainError, Invalid
from flask_babel import gettext as _
from ..guardians import invitations, letters
from ..guardians.emails import ui_languages
from ..signals import audit
from .models import RosterRecord
from .oneroster import Roster, RosterError, read_roster
from .roster_plan import Change, Current, CurrentClass, CurrentUser, Plan, plan_import

log = logging.getLogger("exchange.identity.roster")

NO_PASSWORD = "!roster"


class NotDone(Exception):
    """One change the import could not make: a line of the report (in the roster's terms, English,
    like the reader's and the planner's lines), while the rest imports."""  # no password matches: the account signs in through the school's provider


@dataclass
class ImportResult:
    plan: Plan
    applied: bool
    done: dict[str, int] = field(default_factory=dict)  # "create user" -> n
    failed: list[str] = field(default_factory=list)  # one sentence per change the services refused
    invitations: int = 0
    org_id: str | None = None
    created_user_ids: list[int] = field(default_factory=list)
    invitation_ids: list[int] = field(default_factory=list)

    def report_lines(self, *, max_changes: int | None = 200) -> list[str]:
        """The dry run's report, or the real run's with what was done and what failed."""
        lines = self.plan.report_lines(max_changes=max_changes)
        if self.org_id:
            lines.insert(1, f"Roster org: {self.org_id}.")
        if not self.applied:
            lines.append("Dry run: nothing was changed.")
            return lines
        done = ", ".join(f"{n} {what}" for what, n in sorted(self.done.items())) or "nothing"
        lines.append(f"Done: {done}; {self.invitations} consent invitation(s) sent to guardians.")
        if self.failed:
            lines.append(f"Not done ({len(self.failed)}):")
            lines += [f"  {line}" for line in self.failed]
        return lines


def grade_band(grades: str) -> str:
    """Our grade band for a roster's grade codes (CEDS: PK, KG, 01..13); 6-8 when none is given."""
    for code in [g.strip().upper() for g in grades.split(",") if g.strip()]:
        if code in ("PK", "TK", "KG", "IT", "PR"):
            return "K-2"
        if code.isdigit():
            n = int(code)
            for band, low, high in (("K-2", 0, 2), ("3-5", 3, 5), ("6-8", 6, 8), ("9-10", 9, 10), ("11-12", 11, 13)):
                if low <= n <= high:
                    return band
    return "6-8"


def choose_org(roster: Roster, school: School, org: str | None) -> str | None:
    """The roster org that is this school: the one named, else the only school org, else the one with
    the school's name. A roster of several schools needs the org named (a clear refusal lists them)."""
    if org:
        if org not in roster.orgs:
            raise Invalid(_("The roster has no org “%(org)s”.", org=org))
        return org
    schools = [o for o in roster.orgs.values() if o.type.lower() == "school" and o.active]
    if len(schools) == 1:
        return schools[0].sourced_id
    same = [o for o in schools if o.name.strip().lower() == school.name.strip().lower()]
    if len(same) == 1:
        return same[0].sourced_id
    if not schools:
        return None
    named = ", ".join(f"{o.sourced_id} ({o.name})" for o in schools[:10])
    raise Invalid(_("The roster holds several schools; name this school's org with --org: %(orgs)s.", orgs=named))


def _records(school_id: int) -> dict[tuple[str, str], RosterRecord]:
    rows = db.session.scalars(select(RosterRecord).where(RosterRecord.school_id == school_id))
    return {(r.kind, r.sourced_id): r for r in rows}


def load_current(records: dict[tuple[str, str], RosterRecord]) -> Current:
    """What earlier imports left for this school, keyed by sourcedId."""
    users: dict[str, CurrentUser] = {}
    classes: dict[str, CurrentClass] = {}
    enrollments: set[tuple[str, str]] = set()
    links: set[tuple[str, str]] = set()
    for (kind, sid), r in records.items():
        f = r.fields or {}
        if kind == "user":
            users[sid] = CurrentUser(
                sourced_id=sid,
                role=f.get("role", ""),
                given_name=f.get("given_name", ""),
                family_name=f.get("family_name", ""),
                email=f.get("email", ""),
                username=f.get("username", ""),
                active=r.active,
            )
        elif kind == "class":
            classes[sid] = CurrentClass(
                sourced_id=sid,
                title=f.get("title", ""),
                teacher_id=f.get("teacher_id", ""),
                grade=f.get("grade", ""),
                active=r.active,
            )
        elif kind == "enrollment" and r.active:
            enrollments.add((f.get("class_id", ""), f.get("user_id", "")))
        elif kind == "guardian_link" and r.active:
            links.add((f.get("guardian_id", ""), f.get("student_id", "")))
    return Current(users=users, classes=classes, enrollments=frozenset(enrollments), guardian_links=frozenset(links))


def run_import(
    source: Path,
    school: School,
    actor: User,
    *,
    apply: bool,
    today: date,
    link_base: str,
    org: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Read, plan and (when `apply`) change. A roster that cannot be read at all raises Invalid."""
    try:
        roster = read_roster(source)
    except RosterError as exc:
        raise Invalid(str(exc), code="roster_unreadable") from None  # the reader's sentence names files and columns
    org_id = choose_org(roster, school, org)
    records = _records(school.id)
    plan = plan_import(roster, load_current(records), today=today, school_org_id=org_id)
    result = ImportResult(plan=plan, applied=apply, org_id=org_id)
    if not apply:
        return result
    applier = _Applier(school, actor, records, result, link_base, roster)
    total = len(plan.changes)
    for i, change in enumerate(plan.changes, 1):
        applier.apply(change)
        if i % 500 == 0:
            db.session.commit()
            if progress:
                progress(i, total)
    db.session.commit()
    audit(
        "identity",
        actor_id=actor.id,
        action="roster.import",
        subject_type="school",
        subject_id=school.id,
        after={
            "done": result.done,
            "failed": len(result.failed),
            "problems": len(plan.problems),
            "created_user_ids": result.created_user_ids,  # each account, as `user.create` would name it
            "invitation_ids": result.invitation_ids,
        },
        school_id=school.id,
    )
    log.info("roster import school=%s changes=%s failed=%s", school.id, total, len(result.failed))
    return result


class _Applier:
    def __init__(
        self,
        school: School,
        actor: User,
        records: dict[tuple[str, str], RosterRecord],
        result: ImportResult,
        link_base: str,
        roster: Roster,
    ) -> None:
        self.school, self.actor, self.records, self.result = school, actor, records, result
        self.link_base, self.roster = link_base, roster
        self.new_classes: set[int] = set()

    # -- bookkeeping ------------------------------------------------------------------------------

    def record(self, kind: str, sid: str, target: int, fields: dict[str, Any], active: bool = True) -> None:
        row = self.records.get((kind, sid))
        if row is None:
            row = RosterRecord(school_id=self.school.id, kind=kind, sourced_id=sid, target_id=target)
            db.session.add(row)
            self.records[(kind, sid)] = row
        row.target_id = target or row.target_id
        row.fields = {**(row.fields or {}), **fields}
        row.active = active
        row.updated_at = utcnow()

    def target(self, kind: str, sid: str) -> int:
        row = self.records.get((kind, sid))
        return row.target_id if row is not None else 0

    def apply(self, change: Change) -> None:
        handler = getattr(self, f"{change.action}_{change.kind}", None)
        label = f"{change.action} {change.kind.replace('_', ' ')}"
        if handler is None:
            self.result.failed.append(f"{label} {change.sourced_id}: not something an import does.")
            return
        try:  # the services refuse before they change anything, so a refusal needs no rollback
            done = handler(change)
        except DomainError as exc:
            self.result.failed.append(f"{label} {change.sourced_id}: {exc.message}")
            return
        except NotDone as exc:
            self.result.failed.append(f"{label} {change.sourced_id}: {exc}")
            return
        if done is not False:
            self.result.done[label] = self.result.done.get(label, 0) + 1

    # -- users ------------------------------------------------------------------------------------

    def create_user(self, c: Change) -> bool:
        f = dict(c.fields)
        role = f.get("role", "")
        if role == "guardian":  # no account: the consent invitation (guardian_link) lets them make one
            self.record("user", c.sourced_id, 0, f)
            self.result.done["note guardian (no account: invited)"] = (
                self.result.done.get("note guardian (no account: invited)", 0) + 1
            )
            return False
        if role == "admin":  # never made here; linked when the school already has this admin
            known = accounts.find_by_login(f.get("email") or "") if f.get("email") else None
            linked = known is not None and known.role == "admin" and known.school_id == self.school.id
            self.record("user", c.sourced_id, known.id if known is not None and linked else 0, f)
            if not linked:
                self.result.failed.append(
                    f"create user {c.sourced_id}: a school admin is never made by an import; invite them from the"
                    " People page (the roster's next import links the account by its address)."
                )
            return linked
        if role not in ("student", "teacher"):
            raise NotDone("the roster gives no role this platform knows.")
        user = accounts.create_user(
            role=role,
            password="",
            password_hash=NO_PASSWORD,
            first_name=f.get("given_name") or "?",
            last_name=f.get("family_name", ""),
            email=f.get("email") or None,
            username=(f.get("username") or None) if role == "student" else None,
            school_id=self.school.id,
            timezone=self.school.timezone,
            locale=_interface_language(f.get("preferred_language", "")),
            actor_id=self.actor.id,
            audited=False,  # one audit record for the import names every account it made
        )
        self.result.created_user_ids.append(user.id)
        if role == "teacher":
            user.teacher_verified_at, user.teacher_verified_by = utcnow(), self.actor.id
        self.record("user", c.sourced_id, user.id, f)
        return True

    def _user(self, sid: str) -> User | None:
        target = self.target("user", sid)
        return db.session.get(User, target) if target else None

    def update_user(self, c: Change) -> bool:
        user = self._user(c.sourced_id)
        f = dict(c.fields)
        if user is not None:
            if "given_name" in f:
                user.first_name = accounts.validate_name(f["given_name"] or "?", "first name")
            if "family_name" in f:
                user.last_name = accounts.validate_name(f["family_name"], "last name") if f["family_name"] else ""
            if "email" in f and f["email"] and f["email"] != user.email:
                if accounts.find_by_login(f["email"]):
                    raise NotDone(f"the address {f['email']} belongs to another account.")
                user.email = f["email"].strip().lower()
            if "username" in f and user.role == "student" and f["username"] and f["username"] != user.username:
                if accounts.find_by_login(f["username"]):
                    raise NotDone(f'the username "{f["username"]}" belongs to another account.')
                user.username = f["username"].strip().lower()
        self.record("user", c.sourced_id, 0, f)
        return True

    def deactivate_user(self, c: Change) -> bool:
        user = self._user(c.sourced_id)
        if user is not None and user.is_active:
            accounts.suspend_user(self.actor, user, f"roster: {c.reason}")
        self.record("user", c.sourced_id, 0, {}, active=False)
        return True

    def reactivate_user(self, c: Change) -> bool:
        user = self._user(c.sourced_id)
        if user is not None and user.status == "suspended":
            user.status = "active"
            audit(
                "accounts",
                actor_id=self.actor.id,
                action="user.reactivate",
                subject_type="user",
                subject_id=user.id,
                reason=f"roster: {c.reason}",
                school_id=self.school.id,
            )
        self.record("user", c.sourced_id, 0, dict(c.fields), active=True)
        return True

    # -- classes ----------------------------------------------------------------------------------

    def _teacher(self, teacher_sid: str) -> User:
        teacher = self._user(teacher_sid)
        if teacher is None or teacher.role != "teacher":
            raise NotDone(f'its teacher "{teacher_sid}" has no teacher account here.')
        return teacher

    def create_class(self, c: Change) -> bool:
        f = dict(c.fields)
        cls = directory.create_class(
            self._teacher(f.get("teacher_id", "")),
            name=(f.get("title") or c.sourced_id)[:120],
            grade_band=grade_band(f.get("grade", "")),
            languages=self.school.languages or ["en"],
        )
        self.record("class", c.sourced_id, cls.id, f)
        self.new_classes.add(cls.id)
        return True

    def _class(self, sid: str) -> SchoolClass | None:
        target = self.target("class", sid)
        return db.session.get(SchoolClass, target) if target else None

    def update_class(self, c: Change) -> bool:
        cls, f = self._class(c.sourced_id), dict(c.fields)
        if cls is not None:
            if f.get("title"):
                cls.name = accounts.validate_name(f["title"][:120], "class name")
            if f.get("teacher_id"):
                cls.teacher_id = self._teacher(f["teacher_id"]).id
            if "grade" in f and grade_band(f["grade"]) in GRADE_BANDS:
                cls.grade_band = grade_band(f["grade"])
        self.record("class", c.sourced_id, 0, f)
        return True

    def deactivate_class(self, c: Change) -> bool:
        self.record("class", c.sourced_id, 0, {}, active=False)  # its history stays; enrollments end one by one
        return True

    def reactivate_class(self, c: Change) -> bool:
        self.update_class(c)
        self.record("class", c.sourced_id, 0, {}, active=True)
        return True

    # -- enrollments ------------------------------------------------------------------------------

    def create_enrollment(self, c: Change) -> bool:
        f = dict(c.fields)
        class_id, student_id = self.target("class", f.get("class_id", "")), self.target("user", f.get("user_id", ""))
        if not class_id or not student_id:
            raise NotDone("its class or its student was not imported.")
        membership = None
        if class_id not in self.new_classes:  # a class made by this run has no one in it yet
            membership = db.session.scalar(
                select(ClassMembership).where(
                    ClassMembership.class_id == class_id, ClassMembership.user_id == student_id
                )
            )
        if membership is None:  # approved: the school's roster is the school's decision
            membership = ClassMembership(class_id=class_id, user_id=student_id, status="approved", decided_at=utcnow())
            db.session.add(membership)
            db.session.flush()
        else:
            membership.status, membership.decided_at = "approved", utcnow()
        self.record("enrollment", c.sourced_id, membership.id, f)
        return True

    def deactivate_enrollment(self, c: Change) -> bool:
        target = self.target("enrollment", c.sourced_id)
        membership = db.session.get(ClassMembership, target) if target else None
        if membership is not None and membership.status != "removed":
            membership.status, membership.decided_at = "removed", utcnow()
        self.record("enrollment", c.sourced_id, 0, {}, active=False)
        return True

    # -- guardians: an invitation, never an account or a consent ----------------------------------

    def create_guardian_link(self, c: Change) -> bool:
        f = dict(c.fields)
        guardian = self.records.get(("user", f.get("guardian_id", "")))
        student = self._user(f.get("student_id", ""))
        email = (guardian.fields or {}).get("email", "") if guardian is not None else ""
        if student is None:
            raise NotDone("the student was not imported.")
        if not email:
            raise NotDone("the guardian has no e-mail address on the roster, so no invitation could be sent.")
        language = (guardian.fields or {}).get("preferred_language", "") if guardian is not None else ""
        inv, _link, _mailed = invitations.create_invitation(
            self.actor,
            student.id,
            email=email,
            language=language or None,  # the invitation normalises it (region dropped, aliases)
            link_base=self.link_base,
            bulk=True,
        )
        self.result.invitations += 1
        self.result.invitation_ids.append(inv.id)
        self.record("guardian_link", c.sourced_id, inv.id, f)
        return True

    def deactivate_guardian_link(self, c: Change) -> bool:
        # The family's account and link, and their consent, are the family's: the roster only stops
        # naming them. The record says so; a person decides about the link itself.
        self.record("guardian_link", c.sourced_id, 0, {}, active=False)
        return True


def _interface_language(tag: str) -> str:
    """A roster's language tag ("es-MX") as an account's interface language, or "" (not chosen)."""
    code = letters.normalise(tag)
    return code if code in ui_languages() else ""
