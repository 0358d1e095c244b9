"""A file name that only the trained second opinion doubts asks for a person's look, not a refusal:
a pupil's file waits for their teacher, an adult's is shared and shown to the moderators. A name the
rules hold is still refused, and an everyday name such as "Vår skolegård.png" is simply shared.

The doubted name is a line of the tuning set (it-d5064) that the rules let through and the model
holds; the first test says so, so that a retrained model that no longer holds it fails loudly
instead of leaving the other tests checking nothing.
"""

from __future__ import annotations

import pytest
from conftest import MODERATOR, TEACHER_OSLO, TEACHER_SYDNEY, demo_room_id
from support import Api
from test_files_http import error_code, listed, png_bytes, upload, uploaded

from exchange.safety import SafetyPolicy, check_text

DOUBTED = "i tuoi quando escono la sera"  # "when do your parents go out in the evening?"


@pytest.fixture(scope="module")
def rooms(server):
    teacher = Api(server.url).login(TEACHER_OSLO)
    return {"partner": demo_room_id(teacher, "seasons"), "own": demo_room_id(teacher, "9a class")}


def test_the_doubted_name_is_held_by_the_second_opinion_alone():
    for audience in ("teen", "adult"):
        verdict = check_text(DOUBTED, audience=audience, policy=SafetyPolicy(second_opinion=True))
        assert verdict.action == "hold", audience
        assert [r.rule for r in verdict.reasons] == ["model:grooming"], audience
        rules_alone = check_text(DOUBTED, audience=audience, policy=SafetyPolicy(second_opinion=False))
        assert rules_alone.action == "allow"


def test_a_pupils_doubted_file_waits_for_the_teacher_even_where_files_pass_at_once(api, rooms):
    room = rooms["partner"]
    teacher = api(TEACHER_SYDNEY)
    r = teacher.post(f"/api/v1/rooms/{room}/files/policy", {"student_files_need_approval": False})
    assert r.status_code == 200, r.text
    try:
        f = uploaded(api("jack.nguyen"), room, png_bytes(color=(9, 9, 9)), f"{DOUBTED}.png")
        assert f["status"] == "pending"
        assert f["id"] in [x["id"] for x in teacher.get("/api/v1/files/review").json()["files"]]
        assert f["id"] not in listed(api(TEACHER_OSLO), room)  # the partner class does not see it yet
        # An everyday name passes at once, as the room's policy says.
        ours = uploaded(api("jack.nguyen"), room, png_bytes(color=(8, 8, 8)), "Vår skolegård.png")
        assert ours["status"] == "approved"
    finally:
        teacher.post(f"/api/v1/rooms/{room}/files/policy", {"student_files_need_approval": True})


def test_an_adults_doubted_file_is_shared_and_shown_to_the_moderators(api, rooms):
    f = uploaded(api(TEACHER_OSLO), rooms["own"], b"Evening plans for the trip.\n", f"{DOUBTED}.txt")
    assert f["status"] == "approved"
    flags = api(MODERATOR).get(f"/api/v1/flags?room={rooms['own']}").json()["flags"]
    mine = [x for x in flags if x["subject_type"] == "file" and x["subject_id"] == f["id"]]
    assert len(mine) == 1 and mine[0]["body"] == f"{DOUBTED}.txt"
    assert [r["rule"] for r in mine[0]["reasons"]] == ["model:grooming"]


def test_a_name_the_rules_hold_is_still_refused(api, rooms):
    r = upload(api(TEACHER_OSLO), rooms["own"], b"hello", "send me a selfie in your bedroom.txt")
    assert r.status_code == 400 and error_code(r) == "name_refused"
