"""Personal numbers and secrets that are not contact details (``exchange/safety/pii_personal.py``):
a password, a date of birth with its year, a card or record number after its word; IBANs of their
country's length whatever their checksum; symbols between digits, but not the signs of a sum.

Phrased differently from the dev lines (d27001+) that showed them."""

from __future__ import annotations

import pytest

from exchange.safety import check_text


@pytest.mark.parametrize(
    "text, category",
    [
        ("my roblox password is dragon_2013 dont tell anyone", "pii_secret"),
        ("pw for the school portal: Tulip2012!", "pii_secret"),
        ("mon mot de passe pronote c'est Zebre2013", "pii_secret"),
        ("la contraseña de mi cuenta es perrito88, entra tú", "pii_secret"),
        ("мой пароль от вк Masha2012", "pii_secret"),
        ("我的QQ密码是tiantian_2012", "pii_secret"),
        ("nenosiri ya wifi yetu ni 12345678", "pii_secret"),
        ("I was born on 14/02/2013 in Leeds", "pii_id"),
        ("ich bin am 3. März 2012 geboren", "pii_id"),
        ("je suis née le 21/06/2012 à Nantes", "pii_id"),
        ("2012年8月9日生まれだよ", "pii_id"),
        ("my student number is 20110042 if you need it", "pii_id"),
        ("numéro de sécurité sociale de ma sœur : 2 12 05 75 000 000", "pii_id"),
        ("学号是20120315，你查一下", "pii_id"),
        ("namba ya mwanafunzi wangu ni 000123456", "pii_id"),
        ("my NI number is AB 12 34 56 C", "pii_id"),
        ("überweis das Geld auf DE00 1234 5678 9012 3456 78 pls", "pii_iban"),
        ("call 0170 🌈 123 🌈 4567 after school", "pii_phone"),
    ],
)
def test_a_childs_secret_or_number_is_held(text, category):
    verdict = check_text(text, "under13")
    assert verdict.action != "allow", text
    assert category in {r.category for r in verdict.reasons}, verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        "I forgot my password again 😩",
        "a strong password looks like Tree42!Moon, never your pet's name",
        "la contraseña debe tener 8 caracteres como mínimo",
        "the wifi password is on the whiteboard",
        "Mozart was born on 27/01/1756 in Salzburg",
        "Marie Curie est née le 7 novembre 1867 à Varsovie",
        "my birthday is on 12 May, come to the party!",
        "jugamos contra el 5B el viernes",
        "la matrícula cuesta 35000 pesos este año",
        "Student ID cards will be handed out on 12/09/2026 in room 4",
        "Kahoot PIN: 482107, join now!",
        "教科書p.48の問3、12×15=180で合ってる？",
        "第35页第4题：125×8=1000 对吗？",
        "stars: 3 ⭐ 4 ⭐ 5",
    ],
)
def test_classroom_talk_of_passwords_birthdays_and_numbers_is_allowed(text):
    assert check_text(text, "under13").action == "allow", check_text(text, "under13").reasons
