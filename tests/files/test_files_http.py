"""File exchange over real HTTP and Socket.IO against the real server, with real files made here:
GPS stripped from a child's photo, the teacher's approval before the partner class sees a
file, refused polyglots and renamed programs, safe names, headers, limits, removal, audit."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
import requests
from conftest import MODERATOR, TEACHER_NAIROBI, TEACHER_OSLO, TEACHER_SYDNEY, demo_room_id
from PIL import Image
from support import Api, Live, ServerProcess

GPS_IFD = 0x8825
ORIENTATION = 0x0112
PARTNER_STUDENT = "mia.thompson"  # Sydney, in the Oslo-Sydney room
OSLO_STUDENT = "elias.haugen"  # Oslo, consent to share files with other schools
OSLO_CLASSMATE = "nora.berg"  # Oslo, consent to exchanges but not to sharing files


# --- real files -------------------------------------------------------------------------


def jpeg_with_gps() -> bytes:
    """64x32, left half red; GPS position of a home, camera make and orientation 6 (turn right)."""
    im = Image.new("RGB", (64, 32), (0, 0, 255))
    im.paste((255, 0, 0), (0, 0, 32, 32))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (59.0, 54.0, 36.0), 3: "E", 4: (10.0, 45.0, 12.0)})
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif, quality=95)
    return buf.getvalue()


def png_bytes(size=(40, 30), color=(20, 160, 60)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "PNG")
    return buf.getvalue()


def pe_stub() -> bytes:
    """The start of a Windows program: MZ header pointing at a PE signature."""
    header = bytearray(b"MZ\x90\x00" + b"\x00" * 60)
    header[0x3C:0x40] = struct.pack("<I", 0x80)
    return bytes(header) + b"\x00" * (0x80 - 64) + b"PE\x00\x00\x4c\x01" + b"\x00" * 64


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buf.getvalue()


def pdf_bytes(*objects: bytes, catalog: bytes = b"") -> bytes:
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R" + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        *objects,
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(bodies, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, xref)
    return bytes(out)


# --- helpers ----------------------------------------------------------------------------


def upload(api: Api, room: int, data: bytes, name: str, mime: str = "application/octet-stream"):
    return api.http.post(
        f"{api.base}/api/v1/rooms/{room}/files",
        files={"file": (name, data, mime)},
        headers={"X-CSRFToken": api.csrf or "", "Accept": "application/json"},
        timeout=30,
    )


def uploaded(api: Api, room: int, data: bytes, name: str) -> dict:
    r = upload(api, room, data, name)
    assert r.status_code == 201, r.text
    return r.json()["file"]


def listed(api: Api, room: int) -> dict:
    r = api.get(f"/api/v1/rooms/{room}/files")
    assert r.status_code == 200, r.text
    return {f["id"]: f for f in r.json()["files"]}


def error_code(r) -> str:
    return r.json()["error"]["code"]


def watching(client: Live) -> Live:
    """Record the files domain's live events too."""
    for name in ("file", "file_update"):
        client.sio.on(name, client._recorder(name))
    return client


def audit_actions(room: int, file_id: str, server_url: str) -> list[str]:
    mod = Api(server_url).login(MODERATOR)
    records = mod.get(f"/api/v1/audit?room={room}").json()["records"]
    return [r["action"] for r in records if r["subject_type"] == "file" and r["subject_id"] == file_id]


@pytest.fixture(scope="module")
def rooms(server):
    teacher = Api(server.url).login(TEACHER_OSLO)
    return {"partner": demo_room_id(teacher, "seasons"), "own": demo_room_id(teacher, "9a class")}


# --- the path of a child's photo ---------------------------------------------------------


def test_photo_loses_gps_and_reaches_partner_class_only_after_teacher_approves(server, api, live, rooms):
    room = rooms["partner"]
    original = jpeg_with_gps()
    with Image.open(io.BytesIO(original)) as im:  # the test photo really carries a position
        assert im.getexif().get_ifd(GPS_IFD)[2] == (59.0, 54.0, 36.0)
    student, teacher, partner, partner_teacher = (
        api(OSLO_STUDENT),
        api(TEACHER_OSLO),
        api(PARTNER_STUDENT),
        api(TEACHER_SYDNEY),
    )
    partner_live, partner_teacher_live = watching(live(partner)), watching(live(partner_teacher))
    teacher_live = watching(live(teacher))
    assert partner_live.join(room)["ok"] and partner_teacher_live.join(room)["ok"]

    f = uploaded(student, room, original, "our street.jpg")
    assert f["status"] == "pending" and f["kind"] == "image" and f["mime"] == "image/jpeg"
    assert {"exif", "gps"} <= set(f["stripped"]) and (f["width"], f["height"]) == (32, 64)
    assert f["uploader"]["name"] == "Elias H."
    # The student's own teacher hears of it at once, on their own channel.
    note = teacher_live.wait_for(lambda e: e["file"]["id"] == f["id"], name="file")
    assert note["file"]["status"] == "pending"

    # The partner class, and its teacher, neither see nor can fetch it yet.
    assert f["id"] not in listed(partner, room) and f["id"] not in listed(partner_teacher, room)
    for other in (partner, partner_teacher):
        r = other.get(f"/files/{f['id']}")
        assert r.status_code == 403 and error_code(r) == "awaiting_approval"
    assert partner_teacher.post(f"/api/v1/files/{f['id']}/approve").status_code == 403
    assert f["id"] in listed(api(OSLO_CLASSMATE), room)  # the uploader's own class sees it

    # The teacher's copy has no EXIF at all, no GPS, and is turned upright.
    r = teacher.get(f"/files/{f['id']}")
    assert r.status_code == 200 and r.headers["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(r.content)) as out:
        assert out.format == "JPEG" and out.size == (32, 64)
        assert "exif" not in out.info and not out.getexif() and not out.getexif().get_ifd(GPS_IFD)
        assert out.convert("RGB").getpixel((16, 8))[0] > 200  # the red half is now on top
    assert b"PhoneMaker" not in r.content
    assert not [
        e for e in partner_live.received("file") + partner_teacher_live.received("file") if e["file"]["id"] == f["id"]
    ]

    r = teacher.post(f"/api/v1/files/{f['id']}/approve", {})
    assert r.status_code == 200 and r.json()["file"]["status"] == "approved"
    seen = partner_live.wait_for(lambda e: e["file"]["id"] == f["id"], name="file")
    assert seen["file"]["status"] == "approved" and seen["file"]["uploader"]["name"] == "Elias H."
    assert "Haugen" not in str(seen)
    got = partner.get(f"/files/{f['id']}")
    assert got.status_code == 200 and got.content == r_content(teacher, f["id"])
    assert listed(partner, room)[f["id"]]["may_download"] is True
    assert teacher.post(f"/api/v1/files/{f['id']}/approve", {}).status_code == 409
    assert audit_actions(room, f["id"], server.url)[-2:] == ["file.upload", "file.approve"]


def r_content(api_: Api, file_id: str) -> bytes:
    return api_.get(f"/api/v1/files/{file_id}/download").content


def test_rejected_file_never_reaches_the_partner_and_is_deleted(server, api, rooms):
    room = rooms["partner"]
    student, teacher = api(OSLO_STUDENT), api(TEACHER_OSLO)
    f = uploaded(student, room, png_bytes(), "drawing.png")
    r = teacher.post(f"/api/v1/files/{f['id']}/reject", {"reason": ""})
    assert r.status_code == 400 and error_code(r) == "reason_required"
    r = teacher.post(f"/api/v1/files/{f['id']}/reject", {"reason": "Faces of other children are visible"})
    assert r.status_code == 200 and r.json()["file"]["status"] == "rejected"
    mine = listed(student, room)[f["id"]]
    assert mine["status"] == "rejected" and mine["reason"] == "Faces of other children are visible"
    assert mine["may_download"] is False
    assert f["id"] not in listed(api(PARTNER_STUDENT), room)
    assert teacher.get(f"/files/{f['id']}").status_code == 410
    assert audit_actions(room, f["id"], server.url)[-1] == "file.reject"


def test_student_without_consent_to_share_files_is_refused_in_a_cross_school_room(api, rooms):
    r = upload(api(OSLO_CLASSMATE), rooms["partner"], png_bytes(), "me.png")
    assert r.status_code == 403 and error_code(r) == "consent_missing"
    # In her own class's room, no other school sees it: no consent needed.
    assert upload(api(OSLO_CLASSMATE), rooms["own"], png_bytes(), "me.png").status_code == 201


def test_room_policy_can_let_students_files_through_at_once(api, rooms):
    room = rooms["partner"]
    teacher = api(TEACHER_SYDNEY)
    assert (
        api("jack.nguyen")
        .post(f"/api/v1/rooms/{room}/files/policy", {"student_files_need_approval": False})
        .status_code
        == 403
    )
    r = teacher.post(f"/api/v1/rooms/{room}/files/policy", {"student_files_need_approval": False})
    assert r.status_code == 200 and r.json()["student_files_need_approval"] is False
    try:
        f = uploaded(api("jack.nguyen"), room, b"Our beach is 22 degrees today.\n", "weather.txt")
        assert f["status"] == "approved"
        assert api(OSLO_STUDENT).get(f"/files/{f['id']}").content == b"Our beach is 22 degrees today.\n"
    finally:
        teacher.post(f"/api/v1/rooms/{room}/files/policy", {"student_files_need_approval": True})


def test_rooms_with_under_13s_always_review_students_files(api):
    teacher = api(TEACHER_NAIROBI)
    cls = teacher.get("/api/v1/classes").json()["classes"][0]
    r = teacher.post(
        "/api/v1/rooms", {"title": "Grade 6 files", "class_ids": [cls["id"]], "opens_at": "2020-01-01T00:00:00Z"}
    )
    room = r.json()["id"]
    r = teacher.post(f"/api/v1/rooms/{room}/files/policy", {"student_files_need_approval": False})
    assert r.status_code == 400 and error_code(r) == "approval_required"
    assert teacher.get(f"/api/v1/rooms/{room}/files/policy").json()["student_files_need_approval"] is True


# --- refusals -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data, name, code",
    [
        (pe_stub(), "cute_cat.jpg", "dangerous_type"),  # a renamed program
        (png_bytes() + zip_bytes({"evil.html": b"<script>1</script>"}), "x.png", "polyglot"),
        (png_bytes() + pe_stub(), "drawing.png", "polyglot"),
        (b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>", "page.txt", "dangerous_type"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "icon.png", "dangerous_type"),
        (
            zip_bytes({"[Content_Types].xml": b"<Types/>", "word/vbaProject.bin": b"\x00"}),
            "essay.docm",
            "dangerous_type",
        ),
        (
            pdf_bytes(b"<< /S /JavaScript /JS (app.alert(1)) >>", catalog=b" /OpenAction 4 0 R"),
            "sheet.pdf",
            "pdf_active_content",
        ),
        (pdf_bytes(b"<< /S /Launch /F (cmd.exe) >>", catalog=b" /OpenAction 4 0 R"), "sheet.pdf", "pdf_active_content"),
        (png_bytes(), "song.mp3", "type_mismatch"),
        (png_bytes(), "holiday.exe", "bad_name"),
        (b"", "empty.txt", "empty"),
    ],
)
def test_dangerous_or_misleading_files_are_refused_with_their_code(api, rooms, data, name, code):
    teacher = api(TEACHER_OSLO)
    before = set(listed(teacher, rooms["own"]))
    r = upload(teacher, rooms["own"], data, name, "image/png")
    assert r.status_code == 400, r.text
    assert error_code(r) == code and r.json()["error"]["message"]
    assert set(listed(teacher, rooms["own"])) == before  # nothing stored


def test_polyglot_attempt_is_audited_and_flagged_for_moderators(server, api, rooms):
    r = upload(api(OSLO_STUDENT), rooms["own"], png_bytes() + pe_stub(), "game.png")
    assert error_code(r) == "polyglot"
    mod = api(MODERATOR)
    records = mod.get(f"/api/v1/audit?room={rooms['own']}").json()["records"]
    assert any(r["action"] == "file.refused" and r["after"] == {"code": "polyglot"} for r in records)
    flags = mod.get(f"/api/v1/flags?room={rooms['own']}").json()["flags"]
    assert any(f["subject_type"] == "file" and f["body"] == "[polyglot] game.png" for f in flags)


def test_file_name_refused_by_the_text_filter(api, rooms):
    teacher = api(TEACHER_OSLO)
    for name in ("call me on 0412 345 678.txt", "you_are_an_idiot.txt"):
        r = upload(teacher, rooms["own"], b"hello", name)
        assert r.status_code == 400 and error_code(r) == "name_refused", name


# Backslashes in a multipart filename are a quoted-string escape to Werkzeug >= 3.1.9, which
# unescapes them ("\\W" -> "W") before we see the name; older versions pass them through and
# safe_filename keeps the last path part. Either way nothing of the path survives.
@pytest.mark.parametrize(
    "sent, stored",
    [
        ("../../etc/passwd", ("passwd.txt",)),
        ("..\\..\\Windows\\win.ini", ("win.ini.txt", "Windowswin.ini.txt")),
        ("C:\\Users\\kid\\notes.txt", ("notes.txt", "Userskidnotes.txt")),
        ("CON.txt", ("_CON.txt",)),
        ("invoice\u202egnp.txt", ("invoicegnp.txt",)),  # a bidi override hiding the real ending
        (".bashrc", ("file.bashrc.txt",)),
    ],
)
def test_traversal_and_trick_names_come_back_safe(api, rooms, sent, stored):
    teacher = api(TEACHER_OSLO)
    f = uploaded(teacher, rooms["own"], b"Weekly plan\n", sent)
    assert f["filename"] in stored
    assert not any(bad in f["filename"] for bad in ("/", "\\", "..", ":", "\u202e"))
    stored = f["filename"]
    r = teacher.get(f"/files/{f['id']}")
    assert r.status_code == 200 and r.content == b"Weekly plan\n"
    assert r.headers["Content-Disposition"] == f"attachment; filename={stored}"


# --- downloads ----------------------------------------------------------------------------


def test_download_headers_are_strict(server, api, rooms):
    teacher = api(TEACHER_OSLO)
    text = uploaded(teacher, rooms["own"], "Tårnet på skolen er 40 m høyt.\n".encode(), "Tårnet på skolen.txt")
    assert f"virus scan skipped (EXCHANGE_CLAMAV not set) upload={text['id']}" in server.log()
    r = teacher.get(f"/api/v1/files/{text['id']}/download")
    assert r.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    assert r.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert r.headers["Cache-Control"] == "private, no-store"
    disposition = r.headers["Content-Disposition"]
    assert (
        disposition.startswith("attachment;") and "filename*=UTF-8''T%C3%A5rnet%20p%C3%A5%20skolen.txt" in disposition
    )
    assert r.content.decode() == "Tårnet på skolen er 40 m høyt.\n"

    pdf = uploaded(teacher, rooms["own"], pdf_bytes(b"<< /Length 0 >>\nstream\n\nendstream"), "worksheet.PDF")
    r = teacher.get(f"/files/{pdf['id']}")
    assert r.headers["Content-Type"] == "application/pdf"
    assert r.headers["Content-Disposition"] == "attachment; filename=worksheet.pdf"
    assert r.headers["X-Content-Type-Options"] == "nosniff"

    image = uploaded(teacher, rooms["own"], png_bytes(), "map")
    r = teacher.get(f"/files/{image['id']}")
    assert r.headers["Content-Type"] == "image/png" and r.headers["Content-Disposition"] == "inline; filename=map.png"
    assert r.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_only_room_members_may_download(server, api, rooms):
    f = uploaded(api(TEACHER_OSLO), rooms["partner"], b"Seasons quiz\n", "quiz.txt")
    assert api(PARTNER_STUDENT).get(f"/files/{f['id']}").status_code == 200
    for outsider in (TEACHER_NAIROBI, "zawadi.otieno"):  # another school, not in the room
        r = api(outsider).get(f"/api/v1/files/{f['id']}/download")
        assert r.status_code == 403 and error_code(r) == "not_a_member"
        assert api(outsider).get(f"/api/v1/rooms/{rooms['partner']}/files").status_code == 403
    assert api("elias.haugen").get("/files/AAAAAAAAAAAAAAAAAAAAAA").status_code == 404
    assert api("elias.haugen").get("/files/..%2F..%2Fsecret_key").status_code == 404
    anonymous = requests.get(f"{server.url}/api/v1/files/{f['id']}/download", timeout=10)
    assert anonymous.status_code == 401


def test_moderator_removal_is_gone_for_everyone_and_announced(server, api, live, rooms):
    room = rooms["partner"]
    teacher = api(TEACHER_SYDNEY)
    partner_live = watching(live(api(OSLO_STUDENT)))
    partner_live.join(room)
    f = uploaded(teacher, room, pdf_bytes(b"<< /Length 0 >>\nstream\n\nendstream"), "Bush fire map.pdf")
    assert f["status"] == "approved"  # a teacher's file is approved at once (and still inspected)
    partner_live.wait_for(lambda e: e["file"]["id"] == f["id"], name="file")
    assert api(OSLO_STUDENT).get(f"/files/{f['id']}").status_code == 200
    assert api(OSLO_STUDENT).post(f"/api/v1/files/{f['id']}/remove", {"reason": "mine now"}).status_code == 403
    r = api(MODERATOR).post(f"/api/v1/files/{f['id']}/remove", {"reason": "Shows a private address"})
    assert r.status_code == 200 and r.json()["file"]["status"] == "removed"
    update = partner_live.wait_for(lambda e: e["file"]["id"] == f["id"], name="file_update")
    assert update["file"]["status"] == "removed"
    for who in (OSLO_STUDENT, TEACHER_SYDNEY, MODERATOR):
        r = api(who).get(f"/api/v1/files/{f['id']}/download")
        assert r.status_code == 410 and error_code(r) == "file_removed"
    assert f["id"] not in listed(api(OSLO_STUDENT), room)
    assert api(MODERATOR).post(f"/api/v1/files/{f['id']}/remove", {"reason": "again"}).status_code == 409
    assert audit_actions(room, f["id"], server.url) == ["file.upload", "file.remove"]


def test_report_a_file_reaches_the_review_queue(api, rooms):
    f = uploaded(api(TEACHER_SYDNEY), rooms["partner"], b"Homework answers\n", "answers.txt")
    r = api(PARTNER_STUDENT).post(
        f"/api/v1/files/{f['id']}/report", {"category": "other", "reason": "This spoils the quiz"}
    )
    assert r.status_code == 201
    flags = api(MODERATOR).get(f"/api/v1/flags?room={rooms['partner']}").json()["flags"]
    flag = next(x for x in flags if x["id"] == r.json()["flag_id"])
    assert flag["subject_type"] == "file" and flag["subject_id"] == f["id"] and "answers.txt" in flag["body"]


# --- forms and CSRF -----------------------------------------------------------------------


def test_upload_needs_the_csrf_token(api, rooms):
    teacher = api(TEACHER_OSLO)
    r = teacher.http.post(
        f"{teacher.base}/api/v1/rooms/{rooms['own']}/files",
        files={"file": ("a.txt", b"hi", "text/plain")},
        headers={"Accept": "application/json"},
    )
    assert r.status_code == 400 and error_code(r) == "csrf_failed"
    r = teacher.http.post(
        f"{teacher.base}/rooms/{rooms['own']}/files",
        files={"file": ("a.txt", b"hi", "text/plain")},
        data={"csrf_token": "forged"},
        allow_redirects=False,
    )
    assert r.status_code == 400


def test_upload_form_without_javascript(api, rooms):
    teacher = api(TEACHER_OSLO)
    page = teacher.get(f"/rooms/{rooms['own']}/files", headers={"Accept": "text/html"})
    assert page.status_code == 200 and 'id="upload-progress"' in page.text
    r = teacher.http.post(
        f"{teacher.base}/rooms/{rooms['own']}/files",
        data={"csrf_token": teacher.csrf},
        files={"file": ("form plan.txt", b"Plan from the form\n", "text/plain")},
        allow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["Location"].endswith(f"/rooms/{rooms['own']}/files")
    assert "form plan.txt" in [f["filename"] for f in listed(teacher, rooms["own"]).values()]


def test_teacher_queue_page_lists_pending_files_of_own_students(api, rooms):
    f = uploaded(api(OSLO_STUDENT), rooms["partner"], png_bytes(color=(1, 2, 3)), "for the queue.png")
    queue = api(TEACHER_OSLO).get("/api/v1/files/review").json()["files"]
    assert f["id"] in [x["id"] for x in queue]
    assert f["id"] not in [x["id"] for x in api(TEACHER_SYDNEY).get("/api/v1/files/review").json()["files"]]
    page = api(TEACHER_OSLO).get("/files/review", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "for the queue.png" in page.text
    dashboard = api(TEACHER_OSLO).get("/dashboard", headers={"Accept": "text/html"}).text
    assert 'id="files-to-review"' in dashboard and "for your approval" in dashboard
    assert 'href="/files/review"' not in api(OSLO_STUDENT).get("/dashboard", headers={"Accept": "text/html"}).text
    assert api(OSLO_STUDENT).get("/files/review", headers={"Accept": "text/html"}).status_code == 403


# --- limits (a server of their own, with low limits) ----------------------------------------


def test_size_and_daily_limits():
    srv = ServerProcess(
        env={
            "EXCHANGE_MAX_TEXT_BYTES": "2000",
            "EXCHANGE_MAX_IMAGE_BYTES": "200000",
            "EXCHANGE_MAX_PDF_BYTES": "200000",
            "EXCHANGE_MAX_AUDIO_BYTES": "200000",
            "EXCHANGE_FILES_PER_DAY": "3",
        }
    ).start()
    try:
        teacher = Api(srv.url).login(TEACHER_OSLO)
        room = demo_room_id(teacher, "9a class")
        r = upload(teacher, room, b"word " * 700, "essay.txt")  # 3,500 bytes of text: over its own limit
        assert r.status_code == 413 and error_code(r) == "too_large"
        assert "2 KB" in r.json()["error"]["message"]
        # Over every limit: refused while the body streams in, before inspection.
        r = upload(teacher, room, b"\xff" * (3 * 1024 * 1024), "huge.png")
        assert r.status_code == 413 and error_code(r) == "too_large"
        # Without a Content-Length (chunked) nothing is read: the length must be known up front.
        boundary = "exchangeboundary"
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.png"\r\n'
            "Content-Type: image/png\r\n\r\n"
        ).encode()

        def body():
            yield head
            for _ in range(48):
                yield b"\xff" * 65536
            yield f"\r\n--{boundary}--\r\n".encode()

        r = teacher.http.post(
            f"{srv.url}/api/v1/rooms/{room}/files",
            data=body(),
            timeout=30,
            headers={
                "X-CSRFToken": teacher.csrf,
                "Accept": "application/json",
                "Content-Type": f"multipart/form-data; boundary={boundary}",
            },
        )
        assert r.status_code == 411 and error_code(r) == "length_required"
        for n in range(3):
            uploaded(teacher, room, f"Note {n}\n".encode(), f"note{n}.txt")
        r = upload(teacher, room, b"one more\n", "note4.txt")
        assert r.status_code == 429 and error_code(r) == "daily_file_limit"
    finally:
        srv.stop()
