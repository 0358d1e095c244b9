"""Traditional Chinese read through the simplified lexicon, insults quoted in a pupil's report about
someone else, the house key's hiding place, being home alone for a stretch of days, a window pointed
out, and the threats, slights and jibes of the twenty-fourth session's batch (issue 15). Sentences
written for this test, not taken from any evaluation line; each rule is pinned from both sides."""

from __future__ import annotations

import pytest

from verdicts import categories, rules, verdict
from exchange.safety.hanzi import simplified_view


# --- traditional characters: the simplified lexicon reads them, one character for one
def test_the_simplified_view_keeps_offsets_and_leaves_japanese_alone() -> None:
    assert simplified_view("妳這個白癡") == "妳这个白痴"
    assert simplified_view("hello there") is None
    assert simplified_view("電話してね") is None  # kana: Japanese writes these characters in words of its own
    assert simplified_view("我们明天见") is None  # nothing to simplify


@pytest.mark.parametrize("text", ["你這個白癡", "你這個肥豬，走開", "去死吧你這個垃圾"])
def test_traditional_chinese_insults_are_caught(text: str) -> None:
    assert verdict(text).action != "allow"


@pytest.mark.parametrize("text", ["我們明天在圖書館見面", "這個週末我們去動物園看熊貓", "謝謝老師的幫助"])
def test_ordinary_traditional_chinese_passes(text: str) -> None:
    assert verdict(text).action == "allow"


# --- what someone said to another pupil, quoted, in a report: not the sender's insult
@pytest.mark.parametrize(
    "text",
    [
        'Miss, Jayden said "loser" to the new boy at lunch and he cried',
        "Herr Weber, Tim hat zu Ali „du Opfer“ gesagt, das war gemein",
        '老师，今天小明叫新同学"笨蛋"，我觉得不对',
        "先生、ケンくんが「バカ」って言ってました",
        'Madame, Hugo a dit "t\'es nul" à Sami pendant la récré',
        # what was written to the pupil, quoted whole, every insult of the quotation (2026-12-06)
        'Sir, Brandon keeps messaging me "nobody likes you, just leave the group", what do I do?',
        "Frau Maier, Lena schreibt mir ständig „keiner mag dich, geh aus der Gruppe“",
        'profe, Sergio me ha escrito "nadie te aguanta, sal del grupo", ¿qué hago?',
        "madame, Théo m'a écrit « personne t'aime, quitte le groupe »",
    ],
)
def test_a_quoted_insult_in_a_report_passes(text: str) -> None:
    assert verdict(text).action == "allow", verdict(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "he said you are a fat pig",  # not quoted: an insult passed on
        "he said you're a loser and he's right",  # apostrophes are no quotation marks
        'Jayden said "I will kill you" to the new boy',  # threats stay caught whatever the frame
        'he messaged me "hi" and then nobody likes you, leave the group',  # the insult is outside the quotation
    ],
)
def test_an_unquoted_insult_or_a_threat_in_a_report_stays_caught(text: str) -> None:
    assert verdict(text).action != "allow"


# --- the key's hiding place by the door
@pytest.mark.parametrize(
    "text",
    [
        "the spare key is under the flowerpot next to the back door",
        "der Schlüssel liegt unter der Fußmatte",
        "la clé est sous le paillasson, entre direct",
        "la llave está debajo de la maceta de la entrada",
        "鍵はいつも植木鉢の下に置いてある",
        "钥匙在门口的花盆下面",
    ],
)
def test_a_hidden_key_is_held(text: str) -> None:
    assert "pii:hidden_key" in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "the key to this riddle is the stone in the picture",
        "I lost my keys again lol",
        "put the plant pot under the window for the science project",
    ],
)
def test_keys_and_pots_without_a_hiding_place_pass(text: str) -> None:
    assert "pii:hidden_key" not in rules(text)


# --- home alone for a stretch of days, or nobody home at a time
@pytest.mark.parametrize(
    "text",
    [
        "my parents are away this weekend so it's just me at home",
        "nobody is home until 8 on thursdays, mum works late",
        "meine Eltern sind das ganze Wochenende weg, ich bin allein zu hause",
        "这周末爸妈都不在，家里就我一个人",
    ],
)
def test_being_home_alone_for_a_while_is_held(text: str) -> None:
    assert "pii:alone_routine" in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "we watched Home Alone this weekend at my house",
        "never stay home alone at night, the guide says",
        "this weekend we visit my grandma's house",
    ],
)
def test_the_film_advice_and_plain_plans_pass(text: str) -> None:
    assert "pii:alone_routine" not in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "my window is the one with the green curtains above the garage",
        "mein Fenster ist das mit den Sternen im ersten Stock",
    ],
)
def test_a_window_pointed_out_is_held(text: str) -> None:
    assert "pii:bedroom_window" in rules(text)


def test_a_window_not_pointed_out_passes() -> None:
    assert "pii:bedroom_window" not in rules("my window is the best spot to watch storms")


# --- threats in their general forms
@pytest.mark.parametrize(
    "text",
    [
        "ich weiß wo du wohnst",
        "morgen spreng ich die schule in die luft",
        "je sais où tu habites, fais gaffe",
        "un jour je vais faire sauter ce lycée",
        "ya sé dónde vives",
        "mañana vuelo la escuela",
        "mein onkel hat ne pistole, die die mich gemobbt haben kriegen es zurück",
        "warte nur bis du alleine nach hause gehst",
        "tiramos piedras por tu ventana esta noche",
    ],
)
def test_threats_are_held(text: str) -> None:
    assert "violence" in categories(text)


LOOK_ALIKES_OF_THREATS = [  # also run with the trained model on (test_model_look_alikes.py)
    "je sais où se trouve la bibliothèque",
    "ich weiß wo die turnhalle ist",
    "¿vas a pagar la entrada del museo?",
    "Unser Lehrer hat einen Schnurrbart wie ein Walross, er lacht selbst darüber",
]


@pytest.mark.parametrize("text", LOOK_ALIKES_OF_THREATS)
def test_look_alikes_of_threats_and_jibes_pass(text: str) -> None:
    assert verdict(text).action == "allow", verdict(text).reasons


# --- self-harm said in German in more ways
@pytest.mark.parametrize(
    "text",
    [
        "ich hab die schlaftabletten von meiner mama gesammelt",
        "bald nerv ich euch nicht mehr",
        "hab wieder mit dem ritzen angefangen",
        "wünsch ich mir, ich wär tot",
    ],
)
def test_german_self_harm_is_held(text: str) -> None:
    assert "self_harm" in categories(text)


# --- groups run down with the new peoples and slights; exclusion and jibes without insult words
@pytest.mark.parametrize(
    "text",
    [
        "los peruanos son todos cochinos",
        "les Sénégalais c'est tous des voleurs",
        "pakistani sab gaddar hote hain",
        "Wamaasai ni wachoyo sana",
        "ハーフの子って邪魔なんだよ",
    ],
)
def test_new_groups_and_slights_are_hate(text: str) -> None:
    assert "hate" in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "ab morgen redet keiner mehr mit ihm",
        "nadie le habla mañana, ¿vale?",
        "明日からあいつ無視な",
        "никто с тобой за парту не сядет",
        "tu gayab ho ja",
    ],
)
def test_shutting_out_and_jibes_are_bullying(text: str) -> None:
    assert "bullying" in categories(text)


@pytest.mark.parametrize(
    "text",
    [
        "los peruanos hacen el mejor ceviche",
        "die Italiener in unserer Klasse haben gewonnen",
        "ハーフマラソンに出るよ",
        "nadie le habla así a mi abuela, qué respeto",
    ],
)
def test_groups_and_look_alikes_in_good_faith_pass(text: str) -> None:
    assert verdict(text).action == "allow", verdict(text).reasons
