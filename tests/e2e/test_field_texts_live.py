"""A text that can only be accepted or refused (a room's title, a teacher's note to families, an
exhibition's title) is decided by the word lists and phrase rules, one policy for every such field
(``exchange.safety.check_field``): a hold of the trained second opinion asks for a person's look,
which a form cannot wait for, so there it would only refuse.

The doubted text is a line of the tuning set (it-d5064) that the rules let through and the model
holds; the first test says so, so that a retrained model that no longer holds it fails loudly
instead of leaving the other tests checking nothing. Chat keeps the model: the same words sent in a
room are held for a moderator (tests/files/test_files_second_opinion.py does the same for files).
"""

from __future__ import annotations

from conftest import TEACHER_SYDNEY
from support import Api

from exchange.safety import FIELD_POLICY, SafetyPolicy, check_field, check_text

DOUBTED = "i tuoi quando escono la sera"  # "when do your parents go out in the evening?"
REFUSED = "send me a selfie in your bedroom"


def test_the_doubted_text_is_held_by_the_second_opinion_alone():
    for audience in ("under13", "adult"):
        verdict = check_text(DOUBTED, audience=audience, policy=SafetyPolicy(second_opinion=True))
        assert verdict.action == "hold", audience
        assert [r.rule for r in verdict.reasons] == ["model:grooming"], audience
        assert check_field(DOUBTED, audience=audience).action == "allow"
        assert check_field(REFUSED, audience=audience).action != "allow"
    assert FIELD_POLICY.second_opinion is False


def _year9(teacher: Api) -> int:
    return next(c["id"] for c in teacher.get("/api/v1/classes").json()["classes"] if "Year 9" in c["name"])


def test_a_room_title_only_the_model_doubts_is_accepted_and_a_harmful_one_refused(api):
    teacher = api(TEACHER_SYDNEY)
    cls = _year9(teacher)
    r = teacher.post("/api/v1/rooms", {"title": DOUBTED, "class_ids": [cls]})
    assert r.status_code == 201, r.text
    assert r.json()["title"] == DOUBTED
    r = teacher.post("/api/v1/rooms", {"title": REFUSED, "class_ids": [cls]})
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "name_refused"  # a short title is checked as a name is
    assert r.json()["error"]["message"] == "Title is not allowed here. Please choose another."


def test_a_note_to_families_only_the_model_doubts_is_kept_and_a_harmful_one_refused(api):
    teacher = api(TEACHER_SYDNEY)
    r = teacher.post("/api/v1/messages/availability", {"note": DOUBTED})
    assert r.status_code == 200, r.text
    assert r.json()["note"] == DOUBTED
    r = teacher.post("/api/v1/messages/availability", {"note": REFUSED})
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "message_blocked"
    assert teacher.post("/api/v1/messages/availability", {"note": "After three on weekdays."}).status_code == 200
