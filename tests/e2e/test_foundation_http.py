"""The foundation over real HTTP: login and throttling, classes and join codes, admin
verification, the authorisation layer, the JSON API and its OpenAPI document, bad input."""
from __future__ import annotations

import re
import uuid

import pytest
import requests
from conftest import ADMIN_OSLO, ADMIN_SYDNEY, MODERATOR, TEACHER_NAIROBI, TEACHER_OSLO, TEACHER_SYDNEY, EXPERT
from support import Api


def test_healthz_checks_database(server):
    r = requests.get(server.url + "/healthz", timeout=5)
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "database": "ok"}


def test_login_page_sets_safe_cookie_and_csp(server):
    http = requests.Session()
    page = http.get(server.url + "/login", timeout=5)
    assert page.status_code == 200 and 'name="csrf_token"' in page.text
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text).group(1)
    r = http.post(server.url + "/login", data={"csrf_token": token, "login": TEACHER_OSLO, "password": "exchange-demo"},
                  allow_redirects=False, timeout=10)
    assert r.status_code == 302 and r.headers["Location"].endswith("/dashboard")
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    dash = http.get(server.url + "/dashboard", timeout=5)
    assert "Hello, Astrid" in dash.text and "What to do next" in dash.text


def test_form_without_csrf_token_is_refused(server):
    r = requests.post(server.url + "/login", data={"login": TEACHER_OSLO, "password": "exchange-demo"}, timeout=5)
    assert r.status_code == 400
    assert "expired or was sent from elsewhere" in r.text


def test_api_write_without_csrf_header_is_refused(server):
    http = requests.Session()
    r = http.post(server.url + "/api/v1/auth/login", json={"login": TEACHER_OSLO, "password": "exchange-demo"}, timeout=5)
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "csrf_failed"


def test_wrong_password_then_throttled(server):
    client = Api(server.url)
    client.csrf = client.http.get(server.url + "/api/v1/auth/csrf").json()["csrf_token"]
    who = TEACHER_NAIROBI
    codes = [client.post("/api/v1/auth/login", {"login": who, "password": "not-the-password"}).status_code for _ in range(5)]
    assert codes == [401, 401, 401, 401, 401]
    r = client.post("/api/v1/auth/login", {"login": who, "password": "exchange-demo"})
    assert r.status_code == 429 and r.json()["error"]["code"] == "login_throttled"


def test_logout_ends_the_session(api):
    t = api(TEACHER_OSLO)
    assert t.get("/api/v1/me").status_code == 200
    assert t.post("/api/v1/auth/logout").status_code == 200
    r = t.get("/api/v1/me")
    assert r.status_code == 401 and r.json()["error"]["code"] == "login_required"


def test_teacher_creates_class_student_joins_teacher_approves(api, server):
    teacher = api(TEACHER_OSLO)
    r = teacher.post("/api/v1/classes", {"name": "10C Ocean Club", "grade_band": "9-10", "languages": ["en", "no"],
                                         "topics": ["oceans"], "day_start": "08:15", "day_end": "14:30"})
    assert r.status_code == 201, r.text
    cls = r.json()
    code = cls["join_code"]
    assert re.fullmatch(r"[A-Z2-9]{8}", code)
    student = Api(server.url)
    student.csrf = student.http.get(server.url + "/api/v1/auth/csrf").json()["csrf_token"]
    username = "kari" + uuid.uuid4().hex[:6]
    r = student.post("/api/v1/join", {"code": code.lower(), "username": username, "password": "a-long-password",
                                      "first_name": "Kari", "last_name": "Nordmann"})
    assert r.status_code == 201, r.text
    assert r.json()["status"] == "pending"
    student.login(username, "a-long-password")
    assert student.get("/api/v1/classes").json()["classes"] == []
    members = teacher.get(f"/api/v1/classes/{cls['id']}/members").json()["members"]
    pending = [m for m in members if m["status"] == "pending"]
    assert len(pending) == 1 and pending[0]["student"]["name"] == "Kari Nordmann"
    assert teacher.post(f"/api/v1/memberships/{pending[0]['membership_id']}/approve").json()["status"] == "approved"
    mine = student.get("/api/v1/classes").json()["classes"]
    assert [c["name"] for c in mine] == ["10C Ocean Club"]
    assert "join_code" not in mine[0]  # only those who manage the class see its code


def test_wrong_join_code_is_clear(server):
    c = Api(server.url)
    c.csrf = c.http.get(server.url + "/api/v1/auth/csrf").json()["csrf_token"]
    r = c.post("/api/v1/join", {"code": "NOPE1234", "username": "someone", "password": "a-long-password",
                                "first_name": "Ola", "last_name": "Test"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_join_code"


def test_other_teacher_cannot_approve_or_see_members(api):
    oslo = api(TEACHER_OSLO)
    cls = oslo.get("/api/v1/classes").json()["classes"][0]
    sydney = api(TEACHER_SYDNEY)
    r = sydney.get(f"/api/v1/classes/{cls['id']}/members")
    assert r.status_code == 403 and r.json()["error"]["message"]


def test_admin_verifies_teacher_of_own_school_only(api):
    nairobi_admin = api("admin@jacaranda.example")
    teachers = nairobi_admin.get("/api/v1/admin/teachers").json()["teachers"]
    amani = next(t for t in teachers if t["name"] == "Amani Wanjiru")
    assert amani["verified"] is False
    assert nairobi_admin.post(f"/api/v1/admin/teachers/{amani['id']}/verify").json()["verified"] is True
    oslo_admin = api(ADMIN_OSLO)
    r = oslo_admin.post(f"/api/v1/admin/teachers/{amani['id']}/verify")
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_your_school"


def test_admin_creates_moderator(api, server):
    admin = api(ADMIN_SYDNEY)
    email = f"mod-{uuid.uuid4().hex[:6]}@wattlecreek.example"
    r = admin.post("/api/v1/admin/moderators", {"email": email, "password": "moderate-well-1", "first_name": "Tess",
                                                "last_name": "Moss"})
    assert r.status_code == 201 and r.json()["role"] == "moderator"
    assert Api(server.url).login(email, "moderate-well-1").user["role"] == "moderator"


# The authorisation matrix: every role against the routes that need a particular role.
MATRIX = [
    ("get", "/api/v1/admin/teachers", {ADMIN_OSLO: 200, TEACHER_OSLO: 403, "nora.berg": 403, MODERATOR: 403, EXPERT: 403}),
    ("post", "/api/v1/admin/moderators", {TEACHER_OSLO: 403, "nora.berg": 403, MODERATOR: 403, EXPERT: 403}),
    ("post", "/api/v1/classes", {"nora.berg": 403, MODERATOR: 403, EXPERT: 403, ADMIN_OSLO: 403}),
    ("get", "/api/v1/classes", {TEACHER_OSLO: 200, "nora.berg": 200, ADMIN_OSLO: 200, EXPERT: 403}),
    ("get", "/api/v1/rooms", {TEACHER_OSLO: 200, "nora.berg": 200, MODERATOR: 200, EXPERT: 200}),
    ("get", "/api/v1/me", {TEACHER_OSLO: 200, "nora.berg": 200, MODERATOR: 200, EXPERT: 200, ADMIN_OSLO: 200}),
]


@pytest.mark.parametrize("method,path,expected", MATRIX, ids=[m[1] + ":" + m[0] for m in MATRIX])
def test_authorisation_matrix(api, server, method, path, expected):
    anonymous = Api(server.url)
    anonymous.csrf = anonymous.http.get(server.url + "/api/v1/auth/csrf").json()["csrf_token"]
    r = getattr(anonymous, method)(path) if method == "get" else anonymous.post(path, {})
    assert r.status_code == 401 and r.json()["error"]["code"] == "login_required"
    for who, status in expected.items():
        client = api(who)
        r = client.get(path) if method == "get" else client.post(path, {})
        if status == 403:
            assert r.status_code == 403, (who, r.text)
            assert r.json()["error"]["code"] == "forbidden" and r.json()["error"]["message"]
        else:
            assert r.status_code == status, (who, r.text)


def test_forbidden_page_is_html_not_500(server):
    http = requests.Session()
    page = http.get(server.url + "/login", timeout=5)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.text).group(1)
    http.post(server.url + "/login", data={"csrf_token": token, "login": "nora.berg", "password": "exchange-demo"}, timeout=10)
    r = http.get(server.url + "/admin/people", timeout=5)
    assert r.status_code == 403
    assert r.headers["Content-Type"].startswith("text/html") and "Your role may not do this." in r.text


def test_openapi_document_lists_every_api_route(api, server):
    doc = requests.get(server.url + "/api/v1/openapi.json", timeout=5).json()
    assert doc["openapi"].startswith("3.")
    for path in ("/api/v1/auth/login", "/api/v1/classes", "/api/v1/classes/{class_id}/members", "/api/v1/rooms",
                 "/api/v1/rooms/{room_id}/mute", "/api/v1/join", "/api/v1/admin/teachers"):
        assert path in doc["paths"], path
    assert "post" in doc["paths"]["/api/v1/classes"]
    assert doc["paths"]["/api/v1/classes"]["post"]["requestBody"]["content"]["application/json"]


@pytest.mark.parametrize("case", ["malformed_json", "not_object", "wrong_type", "missing", "wrong_content_type"])
def test_bad_json_gets_clear_4xx(api, case):
    t = api(TEACHER_OSLO)
    headers = {"X-CSRFToken": t.csrf, "Accept": "application/json"}
    url = t.base + "/api/v1/classes"
    if case == "malformed_json":
        r = t.http.post(url, data=b'{"name": ', headers=dict(headers, **{"Content-Type": "application/json"}))
    elif case == "not_object":
        r = t.post("/api/v1/classes", [1, 2, 3])
    elif case == "wrong_type":
        r = t.post("/api/v1/classes", {"name": 5, "grade_band": "9-10", "languages": ["en"]})
    elif case == "missing":
        r = t.post("/api/v1/classes", {"grade_band": "9-10"})
    else:
        r = t.http.post(url, data="name=x", headers=dict(headers, **{"Content-Type": "application/x-www-form-urlencoded"}))
    assert 400 <= r.status_code < 500
    body = r.json()
    assert set(body["error"]) == {"code", "message"}
    assert "Traceback" not in r.text


def test_oversize_body_is_413(api):
    t = api(TEACHER_OSLO)
    r = t.http.post(t.base + "/api/v1/classes", data=b"{" + b" " * (13 * 1024 * 1024) + b"}",
                    headers={"X-CSRFToken": t.csrf, "Content-Type": "application/json", "Accept": "application/json"})
    assert r.status_code == 413


def test_unknown_route_and_wrong_method(server):
    r = requests.get(server.url + "/api/v1/nothing-here", timeout=5)
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    r = requests.get(server.url + "/no/such/page", timeout=5, headers={"Accept": "text/html"})
    assert r.status_code == 404 and "There is nothing here." in r.text
    r = requests.delete(server.url + "/api/v1/classes", timeout=5)
    assert r.status_code == 405 and r.json()["error"]["code"] == "method_not_allowed"


def test_unicode_names_survive(api, server):
    teacher = api(TEACHER_OSLO)
    r = teacher.post("/api/v1/classes", {"name": "Klasse Ærø – 東京 交流", "grade_band": "9-10", "languages": "en, ja"})
    assert r.status_code == 201, r.text
    assert r.json()["name"] == "Klasse Ærø – 東京 交流"


def test_cli_user_create(server):
    out = server.run_cli("user", "create", "--role", "teacher", "--email", "new.teacher@fjordvik.example",
                         "--password", "teach-the-world", "--first-name", "Per", "--last-name", "Fjell")
    assert "Created teacher new.teacher@fjordvik.example" in out.stdout
    assert Api(server.url).login("new.teacher@fjordvik.example", "teach-the-world").user["role"] == "teacher"
    dup = server.run_cli("user", "create", "--role", "teacher", "--email", "new.teacher@fjordvik.example",
                         "--password", "teach-the-world", check=False)
    assert dup.returncode != 0 and "already taken" in dup.stderr
