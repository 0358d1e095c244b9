"""Entries written with digits (Arabizi), and the pieces of grooming, threats and despair that helpers
listed from their own knowledge in the twenty-fifth session (issue 15). Sentences written for this
test, not taken from any evaluation line; each rule is pinned from both sides."""

from __future__ import annotations

import pytest

from verdicts import categories, verdict


# --- Arabizi writes letters Latin has not with digits: 7 for ح, 3 for ع, 9 for ق, 5 for خ
@pytest.mark.parametrize("text", ["a7a ya 3am", "sir t9awed", "ya 9a7ba", "wld l9a7ba rak m3aras"])
def test_entries_written_with_digits_match_as_typed(text: str) -> None:
    assert {"profanity", "sexual"} & categories(text), text


@pytest.mark.parametrize(
    "text",
    [
        "my ears hurt after the concert",  # the leetspeak reading of "3ars"
        "homework: page 7, exercises 3a and 5b",
        "see you at 9, bring the 5 maps",
        "the answer is 7a + 3b",
        "die 5b hat gegen die 6d gewonnen",  # German classes are named so
    ],
)
def test_the_digit_reading_adds_nothing_to_ordinary_text(text: str) -> None:
    assert verdict(text).action == "allow", verdict(text).reasons


# --- pieces of a grooming approach, in the languages where the filter read fewest of them
@pytest.mark.parametrize(
    "text",
    [
        "لما ينام أهلك ابعتيلي صورة",  # when your parents sleep, send me a picture
        "親寝た後に通話しよ",  # a call after your parents are asleep
        "jab ghar pe koi nahi ho tab video call karna",
        "quando i tuoi sono fuori vieni da me",  # come to mine when your parents are out
        "когда родаки уйдут, пиши мне в личку",
        "等你爸妈睡了开视频",  # when your parents are asleep, turn on video
    ],
)
def test_guardians_away_is_grooming(text: str) -> None:
    assert "grooming" in categories(text), text


@pytest.mark.parametrize(
    "text",
    [
        "さようなら、みんなありがとう、元気でね！忘れないでね",  # the last session of an exchange
        "私は中学生です。サッカーが好きです",  # I'm at junior high; I like football
        "Ich vermisse euch, macht es gut!",
        "je vais mourir de rire 😂",
        "¿de dónde eres? yo soy de Lima",
        "это не я, не говори что это я разбил вазу 😅",
    ],
)
def test_farewells_introductions_and_jokes_pass(text: str) -> None:
    assert verdict(text).action == "allow", verdict(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "ich bin nur eine last, ich hab die tabletten schon",  # a burden, and the pills
        "生きてる意味ない、屋上から飛ぶ",
        "我恨我自己，安眠药已经买好了",
        "personne s'en soucierait, c'est mon dernier message",
    ],
)
def test_despair_with_a_means_or_a_farewell_is_self_harm(text: str) -> None:
    assert "self_harm" in categories(text), text
