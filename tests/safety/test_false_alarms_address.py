"""A bare "my address is" is no address. The English rows "my (home )?address is" and "i live at"
held whatever followed them ("my address is on the school letter"). They now need a place after
them (a house, a flat, "next to", "behind"); a street and number is read by the address finders
(pii_home, pii_address). The rows of other languages stay: dropping them lost a Russian address
line of the dev set."""

from __future__ import annotations

import pytest

from exchange.safety import check_text


@pytest.mark.parametrize(
    "text",
    [
        "my address is on the letter Mrs Okafor sent home, ask your parents",
        "I live at the library on Saturdays, it's so quiet there",
        "my home address is the same as my brother's, he's in year 6",
        "my address is secret, we learned that in e-safety",
    ],
)
def test_the_phrase_alone_is_allowed(text: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action == "allow", [r.rule for r in verdict.reasons]


@pytest.mark.parametrize(
    "text",
    [
        "my address is 14 willow close, come round after school",
        "my home address is 27 Harbour Road",
        "my address is the white cottage behind the church",
        "my home address is next to the big Tesco, the green door",
        "i live at the red farmhouse at the end of Mill Lane",
        "mi dirección es calle del Pino 8",
        "我的地址是和平路12号",
    ],
)
def test_an_address_after_it_is_still_caught(text: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action != "allow"
    assert any(r.category == "pii_address" for r in verdict.reasons), [r.rule for r in verdict.reasons]


@pytest.mark.parametrize(
    "text",
    ["三丁目の夕日って映画見た？", "第十七号作业明天交", "十号线地铁今天很挤", "第三号选手加油！", "我是一号球衣"],
)
def test_numbers_in_cjk_numerals_without_a_street_are_not_addresses(text: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action == "allow", [r.rule for r in verdict.reasons]
