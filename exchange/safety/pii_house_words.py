"""House numbers written as words: "Amselweg nummer zweiunddreißig", "via Roma numero trentadue".

A child who has seen digits masked spells the number out. A run of number words is read as a
house number only where a house number stands: right after a number marker ("number", "no.",
"Nr.", "Hausnummer", "numero", "número", "au", "дом", "квартира", "رقم", "namba", "नंबर",
"संख्या"), or closing the clause right after a name ("Tulpenstraße neunzehn!"). The address
patterns then run on a view of the text where that run is the digit 7 padded with spaces: the
view keeps the text's length, so a span found in it is a span of the text, stretched to the
run's end. "page twenty", "we were two", "ich habe zwei Brüder" have no marker and are not
read. Chinese and Japanese numerals are read by the address patterns themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .pii_home import institutional

Found = tuple[str, int, tuple[int, int], str]  # category, severity, span, rule

_UNITS_DE = "ein zwei drei vier fünf sechs sieben acht neun".split()
_TENS_DE = "zwanzig dreißig dreissig vierzig fünfzig sechzig siebzig achtzig neunzig".split()
_IT_TENS = "venti trenta quaranta cinquanta sessanta settanta ottanta novanta".split()
_IT_UNITS = "uno due tre tré quattro cinque sei sette otto nove".split()
_WORDS = frozenset(
    """
    two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn
    achtzehn neunzehn hundert
    deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt vingts trente
    quarante cinquante soixante cent
    dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis dieciseis
    diecisiete dieciocho diecinueve veinte veintiuno veintidós veintidos veintitrés veintitres veinticuatro
    veinticinco veintiséis veintiseis veintisiete veintiocho veintinueve treinta cuarenta cincuenta sesenta
    setenta ochenta noventa cien ciento doscientos trescientos
    dois duas três sete oito nove dez onze doze treze quatorze dezesseis dezasseis dezessete dezassete
    dezoito dezenove dezanove vinte trinta quarenta sessenta oitenta cem duzentos trezentos
    undici dodici tredici quattordici quindici sedici diciassette diciotto diciannove cento
    два две три четыре пять шесть семь восемь девять десять одиннадцать двенадцать тринадцать
    четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать двадцать тридцать сорок
    пятьдесят шестьдесят семьдесят восемьдесят девяносто сто двести триста
    mbili tatu nne tano sita saba nane tisa kumi ishirini thelathini arobaini hamsini sitini sabini
    themanini tisini mia
    दो तीन चार पाँच पांच छह छः सात आठ नौ दस ग्यारह बारह तेरह चौदह पंद्रह सोलह सत्रह अठारह उन्नीस बीस
    इक्कीस बाईस तेईस चौबीस पच्चीस छब्बीस सत्ताईस अट्ठाईस उनतीस तीस चालीस पचास साठ सत्तर अस्सी नब्बे सौ
    ikkis ikkees baees bais teis tees chaubis chaubees pachchis pachis pachees chhabbis sattais athais
    untis chalis pachas saath sattar assi nabbe
    اثنين اثنان ثلاثة ثلاث أربعة اربعة أربع اربع خمسة خمس ستة ست سبعة سبع ثمانية ثمان تسعة تسع عشرة عشر
    عشرين عشرون ثلاثين أربعين اربعين خمسين ستين سبعين ثمانين تسعين مية مئة مائة
    """.split()
    + [u + "und" + t for u in _UNITS_DE for t in _TENS_DE]
    + _TENS_DE
    + _IT_TENS
    + [t[:-1] + u if u[0] in "uo" else t + u for t in _IT_TENS for u in _IT_UNITS]
    + ["و" + w for w in "عشرين ثلاثين أربعين اربعين خمسين ستين سبعين ثمانين تسعين".split()]
)
# words that only join two number words: "twenty and one", "vingt et un", "vinte e sete", "mia na tano"
_JOINERS = frozenset("and und et y e na".split())
_ONES = frozenset("one un une uno um uma moja один одна".split())  # only after a number word: "forty one"
_IN_RUN = _WORDS | _ONES
# the word before a house number
_MARKERS = frozenset(
    """
    number no nr nummer hausnummer numéro numero número num nº n° au house flat apt apartment casa
    дом д квартира кв номер رقم namba nambari नंबर संख्या नं
    """.split()
)
_BETWEEN_WORDS = r"\s,;:!?()\[\]\"'«»“”،؛.\-–—"  # what separates the words of a message
_TOKEN = re.compile(rf"[^{_BETWEEN_WORDS}]+")
_SEPARATORS = re.compile(rf"[{_BETWEEN_WORDS}]+")
_GAP = re.compile(r"[\s\-–]*")  # "vingt-sept", "twenty seven": no comma inside one number
_CLAUSE_END = re.compile(r"\s*(?:$|[,;:!?.\n]|\s-\s)")


def house_number_view(text: str) -> tuple[str, list[tuple[int, int]]] | None:
    """The text with each house number in words as "7" and spaces, and the spans replaced; None if none."""
    lower = text.lower()
    if len(lower) != len(text):  # "İ" lowers to two characters: keep the offsets of the text
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    if _WORDS.isdisjoint(_SEPARATORS.split(lower)):  # most messages: no number word at all
        return None
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(lower)]
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if tokens[i][2] not in _WORDS:
            i += 1
            continue
        j = i
        while True:
            joined = j + 1 < len(tokens) and _GAP.fullmatch(lower, tokens[j][1], tokens[j + 1][0]) is not None
            following = tokens[j + 1][2] if joined else ""
            if following in _IN_RUN:
                j += 1
            elif following in _JOINERS and j + 2 < len(tokens) and tokens[j + 2][2] in _IN_RUN:
                j += 2
            else:
                break
        start, end = tokens[i][0], tokens[j][1]
        before = lower[:start].rstrip().rsplit(None, 1)
        marked = bool(before) and (before[-1] in _MARKERS or before[-1].rstrip(".:") in _MARKERS)
        if marked or (i > 0 and _CLAUSE_END.match(lower, end) is not None):
            runs.append((start, end))
        i = j + 1
    if not runs:
        return None
    view = text
    for start, end in runs:
        view = view[:start] + "7" + " " * (end - start - 1) + view[end:]
    return view, runs


def find_house_numbers_in_words(text: str, addresses: Callable[[str], list[Found]]) -> list[Found]:
    """Addresses whose house number is written in words, found by ``addresses`` on the digit view.

    As for digits, an institution's address named in an announcement is not a child's home.
    """
    numbered = house_number_view(text)
    if numbered is None:
        return []
    view, runs = numbered
    found = []
    for category, severity, (start, end), rule in addresses(view):
        for run_start, run_end in runs:
            if start <= run_start < end and not institutional(text, (start, end)):
                found.append((category, severity, (start, max(end, run_end)), rule + "_in_words"))
                break
    return found
