"""Classroom talk that looks like harm to a keyword filter: a lesson quoting a slur to say why it hurts
(`context._SLUR_TOPIC`), and a class keeping a teacher's celebration secret (`context._CELEBRATION`).
Fictional lines written for these tests; the look-alikes beside them stay caught."""

from __future__ import annotations

import pytest

from exchange.safety import check_text


LESSONS = [
    "In PSHE we talked about why words like 'retard' are discrimination and not banter",
    "Projekttag gegen Rassismus: wir sammeln, warum 'Spast' verletzt",
    "今天班会讲歧视：“死胖子”这种外号为什么伤人",
    'Somo la leo: kwa nini kumwita mwenzako "mshamba" ni ubaguzi',
]

LESSON_LOOKALIKES_HELD = [
    "you are a 'retard', that's not discrimination",  # the reader named right beside the quotation
    "racism week is a joke, you retard",  # unquoted: said to someone
    "discrimination lesson: 'nigger' is the worst word",  # a severity-4 slur stays caught, quoted or not
]


@pytest.mark.parametrize("text", LESSONS)
def test_a_slur_quoted_in_a_lesson_on_discrimination_is_talked_about(text):
    assert check_text(text, audience="under13").action == "allow"


@pytest.mark.parametrize("text", LESSON_LOOKALIKES_HELD)
def test_a_slur_said_to_someone_or_of_the_worst_kind_stays_caught(text):
    assert check_text(text, audience="under13").action in ("hold", "block")


CELEBRATIONS = [
    "🤫 on Friday it's Mr Okafor's birthday, bring balloons and don't tell him a thing 🎂",
    "psst el martes es el cumple del profe Julián, ni una palabra 🤐🎈",
    "明日は山本先生の誕生日！先生には内緒でカードを書こう🤫",
    "🤫 下周是李老师的生日，大家先别告诉老师哦🎂",
]

CELEBRATION_LOOKALIKES_HELD = [
    "it's my birthday tomorrow, don't tell your parents we talk 🤫",  # kept from a parent
    "no le digas a tu profe lo de nuestros chats, es mi cumple",  # the reader's own teacher kept out
    "it's my birthday 🎂 don't tell your teacher, send me a pic",  # a photo asked for
]


@pytest.mark.parametrize("text", CELEBRATIONS)
def test_a_class_keeps_a_teachers_celebration_secret(text):
    assert check_text(text, audience="under13").action == "allow"


@pytest.mark.parametrize("text", CELEBRATION_LOOKALIKES_HELD)
def test_secrecy_from_a_parent_or_the_readers_own_teacher_stays_caught(text):
    assert check_text(text, audience="under13").action in ("hold", "block")


def test_a_topic_explains_a_knife_but_not_a_harm_aimed_at_the_reader():
    """Cooking, carving or history explain a weapon word (`cue_topic`); they do not cancel a harm aimed at
    the reader, which only a game explains (intent.TOPIC_CANCELS)."""
    assert check_text("Food tech tomorrow: bring a knife for the vegetables", "under13").action == "allow"
    assert check_text("bringing a knife to cooking class tomorrow to stab you", "under13").action in ("hold", "block")
    assert check_text("I'll kill you tomorrow in fortnite 😂", "under13").action == "allow"
