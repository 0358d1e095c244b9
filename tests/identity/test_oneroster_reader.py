"""The OneRoster CSV reader on the fictional sample rosters (tests/data/oneroster) and on broken copies of them:
every bad row is one sentence for a school admin and the rest is still read; only an unreadable roster raises."""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest

from exchange.identity.oneroster import GuardianRelation, RosterError, read_roster

pytestmark = pytest.mark.backend_independent  # pure: never opens the database

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "oneroster"


def sample(tmp_path: Path, version: str = "v1.1") -> Path:
    """A private copy of a sample roster, to break."""
    folder = tmp_path / version
    shutil.copytree(SAMPLES / version, folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def messages(folder: Path) -> list[str]:
    return [p.message for p in read_roster(folder).problems]


# -- the samples --------------------------------------------------------------------------------


def test_the_1_1_sample_is_read_whole():
    roster = read_roster(SAMPLES / "v1.1")
    assert roster.version == "1.1"
    assert roster.problems == [] and roster.warnings == []
    assert roster.mode("users") == "bulk" and roster.mode("demographics") == "absent"
    assert (len(roster.orgs), len(roster.academic_sessions), len(roster.courses)) == (4, 3, 4)
    assert (len(roster.classes), len(roster.users), len(roster.enrollments)) == (4, 13, 11)

    assert roster.orgs["dept-north-sci"].parent_id == "sch-north"
    term = roster.academic_sessions["term-2"]
    assert (term.type, term.start_date, term.end_date) == ("term", date(2026, 1, 6), date(2026, 6, 30))
    geo = roster.classes["cls-geo7a"]
    assert (geo.title, geo.school_id, geo.term_ids, geo.grades) == (
        "Geography 7A",
        "sch-north",
        ("term-1", "term-2"),
        ("07",),
    )

    sofia = roster.users["stu-1003"]
    assert (sofia.given_name, sofia.family_name, sofia.role, sofia.grades) == (
        "Sofía",
        "Ramírez Ortega",
        "student",
        ("07",),
    )
    assert sofia.enabled and sofia.active and sofia.email == "" and sofia.preferred_language == ""
    assert roster.users["tch-002"].org_ids == ("sch-north", "dept-north-sci")
    assert roster.users["tch-002"].primary_org_id == "sch-north"
    assert (roster.users["aid-001"].role, roster.users["aid-001"].roster_role) == ("teacher", "aide")
    assert roster.users["adm-001"].role == "admin"
    assert roster.users["stu-1004"].enabled is False
    assert roster.users["stu-1002"].agent_ids == ("gdn-2002", "gdn-2003")

    ended = next(e for e in roster.enrollments if e.sourced_id == "enr-04")
    assert (ended.class_id, ended.user_id, ended.role, ended.end_date) == (
        "cls-geo7a",
        "stu-1003",
        "student",
        date(2026, 1, 31),
    )
    proctor = next(e for e in roster.enrollments if e.sourced_id == "enr-06")
    assert (proctor.role, proctor.roster_role, proctor.primary) == ("teacher", "proctor", False)
    # named by the student, by the guardian, or (gdn-2003) only by the student
    assert roster.guardians == [
        GuardianRelation("gdn-2001", "stu-1001", "parent"),
        GuardianRelation("gdn-2002", "stu-1002", "guardian"),
        GuardianRelation("gdn-2003", "stu-1002", "relative"),
    ]


def test_the_1_2_sample_takes_roles_and_orgs_from_roles_csv():
    roster = read_roster(SAMPLES / "v1.2")
    assert roster.version == "1.2"
    assert roster.problems == [] and roster.warnings == []
    assert (len(roster.users), len(roster.classes), len(roster.enrollments)) == (10, 3, 8)

    priya = roster.users["tch-101"]
    assert (priya.role, priya.org_ids, priya.primary_org_id) == ("teacher", ("sch-elm", "sch-reed"), "sch-elm")
    assert priya.master_identifier == "6f1c0b52-1d1e-4c8a-9d3e-0c7a5b2e1f01"
    roles = {sid: (u.role, u.roster_role) for sid, u in roster.users.items()}
    assert roles["prn-101"] == ("admin", "principal")
    assert roles["cns-101"] == ("teacher", "counselor")
    assert roles["dad-101"] == ("admin", "districtAdministrator")
    assert roles["gdn-4001"] == ("guardian", "parent")
    sasha = roster.users["stu-3001"]
    assert (sasha.given_name, sasha.preferred_given_name, sasha.family_name) == ("Aleksandra", "Sasha", "Sato")
    assert roster.guardians == [
        GuardianRelation("gdn-4001", "stu-3001", "parent"),
        GuardianRelation("gdn-4002", "stu-3002", "guardian"),
    ]
    assert roster.classes["cls-home6"].class_type == "homeroom"


def test_a_zip_is_read_like_its_folder_even_with_the_files_in_a_subfolder(tmp_path):
    archive = tmp_path / "roster.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in sorted((SAMPLES / "v1.2").iterdir()):
            zf.write(path, f"export-2026/{path.name}")
    from_zip, from_folder = read_roster(archive), read_roster(SAMPLES / "v1.2")
    assert from_zip.users == from_folder.users
    assert from_zip.enrollments == from_folder.enrollments
    assert from_zip.guardians == from_folder.guardians


def test_neither_folder_nor_zip_is_refused(tmp_path):
    text = tmp_path / "users.txt"
    text.write_text("not a roster", encoding="utf-8")
    with pytest.raises(RosterError, match=r"^users.txt is neither a folder nor a \.zip file of OneRoster CSV files\.$"):
        read_roster(text)


# -- whole-file problems: RosterError ------------------------------------------------------------


def test_a_missing_required_column_stops_the_import(tmp_path):
    folder = sample(tmp_path)
    edit(folder, "users.csv", ",givenName,familyName,", ",firstName,familyName,")
    with pytest.raises(RosterError) as raised:
        read_roster(folder)
    assert str(raised.value) == 'users.csv has no "givenName" column, which OneRoster requires.'


def test_a_1_1_users_file_needs_its_role_column(tmp_path):
    folder = sample(tmp_path)
    edit(folder, "users.csv", ",role,username,", ",kind,username,")
    with pytest.raises(RosterError, match='^users.csv has no "role" column, which OneRoster requires.$'):
        read_roster(folder)


def test_a_missing_file_stops_the_import_unless_the_manifest_says_absent(tmp_path):
    folder = sample(tmp_path)
    (folder / "classes.csv").unlink()
    with pytest.raises(RosterError) as raised:
        read_roster(folder)
    assert str(raised.value) == "classes.csv is missing from the roster; export it again with that file."

    edit(folder, "manifest.csv", "file.classes,bulk", "file.classes,absent")
    roster = read_roster(folder)
    assert roster.mode("classes") == "absent" and roster.classes == {}
    assert len(roster.enrollments) == 11  # a class not in an absent file may be on the platform already


def test_an_optional_file_may_be_missing_with_a_warning(tmp_path):
    folder = sample(tmp_path)
    (folder / "courses.csv").unlink()
    edit(folder, "manifest.csv", "file.courses,bulk\n", "")
    roster = read_roster(folder)
    assert roster.warnings == ["courses.csv is not in the roster; it is not needed for an import."]
    assert len(roster.classes) == 4


def test_too_many_rows_stop_the_import(tmp_path):
    with pytest.raises(RosterError) as raised:
        read_roster(SAMPLES / "v1.1", max_rows=5)
    assert str(raised.value) == (
        "users.csv has more than 5 rows, more than one import may read; split the roster by school."
    )
    assert len(read_roster(SAMPLES / "v1.1", max_rows=13).users) == 13  # the cap itself is allowed


def test_text_that_is_not_utf8_stops_the_import(tmp_path):
    folder = sample(tmp_path)
    text = (folder / "users.csv").read_text(encoding="utf-8")
    (folder / "users.csv").write_bytes(text.encode("latin-1"))
    with pytest.raises(RosterError, match=r"^users.csv is not UTF-8 text; save it as UTF-8 CSV and try again\.$"):
        read_roster(folder)


# -- row problems: the rest is read ---------------------------------------------------------------


def test_a_bad_date_is_a_row_problem_and_the_row_is_still_read(tmp_path):
    folder = sample(tmp_path)
    edit(
        folder,
        "enrollments.csv",
        "stu-1001,student,false,2025-08-18,2026-06-30",
        "stu-1001,student,false,2025-08-18,2026-13-40",
    )
    roster = read_roster(folder)
    assert [p.message for p in roster.problems] == [
        'enrollments.csv line 3: the end date "2026-13-40" is not a date (expected YYYY-MM-DD).'
    ]
    problem = roster.problems[0]
    assert (problem.file, problem.line, problem.sourced_id) == ("enrollments.csv", 3, "enr-02")
    enrollment = next(e for e in roster.enrollments if e.sourced_id == "enr-02")
    assert (enrollment.begin_date, enrollment.end_date) == (date(2025, 8, 18), None)
    assert len(roster.enrollments) == 11


def test_a_date_in_another_format_is_not_guessed(tmp_path):
    folder = sample(tmp_path)
    edit(folder, "academicSessions.csv", "term-1,,,Autumn term,term,2025-08-18", "term-1,,,Autumn term,term,18/08/2025")
    assert messages(folder) == [
        'academicSessions.csv line 3: the start date "18/08/2025" is not a date (expected YYYY-MM-DD).'
    ]


def test_date_last_modified_is_an_iso_datetime(tmp_path):
    folder = sample(tmp_path)
    edit(folder, "orgs.csv", "sch-north,,,", "sch-north,active,2026-01-31T09:00:00Z,")
    edit(folder, "orgs.csv", "sch-lake,,,", "sch-lake,active,yesterday,")
    assert messages(folder) == [
        'orgs.csv line 4: the dateLastModified "yesterday" is not a date and time (expected ISO 8601, '
        "such as 2026-01-31T09:00:00Z); it was ignored."
    ]


def test_a_duplicate_sourced_id_keeps_the_first_row(tmp_path):
    folder = sample(tmp_path)
    with (folder / "users.csv").open("a", encoding="utf-8") as f:
        f.write("stu-1001,,,true,sch-north,student,amara.other,,Amara,Othername,,,,,,,07,\n")
    roster = read_roster(folder)
    assert [p.message for p in roster.problems] == [
        'users.csv line 15: the sourcedId "stu-1001" was already used on line 7; this row was skipped.'
    ]
    assert roster.users["stu-1001"].family_name == "Bello"
    assert len(roster.users) == 13


def test_a_utf8_bom_and_semicolons_are_read_with_a_warning():
    # malformed/semicolons_bom: users.csv as a spreadsheet in a semicolon locale saves it (BOM, ";", CRLF)
    roster = read_roster(SAMPLES / "malformed" / "semicolons_bom")
    assert roster.warnings == ["users.csv is separated by semicolons instead of commas; it was read anyway."]
    assert roster.problems == []
    assert roster.users == read_roster(SAMPLES / "v1.1").users
    assert roster.users["tch-002"].org_ids == ("sch-north", "dept-north-sci")


def test_the_malformed_samples_on_disk():
    with pytest.raises(RosterError, match='^users.csv has no "givenName" column, which OneRoster requires.$'):
        read_roster(SAMPLES / "malformed" / "missing_column")
    roster = read_roster(SAMPLES / "malformed" / "bad_rows")
    assert [p.message for p in roster.problems] == [
        'users.csv line 9: the role "wizard" is not one we know for "stu-1003"; the person was read without a role.',
        'users.csv line 15: the sourcedId "stu-1001" was already used on line 7; this row was skipped.',
        'enrollments.csv line 3: the end date "2026-13-40" is not a date (expected YYYY-MM-DD).',
        'enrollments.csv line 13: the class "cls-nowhere" is not in classes.csv; the enrollment was skipped.',
        'enrollments.csv line 14: the user "stu-nobody" is not in users.csv; the enrollment was skipped.',
    ]
    assert (len(roster.users), len(roster.enrollments), len(roster.classes)) == (13, 11, 4)
    assert roster.users["stu-1001"].family_name == "Bello"


def test_header_names_are_trimmed_and_matched_in_any_case(tmp_path):
    folder = sample(tmp_path)
    edit(
        folder,
        "users.csv",
        "sourcedId,status,dateLastModified,enabledUser",
        " SOURCEDID , Status,dateLastModified,EnabledUser ",
    )
    edit(folder, "users.csv", "givenName,familyName", "givenname,FamilyName")
    roster = read_roster(folder)
    assert roster.problems == [] and roster.users["stu-1003"].given_name == "Sofía"


def test_an_unknown_role_leaves_the_person_without_a_role(tmp_path):
    folder = sample(tmp_path)
    edit(folder, "users.csv", "sch-north,student,sofia.ramirez", "sch-north,wizard,sofia.ramirez")
    roster = read_roster(folder)
    assert [p.message for p in roster.problems] == [
        'users.csv line 9: the role "wizard" is not one we know for "stu-1003"; the person was read without a role.'
    ]
    assert roster.users["stu-1003"].role is None and roster.users["stu-1003"].roster_role == "wizard"
    assert roster.users["stu-1002"].role == "student"


def test_roles_are_matched_in_any_case(tmp_path):
    folder = sample(tmp_path)
    edit(folder, "users.csv", "sch-north,student,sofia.ramirez", "sch-north,Student,sofia.ramirez")
    assert read_roster(folder).users["stu-1003"].role == "student"


def test_enrollments_to_an_unknown_class_or_user_are_skipped(tmp_path):
    folder = sample(tmp_path)
    with (folder / "enrollments.csv").open("a", encoding="utf-8") as f:
        f.write("enr-90,,,cls-nowhere,sch-north,stu-1001,student,false,,\n")
        f.write("enr-91,,,cls-geo7a,sch-north,stu-nobody,student,false,,\n")
        f.write("enr-92,,,cls-geo7a,sch-north,stu-1003,janitor,false,,\n")
    roster = read_roster(folder)
    assert [p.message for p in roster.problems] == [
        'enrollments.csv line 13: the class "cls-nowhere" is not in classes.csv; the enrollment was skipped.',
        'enrollments.csv line 14: the user "stu-nobody" is not in users.csv; the enrollment was skipped.',
        'enrollments.csv line 15: the enrollment role "janitor" is not one we know; it was skipped.',
    ]
    assert len(roster.enrollments) == 11


def test_a_row_with_too_many_values_is_skipped(tmp_path):
    folder = sample(tmp_path)
    edit(folder, "users.csv", ",Sofía,Ramírez Ortega,", ",Sofía,Ramírez, Ortega,")
    roster = read_roster(folder)
    assert [p.message for p in roster.problems] == [
        "users.csv line 9: the row has 19 values but the file has 18 columns (a value with a comma may be missing "
        "its quotes); the row was skipped.",
        # and what named the skipped row:
        'enrollments.csv line 5: the user "stu-1003" is not in users.csv; the enrollment was skipped.',
        'enrollments.csv line 9: the user "stu-1003" is not in users.csv; the enrollment was skipped.',
    ]
    assert "stu-1003" not in roster.users and len(roster.users) == 12 and len(roster.enrollments) == 9


def test_blank_required_values_and_sourced_ids(tmp_path):
    folder = sample(tmp_path)
    edit(
        folder,
        "users.csv",
        "stu-1003,,,true,sch-north,student,sofia.ramirez,,Sofía,",
        "stu-1003,,,true,sch-north,student,sofia.ramirez,,,",
    )
    edit(folder, "classes.csv", "cls-art7,", ",")
    roster = read_roster(folder)
    assert [p.message for p in roster.problems] == [
        "classes.csv line 4: the row has no sourcedId; it was skipped.",
        "users.csv line 9: the givenName is blank; the row was skipped.",
        'enrollments.csv line 5: the user "stu-1003" is not in users.csv; the enrollment was skipped.',
        'enrollments.csv line 9: the user "stu-1003" is not in users.csv; the enrollment was skipped.',
        'enrollments.csv line 10: the class "cls-art7" is not in classes.csv; the enrollment was skipped.',
    ]


def test_tobedeleted_and_disabled_are_kept_as_data(tmp_path):
    folder = sample(tmp_path)
    edit(folder, "users.csv", "stu-1002,,,true", "stu-1002,tobedeleted,2026-02-01T10:00:00Z,true")
    edit(folder, "enrollments.csv", "enr-03,,,", "enr-03,tobedeleted,2026-02-01T10:00:00Z,")
    roster = read_roster(folder)
    assert roster.problems == []
    kenji = roster.users["stu-1002"]
    assert (kenji.active, kenji.enabled) == (False, True)
    assert roster.users["stu-1004"].active is True and roster.users["stu-1004"].enabled is False
    assert next(e for e in roster.enrollments if e.sourced_id == "enr-03").active is False


def test_an_agent_not_on_the_roster_is_a_problem(tmp_path):
    folder = sample(tmp_path)
    edit(folder, "users.csv", ",gdn-2001,07,", ",gdn-2999,07,")
    roster = read_roster(folder)
    assert [p.message for p in roster.problems] == [
        'users.csv line 7: the agent "gdn-2999" of "stu-1001" is not in users.csv; that link was skipped.'
    ]
    assert GuardianRelation("gdn-2001", "stu-1001", "parent") in roster.guardians  # the parent still names the child


def test_without_a_manifest_the_version_comes_from_the_columns(tmp_path):
    for version, expected in (("v1.1", "1.1"), ("v1.2", "1.2")):
        folder = sample(tmp_path, version)
        (folder / "manifest.csv").unlink()
        roster = read_roster(folder)
        assert roster.version == expected
        assert roster.warnings == ["manifest.csv is missing; every file was read as a bulk file."]
        assert roster.problems == [] and roster.mode("users") == "bulk"


def test_a_delta_manifest_is_reported_per_file(tmp_path):
    folder = sample(tmp_path)
    edit(folder, "manifest.csv", "file.users,bulk", "file.users,delta")
    roster = read_roster(folder)
    assert (roster.mode("users"), roster.mode("enrollments")) == ("delta", "bulk")


def test_1_2_roles_unknown_users_and_extension_roles(tmp_path):
    folder = sample(tmp_path, "v1.2")
    edit(folder, "roles.csv", "rol-05,,,cns-101,primary,counselor", "rol-05,,,cns-101,primary,ext:librarian")
    with (folder / "roles.csv").open("a", encoding="utf-8") as f:
        f.write("rol-12,,,usr-ghost,primary,teacher,,,sch-elm,\n")
        f.write("rol-13,tobedeleted,2026-01-10T08:00:00Z,stu-3002,primary,teacher,,,sch-elm,\n")
    roster = read_roster(folder)
    assert [p.message for p in roster.problems] == [
        'users.csv line 5: the role "ext:librarian" is not one we know for "cns-101"; the person was read without a role.',
        'roles.csv line 13: the user "usr-ghost" is not in users.csv; the role was skipped.',
    ]
    assert roster.users["cns-101"].role is None
    assert roster.users["stu-3002"].role == "student"  # a tobedeleted role row is not a role


def test_a_1_2_user_without_a_role_row(tmp_path):
    folder = sample(tmp_path, "v1.2")
    edit(folder, "roles.csv", "rol-09,,,stu-3003,primary,student,2025-09-01,,sch-reed,\n", "")
    roster = read_roster(folder)
    assert [p.message for p in roster.problems] == [
        'users.csv line 9: there is no role in roles.csv for "stu-3003"; the person was read without a role.'
    ]


def test_an_endless_line_becomes_a_bad_row_not_a_full_memory(tmp_path):
    folder = sample(tmp_path)
    with (folder / "users.csv").open("a", encoding="utf-8") as f:
        f.write("stu-9999,,,true,sch-north,student,x,,Long," + "y" * 3_000_000 + ",,,,,,,,\n")
    roster = read_roster(folder)
    assert len(roster.users) == 13  # the rest is read
    assert roster.problems and all(p.file == "users.csv" and p.line >= 15 for p in roster.problems)


def test_a_csv_that_is_not_utf8_is_refused_even_when_only_its_header_is_peeked(tmp_path):
    folder = sample(tmp_path, "v1.2")
    (folder / "manifest.csv").unlink()
    (folder / "users.csv").write_bytes(
        "sourcedId,givenName\nx,Jos\xe9\n".encode("latin-1").replace(b"sourcedId", b"sourc\xe9dId")
    )
    with pytest.raises(RosterError, match="^users.csv is not UTF-8 text"):
        read_roster(folder)
