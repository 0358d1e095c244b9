"""Contact details in many phrasings and locales, and the classroom numbers that are not.

Examples written for these tests (not taken from the dev or the held-out set). A positive
must raise a ``pii_*`` reason; a benign line must raise none (other categories are the
lexicons' business and are not asserted here).
"""

from __future__ import annotations

import re

import pytest

from exchange.safety import check_text
from exchange.safety.pii_iban import iban_valid
from exchange.safety.pii_numbers import luhn_valid


def pii_reasons(text: str, audience: str = "under13") -> list[str]:
    return [r.category for r in check_text(text, audience).reasons if r.category.startswith("pii_")]


POSITIVE = {
    "address": [
        "my address: 48 Willow Crescent",
        "come to Fenwick Road 17 after tea",
        "I live at 9 Larchmont Avenue",
        "vivo en Avenida del Parque 231, piso 2",
        "j'habite 5 rue des Tilleuls",
        "ich wohne in der Lindenstraße 22",
        "moro na Rua das Flores 310",
        "abito in Viale Mazzini 44",
        "kom naar de Kastanjelaan 9",
        "jag bor på Ekvägen 31",
        "mieszkam na ul. Polnej 8/2",
        "Gül Sokak No:9 Daire 4",
        "живу на ул. Ленина 15",
        "приходи на Лесную 12",
        "تعال ٤ شارع النيل",
        "मकान नंबर 42 में आ जाओ",
        "渋谷区神南1-2-3に来て",
        "北京路88号见",
        "한빛로 27 로 와",
        "Flat 12C, Rosewood Towers",
    ],
    "handle": [
        "snap: skaterboi_09",
        "my insta is lily.paints.22",
        "add me on roblox DragonRider77",
        "discord: nightowl#4821",
        "kik me: sunnyday_14",
        "mi tiktok @bailarina.sofi",
        "vk: petya_2010",
        "telegram @moonchild13",
        "wechat id: panda_lover8",
        "line id = mika.chan5",
        "kakao: jiwoo_99",
        "minecraft name: BlockBuilder42",
        "ник в роблоксе: ZimaKot11",
        "dodaj mnie na snapie: ola.k12",
        "instagramım @deniz.art07",
        "マイクラのID: SushiMaster9",
        "s n a p : s k a t e r b o i 0 9",
        "tiktok @ m a y a . s i n g s",
    ],
    "email": [
        "mail me at tom.reed@gmail.com",
        "tom.reed @ gmail . com",
        "tom dot reed at gmail dot com",
        "escríbeme: lucia arroba hotmail punto com",
        "écris-moi : paul arobase free point fr",
        "schreib mir: lena punkt ott at gmx punkt de",
        "пиши: vova собака mail точка ru",
        "mail: kim.s [at] yahoo [dot] com",
        "메일 jisoo 골뱅이 naver 점 com",
    ],
    "phone": [
        "call me 07700 900456",
        "+33 6 39 98 12 34 on whatsapp",
        "oh seven seven double oh nine double oh four five six",
        "zero six trente-neuf quarante-deux douze treize",
        "llámame: seis uno dos tres cuatro cinco seis siete ocho",
        "ruf an: null eins sieben sieben drei vier fünf sechs sieben acht",
        "chiamami tre quattro sette uno due otto nove zero sei",
        "mijn nummer: nul zes een vier acht negen twee drie vijf",
        "звони восемь девятьсот шестнадцать сорок два ноль семь",
        "ara beni sıfır beş üç iki dokuz sekiz yedi altı dört",
        "namba yangu sifuri saba tano mbili nne sita tisa nane",
        "नंबर नौ आठ सात शून्य एक दो दो तीन चार",
        "〇八〇の四五六七の八九〇一",
        "공일공 사오육칠 팔구공일",
        "my number 0️⃣7️⃣7️⃣0️⃣0️⃣9️⃣0️⃣0️⃣4️⃣5️⃣6️⃣",
        "ring meg 9 8 7 - 6 5 - 4 3 2",
    ],
    "card": [
        "mum's card 4111 1111 1111 1111 exp 03/28",
        "5555-5555-5555-4444 cvv 123",
        "card 3782 822463 10005",
    ],
    "iban": [
        "send it to GB82 WEST 1234 5698 7654 32",
        "IBAN DE89370400440532013000",
        "mon RIB: FR14 2004 1010 0505 0001 3M02 606",
    ],
    "id": [
        "mi DNI es 87654321X",
        "TC kimlik no: 12345678950",
        "my passport number is 533380006",
    ],
}


@pytest.mark.parametrize("kind,text", [(k, t) for k, texts in POSITIVE.items() for t in texts])
def test_contact_details_are_found(kind, text):
    assert pii_reasons(text), f"{kind}: {text}"


PHONES_WITH_DIGITS = [
    "whatsapp me +44 7700 900 4 5 6",
    "call me 07700 900456",
    "my number 0️⃣7️⃣7️⃣0️⃣0️⃣9️⃣0️⃣0️⃣4️⃣5️⃣6️⃣",
    "ring meg 9 8 7 - 6 5 - 4 3 2",
    "+31 6 1234 0000 op whatsapp",
]


@pytest.mark.parametrize("text", PHONES_WITH_DIGITS)
def test_no_phone_digit_stays_visible_when_redacted(text):
    verdict = check_text(text, "teen")
    assert verdict.action != "allow"
    assert len(re.findall(r"\d", verdict.text)) == 0, verdict.text


BENIGN = [
    # dates, times, years, prices, scores, pages, homework numbers, rooms, maths
    "The trip is on 14/03/2025 and the bus leaves at 08:15.",
    "Homework: exercises 12, 13, 14 and 15 on page 212.",
    "The final score was 3-2 and then 4-4 in the replay.",
    "It costs 1 299 000 rupiah or about 79.99 euros.",
    "Come to Room 12 after lunch, bring your atlas.",
    "come to Page 45 and read the poem",
    "3 x 4 = 12, 12 x 12 = 144, 7 x 8 = 56",
    "The Berlin Wall fell in 1989 and Germany reunited in 1990.",
    "Chapter 7 starts on page 131.",
    "Question 4: 1234567 + 7654321 = ?",
    # counting in words is not a phone number
    "We counted one two three four five six seven eight nine ten.",
    "Contamos uno dos tres cuatro cinco seis siete ocho nueve.",
    "On compte un deux trois quatre cinq six sept huit neuf dix.",
    "一二三四五六七八九十 is how we count in Chinese class",
    # card- and IBAN-shaped numbers that fail their checksums
    "My order number is 4111 1111 1111 1112, when does it ship?",
    "Reference GB82 WEST 1234 5698 7654 33 on the form",
    # apps named without a handle
    "I watched a tiktok about volcanoes for science",
    "We play roblox at the weekend with my cousins",
    "My snap score is huge lol",
    "Is instagram allowed in year 7?",
    # at/dot words in ordinary sentences
    "We met at school and walked to the park at noon.",
    "Il punto è che la lezione finisce alle tre.",
    "Der Punkt ist, dass wir morgen keine Schule haben.",
    # street words in ordinary talk
    "The street party is on 12 June.",
    "Our class won 3 games in the spring 2024 league.",
    "Julia 7 and Amelia 12 are the team numbers",
]


@pytest.mark.parametrize("text", BENIGN)
def test_classroom_numbers_and_words_are_not_contact_details(text):
    assert not pii_reasons(text), text


def test_checksums():
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert iban_valid("GB82WEST12345698765432") and not iban_valid("GB82WEST12345698765433")
    assert not iban_valid("GB82WEST1234569876543")  # one character short for the country


def test_card_and_iban_are_held_and_masked_for_every_audience():
    for audience in ("under13", "teen", "adult"):
        verdict = check_text("pay to 4111 1111 1111 1111 or DE89 3704 0044 0532 0130 00", audience)
        assert verdict.action == "hold"
        assert "4111" not in verdict.text and "3704" not in verdict.text
