"""A partnership's resources and its exhibitions on a running demo server (issue 20): who sees which
resource; exhibitions for the partnership, the school's families and the public, with the guardians'
consents deciding which work the public sees; comments through the filter and the review queue;
the must-show in Chromium (a guardian with consent sees the school's exhibition, one without is
refused; the public exhibition shows only covered work)."""

from __future__ import annotations

import io
import uuid

from conftest import EXPERT, MODERATOR, TEACHER_OSLO, TEACHER_SYDNEY, demo_room_id, new_context
from PIL import Image
from support import DEMO_PASSWORD, Api, Live, unique_words

HANNE = "guardian.berg@home.example"
PUBLIC_TITLE = "Lunch time in Oslo and Sydney"
SCHOOL_TITLE = "What we learned from our partner class"
GUARDIAN_PASSWORD = "a-long-guardian-password"


def _anonymous(server) -> Api:
    client = Api(server.url)
    client.csrf = client.http.get(server.url + "/api/v1/auth/csrf", timeout=10).json()["csrf_token"]
    return client


def _exhibition_id(client: Api, title: str) -> int:
    rows = client.get("/api/v1/exhibitions").json()["exhibitions"]
    return next(e["id"] for e in rows if e["title"] == title)


def _png(colour: str = "#3366aa") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, format="PNG")
    return out.getvalue()


def _oslo_class(teacher: Api) -> dict:
    return next(c for c in teacher.get("/api/v1/classes").json()["classes"] if "9A" in c["name"])


def _guardian_of_sander(server, teacher: Api) -> tuple[Api, int]:
    """A guardian who came in through an invitation for Sander Vik, whose family gave no consent."""
    rows = teacher.get(f"/api/v1/classes/{_oslo_class(teacher)['id']}/consent").json()["students"]
    sander = next(r["student"]["id"] for r in rows if r["student"]["first_name"] == "Sander")
    r = teacher.post(f"/api/v1/students/{sander}/guardian-invitations", {"language": "en"})
    assert r.status_code == 201, r.text
    token = r.json()["url"].rsplit("/", 1)[1]
    guardian = _anonymous(server)
    r = guardian.post(
        f"/api/v1/guardian/invitations/{token}/accept",
        {
            "first_name": "Rolf",
            "last_name": "Vik",
            "email": f"family.{uuid.uuid4().hex[:8]}@home.example",
            "password": GUARDIAN_PASSWORD,
            "relation": "father",
        },
    )
    assert r.status_code == 201, r.text
    guardian.csrf = r.json()["csrf_token"]
    return guardian, sander


# ---- exhibitions --------------------------------------------------------------------------------


def test_the_public_sees_only_work_whose_families_agreed(server, api):
    anyone = _anonymous(server)
    public = _exhibition_id(anyone, PUBLIC_TITLE)
    assert SCHOOL_TITLE not in [e["title"] for e in anyone.get("/api/v1/exhibitions").json()["exhibitions"]]
    shown = anyone.get(f"/api/v1/exhibitions/{public}").json()
    authors = sorted(i["author"] for i in shown["items"])
    # Elias's drawing (public showing granted) and Mia's photo of her face (faces granted too);
    # not Jack (no public consent) and not Nora (exchanges only).
    assert authors == ["Elias H.", "Mia T."]
    assert all(i["left_out"] is None for i in shown["items"]) and shown["comments"] == []
    page = anyone.get(f"/exhibitions/{public}", headers={"Accept": "text/html"}).text
    assert "Elias H." in page and "Mia T." in page
    for hidden in ("Haugen", "Thompson", "Jack", "Nora", "bread with brown cheese"):
        assert hidden not in page, hidden
    image = anyone.get(shown["items"][0]["image"], headers={})
    assert image.status_code == 200 and image.headers["Content-Type"] == "image/png"
    assert image.headers["X-Content-Type-Options"] == "nosniff"
    # The curating teacher sees every piece, each left-out one with its reason.
    curator = api(TEACHER_OSLO).get(f"/api/v1/exhibitions/{public}").json()
    reasons = {i["author"]: i["left_out"] for i in curator["items"]}
    assert reasons == {
        "Elias H.": None,
        "Mia T.": None,
        "Jack N.": "no_public_consent",
        "Nora B.": "no_public_consent",
    }
    jack = next(i["id"] for i in curator["items"] if i["author"] == "Jack N.")
    assert anyone.get(f"/exhibitions/{public}/items/{jack}/image", headers={}).status_code == 404
    printable = anyone.get(f"/exhibitions/{public}/print", headers={"Accept": "text/html"}).text
    assert "Elias H." in printable and "Jack" not in printable and "print.css" in printable


def test_a_school_exhibition_is_for_families_who_consented(server, api):
    hanne = api(HANNE)
    school = _exhibition_id(hanne, SCHOOL_TITLE)
    seen = hanne.get(f"/api/v1/exhibitions/{school}").json()
    assert "bread with brown cheese" in " ".join(i["text"] for i in seen["items"])
    assert seen["may_comment"] is True
    guardian, sander = _guardian_of_sander(server, api(TEACHER_OSLO))
    r = guardian.get(f"/api/v1/exhibitions/{school}")
    assert r.status_code == 403 and r.json()["error"]["code"] == "no_family_consent"
    assert "families of the school" in r.json()["error"]["message"]
    assert SCHOOL_TITLE not in [e["title"] for e in guardian.get("/api/v1/exhibitions").json()["exhibitions"]]
    assert _anonymous(server).get(f"/api/v1/exhibitions/{school}").status_code == 401
    # Consent to exchanges opens it; withdrawing it closes it again at once.
    body = {"scope": "exchanges", "decision": "grant"}
    assert guardian.post(f"/api/v1/guardian/children/{sander}/consent", body).status_code == 200
    assert guardian.get(f"/api/v1/exhibitions/{school}").status_code == 200
    body["decision"] = "withdraw"
    assert guardian.post(f"/api/v1/guardian/children/{sander}/consent", body).status_code == 200
    assert guardian.get(f"/api/v1/exhibitions/{school}").status_code == 403
    # Another school's teacher is not in this room's partnership of the school audience... but the
    # partner teacher of the room is: the school's exhibition shows the room's own work to it.
    assert api(TEACHER_SYDNEY).get(f"/api/v1/exhibitions/{school}").status_code == 200
    assert api("nora.berg").get(f"/api/v1/exhibitions/{school}").status_code == 200


def test_a_teacher_curates_publishes_and_comments_are_moderated(server, api):
    astrid, mia, moderator = api(TEACHER_OSLO), api("mia.thompson"), api(MODERATOR)
    room = demo_room_id(astrid)
    live = Live(api("nora.berg")).connect()
    try:
        live.join(room)
        ack = live.send(room, "Our class planted tulips " + unique_words())
        assert ack["ok"], ack
    finally:
        live.close()
    # a title the trained second opinion alone would hold (as self-harm) is a teacher's title: the rules decide
    r = astrid.post(
        "/api/v1/exhibitions", {"room": room, "title": "Spring plans spruce finch", "audience": "partnership"}
    )
    assert r.status_code == 201, r.text
    title = "Spring plans " + unique_words()
    r = astrid.post("/api/v1/exhibitions", {"room": room, "title": title, "audience": "partnership"})
    assert r.status_code == 201 and r.json()["status"] == "draft", r.text
    ex = r.json()["id"]
    assert astrid.post(f"/api/v1/exhibitions/{ex}/items", {"kind": "message", "seq": ack["seq"]}).status_code == 201
    bad = astrid.post(f"/api/v1/exhibitions/{ex}/items", {"kind": "message", "seq": 999999})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "not_shareable"
    # The partner class sees nothing until it is published; then both classes do.
    assert mia.get(f"/api/v1/exhibitions/{ex}").json()["error"]["code"] == "not_published"
    assert mia.post(f"/api/v1/exhibitions/{ex}/status", {"status": "published"}).status_code == 403
    assert astrid.post(f"/api/v1/exhibitions/{ex}/status", {"status": "published"}).status_code == 200
    seen = mia.get(f"/api/v1/exhibitions/{ex}").json()
    assert [i["author"] for i in seen["items"]] == ["Nora B."] and "tulips" in seen["items"][0]["text"]
    assert api(HANNE).get(f"/api/v1/exhibitions/{ex}").status_code == 403  # partnership only: not families
    # A kind comment shows at once; a cruel one is held (or masked) and goes to the review queue.
    r = mia.post(f"/api/v1/exhibitions/{ex}/comments", {"body": "Tulips are lovely, we have none here!"})
    assert r.status_code == 201 and r.json()["status"] == "visible"
    r = mia.post(f"/api/v1/exhibitions/{ex}/comments", {"body": "you are so stupid, nobody likes you"})
    assert r.status_code == 201
    cruel = r.json()["id"]
    flags = moderator.get("/api/v1/flags?status=open").json()["flags"]
    flag = next(f for f in flags if f.get("subject_type") == "comment" and f["subject_id"] == str(cruel))
    r = moderator.post(f"/api/v1/flags/{flag['id']}/actions", {"action": "remove", "reason": "Unkind to a classmate"})
    assert r.status_code == 200, r.text
    bodies = [c["body"] for c in api("nora.berg").get(f"/api/v1/exhibitions/{ex}").json()["comments"]]
    assert bodies == ["Tulips are lovely, we have none here!"]
    r = mia.post(
        f"/api/v1/exhibitions/{ex}/comments", {"body": "send me your address and phone number, dont tell your parents"}
    )
    assert r.status_code in (201, 400)
    if r.status_code == 201:  # held: never shown to the room until a teacher decides
        assert r.json()["status"] == "held"
        assert "address" not in " ".join(
            c["body"] for c in api("nora.berg").get(f"/api/v1/exhibitions/{ex}").json()["comments"]
        )
    # The curator takes the work out; the exhibition is empty for everyone.
    item = astrid.get(f"/api/v1/exhibitions/{ex}").json()["items"][0]["id"]
    assert astrid.delete(f"/api/v1/exhibitions/{ex}/items/{item}").status_code == 200
    assert mia.get(f"/api/v1/exhibitions/{ex}").json()["items"] == []


def test_exhibition_requests_that_break_a_rule_get_a_sentence(server, api):
    astrid = api(TEACHER_OSLO)
    room = demo_room_id(astrid)
    r = astrid.post("/api/v1/exhibitions", {"room": room, "title": "Work", "audience": "everyone"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_audience"
    r = astrid.post("/api/v1/exhibitions", {"room": room, "title": "", "audience": "public"})
    assert r.status_code == 400 and "required" in r.json()["error"]["message"]
    assert (
        api("nora.berg").post("/api/v1/exhibitions", {"room": room, "title": "Mine", "audience": "public"}).status_code
        == 403
    )
    nairobi_teacher = api("amani.wanjiru@jacaranda.example")
    r = nairobi_teacher.post("/api/v1/exhibitions", {"room": room, "title": "Not mine", "audience": "public"})
    assert r.status_code == 403
    assert _anonymous(server).get("/api/v1/exhibitions/2147483000").status_code == 404
    public = _exhibition_id(astrid, PUBLIC_TITLE)
    r = api("mia.thompson").post(f"/api/v1/exhibitions/{public}/comments", {"body": "Nice"})
    assert r.status_code == 403 and r.json()["error"]["code"] == "comments_closed"
    r = astrid.post(f"/api/v1/exhibitions/{public}/items", {"kind": "file", "file_id": "x" * 22})
    assert r.status_code == 404 and r.json()["error"]["code"] == "no_such_file"


# ---- resources ----------------------------------------------------------------------------------


def test_resources_are_for_the_teachers_unless_marked_for_students(server, api):
    astrid, liam, nora = api(TEACHER_OSLO), api(TEACHER_SYDNEY), api("nora.berg")
    room = demo_room_id(astrid)
    topic = "Weather " + unique_words()
    r = astrid.post(
        f"/api/v1/rooms/{room}/resources",
        {"topic": topic, "title": "Plan for Friday", "url": "https://www.example.org/plan", "for_students": False},
    )
    assert r.status_code == 201, r.text
    plan = r.json()["id"]
    files = {"file": ("cloud-chart.png", _png(), "image/png")}
    data = {"topic": topic, "title": "Cloud chart", "for_students": "false"}
    r = astrid.http.post(
        f"{server.url}/api/v1/rooms/{room}/resources",
        files=files,
        data=data,
        headers={"X-CSRFToken": astrid.csrf, "Accept": "application/json"},
    )
    assert r.status_code == 201, r.text
    chart = r.json()
    assert chart["file"]["kind"] == "image"
    # The partner teacher sees both; a student neither, and the document is not in the room's files.
    assert {
        x["title"] for x in liam.get(f"/api/v1/rooms/{room}/resources").json()["resources"] if x["topic"] == topic
    } == {
        "Plan for Friday",
        "Cloud chart",
    }
    assert [x for x in nora.get(f"/api/v1/rooms/{room}/resources").json()["resources"] if x["topic"] == topic] == []
    assert chart["file"]["id"] not in [f["id"] for f in nora.get(f"/api/v1/rooms/{room}/files").json()["files"]]
    assert nora.get(f"/api/v1/files/{chart['file']['id']}/download", headers={}).status_code == 403
    # Marked for students: they see it, and its document downloads.
    assert astrid.post(f"/api/v1/resources/{chart['id']}", {"for_students": True}).status_code == 200
    mine = [x["title"] for x in nora.get(f"/api/v1/rooms/{room}/resources").json()["resources"] if x["topic"] == topic]
    assert mine == ["Cloud chart"]
    assert nora.get(f"/api/v1/files/{chart['file']['id']}/download", headers={}).status_code == 200
    # Experts, students and strangers share nothing; hostile links are refused in a sentence.
    assert api(EXPERT).get(f"/api/v1/rooms/{room}/resources").status_code == 403
    assert (
        nora.post(
            f"/api/v1/rooms/{room}/resources", {"topic": "x", "title": "y", "url": "https://a.example"}
        ).status_code
        == 403
    )
    for url in ("javascript:alert(1)", "https://user:secret@example.org/", "ftp://example.org/x", "http://"):
        r = astrid.post(f"/api/v1/rooms/{room}/resources", {"topic": "x", "title": "y", "url": url})
        assert r.status_code == 400 and r.json()["error"]["code"] == "invalid_url", url
    assert liam.delete(f"/api/v1/resources/{plan}").status_code == 200
    assert "Plan for Friday" not in [
        x["title"] for x in astrid.get(f"/api/v1/rooms/{room}/resources").json()["resources"]
    ]
    assert astrid.delete(f"/api/v1/resources/{plan}").json()["error"]["code"] == "no_such_resource"


# ---- in Chromium --------------------------------------------------------------------------------


def _log_in(page, base: str, login: str, password: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("E-mail or username").fill(login)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login" not in url)


def test_in_chromium_a_guardian_with_consent_sees_the_school_exhibition_and_one_without_is_refused(
    server, api, browser
):
    guardian, _sander = _guardian_of_sander(server, api(TEACHER_OSLO))
    with_consent = new_context(browser)
    try:
        page = with_consent.new_page()
        _log_in(page, server.url, HANNE, DEMO_PASSWORD)
        page.click("nav >> text=Exhibitions")
        page.click(f"text={SCHOOL_TITLE}")
        assert page.locator("#items").get_by_text("bread with brown cheese").is_visible()
        page.fill("textarea[name=body]", "Thank you for sharing, this was lovely to read.")
        page.click("text=Post comment")
        assert page.locator("#comments").get_by_text("lovely to read").is_visible()
        school_url = page.url
    finally:
        with_consent.close()
    without = new_context(browser)
    try:
        page = without.new_page()
        email = guardian.get("/api/v1/me").json()["email"]
        _log_in(page, server.url, email, GUARDIAN_PASSWORD)
        page.goto(school_url)
        assert page.get_by_text("families of the school whose children take part").is_visible()
        assert page.get_by_text("bread with brown cheese").count() == 0
    finally:
        without.close()
    public = new_context(browser)
    try:
        page = public.new_page()
        page.goto(server.url + "/exhibitions")
        page.click(f"text={PUBLIC_TITLE}")
        figures = page.locator("#items figure")
        assert figures.count() == 2
        assert page.get_by_text("Elias H.").is_visible() and page.get_by_text("Jack").count() == 0
        # Both pictures load (the public may fetch them), and none of the left-out work is in the page.
        page.wait_for_function(
            "() => [...document.images].every(i => i.complete && i.naturalWidth > 0)", timeout=10_000
        )
    finally:
        public.close()


def _new_student_with_guardian(server, teacher: Api) -> tuple[Api, Api, int]:
    """A new student of Oslo's 9A (joined with the class code, approved) whose guardian consented to exchanges."""
    cls = _oslo_class(teacher)
    username = "stu." + unique_words().replace(" ", ".")
    r = _anonymous(server).post(
        "/api/v1/join",
        {
            "code": cls["join_code"],
            "username": username,
            "password": "a-long-student-password",
            "first_name": "Ingrid",
            "last_name": "Dahl",
        },
    )
    assert r.status_code == 201, r.text
    assert teacher.post(f"/api/v1/memberships/{r.json()['membership_id']}/approve").status_code == 200
    student_id = r.json()["user_id"]
    r = teacher.post(f"/api/v1/students/{student_id}/guardian-invitations", {"language": "en"})
    token = r.json()["url"].rsplit("/", 1)[1]
    guardian = _anonymous(server)
    r = guardian.post(
        f"/api/v1/guardian/invitations/{token}/accept",
        {
            "first_name": "Siri",
            "last_name": "Dahl",
            "email": f"family.{uuid.uuid4().hex[:8]}@home.example",
            "password": GUARDIAN_PASSWORD,
            "relation": "mother",
        },
    )
    assert r.status_code == 201, r.text
    guardian.csrf = r.json()["csrf_token"]
    body = {"scope": "exchanges", "decision": "grant"}
    assert guardian.post(f"/api/v1/guardian/children/{student_id}/consent", body).status_code == 200
    return Api(server.url).login(username, "a-long-student-password"), guardian, student_id


def test_a_childs_comments_and_reflections_are_in_the_family_export_and_leave_with_an_erasure(server, api):
    astrid = api(TEACHER_OSLO)
    student, guardian, student_id = _new_student_with_guardian(server, astrid)
    room = demo_room_id(astrid)
    ex = astrid.post(
        "/api/v1/exhibitions", {"room": room, "title": "Autumn " + unique_words(), "audience": "partnership"}
    )
    ex = ex.json()["id"]
    assert astrid.post(f"/api/v1/exhibitions/{ex}/status", {"status": "published"}).status_code == 200
    words = "I like the red leaves in the " + unique_words()
    r = student.post(f"/api/v1/exhibitions/{ex}/comments", {"body": words})
    assert r.status_code == 201 and r.json()["status"] == "visible", r.text
    learned = "They have a lake near their school called " + unique_words()
    r = student.post(f"/api/v1/rooms/{room}/reflection", {"scale": 4, "answers": {"learned": learned}})
    assert r.status_code == 200, r.text
    export = guardian.get(f"/api/v1/guardian/children/{student_id}/export?format=json").json()
    assert sorted((w["type"], w["body"]) for w in export["writings"]) == [
        ("exhibition_comment", words),
        ("reflection", learned),
    ]
    csv_text = guardian.get(f"/api/v1/guardian/children/{student_id}/export?format=csv").text
    assert "exhibition_comment" in csv_text and words in csv_text
    page = guardian.get(f"/guardian/children/{student_id}/data", headers={"Accept": "text/html"}).text
    assert words in page and "Comment on an exhibition" in page
    r = guardian.post(f"/api/v1/guardian/children/{student_id}/deletion-requests", {"reason": "We are moving away"})
    assert r.status_code == 201, r.text
    r = api("admin@fjordvik.example").post(f"/api/v1/deletion-requests/{r.json()['id']}/approve", {"reason": "Moved"})
    assert r.status_code == 200 and r.json()["result"]["exhibition_comments"] == 1
    assert r.json()["result"]["reflection_texts"] == 1
    assert words not in [c["body"] for c in astrid.get(f"/api/v1/exhibitions/{ex}").json()["comments"]]
    assert guardian.get(f"/api/v1/guardian/children/{student_id}/export?format=json").json()["writings"] == []
