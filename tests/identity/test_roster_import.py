"""`exchange roster import` and the roster upload page (issue 19), end to end on a real database.

The fictional sample rosters (tests/data/oneroster) describe the 2025-26 school year; the suite's
clock runs in 2026-27, so each test takes a copy with every date moved one year on (the same
roster, a year later) and imports it into a school made the way a district makes one.
"""

from __future__ import annotations

import csv
import email
import email.policy
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from support import ENGLISH, Api, ServerProcess

# The first test runs on both databases; the others' rules are the same code and run once, on SQLite.
ONCE = pytest.mark.sqlite_only

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "oneroster"
SCHOOL = "Northgate Primary School"
ADMIN = "admin@northgate.example.edu"
ADMIN_PASSWORD = "northgate-admin-pw-1"


def a_year_on(version: str, folder: Path) -> Path:
    """A copy of a sample roster with every year moved on by one (2025-08-18 → 2026-08-18)."""
    target = folder / f"roster-{version}"
    shutil.copytree(SAMPLES / version, target)
    for path in target.glob("*.csv"):
        body = path.read_text(encoding="utf-8-sig")
        body = re.sub(r"\b(20\d\d)-(\d\d)-(\d\d)", lambda m: f"{int(m.group(1)) + 1}-{m.group(2)}-{m.group(3)}", body)
        body = re.sub(r",(20\d\d)\n", lambda m: f",{int(m.group(1)) + 1}\n", body)  # schoolYear
        path.write_text(body, encoding="utf-8")
    return target


def without_rows(folder: Path, file: str, sourced_ids: set[str]) -> None:
    path = folder / file
    with path.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([r for r in rows if r[0] not in sourced_ids])


def make_district(srv: ServerProcess) -> None:
    """The schema, the school named as on the roster and its admin, made in this process through the
    platform's own services (three commands would cost a start of the app each)."""
    from exchange import create_app
    from exchange.config import config_for_tests
    from exchange.db import db
    from exchange.directory.schools import create_school_user
    from exchange.directory.services import create_school
    from exchange.schema import upgrade

    srv.data_dir.mkdir(parents=True, exist_ok=True)
    upgrade(srv.database_url)
    app = create_app(config_for_tests(srv.data_dir, DATABASE_URL=srv.database_url))
    with app.app_context():
        create_school(name=SCHOOL, country="NZ", timezone="Pacific/Auckland", languages=["en"])
        db.session.commit()
        create_school_user(role="admin", email=ADMIN, password=ADMIN_PASSWORD, first_name="Aroha", school=SCHOOL)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()


@pytest.fixture()
def district(tmp_path):
    """A school named as on the roster, with its admin; the server is started by the tests that need it."""
    srv = ServerProcess(demo=False, data_dir=tmp_path / "data")
    make_district(srv)
    yield srv
    srv.stop()


def users(srv) -> dict[str, tuple[str, str]]:
    engine = create_engine(srv.database_url)
    with engine.connect() as db:
        rows = db.execute(text("SELECT COALESCE(email, username), role, status FROM users")).all()
    engine.dispose()
    return {login: (role, status) for login, role, status in rows}


def counts(output: str) -> dict[str, list[int]]:
    """{"People": [create, update, reactivate, deactivate, unchanged], ...} from a report."""
    found = {}
    for kind, *numbers in re.findall(
        r"^(\w[\w ]*): (\d+) to create, (\d+) to update, (\d+) to reactivate, (\d+) to deactivate, (\d+) unchanged\.$",
        output,
        re.M,
    ):
        found[kind] = [int(n) for n in numbers]
    return found


@pytest.mark.parametrize(
    ("version", "org"),
    [("v1.1", []), ("v1.2", ["--org", "sch-elm"])],  # 1.1's school has our school's name; 1.2's is named
)
def test_dry_run_then_real_run_then_the_same_file_again_changes_nothing(district, tmp_path, version, org):
    roster = a_year_on(version, tmp_path)
    before = users(district)
    if org:
        refused = district.run_cli("roster", "import", str(roster), "--school", SCHOOL, check=False)
        assert refused.returncode == 1 and "name this school's org with --org: sch-elm" in refused.stderr
    dry = district.run_cli("roster", "import", str(roster), "--school", SCHOOL, *org, "--dry-run").stdout
    assert "Dry run: nothing was changed." in dry
    planned = counts(dry)
    assert planned["People"][0] > 0 and planned["Classes"][0] > 0 and planned["Enrollments"][0] > 0, dry
    assert users(district) == before  # nothing changed

    real = district.run_cli("roster", "import", str(roster), "--school", SCHOOL, *org).stdout
    assert "Done:" in real and counts(real) == planned, real
    after = users(district)
    teachers = [login for login, (role, _) in after.items() if role == "teacher"]
    students = [login for login, (role, _) in after.items() if role == "student"]
    assert teachers and students
    assert not [login for login, (role, _) in after.items() if role == "guardian"]  # invited, not made

    again = district.run_cli("roster", "import", str(roster), "--school", SCHOOL, *org).stdout
    for kind, numbers in counts(again).items():
        assert numbers[:4] == [0, 0, 0, 0], (kind, again)
    assert users(district) == after


@ONCE
def test_a_student_gone_from_the_roster_is_suspended_never_deleted(district, tmp_path):
    roster = a_year_on("v1.1", tmp_path)
    district.run_cli("roster", "import", str(roster), "--school", SCHOOL)
    present = users(district)
    student = next(login for login, (role, _) in present.items() if role == "student")
    sid = _sourced_id_of(roster, student)
    without_rows(roster, "users.csv", {sid})
    dry = district.run_cli("roster", "import", str(roster), "--school", SCHOOL, "--dry-run").stdout
    assert f"deactivate user {sid}: no longer on the roster." in dry
    district.run_cli("roster", "import", str(roster), "--school", SCHOOL)
    assert users(district)[student] == ("student", "suspended")
    assert len(users(district)) == len(present)  # nobody deleted


def _sourced_id_of(roster: Path, login: str) -> str:
    with (roster / "users.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if login in (row.get("username", "").lower(), row.get("email", "").lower()):
                return row["sourcedId"]
    raise AssertionError(login)


def with_language(folder: Path, sourced_id: str, language: str) -> None:
    """The export carries the extension column metadata.preferredLanguage, set for one person."""
    path = folder / "users.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    rows[0].append("metadata.preferredLanguage")
    for row in rows[1:]:
        row.append(language if row[0] == sourced_id else "")
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


@ONCE
def test_guardians_get_the_consent_invitation_by_email_in_their_language(district, tmp_path):
    roster = a_year_on("v1.1", tmp_path)
    with_language(roster, "gdn-2001", "es-MX")  # Chidi Bello's family reads Spanish
    out = district.run_cli("roster", "import", str(roster), "--school", SCHOOL).stdout
    sent = int(re.search(r"(\d+) consent invitation\(s\) sent", out).group(1))
    assert sent > 0, out
    mails = {}
    for path in (district.data_dir / "outbox").glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        mails[message["To"]] = message
    assert len(mails) == sent
    assert all("/guardian/invite/" in m.get_body(preferencelist=("plain",)).get_content() for m in mails.values())
    assert mails["chidi.bello@families.example.org"]["Subject"] == spanish(ENGLISH_SUBJECT)
    others = [m for to, m in mails.items() if to != "chidi.bello@families.example.org"]
    assert others and all(m["Subject"] == ENGLISH_SUBJECT for m in others)  # the school's language: English


ENGLISH_SUBJECT = "Your child's class on Classroom Exchange: please confirm"


def spanish(msgid: str) -> str:
    from babel.messages.pofile import read_po

    po = Path(__file__).resolve().parents[2] / "exchange/translations/es/LC_MESSAGES/messages.po"
    with po.open("rb") as f:
        return read_po(f)[msgid].string


@ONCE
def test_a_roster_that_cannot_be_read_is_one_clear_line(district, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "users.csv").write_text("sourcedId;givenName\nx;y\n", encoding="utf-8")
    r = district.run_cli("roster", "import", str(broken), "--school", SCHOOL, check=False)
    assert r.returncode == 1 and "Traceback" not in r.stderr
    said = [line for line in r.stderr.splitlines() if "clock injected" not in line]  # the suite's own warning
    assert said == ["Error: orgs.csv is missing from the roster; export it again with that file."], r.stderr


@ONCE
def test_the_upload_page_dry_run_and_import(district, tmp_path):
    roster = a_year_on("v1.1", tmp_path)
    archive = tmp_path / "roster.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in roster.glob("*.csv"):
            z.write(path, path.name)
    district.start()
    http = requests.Session()
    http.headers["Accept-Language"] = ENGLISH
    login = http.get(district.url + "/login").text
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', login).group(1)
    assert (
        "Log out"
        in http.post(
            district.url + "/login", data={"csrf_token": token, "login": ADMIN, "password": ADMIN_PASSWORD}
        ).text
    )
    page = http.get(district.url + "/admin/roster")
    assert page.status_code == 200
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page.text).group(1)
    dry = http.post(
        district.url + "/admin/roster",
        data={"csrf_token": token},
        files={"roster": ("roster.zip", archive.read_bytes(), "application/zip")},
    )
    assert dry.status_code == 200 and "Dry run: nothing was changed" in dry.text, dry.text[:500]
    assert not [1 for role, _ in users(district).values() if role == "student"]
    real = http.post(
        district.url + "/admin/roster",
        data={"csrf_token": token, "apply": "y"},
        files={"roster": ("roster.zip", archive.read_bytes(), "application/zip")},
    )
    assert real.status_code == 200 and "Imported" in real.text and "Done:" in real.text
    assert [1 for role, _ in users(district).values() if role == "student"]
    not_zip = http.post(
        district.url + "/admin/roster",
        data={"csrf_token": token},
        files={"roster": ("roster.zip", b"sourcedId,status\n", "application/zip")},
    )
    assert not_zip.status_code == 400 and "This is not a .zip file" in not_zip.text


@ONCE
def test_an_import_never_touches_a_guardians_consent(district, tmp_path):
    """Chidi accepts the roster's invitation and grants consent; the next roster no longer names him
    (the school's system dropped him): the import records that, his account (the family's own, made
    with the invitation) stays open and his consent stands."""
    roster = a_year_on("v1.1", tmp_path)
    district.run_cli("roster", "import", str(roster), "--school", SCHOOL)
    district.start()
    invitation = next(
        message
        for message in (
            email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
            for p in (district.data_dir / "outbox").glob("*.eml")
        )
        if message["To"] == "chidi.bello@families.example.org"
    )
    token = re.search(r"/guardian/invite/([\w-]+)", invitation.get_body(preferencelist=("plain",)).get_content()).group(
        1
    )
    family = Api(district.url)
    family.csrf = family.http.get(district.url + "/api/v1/auth/csrf").json()["csrf_token"]
    r = family.post(
        f"/api/v1/guardian/invitations/{token}/accept",
        {"first_name": "Chidi", "last_name": "Bello", "email": "chidi.bello@families.example.org",
         "password": "a-long-guardian-password"},
    )  # fmt: skip
    assert r.status_code == 201, r.text
    student_id, family.csrf = r.json()["student_id"], r.json()["csrf_token"]
    granted = family.post(
        f"/api/v1/guardian/children/{student_id}/consent", {"scope": "exchanges", "decision": "grant"}
    )
    assert granted.json()["consent"]["exchanges"]["status"] == "granted"

    without_rows(roster, "users.csv", {"gdn-2001"})
    _drop_agent(roster, "stu-1001", "gdn-2001")
    out = district.run_cli("roster", "import", str(roster), "--school", SCHOOL).stdout
    assert "deactivate user gdn-2001: no longer on the roster." in out
    assert "Guardian consent is not part of an import" in out
    child = family.get(f"/api/v1/guardian/children/{student_id}").json()
    assert child["consent"]["exchanges"]["status"] == "granted"  # the family's decision stands
    assert users(district)["chidi.bello@families.example.org"] == ("guardian", "active")


def _drop_agent(folder: Path, student: str, guardian: str) -> None:
    path = folder / "users.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    column = [c.lower() for c in rows[0]].index("agentsourcedids")
    for row in rows[1:]:
        if row[0] == student:
            row[column] = ",".join(a for a in row[column].split(",") if a.strip() != guardian)
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
