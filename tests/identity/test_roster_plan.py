"""The import planner: what a roster would create, update, deactivate or reactivate for one school, on the
fictional samples (tests/data/oneroster) against made-up platform snapshots. Never the clock: TODAY is fixed."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path

from exchange.identity.oneroster import read_roster
import pytest

from exchange.identity.roster_plan import Change, Current, CurrentClass, CurrentUser, Plan, plan_import

pytestmark = pytest.mark.backend_independent  # pure: never opens the database

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "oneroster"
TODAY = date(2026, 3, 2)  # spring term; enr-04 ended on 2026-01-31
NORTH = "sch-north"


def sample(tmp_path: Path, version: str = "v1.1") -> Path:
    folder = tmp_path / version
    shutil.copytree(SAMPLES / version, folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def apply(plan: Plan, current: Current) -> Current:
    """What the database apply would leave behind, so that planning again can be compared."""
    users, classes = dict(current.users), dict(current.classes)
    enrollments, links = set(current.enrollments), set(current.guardian_links)
    for c in plan.changes:
        f = c.fields
        if c.kind == "user":
            old = users.get(c.sourced_id)
            if c.action == "create":
                users[c.sourced_id] = CurrentUser(
                    c.sourced_id, f["role"], f["given_name"], f["family_name"], f["email"], f["username"]
                )
            elif old is not None:
                values = {k: v for k, v in f.items() if k in ("given_name", "family_name", "email", "username")}
                users[c.sourced_id] = dataclasses.replace(old, active=c.action != "deactivate", **values)
        elif c.kind == "class":
            old_class = classes.get(c.sourced_id)
            if c.action == "create":
                classes[c.sourced_id] = CurrentClass(c.sourced_id, f["title"], f["teacher_id"], f["grade"])
            elif old_class is not None:
                values = {k: v for k, v in f.items() if k in ("title", "teacher_id", "grade")}
                classes[c.sourced_id] = dataclasses.replace(old_class, active=c.action != "deactivate", **values)
        else:
            pair = (f["class_id"], f["user_id"]) if c.kind == "enrollment" else (f["guardian_id"], f["student_id"])
            target = enrollments if c.kind == "enrollment" else links
            (target.add if c.action == "create" else target.discard)(pair)
    return Current(users, classes, frozenset(enrollments), frozenset(links))


def reasons(plan: Plan, action: str, kind: str) -> dict[str, str]:
    return {c.sourced_id: c.reason for c in plan.of(action, kind)}


def north(current: Current | None = None, folder: Path = SAMPLES / "v1.1") -> Plan:
    return plan_import(read_roster(folder), current or Current(), today=TODAY, school_org_id=NORTH)


def synced(folder: Path = SAMPLES / "v1.1") -> Current:
    """The platform after a first import of the sample for Northgate."""
    return apply(north(folder=folder), Current())


# -- a first import -------------------------------------------------------------------------------


def test_a_first_import_creates_the_school():
    plan = north()
    assert plan.summary() == {
        "user": {"create": 10, "update": 0, "reactivate": 0, "deactivate": 0, "unchanged": 1},
        "class": {"create": 2, "update": 0, "reactivate": 0, "deactivate": 0, "unchanged": 0},
        "enrollment": {"create": 4, "update": 0, "reactivate": 0, "deactivate": 0, "unchanged": 0},
        "guardian_link": {"create": 3, "update": 0, "reactivate": 0, "deactivate": 0, "unchanged": 0},
    }
    assert plan.skipped_other_orgs == {"user": 2, "class": 1}  # Lakeside's teacher, student and class
    created = {c.sourced_id for c in plan.of("create", "user")}
    assert "stu-1004" not in created  # disabled on the roster: not given an account
    assert {"tch-002", "aid-001", "adm-001", "gdn-2003"} <= created
    teacher = next(c for c in plan.changes if c.sourced_id == "tch-001")
    assert teacher == Change(
        "create",
        "user",
        "tch-001",
        "new on the roster",
        {
            "role": "teacher",
            "given_name": "Mirembe",
            "family_name": "Okonkwo",
            "email": "m.okonkwo@northgate.example.edu",
            "username": "m.okonkwo",
            "org_ids": "sch-north",
            "primary_org_id": "sch-north",
            "grades": "",
            "identifier": "T-001",
            "preferred_language": "",
        },
    )
    geo = next(c for c in plan.of("create", "class") if c.sourced_id == "cls-geo7a")
    assert geo.fields == {
        "title": "Geography 7A",
        "teacher_id": "tch-001",
        "grade": "07",
        "school_id": NORTH,
        "class_code": "GEO7A",
    }
    assert sorted(reasons(plan, "create", "enrollment")) == [
        "cls-eng7b/stu-1001",
        "cls-eng7b/stu-1003",
        "cls-geo7a/stu-1001",
        "cls-geo7a/stu-1002",  # stu-1003's Geography enrollment ended on 2026-01-31
    ]
    assert reasons(plan, "create", "guardian_link") == {
        "gdn-2001/stu-1001": "named on the roster as parent of stu-1001",
        "gdn-2002/stu-1002": "named on the roster as guardian of stu-1002",
        "gdn-2003/stu-1002": "named on the roster as relative of stu-1002",
    }


def test_changes_come_in_the_order_to_apply_them():
    current = dataclasses.replace(
        synced(), users={**synced().users, "stu-0999": CurrentUser("stu-0999", "student", "Old", "Pupil", "", "old")}
    )
    current = dataclasses.replace(current, enrollments=current.enrollments | {("cls-geo7a", "stu-0999")})
    plan = north(current)
    assert [(c.action, c.kind) for c in plan.changes] == [
        ("deactivate", "enrollment"),
        ("deactivate", "user"),
    ]
    first = north()
    kinds = [c.kind for c in first.changes]
    assert kinds == sorted(kinds, key=["user", "class", "enrollment", "guardian_link"].index)


def test_a_class_without_a_teacher_is_skipped_with_its_enrollments():
    plan = north()
    art = [p for p in plan.problems if p.sourced_id == "cls-art7"]
    assert [p.message for p in art] == [
        'classes.csv line 4: class "Art 7" (cls-art7) has no teacher on the roster; skipped.'
    ]
    assert not [c for c in plan.changes if "cls-art7" in c.sourced_id]
    assert "1 enrollment skipped with a class that has no teacher." in plan.notes
    assert "1 staff enrollment besides the class teacher not imported (one teacher a class)." in plan.notes


def test_an_import_for_every_org_takes_everyone():
    plan = plan_import(read_roster(SAMPLES / "v1.1"), Current(), today=TODAY)
    assert len(plan.of("create", "user")) == 12
    assert {c.sourced_id for c in plan.of("create", "class")} == {"cls-geo7a", "cls-eng7b", "cls-sci8c"}
    assert plan.skipped_other_orgs == {"user": 0, "class": 0}


def test_the_school_filter_keeps_to_one_school():
    plan = plan_import(read_roster(SAMPLES / "v1.1"), Current(), today=TODAY, school_org_id="sch-lake")
    assert {c.sourced_id for c in plan.of("create", "user")} == {"tch-003", "stu-1101"}
    assert reasons(plan, "create", "class") == {"cls-sci8c": "new on the roster"}
    assert reasons(plan, "create", "enrollment") == {"cls-sci8c/stu-1101": "new on the roster"}
    assert plan.skipped_other_orgs == {"user": 11, "class": 3}


# -- planning again ------------------------------------------------------------------------------


def test_planning_the_same_roster_again_changes_nothing():
    for version, school in (("v1.1", NORTH), ("v1.1", None), ("v1.2", "sch-elm"), ("v1.2", None)):
        roster = read_roster(SAMPLES / version)
        first = plan_import(roster, Current(), today=TODAY, school_org_id=school)
        again = plan_import(roster, apply(first, Current()), today=TODAY, school_org_id=school)
        assert again.changes == [], (version, school, again.changes)
        assert sum(again.unchanged.values()) == len(first.changes) + sum(first.unchanged.values())


def test_a_changed_family_name_is_an_update():
    current = synced()
    old = current.users["stu-1001"]
    users = {
        **current.users,
        "stu-1001": dataclasses.replace(old, family_name="Bello-Haddad", email="AMARA.BELLO@students.example.edu"),
    }
    plan = north(dataclasses.replace(current, users=users))
    assert plan.of("update") == [
        Change(
            "update", "user", "stu-1001", 'family name changed from "Bello-Haddad" to "Bello"', {"family_name": "Bello"}
        )
    ]  # an email differing only in case is the same address


def test_a_class_update_names_what_changed(tmp_path):
    folder = sample(tmp_path)
    edit(folder, "classes.csv", "cls-geo7a,,,Geography 7A,07", "cls-geo7a,,,Geography 7A (bilingual),08")
    edit(folder, "enrollments.csv", "enr-01,,,cls-geo7a,sch-north,tch-001", "enr-01,,,cls-geo7a,sch-north,tch-002")
    plan = north(synced(), folder)
    assert plan.of("update") == [
        Change(
            "update",
            "class",
            "cls-geo7a",
            'title changed from "Geography 7A" to "Geography 7A (bilingual)"; teacher changed from "tch-001" to '
            '"tch-002"; grade changed from "07" to "08"',
            {"title": "Geography 7A (bilingual)", "teacher_id": "tch-002", "grade": "08"},
        )
    ]


def test_someone_missing_from_a_bulk_users_file_is_deactivated():
    current = synced()
    users = {**current.users, "stu-0999": CurrentUser("stu-0999", "student", "Ravi", "Oyelaran", "", "ravi.o")}
    plan = north(dataclasses.replace(current, users=users))
    assert [(c.action, c.kind, c.sourced_id, c.reason) for c in plan.changes] == [
        ("deactivate", "user", "stu-0999", "no longer on the roster")
    ]


def test_a_delta_users_file_never_deactivates_by_absence(tmp_path):
    folder = sample(tmp_path)
    edit(folder, "manifest.csv", "file.users,bulk", "file.users,delta")
    edit(folder, "users.csv", "stu-1002,,,true", "stu-1002,tobedeleted,2026-02-27T15:30:00Z,true")
    current = synced()
    users = {**current.users, "stu-0999": CurrentUser("stu-0999", "student", "Ravi", "Oyelaran", "", "ravi.o")}
    plan = north(dataclasses.replace(current, users=users), folder)
    assert reasons(plan, "deactivate", "user") == {"stu-1002": "marked tobedeleted on the roster"}
    assert plan.users_mode == "delta"


def test_tobedeleted_and_disabled_people_are_deactivated(tmp_path):
    folder = sample(tmp_path)
    edit(folder, "users.csv", "stu-1002,,,true", "stu-1002,tobedeleted,,true")
    current = synced()
    ilse = CurrentUser("stu-1004", "student", "Ilse", "Varga", "", "ilse.varga")
    plan = north(dataclasses.replace(current, users={**current.users, "stu-1004": ilse}), folder)
    assert reasons(plan, "deactivate", "user") == {
        "stu-1002": "marked tobedeleted on the roster",
        "stu-1004": "disabled on the roster (enabledUser is false)",
    }
    # Kenji's enrollments end with him; his guardians' links stay (consent and links are the platform's)
    assert reasons(plan, "deactivate", "enrollment") == {
        "cls-geo7a/stu-1002": "the student is not active on the roster"
    }
    assert plan.of(kind="guardian_link") == []


def test_someone_active_again_is_reactivated_with_their_fields():
    current = synced()
    users = {
        **current.users,
        "stu-1003": dataclasses.replace(current.users["stu-1003"], active=False, family_name="Ramírez"),
    }
    enrollments = current.enrollments - {("cls-eng7b", "stu-1003")}
    plan = north(dataclasses.replace(current, users=users, enrollments=enrollments))
    back = plan.of("reactivate")
    assert [(c.kind, c.sourced_id, c.reason) for c in back] == [
        ("user", "stu-1003", 'active on the roster again; family name changed from "Ramírez" to "Ramírez Ortega"')
    ]
    assert back[0].fields["family_name"] == "Ramírez Ortega" and back[0].fields["role"] == "student"
    assert reasons(plan, "create", "enrollment") == {"cls-eng7b/stu-1003": "new on the roster"}


def test_an_import_never_changes_a_role():
    current = synced()
    users = {**current.users, "aid-001": dataclasses.replace(current.users["aid-001"], role="student")}
    plan = north(dataclasses.replace(current, users=users))
    assert plan.changes == []
    assert [p.message for p in plan.problems if p.sourced_id == "aid-001"] == [
        'users.csv line 6: "aid-001" is a student here but a teacher on the roster; an import does not change roles, '
        "so an admin should check it."
    ]


def test_an_ended_enrollment_is_deactivated():
    current = synced()
    plan = north(dataclasses.replace(current, enrollments=current.enrollments | {("cls-geo7a", "stu-1003")}))
    assert [(c.action, c.sourced_id, c.reason, dict(c.fields)) for c in plan.changes] == [
        (
            "deactivate",
            "cls-geo7a/stu-1003",
            "enrollment ended 2026-01-31",
            {"class_id": "cls-geo7a", "user_id": "stu-1003"},
        )
    ]


def test_an_enrollment_not_begun_waits_for_a_later_import(tmp_path):
    folder = sample(tmp_path)
    edit(
        folder,
        "enrollments.csv",
        "enr-07,,,cls-eng7b,sch-north,stu-1001,student,false,2026-01-06",
        "enr-07,,,cls-eng7b,sch-north,stu-1001,student,false,2026-04-13",
    )
    plan = north(folder=folder)
    assert "cls-eng7b/stu-1001" not in reasons(plan, "create", "enrollment")
    assert "1 enrollment not begun by 2026-03-02; a later import adds them." in plan.notes
    assert north(synced(), folder).changes == []  # one already on the platform is left as it is


def test_classes_leave_by_absence_or_tobedeleted(tmp_path):
    folder = sample(tmp_path)
    edit(folder, "classes.csv", "cls-eng7b,,,", "cls-eng7b,tobedeleted,2026-02-20T08:00:00Z,")
    current = synced()
    old_class = CurrentClass("cls-hist7", "History 7", "tch-001", "07")
    plan = north(dataclasses.replace(current, classes={**current.classes, "cls-hist7": old_class}), folder)
    assert reasons(plan, "deactivate", "class") == {
        "cls-eng7b": "marked tobedeleted on the roster",
        "cls-hist7": "no longer on the roster",
    }
    assert reasons(plan, "deactivate", "enrollment") == {
        "cls-eng7b/stu-1001": "its class is deactivated",
        "cls-eng7b/stu-1003": "its class is deactivated",
    }


# -- guardian links -------------------------------------------------------------------------------


def test_a_link_the_roster_stops_naming_is_deactivated_other_links_are_left():
    current = synced()
    extra = {("gdn-2003", "stu-1001"), ("gdn-2002", "stu-1003")}  # stu-1003's roster row names no guardians
    plan = north(dataclasses.replace(current, guardian_links=current.guardian_links | extra))
    assert [(c.action, c.kind, c.sourced_id, c.reason) for c in plan.changes] == [
        ("deactivate", "guardian_link", "gdn-2003/stu-1001", "no longer named on the roster as a guardian of stu-1001")
    ]
    assert plan.unchanged["guardian_link"] == 4


def test_nothing_about_consent_is_ever_planned():
    current = synced()
    links = current.guardian_links | {("gdn-2003", "stu-1001")}
    for plan in (north(), north(dataclasses.replace(current, guardian_links=links))):
        words = [c.kind + c.action + c.reason + " ".join(c.fields) for c in plan.changes]
        assert plan.changes and not [w for w in words if "consent" in w]
    assert (
        north().report_lines()[-1]
        == "Guardian consent is not part of an import: no consent is given or withdrawn by it."
    )


# -- 1.2 and the report ----------------------------------------------------------------------------


def test_a_1_2_roster_for_one_school():
    plan = plan_import(read_roster(SAMPLES / "v1.2"), Current(), today=TODAY, school_org_id="sch-elm")
    created = {c.sourced_id: c.fields for c in plan.of("create", "user")}
    assert set(created) == {"tch-101", "prn-101", "cns-101", "stu-3001", "stu-3002", "gdn-4001", "gdn-4002"}
    assert (created["prn-101"]["role"], created["cns-101"]["role"]) == ("admin", "teacher")
    assert created["stu-3001"]["given_name"] == "Sasha"  # the preferred name is the one shown
    assert created["tch-101"]["org_ids"] == "sch-elm,sch-reed"
    assert set(reasons(plan, "create", "class")) == {"cls-hist6a", "cls-home6"}
    assert plan.skipped_other_orgs == {"user": 3, "class": 1}
    assert len(plan.of("create", "guardian_link")) == 2


def test_the_report_says_what_a_dry_run_would_do():
    lines = north().report_lines(max_changes=2)
    assert lines[:9] == [
        "OneRoster 1.1 roster, users file bulk.",
        "People: 10 to create, 0 to update, 0 to reactivate, 0 to deactivate, 1 unchanged.",
        "Classes: 2 to create, 0 to update, 0 to reactivate, 0 to deactivate, 0 unchanged.",
        "Enrollments: 4 to create, 0 to update, 0 to reactivate, 0 to deactivate, 0 unchanged.",
        "Guardian links: 3 to create, 0 to update, 0 to reactivate, 0 to deactivate, 0 unchanged.",
        "Skipped as belonging to other schools: 2 people, 1 class.",
        "Changes:",
        "  create user tch-001: new on the roster.",
        "  create user tch-002: new on the roster.",
    ]
    assert "  … and 17 more changes." in lines
    assert "Problems (1):" in lines
    assert '  classes.csv line 4: class "Art 7" (cls-art7) has no teacher on the roster; skipped.' in lines


def test_the_report_carries_the_roster_row_problems(tmp_path):
    folder = sample(tmp_path)
    edit(folder, "users.csv", "sch-north,student,sofia.ramirez", "sch-north,wizard,sofia.ramirez")
    plan = north(folder=folder)
    assert plan.problems[0].message == (
        'users.csv line 9: the role "wizard" is not one we know for "stu-1003"; the person was read without a role.'
    )
    lines = plan.report_lines()
    assert "Problems (2):" in lines and f"  {plan.problems[0].message}" in lines
    assert "  1 person without a role we know left as they are." in lines
    assert "stu-1003" not in {c.sourced_id for c in plan.of(kind="user")}


def test_an_enrollment_is_current_through_its_end_date():
    current = synced()
    last_day = plan_import(read_roster(SAMPLES / "v1.1"), current, today=date(2026, 6, 30), school_org_id=NORTH)
    assert last_day.of(kind="enrollment") == []
    day_after = plan_import(read_roster(SAMPLES / "v1.1"), current, today=date(2026, 7, 1), school_org_id=NORTH)
    assert reasons(day_after, "deactivate", "enrollment") == {
        "cls-eng7b/stu-1001": "enrollment ended 2026-06-30",
        "cls-eng7b/stu-1003": "enrollment ended 2026-06-30",
        "cls-geo7a/stu-1001": "enrollment ended 2026-06-30",
        "cls-geo7a/stu-1002": "enrollment ended 2026-06-30",
    }


def test_a_reactivation_keeps_the_platform_role():
    current = synced()
    users = {**current.users, "aid-001": dataclasses.replace(current.users["aid-001"], role="student", active=False)}
    plan = north(dataclasses.replace(current, users=users))
    assert [(c.action, c.sourced_id, c.fields["role"]) for c in plan.changes] == [("reactivate", "aid-001", "student")]


def test_the_primary_teacher_enrollment_decides_the_class_teacher(tmp_path):
    folder = sample(tmp_path)
    edit(
        folder,
        "enrollments.csv",
        "enr-01,,,cls-geo7a,sch-north,tch-001,teacher,true",
        "enr-00,,,cls-geo7a,sch-north,tch-002,teacher,false,,\nenr-01,,,cls-geo7a,sch-north,tch-001,teacher,true",
    )
    geo = next(c for c in north(folder=folder).of("create", "class") if c.sourced_id == "cls-geo7a")
    assert geo.fields["teacher_id"] == "tch-001"
    edit(folder, "enrollments.csv", "tch-001,teacher,true", "tch-001,teacher,false")
    geo = next(c for c in north(folder=folder).of("create", "class") if c.sourced_id == "cls-geo7a")
    assert geo.fields["teacher_id"] == "tch-002"  # with no primary, the first teacher on the roster


def test_after_the_school_year_the_class_problem_says_why():
    plan = plan_import(read_roster(SAMPLES / "v1.1"), synced(), today=date(2026, 7, 1), school_org_id=NORTH)
    assert [p.message for p in plan.problems] == [
        'classes.csv line 2: class "Geography 7A" (cls-geo7a) has no teacher on the roster since its teacher\'s '
        "enrollment ended 2026-06-30; skipped.",
        'classes.csv line 3: class "English 7B" (cls-eng7b) has no teacher on the roster since its teacher\'s '
        "enrollment ended 2026-06-30; skipped.",
        'classes.csv line 4: class "Art 7" (cls-art7) has no teacher on the roster; skipped.',
    ]
    assert plan.of(kind="class") == []  # the classes stay as they are until the roster ends them
