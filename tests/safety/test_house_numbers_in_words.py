"""House numbers spelled out in words are still addresses; number words elsewhere are not.

The number is read as a house number only after a number marker ("number", "Nr.", "numero",
"дом", "رقم", "नंबर", "namba") or closing the clause right after a street name, so counting,
pages and ordinary sentences with number words stay allowed.
"""

from __future__ import annotations

import pytest

from exchange.safety import check_text
from exchange.safety.pii_house_words import house_number_view


@pytest.mark.parametrize(
    "text",
    [
        "ich wohn in der Lärchenstraße einundvierzig, dritter stock",
        "we live at number thirty two oak avenue",
        "vivo en la calle Olmo numero treinta y cuatro",
        "j'habite au quarante-deux rue des Tilleuls",
        "abito in via dei Pini numero diciannove",
        "moro na rua das Acácias numero sessenta e dois",
        "живу на улице Лесной дом тридцать один",
        "nyumba namba ishirini na saba, karibu na soko",
        "मकान नंबर बाईस, मंदिर के पास",
        "بيتنا في شارع الورد رقم سبعة وثلاثين",
    ],
)
def test_an_address_with_its_number_in_words_is_held(text: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action != "allow" and any(r.category == "pii_address" for r in verdict.reasons), (
        text,
        [r.rule for r in verdict.reasons],
    )
    assert any(r.rule.endswith("_in_words") for r in verdict.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "we were two in the team, page twenty",
        "ich habe zwei Brüder und drei Schwestern",
        "lies bitte die Seite zwanzig",
        "en la calle hay dos perros y tres gatos",
        "la rue compte vingt-sept maisons anciennes",
        "Rua Sete de Setembro é uma rua famosa do centro",
        "на улице было двадцать три градуса",
        "tuko wanafunzi ishirini na tano darasani",
        "अध्याय बाईस पढ़ना है",
        "في الصف خمسة وعشرين طالب",
        "Sortie au musée : le musée est au numéro vingt-deux rue des Arts, rendez-vous à la grille à 9h",
    ],
)
def test_number_words_elsewhere_stay_allowed(text: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action == "allow", (text, [r.rule for r in verdict.reasons])


def test_the_view_keeps_the_length_and_marks_only_the_house_number() -> None:
    text = "ich wohne in der Amselstraße nummer siebenundzwanzig, zwei Treppen hoch"
    view, runs = house_number_view(text) or ("", [])
    assert len(view) == len(text)
    assert [text[s:e] for s, e in runs] == ["siebenundzwanzig"]
    assert "nummer 7 " in view and "zwei Treppen" in view
