"""Phrasings the thirty-second session's helper batches (2026-12-06, dev lines d33001+) showed, in general
form: self-harm warning signs (a death wished for, "nobody would notice", a letter for afterwards), veiled
threats against a pupil's family or pet, a warning with a time, mocking someone's looks with a laugh, grooming
pressure (when the parents leave, a gift for an address, "we could never talk again"), exclusion without a swear
word; and the look-alikes beside them (a word asked about in a language lesson, a name after a title, a year in a
history lesson, friends teasing with a heart, an accent praised). Each line is phrased differently from the dev
lines."""

from __future__ import annotations

import pytest

from exchange.safety import check_text


@pytest.mark.parametrize(
    "text",
    [
        # self-harm: a death wished for, nobody would notice, a letter for afterwards
        "ich wünsch mir oft ich wäre tot",
        "лучше бы я умерла ещё вчера",
        "non ho più voglia di vivere, davvero",
        "никто даже не заметит если я исчезну",
        "يارب خدني، تعبت من كل حاجة",
        "zindagi se thak gayi hu yaar",
        "生きるの疲れたなぁ",
        "我消失了也没人会在意",
        "hab nen brief für meine eltern geschrieben, für danach",
        # threats against a pupil's family or pet, veiled
        "il tuo cane è carino, sarebbe un peccato se sparisse",
        "твоя сестренка одна из школы ходит, да?",
        "你家的猫挺可爱，要是哪天不见了可别怪我",
        "ti brucio la macchina stanotte",
        "رح تندم انت وعيلتك كلها",
        "お前の犬、何かあったらかわいそうだね",
        "prépare ton cercueil pour lundi",
        # grooming: when the parents leave, a gift for an address, "we could never talk again"
        "你爸妈平时几点出门？",
        "wazazi wako hutoka saa ngapi asubuhi?",
        "nataka kukutumia zawadi, nipe location yenu",
        "kisi ko bataya toh hum kabhi baat nahi kar payenge",
        "ディスコに鯖つくったよ、ふたりだけの",
        # exclusion and mockery without a swear word
        "deine mama putzt bei uns im büro lol",
        "никому ты не нужна, поняла?",
        "没人需要你，走开",
        "शक्ल देखी है अपनी?",
        # someone's looks beside laughter, a warning with a time, a weapon with harm aimed at the reader
        "t'as vu ses oreilles 😂😂",
        "mira sus dientes jajaja",
        "明天你给我小心点",
        "у отца есть ствол, могу одолжить на тебя",
    ],
)
def test_said_without_the_usual_words_is_held(text: str) -> None:
    assert check_text(text, audience="under13").action != "allow", text


@pytest.mark.parametrize(
    "text",
    [
        # a word asked about in a language lesson, without quotation marks
        "what does shit mean in english?",
        "que veut dire merde en français ?",
        "что значит damn по-английски?",
        "英语的 bitch 是什么意思？",
        "Spanish mein cabrón kya hota hai?",
        "mwalimu, neno mshenzi linamaanisha nini?",
        # a name after a title, a year in a history lesson, a game or a match as where it happens
        "La doctora Verga da la clase de biología",
        "WW2 ended in 1945 when the bombs fell on Hiroshima",
        "je te tue à chaque fois sur Fortnite",
        "土曜の試合、ボコボコにしてやろうぜ！",
        # oneself on a photo, friends teasing with a laugh and a heart
        "ich seh auf dem foto so hässlich aus 😭",
        "你这个小笨蛋 😂❤️ 用我的吧",
        # an accent praised with a laugh, a lesson cancelled
        "mdr ton accent en visio est trop mignon",
        "venez pas demain, le cours de sport est annulé",
        # a warning with a time that a school task explains
        "last warning: homework is due tomorrow!",
        "明天考试，后果自负哦",
    ],
)
def test_look_alikes_are_allowed(text: str) -> None:
    verdict = check_text(text, audience="under13")
    assert verdict.action == "allow", (text, [r.rule for r in verdict.reasons])


@pytest.mark.parametrize(
    "text",
    [
        "you're fucking mean",  # "mean" after a swear word is no question about it
        "what's up bitch",
        "shit, what does that even mean",
        "i swear i'll kill you at 19 45 tonight",
        "you're so stupid 😂",
    ],
)
def test_the_words_themselves_still_count(text: str) -> None:
    assert check_text(text, audience="under13").action != "allow", text
