"""Words of danger in disguise, numbers that stay numbers, and words of one language that fold
onto another's entries (issue 15). Sentences written for this test, not taken from any
evaluation line; each rule is pinned from both sides."""

from __future__ import annotations

import pytest

from exchange.safety import check_text


def verdict(text: str):
    return check_text(text, "under13")


def categories(text: str) -> set[str]:
    return {r.category for r in verdict(text).reasons}


# --- a word of violence, self-harm or a private app spelled out or in leetspeak: held
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("there's a b.o.m.b in the gym on friday", "violence"),
        ("k1ll u after school by the gate", "violence"),
        ("he's getting st*bbed tomorrow", "violence"),
        ("morgen a m o k in der 7c", "violence"),
        ("vou m a t a r todo mundo", "violence"),
        ("b0mba no laboratório amanhã", "violence"),
        ("s u i c i d e is all i think about", "self_harm"),
        ("r1tz3n ist das einzige was hilft", "self_harm"),
        ("s.t.e.r.b.e.n ist alles was ich will", "self_harm"),
        ("add me on w.h.a.t.s.a.p.p, they read everything here", "grooming"),
        ("passa no t-e-l-e-g-r-a-m", "grooming"),
    ],
)
def test_a_disguised_word_of_danger_is_held(text, category):
    assert verdict(text).action != "allow"
    assert category in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "we visited the U.S.A. and the U.K. last summer",
        "my sister made a bath bomb for mum",
        "J. R. R. Tolkien wrote The Hobbit",
        "p.s. bring your snack tomorrow",
        "the answers are a, b, c, d",
        "our class WhatsApp group is for homework only",
        "ruleset v2.0 is on page 12",
    ],
)
def test_ordinary_letters_and_words_are_not_disguises(text):
    assert verdict(text).action == "allow"


# --- numbers stay numbers: a page, a time
@pytest.mark.parametrize(
    "text",
    [
        "教科書 p.58 の問題、わかった人いる？",
        "open your book at p.58 please",
        "o jogo começa às 5 e meia, não esqueçam",
        "233333333",
        "6666666666 gg",
    ],
)
def test_pages_times_and_laughter_are_not_words_or_phones(text):
    assert verdict(text).action == "allow"


@pytest.mark.parametrize("text", ["you're such an a55", "a sshole", "fu ck you", "call me on 07700 900123"])
def test_leetspeak_split_words_and_phones_are_still_caught(text):
    assert verdict(text).action != "allow"


# --- a word of one language that folds onto another language's entry
@pytest.mark.parametrize(
    "text",
    [
        "you're such a noob at this game lol",
        "tengo 12 años y voy en sexto",
        "estou no sexto ano da escola",
        "hai visto il tg ieri sera?",
        "kinou eiga wo mita shi, benkyou mo shita",
        "chut, dites rien à personne, c'est pour la fête",
        "the party for Mr Wankhede is on friday",
        "die Überraschung für Herrn Fick ist fertig",
        "leo tunavaa pinki kwa saratani ya matiti",
        "voy a reventar el examen de mañana",
        "завтра меня не будет на уроке, я у врача",
        "у бабушки корова отелилась",
        "пусть класс сам догадается",
        "tuwaachie wanafunzi wa Lyon wakisie",
    ],
)
def test_a_word_of_one_language_is_not_read_as_another_languages_insult(text):
    assert verdict(text).action == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "what a nob",
        "envoie-moi un sexto",
        "tg connard",
        "teri maa ki chut",
        "завтра меня не станет",
        "ты корова тупая",
    ],
)
def test_the_entries_those_words_fold_onto_still_hold(text):
    assert verdict(text).action != "allow"


# --- secrecy about the answer of a riddle or quiz is a class game
@pytest.mark.parametrize(
    "text",
    [
        "don't tell anyone the answer to the riddle before friday!",
        "no le digas a nadie la respuesta del acertijo 🤫",
        "sag niemandem die Lösung vom Rätsel",
    ],
)
def test_secrecy_about_a_riddle_is_a_game(text):
    assert "grooming" not in categories(text)


def test_secrecy_about_an_answer_with_a_photo_request_is_still_grooming():
    assert "grooming" in categories("don't tell your parents, just send me a pic of the answer")


# --- general forms of threats and despair written for the batch of 2026-12-05
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("your little sister walks home alone, be a shame if something happened to her", "violence"),
        ("i know where your mum works btw", "violence"),
        ("ich weiß wo deine mutter arbeitet", "violence"),
        ("tu verras pas les vacances si tu parles", "violence"),
        ("everyone would honestly be better off without me", "self_harm"),
        ("ohne mich wäre es für alle leichter", "self_harm"),
        ("si je disparais demain personne le remarquera", "self_harm"),
        ("si desaparezco mañana nadie se daría cuenta", "self_harm"),
        ("se eu sumir amanhã ninguém vai ligar", "self_harm"),
        ("ich wär am liebsten für immer weg", "self_harm"),
        ("ab welchem stockwerk überlebt man einen sprung nicht", "self_harm"),
        ("je veux plus être là, j'en peux plus", "self_harm"),
        ("combien de doliprane pour ne plus se réveiller", "self_harm"),
        ("soy una carga para todos", "self_harm"),
        ("quiero dormir y que sea para siempre", "self_harm"),
        ("morgen box ich ihn ins krankenhaus", "violence"),
        ("je viens te défoncer ce soir", "violence"),
        ("le voy a romper la pierna a ese", "violence"),
    ],
)
def test_general_forms_of_threats_and_despair_are_held(text, category):
    assert category in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "which vein carries blood back to the heart?",
        "you'll break your arm if you climb that",
        "no school photos this year, the photographer is ill",
        "te espero mañana en clase",
        "das ist mein Abschied von der Grundschule, ich freu mich aufs Gymnasium",
        "ich bin bald weg, muss noch zum Zug",
        "passt auf euch auf, tschüss und schöne Ferien!",
        "c'était cool de vous connaître, à l'année prochaine !",
        "ne venez pas en cours si vous êtes malades",
        "me encantan mis cortes de pelo nuevos",
        "ich st3rbe vor Hunger, was gibts zu essen",
    ],
)
def test_their_look_alikes_pass(text):
    assert verdict(text).action == "allow"
