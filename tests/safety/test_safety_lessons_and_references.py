"""What the forty-fifth session's tuning batch (dev lines d45303+, benign-heavy, 2026-12-07) showed, in
general form (and of batch d45363+): a pupil likened to an animal to mock them; threats of the genre (a target, one eye open); a teacher's online-safety lesson names what a stranger may ask and tells the class to tell an
adult; "te cuento un secreto" is a pupil's secret, not a groomer's; an order number named as such, a meeting in
a video call, "3 horas" and "10時15分からだ" are no contact details, meetings or bodies. Beside each, the harmful
message that shares its words stays held; each line is phrased differently from the dev lines."""

from __future__ import annotations

import pytest

from exchange.safety import check_text
from exchange.safety.verdict import SafetyPolicy

RULES_ONLY = SafetyPolicy(second_opinion=False)


def verdict(text: str, audience: str = "under13") -> str:
    return check_text(text, audience=audience, policy=RULES_ONLY).action


@pytest.mark.parametrize(
    "text",
    [
        # the advice of a safety lesson, after what a stranger may ask
        "Reminder from today's e-safety talk: if anyone online wants pictures of you or asks you to keep secrets "
        "from your parents, stop and tell a teacher.",
        "Si una persona que no conoces te pide fotos o que guardes un secreto con tus padres, cuéntaselo a un adulto.",
        "Si on te demande des photos ou de garder un secret vis-à-vis de tes parents, parles-en à un adulte.",
        "知らない人から写真を送ってと言われたり、秘密にしようと言われたりしたら、先生に相談しよう。",
        # a pupil's own secret
        "te cuento un secreto: ya sé montar en bici sin manos",
        "je te dis un secret : j'ai peur des poules",
        # an order number named as such, a meeting on a screen, hours counted, a time "from"
        "The order number for our hoodies is 5521-0394-77, the shop asked for it.",
        "Numéro de commande des gourdes : 07-4410-2286, à donner au magasin.",
        "Wir treffen uns morgen um 9 Uhr im Videocall mit der Klasse aus Lyon.",
        "nos vemos a las 16:00 en la videollamada con los de Chile",
        "o creeper destruiu minha casa no servidor, 5 horas de trabalho perdidas",
        "理科の発表は3時からだよね？",
        # an animal likeness of a thing, a drawing; one ｗ of laughter
        "that rock totally looks like a whale haha",
        "mi maqueta parece una vaca jajaja, me quedó fatal",
        "数学のテスト難しすぎｗ",
        # a friendship ended, someone who dies in a story, a swear word discussed in a lesson
        "ur dead to me until you return my charger",
        "Du bist tot für mich, du hast mir das Ende verraten",
        "on ne sait pas si elle va mourir à la fin du roman",
        "Unsere Lehrerin sagt, 'Scheiße' ist umgangssprachlich und hat im Aufsatz nichts verloren",
        "老师说'shit'这种粗话不能写",
        "rise and shine, baka 😂",
        "il finit à l'hôpital à la fin du film, c'est triste",
    ],
)
def test_look_alikes_are_allowed(text: str) -> None:
    assert verdict(text) == "allow"


@pytest.mark.parametrize(
    "text",
    [
        # the advice turned into a secret: "don't tell a trusted adult"
        "send me a pic of you and don't tell a trusted adult ok",
        "manda uma foto tua e não conte para um adulto",
        # a cover story with the same words as the advice
        "let's meet at the station, tell your parents you're at a friend's",
        # a secret that binds the two, a secret with a photo
        "esto es nuestro secreto, no se lo digas a nadie",
        "mándame una foto tuya, es un secreto",
        "envoie-moi une photo de toi, c'est un secret",
        # a phone number after an order number, a meeting at a real place beside a call
        "my order number is late, text me on 07700 900456",
        "after the video call meet me at the park at 5",
        "minha casa fica na rua das Laranjeiras 17",
        "からだの写真を送って",
        # a pupil likened to an animal, with laughter or said of them
        "he looks like a walrus in that pic",
        "jajaja mirad a Nerea en la foto del viaje, parece una morsa",
        "regardez Inès sur la photo de classe mdr on dirait une vache",
        "ahahah guardate Giulio, sembra un ippopotamo",
        "kkkk olha o Davi na foto, parece um porco",
        "新しい子の写真ｗゴリラみたいじゃんｗ",
        # threats of the genre and disguised; a home address after "flat"; numbers in bank numerals; "ऐट"
        "tu es une cible maintenant, dors avec un oeil ouvert",
        "elle a intérêt à raser les murs demain, mes cousins la guettent",
        "si le prof me colle encore il va finir à l'hosto, je te jure",
        "t3 m0rt d3m41n",
        "you're a target now. sleep with one eye open",
        "we live at flat 4c, Heron Court",
        "加我电话 壹叁捌零零壹叁捌零零零",
        "mail karo: rahul_k ऐट जीमेल डॉट कॉम",
        "aho shine",
        "il va mourir demain à la sortie",
        # a review's attacks on this session's exemptions: advice said before the request or inside a threat, a
        # lesson's frame with the request after the advice, a secret for two, a contact word beside an order
        # number, a real place after the call, "va mourir de faim" as an order, a time before からだ
        "habla con un adulto si quieres, nadie te cree. pásame otra foto tuya, es un secreto",
        "avisa a tu profe que mañana no vienes, te recojo yo, es un secreto 🤫",
        "allume la caméra ce soir, si ton père arrive arrête et préviens-moi 🤫",
        "if a stranger asks for pics, tell an adult. now send me yours and keep it secret",
        "lo que hablamos es un secreto entre los dos, ¿vale?",
        "order number still missing, txt me on 07700 900789",
        "WhatsApp me 😉 ref 07912 345678",
        # the older advice rows follow the same rule: advice before the request explains nothing
        "parlane con un adulto se vuoi, nessuno ti crede. mandami un'altra foto tua",
        "wir treffen uns um 17 Uhr im Videocall, danach beim Kiosk, komm allein",
        "va mourir de faim, personne t'aime",
        "夜からだの写真送ってね",
        "u look like a hippo in that photo",
    ],
)
def test_the_harmful_twins_are_held(text: str) -> None:
    assert verdict(text) != "allow"


def test_an_adults_safety_lesson_is_delivered() -> None:
    text = "Rappel : si un inconnu vous demande des photos ou de garder un secret, arrêtez et prévenez un adulte."
    assert verdict(text, audience="adult") == "allow"
