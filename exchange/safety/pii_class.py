"""A child's name with their class: "my name is tom baker, year 7 at st mary's".

``pii_school`` wants a capitalised full name and a school's name. Children write names in
lower case and name the class more often than the school ("6B", "year 7", "5ºB", "CM2",
"6а класс", "darasa la sita", "五年级三班", "5年2組"). Here: a naming phrase ("my name is",
"me llamo", "je m'appelle", "ich heiße", "mi chiamo", "me chamo", "меня зовут", "اسمي",
"mera naam", "jina langu ni", "我叫"), a name of two words, and a class within a short
stretch of it, in one message. A first name alone with a class ("I'm Sam from 6B") is how
pupils greet a partner class and passes. In Japanese, a school with year and class joined
by "の" ("さくら小学校の5年2組") is also read.
"""

from __future__ import annotations

import re

from .pii_gates import contains_any

Found = tuple[str, int, tuple[int, int], str]  # category, severity, span, rule

_NAMING = (
    r"my name is|my name's|my full name is|me llamo|mi nombre es|je m['’]appelle|mon nom est|ich hei(?:ß|ss)e|"
    r"mein name ist|mi chiamo|il mio nome è|me chamo|meu nome é|меня зовут|моё имя|мое имя|"
    r"mera naam|mera nam|meri naam|jina langu ni|naitwa|i am called|i'm called"
)
# Every naming phrase holds one of these (lower case): a substring test before the regex.
_NAMING_KEYS = (
    "name",
    "llamo",
    "nombre",
    "appelle",
    "nom ",
    "hei",
    "chiamo",
    "nome",
    "chamo",
    "зовут",
    "имя",
    "naam",
    "nam ",
    "jina",
    "naitwa",
    "called",
    "اسمي",
    "我叫",
    "私は",
    "僕は",
    "मेरा नाम",
)
_HAS_NAMING_KEY = contains_any(_NAMING_KEYS)
_NAME_WORD = r"[^\W\d_][^\W\d_'’\-]{1,20}"
_NAMED = re.compile(rf"(?i)(?<![^\W\d_])(?:{_NAMING})\s*[,:]?\s+({_NAME_WORD})\s+({_NAME_WORD})")
_UNCASED_NAMED = re.compile(
    r"(?:اسمي|我叫|私は|僕は|मेरा नाम)\s*([\u0600-\u06ff\u0900-\u097f\u4e00-\u9fff]{2,}(?:\s+[\u0600-\u06ff\u0900-\u097f]{2,})?)"
)
# Words that end a name: "my name is tom and ...", "me llamo ana y ..."
_NOT_SURNAME = frozenset(
    "and but i im i'm my from in at of the a is am was y e et und und o ou oder и а в из ni na wa hai hu "
    "aur se ka ki ke class year grade form tengo j'ai ich bin sono sou soy je suis".split()
)
_CLASS = re.compile(
    r"(?i)(?<![^\W\d_])(?:year|yr|grade|class|form|std|standard|klasse|clase|classe|turma|sala|curso|"
    r"darasa|kidato|कक्षा|класс[а-я]*|الصف|صف)\s*[:.]?\s*(?:\d{1,2}|[ivx]{1,4}|la \w+|[^\x00-\x7f\s]+)"
    r"(?:\s?[a-zA-Zа-яА-Я](?![^\W\d_]))?"
    r"|(?<![\w/.:])(?-i:\d{1,2}\s?[º°ª]?\s?[A-FА-Г]|\d{1,2}[а-г])(?![^\W\d_])"
    r"|(?<![^\W\d_])(?:CM[12]|CE[12]|CP|[3-6](?:e|ème))(?![^\W\d_])"
    r"|\d{1,2}\s?[ºª°]\s?(?:ano|año|anno|curso)"
    r"|\d{1,2}\.\s?Klasse"
    r"|[\d一二三四五六七八九]{1,2}\s*年级\s*[\d一二三四五六七八九十]{1,2}\s*班"
    r"|[\d０-９一二三四五六七八九]{1,2}\s*年\s*[\d０-９一二三四五六七八九十]{1,2}\s*(?:組|组|班)"
)
_REACH = 80
# Japanese and Chinese: a school, "の"/"的", then year and class.
_SCHOOL_NO_CLASS = re.compile(
    r"[\u4e00-\u9fff\u3040-\u30ff]{1,10}?(?:小学校|中学校|高等学校|高校|学校|小学|中学)\s*[のの的]\s*"
    r"[\d０-９一二三四五六七八九]{1,2}\s*(?:年生?|年级)\s*[\d０-９一二三四五六七八九十]{1,2}\s*(?:組|组|班)"
)
_TEACHER_VOICE = re.compile(
    r"(?i)(?<![^\W\d_])(?:mr|mrs|ms|miss|teacher|teach|teaching|sir|enseño|j['’]enseigne|unterrichte|insegno|ensino|преподаю|учитель\w*|mwalimu|madame|mme|frau|herr|prof\w*|señor\w*|maestr\w*)(?![^\W\d_])"
)


def find_name_class(text: str) -> list[Found]:
    """A name of two words and a class in one message (``text``: visible form)."""
    found: list[Found] = []
    if re.search(r"[小中高]学|学校", text):
        found += [("pii_location", 3, m.span(), "pii:name_school") for m in _SCHOOL_NO_CLASS.finditer(text)]
    lower = text.lower()
    if not _HAS_NAMING_KEY(lower):
        return found
    names = [
        m
        for m in _NAMED.finditer(text)
        if m.group(2).lower() not in _NOT_SURNAME and m.group(1).lower() not in _NOT_SURNAME
    ]
    names += list(_UNCASED_NAMED.finditer(text))
    if not names or _TEACHER_VOICE.search(text):
        return found
    for m in names:
        lo, hi = max(0, m.start() - _REACH), min(len(text), m.end() + _REACH)
        c = _CLASS.search(text, lo, hi)
        if c is not None:
            found.append(("pii_location", 3, (min(m.start(1), c.start()), max(m.end(), c.end())), "pii:name_class"))
    return found
