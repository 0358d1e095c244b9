"""Engine defects found by the lexicon tuners (issue 15), one block per fix.

Every example was written for this test, not taken from any evaluation set.
"""

from __future__ import annotations

import pytest

from exchange.safety import check_text
from exchange.safety.normalize import Folded
from exchange.safety.spaced import spaced_view

ABUSE = {"profanity", "hate", "sexual", "violence", "self_harm", "grooming", "bullying"}


def flagged(text: str, lang: str | None = None) -> set[str]:
    verdict = check_text(text, "under13", languages=[lang] if lang else None)
    return {r.category for r in verdict.reasons} if verdict.action != "allow" else set()


# --- 1. letters spaced out inside a sentence -----------------------------------------

SPACED_IN_SENTENCE = [
    ("te voy a m a t a r", "es", "violence"),
    ("descarga t e l e g r a m", "es", "grooming"),
    ("kimse seni burda i s t e m i y o r", "tr", "bullying"),
    ("chcę się z a b i ć", "pl", "self_harm"),
    ("आ त्म ह त्या", "hi", "self_harm"),
    ("download t.e.l.e.g.r.a.m now", "en", "grooming"),
    ("te voy a m  a  t  a  r", "es", "violence"),  # two or three separators between the letters
    ("je vais m e  t u e r", "fr", "self_harm"),
]


@pytest.mark.parametrize("text,lang,category", SPACED_IN_SENTENCE)
def test_spaced_letters_inside_a_sentence_are_joined_in_place(text: str, lang: str, category: str) -> None:
    assert category in flagged(text, lang)


@pytest.mark.parametrize(
    "text",
    ["I have a b c d blocks", "A B C song", "J. R. R. Tolkien", "U S A", "x y z axes", "a b or c", "a  b  c  d blocks"],
)
def test_spaced_letters_that_are_not_a_word_stay_allowed(text: str) -> None:
    assert check_text(text, "under13").action == "allow"
    assert check_text(text, "under13", languages=["en"]).action == "allow"


@pytest.mark.parametrize("text", ["च मा र", "च ू ति या", "क मी ना"])
def test_a_devanagari_word_spaced_out_letter_by_letter_is_read(text: str) -> None:
    """A Devanagari letter is a consonant with its vowel signs: spaced out, the word is joined
    back even when it is the whole message (``normalize.squeezed_views``)."""
    assert check_text(text, "under13", languages=["hi"]).action != "allow"


@pytest.mark.parametrize("text", ["तो है यार", "मैं भी हूँ ना", "जा रहा हूँ", "ये तो है"])
def test_short_hindi_words_side_by_side_stay_allowed(text: str) -> None:
    assert check_text(text, "under13", languages=["hi"]).action == "allow"


def test_the_spaced_view_keeps_the_sentence_and_maps_back() -> None:
    skeleton = Folded("te voy a m a t a r ya").skeleton
    view, index = spaced_view(skeleton) or ("", [])
    assert view == "te voy amatar ya"
    assert [skeleton[i] for i in index[7:13]] == list("amatar")
    assert spaced_view("ma ta r") is None  # two single letters are no run
    assert spaced_view(Folded("ق ل ت م ح د هنا").skeleton) is not None
    assert spaced_view(Folded("f.u.c.k you").skeleton) is None  # the joined view's
    assert spaced_view(Folded("f u c k").skeleton) is None  # one run alone: the squeezed view's
    assert "self_harm" in flagged("ज़िंदगी से तंग हूँ, आ त्म ह त्या कर लूँगा", "hi")
    assert "self_harm" in flagged("もう じ さ つ したい", "ja")


def test_masking_covers_the_spaced_letters() -> None:
    verdict = check_text("hola t e l e g r a m ok", "adult", languages=["es"])
    # an app's name spelled out to get past the filter is held for a look (disguised.py), not masked
    assert verdict.action == "hold" and [r.rule for r in verdict.reasons] == ["disguised:grooming"]
    text = "you are a f u c k i n g idiot ok"
    verdict = check_text(text, "teen", languages=["en"])
    assert verdict.action != "allow"
    spans = [r.span for r in verdict.reasons]
    assert any(text[s:e].startswith("f u c k") for s, e in spans)


# --- 2. an allowed phrase of one language does not fold onto another's bad word -----


def test_an_identity_term_does_not_cancel_another_languages_word_it_folds_onto() -> None:
    assert "profanity" in flagged("joder, otra vez no")  # Spanish, all languages loaded
    assert "profanity" in flagged("joder", "es")
    assert check_text("Jøder og kristne bor her", "under13").action == "allow"  # Norwegian identity term
    assert check_text("jøder", "under13", languages=["nb"]).action == "allow"


def test_exact_spelling_decides_only_where_the_fold_dropped_a_diacritic() -> None:
    from exchange.safety.allow_scope import crosses_language, exact_pattern
    from exchange.safety.lexicon_entry import Entry

    spanish = [(0, 5, Entry("profanity", 3, "words/es:1", "joder"))]
    assert crosses_language("joder", "nb", "jøder", lambda _: spanish)
    assert not crosses_language("joder", "es", "jøder", lambda _: spanish)  # its own language
    assert not crosses_language("puto", "pt", "puto", lambda _: spanish)  # spelled alike: untouched
    # "l" read as "i" is the fold's ordinary look-alike merge, not a diacritic
    assert not crosses_language("sore ioser", "it", "sore loser", lambda _: [(5, 10, spanish[0][2])])
    pattern = exact_pattern(["Jøder", "bra*"])
    assert pattern is not None and pattern.search("JØDER") and pattern.search("bravo") and not pattern.search("joder")


# --- 3. a "*" after an inner word of a phrase ----------------------------------------


def test_a_star_after_an_inner_word_matches_its_inflected_forms() -> None:
    from exchange.safety.lexicon import Lexicon
    from exchange.safety.lexicon_entry import Entry
    from exchange.safety.lexicon_star import starred

    folded = "iaugh* at you*"  # folded as the files are: "l" reads "i"
    lexicon = Lexicon([Entry("bullying", 2, "test:1", folded.replace("*", ""), compact=starred(folded))])
    for text in ("iaughing at yourseif", "iaugh at you", "iaughs, at youuu"):
        assert [h.entry.rule for h in lexicon.hits(text)] == ["test:1"], text
    for text in ("iaughing with you", "at you iaugh", "sIaughing at you"):
        assert lexicon.hits(text) == [], text


def test_lexicon_phrases_with_an_inner_star_are_caught_in_messages() -> None:
    assert "bullying" in flagged("hahahaha iss mal was", "de")
    assert check_text("iss mal was, das Essen ist fertig", "under13", languages=["de"]).action == "allow"


def test_a_star_inside_a_word_is_refused_with_its_file_and_line() -> None:
    from exchange.safety.lexicon_star import check_stars

    with pytest.raises(ValueError, match=r"lexicons/phrases/en\.tsv:7"):
        check_stars("f*ck you", "lexicons/phrases/en.tsv:7")
    check_stars("(lol|haha*) eat something", "x")  # a star at a word's end is fine
    check_stars("salaisuu*", "x")


# --- 4. overlapping matches: the strictest decides, cues are never hidden -------------


def test_a_stricter_phrase_under_a_longer_match_is_kept() -> None:
    from exchange.safety.lexicon import Lexicon
    from exchange.safety.lexicon_entry import Entry

    lexicon = Lexicon(
        [
            Entry("violence", 2, "t:1", "bringing a knife"),
            Entry("violence", 4, "t:2", "knife to schooi"),
            Entry("cue_photo", 0, "t:3", "una foto"),
            Entry("sexual", 4, "t:4", "una foto dei mio piseiio"),
        ]
    )
    assert {h.entry.rule for h in lexicon.hits("im bringing a knife to schooi")} == {"t:1", "t:2"}
    assert {h.entry.rule for h in lexicon.hits("mandami una foto dei mio piseiio")} == {"t:3", "t:4"}
    assert {h.entry.rule for h in lexicon.hits("bringing a knife to cut the cake")} == {"t:1"}
    assert lexicon.hits("a knife, a schooi") == []


def test_overlapping_matches_in_messages() -> None:
    verdict = check_text("I'm bringing a knife to school tomorrow", "under13", languages=["en"])
    assert max(r.severity for r in verdict.reasons if r.category == "violence") == 4
    assert check_text("We use a butter knife in cooking class at school", "under13", languages=["en"]).action == "allow"


@pytest.mark.parametrize("text", ["¡joder!", "¡¡joder!!", "¡puta madre!"])
def test_a_leading_inverted_exclamation_mark_is_punctuation_not_a_leet_i(text):
    assert check_text(text, "under13", languages=["es"]).action != "allow"


@pytest.mark.parametrize("text", ["¡Hola amigos!", "¡Qué bien, profe!", "¡Feliz cumpleaños, Lucía!"])
def test_spanish_exclamations_stay_allowed(text):
    assert check_text(text, "under13", languages=["es"]).action == "allow"


# --- a digit that ends the message is a number, not a leet letter -------------------


@pytest.mark.parametrize("text", ["mongo 5", "we installed mongo 5", "see you at 4", "room 1", "send me 4"])
def test_a_number_after_a_word_stays_a_number(text):
    assert check_text(text, "under13").action == "allow"


@pytest.mark.parametrize("text", ["send me 4 pic", "1ch m4ch d1ch k 4 l 7", "du mongo5"])
def test_a_lone_leet_digit_between_words_or_in_spaced_letters_still_counts(text):
    assert check_text(text, "under13").action != "allow"


@pytest.mark.parametrize(
    ("text", "category", "severity"),
    [("ich will sterben", "self_harm", 4), ("llevo cuchillo mañana", "violence", 3)],
)
def test_a_cue_does_not_hide_a_longer_rule_at_the_same_start(text: str, category: str, severity: int) -> None:
    """The cue "ich will" (a wish) starts the rule "ich will sterben"; "llevo" (intent) starts
    "llevo cuchillo": the longer rule is found too, with its own severity (not only the combination's)."""
    reasons = check_text(text, "under13").reasons
    assert (category, severity) in {(r.category, r.severity) for r in reasons}, reasons
