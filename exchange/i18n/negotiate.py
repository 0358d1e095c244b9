"""Which language a reader gets: their choice, else their browser's, else their school's.

Pure: the web layer passes in what it knows. A tag is matched to a catalogue by its
language ("es-MX" reads Spanish; Norwegian "no" and "nn" read Bokmål, the catalogue we
have), never by its region alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from babel import Locale, UnknownLocaleError

SOURCE = "en"  # the language the code is written in: always available
RIGHT_TO_LEFT = frozenset({"ar", "he", "fa", "ur", "ps", "yi", "dv", "ckb"})
# a language we do not have, read as one we have
_CLOSEST = {"no": "nb", "nn": "nb"}


def match(tag: str | None, available: Iterable[str]) -> str | None:
    """The available catalogue a language tag reads as, or None."""
    if not tag:
        return None
    have = set(available) | {SOURCE}
    tag = tag.strip().replace("_", "-").lower()
    if tag in have:
        return tag
    base = tag.split("-")[0]
    base = _CLOSEST.get(base, base)
    return base if base in have else None


def choose(
    chosen: str | None,
    accept: Sequence[tuple[str, float]],
    school_languages: Sequence[str],
    available: Iterable[str],
) -> str:
    """The reader's language: an explicit choice, the browser's list by its weights, the school's first."""
    have = sorted(set(available) | {SOURCE})
    picked = match(chosen, have)
    if picked:
        return picked
    for tag, quality in sorted(accept, key=lambda pair: -pair[1]):
        picked = match(tag, have) if quality > 0 and tag != "*" else None
        if picked:
            return picked
    for tag in school_languages:
        picked = match(tag, have)
        if picked:
            return picked
    return SOURCE


def direction(locale: str | None) -> str:
    """ "rtl" for a right-to-left language, else "ltr"."""
    return "rtl" if (locale or SOURCE).replace("_", "-").split("-")[0].lower() in RIGHT_TO_LEFT else "ltr"


def native_name(code: str) -> str:
    """A language's name in itself ("español", "العربية"), as a picker shows it."""
    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (ValueError, UnknownLocaleError):
        return code
    return name[:1].upper() + name[1:]
