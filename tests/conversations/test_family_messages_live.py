"""Messages between families and teachers on a running server (issue 22): the must-show in
Chromium (a guardian writes in Spanish while the teacher's interface is in English; the teacher
answers; the guardian sees the answer; an announcement reaches every guardian by the channel they
chose), and through the API who may read a thread, the filter, attachments, replies by text,
concerns and read receipts. The server's text gateway is the small recording gateway of the
texting tests, on 127.0.0.1."""

from __future__ import annotations

import email
import io
import sys
from email import policy
from pathlib import Path

import pytest
import requests
from conftest import ADMIN_OSLO, TEACHER_OSLO, TEACHER_SYDNEY, new_context
from conversations_support import GUARDIAN_PASSWORD, new_family
from PIL import Image
from support import Api, ServerProcess

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "texting"))
from gateway import TOKEN, RecordingGateway  # noqa: E402

INBOUND = "inbound-token-for-message-tests-0123"


@pytest.fixture(scope="module")
def site():
    with RecordingGateway() as gateway:
        server = ServerProcess(
            env={
                "EXCHANGE_RATE_BURST": "500",
                "EXCHANGE_RATE_PER_MINUTE": "60000",
                "EXCHANGE_SMS_BACKEND": "http",
                "EXCHANGE_SMS_URL": gateway.url,
                "EXCHANGE_SMS_TOKEN": TOKEN,
                "EXCHANGE_SMS_INBOUND_TOKEN": INBOUND,
            }
        ).start()
        server.gateway = gateway
        yield server
        server.stop()


def login(site, who: str) -> Api:
    return Api(site.url).login(who)


def mails_to(site, address: str) -> list:
    found = [
        email.message_from_bytes(p.read_bytes(), policy=policy.default)
        for p in (site.data_dir / "outbox").glob("*.eml")
    ]
    return [m for m in found if m["To"] == address]


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "#3366cc").save(out, format="PNG")
    return out.getvalue()


def test_in_chromium_a_guardian_writes_in_spanish_and_an_announcement_reaches_every_channel(site, browser):
    teacher = login(site, TEACHER_OSLO)
    fam = new_family(site, teacher, "Lucia", "Carmen", language="es")
    texting = new_family(site, teacher, "Omar", "Amina")
    paper = new_family(site, teacher, "Ines", "Teresa")
    number = "+4791234987"
    assert texting.guardian.post("/api/v1/guardian/phone", {"number": number, "channel": "sms"}).status_code == 200
    assert paper.guardian.post("/api/v1/guardian/phone", {"number": None, "channel": "paper"}).status_code == 200

    guardian_ctx, teacher_ctx = new_context(browser), new_context(browser)
    try:
        g = guardian_ctx.new_page()
        g.goto(site.url + "/login")
        g.get_by_label("E-mail or username").fill(fam.email)
        g.get_by_label("Password").fill(GUARDIAN_PASSWORD)
        g.get_by_role("button", name="Log in").click()
        g.wait_for_url(lambda url: "/login" not in url)
        assert g.locator("html").get_attribute("lang") == "es"  # the family's interface is Spanish
        g.get_by_role("link", name="Mensajes", exact=True).click()  # the menu, in Spanish
        g.locator("#pair").select_option(f"{fam.student_id}:{fam.guardian_id}")
        g.get_by_role("button", name="Abrir la conversación").click()
        question = "Hola, ¿Lucía necesita llevar almuerzo el viernes?"
        g.get_by_label("Tu mensaje").fill(question)
        g.get_by_role("button", name="Enviar").click()
        assert g.get_by_text("Su mensaje se ha enviado.").is_visible()
        assert g.locator("li.msg.guardian", has_text=question).locator(".receipt").inner_text() == "Todavía no leído"

        t = teacher_ctx.new_page()
        t.goto(site.url + "/login")
        t.get_by_label("E-mail or username").fill(TEACHER_OSLO)
        t.get_by_label("Password").fill("exchange-demo")
        t.get_by_role("button", name="Log in").click()
        t.wait_for_url("**/dashboard")
        t.get_by_role("link", name="Messages", exact=True).click()
        t.get_by_role("link", name="Carmen Solheim, about Lucia Nilsen").click()
        assert t.get_by_text(question).is_visible()  # her words as she wrote them
        assert t.get_by_text("School hours:").first.is_visible()
        t.get_by_label("Your message").fill("Yes, please send a packed lunch. We leave at nine.")
        t.get_by_role("button", name="Send").click()
        assert t.get_by_text("Your message was sent.").is_visible()

        g.reload()  # the guardian sees the answer, and their question now read by the teacher
        assert g.get_by_text("Yes, please send a packed lunch. We leave at nine.").is_visible()
        assert "Astrid Lunde" in g.locator("li.msg.guardian .receipt").first.inner_text()
        assert g.get_by_text("Horario escolar", exact=False).first.is_visible()  # the class's hours, in Spanish

        # An announcement to the class: each guardian by the channel they chose.
        t.goto(site.url + "/messages")
        t.get_by_role("link", name="Write to the families of a class").click()
        t.get_by_label("Title").fill("Museum visit on Friday")
        t.get_by_label("Message to the families").fill("Please send a packed lunch and a warm jacket on Friday.")
        t.get_by_role("button", name="Send to the families").click()
        table = t.locator("table.data")
        assert table.locator("tr", has_text="Carmen Solheim").get_by_text("E-mail").is_visible()
        assert table.locator("tr", has_text="Amina Solheim").get_by_text("Text message (SMS)").is_visible()
        assert table.locator("tr", has_text="Teresa Solheim").get_by_text("A letter on paper").is_visible()
        texts = site.gateway.wait_for(number, 1)
        assert "Museum visit on Friday" in texts[-1]["body"]
        assert "Museum visit on Friday" in [m["Subject"] for m in mails_to(site, fam.email)]
        assert mails_to(site, paper.email) == []  # the paper family is on the print list instead
        t.get_by_role("link", name="Print the", exact=False).click()
        assert t.get_by_text("To the family of Ines Nilsen").is_visible()
        assert t.get_by_text("Omar Nilsen").count() == 0

        g.goto(site.url + "/messages")
        g.get_by_role("link", name="Museum visit on Friday").click()
        t.go_back()
        t.reload()
        assert t.locator("#read-count").inner_text().startswith("1 of")
    finally:
        guardian_ctx.close()
        teacher_ctx.close()


def test_who_may_read_a_thread(site):
    teacher = login(site, TEACHER_OSLO)
    fam = new_family(site, teacher, "Sofie", "Ingrid")
    other = new_family(site, teacher, "Henrik", "Liv")
    r = fam.guardian.post("/api/v1/messages", {"student_id": fam.student_id, "body": "Can we talk on Monday?"})
    assert r.status_code == 201, r.text
    thread = r.json()["thread"]["id"]
    assert teacher.get(f"/api/v1/messages/{thread}").status_code == 200
    # another family, another school's teacher, the school's admin (no concern yet): the same 404
    for who in (other.guardian, login(site, TEACHER_SYDNEY), login(site, ADMIN_OSLO)):
        r = who.get(f"/api/v1/messages/{thread}")
        assert r.status_code == 404 and r.json()["error"]["message"].startswith("No such conversation"), r.text
    # a guardian cannot write about a child who is not theirs
    r = other.guardian.post("/api/v1/messages", {"student_id": fam.student_id, "body": "Hello"})
    assert r.status_code == 403 and "your own children" in r.json()["error"]["message"]
    # a teacher of another school cannot open a thread with this family
    r = login(site, TEACHER_SYDNEY).post(
        "/api/v1/messages", {"student_id": fam.student_id, "guardian_id": fam.guardian_id, "body": "Hi"}
    )
    assert r.status_code == 403
    # a concern lets the school's admin read it
    r = teacher.post(f"/api/v1/messages/{thread}/concern", {"reason": "The family mentions a worry at home."})
    assert r.status_code == 200, r.text
    admin = login(site, ADMIN_OSLO)
    assert admin.get(f"/api/v1/messages/{thread}").status_code == 200
    assert login(site, "admin@wattlecreek.example").get(f"/api/v1/messages/{thread}").status_code == 404
    assert admin.post(f"/api/v1/messages/{thread}", {"body": "I am reading."}).status_code == 403


def test_read_receipts_and_the_filter(site):
    teacher = login(site, TEACHER_OSLO)
    fam = new_family(site, teacher, "Emil", "Kari")
    r = teacher.post(
        "/api/v1/messages",
        {
            "student_id": fam.student_id,
            "guardian_id": fam.guardian_id,
            "body": "Jonas lives at 12 Storgata 5, call +47 912 34 567",
        },
    )
    assert r.status_code == 201, r.text
    thread = r.json()["thread"]["id"]
    body = r.json()["message"]["body"]
    assert "912 34 567" not in body and "Storgata 5" not in body  # a child's contact details are masked
    view = teacher.get(f"/api/v1/messages/{thread}").json()
    assert view["messages"][-1]["read_at"] is None
    fam.guardian.get(f"/api/v1/messages/{thread}")  # the guardian opens it
    view = teacher.get(f"/api/v1/messages/{thread}").json()
    assert view["messages"][-1]["read_at"] and view["messages"][-1]["read_by"] == "Kari Solheim"
    # an insult is delivered masked and flagged for the teacher; a threat is refused with a sentence
    r = fam.guardian.post(f"/api/v1/messages/{thread}", {"body": "you are a fucking idiot"})
    assert r.status_code == 201 and r.json()["flagged"] is True and "idiot" not in r.json()["body"], r.text
    assert teacher.get(f"/api/v1/messages/{thread}").json()["concern"] is False  # rudeness is not a safeguarding matter
    before = len(teacher.get(f"/api/v1/messages/{thread}").json()["messages"])
    r = fam.guardian.post(f"/api/v1/messages/{thread}", {"body": "I will kill you tomorrow at school"})
    assert r.status_code == 400 and "was not sent" in r.json()["error"]["message"], r.text
    assert len(teacher.get(f"/api/v1/messages/{thread}").json()["messages"]) == before
    # words of self-harm are delivered (the teacher must read them) and open a concern for the safeguarding lead
    r = fam.guardian.post(f"/api/v1/messages/{thread}", {"body": "I want to kill myself, I cannot cope any more."})
    assert r.status_code == 201, r.text
    assert teacher.get(f"/api/v1/messages/{thread}").json()["concern"] is True
    assert login(site, ADMIN_OSLO).get(f"/api/v1/messages/{thread}").status_code == 200
    # bad input: a clear sentence
    for bad in ({"body": 12}, {"body": "x" * 5000}, {"body": ""}):
        r = fam.guardian.post(f"/api/v1/messages/{thread}", bad)
        assert 400 <= r.status_code < 500 and r.json()["error"]["message"], r.text


def test_an_attachment_goes_through_the_inspected_upload_path(site):
    teacher = login(site, TEACHER_OSLO)
    fam = new_family(site, teacher, "Tuva", "Siri")
    r = fam.guardian.post("/api/v1/messages", {"student_id": fam.student_id, "body": "A drawing from home."})
    thread = r.json()["thread"]["id"]
    page = fam.guardian.http.get(f"{site.url}/messages/{thread}", timeout=15).text
    token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    r = fam.guardian.http.post(
        f"{site.url}/messages/{thread}",
        data={"csrf_token": token, "body": "Here it is"},
        files={"file": ("drawing.png", png(), "image/png")},
        timeout=15,
    )
    assert r.status_code == 200 and "Your message was sent." in r.text, r.text[-500:]
    item = teacher.get(f"/api/v1/messages/{thread}").json()["messages"][-1]
    assert item["attachment"]["name"] == "drawing.png"
    got = teacher.http.get(f"{site.url}/messages/attachments/{item['attachment']['id']}", timeout=15)
    assert got.status_code == 200 and got.headers["Content-Type"] == "image/png"
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    assert (
        login(site, TEACHER_SYDNEY).http.get(f"{site.url}/messages/attachments/{item['attachment']['id']}").status_code
        == 404
    )
    r = fam.guardian.http.post(
        f"{site.url}/messages/{thread}",
        data={"csrf_token": token, "body": "A program"},
        files={"file": ("game.exe", b"MZ\x90\x00" + b"\x00" * 200, "application/octet-stream")},
        timeout=15,
    )
    assert r.status_code == 400 and "cannot be shared" in r.text
    assert [m["body"] for m in teacher.get(f"/api/v1/messages/{thread}").json()["messages"]][-1] == "Here it is"


def test_a_reply_by_text_reaches_the_thread(site):
    teacher = login(site, TEACHER_OSLO)
    fam = new_family(site, teacher, "Jonas", "Marte")
    number = "+4791234876"
    assert fam.guardian.post("/api/v1/guardian/phone", {"number": number, "channel": "sms"}).status_code == 200
    r = teacher.post(
        "/api/v1/messages",
        {
            "student_id": fam.student_id,
            "guardian_id": fam.guardian_id,
            "body": "Jonas did very well in his talk today.",
        },
    )
    thread = r.json()["thread"]["id"]
    sent = site.gateway.wait_for(number, 1)[-1]["body"]
    assert "Jonas did very well" in sent and "Astrid Lunde" in sent
    r = requests.post(
        site.url + "/api/v1/sms/inbound",
        json={"from": number, "body": "Thank you, he practised at home"},
        headers={"Authorization": f"Bearer {INBOUND}"},
        timeout=15,
    )
    assert r.status_code == 200, r.text
    items = teacher.get(f"/api/v1/messages/{thread}").json()["messages"]
    assert (items[-1]["body"], items[-1]["channel"], items[-1]["side"]) == (
        "Thank you, he practised at home",
        "sms",
        "guardian",
    )
