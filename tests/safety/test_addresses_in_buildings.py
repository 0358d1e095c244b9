"""Homes given as parts of a building or a Japanese block number, and numbers typed as keycap emoji.

"bloque 3, 5ºD", "tour 2 étage 9 porte 93", "चौथी मंज़िल, फ्लैट 17", "B座 1603", "おもろまち3の6の1",
"门牌号是一百零八", "number 2️⃣7️⃣ Maple Crescent": a dwelling's parts with numbers, or an address whose
digits are emoji. One part alone ("room 204", "floor 2") and school sums stay ordinary.
"""

from __future__ import annotations

import pytest

from exchange.safety import check_text


@pytest.mark.parametrize(
    "text",
    [
        "vivo en el bloque 4, 2ºB, al lado del parque",
        "notre appart: bât. 3, étage 5, porte 52",
        "hum chauthi manzil, flat 12 mein rehte hain",
        "हम तीसरी मंज़िल, फ्लैट 9 में रहते हैं",
        "幸福小区 C座 2205",
        "グリーンコート A棟 305号室",
        "うちは桜台2の14の3だよ",
        "住所は港北区日吉3-5-12",
        "家は緑町二丁目の五番地",
        "我家门牌号是二十六",
        "come to 4️⃣5️⃣ Oak Lane after school",
        "Wohnung 3️⃣ im Haus 1️⃣2️⃣ 😊",
        "residencial Sol, torre 2, ap 8️⃣0️⃣1️⃣",
    ],
)
def test_homes_are_held(text: str) -> None:
    verdict = check_text(text, audience="under13")
    assert verdict.action in ("hold", "block"), verdict
    assert any(r.category == "pii_address" for r in verdict.reasons), verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        "we won 3-1 and then 2-0",
        "la lección 5 está en la página 12",
        "room 204 is on floor 2",
        "1️⃣ open the book 2️⃣ read page 7",
        "題目: 小明家的门牌号是三位数",
        "2026-12-05の予定を見てね",
        "テストは3の1の教室だよ",
        "fais les exercices 2 à 5 page 93",
        "se fueron 2 o 3 amigos",
    ],
)
def test_numbers_in_school_talk_stay_allowed(text: str) -> None:
    verdict = check_text(text, audience="under13")
    assert not any(r.category.startswith("pii_") for r in verdict.reasons), verdict.reasons
