"""Phrasings the thirtieth session's helper batches (2026-12-06, dev lines d27001+) showed, in general
form: German self-harm said sideways, French threats in chat spelling, abuse vocabulary in zh ar hi sw
ru de, and the look-alikes beside them. Each line is phrased differently from the dev lines."""

from __future__ import annotations

import pytest

from exchange.safety import check_text


@pytest.mark.parametrize(
    "text",
    [
        # German: the writer's own death or self-harm, without the usual words
        "es wär echt für alle besser wenn ich nicht mehr da wäre",
        "ich will mich einfach nur entleben",
        "bin jeden tag enttäuscht dass ich noch aufwache",
        "ich will mir so sehr wehtun gerade",
        "ich hab wieder angefangen mich zu ritzen",
        "wie viele tabletten damit man nicht mehr aufwacht",
        "null bock mehr auf mein leben",
        # French: threats in chat spelling
        "jte défigure si tu parles encore",
        "jvais le défoncer à la récré",
        "on va lui mettre une race demain",
        "jte fais manger le goudron",
        "on crame sa caisse ce soir",
        "je vais faire sauter ce lycée",
        "jsais où tu habites fais gaffe",
        # abuse vocabulary
        "was ein Lappen bist du eigentlich",
        "voll behindert ey",
        "was ein Drecksspiel",
        "безотцовщина, молчи",
        "ты долбоящер",
        "wewe nguruwe mchafu",
        "sura yako kama ya tumbili",
        "mweusi kama mkaa wewe",
        "你这个瓜娃子",
        "你真87欸",
        "機掰啦",
        "يا مطي",
        "wld l97ba",
        "bihari kahin ka",
        "teri 👩 ki",
    ],
)
def test_held_or_blocked(text):
    assert check_text(text, "under13").action != "allow", text


@pytest.mark.parametrize(
    "text",
    [
        "hab mir beim Fußball wehgetan, mein Knie ist blau",
        "der Lauch muss klein geschnitten werden",
        "si mon frère mange mon dernier Kinder je le tue 😤",  # a sibling's hyperbole
        "je plante les tomates demain dans le jardin",
        "t'es cramé, je t'ai vu manger le gâteau 😂",
        "我們學校的操場很大",  # traditional 操場, a playground
        "我们做了一个沙发，二百五十块钱",
        "der Kakadu im Zoo war laut",
        "du Lappen 😂 schon wieder verschlafen",  # friends' banter
        "Annem herkese birer dilim kek verdi",  # Turkish "dilim" (a slice), not a Cantonese abbreviation
    ],
)
def test_allowed(text):
    assert check_text(text, "under13").action == "allow", check_text(text, "under13").reasons


def test_a_mild_swear_compound_is_held_for_young_pupils_and_masked_for_teens():
    assert check_text("so ein Kackwetter heute", "under13").action == "hold"
    assert check_text("so ein Kackwetter heute", "teen").action == "redact"
