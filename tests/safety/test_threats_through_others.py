"""Threats carried out through others, against a pet or a home (intent ``cue_ally``, 2026-12-06).

"My brother will break your face" threatens the reader through a third person: no "I'll" is in it,
so harm and intent never met. A brother, cousins or "the boys from the block" named beside harm, a
weapon or a warning is now a threat; the writer's own brother as the one the harm is said of ("if my
brother eats my last Kinder I'll kill him") is family talk. Every line here was written for this test,
apart from the training batch that showed the gap.
"""

from __future__ import annotations

import pytest

from exchange.safety import check_text


def held(text: str) -> bool:
    return check_text(text, audience="under13").action != "allow"


@pytest.mark.parametrize(
    "text",
    [
        "my big brother will kill you when he sees you",
        "my brother carries a blade, just so you know",
        "the year 11s will break your legs",
        "sending the lads round to your house tonight",
        "mi hermano mayor te parte la cara",
        "si sigues así, mis primos te parten la cara",
        "mon grand frère va te casser la gueule quand il te croise",
        "j'envoie mes potes en bas de chez toi ce soir",
        "meine Cousins hauen dich um",
        "ich schick dich ins Krankenhaus, versprochen",
        "meu irmão vai quebrar tua cara quando te ver",
        "vou te mandar pro hospital amanhã",
        "mio cugino ti spacca la faccia domani",
        "мой старший брат разобьёт тебе лицо завтра",
        "завтра домой на скорой поедешь",
        "أخويا الكبير هيكسر وشك بكرة",
        "मेरा बड़ा भाई कल तेरा मुँह तोड़ देगा",
        "明日は救急車で帰ることになるよ、冗談じゃないから",
        "我哥明天就找人扎你，不是开玩笑",
        "kaka zangu watakupiga kesho, si mchezo",
        "my uncle will poison your dog",
        "mes cousins vont te goumer",
    ],
)
def test_a_threat_through_others_or_at_a_home_is_held(text):
    assert held(text)


@pytest.mark.parametrize(
    "text",
    [
        "my brother will pick you up from the airport tomorrow",
        "my cousins are so excited to meet your class on Friday",
        "si mon frère mange mon dernier Kinder je le tue 😤",
        "se meu irmão comer meu chocolate eu mato ele 😤",
        "se mio fratello tocca la mia PlayStation lo uccido 😤",
        "my brother will kill me if i lose his charger",
        "mein Bruder zeigt euch morgen das Labor",
        "meu primo vai te mostrar a escola amanhã",
        "your dog is so cute, what's his name?",
        "my uncle is a firefighter, he visits our class next week",
        "мой брат встретит тебя на вокзале",
        "أخويا هيستناك في المطار",
        "我哥明天去机场接你",
        "兄ちゃんが駅まで迎えに行くよ",
    ],
)
def test_family_talk_and_visits_are_allowed(text):
    assert not held(text)
