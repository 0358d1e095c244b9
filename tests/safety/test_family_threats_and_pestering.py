"""Threats through a pupil's family or home, self-harm by starving or hurting oneself, pestering, mockery
and exclusion without a swear word, homes told by walking directions; beside the look-alikes that must
pass: a school office's number, a PE notice, a police officer's safety talk, friends teasing with a heart
(the thirty-seventh session's rules; fictional lines written for these tests, not lines of any
evaluation set)."""

from __future__ import annotations

import pytest

from exchange.safety import check_text

HELD = [
    # knowing where and when a pupil's family is, said as a warning
    "ya sé a qué hora sale tu hermana del cole, tú verás",
    "je sais quand ta petite sœur sort de l'école, fais gaffe",
    "sei a que horas o teu irmãozinho sai da escola, pensa bem",
    "ich weiß wann deine kleine schwester aus dem training kommt",
    "i know what time your little brother walks home",
    # a home found, a fire, acid, a dog set on someone
    "j'ai trouvé ton adresse, à très vite",
    "ya sé en qué calle vives, nos vemos",
    "ich hab deine wohnung auf insta gefunden",
    "le voy a echar gasolina a tu casa",
    "te tiro ácido si vuelves a hablarle",
    "le suelto el pitbull a ese chivato",
    "pego fogo na casa dele se ele falar",
    "fala outra vez e nem a tua mãe te vai reconhecer",
    "du kriegst eine Abreibung nach der Schule",
    # self-harm: a last apology, starving, burning oneself, still alive
    "perdonadme por lo que voy a hacer esta noche",
    "ich will mir etwas antun",
    "pourquoi je suis encore en vie",
    "llevo dos días sin comer nada y aún me veo gorda",
    "je me suis brûlée avec le briquet, au moins je ressens quelque chose",
    # pestering for an answer
    "answer me. answer me. i can see you're online",
    "回我 回我 快回我",
    "jibu sasa! najua uko online",
    # mockery and exclusion without a swear word
    "wie kann man nur so dumm sein",
    "你还好意思来上学？",
    "明日から無視ね、決定",
    "Ravi ko party me mat bulana",
    "hakuna mtu anamtaka kwenye timu",
    "ما نجلس جنب سارة بكرة",
    # hate and sexual remarks said plainly
    "send all the refugees back",
    "Homosexualität ist eine Krankheit",
    "deine brüste sind riesig geworden",
    "スカートの中撮れた？",
    # a home told by walking directions
    "from the bus stop turn left, we're the third house, red door",
    "nyumba ya pili baada ya duka, mlango mweupe",
    "駅の角を曲がって青いマンションの3階だよ",
    # a phone number half in digits, half in words
    "call me 07700 nine zero zero 1 six 3",
    "mon numéro : 06 douze 58 quarante-sept 21",
    "رقمي 012 سبعة ٣ ٤ ستة 8 ٢ 5 ٠",
    # "tell a trusted adult" is a safety talk's advice, but "don't tell a teacher" stays a secret
    "don't tell a teacher about us, send me a pic",
]

PASSED = [
    # the school office's number, a teacher's notice, a PE lesson
    "En cas d'absence, les parents appellent la vie scolaire au 04 72 10 35 80.",
    "If your child is ill, please ring the school office on 0113 496 0000 before 9.",
    "Sport: morgen 8 Uhr Treffpunkt am Parktor, Turnschuhe mitbringen",
    # a police officer's safety talk, a photo of a lunch box for class
    "Si alguien os pide fotos, contádselo a un adulto de confianza.",
    "Si quelqu'un vous demande des photos, parlez-en à un adulte.",
    "お弁当の写真を撮って送ってね。顔は写さないでね。",
    # friends teasing with a heart; family words without a warning; a dish
    "هههه يا حمار خسرت الرهان 😂❤️",
    "tu pagal hai 😂😂 love you yaar",
    "ich weiß wo der bahnhof ist, ich zeig ihn dir",
    "sé a qué hora sale el tren, te aviso",
    "llevo dos días sin comer carne, me hice vegetariana",
    "a punheta de bacalhau é um prato típico português",
    "mein kleiner Bruder malt besser als ich 😅",
    # numerals beside their words: a language lesson
    "uno 1, dos 2, tres 3, cuatro 4, cinco 5",
    "In English: 12 twelve, 15 fifteen, 20 twenty",
    # a heart beside a teacher's surprise is no joke about a secret
    "Surprise video for our partner class: keep it secret until Friday ❤️",
]


@pytest.mark.parametrize("text", HELD)
def test_held_for_a_moderator(text):
    assert check_text(text, "under13").action in ("hold", "block")


@pytest.mark.parametrize("text", PASSED)
def test_passes(text):
    assert check_text(text, "under13").action == "allow"
