"""The activity library as data: reading, checking, choosing a language, searching, and the phase
a room is in. Pure (no Flask, no database), so that a submitted activity is checked by the same
rules as the shipped ones, and searching is tested and timed on its own.

An activity is prepare → exchange → reflect: what students do before the meeting, during it (with
discussion prompts) and after. Its texts are per language; a reader gets their own language, else
English, else the first language the author wrote.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

LIBRARY = Path(__file__).resolve().parent / "library"
GRADE_BANDS = ("K-2", "3-5", "6-8", "9-10", "11-12")
LISTS = ("prepare", "exchange", "reflect", "prompts", "materials")
TEXTS = ("title", "summary", "safety_note")
FALLBACK = "en"
MAX_ITEMS = 12  # per list: a lesson plan, not a book
MAX_ITEM_CHARS = 600
MAX_TITLE_CHARS = 120
MAX_SUMMARY_CHARS = 600
MAX_TOPICS = 6


class ActivityInvalid(ValueError):
    """A submitted or shipped activity that breaks a rule; `field` names what to mend."""

    def __init__(self, field_name: str, code: str):
        super().__init__(f"{field_name}: {code}")
        self.field = field_name
        self.code = code


@dataclass(frozen=True)
class Texts:
    """One language's texts of an activity."""

    language: str
    title: str
    summary: str
    prepare: tuple[str, ...]
    exchange: tuple[str, ...]
    reflect: tuple[str, ...]
    prompts: tuple[str, ...]
    materials: tuple[str, ...]
    safety_note: str


@dataclass(frozen=True)
class Activity:
    slug: str
    grade_bands: tuple[str, ...]
    topics: tuple[str, ...]
    duration_minutes: int
    sdgs: tuple[int, ...]
    texts: Mapping[str, Texts] = field(default_factory=dict)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.texts)

    def in_language(self, language: str | None) -> Texts:
        """The reader's language, else English, else the first one written."""
        base = (language or FALLBACK).replace("_", "-").split("-")[0].lower()
        return self.texts.get(base) or self.texts.get(FALLBACK) or next(iter(self.texts.values()))


def _clean(text: object, field_name: str, limit: int, *, required: bool = True) -> str:
    if not isinstance(text, str):
        raise ActivityInvalid(field_name, "not_text")
    value = unicodedata.normalize("NFC", text).strip()
    if required and not value:
        raise ActivityInvalid(field_name, "empty")
    if len(value) > limit:
        raise ActivityInvalid(field_name, "too_long")
    if any(unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\t" for ch in value):
        raise ActivityInvalid(field_name, "control_characters")
    return value


def _items(values: object, field_name: str, *, required: bool) -> tuple[str, ...]:
    if not isinstance(values, list):
        raise ActivityInvalid(field_name, "not_a_list")
    items = tuple(_clean(v, field_name, MAX_ITEM_CHARS) for v in values if not (isinstance(v, str) and not v.strip()))
    if required and not items:
        raise ActivityInvalid(field_name, "empty")
    if len(items) > MAX_ITEMS:
        raise ActivityInvalid(field_name, "too_many")
    return items


def texts_from(language: str, raw: object) -> Texts:
    if not isinstance(raw, dict):
        raise ActivityInvalid(f"texts.{language}", "not_an_object")
    return Texts(
        language=language,
        title=_clean(raw.get("title"), "title", MAX_TITLE_CHARS),
        summary=_clean(raw.get("summary"), "summary", MAX_SUMMARY_CHARS),
        prepare=_items(raw.get("prepare", []), "prepare", required=True),
        exchange=_items(raw.get("exchange", []), "exchange", required=True),
        reflect=_items(raw.get("reflect", []), "reflect", required=True),
        prompts=_items(raw.get("prompts", []), "prompts", required=True),
        materials=_items(raw.get("materials", []), "materials", required=False),
        safety_note=_clean(raw.get("safety_note", ""), "safety_note", MAX_ITEM_CHARS, required=False),
    )


def activity_from(raw: object, languages: Iterable[str]) -> Activity:
    """Check a whole activity (a shipped file or a teacher's submission) and return it.

    Every rule a reader relies on is here: known grade bands, a sensible duration, goals 1–17,
    at least one language the interface has, every list present in each language."""
    if not isinstance(raw, dict):
        raise ActivityInvalid("activity", "not_an_object")
    known = set(languages)
    slug = raw.get("slug")
    if (
        not isinstance(slug, str)
        or not slug
        or len(slug) > 80
        or not all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
    ):
        raise ActivityInvalid("slug", "invalid")
    bands = raw.get("grade_bands")
    if not isinstance(bands, list) or not bands or not all(isinstance(b, str) and b in GRADE_BANDS for b in bands):
        raise ActivityInvalid("grade_bands", "invalid")
    topics = raw.get("topics")
    if not isinstance(topics, list) or not topics or len(topics) > MAX_TOPICS:
        raise ActivityInvalid("topics", "invalid")
    clean_topics = tuple(_clean(t, "topics", 40).lower() for t in topics)
    minutes = raw.get("duration_minutes")
    if not isinstance(minutes, int) or isinstance(minutes, bool) or not 10 <= minutes <= 120:
        raise ActivityInvalid("duration_minutes", "out_of_range")
    sdgs = raw.get("sdgs", [])
    if not isinstance(sdgs, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 17 for n in sdgs
    ):
        raise ActivityInvalid("sdgs", "invalid")
    raw_texts = raw.get("texts")
    if not isinstance(raw_texts, dict) or not raw_texts:
        raise ActivityInvalid("texts", "empty")
    unknown = set(raw_texts) - known
    if unknown:
        raise ActivityInvalid("texts", "unknown_language")
    texts = {lang: texts_from(lang, raw_texts[lang]) for lang in sorted(raw_texts, key=lambda x: (x != FALLBACK, x))}
    return Activity(
        slug=slug,
        grade_bands=tuple(b for b in GRADE_BANDS if b in bands),
        topics=clean_topics,
        duration_minutes=minutes,
        sdgs=tuple(sorted(set(sdgs))),
        texts=texts,
    )


def shipped(languages: Iterable[str], folder: Path = LIBRARY) -> list[Activity]:
    """The activities written for the project, checked like any other."""
    langs = tuple(languages)
    return [activity_from(json.loads(p.read_text(encoding="utf-8")), langs) for p in sorted(folder.glob("*.json"))]


def as_document(activity: Activity) -> dict[str, object]:
    """The stored form (JSON): what `activity_from` reads back."""
    return {
        "slug": activity.slug,
        "grade_bands": list(activity.grade_bands),
        "topics": list(activity.topics),
        "duration_minutes": activity.duration_minutes,
        "sdgs": list(activity.sdgs),
        "texts": {
            lang: {
                "title": t.title,
                "summary": t.summary,
                "prepare": list(t.prepare),
                "exchange": list(t.exchange),
                "reflect": list(t.reflect),
                "prompts": list(t.prompts),
                "materials": list(t.materials),
                "safety_note": t.safety_note,
            }
            for lang, t in activity.texts.items()
        },
    }


def folded(text: str) -> str:
    """Case- and accent-blind form for searching ("Fête" finds "fete")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class Query:
    """What a teacher filters by; empty means any."""

    words: str = ""
    grade_band: str = ""
    topic: str = ""
    language: str = ""
    sdg: int | None = None
    max_minutes: int | None = None


def matches(activity: Activity, query: Query, reader_language: str | None) -> bool:
    if query.grade_band and query.grade_band not in activity.grade_bands:
        return False
    if query.topic and query.topic not in activity.topics:
        return False
    if query.language and query.language not in activity.texts:
        return False
    if query.sdg and query.sdg not in activity.sdgs:
        return False
    if query.max_minutes and activity.duration_minutes > query.max_minutes:
        return False
    words = folded(query.words).split()
    if not words:
        return True
    texts = activity.in_language(reader_language)
    english = activity.texts.get(FALLBACK, texts)
    haystack = folded(" ".join([texts.title, texts.summary, english.title, " ".join(activity.topics), *texts.prompts]))
    return all(w in haystack for w in words)


def search(activities: Sequence[Activity], query: Query, reader_language: str | None) -> list[Activity]:
    """The activities that match, titles in the reader's language in alphabetical order."""
    found = [a for a in activities if matches(a, query, reader_language)]
    return sorted(found, key=lambda a: folded(a.in_language(reader_language).title))


PHASES = ("prepare", "exchange", "reflect")


def phase_for(room_state: str) -> str:
    """What a room's attached activity shows now: before the room opens students prepare, while it
    is open (or locked for a moment) they exchange with the prompts, once closed they reflect."""
    if room_state in ("open", "locked"):
        return "exchange"
    if room_state == "closed":
        return "reflect"
    return "prepare"
