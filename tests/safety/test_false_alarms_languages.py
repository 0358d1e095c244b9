"""Ordinary words of one language spelled like another's bad word, allowed in their own phrasings.

Swedish "slut" (the end) and "fick" (got) are English "slut" and German "fick"; Finnish "mulle" (to me)
is a Hindi slur. Each is allowed beside the words of its own language it goes with, and the word used as
abuse stays caught. An allowed phrase drops every match inside it, grooming cues too, so none is allowed
where a cue lies ("lähetä mulle" is a request cue; "dm" (a message) is left caught for that reason).
"""

from __future__ import annotations

import pytest

from exchange.safety import check_text


@pytest.mark.parametrize(
    "text",
    [
        "Skolan är slut för idag, vi ses på måndag",
        "till slut hittade vi rätt klassrum",
        "mjölken tog slut så vi köpte ny",
        "det är slut på papper i skrivaren",
        "jag fick ett bra betyg på provet",
        "vi fick en ny elev i klassen idag",
        "fick du min bok om vikingarna?",
        "igår fick vi se en film om rymden",
        "kerro mulle mitä läksyä oli",
        "soita mulle huomenna koulun jälkeen",
        "mulle kävi hyvin kokeessa",
    ],
)
def test_the_ordinary_word_is_allowed(text: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action == "allow", [r.rule for r in verdict.reasons]


@pytest.mark.parametrize(
    "text",
    [
        "you slut",
        "she's such a slut",
        "fick dich",
        "ich fick dich",
        "ye mulle log",
    ],
)
def test_the_word_used_as_abuse_is_still_caught(text: str) -> None:
    assert check_text(text, "under13").action != "allow"


def test_grooming_cues_inside_the_finnish_phrasings_still_count() -> None:
    assert check_text("lähetä mulle kuva kun olet yksin", "under13").action != "allow"


def test_a_split_word_inside_an_allowed_phrase_is_no_split_evasion() -> None:
    # "fick en" would join into German "ficken"; in "vi fick en hund" the two words are Swedish
    assert check_text("vi fick en hund i julklapp", "under13").action == "allow"
    assert check_text("willst du fick en", "under13").action != "allow"
