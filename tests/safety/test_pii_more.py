"""The pre-checks of the personal-data detectors (pii_gates) never skip what a detector finds."""

from __future__ import annotations

import sys

import pytest

from exchange.safety import pii_address, pii_contacts, pii_numbers
from exchange.safety.normalize import Folded
from exchange.safety.pii import find_pii, regions_for
from exchange.safety.pii_gates import HAS_DIGIT, caseless, words_of


def test_has_digit_is_any_isdigit():
    for code in range(0, sys.maxunicode + 1, 1):
        ch = chr(code)
        if ch.isdigit():
            assert HAS_DIGIT.search(ch), hex(code)
    assert not HAS_DIGIT.search("no digits here, only words")


def test_caseless_folds_what_ignorecase_joins():
    assert caseless("KIMLIK") == "kimlik"
    assert caseless("kımlık") == "kimlik"  # dotless i: IGNORECASE matches it with i
    assert caseless("İstanbul") is None  # lowering changes the length: no pre-check
    assert words_of("Snap: coolkid22, ул. Мира 12") == frozenset({"snap", "coolkid", "ул", "мира"})


@pytest.mark.parametrize(
    "text",
    [
        "Calle Mayor 12, te espero",
        "CALLE MAYOR 12",
        "ul. Brzozowej 14/3",
        "Çınar Sokak No:14",
        "come to Granlia 7B",
        "my address: Lindenweg 12",
        "snap: coolkid22",
        "SNAPCHAT coolkid22",
        "add me on snapie coolkid_22",
        "微信: wxid_abcdef123",
        "mi DNI es 12345678Z",
        "TC KIMLIK NO: 10000000146",
        "john at gmail dot com",
        "john (at) gmail (dot) com",
        "zero seven nine one one two three four five six",
        "п'ять п'ять п'ять два два два один",
        "call me 07911 123456",
        "mtaa wa Moi",
    ],
)
def test_found_as_before(text):
    folded = Folded(text)
    found = find_pii(folded, regions_for(None), street=True) + find_pii(Folded(text), regions_for(None))
    assert found, text


def test_detectors_skip_text_without_their_kind():
    assert pii_address.find_addresses("We read page 12 of the book") == []
    assert pii_contacts.find_handles("The line is 12 metres long") == []
    assert pii_numbers.find_id_numbers("Order 12345678 ships today") == []
    assert pii_numbers.find_spelled_phones("one two three four five six seven") == []  # counting
