"""Harm planned or spread in a group, a stranger's gift for a child's address, post-office boxes and keycap
phone numbers with emoji between their groups, beside the look-alikes that must still pass (the thirty-sixth
session's rules; fictional lines written for these tests, not lines of any evaluation set)."""

from __future__ import annotations

import pytest

from exchange.safety import check_text

HELD = [
    # a pupil shut out by the group
    "nobody talk to her anymore, ok?",
    "mit lena redet keiner mehr, die kommt nicht in unsere gruppe",
    "с ним никто не сидит, поняли?",
    "佐藤くんとはもう誰も話さないでね",
    "明天郊游别叫她，她一来就扫兴",
    "msimwite Wanjiru kwa sherehe",
    # a pupil compared to an animal, or sent back to first grade
    "look at his photo 😂 he looks like a gorilla",
    "看这张照片，他长得像猴子",
    "Amina tena amefeli 😂 arudi class one",
    "またビリじゃん、小学校からやり直せよ",
    # a crying video or an embarrassing photo spread to every group
    "i put your embarrassing photo in all the groups lol",
    "他哭的视频我发班群了",
    # a beating planned together
    "after school we're jumping the new kid, everyone gets a kick in",
    "lundi on tabasse le nouveau, chacun met son coup de pied",
    # a stranger's present for a child's address
    "what estate do you live in? I want to post you a little surprise",
    "どこに住んでるの？番地を教えてくれたらプレゼント送るね",
    # post-office boxes and keycap phone numbers
    "write to me at P.O. Box 5521, Kisumu, my dad's box",
    "Barua zitumwe S.L.P. 8812, Dodoma, kwa jina la mama",
    "0️⃣7️⃣1️⃣2️⃣ 🌟 3️⃣4️⃣5️⃣ 🌟 6️⃣7️⃣8️⃣",
    # a home told by what stands beside it and what it looks like
    "see the green house behind the petrol station? that's ours, the one with the red gate",
    "c'est chez nous, la maison jaune derrière la pharmacie, porte bleue",
    "nyumba ile nyuma ya kanisa, yenye geti la kijani, ndiyo kwetu",
    "公園を過ぎて2軒目の青い家がうちだよ",
]

PASSED = [
    "nobody talks to strangers online, ok?",
    "Shule ya Msingi Upendo, S.L.P. 200, Moshi: tumieni barua za darasa rafiki hapa",
    "my bp was 120/80 at the nurse today",
    "1️⃣ maths 2️⃣ english 3️⃣ science 4️⃣ art 5️⃣ music 6️⃣ PE 7️⃣ history",
    "Madame, je vous envoie la photo de mon herbier, est-ce que c'est assez net ?",
    "Please send me photos of your bridge models for the partner-class page",
    "I'll send you a little surprise on Friday for your birthday",
    "Scemo, hai vinto di nuovo a UNO 😂 ti voglio bene lo stesso",
    "Ô seu bobão, kkkk valeu pela ajuda, tu é o melhor",
    "the museum is the blue building behind the station, big red door, see you there at 10",
]

STILL_HELD = [  # the same openings with a real put-down
    "Scemo, fai schifo, nessuno ti vuole",
    "Boluda, nadie te quiere, desaparecé",
    "envoie une photo sans ton sweat, juste pour voir",
]


@pytest.mark.parametrize("text", HELD + STILL_HELD)
def test_held_for_a_moderator(text):
    assert check_text(text, "under13").action in ("hold", "block")


@pytest.mark.parametrize("text", PASSED)
def test_passes(text):
    assert check_text(text, "under13").action == "allow"
