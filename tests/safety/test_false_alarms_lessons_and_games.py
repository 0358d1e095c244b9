"""Look-alikes the thirty-third session's training batch showed (2026-12-06), mended in general form, each
beside the harmful line that must still be caught: a famous landmark's address in a geography lesson
(``pii_home.landmark``), a threat inside a game's round (``context._IN_GAME``, ``_GAME_BEFORE``), a photo
of a textbook page asked for, a coach's meeting point with the team's kit (``pii_meeting``), a squabble with one's own sibling told
laughing (``context._OWN_SIBLING``), idioms of studying or laughing "to death", a baseball term. Phrased apart
from the batch's lines."""

from __future__ import annotations

import pytest

from exchange.safety import check_text


@pytest.mark.parametrize(
    "text",
    [
        # a landmark's address, in a lesson: nobody lives there whom a pupil could be found through
        "Quiz time! The White House stands at 1600 Pennsylvania Avenue NW. Which river is nearby?",
        "Pour l'exposé : le Louvre, rue de Rivoli, 75001 Paris, ouvert le mercredi soir",
        "Das Brandenburger Tor steht am Pariser Platz 1 in Berlin, schreibt das ins Heft",
        "東京タワーは港区芝公園4-2-8にあります。高さは何メートル？",
        "故宫博物院在北京市东城区景山前街4号，明天地理课要用",
        # a threat inside a game's round, or the game's round named before it
        "next round i'm gonna kill you, no more camping 🎮",
        "nel prossimo round ti faccio fuori, preparati",
        "je te tue à la prochaine manche, promis 😤",
        "na próxima rodada eu te mato kkkk",
        # a textbook page photographed for a classmate
        "kannst du mir ein foto von seite 87 schicken? hab das buch vergessen",
        "me pasas una foto de la página 112 del libro de mates?",
        # idioms and sport
        "mi ammazzo di compiti questa settimana, aiuto",
        "amanhã eu vou me matar de treinar, campeonato sábado",
        "この動画面白すぎて死ねるw",
        "coach made us run suicide sprints till 6, i'm dead",
        # a coach's meeting point for the team, with the kit to bring
        "U12s: meet at the north gate of the stadium 8:30 Saturday, shin pads and boots please",
        "Mañana nos vemos a las 10 en el campo municipal, traed espinilleras y agua",
        # a squabble with one's own brother or sister, told laughing
        "mi hermana se acabó el helado, la mato jajaja",
        "mio fratello mi ha rubato il caricatore, lo ammazzo 😂",
    ],
)
def test_lessons_games_and_idioms_are_allowed(text):
    assert check_text(text, audience="under13").action == "allow", text


@pytest.mark.parametrize(
    "text",
    [
        # a home address beside a landmark, or an invitation to one, is still a pupil's whereabouts
        "I live at 27 Birch Road, right behind the Eiffel Tower",
        "come over, 14 Elm Street, near the white house on the corner",
        # a threat in a round of something that is no game, or with a weapon
        "next round of tests i'll stab you in the corridor",
        # a meeting point for one child, alone, whatever they should bring
        "meet me at the north gate at 8:30 saturday, come alone and bring your boots",
        "after this round you're dead, i'm bringing a knife",
        # a photo asked for without any page; a threat to die for real
        "send me a photo of you in your pyjamas, just for me",
        "vou me matar hoje, não aguento mais",
        # a threat told laughing that is aimed at the reader, armed, or at someone who is no sibling
        "my brother is gonna beat you up after school 😂",
        "my sister took my charger, i'm gonna stab her with a knife lol",
        "that new kid is so annoying, i'm gonna kill him lol",
        "もう死にたい、消えたい",
    ],
)
def test_the_same_shapes_meant_harmfully_are_still_caught(text):
    assert check_text(text, audience="under13").action in ("hold", "block"), text


def test_a_sibling_squabble_told_laughing_is_no_longer_blocked():
    """The threat phrase is explained; the combination of harm and intent still asks for a look."""
    verdict = check_text("my little sister ate my last cookie, i'm gonna kill her 🤣", audience="under13")
    assert verdict.action in ("allow", "hold"), verdict
