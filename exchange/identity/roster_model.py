"""The values a OneRoster roster is read into (issue 19): frozen, slotted, standard library only.

`oneroster.read_roster` fills them and re-exports every name here, so callers import from
`exchange.identity.oneroster`; they live apart only to keep each module short (house rule).

Our roles, from the roster's (matched case-insensitively):
- student: student.
- teacher: teacher, and the other school adults who work with classes (aide, proctor, counselor):
  staff with a class role, kept out of admin rights.
- guardian: parent, guardian, relative (the spelling is kept in `roster_role` and in the relation).
- admin: administrator (1.1), principal and the site/district/system administrators of 1.2.
Any other role (an "ext:" extension, a typo) gives `role=None` and a RowProblem: nobody gets a role
that the roster did not clearly give them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

ROLES = {
    "student": "student",
    "teacher": "teacher",
    "aide": "teacher",
    "proctor": "teacher",
    "counselor": "teacher",
    "parent": "guardian",
    "guardian": "guardian",
    "relative": "guardian",
    "administrator": "admin",
    "principal": "admin",
    "siteadministrator": "admin",
    "districtadministrator": "admin",
    "systemadministrator": "admin",
}
ENROLLMENT_ROLES = {"student": "student", "teacher": "teacher", "proctor": "teacher", "administrator": "admin"}
ENROLLMENT_ROLES["aide"] = "teacher"  # not in the 1.1/1.2 enumeration, but some exports use it: tolerated


class RosterError(Exception):
    """The roster cannot be read at all; the message is one sentence for a school admin."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    file: str
    line: int
    sourced_id: str
    message: str  # the whole sentence, starting "users.csv line 14: ..."

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True, slots=True)
class Org:
    sourced_id: str
    name: str
    type: str
    identifier: str = ""
    parent_id: str = ""
    active: bool = True
    line: int = 0


@dataclass(frozen=True, slots=True)
class AcademicSession:
    sourced_id: str
    title: str
    type: str
    start_date: date | None
    end_date: date | None
    parent_id: str = ""
    school_year: str = ""
    active: bool = True
    line: int = 0


@dataclass(frozen=True, slots=True)
class Course:
    sourced_id: str
    title: str
    org_id: str
    course_code: str = ""
    school_year_id: str = ""
    grades: tuple[str, ...] = ()
    active: bool = True
    line: int = 0


@dataclass(frozen=True, slots=True)
class RosterClass:
    sourced_id: str
    title: str
    school_id: str
    class_code: str = ""
    class_type: str = ""
    course_id: str = ""
    term_ids: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()
    active: bool = True
    line: int = 0


@dataclass(frozen=True, slots=True)
class RosterUser:
    sourced_id: str
    role: str | None  # student | teacher | guardian | admin; None when the roster's role is unknown
    enabled: bool
    active: bool  # False when status is tobedeleted
    username: str
    given_name: str
    family_name: str
    email: str = ""
    org_ids: tuple[str, ...] = ()
    grades: tuple[str, ...] = ()
    agent_ids: tuple[str, ...] = ()
    identifier: str = ""
    preferred_language: str = ""
    primary_org_id: str = ""
    roster_role: str = ""  # the role as the roster spells it (e.g. "aide", "relative")
    preferred_given_name: str = ""
    preferred_family_name: str = ""
    master_identifier: str = ""  # 1.2 userMasterIdentifier
    line: int = 0


@dataclass(frozen=True, slots=True)
class Enrollment:
    sourced_id: str
    class_id: str
    user_id: str
    school_id: str
    role: str  # student | teacher | admin
    primary: bool = False
    begin_date: date | None = None
    end_date: date | None = None
    active: bool = True
    roster_role: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class GuardianRelation:
    guardian_id: str
    student_id: str
    relation: str  # parent | guardian | relative, as the roster says


@dataclass(slots=True)
class Roster:
    version: str  # "1.1" | "1.2"
    file_modes: dict[str, str] = field(default_factory=dict)  # "users" -> bulk | delta | absent
    orgs: dict[str, Org] = field(default_factory=dict)
    academic_sessions: dict[str, AcademicSession] = field(default_factory=dict)
    courses: dict[str, Course] = field(default_factory=dict)
    classes: dict[str, RosterClass] = field(default_factory=dict)
    users: dict[str, RosterUser] = field(default_factory=dict)
    enrollments: list[Enrollment] = field(default_factory=list)
    guardians: list[GuardianRelation] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def mode(self, name: str) -> str:
        """How the manifest delivers a file: bulk (the whole truth), delta (changes only) or absent."""
        return self.file_modes.get(name, "bulk")


LANGUAGE_COLUMNS = ("metadata.preferredLanguage", "metadata.language", "metadata.lang")
"""Extension columns (the CSV bindings allow `metadata.<name>`) that may carry a person's language."""


def language_tag(values: Iterable[str]) -> str:
    """The first value that looks like a BCP 47 tag ("es-MX", "nb"), or ""."""
    for value in values:
        if value and len(value) <= 35 and all(c.isalnum() or c in "-_" for c in value):
            return value
    return ""
