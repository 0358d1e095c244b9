"""Words that are abuse only when aimed at someone: a lab's stick insect, a village's old name.

"stick insect" mocks a thin pupil when it is said to them ("you stick insect", "you look like a
stick insect"), not when it is the class pet; the Austrian village once called Fucking is a place
in every phrasing of its renaming, while the same word as swearing is still masked.
"""

from __future__ import annotations

import pytest

from exchange.safety import check_text


@pytest.mark.parametrize(
    "text",
    [
        "the stick insect in our science lab died over the weekend 😢",
        "can we feed the stick insects before the bell?",
        "geography fact: there's a village in Austria that was called Fucking, they renamed it Fugging",
        "the village is now called Fugging, it was named Fucking for centuries",
    ],
)
def test_said_in_passing_is_let_through(text: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action == "allow", [r.rule for r in verdict.reasons]


@pytest.mark.parametrize(
    "text, category",
    [
        ("you look like a stick insect lol eat something", "bullying"),
        ("move it, you skinny stick insect", "bullying"),
        ("what a stick insect, no wonder nobody picks her", "bullying"),
    ],
)
def test_said_to_someone_is_still_held(text: str, category: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action != "allow" and category in {r.category for r in verdict.reasons}, text


def test_the_same_word_as_swearing_is_still_caught() -> None:
    verdict = check_text("this is so fucking boring, who called this a lesson", "under13")
    assert verdict.action != "allow"
