"""Words in templates that a person reads but no translator can reach (outside gettext)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
# Attributes a person reads or hears (screen readers say aria-label, title and alt).
READ_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "aria-description", "label"}
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_LETTERS = re.compile(r"[^\W\d_]{2,}")
# Text that is not language: the product's name is translated too; symbols and codes are not words.
_NOT_WORDS = re.compile(r"^(?:[\s·•|/()\[\]:,.;!?–—…+\-×%#@&*=<>0-9]|&[a-z]+;|&#\d+;)*$")


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[tuple[int, str]] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "kbd"):  # a key's name is printed on the key: not translated
            self._skip += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value and _LETTERS.search(value):
                self.found.append((self.getpos()[0], f'{name}="{value}"'))

    def handle_endtag(self, tag):
        if tag in ("script", "style", "kbd") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if self._skip or _NOT_WORDS.match(data):
            return
        if _LETTERS.search(data):
            self.found.append((self.getpos()[0], data.strip()))


def untranslated(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every read text or attribute outside `{{ _(...) }}` in one template."""
    source = path.read_text(encoding="utf-8")
    # a Jinja expression or statement becomes a placeholder of the same line count
    blanked = _JINJA.sub(lambda m: "\n" * m.group(0).count("\n") + "\x00", source)
    reader = _Reader()
    reader.feed(blanked.replace("\x00", ""))
    reader.close()
    return reader.found


def templates() -> list[Path]:
    return sorted(p for p in TEMPLATES.rglob("*") if p.suffix in (".html", ".txt"))


_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_GETTEXT_CALL = re.compile(r"\b(?:n?gettext|_)\(\s*(['\"]).*?(?<!\\)\1(?:\s*,\s*(['\"]).*?(?<!\\)\2)?", re.S)
_LITERAL = re.compile(r"(['\"])((?:(?!\1).)*?)\1")
_SENTENCE = re.compile(r"[^\W\d_]{2,}[,.!?:;]?\s+[^\W\d_]{2,}")  # two words: a sentence, not a class name


def literal_sentences(path: Path) -> list[tuple[int, str]]:
    """Quoted sentences inside Jinja expressions that no gettext call wraps ({{ "Save" if x }})."""
    source = path.read_text(encoding="utf-8")
    found = []
    for m in _EXPRESSION.finditer(source):
        body = _GETTEXT_CALL.sub("", m.group(0))
        for lit in _LITERAL.finditer(body):
            if _SENTENCE.search(lit.group(2)):
                found.append((source.count("\n", 0, m.start()) + 1, lit.group(2)))
    return found
