"""Two short ordinary words side by side are not a word typed in two pieces.

The split check compares its pieces with SPLIT_STOPWORDS on the folded view, where "l" reads
as "i": the list is kept in both spellings, so "kal" (Hinglish: tomorrow) is found as "kai".
Hinglish "kal tak" (by tomorrow) joined is Turkish "kaltak", "pe daal" (put it on) is Polish
"pedał"; a real split ("fu ck", "bit ch") still joins.
"""

from __future__ import annotations

import pytest

from exchange.safety import check_text
from exchange.safety.lexicon_entry import SPLIT_STOPWORDS


def test_stopwords_also_in_their_folded_spelling() -> None:
    assert {"kal", "kai", "le", "ie", "daal", "daai"} <= SPLIT_STOPWORDS


@pytest.mark.parametrize(
    "text",
    [
        "volcano model ki photo kal tak group pe daal dena",
        "sab log apna chart kal tak bhej do",
        "poster class group pe daal do please",
        "I shot a really nice photo of the sunset for art",  # "shot a" is no "shota"
        "she shot a goal from the halfway line!!",
    ],
)
def test_short_words_stay_apart(text: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action == "allow", [r.rule for r in verdict.reasons]


@pytest.mark.parametrize("text", ["fu ck this homework", "you are such a bit ch", "sen bir kal tak gibisin, ka ltak"])
def test_real_splits_still_join(text: str) -> None:
    assert check_text(text, "under13").action != "allow", text
