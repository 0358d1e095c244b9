"""Issue 18: the reader's language (profile, else browser, else school), the picker, and settings.

In process on the demo data. Expected words come from the catalogues themselves (what a reader
of that language is shown), never typed here, so a retranslation does not break the tests.
"""

from __future__ import annotations

import re

import pytest
from babel.support import Translations
from conftest import TEACHER_OSLO
from sqlalchemy import select

from exchange.accounts.models import User
from exchange.i18n import catalogues

pytestmark = [pytest.mark.demo_data, pytest.mark.sqlite_only]  # languages: the same on any database


def said(lang: str, english: str) -> str:
    """What a reader of `lang` sees for an English source string."""
    return Translations.load(str(catalogues.FOLDER), [lang]).gettext(english)


def html_tag(page: str) -> tuple[str, str]:
    m = re.search(r'<html lang="([^"]+)" dir="([^"]+)">', page)
    assert m, page[:300]
    return m.group(1), m.group(2)


def heading(page: str) -> str:
    m = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    return re.sub(r"<[^>]+>", "", m.group(1)).strip() if m else ""


def visit(client, path: str, accept: str) -> str:
    r = client.get(path, headers={"Accept-Language": accept})
    assert r.status_code == 200, (path, r.status_code)
    return r.get_data(as_text=True)


def test_the_browser_language_decides_for_a_visitor(client):
    page = visit(client, "/login", "ar-EG,ar;q=0.9,en;q=0.5")
    assert html_tag(page) == ("ar", "rtl")
    assert heading(page) == said("ar", "Log in") != "Log in"
    page = visit(client, "/login", "nb-NO,nb;q=0.9,en;q=0.3")
    assert html_tag(page) == ("nb", "ltr")
    assert heading(page) == said("nb", "Log in") != "Log in"
    assert html_tag(visit(client, "/login", "no"))[0] == "nb"  # Norwegian without a variant reads Bokmål
    assert html_tag(visit(client, "/login", "de-CH, pl;q=0.8"))[0] == "en"  # none we have: English


def test_the_school_language_decides_when_the_browser_names_none_we_have(as_user):
    teacher = as_user(TEACHER_OSLO)
    page = teacher.get("/dashboard", headers={"Accept": "text/html", "Accept-Language": "pl"}).text
    assert html_tag(page)[0] == "nb"  # Fjordvik School teaches in Norwegian
    page = teacher.get("/dashboard", headers={"Accept": "text/html", "Accept-Language": "fr"}).text
    assert html_tag(page)[0] == "fr"  # the browser's language comes before the school's


def test_a_visitor_picks_a_language_on_the_login_page(as_user):
    visitor = as_user(None)
    r = visitor.http.post("/language", data={"csrf_token": visitor.csrf, "lang": "sw", "next": "/login"})
    assert r.status_code == 302 and r.headers["Location"].endswith("/login")
    page = visitor.get("/login", headers={"Accept": "text/html"}).text
    assert html_tag(page) == ("sw", "ltr")
    assert heading(page) == said("sw", "Log in")
    assert '<option value="sw" lang="sw" selected>Kiswahili</option>' in page
    assert '<option value="ar" lang="ar">العربية</option>' in page  # each language named in itself


def test_a_signed_in_choice_is_kept_in_the_profile(as_user, app):
    teacher = as_user(TEACHER_OSLO)
    r = teacher.http.post("/language", data={"csrf_token": teacher.csrf, "lang": "es", "next": "/dashboard"})
    assert r.status_code == 302
    page = teacher.get("/dashboard", headers={"Accept": "text/html", "Accept-Language": "en"}).text
    assert html_tag(page)[0] == "es"  # the choice beats the browser
    from exchange.db import db

    with app.app_context():
        assert db.session.scalar(select(User.locale).where(User.email == TEACHER_OSLO)) == "es"
    teacher.http.post("/language", data={"csrf_token": teacher.csrf, "lang": "", "next": "/dashboard"})
    page = teacher.get("/dashboard", headers={"Accept": "text/html", "Accept-Language": "en"}).text
    assert html_tag(page)[0] == "en"  # back to the browser's


def test_the_picker_refuses_what_it_should(as_user):
    visitor = as_user(None)
    r = visitor.http.post(
        "/language", data={"csrf_token": visitor.csrf, "lang": "xx", "next": "/login"}, follow_redirects=True
    )
    assert "That language is not available." in r.get_data(as_text=True)
    r = visitor.http.post("/language", data={"csrf_token": visitor.csrf, "lang": "fr", "next": "//evil.example/x"})
    assert r.status_code == 302 and "evil.example" not in r.headers["Location"]
    r = visitor.http.post("/language", data={"lang": "fr"}, headers={"Accept": "text/html"})
    assert r.status_code == 400  # no CSRF token: refused
    assert "Traceback" not in r.get_data(as_text=True)


def test_settings_save_language_and_time_zone(as_user, app):
    teacher = as_user(TEACHER_OSLO)
    page = teacher.get("/account/settings", headers={"Accept": "text/html"}).text
    assert '<option value="Europe/Oslo" selected>Europe/Oslo</option>' in page
    form = {"csrf_token": teacher.csrf, "lang": "nb", "timezone": "America/Sao_Paulo"}
    r = teacher.http.post("/account/settings", data=form, follow_redirects=True)
    assert said("nb", "Your settings are saved.") in r.get_data(as_text=True)
    form["timezone"] = "Mars/Olympus_Mons"
    r = teacher.http.post("/account/settings", data=form, headers={"Accept": "text/html"})
    assert r.status_code == 400 and said("nb", "Choose a time zone from the list.") in r.get_data(as_text=True)
    from exchange.db import db

    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == TEACHER_OSLO)).one()
        assert (user.locale, user.timezone) == ("nb", "America/Sao_Paulo")


def test_settings_need_a_login(client):
    r = client.get("/account/settings", headers={"Accept": "text/html"})
    assert r.status_code in (302, 401)
