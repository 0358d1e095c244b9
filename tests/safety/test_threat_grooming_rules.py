"""Threat and grooming rules added on 2026-12-04 (issue 15) from the misses of two new dev batches
(written by helpers that saw nothing of the project; the rules by helpers that saw the dev set but
never the held-out set). The sentences here are written for this test, in the general forms the
rules cover, not copied from any dev or evaluation line; each group has look-alikes that must stay
allowed (hyperbole, games, sport, lessons, a teacher's ordinary requests)."""

from __future__ import annotations

import pytest

from exchange.safety import check_text

THREATS = [
    ("imma literally stab him after school", "en"),
    ("we're jumping the new kid on friday behind the gym", "en"),
    ("his head is getting smashed in tomorrow", "en"),
    ("you better sleep with one eye open", "en"),
    ("my cousin has a gun and he knows where you live", "en"),
    ("don't come to school on monday, just saying", "en"),
    ("je vais buter ton chien", "fr"),
    ("on va tous lui tomber dessus à la sortie", "fr"),
    ("tu pourras plus jamais parler après ça", "fr"),
    ("du kommst heute nicht lebend nach hause", "de"),
    ("i hau di zsamm nach der schule", "de"),
    ("ich schlag dich grün und blau", "de"),
    ("esta tarde no sales vivo del cole", "es"),
    ("te voy a dejar tirado en el suelo", "es"),
    ("le voy a partir la cara a ese", "es"),
    ("não sais daqui inteiro", "pt"),
    ("vais levar uma tareia amanhã", "pt"),
    ("vou te bater até desmaiar", "pt"),
]

GROOMING = [
    ("what time do your parents usually go to bed", "en"),
    ("your parents just don't understand you like i do", "en"),
    ("nobody listens to you the way i do", "en"),
    ("you can trust me more than your teachers", "en"),
    ("is your bedroom door locked right now", "en"),
    ("what do you wear to bed", "en"),
    ("tes parents sortent ce soir ?", "fr"),
    ("t'es tellement spéciale, pas comme les autres filles", "fr"),
    ("um wie viel uhr gehen deine eltern normalerweise schlafen", "de"),
    ("du bist so reif für dein alter", "de"),
    ("escríbeme cuando se duerman tus papás", "es"),
    ("eres muy madura para tu edad", "es"),
    ("que horas seus pais costumam dormir?", "pt"),
    ("me chama quando eles saírem", "pt"),
]

ALLOWED = [
    ("this homework is killing me", "en"),
    ("we crushed them 4-0 on saturday", "en"),
    ("I shot him in fortnite lol", "en"),
    ("cut the onions with the small knife", "en"),
    ("please send photos of your volcano project to the class folder", "en"),
    ("keep the surprise party secret until friday!", "en"),
    ("ce contrôle va me tuer", "fr"),
    ("on va les écraser au foot samedi", "fr"),
    ("das Spiel hat mich fertig gemacht", "de"),
    ("wir schlagen die Eier für den Kuchen", "de"),
    ("el examen me mató", "es"),
    ("vamos a ganarles el sábado", "es"),
    ("a prova de matemática acabou comigo kkkk", "pt"),
    ("o professor mandou levar tesoura para a aula de artes", "pt"),
]


@pytest.mark.parametrize("text,lang", THREATS)
def test_threats_are_held(text: str, lang: str) -> None:
    verdict = check_text(text, "under13", languages=[lang])
    assert verdict.action != "allow" and any(r.category == "violence" for r in verdict.reasons), verdict


@pytest.mark.parametrize("text,lang", GROOMING)
def test_grooming_forms_are_held(text: str, lang: str) -> None:
    verdict = check_text(text, "under13", languages=[lang])
    assert verdict.action != "allow" and any(r.category == "grooming" for r in verdict.reasons), verdict


@pytest.mark.parametrize("text,lang", ALLOWED)
def test_look_alikes_stay_allowed(text: str, lang: str) -> None:
    assert check_text(text, "under13", languages=[lang]).action == "allow"
