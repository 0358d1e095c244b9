"""Issue 17, accessibility (WCAG 2.2 AA): axe-core in Chromium on every page each demo role can open,
and keyboard-only paths.

One demo server, one browser, one context per role. Each role logs in through the login form and
walks its pages: the pages named below for the role, then every page linked from them (one page
per address shape: /classes/3 and /classes/4 are the same template). On each page axe-core (the
PyPI package axe-playwright-python carries it) runs with the WCAG 2.0/2.1/2.2 A and AA rules and
the best practices; a violation of impact serious or critical fails the test. The per-page figures
are printed (`pytest -s`) and `bench/axe_pages.py` writes them to bench/axe.md with the same code.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from conftest import ADMIN_OSLO, EXPERT, MODERATOR, TEACHER_OSLO, new_context
from support import unique_words

pytestmark = pytest.mark.sqlite_only  # the pages are the same on both back ends: run once

DEMO_PASSWORD = "exchange-demo"
GUARDIAN = "guardian.berg@home.example"  # exchange/demo/guardians.py DEMO_GUARDIAN
EXPERT_VERIFIED = "kofi.mensah@skylab.example"
PLATFORM_ADMIN = "platform.admin@exchange.example"
PLATFORM_PASSWORD = "platform-admin-pass-1"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
IMPACTS = ("critical", "serious", "moderate", "minor")

# Who logs in, and the pages to start from (each page's links are followed too); {room} is the
# demo room "seasons and weather", where seed_content leaves a partner's line, a held message and a report.
ROLES: list[tuple[str, str | None, list[str]]] = [
    (
        "anonymous",
        None,
        ["/login", "/join", "/schools/apply", "/organisations/register", "/invitations/no-such-invitation"],
    ),
    (
        "teacher",
        TEACHER_OSLO,
        ["/dashboard", "/rooms/{room}", "/moderation", "/classes/new", "/partners", "/calendar", "/invitations"],
    ),
    ("school admin", ADMIN_OSLO, ["/dashboard", "/admin/people", "/admin/people/invite", "/admin/people/import"]),
    ("platform admin", PLATFORM_ADMIN, ["/dashboard", "/admin/schools"]),
    ("student", "nora.berg", ["/dashboard", "/rooms/{room}", "/calendar"]),
    ("moderator", MODERATOR, ["/dashboard", "/moderation", "/rooms/{room}", "/moderation/lists", "/files/review"]),
    ("expert", EXPERT, ["/dashboard", "/vetting/me", "/offers/mine"]),
    ("expert, verified", EXPERT_VERIFIED, ["/dashboard", "/vetting/me", "/offers/mine"]),
    ("guardian", GUARDIAN, ["/dashboard", "/guardian"]),
    (
        "organisation contact",
        "henrik.solberg@auroramuseum.example",
        ["/dashboard", "/organisations", "/opportunities", "/opportunities/new"],
    ),
]
# the outreach log and the awareness survey (issue 22): their pages, walked first for the roles that see them
_OUTREACH_PAGES = {
    "school admin": ["/outreach", "/awareness/results"],
    "platform admin": ["/outreach", "/awareness/results"],
    "organisation contact": ["/awareness"],
    # family messages (issue 22): the list, a thread (linked from it), the teacher's note and an announcement
    "teacher": ["/messages", "/messages/availability", "/announcements/new"],
    "guardian": ["/awareness", "/messages"],
}
for _role, _who, _seeds in ROLES:
    _seeds.extend(_OUTREACH_PAGES.get(_role, []))
MAX_PAGES_PER_ROLE = 40

# Links that are not pages to audit: "/" (it redirects), downloads, feeds, the API, the log-out form's target.
SKIP = re.compile(r"^/$|^/(api/|static/|healthz|logout)|\.(ics|csv|json)$|^/files/(?!review$)[^/]+$|^/calendar/[^/]+$")


ACTIVITY_PAGES = ("new", "review")  # the library's own pages; any other /activities/<x> is one activity


def shape(path: str) -> str:
    """The address shape of a page: ids, tokens and activity slugs replaced, so a template is
    audited once (the library's thirty activities share one template). The query is dropped."""
    parts = []
    segments = path.split("?")[0].strip("/").split("/")
    for i, part in enumerate(segments):
        if part.isdigit():
            parts.append("<id>")
        elif len(part) >= 20:
            parts.append("<token>")
        elif i == 1 and segments[0] == "activities" and part not in ACTIVITY_PAGES:
            parts.append("<slug>")
        else:
            parts.append(part)
    return "/" + "/".join(parts)


@dataclass
class PageResult:
    role: str
    path: str
    counts: Counter = field(default_factory=Counter)
    rules: dict[str, str] = field(default_factory=dict)  # rule id -> impact
    details: list[str] = field(default_factory=list)

    @property
    def serious(self) -> int:
        return self.counts["critical"] + self.counts["serious"]


def login(page, base: str, who: str, password: str = DEMO_PASSWORD) -> None:
    page.goto(base + "/login")
    page.fill("#login", who)
    page.fill("#password", password)
    page.click("form button[type=submit].primary")
    page.wait_for_url(lambda url: "/login" not in url, timeout=15000)


def settle(page, path: str) -> None:
    """Pages drawn by JavaScript are audited once drawn: the room once connected and joined."""
    if re.fullmatch(r"/rooms/\d+", path):
        page.wait_for_selector("#conn-status.online", timeout=15000)
        page.wait_for_timeout(300)


def audit(page, axe) -> tuple[Counter, dict[str, str], list[str]]:
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    counts: Counter = Counter()
    rules: dict[str, str] = {}
    details: list[str] = []
    for v in result.response["violations"]:
        impact = v.get("impact") or "minor"
        counts[impact] += len(v["nodes"])
        rules[v["id"]] = impact
        for node in v["nodes"][:3]:
            details.append(f"{v['id']} ({impact}): {node['target']} {node.get('failureSummary', '')[:200]}")
    return counts, rules, details


def links_of(page, base: str) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    out = []
    host = urlsplit(base).netloc
    for href in hrefs:
        parts = urlsplit(href)
        if parts.netloc == host and parts.path and not SKIP.search(parts.path):
            out.append(parts.path)
    return out


def audit_role(browser, base: str, role: str, who: str | None, seeds: list[str], room: int) -> list[PageResult]:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = new_context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        if who:
            login(page, base, who, PLATFORM_PASSWORD if who == PLATFORM_ADMIN else DEMO_PASSWORD)
        queue, seen, results = [p.format(room=room) for p in seeds], set(), []
        while queue and len(results) < MAX_PAGES_PER_ROLE:
            path = queue.pop(0)
            if shape(path) in seen:
                continue
            seen.add(shape(path))
            page.goto(base + path, wait_until="load")
            settle(page, path)
            counts, rules, details = audit(page, axe)
            results.append(PageResult(role, path, counts, rules, details))
            queue.extend(p for p in links_of(page, base) if shape(p) not in seen)
        return results
    finally:
        context.close()


def make_platform_admin(srv) -> None:
    made = srv.run_cli("admin", "create", "--email", PLATFORM_ADMIN, "--password", PLATFORM_PASSWORD, check=False)
    assert made.returncode == 0 or "already" in made.stderr.lower(), made.stderr


def seed_content(srv) -> int:
    """Pages with something on them: a partner's line and a held message in the demo room (the room
    shows Report buttons and the supervisor's held panel) and a report (the queue shows a flag with
    its actions)."""
    from support import Api, Live

    tag = unique_words()
    nora = Api(srv.url).login("nora.berg")
    room = next(r["id"] for r in nora.get("/api/v1/rooms").json()["rooms"] if "seasons" in r["title"].lower())
    mia, elias = Live(Api(srv.url).login("mia.thompson")).connect(), Live(Api(srv.url).login("elias.haugen")).connect()
    try:
        mia.join(room), elias.join(room)
        sent = mia.send(room, f"Hello from Sydney, it is hot and sunny here {tag}")
        assert sent["ok"], sent
        assert elias.send(room, f"I will punch you in the face {tag}").get("held"), "no held message"
        report = {"room": room, "seq": sent["seq"], "subject_type": "message", "category": "other", "reason": "A test"}
        assert nora.post("/api/v1/reports", report).status_code in (200, 201)
    finally:
        mia.close(), elias.close()
    return room


def audit_all(browser, srv) -> list[PageResult]:
    make_platform_admin(srv)
    room = seed_content(srv)
    results: list[PageResult] = []
    for role, who, seeds in ROLES:
        results.extend(audit_role(browser, srv.url, role, who, seeds, room))
    return results


def table(results: list[PageResult]) -> str:
    lines = [
        "| role | page | critical | serious | moderate | minor | rules |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for r in results:
        rules = ", ".join(f"{k} ({v})" for k, v in sorted(r.rules.items())) or "none"
        c = r.counts
        lines.append(
            f"| {r.role} | `{shape(r.path)}` | {c['critical']} | {c['serious']} | {c['moderate']} | {c['minor']} | {rules} |"
        )
    total = Counter()
    for r in results:
        total.update(r.counts)
    lines.append(
        f"| **all {len(results)} pages** | | {total['critical']} | {total['serious']} | {total['moderate']} "
        f"| {total['minor']} | |"
    )
    return "\n".join(lines)


@pytest.mark.second_process  # the longest test of the suite: scripts/test runs it beside the SQLite pass
def test_every_page_of_every_role_has_no_serious_or_critical_axe_violation(server, browser):
    results = audit_all(browser, server)
    print("\naxe-core (WCAG 2.2 A/AA + best practices), violations per page (nodes):\n" + table(results))
    roles_seen = {r.role for r in results}
    assert roles_seen == {role for role, _, _ in ROLES}, roles_seen
    shapes = {shape(r.path) for r in results}
    for expected in ("/rooms/<id>", "/classes/<id>", "/moderation", "/admin/schools", "/guardian", "/login", "/join"):
        assert expected in shapes, (expected, sorted(shapes))
    bad = [r for r in results if r.serious]
    assert not bad, "\n".join(f"{r.role} {r.path}:\n  " + "\n  ".join(r.details) for r in bad)


# --- Keyboard only -------------------------------------------------------------------------------


def tab_to(page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches `selector` (as a person with a keyboard would)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_only_login_room_send_and_report(server, browser, api, live):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    base = server.url
    tag = unique_words()
    partner_line = f"hello from sydney by keyboard test {tag}"
    oslo = api(TEACHER_OSLO)
    room = next(r for r in oslo.get("/api/v1/rooms").json()["rooms"] if "seasons" in r["title"].lower())
    mia = live(api("mia.thompson"))
    mia.join(room["id"])
    assert mia.send(room["id"], partner_line)["ok"]

    context = new_context(browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(base + "/login")
        tab_to(page, "#login")
        page.keyboard.type("nora.berg")
        page.keyboard.press("Tab")
        page.keyboard.type(DEMO_PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/login" not in url, timeout=15000)

        tab_to(page, f'a[href$="/rooms/{room["id"]}"]')
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/rooms/{room['id']}", timeout=15000)
        page.wait_for_selector("#conn-status.online", timeout=15000)
        expect(page.locator("#messages")).to_contain_text(partner_line, timeout=15000)

        mine = f"a keyboard message {tag}"
        tab_to(page, "#body")
        page.keyboard.type(mine)
        page.keyboard.press("Enter")
        expect(page.locator("#messages li", has_text=mine)).to_have_count(1, timeout=15000)
        expect(page.locator("#messages li.pending", has_text=mine)).to_have_count(0, timeout=15000)
        assert mia.wait_for(lambda m: m.get("body") == mine, timeout=15)

        # Report the partner's line: Tab to its Report button, Enter opens the form with the focus in it.
        page.locator("#messages").evaluate("el => el.scrollTop = 0")
        partner = page.locator("#messages li", has_text=partner_line)
        seq = partner.get_attribute("data-seq")
        tab_to(page, f'#messages li[data-seq="{seq}"] button.report', limit=200)
        page.keyboard.press("Enter")
        page.wait_for_function("() => document.activeElement && document.activeElement.name === 'reason'")
        counts, _, details = audit(page, Axe())  # the room with the report form open
        assert counts["critical"] + counts["serious"] == 0, details
        page.keyboard.type("Testing a report with the keyboard only")
        page.keyboard.press("Enter")
        expect(partner).to_contain_text("A teacher or moderator will look at it", timeout=15000)
    finally:
        context.close()
    flags = oslo.get(f"/api/v1/flags?room={room['id']}")
    if flags.status_code == 200:
        assert any(f.get("body") == partner_line for f in flags.json()["flags"]), "the report made no flag"


def test_phone_navigation_folds_behind_a_menu_button_and_axe_sees_our_pages(server, browser):
    """At 390 px the navigation folds behind "Menu" (a real button with aria-expanded), opens and
    closes from the keyboard; without JavaScript it stays open. And axe does see faults on our pages
    (under the strict CSP): a picture without a text alternative put into the page is reported."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    base = server.url
    context = new_context(browser, viewport={"width": 390, "height": 800})
    page = context.new_page()
    try:
        login(page, base, TEACHER_OSLO)
        page.goto(base + "/dashboard")
        toggle, nav = page.locator("button.nav-toggle"), page.locator("#main-nav")
        expect(toggle).to_be_visible()
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(toggle).to_have_attribute("aria-controls", "main-nav")
        expect(nav).to_be_hidden()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, "the page scrolls sideways"
        tab_to(page, "button.nav-toggle")
        page.keyboard.press("Enter")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(nav.get_by_role("link", name="Dashboard")).to_be_visible()
        assert nav.get_by_role("link", name="Dashboard").get_attribute("aria-current") == "page"
        counts, _, details = audit(page, Axe())
        assert counts["critical"] + counts["serious"] == 0, details
        page.keyboard.press("Tab")  # into the open menu
        page.keyboard.press("Escape")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(nav).to_be_hidden()
        assert page.evaluate("document.activeElement.classList.contains('nav-toggle')")

        # School days: a group of checkboxes named by its legend, not a list box that needs Ctrl-click.
        page.goto(base + "/classes/new")
        assert page.locator("select[multiple]").count() == 0
        days = page.get_by_role("group", name="School days").get_by_role("checkbox")
        expect(days).to_have_count(7)
        assert page.get_by_label("Monday").is_checked() and not page.get_by_label("Sunday").is_checked()

        page.goto(base + "/login")
        page.evaluate("document.querySelector('main').append(Object.assign(new Image(), {src: '/static/favicon.svg'}))")
        counts, rules, _ = audit(page, Axe())
        assert rules.get("image-alt") == "critical", rules
    finally:
        context.close()

    no_js = browser.new_context(viewport={"width": 390, "height": 800}, java_script_enabled=False)
    page = no_js.new_page()
    try:
        login(page, base, TEACHER_OSLO)
        page.goto(base + "/dashboard")
        expect(page.locator("button.nav-toggle")).to_be_hidden()
        expect(page.locator("#main-nav").get_by_role("link", name="Dashboard")).to_be_visible()
        # A checkbox sits beside its label (on the start of the line), not centred under it.
        page.goto(base + "/schools/apply")
        box = page.get_by_role("checkbox").bounding_box()
        label = page.locator("label[for=accept_terms]").bounding_box()
        assert box["x"] + box["width"] <= label["x"] and abs(box["y"] - label["y"]) < label["height"], (box, label)
    finally:
        no_js.close()
