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


COOKING_KNIVES = [  # a knife for a cooking lesson, in each language whose topic row now explains it
    "mañana traed un cuchillo para la clase de cocina, hacemos tarta de manzana",
    "demain apportez un couteau pour le cours de cuisine, on fait une tarte",
    "morgen bringt bitte ein Messer zum Kochen mit, wir backen Apfelkuchen",
    "amanhã tragam uma faca para a aula de culinária, vamos fazer bolo",
    "domani portate un coltello per il laboratorio di cucina, facciamo la torta",
    "غدا أحضروا سكينا لحصة الطبخ سنقطع الخضار",
    "kal cooking class me chaku lana, salad banayenge",
    "明日の調理実習に包丁を持ってきてください",
    "завтра принесите нож на урок кулинарии, будем резать овощи",
    "kesho leteni kisu darasa la kupika, tutakata mboga",
    "明天烹饪课请带一把刀，我们切蔬菜",
]

KNIVES_FOR_THE_READER = [  # the same lesson with a harm aimed at the reader: a topic does not explain it
    "mañana llevo un cuchillo a la clase de cocina para apuñalarte",
    "demain j'apporte un couteau au cours de cuisine pour te poignarder",
    "morgen bringe ich ein Messer zum Kochen mit, um dich abzustechen",
    "amanhã vou levar uma faca pra aula de culinária pra te esfaquear",
    "domani porto un coltello al laboratorio di cucina per accoltellarti",
    "غدا سأحضر سكينا إلى حصة الطبخ لأطعنك",
    "kal cooking class me chaku launga tujhe maarne ke liye",
    "明日調理実習に包丁を持っていってお前を刺す",
    "завтра принесу нож на урок кулинарии и зарежу тебя",
    "kesho nitaleta kisu darasa la kupika nikuchome",
    "明天我带刀去烹饪课捅死你",
    "ich komme morgen, um dich umzubringen",
    "tujhe maarne aa raha hu kal",
]


@pytest.mark.parametrize("text", COOKING_KNIVES)
def test_a_knife_for_a_cooking_lesson_passes_in_every_language(text):
    assert check_text(text, "under13").action == "allow"


@pytest.mark.parametrize("text", KNIVES_FOR_THE_READER)
def test_a_knife_brought_to_a_lesson_to_hurt_the_reader_is_caught_in_every_language(text):
    assert check_text(text, "under13").action in ("hold", "block")
