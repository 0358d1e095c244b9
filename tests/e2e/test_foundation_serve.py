"""`exchange serve` in both async modes, `exchange db upgrade`, settings, and the dashboard in Chromium."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import requests
from conftest import TEACHER_OSLO, TEACHER_SYDNEY
from support import ROOT, Api, Live, ServerProcess


@pytest.mark.parametrize("mode", ["eventlet", "threading"])
def test_server_runs_in_both_async_modes(mode):
    srv = ServerProcess(async_mode=mode).start()
    try:
        assert requests.get(srv.url + "/healthz", timeout=5).json()["status"] == "ok"
        oslo, sydney = Api(srv.url).login(TEACHER_OSLO), Api(srv.url).login("mia.thompson")
        room = next(r["id"] for r in oslo.get("/api/v1/rooms").json()["rooms"] if "seasons" in r["title"])
        a, b = Live(oslo).connect(), Live(sydney).connect()
        assert a.join(room)["ok"] and b.join(room)["ok"]
        ack = b.send(room, f"Hello in {mode} mode")
        assert ack["ok"] and ack["seq"] >= 1
        got = a.wait_for(lambda m: m["body"] == f"Hello in {mode} mode")
        assert got["author"]["name"] == "Mia T."
        a.close(), b.close()
        assert f"async mode: {mode}" in srv.log()
    finally:
        code = srv.stop()
    assert code == 0  # SIGTERM is a graceful shutdown, not a crash


def test_secret_key_generated_once_and_kept(tmp_path):
    srv = ServerProcess(data_dir=tmp_path, demo=False).start()
    srv.stop()
    key_file = tmp_path / "secret_key"
    first = key_file.read_text()
    assert len(first) > 40 and oct(key_file.stat().st_mode)[-3:] == "600"
    srv = ServerProcess(data_dir=tmp_path, demo=False, database_url=srv.database_url).start()
    srv.stop()
    assert key_file.read_text() == first


def test_db_upgrade_creates_schema(tmp_path):
    env = dict(os.environ, EXCHANGE_DATA_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'x.db'}")
    out = subprocess.run(
        [sys.executable, "-m", "exchange.cli", "db", "upgrade"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "up to date" in out.stdout
    import sqlite3

    tables = {
        r[0] for r in sqlite3.connect(tmp_path / "x.db").execute("select name from sqlite_master where type='table'")
    }
    assert {"users", "schools", "classes", "class_memberships", "rooms", "messages", "alembic_version"} <= tables
    again = subprocess.run(
        [sys.executable, "-m", "exchange.cli", "db", "upgrade"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0


def test_teacher_logs_in_and_sees_dashboard_in_chromium(server, browser):
    page = browser.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(server.url + "/")
    assert page.url.endswith("/login")
    page.get_by_label("E-mail or username").fill(TEACHER_SYDNEY)
    page.get_by_label("Password").fill("exchange-demo")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard")
    assert page.get_by_role("heading", name="Hello, Liam").is_visible()
    assert page.get_by_role("heading", name="What to do next").is_visible()
    assert page.get_by_role("link", name="Oslo and Sydney: seasons and weather").is_visible()
    assert page.get_by_role("link", name="Year 9 Geography").is_visible()
    assert not errors, errors
    page.close()


def test_wrong_password_in_chromium_shows_message(server, browser):
    page = browser.new_page()
    page.goto(server.url + "/login")
    page.get_by_label("E-mail or username").fill(TEACHER_OSLO)
    page.get_by_label("Password").fill("wrong-password-here")
    page.get_by_role("button", name="Log in").click()
    assert page.get_by_text("Wrong login or password.").is_visible()
    page.close()


# Its subject is not the database (serving, clocks, limits, scanners, catch-up paging over the
# storage contract that tests/storage checks on PostgreSQL): the SQLite pass only, for CI's time.
pytestmark = pytest.mark.sqlite_only
