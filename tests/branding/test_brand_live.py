"""The district's brand on a running server (issue 21): only the district's administrator sets it;
colours below WCAG AA are refused with the measured contrast; and the must-show in Chromium —
colours an administrator changes appear on the login page, in a letter and in an e-mail."""

from __future__ import annotations

import email
import io
from email import policy

from conftest import ADMIN_OSLO, TEACHER_OSLO, new_context
from PIL import Image
from support import Api

PLATFORM_ADMIN, PLATFORM_PASSWORD = "district.admin@exchange.example", "district-admin-pass-1"
PLUM = "#7a1f5c"


def _district_admin(server) -> Api:
    server.run_cli("admin", "create", "--email", PLATFORM_ADMIN, "--password", PLATFORM_PASSWORD, check=False)
    return Api(server.url).login(PLATFORM_ADMIN, PLATFORM_PASSWORD)


def _rgb(colour: str) -> str:
    return f"rgb({int(colour[1:3], 16)}, {int(colour[3:5], 16)}, {int(colour[5:7], 16)})"


def test_only_the_district_admin_sets_the_brand_and_colours_must_be_readable(server, api):
    body = {"name": "Fjordside District", "primary": "#7fb2e5", "accent": "#ffbf47"}
    assert api(ADMIN_OSLO).put("/api/v1/brand", body).status_code == 403  # a school's admin
    assert api(TEACHER_OSLO).put("/api/v1/brand", body).status_code == 403
    admin = _district_admin(server)
    r = admin.put("/api/v1/brand", body)
    assert r.status_code == 400 and r.json()["error"]["code"] == "low_contrast"
    assert "4.5:1" in r.json()["error"]["message"] and "2." in r.json()["error"]["message"]
    r = admin.put("/api/v1/brand", dict(body, primary="#0b5cad; background:url(x)"))
    assert r.status_code == 400 and r.json()["error"]["code"] == "invalid"
    r = admin.put("/api/v1/brand", {"name": "", "primary": "#0b5cad", "accent": "#ffbf47"})
    assert r.status_code == 400 and "required" in r.json()["error"]["message"]
    assert Api(server.url).get("/api/v1/brand").json()["custom"] is False  # nothing was saved
    # A logo must be a picture; it is served with its sniffed type.
    page = admin.get("/admin/brand", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "4.5:1" in page.text
    token = page.text.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    r = admin.http.post(
        server.url + "/admin/brand/logo",
        data={"csrf_token": token},
        files={"file": ("logo.html", b"<script>alert(1)</script>", "text/html")},
        timeout=15,
    )
    assert "must be a picture" in r.text
    png = io.BytesIO()
    Image.new("RGB", (40, 20), PLUM).save(png, format="PNG")
    admin.http.post(
        server.url + "/admin/brand/logo",
        data={"csrf_token": token},
        files={"file": ("logo.png", png.getvalue())},
        timeout=15,
    )
    logo = Api(server.url).get("/brand/logo", headers={})
    assert logo.status_code == 200 and logo.headers["Content-Type"] == "image/png"
    admin.http.post(server.url + "/admin/brand/reset", data={"csrf_token": token}, timeout=15)
    assert Api(server.url).get("/api/v1/brand").json()["custom"] is False
    assert Api(server.url).get("/brand/logo", headers={}).status_code == 404


def test_in_chromium_brand_colours_appear_on_the_login_page_in_a_letter_and_in_an_email(server, api, browser):
    admin = _district_admin(server)
    brand = {
        "name": "Fjordside Learning District",
        "tagline": "Classes that meet the world",
        "footer": "Fjordside Learning District · a fictional district",
        "primary": PLUM,
        "accent": "#ffd166",
    }
    assert admin.put("/api/v1/brand", brand).status_code == 200
    context = new_context(browser)
    try:
        page = context.new_page()
        page.goto(server.url + "/login")
        top = page.locator("header.top")
        assert top.evaluate("e => getComputedStyle(e).backgroundColor") == _rgb(PLUM)
        assert page.locator(".brand").inner_text().startswith("Fjordside Learning District")
        assert page.locator(".site-footer").inner_text() == brand["footer"]
        assert page.title().endswith("Fjordside Learning District")
        # The consent letter a teacher prints carries the brand at its head, in the brand's colour.
        teacher = api(TEACHER_OSLO)
        cls = next(c for c in teacher.get("/api/v1/classes").json()["classes"] if "9A" in c["name"])
        rows = teacher.get(f"/api/v1/classes/{cls['id']}/consent").json()["students"]
        student = rows[0]["student"]["id"]
        for cookie in teacher.http.cookies:
            context.add_cookies([{"name": cookie.name, "value": cookie.value, "url": server.url}])
        page.goto(f"{server.url}/students/{student}/consent-letter?lang=en")
        mark = page.locator("#letter .brand-mark")
        assert mark.inner_text().startswith("Fjordside Learning District")
        assert mark.evaluate("e => getComputedStyle(e).color") == _rgb(PLUM)
    finally:
        context.close()
    # An e-mail (a guardian invitation sent by the outbox) is framed in the brand's name and colour.
    outbox = server.data_dir / "outbox"
    before = set(outbox.glob("*.eml")) if outbox.exists() else set()
    r = teacher.post(
        f"/api/v1/students/{student}/guardian-invitations", {"email": "family.brand@home.example", "language": "en"}
    )
    assert r.status_code == 201 and r.json()["emailed"] is True, r.text
    new = [p for p in outbox.glob("*.eml") if p not in before]
    assert len(new) == 1
    msg = email.message_from_bytes(new[0].read_bytes(), policy=policy.default)
    html = msg.get_body(preferencelist=("html",)).get_content()
    text = msg.get_body(preferencelist=("plain",)).get_content()
    assert f"border-top:6px solid {PLUM}" in html and "Fjordside Learning District" in html
    assert text.rstrip().endswith(brand["footer"])
