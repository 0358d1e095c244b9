"""Threats with everyday verbs (a beating promised, belongings wrecked, a school attack hinted, warnings
without a harm word), self-harm by purging, stockpiling, weighing and a wish to be gone, mockery of weight,
voice and poverty, sexual remarks in dialect, a Japanese phone number written with long-vowel dashes; beside
the look-alikes that must pass: an exam to smash, time to kill, friends teasing with fondness said in words
(the thirty-eighth session's rules; fictional lines written for these tests, not lines of any evaluation set)."""

from __future__ import annotations

import pytest

from exchange.safety import check_text

HELD = [
    # a beating or a shot promised, in chat spelling
    "t voy a dar una madriza a la salida",
    "le metemos un navajazo si abre la boca",
    "sigue así y te comes un balazo",
    "ese ya está muerto y no lo sabe",
    "ji vé té tapé après les cours",
    "on va lui refaire le portrait demain",
    "tu vas finir dans le canal, crois-moi",
    # belongings wrecked, a school set on fire
    "tu bici nueva? mañana la voy a hacer pedazos",
    "ton scooter va cramer ce soir",
    "le damos fuego al colegio el viernes",
    "on va démolir la salle des profs lundi",
    # warnings without a harm word
    "que nadie venga al cole el martes, va a pasar algo muy grave",
    "bonne chance pour rentrer chez toi ce soir",
    "ça va chauffer pour toi samedi",
    # self-harm: purging, stockpiling, a wish to be gone
    "vomito después de cada comida y nadie lo sabe",
    "ya tengo guardadas las pastillas de mi abuela",
    "he pensado en quitarme de en medio",
    "j'ai pensé à me tuer hier soir",
    "vous seriez tous soulagés sans moi",
    "je me pèse trois fois par jour et je me trouve trop grosse",
    "des tips pro-ana pour tenir sans manger ?",
    # mockery of weight, voice, poverty; exclusion; hate by exclusion
    "धीरे बैठ, कुर्सी टूट जाएगी 😂😂",
    "صوتك زي البطة هههه",
    "あいつんち貧乏だから来れないってw",
    "tusimuongeleshe Juma kesho",
    "du bist echt zu dumm für die Schule",
    "ما بدنا لاجئين بالفريق",
    # sexual remarks and a camera asked lower
    "camera thoda neeche karo, kisi ko pata nahi chalega",
    "wie lang isch din Schwanz? 😏",
    # a phone number written with Japanese long-vowel dashes
    "電話は０８０ー５５１２ー７７４９だよ",
]

PASSED = [
    # an exam to smash, time to kill, a football match
    "voy a reventar el examen de mates, lo llevo genial",
    "voy a matar el tiempo leyendo hasta la videollamada",
    "je vais défoncer l'exposé d'histoire, j'ai trop révisé",
    "tu bici nueva es preciosa, ¿de qué color es?",
    # friends teasing with fondness said in words
    "jajaja eres un tonto, te quiero 😂",
    "hahaha du Lauch, ich mag dich trotzdem 😂",
    # a pupil telling the class about their week; a cooking lesson
    "el lunes va a pasar algo genial: llegan los franceses",
    "on écrase les pommes de terre avec une fourchette",
    "ユーザー名はクラスの先生が決めます",
    # look-alikes the review of the session's rows named: a fire drill, game trash talk, a birthday surprise,
    # geometry homework, a coloured-pencil reminder, a class video call, a lake
    "Mañana simulacro de incendio: la escuela se evacúa por el patio",
    "Samedi je vais te défoncer à Mario Kart 😂",
    "On va lui faire sa fête samedi, c'est une surprise 🎂",
    "Pour demain, tracez une droite dans la figure 3",
    "明天美术课请带颜色的铅笔",
    "Camera thoda neeche karo, sirf ceiling dikh rahi hai",
    "Kenya na Uganda, maziwa yao makubwa ni Victoria na Turkana",
    "Ich bin echt zu doof für Mathe 😅",
    "Kila mwanafunzi ana buddy kutoka Ujerumani 😊",
]


@pytest.mark.parametrize("text", HELD)
def test_held_for_a_moderator(text):
    assert check_text(text, "under13").action in ("hold", "block")


@pytest.mark.parametrize("text", PASSED)
def test_passes(text):
    assert check_text(text, "under13").action == "allow"
