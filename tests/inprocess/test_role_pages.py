"""Pages that fit the role and the state (issue 17, items 5 and 6), read as the person sees them:
the right sentence on each dashboard, the reason instead of a button that would fail after the
click, refusals shown as errors (red, role=alert), and error pages that say a sentence, with the
code in small print only. In process, on the demo data: no server to start."""

from __future__ import annotations

import re
from datetime import timedelta

import factories
import pytest
from conftest import TEACHER_NAIROBI, TEACHER_OSLO
from sqlalchemy import select
from support import suite_now

from exchange.accounts.models import User
from exchange.directory.models import ClassMembership, SchoolClass

pytestmark = pytest.mark.demo_data

HTML = {"Accept": "text/html"}
KOFI = "kofi.mensah@skylab.example"  # verified expert with an offer
SELMA = "selma.ortiz@marinelab.example"  # expert whose vetting is in review
GUARDIAN = "guardian.berg@home.example"
NO_CONSENT = "sander.vik"  # Oslo student without guardian consent


def page(api, path: str) -> str:
    r = api.get(path, headers=HTML)
    assert r.status_code == 200, (path, r.status_code, r.text[:500])
    return r.text


def text_of(html: str) -> str:
    """The words a person reads: tags gone, whitespace folded (templates wrap long sentences)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def error_flash(html: str) -> str:
    found = re.search(r'<div class="flash flash-error" role="alert">(.*?)</div>', html, re.S)
    return text_of(found.group(1)) if found else ""


def success_flash(html: str) -> str:
    found = re.search(r'<div class="flash" role="status">(.*?)</div>', html, re.S)
    return text_of(found.group(1)) if found else ""


def section(html: str, heading_id: str) -> str:
    """The card whose heading has this id (empty when the page has none)."""
    found = re.search(rf'<section[^>]*aria-labelledby="{heading_id}".*?</section>', html, re.S)
    return found.group(0) if found else ""


def post_form(api, path: str, data: dict | None = None) -> str:
    """A form post as a browser sends it (CSRF token in the form), redirect followed: the next page."""
    r = api.http.post(path, data={"csrf_token": api.csrf, **(data or {})}, headers=HTML, follow_redirects=True)
    return r.get_data(as_text=True)


# ---- error pages ------------------------------------------------------------------------------


def test_error_pages_say_a_sentence_and_keep_the_code_in_small_print(as_user, db_session):
    student = as_user(NO_CONSENT)
    room = next(r for r in as_user(TEACHER_OSLO).get("/api/v1/rooms").json()["rooms"] if "Sydney" in r["title"])
    r = student.get(f"/rooms/{room['id']}", headers=HTML)
    assert r.status_code == 403
    words = text_of(r.text)
    assert "You cannot do this here" in re.search(r"<h1[^>]*>(.*?)</h1>", r.text, re.S).group(1)
    assert "A parent or guardian has not given consent for this yet." in words
    assert "Ask your parent or guardian to give consent" in words  # what to do next
    assert "Error code" not in words
    small = re.search(r'<small id="error-reference">(.*?)</small>', r.text, re.S).group(1)
    assert "consent_missing" in small and "403" in small
    assert r.text.count("consent_missing") == 1  # only in the small print
    # A page that does not exist, and a refusal that came without a sentence of its own.
    r = student.get("/no/such/page", headers=HTML)
    assert r.status_code == 404 and "There is nothing here." in r.text and "We could not find that" in r.text
    from exchange.errors import error_response

    with student.app.test_request_context("/somewhere", headers=HTML):
        body, status = error_response(409, "stale_thing", "stale_thing")
    assert status == 409 and "Someone changed this in the meantime." in body and "<h1" in body


# ---- dashboards -------------------------------------------------------------------------------


def test_dashboard_texts_fit_the_role_and_state(as_user, db_session):
    # A verified expert is not told to wait, and no page promises a checklist "below".
    kofi = text_of(page(as_user(KOFI), "/dashboard"))
    assert "You are verified" in kofi and "Students can meet you once" not in kofi
    assert "checklist is below" not in kofi
    selma_html = page(as_user(SELMA), "/dashboard")
    selma = text_of(selma_html)
    assert "Students can meet you once a verifier has checked" in selma and "You are verified" not in selma
    assert "checklist is below" not in selma and 'href="/vetting/me"' in section(selma_html, "next-h")

    # A guardian has no rooms: they see what a guardian can do.
    guardian_html = page(as_user(GUARDIAN), "/dashboard")
    assert 'id="rooms-h"' not in guardian_html and "No rooms yet" not in guardian_html
    assert "Give or withdraw consent for your child" in text_of(section(guardian_html, "next-h"))
    lonely = factories.user("guardian", first_name="Ragnhild")
    lonely_html = page(as_user(lonely.email), "/dashboard")
    assert "Open the invitation link from your child's teacher" in text_of(section(lonely_html, "next-h"))
    assert "Give or withdraw consent" not in lonely_html

    # A student who signed up waits for the teacher's approval, and is told so, with class and teacher.
    nine_a = db_session.scalar(select(SchoolClass).where(SchoolClass.name.like("9A%")))
    teacher = db_session.get(User, nine_a.teacher_id)
    newcomer = factories.user("student", school_of=nine_a.school, first_name="Ingrid")
    db_session.add(ClassMembership(class_id=nine_a.id, user_id=newcomer.id, status="pending"))
    db_session.commit()
    waiting_html = page(as_user(newcomer.username), "/dashboard")
    waiting = text_of(section(waiting_html, "next-h"))
    assert "waiting for your teacher's approval" in waiting
    assert nine_a.name in waiting and teacher.full_name in waiting and nine_a.school.name in waiting
    assert 'id="rooms-h"' not in waiting_html  # no empty "Rooms" card
    membership = db_session.scalar(select(ClassMembership).where(ClassMembership.user_id == newcomer.id))
    membership.status = "approved"
    db_session.commit()
    approved = text_of(page(as_user(newcomer.username), "/dashboard"))
    assert "waiting for your teacher's approval" not in approved


# ---- buttons only for what the viewer may do --------------------------------------------------


def test_unverified_teacher_sees_the_reason_not_accept_and_a_refusal_is_red(as_user, db_session):
    oslo, nairobi = as_user(TEACHER_OSLO), as_user(TEACHER_NAIROBI)
    mine = next(c["id"] for c in oslo.get("/api/v1/classes").json()["classes"] if "9A" in c["name"])
    theirs = nairobi.get("/api/v1/classes").json()["classes"][0]["id"]
    start = (suite_now() + timedelta(days=5)).isoformat().replace("+00:00", "Z")
    r = oslo.post(
        "/api/v1/sessions",
        {
            "class_id": mine,
            "partner_class_id": theirs,
            "title": "Rain and sun",
            "starts_at": start,
            "book_anyway": True,
        },
    )
    assert r.status_code == 201, r.text
    session_id = r.json()["sessions"][0]["id"]
    accept_url = f"/sessions/{session_id}/accept"

    html = page(nairobi, "/invitations")
    item = re.search(rf'data-session="{session_id}".*?<div class="session-actions">.*?\n</div>', html, re.S).group(0)
    assert accept_url not in item and ">Accept<" not in item
    assert "Your school admin must verify you first" in text_of(item)
    assert f"/sessions/{session_id}/decline" in item  # declining needs no verification
    assert accept_url not in page(nairobi, f"/sessions/{session_id}")

    # Sent anyway (an old tab): the refusal comes back red, as an alert, never as a success.
    after = post_form(nairobi, accept_url, {"next": "/invitations"})
    assert "Your school admin must verify you before you meet partner classes." in error_flash(after)
    assert success_flash(after) == ""

    # Once verified, the button is there and works.
    teacher = db_session.scalar(select(User).where(User.email == TEACHER_NAIROBI))
    teacher.teacher_verified_at = suite_now()
    db_session.commit()
    html = page(nairobi, "/invitations")
    assert accept_url in html
    assert "Accepted. The room is ready." in success_flash(post_form(nairobi, accept_url, {"next": "/invitations"}))


def test_expert_and_files_pages_show_reasons_instead_of_failing_buttons(as_user, db_session):
    oslo, kofi = as_user(TEACHER_OSLO), as_user(KOFI)
    offer = next(
        o for o in oslo.get("/api/v1/offers").json()["offers"] if o["expert"]["display_name"].startswith("Kofi")
    )
    nine_a = next(c["id"] for c in oslo.get("/api/v1/classes").json()["classes"] if "9A" in c["name"])
    start = (suite_now() + timedelta(days=2)).isoformat().replace("+00:00", "Z")
    r = oslo.post(f"/api/v1/offers/{offer['id']}/requests", {"class_id": nine_a, "proposed_start": start})
    assert r.status_code == 201, r.text
    request_id = r.json()["id"]
    accept_url = f"/visit-requests/{request_id}/accept"
    assert accept_url in page(kofi, "/offers/mine")
    # The teacher loses verification: the expert sees why instead of an Accept that would fail.
    teacher = db_session.scalar(select(User).where(User.email == TEACHER_OSLO))
    teacher.teacher_verified_at = None
    db_session.commit()
    html = page(kofi, "/offers/mine")
    item = re.search(rf'<li data-request="{request_id}".*?</li>', html, re.S).group(0)
    assert accept_url not in item and "The teacher is not verified by their school yet" in text_of(item)
    after = post_form(kofi, accept_url)
    assert "The teacher is not verified by their school." in error_flash(after) and success_flash(after) == ""

    # Files: a student without consent to share files across schools sees the reason, not a form that fails.
    room = next(r for r in oslo.get("/api/v1/rooms").json()["rooms"] if "Sydney" in r["title"])
    student = as_user("nora.berg")
    html = page(student, f"/rooms/{room['id']}/files")
    refused = re.search(r'<p class="note warn-text" id="upload-refused">(.*?)</p>', html, re.S)
    assert refused and "This room is not open yet." in refused.group(1)  # before the session starts
    assert oslo.post(f"/api/v1/rooms/{room['id']}/open").status_code == 200
    html = page(student, f"/rooms/{room['id']}/files")
    refused = re.search(r'<p class="note warn-text" id="upload-refused">(.*?)</p>', html, re.S)
    family = "Your family has not agreed to sharing files with other schools."
    assert refused and family in refused.group(1)
    assert re.search(r'<form id="upload-form" hidden', html)
    after = post_form(student, f"/rooms/{room['id']}/files")
    assert family in error_flash(after) and success_flash(after) == ""
    teacher_html = page(oslo, f"/rooms/{room['id']}/files")
    assert 'id="upload-refused"' not in teacher_html and re.search(
        r'<form id="upload-form" method="post"', teacher_html
    )


def test_every_link_on_each_dashboard_opens_for_its_viewer(as_user, db_session):
    """No dashboard offers a link its viewer is refused at: each internal link answers 200."""
    platform_admin = factories.user("admin", first_name="Petra")
    people = [
        TEACHER_OSLO,
        TEACHER_NAIROBI,
        "nora.berg",
        NO_CONSENT,
        "admin@fjordvik.example",
        platform_admin.email,
        "moderator@exchange.example",
        KOFI,
        SELMA,
        GUARDIAN,
    ]
    refused = []
    for who in people:
        viewer = as_user(who)
        html = page(viewer, "/dashboard")
        body = html.split("<main", 1)[-1]
        for href in sorted(set(re.findall(r'href="(/[^"#]*)', body))):
            if href.startswith(("/static/", "/logout")) or href.endswith(".ics"):
                continue
            status = viewer.get(href, headers=HTML).status_code
            if status == 302 and href == "/partners":  # a teacher of one class goes straight to its partners
                status = viewer.get(viewer.get(href, headers=HTML).headers["Location"], headers=HTML).status_code
            if status != 200:
                refused.append((who, href, status))
    assert not refused, refused
    # The student kept out by missing consent reads why beside the session, instead of a room link.
    html = page(as_user(NO_CONSENT), "/dashboard")
    assert 'data-room-refused="1">A parent or guardian has not given consent for this yet.' in html


def test_an_expert_without_a_profile_is_asked_for_it_instead_of_a_publish_button(as_user, db_session):
    newcomer = factories.user("expert", first_name="Aiko")
    html = page(as_user(newcomer.email), "/offers/mine")
    blocked = re.search(r'<p class="note warn-text" id="publish-blocked">(.*?)</p>', html, re.S)
    assert (
        blocked
        and "Fill in your expert profile first." in blocked.group(1)
        and 'href="/vetting/apply"' in blocked.group(1)
    )
    assert 'id="offer-form"' not in html
    assert 'id="offer-form"' in page(as_user(KOFI), "/offers/mine") and 'id="publish-blocked"' not in page(
        as_user(KOFI), "/offers/mine"
    )
