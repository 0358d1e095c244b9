"""Files in-process: a student's file waits for their teacher before the partner class sees it;
only room members download; consent to share files is needed across schools; removal."""

from __future__ import annotations

import io

import factories
import pytest
from factories import login_of
from PIL import Image


def png_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (20, 160, 60)).save(buf, "PNG")
    return buf.getvalue()


def upload(client, room_id: int, data: bytes, name: str):
    return client.post(f"/api/v1/rooms/{room_id}/files", data={"file": (io.BytesIO(data), name)})


def listed(client, room_id: int) -> dict:
    r = client.get(f"/api/v1/rooms/{room_id}/files")
    assert r.status_code == 200, r.text
    return {f["id"]: f for f in r.json()["files"]}


@pytest.fixture()
def world(db_session):
    w = factories.exchange_world()
    factories.consent(w["student"], "file_sharing", by=w["teacher"])
    return w


@pytest.fixture()
def people(world, as_user):
    return {
        name: as_user(login_of(world[name]))
        for name in ("teacher", "partner_teacher", "student", "classmate", "partner_student")
    }


def test_a_students_file_reaches_the_partner_class_only_after_the_teacher_approves(world, people):
    room = world["room"].id
    r = upload(people["student"], room, png_bytes(), "our river.png")
    assert r.status_code == 201, r.text
    f = r.json()["file"]
    assert f["status"] == "pending" and f["kind"] == "image"
    for other in ("partner_student", "partner_teacher"):
        assert f["id"] not in listed(people[other], room)
        r = people[other].get(f"/files/{f['id']}")
        assert r.status_code == 403 and r.json()["error"]["code"] == "awaiting_approval"
    assert people["partner_teacher"].post(f"/api/v1/files/{f['id']}/approve").status_code == 403
    assert f["id"] in listed(people["classmate"], room)  # the uploader's own class sees it
    r = people["teacher"].post(f"/api/v1/files/{f['id']}/approve", {})
    assert r.status_code == 200 and r.json()["file"]["status"] == "approved"
    got = people["partner_student"].get(f"/files/{f['id']}")
    assert got.status_code == 200 and got.headers["Content-Type"] == "image/png"
    assert listed(people["partner_student"], room)[f["id"]]["may_download"] is True
    assert people["teacher"].post(f"/api/v1/files/{f['id']}/approve", {}).status_code == 409


def test_a_rejected_file_never_reaches_the_partner(world, people):
    room = world["room"].id
    f = upload(people["student"], room, png_bytes(), "drawing.png").json()["file"]
    r = people["teacher"].post(f"/api/v1/files/{f['id']}/reject", {"reason": ""})
    assert r.status_code == 400 and r.json()["error"]["code"] == "reason_required"
    r = people["teacher"].post(f"/api/v1/files/{f['id']}/reject", {"reason": "Faces of other children are visible"})
    assert r.status_code == 200 and r.json()["file"]["status"] == "rejected"
    mine = listed(people["student"], room)[f["id"]]
    assert mine["status"] == "rejected" and mine["reason"] == "Faces of other children are visible"
    assert f["id"] not in listed(people["partner_student"], room)


def test_without_consent_to_share_files_a_student_is_refused_across_schools(world, people, db_session):
    r = upload(people["classmate"], world["room"].id, png_bytes(), "me.png")
    assert r.status_code == 403 and r.json()["error"]["code"] == "consent_missing"
    own_room = factories.room(world["teacher"], [world["class"]], title="9B among ourselves")
    assert upload(people["classmate"], own_room.id, png_bytes(), "me.png").status_code == 201


def test_only_room_members_may_download(world, people, as_user, db_session):
    f = upload(people["teacher"], world["room"].id, b"Seasons quiz\n", "quiz.txt").json()["file"]
    assert f["status"] == "approved"  # a teacher's file needs no approval
    assert people["partner_student"].get(f"/files/{f['id']}").status_code == 200
    outsider = factories.user(
        "teacher", school_of=factories.school("Kowhai Bay School", country="NZ", timezone="Pacific/Auckland")
    )
    r = as_user(login_of(outsider)).get(f"/api/v1/files/{f['id']}/download")
    assert r.status_code == 403 and r.json()["error"]["code"] == "not_a_member"
    assert as_user(login_of(outsider)).get(f"/api/v1/rooms/{world['room'].id}/files").status_code == 403
    assert people["student"].get("/files/AAAAAAAAAAAAAAAAAAAAAA").status_code == 404
    assert as_user(None).get(f"/api/v1/files/{f['id']}/download").status_code == 401


def test_a_removed_file_is_gone_for_everyone(world, people, db_session):
    f = upload(people["partner_teacher"], world["room"].id, b"Bush fire map\n", "map.txt").json()["file"]
    assert people["student"].post(f"/api/v1/files/{f['id']}/remove", {"reason": "mine now"}).status_code == 403
    r = people["teacher"].post(f"/api/v1/files/{f['id']}/remove", {"reason": "Shows a private address"})
    assert r.status_code == 200 and r.json()["file"]["status"] == "removed"
    for who in ("student", "partner_teacher"):
        r = people[who].get(f"/api/v1/files/{f['id']}/download")
        assert r.status_code == 410 and r.json()["error"]["code"] == "file_removed"
