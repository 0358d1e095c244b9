"""The foundation in-process (was tests/e2e/test_foundation_http.py over a server subprocess):
login and throttling, classes and join codes, admin verification, the authorisation layer, the
JSON API and its OpenAPI document, bad input, the `exchange user create` command."""

from __future__ import annotations

import re

import pytest
from conftest import ADMIN_OSLO, ADMIN_SYDNEY, EXPERT, MODERATOR, TEACHER_NAIROBI, TEACHER_OSLO, TEACHER_SYDNEY

pytestmark = pytest.mark.demo_data


def _form_token(page_text: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page_text).group(1)


def test_healthz_checks_database(client):
    r = client.get("/healthz")
    assert r.status_code == 200
    assert r.get_json() == {"status": "ok", "database": "ok"}


def test_login_page_sets_safe_cookie_and_csp(client):
    page = client.get("/login")
    assert page.status_code == 200 and 'name="csrf_token"' in page.text
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    r = client.post(
        "/login", data={"csrf_token": _form_token(page.text), "login": TEACHER_OSLO, "password": "exchange-demo"}
    )
    assert r.status_code == 302 and r.headers["Location"].endswith("/dashboard")
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    dash = client.get("/dashboard")
    assert "Hello, Astrid" in dash.text and "What to do next" in dash.text


def test_form_without_csrf_token_is_refused(client):
    r = client.post("/login", data={"login": TEACHER_OSLO, "password": "exchange-demo"})
    assert r.status_code == 400
    assert "expired or was sent from elsewhere" in r.text


def test_api_write_without_csrf_header_is_refused(client):
    r = client.post("/api/v1/auth/login", json={"login": TEACHER_OSLO, "password": "exchange-demo"})
    assert r.status_code == 400
    assert r.get_json()["error"]["code"] == "csrf_failed"


def test_wrong_password_then_throttled(as_user):
    anonymous = as_user(None)
    codes = [
        anonymous.post("/api/v1/auth/login", {"login": TEACHER_NAIROBI, "password": "not-the-password"}).status_code
        for _ in range(5)
    ]
    assert codes == [401, 401, 401, 401, 401]
    r = anonymous.post("/api/v1/auth/login", {"login": TEACHER_NAIROBI, "password": "exchange-demo"})
    assert r.status_code == 429 and r.json()["error"]["code"] == "login_throttled"


def test_logout_ends_the_session(as_user):
    t = as_user(TEACHER_OSLO)
    assert t.get("/api/v1/me").status_code == 200
    assert t.post("/api/v1/auth/logout").status_code == 200
    r = t.get("/api/v1/me")
    assert r.status_code == 401 and r.json()["error"]["code"] == "login_required"


def test_teacher_creates_class_student_joins_teacher_approves(as_user):
    teacher = as_user(TEACHER_OSLO)
    r = teacher.post(
        "/api/v1/classes",
        {
            "name": "10C Ocean Club",
            "grade_band": "9-10",
            "languages": ["en", "no"],
            "topics": ["oceans"],
            "day_start": "08:15",
            "day_end": "14:30",
        },
    )
    assert r.status_code == 201, r.text
    cls = r.json()
    code = cls["join_code"]
    assert re.fullmatch(r"[A-Z2-9]{8}", code)
    student = as_user(None)
    r = student.post(
        "/api/v1/join",
        {
            "code": code.lower(),
            "username": "kari.nordmann",
            "password": "a-long-password",
            "first_name": "Kari",
            "last_name": "Nordmann",
        },
    )
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "pending"
    student.login("kari.nordmann", "a-long-password")
    assert student.get("/api/v1/classes").json()["classes"] == []
    members = teacher.get(f"/api/v1/classes/{cls['id']}/members").json()["members"]
    pending = [m for m in members if m["status"] == "pending"]
    assert len(pending) == 1 and pending[0]["student"]["name"] == "Kari Nordmann"
    assert teacher.post(f"/api/v1/memberships/{pending[0]['membership_id']}/approve").json()["status"] == "approved"
    mine = student.get("/api/v1/classes").json()["classes"]
    assert [c["name"] for c in mine] == ["10C Ocean Club"]
    assert "join_code" not in mine[0]  # only those who manage the class see its code


def test_wrong_join_code_is_clear(as_user):
    r = as_user(None).post(
        "/api/v1/join",
        {
            "code": "NOPE1234",
            "username": "someone",
            "password": "a-long-password",
            "first_name": "Ola",
            "last_name": "Test",
        },
    )
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_join_code"


def test_other_teacher_cannot_approve_or_see_members(as_user):
    cls = as_user(TEACHER_OSLO).get("/api/v1/classes").json()["classes"][0]
    r = as_user(TEACHER_SYDNEY).get(f"/api/v1/classes/{cls['id']}/members")
    assert r.status_code == 403 and r.json()["error"]["message"]


def test_admin_verifies_teacher_of_own_school_only(as_user):
    nairobi_admin = as_user("admin@jacaranda.example")
    teachers = nairobi_admin.get("/api/v1/admin/teachers").json()["teachers"]
    amani = next(t for t in teachers if t["name"] == "Amani Wanjiru")
    assert amani["verified"] is False
    assert nairobi_admin.post(f"/api/v1/admin/teachers/{amani['id']}/verify").json()["verified"] is True
    r = as_user(ADMIN_OSLO).post(f"/api/v1/admin/teachers/{amani['id']}/verify")
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_your_school"


def test_admin_creates_moderator(as_user):
    admin = as_user(ADMIN_SYDNEY)
    r = admin.post(
        "/api/v1/admin/moderators",
        {
            "email": "tess.moss@wattlecreek.example",
            "password": "moderate-well-1",
            "first_name": "Tess",
            "last_name": "Moss",
        },
    )
    assert r.status_code == 201 and r.json()["role"] == "moderator"
    assert as_user("tess.moss@wattlecreek.example", "moderate-well-1").user["role"] == "moderator"


# The authorisation matrix: every role against the routes that need a particular role.
MATRIX = [
    (
        "get",
        "/api/v1/admin/teachers",
        {ADMIN_OSLO: 200, TEACHER_OSLO: 403, "nora.berg": 403, MODERATOR: 403, EXPERT: 403},
    ),
    ("post", "/api/v1/admin/moderators", {TEACHER_OSLO: 403, "nora.berg": 403, MODERATOR: 403, EXPERT: 403}),
    ("post", "/api/v1/classes", {"nora.berg": 403, MODERATOR: 403, EXPERT: 403, ADMIN_OSLO: 403}),
    ("get", "/api/v1/classes", {TEACHER_OSLO: 200, "nora.berg": 200, ADMIN_OSLO: 200, EXPERT: 403}),
    ("get", "/api/v1/rooms", {TEACHER_OSLO: 200, "nora.berg": 200, MODERATOR: 200, EXPERT: 200}),
    ("get", "/api/v1/me", {TEACHER_OSLO: 200, "nora.berg": 200, MODERATOR: 200, EXPERT: 200, ADMIN_OSLO: 200}),
]


@pytest.mark.parametrize("method,path,expected", MATRIX, ids=[m[1] + ":" + m[0] for m in MATRIX])
def test_authorisation_matrix(as_user, method, path, expected):
    anonymous = as_user(None)
    r = anonymous.get(path) if method == "get" else anonymous.post(path, {})
    assert r.status_code == 401 and r.json()["error"]["code"] == "login_required"
    for who, status in expected.items():
        client = as_user(who)
        r = client.get(path) if method == "get" else client.post(path, {})
        if status == 403:
            assert r.status_code == 403, (who, r.text)
            assert r.json()["error"]["code"] == "forbidden" and r.json()["error"]["message"]
        else:
            assert r.status_code == status, (who, r.text)


def test_forbidden_page_is_html_not_500(client):
    page = client.get("/login")
    client.post(
        "/login", data={"csrf_token": _form_token(page.text), "login": "nora.berg", "password": "exchange-demo"}
    )
    r = client.get("/admin/people")
    assert r.status_code == 403
    assert r.headers["Content-Type"].startswith("text/html") and "Your role may not do this." in r.text


def test_openapi_document_lists_every_api_route(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    for path in (
        "/api/v1/auth/login",
        "/api/v1/classes",
        "/api/v1/classes/{class_id}/members",
        "/api/v1/rooms",
        "/api/v1/rooms/{room_id}/mute",
        "/api/v1/join",
        "/api/v1/admin/teachers",
    ):
        assert path in doc["paths"], path
    assert "post" in doc["paths"]["/api/v1/classes"]
    assert doc["paths"]["/api/v1/classes"]["post"]["requestBody"]["content"]["application/json"]


@pytest.mark.parametrize("case", ["malformed_json", "not_object", "wrong_type", "missing", "wrong_content_type"])
def test_bad_json_gets_clear_4xx(as_user, case):
    t = as_user(TEACHER_OSLO)
    if case == "malformed_json":
        r = t.post("/api/v1/classes", data=b'{"name": ', headers={"Content-Type": "application/json"})
    elif case == "not_object":
        r = t.post("/api/v1/classes", [1, 2, 3])
    elif case == "wrong_type":
        r = t.post("/api/v1/classes", {"name": 5, "grade_band": "9-10", "languages": ["en"]})
    elif case == "missing":
        r = t.post("/api/v1/classes", {"grade_band": "9-10"})
    else:
        r = t.post("/api/v1/classes", data="name=x", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert 400 <= r.status_code < 500
    body = r.json()
    assert set(body["error"]) == {"code", "message"}
    assert "Traceback" not in r.text


def test_oversize_body_is_413(as_user):
    t = as_user(TEACHER_OSLO)
    r = t.post(
        "/api/v1/classes", data=b"{" + b" " * (13 * 1024 * 1024) + b"}", headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 413


def test_unknown_route_and_wrong_method(client):
    r = client.get("/api/v1/nothing-here")
    assert r.status_code == 404 and r.get_json()["error"]["code"] == "not_found"
    r = client.get("/no/such/page", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "There is nothing here." in r.text
    r = client.delete("/api/v1/classes")
    assert r.status_code == 405 and r.get_json()["error"]["code"] == "method_not_allowed"


def test_unicode_names_survive(as_user):
    r = as_user(TEACHER_OSLO).post(
        "/api/v1/classes", {"name": "Klasse Ærø – 東京 交流", "grade_band": "9-10", "languages": "en, ja"}
    )
    assert r.status_code == 201, r.text
    assert r.json()["name"] == "Klasse Ærø – 東京 交流"


def test_cli_user_create(runner, as_user):
    out = runner.invoke(
        "user",
        "create",
        "--role",
        "teacher",
        "--email",
        "new.teacher@fjordvik.example",
        "--password",
        "teach-the-world",
        "--first-name",
        "Per",
        "--last-name",
        "Fjell",
        "--school",
        "Fjordvik School",
    )
    assert "Created teacher new.teacher@fjordvik.example" in out.output
    assert as_user("new.teacher@fjordvik.example", "teach-the-world").user["role"] == "teacher"
    dup = runner.invoke(
        "user",
        "create",
        "--role",
        "teacher",
        "--email",
        "new.teacher@fjordvik.example",
        "--password",
        "teach-the-world",
        "--school",
        "Fjordvik School",
    )
    assert dup.exit_code != 0 and "already exists" in dup.output
