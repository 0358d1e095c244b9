"""A partnership's surveys before and after, and its quality rubric, on a running server (issue 20):
the API as each role meets it, the safety path of a student's line, the label and the dashboard's
figures, and in Chromium a student answering the survey while the teacher sees it counted."""

from __future__ import annotations

import json
from datetime import timedelta

from conftest import ADMIN_OSLO, ADMIN_SYDNEY, MODERATOR, TEACHER_OSLO, TEACHER_SYDNEY, demo_room_id, new_context
from support import Api, iso_z, suite_now, unique_words

SCALES = {"knowledge": 2, "comfort": 3, "similarity": 2}
ALL_THREE = dict.fromkeys(("collaboration", "innovation", "curriculum", "technology", "results", "safety"), 3)


def _class_id(teacher: Api) -> int:
    return teacher.get("/api/v1/classes").json()["classes"][0]["id"]


def _room(oslo: Api, *, partner: Api | None = None) -> int:
    """An open room of Astrid's class (and, with `partner`, Liam's class, accepted: a partnership)."""
    classes = [_class_id(oslo)] + ([_class_id(partner)] if partner else [])
    r = oslo.post(
        "/api/v1/rooms",
        {
            "title": "Partnership " + unique_words(),
            "class_ids": classes,
            "opens_at": iso_z(suite_now() - timedelta(minutes=5)),
            "closes_at": iso_z(suite_now() + timedelta(days=2)),
        },
    )
    assert r.status_code == 201, r.text
    room = r.json()["id"]
    if partner:
        assert partner.post(f"/api/v1/rooms/{room}/invitations/{classes[1]}/accept", {}).status_code == 200
    return room


def _open(teacher: Api, room: int, phase: str):
    return teacher.post(f"/api/v1/rooms/{room}/surveys/open", {"phase": phase})


def _answer(student: Api, room: int, scales=SCALES, texts=None):
    return student.post(f"/api/v1/rooms/{room}/surveys/answers", {"scales": scales, "texts": texts or {}})


def test_the_demo_partnership_shows_its_figures_and_label(api):
    oslo = api(TEACHER_OSLO)
    room = demo_room_id(oslo)
    seen = oslo.get(f"/api/v1/rooms/{room}/surveys").json()
    assert seen["partnership"] is True and seen["phase"] == "after" and seen["quality_label"] is True
    knowledge = next(q for q in seen["questions"] if q["key"] == "knowledge")
    assert knowledge["before_answers"] == 4 and knowledge["after_answers"] == 3
    assert knowledge["before_mean"] < knowledge["after_mean"]
    # Astrid reads her own students' lines by first name, the partner class's without a name.
    named = {line["name"] for line in seen["lines"]}
    assert "Nora" in named and None in named and "Mia" not in named and "Jack" not in named
    page = oslo.get(f"/rooms/{room}/surveys", headers={"Accept": "text/html"}).text
    assert 'id="quality-label"' in page and 'id="survey-results"' in page
    assert 'id="surveys-link"' in oslo.get(f"/rooms/{room}", headers={"Accept": "text/html"}).text
    figures = oslo.get("/api/v1/impact").json()
    assert figures["partnerships_with_quality_label"] >= 1 and figures["partnerships"] >= 1
    assert next(q for q in figures["knowledge"] if q["question"] == "knowledge")["before_answers"] >= 4


def test_a_teacher_opens_each_phase_and_each_student_answers_once(api):
    oslo, sydney = api(TEACHER_OSLO), api(TEACHER_SYDNEY)
    room = _room(oslo, partner=sydney)
    nora, mia = api("nora.berg"), api("mia.thompson")
    assert _answer(nora, room).json()["error"]["code"] == "survey_not_open"
    # Only a teacher of the partnership opens it, "before" first.
    assert _open(api(ADMIN_OSLO), room, "before").json()["error"]["code"] == "not_supervisor"
    assert _open(nora, room, "before").status_code == 403
    assert _open(oslo, room, "after").json()["error"]["code"] == "before_first"
    assert _open(oslo, room, "during").status_code == 400
    r = _open(oslo, room, "before")
    assert r.status_code == 201 and r.json()["phase"] == "before"
    assert _open(sydney, room, "before").json()["error"]["code"] == "already_open"
    asked = nora.get(f"/api/v1/rooms/{room}/surveys").json()
    assert asked["phase"] == "before" and asked["kind"] == "words" and asked["mine"] == []
    assert [q["key"] for q in asked["questions"]] == ["knowledge", "comfort", "similarity"]
    # Answers are checked, and each phase is answered once.
    bad = _answer(nora, room, {**SCALES, "comfort": 5})
    assert bad.status_code == 400 and bad.json()["error"]["message"] == "Choose one answer for each question."
    long = _answer(nora, room, texts={"one_thing": "x" * 301})
    assert long.status_code == 400 and "300 characters" in long.json()["error"]["message"]
    nora_line = "They surf near " + unique_words()
    r = _answer(nora, room, texts={"one_thing": nora_line})
    assert r.status_code == 201 and r.json()["texts"] == {"one_thing": nora_line} and r.json()["held"] is False
    assert _answer(nora, room).json()["error"]["code"] == "already_answered"
    mia_line = "They ski to school past " + unique_words()
    assert _answer(mia, room, {"knowledge": 1, "comfort": 2, "similarity": 1}, {"one_thing": mia_line}).ok
    # Each teacher: own students by first name, the partner's line without a name; students see their own only.
    seen = oslo.get(f"/api/v1/rooms/{room}/surveys").json()
    knowledge = next(q for q in seen["questions"] if q["key"] == "knowledge")
    assert (knowledge["before_mean"], knowledge["before_answers"], knowledge["after_answers"]) == (1.5, 2, 0)
    assert {"name": "Nora", "phase": "before", "text": nora_line} in seen["lines"]
    assert {"name": None, "phase": "before", "text": mia_line} in seen["lines"] and "Mia" not in json.dumps(seen)
    theirs = sydney.get(f"/api/v1/rooms/{room}/surveys").json()
    assert {"name": "Mia", "phase": "before", "text": mia_line} in theirs["lines"] and "Nora" not in json.dumps(theirs)
    mine = nora.get(f"/api/v1/rooms/{room}/surveys").json()
    assert [a["texts"] for a in mine["mine"]] == [{"one_thing": nora_line}] and mia_line not in json.dumps(mine)
    assert nora.get(f"/rooms/{room}/surveys").status_code == 403
    # The partner's teacher opens "after", which ends "before"; everyone answers again.
    assert _open(sydney, room, "after").status_code == 201
    assert _answer(nora, room, {"knowledge": 4, "comfort": 4, "similarity": 3}).status_code == 201
    after = oslo.get(f"/api/v1/rooms/{room}/surveys").json()
    knowledge = next(q for q in after["questions"] if q["key"] == "knowledge")
    assert (knowledge["after_mean"], knowledge["after_answers"]) == (4, 1) and after["phase"] == "after"
    # Not a member, a forged room, a room of one school: a sentence each, never a 500.
    assert _answer(api("zawadi.otieno"), room).status_code == 403
    assert oslo.get("/api/v1/rooms/99999999/surveys").json()["error"]["code"] == "no_such_room"
    assert oslo.get("/rooms/99999999/surveys").status_code == 404
    single = _room(oslo)
    r = _open(oslo, single, "before")
    assert r.status_code == 400 and r.json()["error"]["code"] == "not_a_partnership"
    assert "two schools" in r.json()["error"]["message"]


def test_a_harmful_line_reaches_a_moderator_and_a_blocked_one_is_refused(api):
    oslo, sydney = api(TEACHER_OSLO), api(TEACHER_SYDNEY)
    room = _room(oslo, partner=sydney)
    assert _open(oslo, room, "before").status_code == 201
    nora = api("nora.berg")
    blocked = _answer(nora, room, texts={"one_thing": "fuck you " + unique_words()})
    assert blocked.status_code == 400 and blocked.json()["error"]["code"] == "blocked"
    assert "not saved" in blocked.json()["error"]["message"]
    cry = "I want to kill myself " + unique_words()
    r = _answer(nora, room, texts={"one_thing": cry})
    assert r.status_code == 201 and r.json()["held"] is True and r.json()["texts"] == {}
    # The child's school and the moderators read it; the partner teacher does not.
    assert cry in api(MODERATOR).get("/moderation").text and cry in api(ADMIN_OSLO).get("/moderation").text
    assert cry not in sydney.get("/moderation").text
    seen = oslo.get(f"/api/v1/rooms/{room}/surveys").json()
    assert seen["held"] == 1 and cry not in json.dumps(seen)


def test_a_review_awards_the_quality_label_and_the_dashboard_counts_it(api):
    oslo, sydney = api(TEACHER_OSLO), api(TEACHER_SYDNEY)
    room = _room(oslo, partner=sydney)
    before = oslo.get("/api/v1/impact").json()["partnerships_with_quality_label"]
    note = "Both classes planned the " + unique_words() + " project together."
    # A teacher's self-assessment never awards the label.
    r = oslo.post(f"/api/v1/rooms/{room}/rubric", {"scores": ALL_THREE, "notes": {"collaboration": note}})
    assert r.status_code == 201 and r.json()["kind"] == "self" and r.json()["label"] is False
    assert r.json()["notes"] == {"collaboration": note}
    assert oslo.get(f"/api/v1/rooms/{room}/rubric").json()["quality_label"] is False
    # Students and outsiders may not score it; a score is 0 to 3.
    assert api("nora.berg").post(f"/api/v1/rooms/{room}/rubric", {"scores": ALL_THREE}).status_code == 403
    assert api(TEACHER_SYDNEY).post("/api/v1/rooms/99999999/rubric", {"scores": ALL_THREE}).status_code == 404
    bad = oslo.post(f"/api/v1/rooms/{room}/rubric", {"scores": {**ALL_THREE, "safety": 4}})
    assert bad.status_code == 400 and "from 0 to 3" in bad.json()["error"]["message"]
    # A review below the rule, then one that meets it: the latest review decides.
    low = api(ADMIN_SYDNEY).post(f"/api/v1/rooms/{room}/rubric", {"scores": {**ALL_THREE, "safety": 1}})
    assert low.status_code == 201 and low.json()["kind"] == "review" and low.json()["label"] is False
    scores = {**ALL_THREE, "innovation": 2, "technology": 2, "results": 2, "safety": 2}  # 14 of 18
    held_note = "Send me your phone number and address, and keep it secret from your parents"
    r = api(ADMIN_OSLO).post(f"/api/v1/rooms/{room}/rubric", {"scores": scores, "notes": {"results": held_note}})
    assert r.status_code == 201 and r.json()["label"] is True and r.json()["held"] is True and r.json()["notes"] == {}
    standing = oslo.get(f"/api/v1/rooms/{room}/rubric").json()
    assert standing["quality_label"] is True and standing["review_total"] == 14 and standing["self_total"] == 18
    assert [a["kind"] for a in standing["assessments"]] == ["review", "review", "self"]
    assert 'id="quality-label"' in oslo.get(f"/rooms/{room}/surveys", headers={"Accept": "text/html"}).text
    assert oslo.get("/api/v1/impact").json()["partnerships_with_quality_label"] == before + 1
    # Audited like every other action.
    actions = [r["action"] for r in api(ADMIN_OSLO).get(f"/api/v1/audit?room={room}").json()["records"]]
    assert {"rubric.self_assessment", "rubric.review"} <= set(actions)
    # The chart, its table and the CSV.
    chart = oslo.get("/impact/charts/knowledge.svg")
    assert chart.status_code == 200 and "Knowledge of the partner before and after" in chart.text
    assert "<script" not in chart.text
    page = oslo.get("/impact", headers={"Accept": "text/html"}).text
    assert 'id="chart-knowledge"' in page and 'id="fig-labelled"' in page
    csv_text = oslo.get("/impact.csv").text
    assert f"partnerships_with_quality_label,,{before + 1}" in csv_text
    assert "knowledge_before_mean,knowledge," in csv_text


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


def test_must_show_a_student_answers_the_survey_and_the_teacher_sees_it_counted(server, browser, api):
    oslo = api(TEACHER_OSLO)
    room = _room(oslo, partner=api(TEACHER_SYDNEY))
    assert _open(oslo, room, "before").status_code == 201

    student, student_errors = _login(browser, server, "nora.berg")
    student.goto(f"{server.url}/rooms/{room}")
    student.get_by_role("link", name="Answer the survey about your partner class").click()
    knowledge = student.get_by_role(
        "group", name="How much do you know about daily life in your partner class's country?"
    )
    knowledge.get_by_label("A little").check()
    student.get_by_role("group", name="How would you feel talking with students from there?").get_by_label(
        "Happy to"
    ).check()
    student.get_by_role("group", name="How similar do you think their daily life is to yours?").get_by_label(
        "Rather different"
    ).check()
    line = "They have a beach near " + unique_words()
    student.get_by_label("Write one thing you know about them (optional).").fill(line)
    student.get_by_role("button", name="Send").click()
    student.get_by_text("Thank you for answering the survey.").wait_for()
    student.goto(f"{server.url}/rooms/{room}/survey")
    assert line in student.locator("#mine-before").inner_text()

    teacher, teacher_errors = _login(browser, server, TEACHER_OSLO)
    teacher.goto(f"{server.url}/rooms/{room}")
    teacher.get_by_role("link", name="Surveys and quality of the partnership").click()
    row = teacher.locator("#q-knowledge")
    assert row.locator(".answers-before").inner_text() == "1" and "2.0" in row.inner_text()
    assert "Nora" in teacher.locator("#survey-lines").inner_text()
    assert not student_errors and not teacher_errors
