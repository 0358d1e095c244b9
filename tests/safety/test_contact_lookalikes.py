"""Rules added on 2026-12-04 (issue 15) from the misses of new dev batches of contact details
(12 languages) and of benign look-alikes (8 languages): letters typed for digits, leetspeak and
Cyrillic letters in app names and addresses, messages typed letter by letter, a number handed
out in two pieces, digits between number words, asking for someone's number or account, meeting
a stranger ("come alone", "I'll wear the red hoodie"), emoji used as words, and a pupil
reporting the insult they were called. Each with look-alikes that must stay allowed. The
sentences are written here, not copied from any evaluation or dev line."""

from __future__ import annotations

import pytest

from exchange.safety import check_text

HELD = [
    # letters for digits in a phone number
    ("ruf an: O612 34S6 78", "de", "pii_phone"),
    ("mi número es 6l2 O34 8S6", "es", "pii_phone"),
    ("il mio cell è 34O 9l2 55O7", "it", "pii_phone"),
    ("612 345 678 mi número, escríbeme", "es", "pii_phone"),  # "mi" is no unit of a quantity
    # leetspeak and Cyrillic letters in the app's name or in the address
    ("t3l3gr4m: sunny_fox_11", "en", "pii_handle"),
    ("1nst4gr4m → mila.draws.22", "pt", "pii_handle"),
    ("еm4il: t0m.r1ver@gm4il.c0m", "en", "pii_email"),
    ("іnѕtаgrаm: pixel_kid_09", "en", "pii_handle"),
    # typed letter by letter, two spaces between the words
    ("r u e  d e s  l i l a s  1 4", "fr", "pii_address"),
    ("s n a p → l e o . 2 k 1 1", "fr", "pii_handle"),
    # a number in two pieces, with "the rest" in between
    ("my number starts 0612 34... the rest tomorrow: 56 78", "en", "pii_phone"),
    ("los primeros 612 03... el resto luego: 48 56", "es", "pii_phone"),
    # digits between number words
    ("sei uno due 3 quattro 55 sette otto", "it", "pii_phone"),
    ("cero seis 12 treinta y cuatro 56 78", "es", "pii_phone"),
    # asking for a number, e-mail or account
    ("whats ur snap? i'll add u", "en", "grooming"),
    ("dame tu número porfa", "es", "grooming"),
    ("wie heißt du auf roblox?", "de", "grooming"),
    ("c'est quoi ton pseudo fortnite", "fr", "grooming"),
    ("给我你的微信号", "zh", "grooming"),
    ("дай свой номер", "ru", "grooming"),
    # meeting someone who must come alone or be recognised
    ("saturday 3pm at the skate park, come alone", "en", "pii_location"),
    ("domenica alle 15 allo skatepark vicino alla biblioteca, ho la felpa verde", "it", "pii_location"),
    ("samstag 16 uhr am bahnhof, komm allein", "de", "pii_location"),
    # a home told by what stands near it and its door or gate
    ("my house is the one behind the bakery, green door", "en", "pii_address"),
    ("mi casa está al lado del parque, la del portón negro", "es", "pii_address"),
    ("我家在超市后面那个小区，蓝色大门", "zh", "pii_address"),
    # emoji as words
    ("💊💊💊 tonight and then it's quiet", "en", "self_harm"),
    ("💣🏫 monday. stay home", "en", "violence"),
    ("🍑🍆 tonight?", "en", "sexual"),
]

ALLOWED = [
    ("Room 204B is next to the science lab", "en"),
    ("page 112 and 113, the rest is on page 114", "en"),
    ("the rest of the class scored 12, 15 and 18", "en"),
    ("lol 123 456 that's so random", "en"),
    ("what's your favourite food? mine is rice", "en"),
    ("I took my 💊 for hay fever this morning", "en"),
    ("our school 🏫 won the football cup", "en"),
    ("we made 🍑 pie in cooking class", "en"),
    ("a b c d blocks for the little ones", "en"),
    ("we counted 1 2 3 4 5 6 7 8 9 10 in Swahili", "en"),
    ("Place: the school hall. Time: 10:00. Everyone bring your recorder", "en"),
    ("la Terre est à 149 600 000 km du Soleil", "fr"),
    ("2 hoch 32 = 4294967296", "de"),
    ("Chut, c'est une surprise pour la maîtresse, on dit rien", "fr"),
    ("i live near the beach, the water is so blue", "en"),
    ("In the story the witch lives behind the forest with a black door", "en"),
    ("t'es trop bête 😂 je t'adore quand même", "fr"),
    ("Hardik ne aaj 3 chhakke maare", "hi"),
    ("hum Sikh hain, aapke sheher me Gurdwara hai?", "hi"),
    ("Shital didi ne mehndi lagayi", "hi"),
    ("赤壁之战曹操大败", "zh"),
    ("sore shitteru! anime de mita", "ja"),
    ("マラソンでぶっ倒れそう", "ja"),
    ("Tocca a me scopare l'aula oggi", "it"),
    ("mandame una foto de tu dibujo porfa", "es"),
    ("Unser Mathelehrer heißt Herr Fick", "de"),
    # a pupil telling the teacher what they were called
    ("Madame, Léo m'a traité de bouffon", "fr"),
    ("老师，他骂我是笨蛋", "zh"),
    ("先生、「バカ」って言われました", "ja"),
    ("Miss, Tom called me stupid again", "en"),
]


@pytest.mark.parametrize(("text", "language", "category"), HELD)
def test_held(text: str, language: str, category: str) -> None:
    verdict = check_text(text, audience="under13", languages=[language])
    assert verdict.action != "allow", text
    assert category in {r.category for r in verdict.reasons}, (text, verdict.reasons)


@pytest.mark.parametrize(("text", "language"), ALLOWED)
def test_allowed(text: str, language: str) -> None:
    verdict = check_text(text, audience="under13", languages=[language])
    assert verdict.action == "allow", (text, verdict.reasons)


@pytest.mark.parametrize(
    "text",
    [
        "Tom called me for dinner, you stupid idiot",  # the insult is not what he was called
        "he called me a stupid idiot, you're a worthless idiot too",  # the second one is aimed at the reader
    ],
)
def test_report_reaches_only_the_reported_word(text: str) -> None:
    assert check_text(text, audience="under13", languages=["en"]).action != "allow"
