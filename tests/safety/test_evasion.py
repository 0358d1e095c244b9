"""Normalisation against evasion, and the false positives it must not create (issue 15).

Every example here was written for this test, not taken from any evaluation set.
"""

from __future__ import annotations

import pytest

from exchange.safety import check_text
from exchange.safety.normalize import Folded

ABUSE = {"profanity", "hate", "sexual", "violence", "self_harm", "grooming", "bullying"}


def caught(text: str) -> bool:
    verdict = check_text(text, "under13")
    return verdict.action != "allow" and any(r.category in ABUSE for r in verdict.reasons)


def passes(text: str) -> bool:
    return check_text(text, "under13").action == "allow"


SPLIT_WORDS = [
    "what the fu ck",
    "sh it happens",
    "you bi tch",
    "you bit ch",
    "cu nt",
    "you are a fu cking idiot",
    "a sshole",
    "n igger",
    "du bist ein wi chser",
    "eres un pen dejo",
    "quel con nard",
]
MIXED_SEPARATORS = ["f-u_c~k", "s_h-i~t", "b.i_t.c.h", "what the f-u_c~k", "c*u.n-t", "p.u_t-a"]
LOOSE_HOMOGLYPHS = ["fuсk", "ѕhit", "мoron", "κill yourself", "bℓowjob", "sℓut", "fυck", "ƒuck", "wһore"]
LEET = ["sh1t", "@$$hole", "b!tch", "a$$", "wh0re", "wh()re", "fu(k you", "5h1t", "|<ill yourself", "f4g"]
SPACED_SHORT = ["k k k", "f a g", "you are a f a g", "join the k k k", "u r a f a g", "n i g g a"]


@pytest.mark.parametrize("text", SPLIT_WORDS + MIXED_SEPARATORS + LOOSE_HOMOGLYPHS + LEET + SPACED_SHORT)
def test_evasions_are_caught(text):
    assert caught(text), check_text(text, "under13")


ORDINARY = [
    # split-word joins that two ordinary words make
    "my pen is blue",
    "I put a book on the desk",  # "puta" is on a public English list; "put a" is English
    "Put a stick in the schoolyard",
    "por no saber nada",
    "la mer de Chine",
    "ni que decir tiene",
    "On est passés par Bitche en Moselle",
    # laughter
    "kkkkkkkk o professor caiu da cadeira",
    "Essa prova me matou kkk",
    "kkk que nome engraçado",
    # place names
    "Scunthorpe and Penistone are in England",
    "Wir waren in Fucking in Österreich, jetzt heißt es Fugging",
    "the village of Fucking is in Austria",
    "Twatt is a village in Orkney",
    "Shitterton is in Dorset",
    "Middelfart is in Denmark",
    "Dildo, Newfoundland has a whale festival",
    "Bastardo is a town in Umbria",
    # self-harm words in a kitchen or an accident
    "I cut myself a slice of cake",
    "I cut myself shaving this morning",
    "I hurt myself playing football",
    # Scandinavian "slut" (end)
    "Timen er slutt om fem minutter",
    "Slutspelet börjar på måndag",
    # use/mention: a quoted word in a message about words
    'the word "bitch" means a female dog',
    'Was heißt "Bastard" im Geschichtsbuch?',
    'El diccionario dice que "puta" viene del latín',
    'В словаре слово "сука" значит самка собаки',
    '老师说"傻逼"是脏话，不能说',
    "先生が「死ね」は絶対言っちゃダメって言ってた",
    # leetspeak stays off numbers and brackets
    "455 students (see page 4)",
    "(um, I think so)",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_passes(text):
    assert passes(text), check_text(text, "under13").reasons


CONTEXT_STAYS_CAUGHT = [
    "join the kkk",
    "the kkk was right",
    "k.k.k",
    "this fucking village",
    "you twat",
    "I cut myself again last night",
    "you slut",
    'the word "nigger" means',
]


@pytest.mark.parametrize("text", CONTEXT_STAYS_CAUGHT)
def test_exceptions_do_not_reach_the_abusive_use(text):
    assert caught(text)


def test_loose_homoglyphs_only_inside_mostly_latin_tokens():
    assert Folded("пиздa").skeleton == Folded("пизда").skeleton[:-1] + "a"  # Russian spelling kept
    assert Folded("Σat").skeleton == "eat"
    assert Folded("wh()re").skeleton == "whoore"  # one character for one: offsets unchanged
    assert Folded("(um").skeleton == "(um"


def test_spans_point_at_the_split_word():
    text = "what the fu ck man"
    reason = next(r for r in check_text(text, "teen").reasons if r.category == "profanity")
    assert text[reason.span[0] : reason.span[1]] == "fu ck"


def test_a_number_that_is_also_a_hate_code_is_held_never_blocked():
    """1488 is a neo-Nazi code and a year in a history lesson: a moderator reads it, the room is not
    refused it outright; the spelled-out salute is blocked."""
    history = check_text("In 1488 Bartolomeu Dias sailed round the Cape of Good Hope", "teen")
    assert history.action == "hold" and {r.category for r in history.reasons} == {"hate"}
    assert check_text("sieg heil", "teen").action == "block"
