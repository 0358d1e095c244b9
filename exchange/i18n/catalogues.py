"""The translation catalogues: extract, update, compile and check, with Babel's own tools.

The `.po` files are the source (kept in the repository, written by translators); the `.mo`
files are built from them. A server compiles any catalogue whose `.mo` is missing or older
than its `.po` at start-up (milliseconds), so a fresh checkout needs no build step and an
edited translation shows after a restart. `scripts/i18n` runs the same functions by hand.

Pure of Flask: the tests and the command line call it directly.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import sys
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[2]
FOLDER = Path(__file__).resolve().parents[1] / "translations"
TEMPLATE = FOLDER / "messages.pot"
DOMAIN = "messages"
KEYWORDS = (
    "_l",
    "lazy_pgettext:1c,2",
)  # lazy_gettext as imported by the forms, and its context form; _, gettext, ngettext, pgettext are Babel's defaults

# Placeholders a translation must keep: %(name)s, %s / %d, {name}
_PERCENT = re.compile(r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifrxXeEgGc%]")
_BRACE = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def languages() -> list[str]:
    """Every language with a catalogue, in code order (English is the source, no catalogue)."""
    return sorted(p.parent.parent.name for p in FOLDER.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def po_path(lang: str) -> Path:
    return FOLDER / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract() -> None:
    """Write messages.pot from the Python modules and templates (babel.cfg says which)."""
    keywords = [a for k in KEYWORDS for a in ("-k", k)]
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", str(ROOT / "babel.cfg"), *keywords]
        + ["--no-location", "--sort-output", "--project", "Classroom Exchange", "-o", str(TEMPLATE), str(ROOT)],
        check=True,
        cwd=ROOT,
    )


def update() -> None:
    """Merge messages.pot into every catalogue: new strings arrive untranslated, gone ones are dropped."""
    with TEMPLATE.open("rb") as f:
        template = read_po(f)
    for lang in languages():
        path = po_path(lang)
        with path.open("rb") as f:
            catalog = read_po(f, locale=lang)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with path.open("wb") as f:
            write_po(f, catalog, width=100, omit_header=False)


def compile_all(force: bool = False) -> list[str]:
    """Build each `.mo` whose `.po` is newer (or all with ``force``); returns the languages built."""
    built = []
    for lang in languages():
        po = po_path(lang)
        mo = po.with_suffix(".mo")
        if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalog = read_po(source, locale=lang)
        # several servers may start at once: each writes its own file, the last rename wins
        with tempfile.NamedTemporaryFile(dir=mo.parent, suffix=".tmp", delete=False) as target:
            write_mo(target, catalog, use_fuzzy=False)
        os.replace(target.name, mo)
        built.append(lang)
    return built


@dataclass
class Report:
    """What a catalogue lacks: untranslated or fuzzy strings, broken placeholders, strings not in the template."""

    lang: str
    total: int = 0
    translated: int = 0
    missing: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def placeholders(text: str) -> list[str]:
    return sorted(_PERCENT.findall(text) + _BRACE.findall(text))


def _forms(message: Message) -> tuple[list[str], list[str]]:
    ids = list(message.id) if isinstance(message.id, tuple | list) else [message.id]
    strings = list(message.string) if isinstance(message.string, tuple | list) else [message.string or ""]
    return ids, [s or "" for s in strings]


def check(lang: str) -> Report:
    """Compare one catalogue with the template."""
    with TEMPLATE.open("rb") as f:
        template = read_po(f)
    with po_path(lang).open("rb") as f:
        catalog = read_po(f, locale=lang)
    report = Report(lang)
    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    for message in catalog:
        if not message.id:
            continue
        ids, strings = _forms(message)
        key = ids[0]
        if key not in wanted:
            report.stale.append(key)
            continue
        report.total += 1
        if message.fuzzy or not all(s.strip() for s in strings):
            report.missing.append(key)
            continue
        report.translated += 1
        # every form keeps the placeholders of its source (the singular may drop a %(num)s: "one file")
        expected = placeholders(ids[-1])
        for i, s in enumerate(strings):
            got = placeholders(s)
            if got != expected and not (len(strings) > 1 and set(got) <= set(expected)):
                report.broken.append(f"{key!r} [{i}]: {got} != {expected}")
    report.missing.extend(sorted(wanted - {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}))
    report.total += len(wanted - {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id})
    return report


def new_catalogue(lang: str) -> Path:
    """Start a catalogue for a new language from the template."""
    with TEMPLATE.open("rb") as f:
        template = read_po(f)
    catalog = Catalog(locale=lang, project="Classroom Exchange")
    catalog.update(template, no_fuzzy_matching=True)
    path = po_path(lang)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as f:
        write_po(f, catalog, width=100)
    return path
