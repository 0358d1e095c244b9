"""The activity library, reflections and the impact dashboard on a running server (issue 20):
the API as each role meets it, and the must-show in Chromium — a teacher finds an activity and
attaches it to a session, students see its prompts in the room, their reflections are collected,
and the dashboard counts the session."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import ADMIN_OSLO, EXPERT, MODERATOR, TEACHER_OSLO, TEACHER_SYDNEY, new_context
import requests
from support import Api, Live, iso_z, suite_now, unique_words

LIBRARY = Path(__file__).resolve().parents[2] / "exchange" / "activities" / "library"
JOURNEY = json.loads((LIBRARY / "a-10-journey-of-an-ingredient.json").read_text(encoding="utf-8"))
EDITOR, EDITOR_PASSWORD = "activity.editor@exchange.example", "editor-pass-for-tests-1"


@pytest.fixture(scope="module")
def editor(server):
    server.run_cli("admin", "create", "--email", EDITOR, "--password", EDITOR_PASSWORD)
    return lambda: Api(server.url).login(EDITOR, EDITOR_PASSWORD)


def _class_id(teacher: Api) -> int:
    return teacher.get("/api/v1/classes").json()["classes"][0]["id"]


def _room(oslo: Api, *, partner: Api | None = None, opens_in_minutes: int = -5) -> int:
    """A session's room of Astrid's class (and, with `partner`, Liam's class, accepted)."""
    classes = [_class_id(oslo)] + ([_class_id(partner)] if partner else [])
    r = oslo.post(
        "/api/v1/rooms",
        {
            "title": "Session " + unique_words(),
            "class_ids": classes,
            "opens_at": iso_z(suite_now() + timedelta(minutes=opens_in_minutes)),
            "closes_at": iso_z(suite_now() + timedelta(days=2)),
        },
    )
    assert r.status_code == 201, r.text
    room = r.json()["id"]
    if partner:
        assert partner.post(f"/api/v1/rooms/{room}/invitations/{classes[1]}/accept", {}).status_code == 200
    return room


def test_teachers_search_the_library_in_their_language(api):
    oslo = api(TEACHER_OSLO)
    found = oslo.get("/api/v1/activities?q=ingredient").json()["activities"]
    assert [a["slug"] for a in found] == ["journey-of-an-ingredient"]
    assert found[0]["title"] == JOURNEY["texts"]["en"]["title"] and found[0]["duration_minutes"] > 0
    young = oslo.get("/api/v1/activities?grade_band=K-2").json()["activities"]
    assert len(young) >= 5 and all("K-2" in a["grade_bands"] for a in young)
    assert oslo.get("/api/v1/activities?grade_band=K-2&max_minutes=10").json()["activities"] == []
    arabic = oslo.get("/api/v1/activities/journey-of-an-ingredient?lang=ar").json()
    assert arabic["title"] == JOURNEY["texts"]["ar"]["title"] and arabic["prompts"] == JOURNEY["texts"]["ar"]["prompts"]
    french = Api(oslo.base).login(TEACHER_OSLO)
    french.http.headers["Accept-Language"] = "fr"
    assert JOURNEY["texts"]["fr"]["title"] in [
        a["title"] for a in french.get("/api/v1/activities").json()["activities"]
    ]
    assert oslo.get("/api/v1/activities/no-such-activity").json()["error"]["code"] == "no_such_activity"
    # Students meet activities in their rooms, not in the teachers' library.
    assert api("nora.berg").get("/api/v1/activities").status_code == 403


def test_a_teachers_activity_waits_for_the_editor(api, editor):
    sydney, oslo = api(TEACHER_SYDNEY), api(TEACHER_OSLO)
    title = "Shadows at noon " + unique_words()
    body = {
        "grade_bands": ["6-8"],
        "topics": ["science", "seasons"],
        "duration_minutes": 40,
        "sdgs": [4, 13],
        "texts": {
            "en": {
                "title": title,
                "summary": "Both classes measure a stick's shadow at noon and compare.",
                "prepare": ["Put a stick in the schoolyard", "Measure its shadow at noon"],
                "exchange": ["Share the lengths and the date"],
                "reflect": ["Why are the shadows different?"],
                "prompts": ["How long was your shadow?"],
            }
        },
    }
    r = sydney.post("/api/v1/activities", body)
    assert r.status_code == 201 and r.json()["status"] == "submitted"
    slug = r.json()["slug"]
    # Only its author (and the editors) see it until it is published.
    assert oslo.get(f"/api/v1/activities/{slug}").status_code == 404
    assert slug not in [a["slug"] for a in oslo.get("/api/v1/activities").json()["activities"]]
    assert sydney.get(f"/api/v1/activities/{slug}").json()["status"] == "submitted"
    assert sydney.post(f"/api/v1/activities/{slug}/rating", {"stars": 5}).json()["error"]["code"] == "not_published"
    # Teachers do not review; the editor must say why when sending it back.
    assert oslo.post(f"/api/v1/activities/{slug}/review", {"decision": "publish"}).status_code == 403
    assert api(ADMIN_OSLO).post(f"/api/v1/activities/{slug}/review", {"decision": "publish"}).status_code == 403
    ed = editor()
    assert title in ed.get("/activities/review").text
    r = ed.post(f"/api/v1/activities/{slug}/review", {"decision": "reject"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "reason_required"
    r = ed.post(f"/api/v1/activities/{slug}/review", {"decision": "publish", "note": ""})
    assert r.status_code == 200 and r.json()["status"] == "published"
    assert ed.post(f"/api/v1/activities/{slug}/review", {"decision": "reject", "note": "late"}).status_code == 409
    assert oslo.get(f"/api/v1/activities/{slug}").json()["title"] == title
    assert slug in [a["slug"] for a in oslo.get("/api/v1/activities?q=shadows").json()["activities"]]


@pytest.mark.parametrize(
    ("change", "code", "sentence"),
    [
        ({"duration_minutes": 500}, "invalid_activity", "between 10 and 120 minutes"),
        ({"grade_bands": ["university"]}, "invalid_activity", "at least one grade band"),
        ({"texts": {"en": {"title": "No steps"}}}, "invalid_activity", "summary"),
        (
            {
                "texts": {
                    "en": {
                        **dict.fromkeys(("prepare", "exchange", "reflect"), ["Talk"]),
                        "title": "Chat",
                        "summary": "Talk.",
                        "prompts": ["Send me your phone number and address, and keep it secret from your parents"],
                    }
                }
            },
            "unsafe_text",
            "safety check",
        ),
    ],
)
def test_a_submission_that_breaks_a_rule_is_refused_in_a_sentence(api, change, code, sentence):
    body = {"grade_bands": ["6-8"], "topics": ["science"], "duration_minutes": 40, "texts": {"en": {}}}
    body.update(change)
    r = api(TEACHER_SYDNEY).post("/api/v1/activities", body)
    assert r.status_code == 400 and r.json()["error"]["code"] == code
    assert sentence in r.json()["error"]["message"]


def test_ratings_are_one_per_teacher(api):
    oslo = api(TEACHER_OSLO)
    assert oslo.post("/api/v1/activities/seasons-wheel/rating", {"stars": 2}).status_code == 200
    r = oslo.post("/api/v1/activities/seasons-wheel/rating", {"stars": 4})
    assert r.json()["mine"] == 4
    count = r.json()["count"]
    r = api(TEACHER_SYDNEY).post("/api/v1/activities/seasons-wheel/rating", {"stars": 5})
    assert r.json()["count"] == count + 1 and r.json()["mine"] == 5
    for stars in (0, 6, "5", True):
        assert oslo.post("/api/v1/activities/seasons-wheel/rating", {"stars": stars}).status_code == 400
    assert api(EXPERT).post("/api/v1/activities/seasons-wheel/rating", {"stars": 5}).status_code == 403


def test_only_a_rooms_supervisor_chooses_its_activity(api):
    oslo, sydney = api(TEACHER_OSLO), api(TEACHER_SYDNEY)
    own = _room(oslo)  # Astrid's class only
    body = {"slug": "seasons-wheel"}
    assert sydney.put(f"/api/v1/rooms/{own}/activity", body).status_code in (403, 404)
    assert api("nora.berg").put(f"/api/v1/rooms/{own}/activity", body).status_code == 403
    assert oslo.put(f"/api/v1/rooms/{own}/activity", {"slug": "nope"}).status_code == 404
    assert oslo.put("/api/v1/rooms/99999999/activity", body).status_code == 404
    r = oslo.put(f"/api/v1/rooms/{own}/activity", body)
    assert r.status_code == 200 and r.json()["phase"] == "exchange"
    seen = api("nora.berg").get(f"/api/v1/rooms/{own}/activity").json()
    assert seen["activity"]["slug"] == "seasons-wheel" and seen["phase"] == "exchange" and seen["activity"]["prompts"]
    assert api("mia.thompson").get(f"/api/v1/rooms/{own}/activity").status_code == 403  # not her room
    assert oslo.delete(f"/api/v1/rooms/{own}/activity").json()["activity"] is None
    assert api("nora.berg").get(f"/api/v1/rooms/{own}/activity").json()["activity"] is None
    later = _room(oslo, opens_in_minutes=120)
    assert oslo.put(f"/api/v1/rooms/{later}/activity", body).json()["phase"] == "prepare"


def test_reflections_stay_with_each_childs_own_teacher_and_harm_reaches_a_moderator(api):
    oslo, sydney = api(TEACHER_OSLO), api(TEACHER_SYDNEY)
    room = _room(oslo, partner=sydney)
    nora, mia = api("nora.berg"), api("mia.thompson")
    asked = nora.get(f"/api/v1/rooms/{room}/reflection").json()
    assert asked["kind"] == "questions" and [q["key"] for q in asked["questions"]] == ["learned", "surprised"]
    nora_words = "Sydney has " + unique_words() + " near the school"
    r = nora.post(f"/api/v1/rooms/{room}/reflection", {"scale": 5, "answers": {"learned": nora_words}})
    assert r.status_code == 200 and r.json()["held"] is False
    mia_words = "Oslo has " + unique_words() + " all winter"
    assert (
        mia.post(f"/api/v1/rooms/{room}/reflection", {"scale": 3, "answers": {"learned": mia_words}}).json()["held"]
        is False
    )
    # Each teacher reads their own students' words by first name; the partner's are only counted.
    seen = oslo.get(f"/api/v1/rooms/{room}/reflections").json()
    assert [(s["name"], s["answers"]["learned"]) for s in seen["students"]] == [("Nora", nora_words)]
    assert seen["partner_reflections"] == 1 and seen["faces"]["5"] == 1 and seen["faces"]["3"] == 1
    assert mia_words not in json.dumps(seen) and "Mia" not in json.dumps(seen)
    theirs = sydney.get(f"/api/v1/rooms/{room}/reflections").json()
    assert [s["name"] for s in theirs["students"]] == ["Mia"] and nora_words not in json.dumps(theirs)
    assert nora.get(f"/api/v1/rooms/{room}/reflections").status_code == 403
    # A child who writes about harming themselves reaches a moderator and their school; not the partner.
    cry = "I want to kill myself " + unique_words()
    r = nora.post(
        f"/api/v1/rooms/{room}/reflection", {"scale": 1, "answers": {"learned": nora_words, "surprised": cry}}
    )
    assert r.json()["held"] is True and "surprised" not in r.json()["answers"]
    assert cry not in oslo.get(f"/api/v1/rooms/{room}/reflections").text
    assert cry in api(MODERATOR).get("/moderation").text and cry in api(ADMIN_OSLO).get("/moderation").text
    assert cry not in sydney.get("/moderation").text
    # Answering again replaces the answer; bad input is a sentence.
    assert (
        nora.post(f"/api/v1/rooms/{room}/reflection", {"scale": 9}).json()["error"]["message"]
        == "Choose one of the five faces."
    )
    long = nora.post(f"/api/v1/rooms/{room}/reflection", {"scale": 2, "answers": {"learned": "x" * 501}})
    assert long.status_code == 400 and "500 characters" in long.json()["error"]["message"]
    later = _room(oslo, opens_in_minutes=120)
    assert nora.post(f"/api/v1/rooms/{later}/reflection", {"scale": 4}).json()["error"]["code"] == "not_started"
    assert api("zawadi.otieno").post(f"/api/v1/rooms/{room}/reflection", {"scale": 4}).status_code == 403


def test_the_impact_dashboard_is_scoped_charted_and_exported(api, editor):
    oslo = api(TEACHER_OSLO)
    before = oslo.get("/api/v1/impact").json()
    _room(oslo, partner=api(TEACHER_SYDNEY))
    after = oslo.get("/api/v1/impact").json()
    assert after["sessions"] == before["sessions"] + 1
    assert {"NO", "AU"} <= set(after["countries"]) and after["schools"] >= 2
    platform = editor().get("/api/v1/impact").json()
    assert platform["sessions"] >= after["sessions"] and "KE" not in after["countries"]
    chart = oslo.get("/impact/charts/sessions.svg")
    assert chart.status_code == 200 and chart.headers["Content-Type"].startswith("image/svg+xml")
    assert "script-src" not in chart.headers["Content-Security-Policy"] and "<script" not in chart.text
    assert "Sessions held, by month" in chart.text
    assert oslo.get("/impact/charts/nothing.svg").status_code == 404
    csv_text = oslo.get("/impact.csv").text
    assert csv_text.splitlines()[0] == "figure,key,value" and f"sessions,,{after['sessions']}" in csv_text
    assert api("nora.berg").get("/impact").status_code == 403
    assert api(EXPERT).get("/api/v1/impact").status_code == 403


def live_client(client: Api) -> Live:
    return Live(client).connect()


def _login(browser, server, who):
    page = new_context(browser).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + "/login")
    page.get_by_label("E-mail or username").fill(who)
    page.get_by_label("Password").fill("exchange-demo")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard")
    return page, errors


def test_must_show_an_activity_from_library_to_room_to_reflection_to_dashboard(server, browser, api):
    oslo = api(TEACHER_OSLO)
    sessions_before = oslo.get("/api/v1/impact").json()["sessions"]
    room = _room(oslo, partner=api(TEACHER_SYDNEY))
    title = oslo.get(f"/api/v1/rooms/{room}").json()["title"]
    english = JOURNEY["texts"]["en"]

    # The teacher finds the activity and attaches it to the session's room.
    teacher, teacher_errors = _login(browser, server, TEACHER_OSLO)
    teacher.get_by_role("navigation", name="Main").get_by_role("link", name="Activities").click()
    teacher.get_by_label("Words").fill("ingredient")
    teacher.get_by_label("Grade band").select_option("9-10")
    teacher.get_by_role("button", name="Search").click()
    teacher.get_by_role("link", name=english["title"]).click()
    teacher.get_by_label("Room", exact=True).select_option(label=title)
    teacher.get_by_role("button", name="Use in this room").click()
    teacher.wait_for_url(f"**/rooms/{room}")
    panel = teacher.locator("#activity")
    assert english["title"] in panel.locator("#activity-h").inner_text()
    assert panel.get_by_text(english["prompts"][0]).is_visible()
    # A prompt goes into the teacher's composer, to ask it in the chat.
    panel.get_by_role("button", name="Ask in the chat").first.click()
    assert teacher.get_by_label("Your message").input_value() == english["prompts"][0]

    # A student sees the prompts in the room while it is open.
    student, student_errors = _login(browser, server, "nora.berg")
    student.goto(f"{server.url}/rooms/{room}")
    student.wait_for_selector("#conn-status.online")
    prompts = student.locator("#activity-prompts")
    assert prompts.get_by_text(english["prompts"][1]).is_visible()
    assert student.locator("#activity [data-phase=prepare]").is_hidden()
    assert student.locator("#reflection").is_hidden()

    # The teacher closes the room: the student's page turns to reflection by itself.
    teacher.wait_for_selector("#conn-status.online")
    teacher.locator("#controls [data-action=close]").click()
    student.locator("#activity [data-phase=reflect]").wait_for(state="visible")
    assert prompts.is_hidden()
    student.get_by_role("link", name="Share your reflection").click()
    student.get_by_label("Very happy").check()
    learned = "They cook " + unique_words() + " in the school kitchen"
    student.get_by_label("What did you learn about your partner class?").fill(learned)
    student.get_by_role("button", name="Send").click()
    student.get_by_text("Thank you for your reflection.").wait_for()

    # The reflection is collected for the teacher, and the dashboard counts the session.
    teacher.goto(f"{server.url}/rooms/{room}/reflections")
    item = teacher.locator("#student-reflections li", has_text=learned)
    assert "Nora" in item.inner_text() and "Very happy" in item.inner_text()
    teacher.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    teacher.get_by_role("link", name="impact page").click()
    assert teacher.locator("#fig-sessions").inner_text() == str(sessions_before + 1)
    chart = teacher.locator("#chart-sessions")
    month = suite_now().strftime("%Y-%m")
    assert int(chart.locator("tr", has_text=month).locator("td").inner_text()) >= 1
    teacher.wait_for_function(
        "() => { const i = document.querySelector('#chart-sessions img'); return i.complete && i.naturalWidth > 0; }"
    )
    assert not teacher_errors and not student_errors


def test_the_public_safety_report_counts_this_terms_flags_and_names_no_one(server, api):
    anyone = requests.get(server.url + "/safety-report", timeout=15)
    assert anyone.status_code == 200 and "Safety report" in anyone.text
    before = int(re.search(r'id="flag-total">(\d+) flag', anyone.text).group(1))
    nora = live_client(api("nora.berg"))
    try:
        room = next(
            r["id"] for r in api("nora.berg").get("/api/v1/rooms").json()["rooms"] if "seasons" in r["title"].lower()
        )
        assert nora.join(room)["ok"]
        assert nora.send(room, "I will punch you in the face " + unique_words())["held"] is True
    finally:
        nora.close()
    page = requests.get(server.url + "/safety-report", timeout=15).text
    assert int(re.search(r'id="flag-total">(\d+) flag', page).group(1)) == before + 1
    assert "Violence or a threat" in page and "The content filter" in page
    # The filter's measured figures per language, from the evaluation bench's file.
    measured = json.loads((LIBRARY.parents[1] / "evaluation" / "filter_report.json").read_text(encoding="utf-8"))
    assert 'id="filter-figures"' in page and "All languages" in page
    assert f"Measured on {measured['sets']['independent']['messages']} messages" in page
    # Public and aggregate: no school, room or person is named.
    for name in ("Fjordvik", "Wattle Creek", "Nora", "seasons and weather", "astrid"):
        assert name not in page
    term = suite_now().strftime("%Y")
    printable = requests.get(server.url + f"/safety-report/print?term={term}-1", timeout=15)
    assert printable.status_code == 200 and 'id="flag-total"' in printable.text and "main-nav" not in printable.text
    assert requests.get(server.url + "/safety-report?term=nonsense", timeout=15).status_code == 200
