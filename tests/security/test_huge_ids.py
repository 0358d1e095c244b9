"""Ids that can name no row (2^31 and above, 0, negative, wrong types) get 404 or 400 on every
route, JSON body and Socket.IO event, never a 500 or a server_error ack (issue 13, part 2).
In-process (Flask's and Flask-SocketIO's test clients) on the demo data."""

from __future__ import annotations

import re

import pytest
from conftest import ADMIN_OSLO, EXPERT, MODERATOR, TEACHER_OSLO, demo_room_id
from registry import id_arguments, routes
from support import AppApi, Reply

pytestmark = pytest.mark.demo_data

OUT_OF_RANGE = [str(2**31), str(2**63), str(2**64), "1" + "0" * 40, "0", "-1"]
LARGEST = str(2**31 - 1)  # the largest id a row can have (PostgreSQL INTEGER): routed, then not found
WHO = [None, ADMIN_OSLO, TEACHER_OSLO, "nora.berg", MODERATOR, EXPERT]
BAD_IDS = [2**31, 2**63, 2**64, -1, 0, -(2**63), 10**40, 1.5, True, "9" * 40, "-3", "", None, [1], {"id": 1}]


def _path(rule: str, value: str) -> str:
    path = re.sub(r"<int:\w+>", value, rule)
    path = re.sub(r"<any\(\s*([^,)]+)[^)]*\):\w+>", lambda m: m.group(1).strip(), path)
    return re.sub(r"<(?:\w+:)?\w+>", "x", path)


def _call(client: AppApi, method: str, path: str) -> Reply:
    headers = {
        "X-CSRFToken": client.csrf or "",
        "Accept": "application/json" if path.startswith("/api/") else "text/html",
    }
    return client.request(method, path, json={} if method != "GET" else None, headers=headers)


def test_every_id_route_answers_404_for_an_id_that_can_name_no_row(as_user):
    id_routes = [r for r in routes() if id_arguments(r.rule)]
    assert len(id_routes) > 60, "the registry should list the id routes"
    wrong = []
    for client in [as_user(who) for who in WHO]:
        for route in id_routes:
            # The router refuses these before any login check, so two kinds of visitor are enough for them.
            for value in OUT_OF_RANGE if client.user is None or client.user["role"] == "teacher" else ():
                r = _call(client, route.method, _path(route.rule, value))
                # 405 when another method's rule has the same shape: the router refuses before any id is read
                if r.status_code not in (404, 405) or "Traceback" in r.text:
                    wrong.append((client.user and client.user["role"], route.key, value, r.status_code))
            r = _call(client, route.method, _path(route.rule, LARGEST))
            if r.status_code >= 500 or "Traceback" in r.text:
                wrong.append((client.user and client.user["role"], route.key, LARGEST, r.status_code))
    assert not wrong, f"{len(wrong)} answers were not 404: {wrong[:20]}"


def test_ids_in_json_bodies_get_a_clear_4xx(as_user):
    teacher, moderator = as_user(TEACHER_OSLO), as_user(MODERATOR)
    room = demo_room_id(teacher)
    cls = teacher.get("/api/v1/classes").json()["classes"][0]["id"]
    wrong = []
    for bad in BAD_IDS:
        wrong += _refused_clearly(teacher, moderator, room, cls, bad)
    assert not wrong, wrong


def _refused_clearly(teacher: AppApi, moderator: AppApi, room: int, cls: int, bad) -> list:
    calls = [
        (teacher, "/api/v1/rooms", {"title": "Ids", "class_ids": [cls, bad]}),
        (teacher, "/api/v1/rooms", {"title": "Ids", "class_ids": [cls], "expert_ids": [bad]}),
        (teacher, f"/api/v1/rooms/{room}/mute", {"user_id": bad, "minutes": 5}),
        (teacher, "/api/v1/reports", {"room": bad, "seq": 1, "subject_type": "message", "reason": "test"}),
        (teacher, "/api/v1/reports", {"room": room, "seq": bad, "subject_type": "message", "reason": "test"}),
        (teacher, "/api/v1/reports", {"subject_type": "profile", "subject_id": bad, "reason": "test"}),
        (teacher, "/api/v1/sessions", {"class_id": bad, "partner_class_id": cls, "title": "Ids"}),
        (
            teacher,
            "/api/v1/sessions",
            {"class_id": cls, "partner_class_id": bad, "title": "Ids", "date": "2030-01-08", "time": "10:00"},
        ),
        (
            teacher,
            "/api/v1/sessions/check",
            {"class_id": cls, "partner_class_id": bad, "date": "2030-01-08", "time": "10:00"},
        ),
        (teacher, "/api/v1/async-exchanges", {"class_id": cls, "partner_class_id": bad, "title": "Ids"}),
        (teacher, "/api/v1/offers/1/requests", {"class_id": bad}),
        (moderator, "/api/v1/reports", {"room": room, "seq": bad, "subject_type": "message", "reason": "test"}),
    ]
    wrong = []
    for client, path, body in calls:
        r = client.post(path, body)
        if not 400 <= r.status_code < 500 or "Traceback" in r.text:
            wrong.append((path, body, r.status_code, r.text[:200]))
    return wrong


def test_ids_in_socket_payloads_get_an_error_ack(as_user, as_live):
    clients = [as_live(as_user(who)) for who in (TEACHER_OSLO, "nora.berg", MODERATOR)]
    wrong = []
    for client in clients:
        for event in ("join", "leave", "send_message", "typing", "presence", "watch_files", "unwatch_files"):
            for bad in BAD_IDS:
                ack = client.call(event, {"room": bad, "body": "hello", "client_msg_id": "x", "last_seq": 0})
                if not isinstance(ack, dict) or ack.get("ok") is not False or ack.get("error") == "server_error":
                    wrong.append((event, bad, ack))
        room = demo_room_id(client.api) if client.api.user["role"] != "moderator" else None
        if room is not None:
            for bad in (2**31, 2**63, 2**64, 10**40):
                ack = client.call("join", {"room": room, "last_seq": bad})
                if not isinstance(ack, dict) or ack.get("error") == "server_error":
                    wrong.append(("join last_seq", bad, ack))
    assert not wrong, wrong
