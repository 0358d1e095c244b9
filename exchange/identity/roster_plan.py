"""Plan what importing a OneRoster roster would change for one school, without changing anything (issue 19).

Pure: standard library and `oneroster` only; `today` is a parameter (never the clock), so a dry run
and the real import plan the same thing. The edges apply `Plan.changes` in list order.

Interface:
    plan_import(roster: Roster, current: Current, *, today: date, school_org_id: str | None = None) -> Plan
    Current(users: Mapping[str, CurrentUser], classes: Mapping[str, CurrentClass],
            enrollments: Set[(class_sid, user_sid)], guardian_links: Set[(guardian_sid, student_sid)])  # active ones
    CurrentUser(sourced_id, role, given_name, family_name, email, username, active=True)
    CurrentClass(sourced_id, title, teacher_id, grade, active=True)
    Change(action, kind, sourced_id, reason, fields)    action: create | update | deactivate | reactivate
                                                        kind: user | class | enrollment | guardian_link
    Plan.changes, .unchanged (count per kind: unchanged things are only counted), .skipped_other_orgs,
    .problems (the roster's, then the planner's), .warnings, .notes; Plan.of(action, kind),
    Plan.summary() -> {kind: {action: n, "unchanged": n}}, Plan.report_lines(max_changes=None).

Rules, and why:
- Nothing is ever deleted: people, classes, enrollments and links are deactivated, which keeps the
  safety record (who said what, in which class) intact.
- Deactivated: someone on the platform missing from a bulk users.csv (a delta file never
  deactivates by absence), marked tobedeleted, or with enabledUser false. Someone inactive who is
  active on the roster again is reactivated (the change carries all their fields, the role being
  the platform's own).
- A person's role is never changed by an import: a student who became a teacher on the roster is a
  problem for an admin to check, not an automatic grant of a teacher's rights.
- Names: the platform shows the preferred name when the roster gives one (preferredGivenName in 1.2).
- A class needs a teacher: an active teacher enrollment of an active teacher or admin (primary
  first); a class without one is a problem and is skipped with its enrollments. A class has one
  teacher here; other staff enrollments are counted in the notes, not imported.
- Enrollments are the students'. One is current when it is active, has begun and has not ended
  (`endDate` is the last day). Ended or tobedeleted ones on the platform are deactivated.
- Guardian links: links the roster names between an active guardian and an active student are
  created. One is deactivated only when the roster itself names that student's guardians and no
  longer names this one (and users.csv is bulk); links made on the platform for students whose
  roster row names no guardians are left alone. From a delta users file, a link is known only when
  both people are in that file.
- Consent is never planned: the platform's consent records belong to the guardians and the school,
  not to the roster. No change here creates, carries or withdraws a consent.
- `school_org_id` limits the import to that org and the orgs under it; people and classes of other
  orgs are skipped and counted. A guardian is in scope when linked to a student in scope.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass, field
from datetime import date

from .oneroster import Roster, RosterClass, RosterUser, RowProblem

ACTIONS = ("create", "update", "reactivate", "deactivate")
KINDS = ("user", "class", "enrollment", "guardian_link")
_STAFF = ("teacher", "admin")


@dataclass(frozen=True, slots=True)
class CurrentUser:
    sourced_id: str
    role: str
    given_name: str
    family_name: str
    email: str
    username: str
    active: bool = True


@dataclass(frozen=True, slots=True)
class CurrentClass:
    sourced_id: str
    title: str
    teacher_id: str
    grade: str
    active: bool = True


@dataclass(frozen=True, slots=True)
class Current:
    """What the platform already holds for this school, keyed by roster sourcedIds."""

    users: Mapping[str, CurrentUser] = field(default_factory=dict)
    classes: Mapping[str, CurrentClass] = field(default_factory=dict)
    enrollments: Set[tuple[str, str]] = frozenset()  # (class_sid, user_sid), active ones
    guardian_links: Set[tuple[str, str]] = frozenset()  # (guardian_sid, student_sid), active ones


@dataclass(frozen=True, slots=True)
class Change:
    action: str
    kind: str
    sourced_id: str  # enrollments: "class_sid/user_sid"; links: "guardian_sid/student_sid" (fields hold both)
    reason: str
    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Plan:
    version: str
    users_mode: str
    changes: list[Change] = field(default_factory=list)
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    skipped_other_orgs: dict[str, int] = field(default_factory=lambda: {"user": 0, "class": 0})
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def of(self, action: str | None = None, kind: str | None = None) -> list[Change]:
        return [c for c in self.changes if (action in (None, c.action)) and (kind in (None, c.kind))]

    def summary(self) -> dict[str, dict[str, int]]:
        counts = {kind: {**dict.fromkeys(ACTIONS, 0), "unchanged": self.unchanged[kind]} for kind in KINDS}
        for change in self.changes:
            counts[change.kind][change.action] += 1
        return counts

    def report_lines(self, *, max_changes: int | None = None) -> list[str]:
        """What a dry run prints: the counts, each change, then the problems, warnings and notes."""
        lines = [f"OneRoster {self.version} roster, users file {self.users_mode}."]
        for kind, counts in self.summary().items():
            said = ", ".join(f"{counts[a]} to {a}" for a in ACTIONS)
            lines.append(f"{_PLURAL[kind].capitalize()}: {said}, {counts['unchanged']} unchanged.")
        if any(self.skipped_other_orgs.values()):
            users, classes = self.skipped_other_orgs["user"], self.skipped_other_orgs["class"]
            lines.append(
                f"Skipped as belonging to other schools: {_n(users, 'person', 'people')}, {_n(classes, 'class')}."
            )
        shown = self.changes if max_changes is None else self.changes[:max_changes]
        if shown:
            lines.append("Changes:")
            lines += [f"  {c.action} {c.kind.replace('_', ' ')} {c.sourced_id}: {c.reason}." for c in shown]
            if len(shown) < len(self.changes):
                lines.append(f"  … and {_n(len(self.changes) - len(shown), 'more change')}.")
        for title, items in (("Problems", [p.message for p in self.problems]), ("Warnings", self.warnings)):
            if items:
                lines.append(f"{title} ({len(items)}):")
                lines += [f"  {item}" for item in items]
        if self.notes:
            lines.append("Notes:")
            lines += [f"  {note}" for note in self.notes]
        lines.append("Guardian consent is not part of an import: no consent is given or withdrawn by it.")
        return lines


_PLURAL = {"user": "people", "class": "classes", "enrollment": "enrollments", "guardian_link": "guardian links"}
_LABELS = {"given_name": "given name", "family_name": "family name", "email": "email", "username": "username"}


def plan_import(roster: Roster, current: Current, *, today: date, school_org_id: str | None = None) -> Plan:
    """Everything an import of `roster` would change in `current`, in the order to apply it."""
    return _Planner(roster, current, today, school_org_id).plan()


def _quote(value: str) -> str:
    return f'"{value}"' if value else "(blank)"


class _Planner:
    def __init__(self, roster: Roster, current: Current, today: date, school: str | None) -> None:
        self.r, self.cur, self.today = roster, current, today
        self.p = Plan(
            roster.version, roster.mode("users"), problems=list(roster.problems), warnings=list(roster.warnings)
        )
        self.scope = None if school is None else self._orgs_under(school)
        self.deactivations: list[Change] = []  # applied last: after what replaces them exists
        self.active_after = {sid for sid, u in current.users.items() if u.active}
        self.teacher_of: dict[str, str] = {}  # class -> its teacher, as planned
        self.no_teacher: set[str] = set()  # classes skipped for want of a teacher: left as they are
        self.teacher_ended: dict[str, date] = {}  # class -> when its last teacher enrollment ended
        self.classes_ending: set[str] = set()  # classes this plan deactivates

    def plan(self) -> Plan:
        users = self.users()
        classes = self.classes(users)
        self.enrollments(users, classes)
        self.guardian_links(users)
        self.p.changes += sorted(self.deactivations, key=lambda c: KINDS.index(c.kind), reverse=True)
        return self.p

    def change(self, action: str, kind: str, sid: str, reason: str, fields: Mapping[str, str] | None = None) -> None:
        c = Change(action, kind, sid, reason, dict(fields or {}))
        (self.deactivations if action == "deactivate" else self.p.changes).append(c)
        if action in ("create", "reactivate"):
            self.active_after.add(sid)
        elif action == "deactivate":
            self.active_after.discard(sid)

    def problem(self, file: str, line: int, sid: str, text: str) -> None:
        self.p.problems.append(RowProblem(file, line, sid, f"{file} line {line}: {text}"))

    def _orgs_under(self, school: str) -> set[str]:
        if school not in self.r.orgs:
            self.p.warnings.append(f'The school org "{school}" is not in orgs.csv; only rows naming it are imported.')
        scope, grew = {school}, True
        while grew:  # departments and other orgs below the school belong to it
            below = {sid for sid, org in self.r.orgs.items() if org.parent_id in scope}
            grew = not below <= scope
            scope |= below
        return scope

    # -- people ---------------------------------------------------------------------------------
    def users(self) -> dict[str, RosterUser]:
        """The roster's people in scope with a known role, after planning their changes."""
        r, scope = self.r, self.scope
        in_scope: dict[str, RosterUser] = {}
        students = {
            sid for sid, u in r.users.items() if u.role == "student" and (scope is None or scope & set(u.org_ids))
        }
        linked = {g.guardian_id for g in r.guardians if g.student_id in students}
        unknown_role = 0
        for sid, u in r.users.items():
            if u.role is None:
                unknown_role += 1
            elif scope is None or scope & set(u.org_ids) or (u.role == "guardian" and sid in linked):
                in_scope[sid] = u
                self.user(u)
            else:
                self.p.skipped_other_orgs["user"] += 1
        if unknown_role:
            self.p.notes.append(f"{_n(unknown_role, 'person', 'people')} without a role we know left as they are.")
        if r.mode("users") == "bulk":
            for sid, cur in self.cur.users.items():
                if cur.active and sid not in in_scope and not (sid in r.users and r.users[sid].role is None):
                    why = "no longer at this school on the roster" if sid in r.users else "no longer on the roster"
                    self.change("deactivate", "user", sid, why)
        return in_scope

    def user(self, u: RosterUser) -> None:
        cur, wanted = self.cur.users.get(u.sourced_id), u.active and u.enabled
        fields = {
            "role": u.role or "",
            "given_name": u.preferred_given_name or u.given_name,
            "family_name": u.preferred_family_name or u.family_name,
            "email": u.email,
            "username": u.username,
            "org_ids": ",".join(u.org_ids),
            "primary_org_id": u.primary_org_id,
            "grades": ",".join(u.grades),
            "identifier": u.identifier,
            "preferred_language": u.preferred_language,
        }
        if cur is None:
            if wanted:
                self.change("create", "user", u.sourced_id, "new on the roster", fields)
            else:
                self.p.unchanged["user"] += 1
            return
        fields["role"] = cur.role  # never changed by an import, so a reactivation cannot change it either
        if cur.role != u.role:
            self.problem(
                "users.csv", u.line, u.sourced_id, f'"{u.sourced_id}" is a {cur.role} here but a {u.role} on the roster; '
                "an import does not change roles, so an admin should check it."
            )  # fmt: skip
        if not wanted:
            why = (
                "marked tobedeleted on the roster" if not u.active else "disabled on the roster (enabledUser is false)"
            )
            if cur.active:
                self.change("deactivate", "user", u.sourced_id, why)
            else:
                self.p.unchanged["user"] += 1
            return
        said, changed = _diff((key, label, getattr(cur, key), fields[key]) for key, label in _LABELS.items())
        if not cur.active:
            self.change("reactivate", "user", u.sourced_id, "; ".join(["active on the roster again", *said]), fields)
        elif said:
            self.change("update", "user", u.sourced_id, "; ".join(said), changed)
        else:
            self.p.unchanged["user"] += 1

    def role_of(self, sid: str, users: Mapping[str, RosterUser]) -> str | None:
        if sid in users:
            return users[sid].role
        cur = self.cur.users.get(sid)
        return cur.role if cur and sid not in self.r.users else None

    # -- classes --------------------------------------------------------------------------------
    def teachers(self, users: Mapping[str, RosterUser]) -> dict[str, str]:
        """class -> its teacher: an active, current teacher enrollment of an active staff member, primary first."""
        found: dict[str, tuple[bool, str]] = {}
        for e in self.r.enrollments:
            if e.roster_role.lower() != "teacher":
                continue
            if not self.current(e.active, e.begin_date, e.end_date):
                if e.active and e.end_date and e.end_date < self.today:
                    self.teacher_ended[e.class_id] = max(e.end_date, self.teacher_ended.get(e.class_id, e.end_date))
                continue
            if e.user_id in self.active_after and self.role_of(e.user_id, users) in _STAFF:
                if e.class_id not in found or (e.primary and not found[e.class_id][0]):
                    found[e.class_id] = (e.primary, e.user_id)
        return {cls: teacher for cls, (_, teacher) in found.items()}

    def classes(self, users: Mapping[str, RosterUser]) -> dict[str, RosterClass]:
        """The classes that will be active with a teacher after the import (their enrollments are planned)."""
        r = self.r
        teachers = self.teacher_of = self.teachers(users)
        planned: dict[str, RosterClass] = {}
        for sid, c in r.classes.items():
            if self.scope is not None and c.school_id not in self.scope:
                self.p.skipped_other_orgs["class"] += 1
                continue
            cur, teacher = self.cur.classes.get(sid), teachers.get(sid)
            if c.active and teacher is None:
                since = self.teacher_ended.get(sid)
                why = f" since its teacher's enrollment ended {since.isoformat()}" if since else ""
                self.problem(
                    "classes.csv", c.line, sid, f'class "{c.title}" ({sid}) has no teacher on the roster{why}; skipped.'
                )
                self.no_teacher.add(sid)
                continue
            fields = {"title": c.title, "teacher_id": teacher or "", "grade": c.grades[0] if c.grades else ""}
            fields |= {"school_id": c.school_id, "class_code": c.class_code}
            if not c.active:
                if cur is not None and cur.active:
                    self.change("deactivate", "class", sid, "marked tobedeleted on the roster")
                    self.classes_ending.add(sid)
                else:
                    self.p.unchanged["class"] += 1
                continue
            planned[sid] = c
            if cur is None:
                self.change("create", "class", sid, "new on the roster", fields)
                continue
            said, changed = _diff(
                [
                    ("title", "title", cur.title, c.title),
                    ("teacher_id", "teacher", cur.teacher_id, fields["teacher_id"]),
                    ("grade", "grade", cur.grade, fields["grade"]),
                ]
            )
            if not cur.active:
                self.change("reactivate", "class", sid, "; ".join(["active on the roster again", *said]), fields)
            elif said:
                self.change("update", "class", sid, "; ".join(said), changed)
            else:
                self.p.unchanged["class"] += 1
        if r.mode("classes") == "bulk":
            for sid, cur in self.cur.classes.items():
                if cur.active and (
                    sid not in r.classes or self.scope is not None and r.classes[sid].school_id not in self.scope
                ):
                    why = "no longer at this school on the roster" if sid in r.classes else "no longer on the roster"
                    self.change("deactivate", "class", sid, why)
                    self.classes_ending.add(sid)
        return planned

    # -- enrollments ----------------------------------------------------------------------------
    def current(self, active: bool, begin: date | None, end: date | None) -> bool:
        return active and (begin is None or begin <= self.today) and (end is None or end >= self.today)

    def enrollments(self, users: Mapping[str, RosterUser], classes: Mapping[str, RosterClass]) -> None:
        """Students' enrollments. An end the roster states (ended, tobedeleted) is honoured whatever
        becomes of the class; an enrollment missing from a bulk file ends only in a class planned here."""
        r, cur_classes = self.r, self.cur.classes
        wanted: dict[tuple[str, str], None] = {}
        ended: dict[tuple[str, str], str] = {}
        leave: set[tuple[str, str]] = set()  # on the roster but not ours to end: not begun, not a student here
        later, staff, skipped_with_class = 0, 0, 0
        for e in r.enrollments:
            key, cls = (e.class_id, e.user_id), r.classes.get(e.class_id)
            if cls is not None and self.scope is not None and cls.school_id not in self.scope:
                continue  # another school's class
            # a delta classes file leaves out classes that the platform already has
            open_class = e.class_id in classes or (
                cls is None and e.class_id in cur_classes and cur_classes[e.class_id].active
            )
            if e.role != "student":
                staff += open_class and self.teacher_of.get(e.class_id) != e.user_id
            elif self.role_of(e.user_id, users) != "student":
                leave.add(key)
            elif e.user_id not in self.active_after:
                ended.setdefault(key, "the student is not active on the roster")
            elif self.current(e.active, e.begin_date, e.end_date):
                if open_class:
                    wanted[key] = None
                else:
                    skipped_with_class += e.class_id in self.no_teacher
                    leave.add(key)
            elif not e.active:
                ended.setdefault(key, "marked tobedeleted on the roster")
            elif e.begin_date and e.begin_date > self.today:
                later += key not in leave
                leave.add(key)
            elif e.end_date:
                ended.setdefault(key, f"enrollment ended {e.end_date.isoformat()}")
        for key in wanted:
            if key in self.cur.enrollments:
                self.p.unchanged["enrollment"] += 1
            else:
                self.change(
                    "create", "enrollment", "/".join(key), "new on the roster", _pair("class_id", "user_id", key)
                )
        bulk = self.r.mode("enrollments") == "bulk"
        for key in sorted(self.cur.enrollments):
            if key in wanted:
                continue
            why = ended.get(key) or ("its class is deactivated" if key[0] in self.classes_ending else None)
            if why is None and bulk and key not in leave and key[0] in classes:  # planned, with its teacher
                why = "no longer on the roster"
            if why:
                self.change("deactivate", "enrollment", "/".join(key), why, _pair("class_id", "user_id", key))
            else:
                self.p.unchanged["enrollment"] += 1
        if later:
            self.p.notes.append(
                f"{_n(later, 'enrollment')} not begun by {self.today.isoformat()}; a later import adds them."
            )
        if staff:
            self.p.notes.append(
                f"{_n(staff, 'staff enrollment')} besides the class teacher not imported (one teacher a class)."
            )
        if skipped_with_class:
            self.p.notes.append(f"{_n(skipped_with_class, 'enrollment')} skipped with a class that has no teacher.")

    # -- guardian links -------------------------------------------------------------------------
    def guardian_links(self, users: Mapping[str, RosterUser]) -> None:
        named: dict[tuple[str, str], str] = {}
        for g in self.r.guardians:
            if g.guardian_id in users and g.student_id in users:
                named.setdefault((g.guardian_id, g.student_id), g.relation)
        for key, relation in named.items():
            if key in self.cur.guardian_links:
                self.p.unchanged["guardian_link"] += 1
            elif key[0] in self.active_after and key[1] in self.active_after:
                fields = _pair("guardian_id", "student_id", key) | {"relation": relation}
                self.change(
                    "create", "guardian_link", "/".join(key), f"named on the roster as {relation} of {key[1]}", fields
                )
        students_with_named = {s for _, s in named}
        bulk = self.r.mode("users") == "bulk"
        for key in sorted(self.cur.guardian_links - named.keys()):
            if bulk and key[1] in students_with_named:
                why = f"no longer named on the roster as a guardian of {key[1]}"
                self.change("deactivate", "guardian_link", "/".join(key), why, _pair("guardian_id", "student_id", key))
            else:
                self.p.unchanged["guardian_link"] += 1


def _diff(compared: Iterable[tuple[str, str, str, str]]) -> tuple[list[str], dict[str, str]]:
    """(key, label, platform's, roster's) -> the sentences for what differs, and the new values by key."""
    said, changed = [], {}
    for key, label, old, new in compared:
        if (old.casefold() != new.casefold()) if key == "email" else old != new:
            said.append(f"{label} changed from {_quote(old)} to {_quote(new)}")
            changed[key] = new
    return said, changed


def _n(count: int, singular: str, plural: str = "") -> str:
    return f"{count} {singular if count == 1 else plural or singular + ('es' if singular.endswith('s') else 's')}"


def _pair(first: str, second: str, key: tuple[str, str]) -> dict[str, str]:
    return {first: key[0], second: key[1]}
