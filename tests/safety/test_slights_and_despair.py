"""A group run down in one clause, despair said alone, bullying without an insult word, weapons and
tropes as emoji, swearing its writer masked, and the false alarms of the twenty-third session's batch
(issue 15). Sentences written for this test, not taken from any evaluation line; each rule is pinned
from both sides."""

from __future__ import annotations

import pytest

from verdicts import categories, rules, verdict


# --- an identity term and a slight a few words apart: hate, held (never blocked on the guess alone)
@pytest.mark.parametrize(
    "text",
    [
        "honestly the refugees are so lazy",
        "blind people are annoying in group work",
        "die Flüchtlinge bei uns im Dorf sind halt faul",
        "les musulmans de ce quartier, franchement des voleurs",
        "los gitanos de mi barrio siempre ladrones",
        "os ciganos aqui da rua, tudo bandido",
        "gli zingari del campo fanno schifo",
        "мигранты у нас в районе вонючие",
        "外国人ってほんと汚い",
        "ブラジル人はみんな怠け者",
        "那些残疾人真恶心",
        "wakimbizi wa kambi hii ni wachafu",
    ],
)
def test_a_group_run_down_is_held_as_hate(text):
    v = verdict(text)
    assert v.action == "hold", v
    assert "slight:group" in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "refugees are not lazy, they work two jobs",
        "muslims aren't terrorists",
        "it is a stereotype that refugees are lazy",
        "racism is saying things like 'blind people are annoying'",
        "in history we learned how jews were persecuted and called rats",
        "the chinese food at the fair was disgusting",
        "ロシア人形はかわいい",
        "the refugees arrived on monday. lazy sunday after that",
    ],
)
def test_a_group_with_no_slight_meant_passes(text):
    assert "slight:group" not in rules(text), verdict(text)


# --- emoji: weapons in a row, a knife with a time; the monkey-and-banana trope
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("🔪🔪🔪 you know who", "violence"),
        ("🔫🔫 see u monday", "violence"),
        ("🔪 tomorrow after school", "violence"),
        ("every time he talks just spam 🐒🍌", "hate"),
    ],
)
def test_weapons_and_the_monkey_trope_as_emoji_are_held(text, category):
    assert verdict(text).action != "allow"
    assert category in categories(text)


@pytest.mark.parametrize(
    "text", ["we saw 🐒 and 🦁 at the zoo", "cut the onions with the 🔪 carefully", "banana bread 🍌 for the bake sale"]
)
def test_one_animal_or_a_kitchen_knife_passes(text):
    assert verdict(text).action == "allow"


# --- swearing masked by its writer: the lowest profanity, held for pupils, let through for adults
@pytest.mark.parametrize(
    "text", ["f*** me that test was hard", "oh s*** i forgot my bag", "what the #@$%!", "f--- this"]
)
def test_self_censored_swearing_is_held_for_pupils(text):
    assert verdict(text).action == "hold"
    assert "disguised:profanity" in rules(text)
    assert verdict(text, "adult").action == "allow"


@pytest.mark.parametrize(
    "text", ["I got an A* in maths", "**bold** text in the doc", "x**2 + 1", "rated 5***** by the class", "a-----b"]
)
def test_stars_and_dashes_that_hide_no_word_pass(text):
    assert "disguised:profanity" not in rules(text)


# --- despair said alone is held, unless laughed off or said of a task at hand
@pytest.mark.parametrize(
    "text",
    ["i'm so tired of everything", "ich will nicht mehr", "je suis fatigué de tout", "Che senso ha tutto questo"],
)
def test_despair_alone_is_held(text):
    v = verdict(text)
    assert v.action == "hold"
    assert "self_harm" in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "HAHAHA ich kann nicht mehr 😂😂",
        "j'en peux plus mdr",
        "non ce la faccio più con questo esercizio",
        "there's no point arguing about it",
    ],
)
def test_despair_laughed_off_or_about_a_task_passes(text):
    assert "self_harm" not in categories(text), verdict(text)


# --- a spoiler is fiction; a threat with a weapon stays one
def test_a_threat_over_a_spoiler_passes_and_a_real_threat_does_not():
    assert verdict("I'll kill you if you spoil the last episode 😂").action == "allow"
    assert verdict("si me haces spoiler te mato jajaja").action == "allow"
    assert verdict("i'll kill you tomorrow at school").action == "block"
    assert verdict("i'll stab you if you spoil it, knife's in my bag").action != "allow"


# --- a mild word said to a friend with "love you anyway" is banter; swearing is not a jibe
def test_a_mild_word_with_love_is_banter_but_swearing_is_not():
    assert verdict("du bist so ein Depp 😂 hab dich trotzdem lieb").action == "allow"
    assert verdict("sei proprio scemo 😂 ti voglio bene lo stesso").action == "allow"
    assert verdict("shit jk").action == "hold"


# --- bullying without an insult word
@pytest.mark.parametrize(
    "text",
    [
        "no one asked u, go away",
        "everyone leave her on read",
        "are you poor or what",
        "personne veut être avec toi",
        "nessuno ti ha chiesto niente",
        "Тебя кто спрашивал?",
        "没人问你",
    ],
)
def test_shutting_out_and_mocking_poverty_is_held(text):
    assert verdict(text).action == "hold"
    assert "bullying" in categories(text)


@pytest.mark.parametrize(
    "text", ["who asked you to bring the cake?", "we made a new group without the teacher for the surprise party"]
)
def test_a_question_about_who_asked_or_a_surprise_group_passes(text):
    assert "bullying" not in categories(text), verdict(text)


# --- false alarms of everyday words
@pytest.mark.parametrize(
    "text",
    [
        "J'ai la crève, je tousse depuis 3 jours",
        "je suis crevée, j'ai dormi 4h",
        "ぶっかけうどん食べた、おいしかった",
        "quem topa fazer o trabalho comigo?",
        "はじめまして！横浜の小学校4年1組です",
        "أنا تعبانة بس مبسوطة، كان يوم طويل بالمدرسة",
    ],
)
def test_everyday_words_pass(text):
    assert verdict(text).action == "allow", verdict(text)


def test_a_named_school_with_a_class_is_still_held():
    assert verdict("私は桜木小学校5年2組です").action == "hold"
    assert verdict("va crever").action == "block"


# --- the way in: a door or gate code, the bedroom window pointed out, a plate after its word
@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("the door code for our flat is 5521, just come up", "pii:access_code"),
        ("der Torcode ist 8842#", "pii:access_code"),
        ("le digicode c'est 14A29", "pii:access_code"),
        ("el código del portal es 3390", "pii:access_code"),
        ("код домофона 4417", "pii:access_code"),
        ("うちのオートロックの番号は5566", "pii:access_code"),
        ("我家单元门密码是2580", "pii:access_code"),
        ("my room's the window with the blue curtains above the shop", "pii:bedroom_window"),
        ("mein Zimmer ist das Fenster mit den Sternen", "pii:bedroom_window"),
        ("meu quarto é a janela com a cortina verde", "pii:bedroom_window"),
        ("mamans auto est immatriculée AB-123-CD, la voiture rouge", "pii:plate"),
    ],
)
def test_a_way_into_a_pupils_home_is_held(text, rule):
    assert verdict(text).action == "hold"
    assert rule in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "what's the door code again?",
        "the access code for the online quiz is 48213",
        "I can see the moon from my bedroom window",
        "open the window in my room please, it's hot",
    ],
)
def test_a_code_word_or_a_window_that_leads_nowhere_passes(text):
    assert not rules(text) & {"pii:access_code", "pii:bedroom_window"}, verdict(text)


# --- a meeting point signed by a teacher is an announcement, not a pupil's whereabouts
@pytest.mark.parametrize(
    "text",
    [
        "Mañana nos vemos en la puerta del cole a las 8:30, ¡traed agua! — profe Lucía",
        "Встречаемся завтра у ворот школы в 9:00 — Анна Сергеевна",
        "कल सुबह 8 बजे स्कूल के गेट पर मिलना है — वर्मा मैडम",
    ],
)
def test_a_teachers_meeting_point_passes(text):
    assert verdict(text).action == "allow", verdict(text)


def test_a_meeting_point_without_a_teachers_signature_is_still_held():
    assert verdict("meet me at the park gate at 5, don't tell anyone").action == "hold"
