"""Single sign-on with a school's OpenID Connect provider (issue 19), end to end: our server as a
user runs it, and a real provider (Authlib's server side, `tests/oidc_provider.py`) on 127.0.0.1.

The Oslo demo school's admin connects the provider on /admin/sign-in (HTTP form, with its CSRF
token); then people sign in through it. Every refusal is a page with one clear sentence and no
session; the happy path lands on the dashboard of the right account.
"""

from __future__ import annotations

import re

import pytest
import requests
from sqlalchemy import create_engine, text

from conftest import TEACHER_OSLO, new_context
from oidc_support import sign_in, start_provider
from support import DEMO_PASSWORD, ENGLISH, Api, ServerProcess, iso_z, suite_now

# The refusals are decided before or beside the database: once, on SQLite. Linking (a row with a unique
# subject) and the stored secret run on PostgreSQL too.
ONCE = pytest.mark.sqlite_only

CLIENT_ID = "fjordvik-exchange"
CLIENT_SECRET = "fjordvik-secret-7c2e9d41"
PASSWORD = "correct horse"


def person(username, sub, email, given, family, **extra):
    return {
        "username": username,
        "password": PASSWORD,
        "sub": sub,
        "email": email,
        "email_verified": extra.pop("email_verified", True),
        "given_name": given,
        "family_name": family,
        "extra_claims": extra.pop("extra_claims", {}),
        "fault": extra.pop("fault", None),
    }


@pytest.fixture(scope="module")
def server():
    srv = ServerProcess().start()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def provider(server):
    config = {
        "now": iso_z(suite_now()),  # the provider's clock is the suite's, as our server's is
        "clients": [
            {
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
                "redirect_uris": [server.url + "/login/sso/callback"],
            },
            {"client_id": "another-school-app", "client_secret": "other-secret-3b9d", "redirect_uris": []},
        ],
        "users": [
            person("astrid", "fjordvik-0001", TEACHER_OSLO, "Astrid", "Lunde"),
            person("lars", "fjordvik-0002", "lars.berg@fjordvik.example", "Lars", "Berg"),
            person("unverified", "fjordvik-0003", "astrid.lunde@fjordvik.example", "A", "L", email_verified=False),
            person("outsider", "elsewhere-0004", "noor.haddad@elsewhere.example", "Noor", "Haddad"),
            person(
                "newcomer",
                "fjordvik-0005",
                "siri.moe@fjordvik.example",
                "Siri",
                "Moe",
                extra_claims={"roles": ["teacher"]},
            ),
            person("suspended", "fjordvik-0006", "tor.vik@fjordvik.example", "Tor", "Vik"),
            person("wrong_audience", "fjordvik-0007", TEACHER_OSLO, "Astrid", "Lunde", fault="wrong_audience"),
            person("expired", "fjordvik-0008", TEACHER_OSLO, "Astrid", "Lunde", fault="expired"),
            person("bad_signature", "fjordvik-0009", TEACHER_OSLO, "Astrid", "Lunde", fault="bad_signature"),
        ],
    }
    with start_provider(config) as running:
        yield running


def csrf_of(page: str) -> str:
    found = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page)
    assert found, page[:500]
    return found.group(1)


def admin_session(server) -> requests.Session:
    http = requests.Session()
    http.headers["Accept-Language"] = ENGLISH
    page = http.get(server.url + "/login").text
    r = http.post(
        server.url + "/login",
        data={"csrf_token": csrf_of(page), "login": "admin@fjordvik.example", "password": DEMO_PASSWORD},
    )
    assert r.status_code == 200 and "Log out" in r.text, r.text[:300]
    return http


@pytest.fixture(scope="module")
def provider_id(server, provider):
    """The school admin connects the provider: only people the school already has may sign in."""
    admin = admin_session(server)
    page = admin.get(server.url + "/admin/sign-in")
    assert page.status_code == 200 and server.url + "/login/sso/callback" in page.text
    form = {
        "csrf_token": csrf_of(page.text),
        "preset": "other",
        "name": "Fjordvik Login",
        "issuer": provider.issuer,
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "domains": "fjordvik.example",
        "role_rule": "roster",
        "role_claim": "roles",
        "fixed_role": "teacher",
    }
    r = admin.post(server.url + "/admin/sign-in", data=form)
    assert r.status_code == 200 and "Sign-in provider added" in r.text, r.text[:500]
    assert CLIENT_SECRET not in r.text  # the secret is never shown back
    found = re.search(r"/admin/sign-in/(\d+)/enabled", r.text)
    assert found
    return int(found.group(1))


def sso(server, provider_id: int, username: str, password: str = PASSWORD):
    """Sign in through the provider as `username`; the final response and the session."""
    http = requests.Session()
    http.headers["Accept-Language"] = ENGLISH
    start = http.get(f"{server.url}/login/sso/{provider_id}", allow_redirects=False)
    assert start.status_code == 302, start.text[:300]
    callback = sign_in(http, start.headers["Location"], username, password)
    assert callback.startswith(server.url + "/login/sso/callback?")
    return http, http.get(callback), callback


def signed_in_as(http, server) -> dict | None:
    r = http.get(server.url + "/api/v1/me", headers={"Accept": "application/json"})
    return r.json() if r.status_code == 200 else None


def test_a_teacher_the_school_has_signs_in_and_is_linked_by_subject(server, provider_id):
    http, page, _ = sso(server, provider_id, "astrid")
    assert page.status_code == 200 and page.url.endswith("/dashboard"), page.url
    me = signed_in_as(http, server)
    assert me["email"] == TEACHER_OSLO and me["role"] == "teacher"


@ONCE
def test_a_replayed_callback_is_refused(server, provider_id):
    http, page, callback = sso(server, provider_id, "astrid")
    assert page.url.endswith("/dashboard")
    again = requests.Session()
    again.headers["Accept-Language"] = ENGLISH
    r = again.get(callback)  # the same code and state, from another browser
    assert r.status_code == 400 and "already used or has expired" in r.text
    assert signed_in_as(again, server) is None


@ONCE
def test_a_state_that_is_not_ours_is_refused(server, provider_id, provider):
    http = requests.Session()
    http.headers["Accept-Language"] = ENGLISH
    start = http.get(f"{server.url}/login/sso/{provider_id}", allow_redirects=False)
    callback = sign_in(http, start.headers["Location"], "astrid", PASSWORD)
    forged = re.sub(r"state=[^&]+", "state=forged-state", callback)
    r = http.get(forged)
    assert r.status_code == 400 and "does not match the sign-in you started" in r.text
    assert signed_in_as(http, server) is None


@ONCE
@pytest.mark.parametrize(
    ("username", "status", "sentence"),
    [
        ("wrong_audience", 403, "meant for another service"),
        ("expired", 403, "has expired"),
        ("bad_signature", 403, "signature could not be checked"),
        ("unverified", 403, "has not verified your e-mail address"),
        ("outsider", 403, "Addresses at elsewhere.example may not sign in"),
        ("newcomer", 403, "has not given you an account here yet"),
    ],
)
def test_refusals_are_clear_and_open_no_session(server, provider_id, username, status, sentence):
    http, page, _ = sso(server, provider_id, username)
    assert page.status_code == status, page.text[:300]
    assert sentence in page.text
    assert "Traceback" not in page.text
    assert signed_in_as(http, server) is None


@ONCE
def test_a_suspended_account_is_refused_whatever_the_provider_says(server, provider_id):
    # Set-up: the school has Tor's account (made by hand), then suspends it.
    server.run_cli(
        "user",
        "create",
        "--role",
        "teacher",
        "--email",
        "tor.vik@fjordvik.example",
        "--password",
        "a-long-password-1",
        "--first-name",
        "Tor",
        "--last-name",
        "Vik",
        "--school",
        "Fjordvik School",
    )
    engine = create_engine(server.database_url)
    with engine.begin() as db:
        db.execute(text("UPDATE users SET status = 'suspended' WHERE email = 'tor.vik@fjordvik.example'"))
    engine.dispose()
    http, page, _ = sso(server, provider_id, "suspended")
    assert page.status_code == 403 and "This account is suspended" in page.text
    assert signed_in_as(http, server) is None


@ONCE
def test_the_same_person_at_another_provider_subject_is_not_linked_by_address(server, provider_id):
    """Astrid is linked by her subject: a different subject with her address (an unverified one) is refused."""
    sso(server, provider_id, "astrid")
    http, page, _ = sso(server, provider_id, "unverified")
    assert page.status_code == 403 and signed_in_as(http, server) is None


def test_the_secret_is_stored_encrypted(server, provider_id):
    engine = create_engine(server.database_url)
    with engine.connect() as db:
        stored = db.execute(
            text("SELECT client_secret_encrypted FROM sign_in_providers WHERE id = :i"), {"i": provider_id}
        ).scalar_one()
    engine.dispose()
    assert stored and CLIENT_SECRET not in stored and stored.startswith("gAAAA")  # a Fernet token


@ONCE
def test_only_a_school_admin_reaches_the_provider_page(server, api):
    teacher = api(TEACHER_OSLO)
    r = teacher.get("/admin/sign-in", headers={"Accept": "text/html"})
    assert r.status_code == 403


def test_chromium_teacher_clicks_sign_in_with_and_lands_on_his_dashboard(server, provider_id, browser):
    """Lars's account was made by his school (by hand here; by the roster in a district): the first
    sign-in links it by his verified address at the school's domain, and he lands at home."""
    server.run_cli(
        "user",
        "create",
        "--role",
        "teacher",
        "--email",
        "lars.berg@fjordvik.example",
        "--password",
        "a-long-password-2",
        "--first-name",
        "Lars",
        "--last-name",
        "Berg",
        "--school",
        "Fjordvik School",
    )
    context = new_context(browser, locale="en-GB")
    page = context.new_page()
    try:
        page.goto(server.url + "/login")
        page.get_by_role("link", name=re.compile("Sign in with Fjordvik Login")).click()
        page.get_by_label("Username").fill("lars")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(re.compile(r"/dashboard$"))
        header = page.locator("header .who").inner_text()
        assert "Lars Berg" in header and "teacher" in header
        me = context.request.get(server.url + "/api/v1/me", headers={"Accept": "application/json"}).json()
        astrid = Api(server.url).login(TEACHER_OSLO).user
        assert me["role"] == "teacher" and me["school_id"] == astrid["school_id"]  # Fjordvik's
    finally:
        context.close()


@ONCE
def test_a_provider_that_does_not_answer_is_a_clear_page(server, provider_id):
    """A school's provider that is down (here: nothing listens on its port): one sentence, no session."""
    from support import free_port

    admin = admin_session(server)
    page = admin.get(server.url + "/admin/sign-in").text
    r = admin.post(
        server.url + "/admin/sign-in",
        data={
            "csrf_token": csrf_of(page),
            "preset": "other",
            "name": "Down Login",
            "issuer": f"http://127.0.0.1:{free_port()}",
            "client_id": "down",
            "client_secret": "down-secret-1",
            "domains": "fjordvik.example",
            "role_rule": "roster",
            "role_claim": "roles",
            "fixed_role": "teacher",
        },
    )
    down = int(re.findall(r"/admin/sign-in/(\d+)/enabled", r.text)[-1])
    http = requests.Session()
    http.headers["Accept-Language"] = ENGLISH
    r = http.get(f"{server.url}/login/sso/{down}", allow_redirects=False)
    assert r.status_code == 502 and "could not be reached. Try again in a minute." in r.text
    assert "Traceback" not in r.text and signed_in_as(http, server) is None
    # the admin turns it off: its button leaves the login page
    page = admin.get(server.url + "/admin/sign-in").text
    admin.post(f"{server.url}/admin/sign-in/{down}/enabled", data={"csrf_token": csrf_of(page), "enabled": "0"})
    assert "Down Login" not in http.get(server.url + "/login").text
    assert http.get(f"{server.url}/login/sso/{down}").status_code == 404
