"""Phrase and intent rules (lexicons/phrases/<lang>.tsv and intent.RULES).

Every example here was written for this test, not copied from a data set: for each rule
family and language, messages that must be caught and ordinary look-alikes that must pass.
"""

from __future__ import annotations

from importlib import resources

import pytest

from exchange.safety import check_text
from exchange.safety.intent import CANCELLED_BY, RULES, combine
from exchange.safety.lexicon import expand
from exchange.safety.lexicon_rules import compact

LANGS = ("en", "es", "fr", "de", "pt", "it")
CUES = {
    "cue_secret",
    "cue_guardian",
    "cue_request",
    "cue_body",
    "cue_photo",
    "cue_meet",
    "cue_alone",
    "cue_app",
    "cue_gift",
    "cue_personal",
    "cue_away",
    "cue_lie",
    "cue_task",
    "cue_if",
    "cue_advice",
    "cue_weapon",
    "cue_harm",
    "cue_intent",
    "cue_school",
    "cue_warn",
    "cue_game",
    "cue_topic",
    "cue_die",
    "cue_self",
    "cue_hopeless",
    "cue_method",
    "cue_goodbye",
    "cue_kin",
    "cue_ally",
    "cue_looks",
    "cue_nag",
    "cue_fond",
    "cue_spread",
    "cue_private",
    "cue_street",
    "cue_digit",
    "cue_joke",
    "cue_report",
    "cue_said",
    "cue_appeal",
    "cue_bond",
    "cue_derog",
    "cue_counter",
    "cue_laugh",
}
CATEGORIES = {
    "profanity",
    "hate",
    "sexual",
    "violence",
    "self_harm",
    "grooming",
    "bullying",
    "allow",
    "identity",
    "pii_address",
    "pii_handle",
    "link",
} | CUES


def categories(text: str, audience: str = "under13") -> set[str]:
    return {r.category for r in check_text(text, audience).reasons}


@pytest.mark.parametrize("lang", LANGS)
def test_phrase_files_are_well_formed(lang):
    path = resources.files("exchange.safety").joinpath("lexicons", "phrases", f"{lang}.tsv")
    for lineno, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        phrase, category, severity = line.split("\t")
        assert category in CATEGORIES, (lang, lineno, category)
        zero = category in {"allow", "identity"} or category.startswith("cue_")
        assert int(severity) in ((0,) if zero else (1, 2, 3, 4)), (lang, lineno)
        assert phrase.strip() == phrase and "\\" not in phrase, (lang, lineno)
        # a rule kept whole parses into spellings without spelling out every one (millions for some)
        assert compact(phrase) is not None or expand(phrase), (lang, lineno)


def test_rules_name_known_cues():
    for first, second, category, severity, _ in RULES:
        assert first in CUES | {"grooming"} and (second in CUES or second == "")
        assert category in CANCELLED_BY and 2 <= severity <= 4


def test_combinations_need_both_cues_close_together():
    assert combine([("cue_secret", (0, 10))]) == []
    assert combine([("cue_secret", (0, 10)), ("cue_guardian", (15, 20))])[0][3] == "combo:secret+guardian"
    assert combine([("cue_secret", (0, 10)), ("cue_guardian", (400, 410))]) == []  # far apart
    # a school task explains a secret from a teacher, not a photo of a body
    assert combine([("cue_secret", (0, 10)), ("cue_guardian", (15, 20)), ("cue_task", (30, 35))]) == []
    assert combine([("cue_photo", (0, 5)), ("cue_body", (10, 20)), ("cue_task", (30, 35))])


def test_threat_and_self_harm_combinations():
    weapon_tomorrow = [("cue_weapon", (0, 5)), ("cue_intent", (10, 18))]
    assert combine(weapon_tomorrow) == [("violence", 2, (0, 18), "combo:weapon+intent")]
    assert combine([*weapon_tomorrow, ("cue_game", (20, 30))]) == []  # "in fortnite tomorrow"
    assert combine([*weapon_tomorrow, ("cue_task", (20, 30))])  # "in class tomorrow": a task explains no threat
    wish = [("cue_die", (0, 5)), ("cue_self", (10, 18))]
    assert combine(wish) == [("self_harm", 3, (0, 18), "combo:die+self")]
    assert combine([*wish, ("cue_task", (20, 30)), ("cue_game", (40, 50))])  # nothing explains self-harm away
    farewells = [("cue_goodbye", (0, 10)), ("cue_goodbye", (20, 40))]
    assert combine(farewells)[0][:2] == ("self_harm", 3) and combine(farewells[:1]) == []


GROOMING = {
    "en": [
        "promise me you won't show this to your parents",
        "take a selfie in your bedroom and send it to me",
        "show me what you're wearing right now",
        "let's meet at the mall, tell your parents you're at a friend's house",
        "I sent you a gift card, you owe me a favour now",
        "download telegram and message me there",
        "i'll give you 500 robux if you send a photo",
        "wanna video call when ur parents are asleep?",
        "how old are you?",
        "what school do you go to",
        "where do you live? are you home alone?",
        "add me on snap, nobody has to know",
        "come over when your mum is at work, just us",
    ],
    "es": [
        "no se lo digas a tus padres, es nuestro secreto",
        "te regalo robux si me mandas una foto",
        "¿cuántos años tienes?",
        "hablemos por telegram, aquí nos leen",
        "dile a tus padres que estás en casa de una amiga y quedamos en el centro comercial",
    ],
    "fr": [
        "ne le dis pas à ta mère, c'est notre secret",
        "je te donne des v-bucks si tu m'envoies une photo",
        "t'as quel âge ?",
        "écris-moi sur telegram, ici on nous surveille",
        "on se voit au parc, viens seule",
    ],
    "de": [
        "sag deiner Mama nichts, das ist unser Geheimnis",
        "ich kauf dir den Skin, wenn du mir ein Foto schickst",
        "wie alt bist du?",
        "lad dir Telegram runter und schreib mir da",
        "wann schlafen deine Eltern? dann machen wir Videocall",
    ],
    "pt": [
        "não conta pros seus pais, é nosso segredo",
        "te compro robux se você me mandar uma foto",
        "quantos anos você tem?",
        "me chama no telegram, aqui todo mundo lê",
        "quando seus pais dormem a gente faz chamada de vídeo",
    ],
    "it": [
        "non dirlo ai tuoi genitori, è il nostro segreto",
        "ti regalo i robux se mi mandi una foto",
        "quanti anni hai?",
        "scrivimi su telegram, qui leggono tutti",
        "vediamoci al parco, vieni da sola",
    ],
}
GROOMING_BENIGN = {
    "en": [
        "let's keep the surprise secret until Friday, don't tell the teacher",
        "send photos of your project to the class folder",
        "my mum will pick me up after school",
        "what school subjects do you like best?",
        "Our secret ingredient is love",
        "where do you live? draw a map of your neighbourhood for geography",
        "can you send me the homework? I was off today",
        "text me when your mum picks you up",
        "my dad took a photo of the rainbow",
    ],
    "es": [
        "mi madre me recoge a las cinco",
        "manda las fotos del proyecto al profe",
        "el secreto de la receta es el amor",
    ],
    "fr": ["ma mère vient me chercher à 17h", "envoyez les photos de l'exposé à la prof"],
    "de": ["meine Mama holt mich um fünf ab", "schickt die Fotos vom Projekt an die Lehrerin"],
    "pt": ["minha mãe me busca às cinco", "mandem as fotos do projeto para a professora"],
    "it": ["mia mamma mi viene a prendere alle cinque", "mandate le foto del progetto alla prof"],
}


@pytest.mark.parametrize("lang,text", [(k, t) for k, v in GROOMING.items() for t in v])
def test_grooming_is_held_for_every_audience(lang, text):
    for audience in ("under13", "teen", "adult"):
        verdict = check_text(text, audience)
        assert verdict.action == "hold", (audience, text, verdict.reasons)
        assert "grooming" in {r.category for r in verdict.reasons}


@pytest.mark.parametrize("lang,text", [(k, t) for k, v in GROOMING_BENIGN.items() for t in v])
def test_grooming_look_alikes_pass(lang, text):
    verdict = check_text(text, "under13")
    assert verdict.action == "allow", verdict.reasons


SELF_HARM = {
    "en": [
        "kms fr",
        "honestly gonna unalive myself",
        "I want to die",
        "I've been cutting myself again",
        "nobody would notice if I disappeared",
    ],
    "es": ["quiero morirme", "me he vuelto a cortar", "nadie me echaría de menos"],
    "fr": ["j'ai envie de mourir", "je vais me foutre en l'air", "personne me regretterait"],
    "de": ["ich will nicht mehr leben", "ich hab mich wieder geritzt", "keiner würde mich vermissen"],
    "pt": ["quero morrer", "me cortei de novo", "não quero mais viver"],
    "it": ["voglio morire", "stasera mi ammazzo", "mi sono tagliata di nuovo"],
}
SELF_HARM_BENIGN = [
    "I cut myself a slice of cake",
    "I accidentally cut myself on the paper",
    "we ran 5 kms in PE",
    "this homework is killing me",
    "I'm dying of laughter",
]


@pytest.mark.parametrize("lang,text", [(k, t) for k, v in SELF_HARM.items() for t in v])
def test_self_harm_is_held(lang, text):
    verdict = check_text(text, "teen")
    assert verdict.action == "hold" and "self_harm" in {r.category for r in verdict.reasons}, verdict


@pytest.mark.parametrize("text", SELF_HARM_BENIGN)
def test_self_harm_look_alikes_pass(text):
    assert check_text(text, "under13").action == "allow"


def test_kys_and_neck_yourself_aimed_at_others_are_bullying_and_blocked():
    for text in ("kys", "just neck yourself", "go unalive yourself"):
        verdict = check_text(text, "teen")
        assert verdict.action == "block" and {"bullying", "self_harm"} & categories(text, "teen")


VIOLENCE = {
    "en": [
        "I'm gonna bring a gun tomorrow",
        "gonna shoot up the school on monday",
        "I will kill you",
        "I'm bringing a knife to school",
    ],
    "es": ["te voy a matar", "traigo la pistola al insti"],
    "fr": ["je vais te tuer", "je sais où tu habites, t'es mort"],
    "de": ["ich bring dich um", "ich hab ein Messer im Spind"],
    "pt": ["vou te matar", "vou levar uma arma pra escola"],
    "it": ["ti ammazzo", "porto la pistola a scuola"],
}
VIOLENCE_BENIGN = [
    "Can someone kill the lights for the slideshow?",
    "this homework is killing me",
    "I'm gonna beat you at Mario Kart",
    "shoot, I forgot my PE kit",
    "we're going to shoot the class video on Friday",
    "you're next to present",
]


@pytest.mark.parametrize("lang,text", [(k, t) for k, v in VIOLENCE.items() for t in v])
def test_threats_are_caught(lang, text):
    verdict = check_text(text, "teen")
    assert verdict.action in ("hold", "block") and "violence" in categories(text, "teen"), verdict


@pytest.mark.parametrize("text", VIOLENCE_BENIGN)
def test_violence_look_alikes_pass(text):
    assert check_text(text, "under13").action == "allow"


BULLYING = {
    "en": [
        "you are so stupid, nobody likes you",
        "go away nobody wants you here",
        "everyone hates you",
        "you're so ugly",
        "ur such a loser",
    ],
    "es": ["nadie te quiere", "eres una gorda asquerosa"],
    "fr": ["personne t'aime", "t'es moche"],
    "de": ["keiner mag dich", "du bist so hässlich"],
    "pt": ["ninguém gosta de você", "você é muito feia"],
    "it": ["nessuno ti vuole", "sei una cicciona"],
}
BULLYING_BENIGN = [
    "the loser of the quiz buys snacks lol",
    "nobody likes Mondays",
    "you're so kind, thank you",
    "I freak out before tests",
]


@pytest.mark.parametrize("lang,text", [(k, t) for k, v in BULLYING.items() for t in v])
def test_bullying_is_held_for_pupils_not_masked_silently(lang, text):
    for audience in ("under13", "teen"):
        verdict = check_text(text, audience)
        assert verdict.action in ("hold", "block"), (audience, verdict)
        assert "bullying" in {r.category for r in verdict.reasons}
    adult = check_text(text, "adult")
    assert adult.action in ("redact", "hold", "block")


@pytest.mark.parametrize("text", BULLYING_BENIGN)
def test_bullying_look_alikes_pass(text):
    assert check_text(text, "under13").action == "allow"


def test_bullying_keeps_the_verdict_shape():
    verdict = check_text("you are so stupid, nobody likes you", "adult")
    assert verdict.action == "redact" and "*" in verdict.text
    assert all(r.action for r in verdict.reasons) and verdict.allowed


def test_hate_templates_and_sexual_phrases():
    assert "hate" in categories("immigrants are parasites")
    assert "hate" in categories("los inmigrantes son ratas")
    assert "sexual" in categories("I wanna see you naked")
    assert check_text("immigrants are welcome in our town", "under13").action == "allow"
