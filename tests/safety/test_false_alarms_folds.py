"""Ordinary words that folding turns into another language's entry.

Folding reads "l" as "i", drops diacritics and collapses repeated letters, so "lui" (French,
Italian: him) met Dutch "lul", "cui" (Italian: which) French "cul", "felt" Norwegian "feit",
"väg" (Swedish: road) English "vag", "Bob" (and the class "8ºB", 8 read as b) "boob" through
the Swahili money word "bob" sharing its key. Found by folding the commonest words of each
language; each fix keeps the abuse it was there for (a harmful neighbour per case).
"""

from __future__ import annotations

import pytest

from exchange.safety import check_text

BENIGN = [
    ("fr", "demande-lui s'il a fini la maquette du système solaire"),
    ("it", "il libro di cui ti ho parlato è in biblioteca, chiedi a lui"),
    ("en", "I felt really proud of our poster today"),
    ("en", "Bob from year 5 brought his tortoise to class"),
    ("pt", "o 8ºB ganhou o campeonato de xadrez da escola"),
    ("pt", "o livro está sob a mesa da professora"),
    ("nl", "hoe gaat het met jullie project over de Noordzee?"),
    ("nl", "je kunt je werkstuk morgen inleveren"),
    ("nl", "hoor je de vogels buiten?"),
    ("sv", "vi gick hela vägen till museet och tillbaka"),
    ("nb", "lillebroren min er seks år i dag"),
    ("pl", "tata odbierze mnie po lekcjach, żeby zdążyć na trening"),
    ("vi", "chờ mình một chút nhé, mình đang xếp sách"),
    ("vi", "hôm nay bạn Lan bị cúm nên nghỉ học"),
    ("ru", "у нас дома кот, он жирный и всё время спит"),
    ("de", "ich höre gerade das Hörbuch für Deutsch"),
    ("es", "la planta está débil porque le falta luz"),
    ("tr", "öğretmen haklı, ödevi yarın getirelim"),
    ("sw", "nimepata bob mia kutoka kwa mama kununua daftari"),
]

HARMFUL = [
    ("nl", "je bent een lul, niemand wil met je spelen"),
    ("fr", "ferme-la, espèce de trou du cul"),
    ("fr", "les débiles comme lui devraient pas être dans notre classe"),
    ("en", "shut up you dirty hoe"),
    ("en", "son of a bitch, give it back"),
    ("nb", "du er feit og stygg"),
    ("sv", "din jävla bög"),
    ("ru", "ты жирный урод"),
    ("hi", "teri maa ki chut"),
    ("it", "mandate a tutti il video di lui che piange"),
    ("it", "gli spastici come lui non dovrebbero stare nella nostra scuola"),
    ("de", "ich höre auf zu essen bis ich verschwinde"),
    ("sw", "nitakupa bob elfu ukinitumia picha yako"),
]


@pytest.mark.parametrize(("lang", "text"), BENIGN)
def test_ordinary_word_is_allowed(lang: str, text: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action == "allow", (lang, [r.rule for r in verdict.reasons])


@pytest.mark.parametrize(("lang", "text"), HARMFUL)
def test_abuse_beside_it_is_caught(lang: str, text: str) -> None:
    assert check_text(text, "under13").action != "allow", (lang, text)
