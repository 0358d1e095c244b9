"""A school from zero on the command line (issue 17): `exchange admin create`, `exchange school
create` and `list`, `exchange user create --school`; every refusal is one line on stderr with exit
code 1 (2 for a wrong command line), never a traceback, SQL or a password hash; no eventlet
deprecation block on any command, one log line at `serve` start instead.

Most tests run the command in this process (`runner`, on the test's database); the ones about
what a person sees on a terminal run the real `exchange` executable."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError
from support import ServerProcess

from exchange.directory import school_rules

EXCHANGE = str(Path(sys.executable).parent / "exchange")
LEAKS = ("Traceback", "[SQL", "SELECT ", "INSERT ", "scrypt:", "pbkdf2:", "parameters", "sqlite3.", "psycopg")
SCHOOL = "Harbourside Learning Centre"  # fictional, like every name here
PASSWORD = "a-long-enough-passphrase"


def _ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def _refusal(result, *, code: int = 1) -> str:
    """Exit `code`, nothing on stdout, exactly one line on stderr, nothing leaked; returns the line."""
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert not [leak for leak in LEAKS if leak in result.stderr], result.stderr
    return lines[0]


def _create_school(runner, name: str = SCHOOL, *extra: str):
    return runner.invoke(
        "school", "create", "--name", name, "--country", "nz", "--timezone", "Pacific/Auckland", *extra
    )


@pytest.fixture()
def school_id(runner) -> int:
    out = _ok(_create_school(runner, SCHOOL, "--region", "Otago", "--languages", "en, fr"))
    assert out.startswith("Created school ") and SCHOOL in out, out
    return int(out.split()[2].rstrip(":"))


def _user(runner, *args: str):
    return runner.invoke("user", "create", "--password", PASSWORD, *args)


def _audit(runner) -> list[dict]:
    return [json.loads(line) for line in _ok(runner.invoke("audit", "export")).splitlines()]


# --- a school from zero ---------------------------------------------------------------------------


def test_a_school_from_zero(runner, school_id, as_user, app):
    out = _ok(runner.invoke("admin", "create", "--email", "platform.admin@exchange.example", "--password", PASSWORD))
    assert out.startswith("Created platform administrator platform.admin@exchange.example with id ")

    listing = _ok(runner.invoke("school", "list")).splitlines()
    assert listing[0].split() == ["id", "name", "country", "timezone", "languages", "region"]
    assert [line for line in listing if SCHOOL in line and "NZ" in line and "Pacific/Auckland" in line]
    assert [line for line in listing if "en,fr" in line and "Otago" in line]

    teacher = _ok(
        _user(runner, "--role", "teacher", "--email", "t.kowhai@harbourside.example", "--school", SCHOOL, "--verified")
    )
    assert teacher.startswith(f"Created teacher t.kowhai@harbourside.example of school {school_id} with id ")
    teacher_id = int(teacher.split()[-1].rstrip("."))
    head = _ok(_user(runner, "--role", "admin", "--email", "office@harbourside.example", "--school", f"{school_id}"))
    assert f"of school {school_id}" in head
    _ok(_user(runner, "--role", "student", "--username", "moana.r", "--school", f"#{school_id}"))
    _ok(_user(runner, "--role", "expert", "--email", "reef.guide@example.org"))
    _ok(_user(runner, "--role", "moderator", "--email", "night.shift@exchange.example"))  # a platform moderator

    records = _audit(runner)
    created = [r for r in records if r["action"] == "school.create"]
    assert len(created) == 1 and str(created[0]["subject_id"]) == str(school_id)
    assert created[0]["after"]["timezone"] == "Pacific/Auckland"
    assert [r for r in records if r["action"] == "teacher.verify" and str(r["subject_id"]) == str(teacher_id)]

    assert as_user("t.kowhai@harbourside.example", PASSWORD).user["role"] == "teacher"
    people = _people(app)
    platform = people["platform.admin@exchange.example"]
    assert platform.role == "admin" and platform.school_id is None and platform.platform_wide
    assert (platform.first_name, platform.last_name) == ("Platform", "Administrator")
    t = people["t.kowhai@harbourside.example"]
    assert t.school_id == school_id and t.teacher_verified_at is not None and t.timezone == "Pacific/Auckland"
    assert people["office@harbourside.example"].school_id == school_id
    assert not people["office@harbourside.example"].platform_wide
    assert people["moana.r"].school_id == school_id and people["moana.r"].role == "student"
    assert people["reef.guide@example.org"].school_id is None
    assert people["night.shift@exchange.example"].platform_wide


def _people(app) -> dict:
    """Every account by login, read in a short app context of the test's app (after the commands)."""
    from sqlalchemy import select

    from exchange.accounts.models import User
    from exchange.db import db

    with app.app_context():
        try:
            return {u.login_name: u for u in db.session.scalars(select(User))}
        finally:
            db.session.remove()


def test_a_password_left_out_is_asked_for_on_a_terminal_only(runner, school_id):
    line = _refusal(runner.invoke("admin", "create", "--email", "no.password@exchange.example"), code=2)
    assert "--password" in line and "admin create --help" in line  # `exchange` when run as itself


# --- refusals: one line each ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--role", "teacher", "--email", "a@harbourside.example", "--school", "99"), "no school with id 99"),
        (("--role", "teacher", "--email", "a@harbourside.example", "--school-id", "99"), "no school with id 99"),
        (("--role", "teacher", "--email", "a@harbourside.example", "--school", "Nowhere Hall"), "no school called"),
        (("--role", "wizard", "--email", "a@harbourside.example", "--school", SCHOOL), "Unknown role wizard"),
        (("--role", "teacher", "--email", "a@harbourside.example"), "A teacher needs a school"),
        (("--role", "student", "--username", "kiri.p"), "A student needs a school"),
        (("--role", "admin", "--email", "a@harbourside.example"), "exchange admin create"),
        (("--role", "expert", "--email", "a@example.org", "--school", SCHOOL), "belongs to no school"),
        (("--role", "guardian", "--email", "a@example.org", "--school", SCHOOL), "belongs to no school"),
        (("--role", "student", "--username", "kiri.p", "--school", SCHOOL, "--verified"), "Only teachers"),
        (("--role", "teacher", "--email", "not-an-address", "--school", SCHOOL), "does not look right"),
    ],
)
def test_user_create_refusals_are_one_line(runner, school_id, args, said):
    assert said in _refusal(_user(runner, *args))


def test_user_create_refuses_a_weak_password_and_a_login_in_use(runner, school_id):
    weak = runner.invoke(
        "user", "create", "--role", "teacher", "--email", "w@harbourside.example", "--school", SCHOOL,
        "--password", "short",
    )  # fmt: skip
    assert "10 to 256 characters" in _refusal(weak)
    _ok(_user(runner, "--role", "teacher", "--email", "taken@harbourside.example", "--school", SCHOOL))
    _ok(_user(runner, "--role", "student", "--username", "tui.m", "--school", SCHOOL))
    again = _user(runner, "--role", "teacher", "--email", "Taken@harbourside.example", "--school", SCHOOL)
    assert "e-mail address taken@harbourside.example already exists" in _refusal(again)
    assert "username tui.m already exists" in _refusal(
        _user(runner, "--role", "student", "--username", "tui.m", "--school", SCHOOL)
    )


def test_admin_create_refusals_are_one_line(runner):
    email = "platform.admin@exchange.example"
    assert "10 to 256 characters" in _refusal(runner.invoke("admin", "create", "--email", email, "--password", "123"))
    _ok(runner.invoke("admin", "create", "--email", email, "--password", PASSWORD))
    again = runner.invoke("admin", "create", "--email", email.upper(), "--password", PASSWORD)
    assert "already exists" in _refusal(again)
    bad = runner.invoke("admin", "create", "--email", "nobody", "--password", PASSWORD)
    assert "does not look right" in _refusal(bad)


@pytest.mark.parametrize(
    ("country", "zone", "extra", "said"),
    [
        ("XX", "Europe/Oslo", (), "ISO 3166"),
        ("NOR", "Europe/Oslo", (), "ISO 3166"),
        ("NO", "Mars/Olympus", (), "Mars/Olympus is not a time zone"),
        ("NO", "europe/oslo", (), "not a time zone"),
        ("NO", "Europe/Oslo", ("--languages", "en,qq"), "Unknown language code: qq"),
        ("NO", "Europe/Oslo", ("--languages", " , "), "at least one language"),
        ("NO", "Europe/Oslo", ("--region", "x" * 121), "at most 120 characters"),
    ],
)
def test_school_create_refusals_are_one_line(runner, country, zone, extra, said):
    result = runner.invoke(
        "school", "create", "--name", "Fjellvegen Skole", "--country", country, "--timezone", zone, *extra
    )
    assert said in _refusal(result)
    assert "Fjellvegen" not in _ok(runner.invoke("school", "list"))


def test_a_school_name_is_unique_and_names_one_school(runner, school_id, app):
    from exchange.db import db
    from exchange.directory.services import create_school

    same = _create_school(runner, "  harbourside   LEARNING centre ")
    assert "A school called harbourside LEARNING centre already exists" in _refusal(same)
    # Two schools of the same name from before the rule (the demo loader does not check): by id only.
    with app.app_context():
        create_school(name=SCHOOL, country="NZ", timezone="Pacific/Auckland", languages=["en"])
        db.session.commit()
        db.session.remove()
    ambiguous = _user(runner, "--role", "teacher", "--email", "b@harbourside.example", "--school", SCHOOL)
    assert "2 schools are called" in _refusal(ambiguous)
    _ok(_user(runner, "--role", "teacher", "--email", "b@harbourside.example", "--school", str(school_id)))


def test_an_empty_school_list_says_what_to_do(runner):
    assert "exchange school create" in _ok(runner.invoke("school", "list"))


def test_a_wrong_command_line_is_one_line_too(runner):
    assert "Missing option '--role'" in _refusal(_user(runner, "--email", "x@harbourside.example"), code=2)
    assert "No such option" in _refusal(runner.invoke("school", "list", "--colour"), code=2)
    assert "No such command" in _refusal(runner.invoke("school", "delete"), code=2)


# --- database errors: one line, logged with ids only ----------------------------------------------


def test_a_database_error_is_one_line_and_logged_with_ids_only(runner, monkeypatch, caplog):
    from exchange.directory import schools

    statement = "INSERT INTO schools (name) VALUES (?)"
    secret = "scrypt:32768:8:1$notarealhash"

    def refuse(**_kwargs):
        raise IntegrityError(statement, (secret, "Harbourside"), Exception("UNIQUE constraint failed"))

    monkeypatch.setattr(schools, "create_school", refuse)
    with caplog.at_level(logging.INFO, logger="exchange.commands"):
        line = _refusal(_create_school(runner))
    assert "conflicts with what is stored" in line
    logged = [r.getMessage() for r in caplog.records if r.name == "exchange.commands"]
    assert len(logged) == 1 and "IntegrityError" in logged[0] and "'school'" in logged[0]
    assert statement not in logged[0] and secret not in logged[0] and "Harbourside" not in logged[0]


def test_a_database_without_tables_says_to_upgrade(runner, tmp_path):
    from exchange.commands import cli

    env = dict(runner.env, DATABASE_URL=f"sqlite:///{tmp_path / 'empty.db'}")
    result = runner.cli.invoke(cli, ["audit", "verify"], env=env, catch_exceptions=False)
    assert result.exit_code == 1 and "run `exchange db upgrade` first" in result.stderr
    assert not [leak for leak in LEAKS if leak in result.output], result.output


def test_a_bug_still_shows_its_traceback(runner, monkeypatch):
    """Only errors a person can cause become a line; a programming error stays loud."""
    from exchange.directory import schools

    monkeypatch.setattr(schools, "list_schools", lambda: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        runner.invoke("school", "list")


# --- the pure rules ---------------------------------------------------------------------------------


def test_country_codes_are_iso_3166_alpha_2():
    from babel import Locale

    territories = {k for k in Locale("en").territories if len(k) == 2 and k.isalpha()}
    reserved = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}
    assert school_rules.COUNTRY_CODES == territories - reserved  # 249 assigned + XK
    assert len(school_rules.COUNTRY_CODES) == 250
    assert school_rules.country_code(" ke ") == "KE" and school_rules.country_code("EU") is None


def test_school_references_and_who_needs_a_school():
    ref = school_rules.school_reference
    assert (ref("12"), ref("#12"), ref("  Harbourside   Centre "), ref(" "), ref(None)) == (
        12,
        12,
        "Harbourside Centre",
        None,
        None,
    )
    refusal = school_rules.school_refusal
    assert refusal("teacher", False) == refusal("student", False) == refusal("admin", False) == "school_required"
    assert refusal("expert", True) == refusal("guardian", True) == "school_not_allowed"
    assert refusal("moderator", True) is refusal("moderator", False) is refusal("teacher", True) is None
    assert refusal("wizard", True) == "invalid_role"


# --- the real executable: what a terminal shows ----------------------------------------------------


def _terminal(*args: str, data_dir: Path, database_url: str | None = None) -> subprocess.CompletedProcess:
    # As a person runs it: Python's default warning filters, the embedded SQLite in a data folder.
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PYTHONWARNINGS", "EXCHANGE_ASYNC_MODE")}
    env["EXCHANGE_DATA_DIR"] = str(data_dir)
    if database_url:
        env["DATABASE_URL"] = database_url
    return subprocess.run(
        [EXCHANGE, *args], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=180
    )


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("serve", "--help"),
        ("user", "create", "--help"),
        ("school", "--help"),
        ("admin", "create", "--help"),
    ],
)
def test_help_prints_no_warning(tmp_path, args):
    run = _terminal(*args, data_dir=tmp_path)
    assert run.returncode == 0 and run.stdout.startswith("Usage: exchange"), run.stderr
    assert run.stderr == ""


def test_a_fresh_machine_gets_one_line_not_a_traceback(tmp_path):
    """The command as issue 17 found it: an unknown school printed SQL and the password hash."""
    run = _terminal(
        "user", "create", "--role", "teacher", "--email", "t@harbourside.example", "--password", PASSWORD,
        "--school-id", "99", data_dir=tmp_path / "data",
    )  # fmt: skip
    assert (run.returncode, run.stdout, run.stderr) == (1, "", "Error: There is no school with id 99.\n")


def test_a_database_that_cannot_be_reached_is_one_line(tmp_path):
    """No log line above it either: the ids go to the log at INFO, which commands do not print."""
    run = _terminal("school", "list", data_dir=tmp_path / "data", database_url="postgresql://nobody@127.0.0.1:9/none")
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == "Error: The database could not be used: check DATABASE_URL and that the database is running.\n"


def test_serve_logs_one_line_instead_of_the_eventlet_warning():
    srv = ServerProcess(demo=False, async_mode="eventlet").start()
    try:
        log = srv.log()
    finally:
        srv.stop()
    assert "async_mode=eventlet" in log
    assert log.count("eventlet is deprecated upstream") == 1, log
    assert "EventletDeprecationWarning" not in log and "strongly recommend" not in log, log
