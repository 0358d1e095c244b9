"""Grooming by flattery and pressure, a child's routine when alone, number plates, and the
contexts that explain a word (issue 15). Sentences written for this test, not taken from any
evaluation or tuning line; each rule is pinned from both sides."""

from __future__ import annotations

import pytest

from exchange.safety import check_text


def categories(text: str, audience: str = "under13") -> set[str]:
    return {r.category for r in check_text(text, audience).reasons}


def held(text: str) -> bool:
    return check_text(text, "under13").action != "allow"


# --- a special bond, flattery or pressure (cue_bond) beside a secret, a guardian, a photo...
@pytest.mark.parametrize(
    "text",
    [
        "nobody understands you like I do, so keep this between us",
        "if you really liked me you wouldn't tell your mum everything",
        "i thought you were different. i deserve a real picture after all this time",
        "keiner versteht dich so wie ich, das bleibt unter uns",
        "personne te comprend comme moi, ça reste entre nous",
        "nadie te entiende como yo, que quede entre nosotros",
        "ninguém te entende como eu, fica entre a gente",
        "nessuno ti capisce come me, cancella la chat dopo",
        "ignore the others, just talk to me from now on",
    ],
)
def test_a_bond_with_a_secret_a_guardian_or_a_photo_is_grooming(text):
    assert "grooming" in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "thought you were different, whatever",  # one bond cue alone
        "ignore them, they're just jealous of you",  # a friend comforting a friend
        "our friendship project with the class in Kenya starts Monday",
        "my parents are so strict about screen time lol",
    ],
)
def test_a_bond_alone_or_a_friend_comforting_stays_allowed(text):
    assert not held(text), check_text(text, "under13").reasons


def test_asking_details_in_private_is_grooming():
    assert "grooming" in categories("dm me privately, what school do you go to?")


# --- self-harm: a means with dying; threats: two warnings, a warning about a parent
@pytest.mark.parametrize(
    "text, category",
    [
        ("how many sleeping pills would it take to not wake up", "self_harm"),
        ("ist das dach vom parkhaus offen? ich will allein hoch", "self_harm"),
        ("the list is done. you're number two", "violence"),
        ("your dad gets home late from work, right? would be a shame", "violence"),
        ("you'll regret that grade. i know where he parks", "violence"),
    ],
)
def test_new_combinations_hold(text, category):
    assert category in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "you're number two in the spelling bee, well done!",
        "my dad gets home late on Fridays, so we eat at eight",
        "the bakery is on the rooftop level of the mall",
    ],
)
def test_one_piece_of_those_combinations_stays_allowed(text):
    assert not held(text), check_text(text, "under13").reasons


# --- a child's routine when alone; a number plate
@pytest.mark.parametrize(
    "text",
    [
        "i walk home alone through the park every day at 3:15",
        "meine mama hat nachtschicht, ich bin jeden abend allein daheim ab 20 uhr",
        "je rentre toute seule par le chemin du stade tous les jours vers 16h",
        "爸妈每天晚上9点才回来，家里就我一个",
    ],
)
def test_when_a_child_is_alone_and_where_is_personal_data(text):
    reasons = check_text(text, "under13").reasons
    assert any(r.rule == "pii:alone_routine" for r in reasons), reasons


@pytest.mark.parametrize(
    "text",
    [
        "never walk home alone at night, stay with your group",  # advice
        "I'm home alone till 5 so I'm starting the slides, join the shared doc",  # schoolwork
        "I like doing puzzles alone",  # no time, no place
    ],
)
def test_advice_and_schoolwork_are_no_routine(text):
    reasons = check_text(text, "under13").reasons
    assert not any(r.rule == "pii:alone_routine" for r in reasons), reasons


def test_a_number_plate_beside_a_car_is_personal_data():
    reasons = check_text("my mum's car is a blue Fiat, plate EX 482 KT, always by the gate", "under13").reasons
    assert any(r.rule == "pii:plate" for r in reasons), reasons
    assert not check_text("see plate 12 in the atlas for the map of rivers", "under13").reasons


# --- contexts that explain a word
@pytest.mark.parametrize(
    "text",
    [
        "Shh, don't tell your mum, the Mother's Day card is a surprise 🤫",
        "嘘，别告诉妈妈，生日贺卡是惊喜",
        "lol you're dead, that creeper got you again in minecraft",
        "spoiler: in the play Romeo and Juliet both die by suicide, that's the tragedy",
        'my partner taught me "baka", it means idiot, right?',
    ],
)
def test_a_context_explains_the_word(text):
    assert not held(text), check_text(text, "under13").reasons


@pytest.mark.parametrize(
    "text",
    [
        "I have a surprise for you, don't tell your parents",  # no event: a groomer's surprise
        "don't tell your mum about the birthday surprise, send me a selfie first",  # another grooming cue
        "you're dead tomorrow at school, I'm bringing a knife",  # a weapon and the school
        "the novel made me think about suicide, I want to die too",  # the writer speaks of themselves
        "you are such an idiot",
    ],
)
def test_the_same_words_without_their_context_stay_caught(text):
    assert held(text), text


@pytest.mark.parametrize(
    "text",
    [
        "pi to ten places: 3,1415926535",  # the fraction of a decimal, not a phone number
        "e = 2.718281828459",
        'c\'est quoi "cazzo" en italien ?',  # a quoted word asked about, a language named
        'is "merde" as bad in French as it sounds? is it rude?',
    ],
)
def test_decimals_and_words_asked_about_stay_allowed(text):
    assert not held(text), check_text(text, "under13").reasons


@pytest.mark.parametrize("text", ["call me on 0612345678", 'you are a "merde" in french and in real life, idiot'])
def test_phone_numbers_and_insults_beside_them_stay_caught(text):
    assert held(text), text
