"""Issue 22, the outreach log and the awareness survey, on a running demo server: who sees which schools'
outreach (the district every school, a school's admin their own, nobody else); the page's, the API's and
the CSV's figures match the rows recorded; the awareness survey answered by a demo family and a demo
community partner's contact and seen in the results by school; a blocked comment refused; answering again
in the same term replaces the answer. In Chromium: a guardian answers on the page and the school's
administrator sees the count go up."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import datetime, time, timedelta, timezone

import pytest
from sqlalchemy import create_engine, insert, text

from conftest import ADMIN_OSLO, ADMIN_SYDNEY, EXPERT, MODERATOR, TEACHER_OSLO, new_context
from support import DEMO_PASSWORD, Api

from exchange.outreach.models import OutreachEvent

GUARDIAN = "guardian.berg@home.example"  # exchange/demo/guardians.py
PARTNER = "henrik.solberg@auroramuseum.example"  # the museum's contact (tests/security/world.py)
EXPERT_CLEARED = "kofi.mensah@skylab.example"  # an expert who acts for no organisation
PLATFORM_ADMIN = "platform.outreach@exchange.example"
PLATFORM_PASSWORD = "platform-outreach-pass-1"
FAMILY_PASSWORD = "a-long-guardian-password"
SCALES = {"exchanges": 3, "reach": 4, "safety": 2, "partners": 1, "useful": 4}


@pytest.fixture(scope="module")
def district(server) -> str:
    made = server.run_cli("admin", "create", "--email", PLATFORM_ADMIN, "--password", PLATFORM_PASSWORD, check=False)
    assert made.returncode == 0 or "already" in made.stderr.lower(), made.stderr
    return PLATFORM_ADMIN


def _schools(server) -> dict[str, int]:
    engine = create_engine(server.database_url)
    with engine.connect() as db:
        found = dict(db.execute(text("SELECT name, id FROM schools")).all())
    engine.dispose()
    return found


def _refused(response, words: str) -> None:
    assert response.status_code == 403, response.text
    assert words in response.json()["error"]["message"]


def test_the_district_sees_every_school_a_school_admin_their_own_and_nobody_else_any(server, api, district):
    schools = _schools(server)
    oslo, sydney = schools["Fjordvik School"], schools["Wattle Creek High School"]
    platform = api(district, PLATFORM_PASSWORD)
    everything = platform.get("/api/v1/outreach").json()
    assert everything["school"] is None
    assert {s["name"] for s in everything["schools"]} >= {"Fjordvik School", "Wattle Creek High School"}
    assert everything["total"]["deliveries"] > 0  # the demo's three months
    assert set(everything["total"]["by_channel"]) == {"email", "sms", "paper", "web"}
    paper = next(r for r in everything["total"]["rates"] if r["channel"] == "paper")
    assert paper["measured"] is False and paper["read_rate"] is None
    one = platform.get(f"/api/v1/outreach?school={sydney}").json()
    assert one["school"] == sydney and [s["id"] for s in one["schools"]] == [sydney]
    page = platform.get("/outreach", headers={"Accept": "text/html"})
    assert page.status_code == 200 and 'id="outreach-schools"' in page.text and "Wattle Creek High School" in page.text

    admin = api(ADMIN_OSLO)
    own = admin.get("/api/v1/outreach").json()
    assert own["school"] == oslo and [s["id"] for s in own["schools"]] == [oslo]
    r = admin.get(f"/api/v1/outreach?school={sydney}")
    _refused(r, "their own school")
    page = admin.get("/outreach", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Fjordvik School" in page.text and "Wattle Creek" not in page.text

    for who in (TEACHER_OSLO, MODERATOR, EXPERT, GUARDIAN, "nora.berg"):
        client = api(who)
        for path in ("/api/v1/outreach", "/outreach.csv", "/outreach/charts/channels.svg"):
            assert client.get(path).status_code == 403, (who, path)
        page = client.get("/outreach", headers={"Accept": "text/html"})
        assert page.status_code == 403 and "may not" in page.text, who
    assert Api(server.url).get("/api/v1/outreach").status_code == 401


def test_the_figures_match_the_rows_recorded(server, api, district):
    """Rows written into a quiet week a year ago (no demo outreach there): the page, the API and the CSV
    show exactly them."""
    oslo = _schools(server)["Fjordvik School"]
    day = (server.now() - timedelta(days=400)).date()
    sent = datetime.combine(day, time(9), tzinfo=timezone.utc)
    rows = [  # (channel, kind, audience, language, ref, read, replied)
        ("email", "announcement", "family", "nb", "live:announcement:1", True, False),
        ("email", "announcement", "family", "nb", "live:announcement:1", True, True),
        ("email", "announcement", "family", "nb", "live:announcement:1", False, False),
        ("email", "announcement", "family", "en", "live:announcement:1", False, False),
        ("paper", "letter", "family", "nb", "live:letter:1", False, False),
        ("paper", "letter", "family", "nb", "live:letter:1", False, False),
        ("sms", "text", "family", "sw", "live:text:1", False, True),
        ("email", "partner", "community", "en", "live:partner:1", False, False),
    ]
    engine = create_engine(server.database_url)
    with engine.begin() as db:
        for channel, kind, audience, language, ref, read, replied in rows:
            db.execute(
                insert(OutreachEvent.__table__).values(
                    sent_at=sent,
                    school_id=oslo,
                    channel=channel,
                    audience=audience,
                    kind=kind,
                    language=language,
                    ref=ref,
                    read_at=sent if read else None,
                    replied_at=sent if replied else None,
                )
            )
    engine.dispose()
    period = f"from={(day - timedelta(days=3)).isoformat()}&to={(day + timedelta(days=3)).isoformat()}"  # one week
    admin = api(ADMIN_OSLO)
    found = admin.get(f"/api/v1/outreach?{period}").json()
    total = found["total"]
    assert (total["deliveries"], total["sends"], total["sends_per_week"]) == (8, 4, 4.0)
    assert total["by_channel"] == {"email": 5, "sms": 1, "paper": 2}
    assert total["by_kind"] == {"announcement": 4, "letter": 2, "text": 1, "partner": 1}
    assert total["by_audience"] == {"family": 7, "community": 1}
    assert total["by_language"] == {"nb": 5, "en": 2, "sw": 1}
    assert total["sends_by_kind"] == {"announcement": 1, "letter": 1, "text": 1, "partner": 1}
    rates = {r["channel"]: r for r in total["rates"]}
    assert (rates["email"]["read"], rates["email"]["replied"], rates["email"]["read_rate"]) == (2, 1, 40.0)
    assert rates["email"]["reply_rate"] == 20.0
    assert (rates["sms"]["read_rate"], rates["sms"]["reply_rate"]) == (100.0, 100.0)  # an answer was read
    assert rates["paper"] == {**rates["paper"], "measured": False, "read_rate": None, "reply_rate": None}
    assert (total["read_rate"], total["reply_rate"]) == (50.0, 33.3)  # 3 of 6, 2 of 6 on e-mail and text
    # The district sees the same rows for Fjordvik among every school.
    every = api(district, PLATFORM_PASSWORD).get(f"/api/v1/outreach?{period}").json()
    assert next(s for s in every["schools"] if s["id"] == oslo)["deliveries"] == 8

    page = admin.get(f"/outreach?{period}", headers={"Accept": "text/html"}).text
    assert 'id="fig-sends">4<' in page and 'id="fig-deliveries">8<' in page and 'id="fig-per-week">4.0<' in page
    assert "not measured" in page and 'data-channel="paper"' in page
    for name in ("channels", "kinds", "audiences", "languages", "months", "rates"):
        assert f"/outreach/charts/{name}.svg?" in page.replace("&amp;", "&"), name
    chart = admin.get(f"/outreach/charts/rates.svg?{period}")
    assert chart.status_code == 200 and chart.headers["Content-Type"].startswith("image/svg+xml")
    assert "script-src" not in chart.headers["Content-Security-Policy"] and "<script" not in chart.text
    assert "Read and reply rates by channel" in chart.text

    r = admin.get(f"/outreach.csv?{period}")
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    lines = {(row[0], row[1]): row[2] for row in csv.reader(io.StringIO(r.text))}
    assert lines[("deliveries", "")] == "8" and lines[("sends", "")] == "4"
    assert lines[("by_channel", "paper")] == "2" and lines[("read_rate_percent", "paper")] == "not measured"
    assert lines[("read_rate_percent", "email")] == "40.0"

    # The default period is the last 90 days; a period that is not one is refused in a sentence.
    default = admin.get("/api/v1/outreach").json()["period"]
    today = server.now().date()
    assert (default["from"], default["to"]) == ((today - timedelta(days=89)).isoformat(), today.isoformat())
    bad = admin.get("/api/v1/outreach?from=2027-02-30")
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.json()["error"]["message"]
    bad = admin.get("/api/v1/outreach?from=2027-02-10&to=2027-02-01")
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "start_after_end"


def _oslo_results(client: Api, term: str) -> dict:
    r = client.get(f"/api/v1/awareness/results?term={term}")
    assert r.status_code == 200, r.text
    return next(s for s in r.json()["schools"] if s["name"] == "Fjordvik School")


def test_a_family_and_a_community_partner_answer_and_the_school_sees_the_results(server, api, district):
    hanne, henrik = api(GUARDIAN), api(PARTNER)
    asked = hanne.get("/api/v1/awareness").json()
    assert asked["audience"] == "family" and len(asked["questions"]) == 5
    assert "my child" in asked["questions"][0]["text"] and len(asked["questions"][0]["choices"]) == 4
    term = asked["term"]
    partner_asked = henrik.get("/api/v1/awareness").json()
    assert partner_asked["audience"] == "community" and "the school" in partner_asked["questions"][0]["text"]
    admin = api(ADMIN_OSLO)
    before = _oslo_results(admin, term)

    # Refusals: a scale missing, a comment the filter blocks.
    r = hanne.post("/api/v1/awareness", {"scales": {**SCALES, "useful": 7}})
    assert r.status_code == 400 and r.json()["error"]["message"] == "Choose one answer for each question."
    r = hanne.post("/api/v1/awareness", {"scales": SCALES, "comment": "You are a stupid idiot and I will kill you"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "comment_blocked"
    assert "not kept" in r.json()["error"]["message"]
    assert hanne.get("/api/v1/awareness").json()["mine"] is None or before["family"]["answered"] > 0

    first = hanne.post("/api/v1/awareness", {"scales": SCALES, "comment": "The letters in Norwegian help us"})
    assert first.status_code in (200, 201), first.text
    again = hanne.post("/api/v1/awareness", {"scales": {**SCALES, "reach": 1}, "comment": "  Clear and short  "})
    assert (
        again.status_code == 200 and again.json()["replaced"] is True and again.json()["comment"] == "Clear and short"
    )
    r = henrik.post("/api/v1/awareness", {"scales": SCALES, "comment": "We would like to hear about exhibitions"})
    assert r.status_code in (200, 201), r.text
    assert henrik.get("/api/v1/awareness").json()["mine"]["audience"] == "community"

    after = _oslo_results(admin, term)
    added = 0 if first.status_code == 200 else 1  # the demo family may have answered this term already
    assert after["family"]["answered"] == before["family"]["answered"] + added
    assert after["community"]["answered"] >= 1
    assert "Clear and short" in after["family"]["comments"]
    assert "The letters in Norwegian help us" not in after["family"]["comments"]  # replaced
    assert "We would like to hear about exhibitions" in after["community"]["comments"]
    reach = next(q for q in after["family"]["questions"] if q["key"] == "reach")
    assert reach["answers"] == after["family"]["answered"] and reach["mean"] is not None
    body = admin.get(f"/api/v1/awareness/results?term={term}").text
    assert "Hanne" not in body and "Henrik" not in body and "Berg" not in body  # no names
    page = admin.get(f"/awareness/results?term={term}", headers={"Accept": "text/html"}).text
    assert "Clear and short" in page and "Families" in page and "Community partners" in page

    # The district sees every school; another school's admin sees only theirs.
    every = api(district, PLATFORM_PASSWORD).get(f"/api/v1/awareness/results?term={term}").json()
    assert len(every["schools"]) >= 4 and every["schools"][-1]["id"] is None  # partners of no school last
    sydney = api(ADMIN_SYDNEY).get(f"/api/v1/awareness/results?term={term}").json()
    assert [s["name"] for s in sydney["schools"]] == ["Wattle Creek High School"]
    assert "Clear and short" not in str(sydney)

    # Who may not: a teacher, a student, an expert who acts for no organisation; results for admins only.
    for who in (TEACHER_OSLO, "nora.berg", MODERATOR):
        assert api(who).get("/api/v1/awareness").status_code == 403, who
        assert api(who).post("/api/v1/awareness", {"scales": SCALES}).status_code == 403, who
    kofi = api(EXPERT_CLEARED)
    _refused(kofi.get("/api/v1/awareness"), "families and for the contacts of community partners")
    _refused(kofi.post("/api/v1/awareness", {"scales": SCALES}), "community partners")
    for who in (GUARDIAN, PARTNER, TEACHER_OSLO):
        assert api(who).get("/api/v1/awareness/results").status_code == 403, who

    audit = api(district, PLATFORM_PASSWORD).get("/api/v1/audit").json()["records"]
    assert sum(1 for a in audit if a["action"] == "awareness.answer") >= 3


def _login(page, base: str, who: str, password: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("E-mail or username").fill(who)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard")


def _new_family(server, teacher: Api) -> str:
    """A guardian of Nora who follows the teacher's invitation link and makes an account."""
    hanne = Api(server.url).login(GUARDIAN)
    nora = next(c["id"] for c in hanne.get("/api/v1/guardian/children").json()["children"])
    r = teacher.post(f"/api/v1/students/{nora}/guardian-invitations", {})
    assert r.status_code == 201, r.text
    token = r.json()["url"].rsplit("/", 1)[1]
    family = Api(server.url)
    family.csrf = family.http.get(server.url + "/api/v1/auth/csrf", timeout=10).json()["csrf_token"]
    email = f"family.{uuid.uuid4().hex[:8]}@home.example"
    body = {"first_name": "Marit", "last_name": "Nilsen", "email": email, "password": FAMILY_PASSWORD}
    r = family.post(f"/api/v1/guardian/invitations/{token}/accept", {**body, "relation": "mother"})
    assert r.status_code == 201, r.text
    return email


def test_in_chromium_a_guardian_answers_and_the_school_admin_sees_the_count_go_up(server, api, browser):
    from playwright.sync_api import expect  # why: Playwright loads only for the browser test, as in tests/e2e

    family = _new_family(server, api(TEACHER_OSLO))
    term = Api(server.url).login(family, FAMILY_PASSWORD).get("/api/v1/awareness").json()["term"]
    results = f"{server.url}/awareness/results?term={term}"
    count = "#awareness-{} td.answered-count[data-audience=family]"
    admin_ctx, family_ctx = new_context(browser), new_context(browser)
    try:
        admin = admin_ctx.new_page()
        _login(admin, server.url, ADMIN_OSLO, DEMO_PASSWORD)
        admin.locator('main a[href="/awareness/results"]').first.click()  # the dashboard's link
        admin.wait_for_url("**/awareness/results**")
        admin.goto(results)
        oslo = _schools(server)["Fjordvik School"]
        before = int(admin.locator(count.format(oslo)).inner_text())

        page = family_ctx.new_page()
        _login(page, server.url, family, FAMILY_PASSWORD)
        page.locator("#awareness-link").click()
        page.wait_for_url("**/awareness")
        page.get_by_role("button", name="Send").click()  # nothing chosen: said, not stored
        expect(page.locator(".flash-error")).to_be_visible()  # in the family's language
        expect(page.locator("#awareness-done")).to_have_count(0)
        for key, value in SCALES.items():
            page.locator(f"#{key}-{value - 1}").check()
        page.locator("#comment").fill("Thank you for the news")
        page.get_by_role("button", name="Send").click()
        page.wait_for_selector("#awareness-done")
        expect(page.locator('.flash[role="status"]')).to_be_visible()

        admin.goto(results)
        assert int(admin.locator(count.format(oslo)).inner_text()) == before + 1
        expect(admin.get_by_text("Thank you for the news")).to_be_visible()
    finally:
        admin_ctx.close()
        family_ctx.close()
