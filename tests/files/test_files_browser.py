"""The files page in headless Chromium: a student uploads a picture with the progress bar
reaching 100%, their teacher sees it arrive in the queue and approves it, and the partner
class's page shows it without a reload."""

from __future__ import annotations

import os

from conftest import TEACHER_OSLO, demo_room_id
from PIL import Image

PASSWORD = "exchange-demo"


def noise_png(path: str, size=(700, 700)) -> int:
    """A picture that does not compress (about 1.5 MB), so the upload takes several progress events."""
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(path, "PNG")
    return os.path.getsize(path)


def open_files_page(browser, server, login: str, room: int, errors: list):
    page = browser.new_context().new_page()
    page.on("pageerror", lambda e: errors.append(f"{login}: {e}"))
    page.on("console", lambda m: errors.append(f"{login}: {m.text}") if m.type == "error" else None)
    page.goto(server.url + "/login")
    page.get_by_label("E-mail or username").fill(login)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/dashboard")
    page.goto(f"{server.url}/rooms/{room}/files")
    page.wait_for_selector('#files-root[data-watching="1"]')  # connected and watching the room's files
    return page


def test_upload_with_progress_then_approval_reaches_partner_live(server, browser, api, tmp_path):
    room = demo_room_id(api(TEACHER_OSLO), "seasons")
    errors: list[str] = []
    teacher = open_files_page(browser, server, TEACHER_OSLO, room, errors)
    partner = open_files_page(browser, server, "mia.thompson", room, errors)
    student = open_files_page(browser, server, "elias.haugen", room, errors)

    path = str(tmp_path / "Vår skolegård.png")
    size = noise_png(path)
    assert size > 1_000_000
    student.set_input_files("#file-input", path)
    student.get_by_role("button", name="Upload").click()
    student.wait_for_selector('#files-root[data-progress="100"]')
    assert student.eval_on_selector("#upload-progress", "e => e.value") == 100
    assert student.inner_text("#upload-percent") == "100%"
    student.wait_for_function("() => document.getElementById('upload-status').textContent.includes('approval')")
    mine = student.locator("#file-list li", has_text="Vår skolegård.png")
    mine.wait_for()
    assert "waiting for approval" in mine.inner_text()
    file_id = mine.get_attribute("data-file")

    # The teacher's queue shows it without a reload; the teacher looks, then approves.
    queued = teacher.locator(f'#file-queue li[data-file="{file_id}"]')
    queued.wait_for()
    thumb_width = "img => img.complete ? img.naturalWidth : 0"
    teacher.wait_for_function(
        f"() => {{ const i = document.querySelector('#file-queue li[data-file=\"{file_id}\"] img.thumb');"
        f" return i && i.complete && i.naturalWidth === 700; }}"
    )
    assert teacher.eval_on_selector(f'#file-queue li[data-file="{file_id}"] img.thumb', thumb_width) == 700
    assert not partner.locator(f'li[data-file="{file_id}"]').count()
    queued.get_by_role("button", name="Approve").click()
    queued.wait_for(state="detached")

    # The partner class's page shows it now, with its picture, by first name and initial.
    arrived = partner.locator(f'#file-list li[data-file="{file_id}"]')
    arrived.wait_for()
    assert "Elias H." in arrived.inner_text() and "Haugen" not in arrived.inner_text()
    partner.wait_for_function(
        f"() => {{ const i = document.querySelector('#file-list li[data-file=\"{file_id}\"] img.thumb');"
        f" return i && i.complete && i.naturalWidth === 700; }}"
    )
    assert not errors, errors  # no script errors, no Content-Security-Policy violations
