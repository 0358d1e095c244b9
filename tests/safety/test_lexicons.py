"""The lexicon files and the folding they rely on."""

from __future__ import annotations

from importlib import resources

import pytest

from exchange.safety.lexicon import ABUSE_CATEGORIES, LANGUAGES, expand, identity_terms, load_language
from exchange.safety.normalize import Folded, fold_plain, joined_view, squeezed_views

REQUIRED = ("en", "es", "fr", "pt", "de", "ar", "hi", "ru", "zh", "ja", "sw", "id")
KNOWN = (
    set(ABUSE_CATEGORIES)
    | {"allow", "identity", "pii_address", "pii_handle", "link"}
    | {
        "cue_secret",
        "cue_guardian",
        "cue_request",
        "cue_body",
        "cue_meet",
        "cue_alone",
        "cue_digit",
        "cue_street",
        "cue_mention",
        "cue_joke",
        "cue_fond",
        "cue_method",
        "cue_die",
        "cue_school",
        "cue_weapon",
        "cue_game",
        "cue_laugh",
        "bullying",
    }
)


def test_the_twelve_languages_have_lexicons():
    assert set(REQUIRED) <= set(LANGUAGES)


@pytest.mark.parametrize("lang", (*REQUIRED, "common"))
def test_every_row_is_well_formed(lang):
    text = resources.files("exchange.safety").joinpath("lexicons", f"{lang}.tsv").read_text("utf-8")
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        phrase, category, severity, *provenance = line.split("\t")  # provenance: "curated 2026-12-04"
        assert category in KNOWN, (lang, lineno, category)
        assert len(provenance) <= 1 and all(p.strip() for p in provenance), (lang, lineno)
        assert int(severity) in (
            (0,) if category in {"allow", "identity"} or category.startswith("cue_") else (1, 2, 3, 4)
        ), (lang, lineno)
        assert phrase.strip() == phrase and phrase, (lang, lineno)
        assert expand(phrase), (lang, lineno)


@pytest.mark.parametrize("lang", REQUIRED)
def test_each_language_covers_every_abuse_category_and_identity_terms(lang):
    entries, _, identity = load_language(lang)
    assert set(ABUSE_CATEGORIES) <= {e.category for e in entries}, lang
    assert len(identity) >= 10
    assert identity_terms(lang) == identity


def test_phrase_syntax_expands_alternatives_options_and_nesting():
    assert expand("idiot[s]") == ["idiot", "idiots"]
    assert expand("send (me )?(nudes|naked (pics|photos))") == [
        "send nudes",
        "send naked pics",
        "send naked photos",
        "send me nudes",
        "send me naked pics",
        "send me naked photos",
    ]
    assert expand("a [b|c] d") == ["a d", "a b d", "a c d"]


def test_folding_undoes_look_alikes_case_width_and_marks():
    assert fold_plain("ＦｕＣｋ") == "fuck"
    assert fold_plain("сука") == fold_plain("cyka")  # Cyrillic and Latin look-alikes
    assert fold_plain("Straße") == "strasse"
    assert fold_plain("f\u200bu\u200dc\u2060k") == "fuck"  # invisibles removed
    assert fold_plain("f̸ú̈c̵k") == "fuck"  # marks removed
    assert fold_plain("coño") != fold_plain("cono")  # ñ is a letter of its own
    assert fold_plain("أحمد") == fold_plain("احمد")  # alef forms unified
    assert fold_plain("I") == fold_plain("l") == "i"  # the classic confusion


def test_leetspeak_applies_to_words_not_numbers():
    assert Folded("sh1t").skeleton == "shit"
    assert Folded("455 students").skeleton == "455 students"
    assert Folded("@$$").skeleton == "ass"


def test_views_join_split_letters_and_keep_a_way_back():
    view, index = joined_view("f.u.c.k you")
    assert view == "fuck you" and index[:4] == [0, 2, 4, 6]
    ((word, index),) = squeezed_views("f u c k")
    assert word == "fuck" and index[-1] == 7
    assert squeezed_views("I am a boy") == []


def test_origin_span_survives_expansion_and_removal():
    text = "ﬁ\u200bx ok"  # a ligature becomes two letters, a zero-width space disappears
    folded = Folded(text)
    assert folded.skeleton == "fix ok"
    assert folded.origin_span(0, 3) == (0, 3)
    assert folded.origin_span(4, 6) == (4, 6)
