"""A pupil who quotes harm done to them to ask an adult for help is heard at once: the message is
delivered whole (the teacher in the room reads it), and it is in the moderation queue as a report
(issue 15: "pupils quoting threats to report them" were held as threats). The same quotation
without the appeal to an adult is still refused. Real `exchange serve`, real Socket.IO clients."""

from __future__ import annotations

from conftest import MODERATOR, TEACHER_SYDNEY, demo_room_id
from support import unique_words

REPORT = "Miss, someone from the other class wrote 'I will stab you after school' under my drawing, what do I do?"
PASSED_ON = "Jake wrote 'I will stab you after school'"  # a threat relayed to its target, nobody asked for help


def test_a_pupils_report_of_harm_is_delivered_and_flagged_for_a_person(api, live):
    mod_api = api(MODERATOR)
    room = demo_room_id(mod_api)
    moderator = live(mod_api)
    assert moderator.call("watch_flags", {})["ok"]
    teacher = live(api(TEACHER_SYDNEY))
    student = live(api("jack.nguyen"))
    for client in (teacher, student):
        assert client.join(room)["ok"]

    words = f"{REPORT} ({unique_words()})"
    ack = student.send(room, words)
    assert ack["ok"] and ack.get("held") is not True and ack["seq"], ack
    delivered = teacher.wait_for(lambda m: m["seq"] == ack["seq"])
    assert delivered["body"] == words  # whole: the teacher reads what was written to the pupil
    flag = moderator.wait_for(lambda f: f["subject_id"] == str(ack["seq"]), name="flag")
    assert flag["verdict"] == "notice" and flag["reports_harm"] is True and flag["delivered_masked"] is False
    assert flag["body"] == words and flag["category"] == "violence" and flag["status"] == "open"
    assert any(rule.startswith("reported:") for rule in flag["rules"]), flag["rules"]
    teacher.wait_for(lambda f: f["id"] == flag["id"], name="flag")  # the supervising teacher is told too
    page = mod_api.get("/moderation", headers={"Accept": "text/html"}).text
    assert "a pupil reports harm (delivered)" in page and "Remove the delivered message" in page

    relayed = student.send(room, f"{PASSED_ON} ({unique_words()})")
    assert relayed["ok"] is False and relayed["error"] == "blocked"  # a stabbing threat, as before


def test_a_report_in_a_reflection_is_kept_and_flagged(api):
    """The same rule on another path: a reflection's answer that reports harm is kept whole, and a flag of
    the writer's school asks a person to read it (evaluation.screening asks `must_be_read`)."""
    student = api("jack.nguyen")
    room = demo_room_id(student)
    words = f"Sir, a boy wrote 'you are dead tomorrow' under my poster, I took a screenshot ({unique_words()})"
    r = student.post(f"/api/v1/rooms/{room}/reflection", {"scale": 3, "answers": {"learned": words}})
    assert r.status_code == 200, r.text
    assert r.json()["answers"]["learned"] == words and r.json()["held"] is False, r.json()
    flags = api(MODERATOR).get("/api/v1/flags").json()["flags"]
    flag = next(f for f in flags if f["body"] == words)
    assert flag["verdict"] == "notice" and flag["subject_type"] == "reflection" and flag["category"] == "violence"
