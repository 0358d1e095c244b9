"""Issue 18: every user-facing string goes through gettext, and every catalogue has all of them.

Read from the source tree: a string added outside gettext, a catalogue that misses a new
string, or a translation that drops a placeholder fails here before anyone sees it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from template_text import ROOT, literal_sentences, templates, untranslated

from exchange.i18n import catalogues

pytestmark = pytest.mark.backend_independent

REQUIRED = ("ar", "es", "fr", "nb", "sw")  # issue 18: at least these beside English
SHOWN_TO_PEOPLE = {"flash", "DomainError", "Invalid", "Unauthenticated", "Forbidden", "NotFound", "Conflict"}
SHOWN_TO_PEOPLE |= {"TooManyRequests"}


@pytest.mark.parametrize("lang", REQUIRED)
def test_each_required_language_has_a_complete_catalogue(lang):
    assert lang in catalogues.languages(), f"no catalogue for {lang}: scripts/i18n init {lang}"
    report = catalogues.check(lang)
    assert not report.broken, "placeholders changed:\n" + "\n".join(report.broken[:20])
    assert not report.missing, (
        f"{lang}: {len(report.missing)} of {report.total} strings untranslated, e.g. {report.missing[:5]}"
    )
    assert not report.stale, f"{lang}: strings no longer in the template (scripts/i18n update): {report.stale[:5]}"


def test_the_template_holds_every_string_of_the_code(tmp_path, monkeypatch):
    """messages.pot is what `scripts/i18n extract` writes today: no string was added without it."""
    from babel.messages.pofile import read_po

    committed = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(catalogues.TEMPLATE.open("rb")) if m.id}
    monkeypatch.setattr(catalogues, "TEMPLATE", tmp_path / "messages.pot")
    catalogues.extract()
    fresh = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(catalogues.TEMPLATE.open("rb")) if m.id}
    assert fresh - committed == set(), "new strings: run scripts/i18n extract && scripts/i18n update, then translate"
    assert committed - fresh == set(), "strings gone from the code: run scripts/i18n extract && scripts/i18n update"


def test_no_template_shows_words_outside_gettext():
    found = [f"{p.relative_to(ROOT)}:{line}: {text!r}" for p in templates() for line, text in untranslated(p)]
    found += [f"{p.relative_to(ROOT)}:{line}: {text!r}" for p in templates() for line, text in literal_sentences(p)]
    assert not found, "words a person reads but no translator can reach:\n" + "\n".join(found)


def test_no_message_to_a_person_is_a_bare_string():
    """Refusals and flashes are sentences people read: each goes through gettext."""
    found = []
    for path in sorted((ROOT / "exchange").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            first = node.args[0]
            bare = isinstance(first, ast.JoinedStr) or (
                isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and any(c.isalpha() for c in first.value)
            )
            if name in SHOWN_TO_PEOPLE and bare:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}(...)")
    assert not found, "messages outside gettext:\n" + "\n".join(found)


def test_the_template_checks_can_fail(tmp_path):
    """The two template checks find a bare sentence, a read attribute and a quoted sentence in an expression."""
    page = tmp_path / "page.html"
    page.write_text(
        '<p>{{ _("Fine") }}</p>\n<p>Hello there</p>\n<button title="Close this">x</button>\n'
        '{{ "Save it now" if x else _("ok") }}\n<kbd>Esc</kbd>\n',
        encoding="utf-8",
    )
    assert [line for line, _ in untranslated(page)] == [2, 3]
    assert literal_sentences(page) == [(4, "Save it now")]


def test_a_broken_placeholder_is_reported(tmp_path, monkeypatch):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    template = Catalog()
    template.add("Hello %(name)s")
    template.add("{count} files")
    monkeypatch.setattr(catalogues, "TEMPLATE", tmp_path / "messages.pot")
    monkeypatch.setattr(catalogues, "FOLDER", tmp_path)
    with catalogues.TEMPLATE.open("wb") as f:
        write_po(f, template)
    translated = Catalog(locale="fr")
    translated.add("Hello %(name)s", "Bonjour %(nom)s")
    translated.add("{count} files", "")
    path = Path(catalogues.po_path("fr"))
    path.parent.mkdir(parents=True)
    with path.open("wb") as f:
        write_po(f, translated)
    report = catalogues.check("fr")
    assert report.missing == ["{count} files"]
    assert len(report.broken) == 1 and "%(nom)s" in report.broken[0]


def test_every_stored_value_shown_to_people_has_words():
    """A new role, room state or status without words would show as its code in every language."""
    from exchange.accounts.models import ROLES
    from exchange.i18n.words import WORDS
    from exchange.rooms.models import ROOM_STATES
    from exchange.scheduling.models import SESSION_STATUSES
    from exchange.vetting.models import VISIT_STATUSES

    stored = {"role": ROLES, "room": ROOM_STATES, "session": SESSION_STATUSES, "visit": VISIT_STATUSES}
    for kind, values in stored.items():
        assert set(WORDS[kind]) == set(values), kind


def test_no_message_holds_a_bare_percent_conversion():
    """Templates format every message (Flask-Babel's new-style gettext), even one with no values:
    "at least 90 % in every language" holds "% i", a conversion that raises on every page showing
    it, in every language. Only named placeholders and "%%" may appear."""
    from babel.messages.pofile import read_po

    from exchange.i18n.catalogues import TEMPLATE, placeholders

    with open(TEMPLATE, "rb") as f:
        template = read_po(f)
    bare = []
    for message in template:
        for text in message.id if isinstance(message.id, tuple) else (message.id,):
            if any(p.startswith("%") and not p.startswith("%(") and p != "%%" for p in placeholders(text)):
                bare.append(text)
    assert bare == []
