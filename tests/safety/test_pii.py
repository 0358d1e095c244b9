"""Personal data: phones of many regions, e-mail, handles, invites, addresses, places."""

from __future__ import annotations

import pytest

from exchange.safety import check_text

PHONES = [
    ("GB national", "call me on 07911 123456"),
    ("GB international", "my number is +44 7911 123456"),
    ("GB with 00", "ring 0044 7911 123456"),
    ("US", "text me at (555) 123-4567"),
    ("US plain digits", "my cell 2025550143"),
    ("ES", "mi número es 612 345 678"),
    ("ES international", "llámame al +34 612 34 56 78"),
    ("MX", "mi whatsapp es +52 55 1234 5678"),
    ("FR", "mon numéro c'est 06 12 34 56 78"),
    ("DE", "meine Nummer ist 0151 23456789"),
    ("BR", "meu número é (11) 91234-5678"),
    ("IN", "मेरा नंबर 98765 43210 है"),
    ("IN international", "call karo +91 98765 43210"),
    ("RU", "звони +7 912 345-67-89"),
    ("CN", "我的电话是13812345678"),
    ("JP", "電話番号は090-1234-5678"),
    ("JP international", "+81 90 1234 5678に電話して"),
    ("KE", "namba yangu ni 0712 345678"),
    ("KE international", "nipigie +254 712 345678"),
    ("ID", "nomor aku 0812-3456-7890"),
    ("SA", "كلمني على +966 50 123 4567"),
    ("EG", "رقم جوالي +20 10 1234 5678"),
    ("full-width digits", "call ０７９１１ １２３４５６"),
    ("zero-width inside", "call 0791\u200b1 123\u200b456"),
    ("spaced digits", "0 7 9 1 1 1 2 3 4 5 6 call me"),
    ("spelled out", "zero seven nine one one one two three four five six"),
    ("spelled out in Swahili", "sifuri saba moja mbili tatu nne tano sita"),
]


@pytest.mark.parametrize("case,text", PHONES, ids=[c for c, _ in PHONES])
def test_phone_numbers_are_found(case, text):
    verdict = check_text(text, "teen")
    assert any(r.category == "pii_phone" for r in verdict.reasons), case
    assert verdict.action == "redact"


NOT_PHONES = [
    "In 2024 and 2025 we had 28 students.",
    "The test is on 12/05/2024 at 10:30.",
    "The exam is on 2025-06-01 from 9:00 to 11:30.",
    "7 x 8 = 56 and 9 x 9 = 81, 123 + 456 = 579.",
    "We counted 1 2 3 4 5 6 7 8 9 10.",
    "We counted one two three four five six seven eight nine.",
    "Tulihesabu moja mbili tatu nne tano sita saba nane.",
    "The population is 8336817 people.",
    "La ciudad tiene 1.234.567 habitantes.",
    "La ville compte 2 145 906 habitants.",
    "The population of Lagos is about 15,388,000.",
    "The score was 3-2, read pages 45-67.",
    "Wars ended in 1918, 1945 and 1953.",
    "Room 204, bus 42 at 7:45, 15 km away.",
    "Pi is 3.14159 and e is 2.71828.",
    "The country code for Kenya is +254.",
    "Jakarta punya 10.562.088 penduduk.",
]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_classroom_numbers_are_not_phone_numbers(text):
    verdict = check_text(text, "under13")
    assert verdict.action == "allow", verdict.reasons


@pytest.mark.parametrize(
    "text,category",
    [
        ("email me: sunny.girl2012@gmail.com", "pii_email"),
        ("mail: jo\u200bhn@gmail.com", "pii_email"),
        ("john at gmail dot com", "pii_email"),
        ("john [at] mail [dot] com", "pii_email"),
        ("my snap: sunnygirl_12", "pii_handle"),
        ("snap id coolkid99", "pii_handle"),
        ("my insta is lucia_2011", "pii_handle"),
        ("discord: cool.kid#1234", "pii_handle"),
        ("follow me on insta @sunny.day", "pii_handle"),
        ("微信：xiaoming_2011", "pii_handle"),
        ("join discord.gg/abcd1234", "pii_invite"),
        ("t.me/secret_group", "pii_invite"),
        ("https://chat.whatsapp.com/AbCdEf123", "pii_invite"),
        ("wa.me/447911123456", "pii_invite"),
        ("instagram.com/sunny.day", "pii_invite"),
    ],
)
def test_contacts_handles_and_invites(text, category):
    verdict = check_text(text, "teen")
    assert category in {r.category for r in verdict.reasons}
    assert verdict.action in ("redact", "hold")


def test_a_mention_of_someone_in_the_room_is_not_a_handle():
    assert check_text("@Maria thanks for the slides!", "under13").action == "allow"


@pytest.mark.parametrize(
    "text",
    [
        "i live at 221B Baker Street",
        "12 Main St. is my house",
        "j'habite au 12 rue de la Paix",
        "vivo en Calle Mayor 12, Madrid",
        "moro na Rua Augusta, 100",
        "ich wohne in der Hauptstraße 5",
        "я живу ул. Ленина, д. 5",
        "عنواني شارع الجامعة رقم 12",
        "मकान नंबर 12, गली नं. 4",
        "mera address house no 45, Sector 12",
        "我家住在长安街12号",
        "住所は渋谷区神南1-2-3",
        "ninaishi nyumba namba 12, Nairobi",
        "rumahku di Jalan Sudirman No. 5",
        "my postcode is SW1A 1AA",
        "my address is the blue house next to the bakery",
    ],
)
def test_street_addresses_are_found(text):
    verdict = check_text(text, "teen")
    assert "pii_address" in {r.category for r in verdict.reasons}, verdict.reasons


@pytest.mark.parametrize(
    "text",
    [
        "We walked 5 km down the Old Road.",
        "There are 3 main roads in our town.",
        "We live in Nairobi near the sea.",
        "The street party is on 12 June.",
        "Rue de Rivoli is famous in Paris.",
    ],
)
def test_ordinary_talk_about_streets_is_not_an_address(text):
    assert check_text(text, "under13").action == "allow", check_text(text, "under13").reasons


@pytest.mark.parametrize(
    "text",
    [
        "I am at 51.50740, -0.12780",
        "lat 51.507 lon -0.127",
        "51°30′N 0°07′W",
        "https://maps.app.goo.gl/AbC123",
        "https://www.google.com/maps/place/x",
        "///index.home.raft",
    ],
)
def test_precise_locations_are_found(text):
    verdict = check_text(text, "teen")
    assert "pii_location" in {r.category for r in verdict.reasons}


def test_student_contact_stays_masked_even_when_the_message_is_held():
    verdict = check_text("add me on whatsapp +44 7911 123456", "under13")
    assert verdict.action == "hold"
    assert "7911" not in verdict.text and verdict.text.startswith("add me on whatsapp ")


def test_region_hints_come_from_the_room_languages():
    # a Kenyan national number is found when the room speaks Swahili...
    assert check_text("namba yangu ni 0712 345678", "teen", languages=["sw"]).action == "redact"
    # ...and international numbers are found whatever the languages
    assert check_text("call +81 90 1234 5678", "teen", languages=["sw"]).action == "redact"
