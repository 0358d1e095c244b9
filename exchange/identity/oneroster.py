"""Read a OneRoster 1.1 or 1.2 CSV roster (a folder or a .zip) into plain frozen values (issue 19).

Pure: standard library only, no Flask, no database. `roster_plan` turns the result into a plan; the
edges (the `exchange roster import` command, the upload page) apply that plan.

Interface:
    read_roster(source: Path, *, max_rows: int = DEFAULT_MAX_ROWS) -> Roster     raises RosterError
    Roster(version, file_modes, orgs, academic_sessions, courses, classes, users, enrollments,
           guardians, problems, warnings);  Roster.mode(name) -> "bulk" | "delta" | "absent"
    Org, AcademicSession, Course, RosterClass, RosterUser, Enrollment, GuardianRelation, RowProblem
    RosterError, ROLES, ENROLLMENT_ROLES: defined in `roster_model` (which says how roles map to
    ours) and re-exported here. Frozen, slotted dataclasses; each entity keeps its CSV `line`.

Written against the 1EdTech CSV bindings: 1.1 "CSV Tables" and 1.2 "CSV Binding". In 1.2 the role
and orgs of a user moved from users.csv to roles.csv (roleType primary|secondary), users.csv gained
userMasterIdentifier, preferredGivenName/FamilyName and primaryOrgSourcedId; guardians are linked
by agentSourcedIds in both versions. demographics.csv (birth dates, ethnicity) is never opened: a
class exchange has no use for it. No published column gives a language: an extension column
`metadata.preferredLanguage` (or `metadata.language`) is read when an export carries one.

Behaviour, chosen to suit a school admin with a real export:
- A file is a RosterError only when it cannot be read at all: a needed file missing (orgs, users,
  classes, enrollments; roles in 1.2) unless the manifest says "absent", a missing required column,
  text that is not UTF-8, more rows than `max_rows`. Everything else is a RowProblem (one English
  sentence) and the rest is read. Duplicate sourcedIds: the first row wins.
- Headers and enumerations match case-insensitively; a BOM is skipped; semicolons read with a warning.
- Without manifest.csv every file is read as bulk and the version comes from the columns.
- Roles map to ours as `roster_model` says; an unknown role gives role None and a RowProblem.
- Guardian links come from agentSourcedIds naming a guardian from a student's row or a student
  from a guardian's; other agents (an aide, say) are not links.
- In 1.2 a user's role is their primary role in roles.csv (the one at primaryOrgSourcedId first);
  their org_ids are the orgs of all their roles. tobedeleted role rows are left out.
- Enrollments and agents naming a class or user that is not on the roster are RowProblems, but
  only when that file is bulk: a delta file may name what the platform already has.
- status tobedeleted (and 1.0's "inactive") gives active=False, enabledUser false gives
  enabled=False: both kept as data, the planner decides.
"""

from __future__ import annotations

import csv
import io
import functools
import itertools
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import IO

from .roster_model import (
    ENROLLMENT_ROLES,
    LANGUAGE_COLUMNS,
    ROLES,
    AcademicSession,
    Course,
    Enrollment,
    GuardianRelation,
    Org,
    Roster,
    RosterClass,
    RosterError,
    RosterUser,
    RowProblem,
    language_tag,
)

__all__ = [
    "DEFAULT_MAX_ROWS",
    "ENROLLMENT_ROLES",
    "ROLES",
    "AcademicSession",
    "Course",
    "Enrollment",
    "GuardianRelation",
    "Org",
    "Roster",
    "RosterClass",
    "RosterError",
    "RosterUser",
    "RowProblem",
    "read_roster",
]

DEFAULT_MAX_ROWS = 500_000
MAX_LINE = 1 << 20  # characters; a roster row is a few hundred
NEEDED = ("orgs", "users", "classes", "enrollments")  # what an import cannot do without
OPTIONAL = ("academicSessions", "courses")  # read when present, for the edges to show
# Columns the bindings require and we read. classes.csv's courseSourcedId, classType and
# termSourcedIds are required by the spec too, but nothing here needs them: tolerated when missing.
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "manifest": ("propertyName", "value"),
    "orgs": ("sourcedId", "name", "type"),
    "academicSessions": ("sourcedId", "title", "type", "startDate", "endDate"),
    "courses": ("sourcedId", "title", "orgSourcedId"),
    "classes": ("sourcedId", "title", "schoolSourcedId"),
    "users": ("sourcedId", "enabledUser", "givenName", "familyName"),
    "enrollments": ("sourcedId", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"),
    "roles": ("sourcedId", "userSourcedId", "roleType", "role", "orgSourcedId"),
}
REQUIRED_USERS_11 = ("orgSourcedIds", "role", "username")
ORG_TYPES = ("department", "school", "district", "local", "state", "national")
SESSION_TYPES = ("gradingperiod", "semester", "schoolyear", "term")
CLASS_TYPES = ("homeroom", "scheduled")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def read_roster(source: Path, *, max_rows: int = DEFAULT_MAX_ROWS) -> Roster:
    """Read a roster folder or .zip; bad rows become `problems`, unreadable files a RosterError."""
    with _Files.open(Path(source)) as files:
        return _Reader(files, max_rows).read()


def _list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


class _Files:
    """The CSV files of a folder or a zip, found by name case-insensitively (also in a sub-folder of a zip)."""

    def __init__(self, path: Path, archive: zipfile.ZipFile | None) -> None:
        self.archive = archive
        members = archive.namelist() if archive else [p.name for p in path.iterdir() if p.is_file()]
        self.names: dict[str, str] = {}
        for member in members:
            self.names.setdefault(member.rsplit("/", 1)[-1].lower(), member)
        self.path = path

    @classmethod
    def open(cls, path: Path) -> _Files:
        if path.is_dir():
            return cls(path, None)
        if path.is_file() and zipfile.is_zipfile(path):
            return cls(path, zipfile.ZipFile(path))
        raise RosterError(f"{path.name} is neither a folder nor a .zip file of OneRoster CSV files.")

    def __enter__(self) -> _Files:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.archive:
            self.archive.close()

    def has(self, name: str) -> bool:
        return f"{name.lower()}.csv" in self.names

    def text(self, name: str) -> IO[str]:
        member = self.names[f"{name.lower()}.csv"]
        if self.archive:
            return io.TextIOWrapper(self.archive.open(member), encoding="utf-8-sig", newline="")
        return (self.path / member).open(encoding="utf-8-sig", newline="")


class _Table:
    """One CSV file being streamed: its column positions and its rows, never all held at once."""

    def __init__(self, name: str, stream: IO[str], warnings: list[str]) -> None:
        self.file = f"{name}.csv"
        first = stream.readline(MAX_LINE)
        if not first.strip():
            raise RosterError(f"{self.file} is empty; it needs at least a row of column names.")
        delimiter = ","
        if first.count(";") > first.count(","):
            delimiter = ";"
            warnings.append(f"{self.file} is separated by semicolons instead of commas; it was read anyway.")
        # lines are read at most MAX_LINE characters at a time: a file of one endless line (a zip bomb)
        # becomes bad rows instead of filling the memory
        lines = itertools.chain([first], iter(functools.partial(stream.readline, MAX_LINE), ""))
        self.reader = csv.reader(lines, delimiter=delimiter)
        self.header = [h.strip().lstrip("\ufeff").strip() for h in next(self.reader)]
        self.index: dict[str, int] = {}  # lower-case column name -> position
        self.position: dict[str, int] = {}  # column as the code spells it -> position, or -1
        for i, name_ in enumerate(self.header):
            self.index.setdefault(name_.lower(), i)

    def has(self, column: str) -> bool:
        return column.lower() in self.index

    def value(self, row: list[str], column: str) -> str:
        i = self.position.get(column)
        if i is None:  # once per spelling: this runs for every cell read
            i = self.position[column] = self.index.get(column.lower(), -1)
        return row[i].strip() if 0 <= i < len(row) else ""


class _Reader:
    def __init__(self, files: _Files, max_rows: int) -> None:
        self.files = files
        self.max_rows = max_rows
        self.roster = Roster(version="")
        self.seen: dict[str, int] = {}  # sourcedId -> line, for the file being read

    # -- plumbing -------------------------------------------------------------------------------
    def problem(self, file: str, line: int, sid: str, text: str) -> None:
        self.roster.problems.append(RowProblem(file, line, sid, f"{file} line {line}: {text}"))

    def rows(self, name: str, required: tuple[str, ...]) -> Iterator[tuple[_Table, int, list[str], str]]:
        """(table, line, row, sourcedId) for each readable row with a sourcedId that is new in its file."""
        self.seen = {}
        with self.files.text(name) as stream:
            try:
                table = _Table(name, stream, self.roster.warnings)
                missing = [c for c in required if not table.has(c)]
                if missing:
                    cols = " and ".join(f'"{c}"' for c in missing)
                    raise RosterError(f"{table.file} has no {cols} column, which OneRoster requires.")
                yield from self._rows(table, name != "manifest")
            except UnicodeDecodeError:
                raise RosterError(f"{name}.csv is not UTF-8 text; save it as UTF-8 CSV and try again.") from None

    def _rows(self, table: _Table, with_ids: bool) -> Iterator[tuple[_Table, int, list[str], str]]:
        count, width, limit = 0, len(table.header), self.max_rows if with_ids else 1000  # a manifest: a few dozen
        while True:
            try:
                row: list[str] | None = next(table.reader)
            except StopIteration:
                return
            except csv.Error as exc:
                said = "a value is far too long" if "field limit" in str(exc) else str(exc)
                self.problem(
                    table.file, table.reader.line_num, "", f"the row could not be read as CSV ({said}); it was skipped."
                )
                row = None
            line = table.reader.line_num
            if row is not None and not any(cell.strip() for cell in row):
                continue
            count += 1
            if count > limit:
                raise RosterError(
                    f"{table.file} has more than {limit:,} rows, more than one import may read; split the roster by school."
                )
            if row is None:
                continue
            sid = table.value(row, "sourcedId") if with_ids else ""
            if len(row) > width:
                self.problem(
                    table.file, line, sid, f"the row has {len(row)} values but the file has {width} columns "
                    "(a value with a comma may be missing its quotes); the row was skipped."
                )  # fmt: skip
            elif with_ids and not sid:
                self.problem(table.file, line, "", "the row has no sourcedId; it was skipped.")
            elif with_ids and sid in self.seen:
                self.problem(
                    table.file, line, sid, f'the sourcedId "{sid}" was already used on line {self.seen[sid]}; '
                    "this row was skipped."
                )  # fmt: skip
            else:
                if with_ids:
                    self.seen[sid] = line
                yield table, line, row, sid

    def status(self, t: _Table, row: list[str], line: int, sid: str) -> bool:
        """Whether the row is active; also checks dateLastModified, which nothing else needs."""
        modified = t.value(row, "dateLastModified")
        if modified:
            try:
                datetime.fromisoformat(modified)
            except ValueError:
                self.problem(
                    t.file, line, sid, f'the dateLastModified "{modified}" is not a date and time '
                    "(expected ISO 8601, such as 2026-01-31T09:00:00Z); it was ignored."
                )  # fmt: skip
        status = t.value(row, "status").lower()
        if status in ("tobedeleted", "inactive"):
            return False
        if status not in ("", "active"):
            self.problem(t.file, line, sid, f'the status "{status}" is not active or tobedeleted; read as active.')
        return True

    def date(self, t: _Table, row: list[str], line: int, sid: str, column: str, label: str) -> date | None:
        value = t.value(row, column)
        if not value:
            return None
        try:
            if _DATE.fullmatch(value):
                return date.fromisoformat(value)
        except ValueError:
            pass
        self.problem(t.file, line, sid, f'the {label} "{value}" is not a date (expected YYYY-MM-DD).')
        return None

    def enum(self, t: _Table, row: list[str], line: int, sid: str, column: str, allowed: tuple[str, ...]) -> str:
        value = t.value(row, column)
        if value and value.lower() not in allowed:
            self.problem(t.file, line, sid, f'the {column} "{value}" is not one OneRoster knows; it was kept as is.')
        return value

    def required(self, t: _Table, row: list[str], line: int, sid: str, *columns: str) -> bool:
        blank = [c for c in columns if not t.value(row, c)]
        if blank:
            self.problem(t.file, line, sid, f"the {' and '.join(blank)} is blank; the row was skipped.")
        return not blank

    # -- the files ------------------------------------------------------------------------------
    def read(self) -> Roster:
        r = self.roster
        version = self.manifest()
        needed = NEEDED + (("roles",) if version == "1.2" else ())
        if version == "1.2" and not self.files.has("roles") and self.header_of("users", "role"):
            needed = NEEDED  # tolerated: some 1.2 exports keep the 1.1 role column in users.csv
            r.warnings.append("roles.csv is missing; the roles were read from the role column of users.csv.")
        for name in needed + OPTIONAL:
            mode = r.mode(name)
            if mode == "absent":
                if self.files.has(name):
                    r.warnings.append(f"manifest.csv says {name}.csv is absent, so the file there was not read.")
            elif not self.files.has(name):
                if name in needed or name in r.file_modes:
                    raise RosterError(f"{name}.csv is missing from the roster; export it again with that file.")
                r.file_modes[name] = "absent"
                r.warnings.append(f"{name}.csv is not in the roster; it is not needed for an import.")
        r.version = version
        roles = self.roles() if r.mode("roles") != "absent" and self.files.has("roles") else {}
        readers = {
            "orgs": self.orgs,
            "academicSessions": self.sessions,
            "courses": self.courses,
            "classes": self.classes,
        }
        for name, reader in readers.items():
            if r.mode(name) != "absent":
                reader()
        if r.mode("users") != "absent":
            self.users(roles)
            self.link_guardians()
        if r.mode("enrollments") != "absent":
            self.enrollments()
        return r

    def header_of(self, name: str, column: str) -> bool:
        if not self.files.has(name):
            return False
        with self.files.text(name) as stream:
            try:
                return _Table(name, stream, []).has(column)
            except UnicodeDecodeError:
                raise RosterError(f"{name}.csv is not UTF-8 text; save it as UTF-8 CSV and try again.") from None

    def manifest(self) -> str:
        """The version, and each file's mode into `file_modes`; falls back to the columns of users.csv."""
        r, version = self.roster, ""
        if not self.files.has("manifest"):
            r.warnings.append("manifest.csv is missing; every file was read as a bulk file.")
        else:
            for t, line, row, _ in self.rows("manifest", REQUIRED_COLUMNS["manifest"]):
                key, value = t.value(row, "propertyName").lower(), t.value(row, "value")
                if key == "oneroster.version":
                    version = value
                elif key.startswith("file."):
                    name = next((n for n in NEEDED + OPTIONAL + ("roles",) if n.lower() == key[5:]), key[5:])
                    if value.lower() not in ("bulk", "delta", "absent"):
                        self.problem(t.file, line, "", f'"{value}" is not bulk, delta or absent; read as bulk.')
                    r.file_modes[name] = value.lower() if value.lower() in ("delta", "absent") else "bulk"
        if version == "1.1" or version.startswith("1.2"):  # 1.2.1 is a 1.2
            return version[:3]
        guessed = "1.1" if self.header_of("users", "role") else "1.2"
        if version:
            r.warnings.append(f'manifest.csv gives OneRoster version "{version}"; the files were read as {guessed}.')
        return guessed

    def orgs(self) -> None:
        for t, line, row, sid in self.rows("orgs", REQUIRED_COLUMNS["orgs"]):
            if self.required(t, row, line, sid, "name"):
                org_type = self.enum(t, row, line, sid, "type", ORG_TYPES)
                active = self.status(t, row, line, sid)
                ident, parent = t.value(row, "identifier"), t.value(row, "parentSourcedId")
                self.roster.orgs[sid] = Org(sid, t.value(row, "name"), org_type, ident, parent, active, line)

    def sessions(self) -> None:
        for t, line, row, sid in self.rows("academicSessions", REQUIRED_COLUMNS["academicSessions"]):
            kind = self.enum(t, row, line, sid, "type", SESSION_TYPES)
            start = self.date(t, row, line, sid, "startDate", "start date")
            end = self.date(t, row, line, sid, "endDate", "end date")
            self.roster.academic_sessions[sid] = AcademicSession(
                sid, t.value(row, "title"), kind, start, end, t.value(row, "parentSourcedId"),
                t.value(row, "schoolYear"), self.status(t, row, line, sid), line,
            )  # fmt: skip

    def courses(self) -> None:
        for t, line, row, sid in self.rows("courses", REQUIRED_COLUMNS["courses"]):
            self.roster.courses[sid] = Course(
                sid, t.value(row, "title"), t.value(row, "orgSourcedId"), t.value(row, "courseCode"),
                t.value(row, "schoolYearSourcedId"), _list(t.value(row, "grades")), self.status(t, row, line, sid), line,
            )  # fmt: skip

    def classes(self) -> None:
        for t, line, row, sid in self.rows("classes", REQUIRED_COLUMNS["classes"]):
            if self.required(t, row, line, sid, "title"):
                self.roster.classes[sid] = RosterClass(
                    sid, t.value(row, "title"), t.value(row, "schoolSourcedId"), t.value(row, "classCode"),
                    self.enum(t, row, line, sid, "classType", CLASS_TYPES), t.value(row, "courseSourcedId"),
                    _list(t.value(row, "termSourcedIds")), _list(t.value(row, "grades")),
                    self.status(t, row, line, sid), line,
                )  # fmt: skip

    def roles(self) -> dict[str, list[tuple[bool, str, str, int]]]:
        """1.2 roles.csv: user -> [(primary, role as spelled, org, line)], tobedeleted rows left out."""
        found: dict[str, list[tuple[bool, str, str, int]]] = {}
        for t, line, row, sid in self.rows("roles", REQUIRED_COLUMNS["roles"]):
            if not self.required(t, row, line, sid, "userSourcedId", "role") or not self.status(t, row, line, sid):
                continue
            role_type = t.value(row, "roleType").lower()
            if role_type not in ("primary", "secondary"):
                self.problem(
                    t.file, line, sid, f'the roleType "{role_type}" is not primary or secondary; read as secondary.'
                )
            entry = (role_type == "primary", t.value(row, "role"), t.value(row, "orgSourcedId"), line)
            found.setdefault(t.value(row, "userSourcedId"), []).append(entry)
        return found

    def users(self, roles: dict[str, list[tuple[bool, str, str, int]]]) -> None:
        required = REQUIRED_COLUMNS["users"] + (REQUIRED_USERS_11 if self.roster.version == "1.1" else ())
        for t, line, row, sid in self.rows("users", required):
            if not self.required(t, row, line, sid, "givenName", "familyName"):
                continue
            orgs = list(_list(t.value(row, "orgSourcedIds")))
            primary_org = t.value(row, "primaryOrgSourcedId")
            spelled = t.value(row, "role")
            entries = sorted(roles.pop(sid, []), key=lambda e: (not e[0], e[2] != primary_org))
            if entries:  # primary roles first, the one at the primary org first among them
                spelled = entries[0][1]
                orgs += [e[2] for e in entries if e[2]]
            role = ROLES.get(spelled.lower())
            if role is None:
                where = "roles.csv" if self.roster.version == "1.2" and not t.has("role") else "users.csv"
                said = f'the role "{spelled}" is not one we know' if spelled else f"there is no role in {where}"
                self.problem(t.file, line, sid, f'{said} for "{sid}"; the person was read without a role.')
            enabled_text = t.value(row, "enabledUser").lower()
            if enabled_text not in ("", "true", "false", "yes", "no", "1", "0"):
                self.problem(t.file, line, sid, f'enabledUser "{enabled_text}" is not true or false; read as true.')
            email = t.value(row, "email")
            if email and "@" not in email:
                self.problem(
                    t.file, line, sid, f'the email address "{email}" is not an email address; it was left out.'
                )
                email = ""
            self.roster.users[sid] = RosterUser(
                sid, role, enabled_text not in ("false", "no", "0"), self.status(t, row, line, sid),
                t.value(row, "username"), t.value(row, "givenName"), t.value(row, "familyName"), email,
                tuple(dict.fromkeys(orgs + ([primary_org] if primary_org else []))), _list(t.value(row, "grades")),
                _list(t.value(row, "agentSourcedIds")), t.value(row, "identifier"), language_tag(t.value(row, c) for c in LANGUAGE_COLUMNS),
                primary_org or (orgs[0] if orgs else ""), spelled, t.value(row, "preferredGivenName"),
                t.value(row, "preferredFamilyName"), t.value(row, "userMasterIdentifier"), line,
            )  # fmt: skip
        for user_id, entries in roles.items():
            for _, _, _, line in entries:
                self.problem(
                    "roles.csv", line, user_id, f'the user "{user_id}" is not in users.csv; the role was skipped.'
                )

    def link_guardians(self) -> None:
        """Guardian links from agentSourcedIds, whichever side names them; each pair once."""
        users = self.roster.users
        pairs: dict[tuple[str, str], str] = {}
        for user in users.values():
            for agent_id in user.agent_ids:
                agent = users.get(agent_id)
                if agent is None:
                    if self.roster.mode("users") == "bulk":
                        self.problem(
                            "users.csv", user.line, user.sourced_id,
                            f'the agent "{agent_id}" of "{user.sourced_id}" is not in users.csv; that link was skipped.',
                        )  # fmt: skip
                elif user.role == "student" and agent.role == "guardian":
                    pairs.setdefault((agent_id, user.sourced_id), agent.roster_role.lower())
                elif user.role == "guardian" and agent.role == "student":
                    pairs.setdefault((user.sourced_id, agent_id), user.roster_role.lower())
        self.roster.guardians = [GuardianRelation(g, s, rel) for (g, s), rel in pairs.items()]

    def enrollments(self) -> None:
        r = self.roster
        check_classes, check_users = r.mode("classes") == "bulk", r.mode("users") == "bulk"
        for t, line, row, sid in self.rows("enrollments", REQUIRED_COLUMNS["enrollments"]):
            if not self.required(t, row, line, sid, "classSourcedId", "userSourcedId", "role"):
                continue
            class_id, user_id, spelled = (
                t.value(row, "classSourcedId"),
                t.value(row, "userSourcedId"),
                t.value(row, "role"),
            )
            role = ENROLLMENT_ROLES.get(spelled.lower())
            if check_classes and class_id not in r.classes:
                self.problem(
                    t.file, line, sid, f'the class "{class_id}" is not in classes.csv; the enrollment was skipped.'
                )
            elif check_users and user_id not in r.users:
                self.problem(
                    t.file, line, sid, f'the user "{user_id}" is not in users.csv; the enrollment was skipped.'
                )
            elif role is None:
                self.problem(t.file, line, sid, f'the enrollment role "{spelled}" is not one we know; it was skipped.')
            else:
                primary = t.value(row, "primary").lower() in ("true", "yes", "1")
                begin = self.date(t, row, line, sid, "beginDate", "begin date")
                end = self.date(t, row, line, sid, "endDate", "end date")
                school, active = t.value(row, "schoolSourcedId"), self.status(t, row, line, sid)
                r.enrollments.append(
                    Enrollment(sid, class_id, user_id, school, role, primary, begin, end, active, spelled, line)
                )
