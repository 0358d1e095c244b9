"""Onboarding on the web (issue 17): the platform administrator's school pages, a school's
application, school-admin and teacher invitations (one-time links, one by one or from a CSV),
and who may do each. Real pages over HTTP on one demo server: forms are posted with the CSRF
token read from the form, as a browser sends them."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone

import factories
import pytest
import requests
from support import Api

from exchange.directory import onboarding_rules as rules

PLATFORM = "platform.admin@exchange.example"  # fictional, like every name here
PASSWORD = "a-long-enough-passphrase"
SCHOOL_ADMIN = "admin@fjordvik.example"  # demo data
TEACHER = "astrid.lunde@fjordvik.example"  # demo data


class Page:
    """A browser-like session: GET a page, read its form's CSRF token, POST the form."""

    def __init__(self, base: str, http: requests.Session | None = None):
        self.base = base
        self.http = http or requests.Session()
        self.http.headers.setdefault("Accept-Language", "en")  # as a browser set to English

    def get(self, path: str) -> requests.Response:
        return self.http.get(self.base + path, timeout=30, allow_redirects=False)

    def token(self, path: str, prefix: str = "") -> str:
        r = self.get(path)
        assert r.status_code == 200, (path, r.status_code, r.text[:300])
        found = re.search(rf'name="{re.escape(prefix)}csrf_token" type="hidden" value="([^"]+)"', r.text)
        found = found or re.search(r'name="csrf_token" value="([^"]+)"', r.text)
        assert found, r.text[:500]
        return found.group(1)

    def post(
        self, path: str, data: dict, *, form: str | None = None, prefix: str = "", files=None
    ) -> requests.Response:
        fields = dict(data, **{f"{prefix}csrf_token": self.token(form or path, prefix)})
        return self.http.post(self.base + path, data=fields, files=files, timeout=30, allow_redirects=False)


def _links(html: str) -> list[str]:
    return re.findall(r'value="(http://[^"]+/invitations/[^"]+)" readonly', html)


def _text(html: str) -> str:
    """The page's text with entities read, to compare with sentences."""
    return (
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
        .replace("&#39;", "'")
        .replace("&amp;", "&")
        .replace("&quot;", '"')
    )


def _accept(server, url: str, first: str, last: str, password: str = PASSWORD) -> Api:
    """Open an invitation link in a fresh browser and accept it; returns the logged-in JSON client."""
    api = Api(server.url)
    page = Page(server.url, api.http)
    path = url.split(server.url, 1)[1]
    r = page.post(path, {"first_name": first, "last_name": last, "password": password})
    assert r.status_code == 302 and r.headers["Location"].endswith("/dashboard"), (r.status_code, r.text[:400])
    api.csrf = api.http.get(server.url + "/api/v1/auth/csrf", timeout=10).json()["csrf_token"]
    return api


def _audit_actions(server) -> list[str]:
    out = server.run_cli("audit", "export").stdout
    return [json.loads(line)["action"] for line in out.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def platform(server) -> Page:
    server.run_cli(
        "admin", "create", "--email", PLATFORM, "--password", PASSWORD, "--first-name", "Pia", "--last-name", "Platform"
    )
    return Page(server.url, Api(server.url).login(PLATFORM, PASSWORD).http)


def _login_page(server, login: str, password: str = "exchange-demo") -> Page:
    return Page(server.url, Api(server.url).login(login, password).http)


def test_platform_admin_creates_a_school_and_invites_its_admin(server, platform):
    r = platform.get("/admin/schools")
    assert r.status_code == 200 and "Fjordvik School" in r.text and "Create school" in r.text
    assert 'href="/admin/schools"' in platform.get("/dashboard").text  # the nav link
    good = {
        "name": "Kauri Bay College",
        "country": "nz",
        "region": "Northland",
        "timezone": "Pacific/Auckland",
        "languages": "en",
        "accept_terms": "y",
    }
    refusals = [
        (dict(good, timezone="Mars/Olympus"), 400, "Mars/Olympus is not a time zone name: use an IANA name such as"),
        (dict(good, country="XX"), 400, "Country must be an ISO 3166 two-letter code such as NO or KE."),
        (dict(good, languages="en, zz"), 400, "Unknown language code: zz"),
        ({k: v for k, v in good.items() if k != "accept_terms"}, 400, "Tick that the school accepts the terms of use."),
        (dict(good, name="fjordvik  school"), 409, "A school called fjordvik school already exists."),
    ]
    for data, status, sentence in refusals:
        r = platform.post("/admin/schools", data)
        assert r.status_code == status and sentence in _text(r.text), (data, r.status_code, _text(r.text)[-600:])
    r = platform.post("/admin/schools", good)
    assert r.status_code == 302, _text(r.text)[-400:]
    school_path = r.headers["Location"]
    school_id = int(school_path.rsplit("/", 1)[1])
    page = platform.get(school_path)
    assert page.status_code == 200 and "Kauri Bay College" in page.text and "No admin yet" in page.text

    invite = f"/admin/schools/{school_id}/invite-admin"
    r = platform.post(invite, {"email": "not-an-address"}, form=school_path)
    assert r.status_code == 400 and "does not look right" in _text(r.text)
    r = platform.post(invite, {"email": TEACHER}, form=school_path)
    assert r.status_code == 409 and f"An account with the e-mail address {TEACHER} already exists." in _text(r.text)
    r = platform.post(invite, {"email": "Hine.Walker@kauribay.example", "first_name": "Hine"}, form=school_path)
    assert r.status_code == 200 and 'for="invitation-link-1">Invitation link<' in r.text, r.text[-800:]
    [url] = _links(r.text)
    token = url.rsplit("/", 1)[1]
    mails = [p.read_text() for p in (server.data_dir / "outbox").glob("*.eml")]
    assert any(token in m and "hine.walker@kauribay.example" in m for m in mails)
    assert "hine.walker@kauribay.example" in platform.get(school_path).text  # listed as not used yet

    anonymous = Page(server.url)
    path = url.split(server.url, 1)[1]
    r = anonymous.get(path)
    assert r.status_code == 200 and "Become the admin of Kauri Bay College" in r.text and 'value="Hine"' in r.text
    r = anonymous.post(path, {"first_name": "Hine", "last_name": "Walker", "password": "short"})
    assert r.status_code == 400 and "Passwords must be 10 to 256 characters long." in _text(r.text)
    admin = _accept(server, url, "Hine", "Walker")
    me = admin.get("/api/v1/me").json()
    assert me["role"] == "admin" and me["school_id"] == school_id and me["email"] == "hine.walker@kauribay.example"
    assert admin.get("/dashboard", headers={"Accept": "text/html"}).status_code == 200

    used = anonymous.get(path)
    assert used.status_code == 410 and "already been used" in _text(used.text) and "Traceback" not in used.text
    forged = anonymous.get("/invitations/" + "x" * 43)
    assert forged.status_code == 404 and "This invitation link is not valid." in _text(forged.text)
    assert anonymous.get("/invitations/short").status_code == 404

    schools = Api(server.url).login(PLATFORM, PASSWORD).get("/api/v1/admin/schools").json()["schools"]
    kauri = next(s for s in schools if s["id"] == school_id)
    assert kauri["country"] == "NZ" and kauri["teachers"] == 0 and kauri["classes"] == 0
    actions = _audit_actions(server)
    assert {"school.create", "staff.invite", "staff.join"} <= set(actions)

    # who may not: a school's admin, a teacher, a student, nobody
    for who in (SCHOOL_ADMIN, TEACHER, "nora.berg"):
        page = _login_page(server, who)
        for path in ("/admin/schools", school_path):
            r = page.get(path)
            assert r.status_code == 403, (who, path, r.status_code)
            assert "Only the platform administrator" in _text(r.text) or "Your role may not do this." in _text(r.text)
        api = Api(server.url).login(who)
        r = api.post("/api/v1/admin/schools", dict(good, name="Sneaky School", terms_accepted=True))
        assert r.status_code == 403 and r.json()["error"]["message"], (who, r.text)
        r = api.post(f"/admin/schools/{school_id}/invite-admin", {})
        assert r.status_code in (400, 403)  # a JSON post carries no form token: refused either way
    school_admin = Api(server.url).login(SCHOOL_ADMIN)
    r = school_admin.get("/api/v1/admin/schools")
    assert (
        r.status_code == 403 and "Only the platform administrator can manage schools." in r.json()["error"]["message"]
    )
    assert anonymous.get("/admin/schools").status_code == 302  # to the login page
    no_token = anonymous.http.post(server.url + "/schools/apply", data=good, timeout=10)
    assert no_token.status_code == 400 and "csrf_failed" in no_token.text


def test_school_admin_invites_teachers_one_by_one_and_from_a_csv(server, platform):
    admin = _login_page(server, SCHOOL_ADMIN)
    people = admin.get("/admin/people").text
    assert 'href="/admin/people/invite"' in people and 'href="/admin/people/import"' in people
    r = admin.post("/admin/people/invite", {"email": TEACHER})
    assert r.status_code == 409 and "already exists" in _text(r.text)
    r = admin.post("/admin/people/invite", {"email": "Ola.Nordmann@fjordvik.example", "last_name": "Nordmann"})
    assert r.status_code == 200
    [url] = _links(r.text)
    teacher = _accept(server, url, "Ola", "Nordmann")
    me = teacher.get("/api/v1/me").json()
    assert me["role"] == "teacher" and me["teacher_verified"] is True and me["school_id"] == admin_school(server)
    made = teacher.post("/api/v1/classes", {"name": "8C", "grade_band": "6-8", "languages": ["en", "no"]})
    assert made.status_code == 201, made.text

    # a CSV with a byte-order mark and CRLF; line 3 is no address, line 4 repeats line 2: nothing is created
    bad = "\ufefffirst_name,last_name,email\r\nKari,Holm,kari.holm@fjordvik.example\r\nPer,Lie,per-at-fjordvik\r\n"
    bad += "Kari,Holm,KARI.HOLM@fjordvik.example\r\n"
    r = admin.post("/admin/people/import", {}, files={"file": ("teachers.csv", bad.encode("utf-8"), "text/csv")})
    text = _text(r.text)
    assert r.status_code == 400 and "Nothing was created" in text, text[-800:]
    assert "Line 3: per-at-fjordvik is not an e-mail address." in text
    assert "Line 4: kari.holm@fjordvik.example is already on line 2." in text
    assert "kari.holm@fjordvik.example" not in admin.get("/admin/people/invite").text
    r = admin.post("/admin/people/import", {}, files={"file": ("t.csv", b"name,email\nKari,k@x.example\n", "text/csv")})
    assert r.status_code == 400 and "Line 1: the first line must name the columns" in _text(r.text)
    r = admin.post("/admin/people/import", {}, files={"file": ("t.csv", "ø".encode("latin-1"), "text/csv")})
    assert r.status_code == 400 and "not UTF-8" in _text(r.text)
    many = "first_name,last_name,email\n" + "".join(f"T{i},Lee,t{i}@fjordvik.example\n" for i in range(501))
    r = admin.post("/admin/people/import", {}, files={"file": ("t.csv", many.encode(), "text/csv")})
    assert r.status_code == 400 and "The file has 501 rows; at most 500" in _text(r.text)

    good = "\ufeffEmail,First_Name,Last_Name\r\nkari.holm@fjordvik.example,Kari,Holm\r\n\r\nper.lie@fjordvik.example,Per,\r\n"
    r = admin.post("/admin/people/import", {}, files={"file": ("teachers.csv", good.encode("utf-8"), "text/csv")})
    assert r.status_code == 200 and "2 invitations created" in r.text, _text(r.text)[-600:]
    links = _links(r.text)
    assert len(links) == 2 and "Invitation link for kari.holm@fjordvik.example" in r.text
    per = _accept(server, links[1], "Per", "Lie")
    assert per.get("/api/v1/me").json()["email"] == "per.lie@fjordvik.example"

    api = Api(server.url).login(SCHOOL_ADMIN)
    r = api.post("/api/v1/admin/invitations", {"email": "siri.dahl@fjordvik.example", "first_name": "Siri"})
    assert r.status_code == 201 and "/invitations/" in r.json()["url"], r.text
    assert api.post("/api/v1/admin/invitations", {"email": "nope"}).json()["error"]["code"] == "invalid_email"

    # who may not: a teacher, a student, the platform administrator (a school's admin invites its teachers)
    for page, sentence in (
        (_login_page(server, TEACHER), "Your role may not do this."),
        (_login_page(server, "nora.berg"), "Your role may not do this."),
        (platform, "Teachers are invited by their school's admin."),
    ):
        for path in ("/admin/people/invite", "/admin/people/import"):
            r = page.get(path)
            assert r.status_code == 403 and sentence in _text(r.text), (path, r.status_code)
    r = Api(server.url).login(TEACHER).post("/api/v1/admin/invitations", {"email": "x@fjordvik.example"})
    assert r.status_code == 403


def admin_school(server) -> int:
    return Api(server.url).login(SCHOOL_ADMIN).get("/api/v1/me").json()["school_id"]


def test_a_school_applies_and_the_platform_administrator_decides(server, platform):
    visitor = Page(server.url)
    assert "Send application" in visitor.get("/schools/apply").text
    form = {
        "name": "Baobab Hill School",
        "country": "TZ",
        "region": "Arusha",
        "timezone": "Africa/Dar_es_Salaam",
        "languages": "sw, en",
        "first_name": "Neema",
        "last_name": "Mollel",
        "email": "neema.mollel@baobabhill.example",
        "accept_terms": "y",
    }
    r = visitor.post("/schools/apply", {k: v for k, v in form.items() if k != "accept_terms"})
    assert r.status_code == 400 and "Please read and accept the terms of use to apply." in _text(r.text)
    r = visitor.post("/schools/apply", dict(form, country="XX"))
    assert r.status_code == 400 and "Country must be an ISO 3166 two-letter code such as NO or KE." in _text(r.text)
    r = visitor.post("/schools/apply", form)
    assert r.status_code == 200 and "your application is sent" in _text(r.text), _text(r.text)[-500:]
    r = visitor.post("/schools/apply", dict(form, name="Mango Tree School", email="amos@mangotree.example"))
    assert r.status_code == 200

    page = platform.get("/admin/schools").text
    assert "Baobab Hill School" in page and "Mango Tree School" in page
    ids = dict(re.findall(r'/admin/applications/(\d+)/approve".*?Approve ([^<]+)</button>', page, re.S))
    by_name = {name.strip(): int(i) for i, name in ids.items()}
    mango, baobab = by_name["Mango Tree School"], by_name["Baobab Hill School"]

    decline = f"/admin/applications/{mango}/decline"
    r = platform.post(
        decline,
        {f"decline{mango}-reason": "Not a school: a holiday camp."},
        form="/admin/schools",
        prefix=f"decline{mango}-",
    )
    assert r.status_code == 302
    mails = [p.read_text() for p in (server.data_dir / "outbox").glob("*.eml")]
    assert any("amos@mangotree.example" in m and "Not a school: a holiday camp." in m for m in mails)
    approve = f"/admin/applications/{baobab}/approve"
    r = platform.post(approve, {}, form="/admin/schools")
    assert r.status_code == 200 and "Baobab Hill School is approved" in r.text, _text(r.text)[-500:]
    [url] = _links(r.text)
    after = platform.get("/admin/schools").text
    assert "Mango Tree School" not in after and "No applications are waiting" in after
    assert platform.post(approve, {}, form="/admin/schools").status_code == 409
    neema = _accept(server, url, "Neema", "Mollel")
    me = neema.get("/api/v1/me").json()
    assert me["role"] == "admin" and me["email"] == "neema.mollel@baobabhill.example" and me["school_id"]
    actions = _audit_actions(server)
    assert {"school.apply", "school.application.approve", "school.application.decline"} <= set(actions)

    # non-admins cannot decide
    teacher = _login_page(server, TEACHER)
    for path in (approve, decline):
        r = teacher.post(path, {}, form="/dashboard")
        assert r.status_code == 403 and "Your role may not do this." in _text(r.text), (path, r.status_code)

    # rate limited like the other public forms: five applications an hour from one address
    statuses = [visitor.post("/schools/apply", dict(form, name=f"School {i}")).status_code for i in range(5)]
    assert statuses[-1] == 429, statuses
    r = visitor.post("/schools/apply", dict(form, name="One More School"))
    assert r.status_code == 429 and "Too many applications from this network." in _text(r.text)
    assert r.headers.get("Retry-After")


def test_rules_of_tokens_and_csv_without_a_server():
    token, hashed = rules.new_token()
    assert rules.token_hash(token) == hashed and len(token) >= 40 and token not in hashed
    now = datetime(2027, 2, 17, 8, 30, tzinfo=timezone.utc)
    assert (
        rules.invitation_problem(expires_at=now - timedelta(seconds=1), used_at=None, now=now) == "invitation_expired"
    )
    assert rules.invitation_problem(expires_at=now + timedelta(days=1), used_at=now, now=now) == "invitation_used"
    assert rules.invitation_problem(expires_at=now + timedelta(days=1), used_at=None, now=now) is None
    rows, problems = rules.read_teacher_csv(b"first_name,last_name,email\n,Holm,a@b.example\nA,B,c@d.example,extra\n")
    assert rows == [] and [(p.line, p.code) for p in problems] == [(2, "bad_first_name"), (3, "wrong_columns")]
    rows, problems = rules.read_teacher_csv('first_name,last_name,email\n"Ås, Jr",Øy,ÅS@Fjord.example\n'.encode())
    assert problems == [] and rows == [rules.CsvRow(2, "Ås, Jr", "Øy", "ås@fjord.example")]
    assert rules.read_teacher_csv(b"")[1][0].code == "csv_empty"
    assert rules.read_teacher_csv(b"first_name,last_name,email\n")[1][0].code == "csv_empty"


def test_an_expired_link_says_so_in_process(db_session, client):
    """The expiry as a page (410 and a sentence), on an in-process app: no server's clock to wind on."""
    # why: the end-to-end tests above are collected without Flask; this one test brings the app in
    from exchange.db import utcnow
    from exchange.directory.models import StaffInvitation

    school = factories.school()
    admin = factories.user("admin", school_of=school)
    token, hashed = rules.new_token()
    db_session.add(
        StaffInvitation(
            school_id=school.id,
            role="teacher",
            email="late.comer@school.example",
            token_hash=hashed,
            created_by=admin.id,
            created_at=utcnow() - timedelta(days=15),
            expires_at=utcnow() - timedelta(days=1),
        )
    )
    db_session.commit()
    r = client.get(f"/invitations/{token}")
    assert r.status_code == 410 and "This invitation has expired." in r.get_data(as_text=True)
    r = client.get("/invitations/" + "y" * 43)
    assert r.status_code == 404
