"""OneRoster import benchmark: writes a fictional district's v1.1 roster, reads it and plans it; prints the figures.

  python bench/roster_big.py                      # 10,000 students in 10 schools
  python bench/roster_big.py --students 50000 --schools 40 --keep /tmp/roster

The roster: per school one admin, a teacher per 20 students, classes of 25 (each student in
--classes-per-student of them, with one teacher), and 1 or 2 guardians per student named from
both sides by agentSourcedIds. Everything is invented (example.edu / example.org addresses).

Figures, each printed on its own line: wall time of the read, of a first plan (empty platform,
one school and all schools) and of a second plan (the platform as the first one left it, which
must plan no change), then peak Python memory (tracemalloc, measured in a second pass because
tracing slows the code) of the read and of the plan, and the process's peak RSS. Nothing here is
asserted about time: a benchmark reports, the tests decide correctness.
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import IO, Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from exchange.identity.oneroster import Roster, read_roster  # noqa: E402
from exchange.identity.roster_plan import Current, CurrentClass, CurrentUser, Plan, plan_import  # noqa: E402

TODAY = date(2026, 3, 2)
GIVEN = ("Amara", "Kenji", "Sofía", "Oskar", "Liv", "Yusuf", "Priya", "Mateo", "Hana", "Chidi", "Ilse", "Baraka")
FAMILY = ("Bello", "Wolde", "Ramírez", "Tanaka-Lind", "Haugland", "Demir", "Adeyemi", "Achebe", "Sato", "Varga")
T = TypeVar("T")


def write_roster(folder: Path, students: int, schools: int, classes_per_student: int) -> dict[str, int]:
    """Write the CSV files; returns the row count of each."""
    per_school = students // schools
    counts: dict[str, int] = {}

    def table(name: str, header: str) -> Any:  # a csv writer (its type is private to _csv)
        f = (folder / f"{name}.csv").open("w", encoding="utf-8", newline="")
        writer = csv.writer(f)
        writer.writerow(header.split(","))
        files.append(f)
        return writer

    files: list[IO[str]] = []
    manifest = table("manifest", "propertyName,value")
    manifest.writerows([["manifest.version", "1.0"], ["oneroster.version", "1.1"]])
    for name in ("academicSessions", "classes", "courses", "enrollments", "orgs", "users"):
        manifest.writerow([f"file.{name}", "bulk"])
    orgs = table("orgs", "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId")
    sessions = table(
        "academicSessions", "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear"
    )
    courses = table(
        "courses",
        "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes",
    )
    classes = table(
        "classes",
        "sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods",
    )
    users = table(
        "users",
        "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password",
    )
    enrollments = table("enrollments", "sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate")  # fmt: skip
    orgs.writerow(["dist", "", "", "Fictional Bench District", "district", "FBD", ""])
    sessions.writerow(["ay", "", "", "2025-2026", "schoolYear", "2025-08-18", "2026-06-30", "", "2026"])
    counts.update(orgs=1, academicSessions=1, courses=0, classes=0, users=0, enrollments=0)
    for s in range(schools):
        school = f"sch-{s:03d}"
        orgs.writerow([school, "", "", f"Bench School {s}", "school", f"BS{s}", "dist"])
        counts["orgs"] += 1
        users.writerow([f"adm-{s}", "", "", "true", school, "administrator", f"adm{s}", "", "Darius", f"Farahani {s}", "", "", f"adm{s}@school{s}.example.edu", "", "", "", "", ""])  # fmt: skip
        teachers = max(1, per_school // 20)
        for t in range(teachers):
            users.writerow([f"tch-{s}-{t}", "", "", "true", school, "teacher", f"t{s}x{t}", "", GIVEN[t % 12], FAMILY[t % 10], "", "", f"t{s}x{t}@school{s}.example.edu", "", "", "", "", ""])  # fmt: skip
        counts["users"] += 1 + teachers
        subjects = classes_per_student
        sections = max(1, per_school // 25)
        for subject in range(subjects):
            courses.writerow(
                [f"crs-{s}-{subject}", "", "", "ay", f"Subject {subject}", f"S{subject}", "07", school, "", ""]
            )
            for sec in range(sections):
                cls = f"cls-{s}-{subject}-{sec}"
                classes.writerow([cls, "", "", f"Subject {subject} section {sec}", "07", f"crs-{s}-{subject}", cls, "scheduled", "", school, "", "", "", ""])  # fmt: skip
                teacher = f"tch-{s}-{(subject * sections + sec) % teachers}"
                enrollments.writerow([f"e-{cls}-t", "", "", cls, school, teacher, "teacher", "true", "2025-08-18", "2026-06-30"])  # fmt: skip
                counts["enrollments"] += 1
            counts["courses"] += 1
            counts["classes"] += sections
        for i in range(per_school):
            stu = f"stu-{s}-{i}"
            guardians = [f"gdn-{s}-{i}-a"] + ([f"gdn-{s}-{i}-b"] if i % 3 else [])
            person = (GIVEN[i % 12], FAMILY[(i // 12) % 10])
            users.writerow([stu, "", "", "true", school, "student", f"s{s}x{i}", "", *person, "", f"S{s}-{i}", f"s{s}x{i}@pupils.example.edu", "", "", ",".join(guardians), "07", ""])  # fmt: skip
            for g in guardians:
                users.writerow([g, "", "", "true", school, "parent", g, "", GIVEN[(i + 5) % 12], person[1], "", "", f"{g}@families.example.org", "", "", stu, "", ""])  # fmt: skip
            counts["users"] += 1 + len(guardians)
            for subject in range(subjects):
                cls = f"cls-{s}-{subject}-{i % sections}"
                enrollments.writerow([f"e-{cls}-{stu}", "", "", cls, school, stu, "student", "false", "2025-08-18", "2026-06-30"])  # fmt: skip
                counts["enrollments"] += 1
    for f in files:
        f.close()
    return counts


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def peak_mib(fn: Callable[[], T]) -> tuple[T, float]:
    tracemalloc.start()
    try:
        result = fn()
        return result, tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def as_platform(plan: Plan) -> Current:
    """The platform as an apply of a first plan (creates only) would leave it."""
    users, classes, enrollments, links = {}, {}, set(), set()
    for c in plan.changes:
        f = c.fields
        if c.kind == "user":
            users[c.sourced_id] = CurrentUser(
                c.sourced_id, f["role"], f["given_name"], f["family_name"], f["email"], f["username"]
            )
        elif c.kind == "class":
            classes[c.sourced_id] = CurrentClass(c.sourced_id, f["title"], f["teacher_id"], f["grade"])
        elif c.kind == "enrollment":
            enrollments.add((f["class_id"], f["user_id"]))
        else:
            links.add((f["guardian_id"], f["student_id"]))
    return Current(users, classes, frozenset(enrollments), frozenset(links))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=10_000)
    parser.add_argument("--schools", type=int, default=10)
    parser.add_argument("--classes-per-student", type=int, default=6)
    parser.add_argument("--keep", type=Path, help="write the roster here and keep it (default: a temp folder)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="roster_big_") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        counts, write_s = timed(lambda: write_roster(folder, args.students, args.schools, args.classes_per_student))
        size = sum(p.stat().st_size for p in folder.glob("*.csv")) / 2**20
        print(
            f"roster: {', '.join(f'{k} {v:,}' for k, v in counts.items())} rows; {size:.1f} MiB; written in {write_s:.2f} s"
        )

        roster, read_s = timed(lambda: read_roster(folder))
        print(f"read: {read_s:.2f} s; {len(roster.users):,} users, {len(roster.enrollments):,} enrollments, "
              f"{len(roster.guardians):,} guardian links, {len(roster.problems)} problems")  # fmt: skip

        def plan(current: Current, school: str | None) -> Plan:
            return plan_import(roster, current, today=TODAY, school_org_id=school)

        for school in ("sch-000", None):
            first, first_s = timed(lambda: plan(Current(), school))
            platform = as_platform(first)
            again, again_s = timed(lambda: plan(platform, school))
            label = school or "all schools"
            print(f"plan ({label}): first {first_s:.2f} s ({len(first.changes):,} changes), "
                  f"second {again_s:.2f} s ({len(again.changes)} changes)")  # fmt: skip

        _, read_peak = peak_mib(lambda: read_roster(folder))
        fresh: Roster = read_roster(folder)
        _, plan_peak = peak_mib(lambda: plan_import(fresh, Current(), today=TODAY))
        print(f"peak traced memory: read {read_peak:.1f} MiB, plan (all schools, first import) {plan_peak:.1f} MiB")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS of this process: {rss:.0f} MiB (Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
