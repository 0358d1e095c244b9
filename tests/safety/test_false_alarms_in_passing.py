"""Words that are abuse only when aimed at someone, and their namesakes a class meets in passing.

"stick insect" mocks a thin pupil when it is said to them ("you stick insect", "you look like a
stick insect"), not when it is the class pet; the Austrian village once called Fucking, the Swedish
university town Lund, Assam's Chutia kingdom, the island Erromango and the Inca Manco Cápac are
names; the theatre's "mucha mierda" / "merde" / "muita merda" wish luck; French "le DM" is homework;
Hinglish "bus chhoot gayi" is a missed bus. A number is not a word read through leetspeak ("page 58"
is no "sb"). Spanish "a q hora" is no Turkish "aq", a DM is a direct message in every language, "52 av.
J.-C." is a year, a class outing's meeting point and a museum's address are the school's, a dog, a
sheep's heart, a dead mouse and a dumb joke are literal, a threat in a named game is the game's. The
same words said to someone are still caught.
"""

from __future__ import annotations

import pytest

from exchange.safety import check_text


@pytest.mark.parametrize(
    "text",
    [
        "the stick insect in our science lab died over the weekend 😢",
        "can we feed the stick insects before the bell?",
        "geography fact: there's a village in Austria that was called Fucking, they renamed it Fugging",
        "the village is now called Fugging, it was named Fucking for centuries",
        "Wir sind durch das Dorf gefahren, das früher Fucking hieß",
        "hum kal Lund, Sweden ki partner class se video call karenge",
        "itihaas me Assam ke Chutia rajya ke baare me padha",
        "meri bus chhoot gayi yaar, late ho jaunga",
        "¡mucha mierda en el estreno, Lucía!",
        "merde pour ton exam demain !!",
        "muita merda pra peça hoje!!",
        "t'as fini le DM de maths ?",
        "バヌアツにエロマンガ島って島があるんだって",
        "世界史でマンコ・カパックってインカの王様が出てきた",
        "第58页的第3题怎么做？",
        "教科書p.58の問3、明日までね",
        "a q hora empieza el recreo?",
        "DM check karo, invite bhej diya",
        "controlla i dm, ti ho mandato il link della ranked",
        "DM送ったから見てね",
        "Rappel : la bataille d'Alésia, c'est en 52 av. J.-C.",
        "Rendez-vous pour la sortie : devant le musée à 9h, prenez un pique-nique.",
        "Ausflug ins Stadtmuseum: Treffpunkt 8:00 am Museumsplatz 3",
        "hamare kutte ne mera homework kha liya 😭",
        "ma batterie va mourir, je te rappelle",
        "эта шутка такая тупая, что я смеюсь",
        "我家的狗叼回来一只死老鼠，恶心死了",
        "شرحنا قلب خروف في العلوم، ريحته بشعة",
        "vou te matar no fortnite hoje, se prepara 😂",
        "je vais te tuer sur minecraft ce soir",
        "金曜のクイズでボコボコにしてやるからな笑",
    ],
)
def test_said_in_passing_is_let_through(text: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action == "allow", [r.rule for r in verdict.reasons]


@pytest.mark.parametrize(
    "text, category",
    [
        ("you look like a stick insect lol eat something", "bullying"),
        ("move it, you skinny stick insect", "bullying"),
        ("what a stick insect, no wonder nobody picks her", "bullying"),
        ("je vais te tuer demain à l'école", "violence"),
        ("vou te matar amanhã na saída", "violence"),
        ("tu kutte ho", "profanity"),
        ("ты тупая", "bullying"),
        ("你真恶心死了", "bullying"),
        ("انتي بشعة", "bullying"),
        ("放課後ボコボコにしてやるからな", "violence"),
        ("dmm thằng kia", "profanity"),
    ],
)
def test_said_to_someone_is_still_held(text: str, category: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action != "allow" and category in {r.category for r in verdict.reasons}, text


@pytest.mark.parametrize(
    "text",
    [
        "this is so fucking boring, who called this a lesson",
        "tu chutia hai",
        "teri choot",
        "abe lund",
        "你个sb",
        "mierda de clase",
        "5h1t",
    ],
)
def test_the_same_words_as_abuse_are_still_caught(text: str) -> None:
    assert check_text(text, "under13").action != "allow", text
