"""Friends' banter and words talked about, not used.

- A mild jibe (bullying of severity 2) with "just kidding" said beside it ("t'es trop con jrigole",
  "sei troppo scemo, scherzo") is banter; a negated marker ("not joking", "je rigole pas", "no es
  broma") keeps it; laughter alone does not count (people laugh while they bully); harsher
  bullying, insult words and everything else stay caught.
- "jk" with a hushing emoji or "don't tell" is still a secret laughed off (grooming).
- A phrase reaching into quotation marks ('ha detto che "cazzo"') is a word talked about when
  the message is about words; a swear word glossed with "=" ("puto = miúdo") is explained, unless
  a person stands after the "=" ("slut = you").
"""

from __future__ import annotations

import pytest

from exchange.safety import check_text


@pytest.mark.parametrize(
    "text",
    [
        "t'es trop bête mdr jrigole",
        "haha you're so dumb, jk you're a genius",
        "eres muy tonta jaja es broma",
        "sei proprio strano ahah sto scherzando",
    ],
)
def test_a_mild_jibe_said_in_jest_is_allowed(text: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action == "allow", [r.rule for r in verdict.reasons]


@pytest.mark.parametrize(
    "text",
    [
        "you're so dumb, not joking",
        "t'es trop bête et je rigole pas",
        "no es broma, eres muy tonta",
        "you're so dumb lol",  # laughter alone
        "nobody likes you jk",  # harsher than a jibe
        "you're a retard jk",
    ],
)
def test_a_jibe_without_a_real_joke_is_still_held(text: str) -> None:
    assert check_text(text, "under13").action != "allow"


@pytest.mark.parametrize("text", ["jk 🤫", "just kidding but don't tell your mum", "not really 🤫"])
def test_a_secret_laughed_off_is_still_grooming(text: str) -> None:
    verdict = check_text(text, "under13")
    assert any(r.category == "grooming" for r in verdict.reasons), [r.rule for r in verdict.reasons]


@pytest.mark.parametrize(
    "text",
    [
        'Il maestro ha spiegato che "cazzo" è una parolaccia e non si dice',
        "em Portugal puto = miúdo, não é palavrão",
        "merde = mince, en plus poli",
    ],
)
def test_a_word_talked_about_is_allowed(text: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action == "allow", [r.rule for r in verdict.reasons]


@pytest.mark.parametrize("text", ["ma che cazzo vuoi", "slut = you", "cabrón = tú", "puto"])
def test_a_word_used_is_still_caught(text: str) -> None:
    assert check_text(text, "under13").action != "allow"
