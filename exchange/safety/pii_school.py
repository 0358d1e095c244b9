"""A child's full name together with their school: "I'm <Name> <Surname> from <X> school".

Either alone is common and harmless ("hi I'm Maisie", "our school won the cup"); together
they tell a stranger where to find one child. Shapes found:

- a self-introduction of the language ("I'm", "ich heiße", "je m'appelle", "меня зовут",
  "mimi ni", "أنا", "मैं"...), then a full name (two or more capitalised words, with
  particles such as "van", "de", "da"; two words of a script without case), then within a
  short stretch a school word ("Primary", "Gymnasium", "colegio", "koulusta", "ortaokulu",
  "школа", "SDN", "THCS"...), found as a part of a word too ("Björkskolan", "Grundschule");
- Chinese, Japanese and Korean: a school's name followed by its year and class
  ("阳光小学六年级二班", "桜小学校6年2組", "햇살초등학교 6학년 2반").

Not personal data: a teacher introducing themselves ("I'm Mrs Lane from Brookfield
Primary", "je suis la prof de 6e B"): an honorific or a teacher word in the message, or an
announcement to a class ("皆さん", "同学们", "여러분"), turns the shape off.
"""

from __future__ import annotations

import re

Found = tuple[str, int, tuple[int, int], str]  # category, severity, span, rule

_INTRO = (
    r"i['’]?m|i am|my name is|my name['’]s|my full name is|"
    r"ich bin|ich hei(?:ß|ss)e|mein name ist|"
    r"soy|me llamo|mi nombre es|"
    r"je m['’]appelle|je suis|moi c['’]est|mon nom (?:est|c['’]est)|"
    r"oon|olen|nimeni on|mun nimi on|"
    r"main|mai|mera naam|mera nam|mera naam hai|"
    r"aku|saya|namaku|nama(?:ku| saya| aku) (?:adalah )?|"
    r"sono|mi chiamo|il mio nome è|"
    r"jeg heter|jeg er|eg heiter|eg er|mitt navn er|"
    r"ik ben|ik heet|mijn naam is|"
    r"jestem|nazywam się|nazywam sie|mam na imię|mam na imie|"
    r"sou|me chamo|chamo-me|meu nome é|"
    r"jag heter|jag är|mitt namn är|"
    r"mimi ni|naitwa|jina langu ni|"
    r"ben|benim adım|adım|ismim|"
    r"mình là|mình tên|tôi là|tôi tên|em là|em tên|tớ là|tớ tên|"
    r"я|меня зовут|мене звати|мене звуть|моё имя|мое имя|моє ім['’]я"
)
_ARTICLE = r"(?:(?:a|o|la|el|il|lo)\s+)?"
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ſƠƯẠ-ỸА-ЯЁІЇЄҐ]"
_NAME_WORD = rf"{_CAP}[^\W\d_]*(?:['’\-]{_CAP}?[^\W\d_]+)*"
_PARTICLE = r"(?:(?:van|von|de|der|den|da|das|do|dos|del|della|di|du|le|la|ten|ter|bin|binti|al|el)\s+){0,2}"
# the intro (word start), the full name: a capitalised word and one to three more
_LATIN_NAME = re.compile(
    rf"(?i:(?<![^\W\d_])(?:{_INTRO}))\s*[,:]?\s+{_ARTICLE}({_NAME_WORD}(?:\s+{_PARTICLE}{_NAME_WORD}){{1,3}})"
)
# scripts without case: two words after the intro, which must not be everyday words
_UNCASED_NAME = re.compile(
    r"(?<![^\W\d_])(?:أنا|انا|اسمي|मैं|मेरा नाम)\s+([\u0600-\u06ff\u0900-\u097f]{2,}\s+[\u0600-\u06ff\u0900-\u097f]{2,})"
)
_UNCASED_INTROS = ("أنا", "انا", "اسمي", "मैं", "मेरा नाम")
# Necessary for a full name in Latin or Cyrillic letters: two capitalised words, maybe with
# particles between (a cheap search tried first).
_NAME_PAIR = re.compile(rf"{_CAP}\S*\s+(?:\S+\s+){{0,2}}{_CAP}")
_UNCASED_STOP = frozenset(
    "في من على الى إلى طالب طالبة تلميذ تلميذة معلم معلمة مدرس مدرسة أستاذ استاذ هنا جديد جديدة الصف صف "
    "ميت ميتة تعبان تعبانة تعب مبسوط مبسوطة زهقان زهقانة جوعان جوعانة نعسان نعسانة مريض مريضة "  # "I'm dead tired"
    "हूँ हूं भी तो है में का की के को ने से पर और कल आज अभी कक्षा स्कूल छात्र छात्रा पढ़ता पढ़ती नया नई शिक्षक "
    "अध्यापक यहाँ सोमवार मंगलवार बुधवार गुरुवार शुक्रवार शनिवार रविवार".split()
)
# a school: a word of the language, or part of a compound ("Björkskolan", "Grundschule")
_SCHOOL_STEMS = (
    "school",
    "primary",
    "academy",
    "college",
    "schule",
    "gymnasium",
    "colegio",
    "instituto",
    "escuela",
    "collège",
    "école",
    "ecole",
    "lycée",
    "koulu",
    "ala-aste",
    "yläaste",
    "lukio",
    "vidyalaya",
    "विद्यालय",
    "विद्या मंदिर",
    "स्कूल",
    "sekolah",
    "scuola",
    "primaria",
    "liceo",
    "istituto",
    "skol",
    "skole",
    "skule",
    "basisschool",
    "lyceum",
    "szkoł",
    "szkol",
    "liceum",
    "escola",
    "colégio",
    "школ",
    "гимнази",
    "лицей",
    "лицея",
    "лицее",
    "лицею",
    "ліце",
    "гімназі",
    "shule",
    "okul",
    "lisesi",
    "trường",
    "tiểu học",
    "مدرسة",
    "المدرسة",
)
_SCHOOL_STEM_RE = re.compile("|".join(map(re.escape, _SCHOOL_STEMS)))  # one search, not one per stem
# school abbreviations, as written (upper case)
_SCHOOL_ABBREVIATIONS = re.compile(
    r"(?<![^\W\d_])(?:IES|CEIP|CEIPS|SDN?|SMPN?|SMAN?|SMKN?|MTsN?|SP|DPS|KV|THCS|THPT|EMEF|EMEI|E\.E\.|СОШ|ЗОШ)(?![^\W\d_])"
)
_TEACHER = re.compile(
    r"(?i)(?<![^\W\d_])(?:mr|mrs|ms|miss|dr|sir|teacher|head ?teacher|principal|frau|herr|lehrer\w*|"
    r"mme|madame|monsieur|prof\w*|maître\w*|maitre\w*|sr|sra|señor\w*|señora|maestr\w*|insegnante|signor\w*|"
    r"opettaja\w*|lærer\w*|lärare\w*|leraar|lerares|juf|meester|pan|pani|nauczyciel\w*|"
    r"учител\w*|вчител\w*|mwalimu|öğretmen\w*|hoca\w*|giáo viên|thầy|cô giáo|guru|ustaz\w*|pak|bu|"
    r"शिक्षक|अध्यापक|معلم\w*|أستاذ\w*|استاذ\w*)(?![^\W\d_])"
)
_WINDOW = 110  # characters after the name in which the school is named

# Chinese, Japanese, Korean: a school's name, then year and class ("桜木小学校5年2組"); "大阪の小学校",
# "北京的小学" are a school somewhere, no name
_CJK_SCHOOL_CLASS = re.compile(
    r"(?<![の的])(?:(?![の的])[\u4e00-\u9fff\u3040-\u30ff]){1,10}?(?:小学校|中学校|高等学校|高校|学校|小学|中学|初中|高中|附小|附中)\s*"
    r"(?:[\d０-９一二三四五六七八九]{1,2}\s*(?:年级|年|年生)\s*[\d０-９一二三四五六七八九十]{0,2}\s*(?:班|組|组)?"
    r"|初[一二三]\s*[(（]?[\d一二三四五六七八九十]{1,2}[)）]?\s*班|高[一二三]\s*[(（]?[\d一二三四五六七八九十]{1,2}[)）]?\s*班)"
    r"|[가-힣]{1,10}(?:초등학교|중학교|고등학교|학교)\s*\d{1,2}\s*학년\s*\d{1,2}\s*반"
)
_CJK_GATE = ("小学", "中学", "学校", "初中", "高中", "高校", "학교")
_CJK_ANNOUNCEMENT = re.compile(
    r"先生|老师|老師|校长|同学们|家长|各位|大家|皆さん|みなさん|みんな|保護者|各位|선생님|여러분|학부모|교장|안내"
)


def _has_school(text: str, start: int, end: int) -> bool:
    window = text[start:end]
    lower = window.lower()
    if not (_SCHOOL_STEM_RE.search(lower) is not None or _SCHOOL_ABBREVIATIONS.search(window) is not None):
        return False
    return _mentions_school(window)  # again without "after school"


def _school_in_name(name: str) -> bool:
    """The first two words of the "name" already name a school ("I'm Greenvale Academy")."""
    return _has_school(" ".join(name.split()[:2]), 0, len(name))


def find_name_school(text: str, lower: str | None = None) -> list[Found]:
    """A full name given together with a school (``text``: the visible form of a message)."""
    found: list[Found] = []
    lower = text.lower() if lower is None else lower
    if any(mark in text for mark in _CJK_GATE):
        if not _CJK_ANNOUNCEMENT.search(text):
            found += [("pii_location", 3, m.span(), "pii:name_school") for m in _CJK_SCHOOL_CLASS.finditer(text)]
    latin = _NAME_PAIR.search(text) is not None
    uncased = any(intro in text for intro in _UNCASED_INTROS)
    if not (latin or uncased):
        return found
    if not (_SCHOOL_STEM_RE.search(lower) is not None or _SCHOOL_ABBREVIATIONS.search(text)):
        return found
    if _TEACHER.search(text):
        return found
    for m in _LATIN_NAME.finditer(text) if latin else ():
        name = m.group(1)
        if _school_in_name(name) or not _has_school(text, m.start(1), m.end(1) + _WINDOW):
            continue
        found.append(("pii_location", 3, _school_span(text, m.start(1)), "pii:name_school"))
    for m in _UNCASED_NAME.finditer(text) if uncased else ():
        if any(w in _UNCASED_STOP for w in m.group(1).split()):
            continue
        if _has_school(text, m.end(1), m.end(1) + _WINDOW):
            found.append(("pii_location", 3, _school_span(text, m.start(1)), "pii:name_school"))
    return found


def _school_span(text: str, start: int) -> tuple[int, int]:
    """From the name to the end of the sentence (at most the window past the name)."""
    end = min(len(text), start + 60 + _WINDOW)
    stop = re.compile(r"[.!?\n](?:\s|$)").search(text, start, end)
    return (start, stop.start() if stop else end)


_CJK_SCHOOL_STEMS = ("学校", "小学", "中学", "학교")
# "after school" names no school
_AFTER_SCHOOL = re.compile(
    r"(?i)after school|nach der schule|después de clase|après l'école|koulun jälkeen|school ke baad|"
    r"pulang sekolah|dopo scuola|etter skolen|na school|po szkole|после школы|після школи|efter skolan|"
    r"baada ya shule|okuldan sonra|स्कूल के बाद|放学后|放課後|방과 후|بعد المدرسة"
)


def _mentions_school(window: str) -> bool:
    window = _AFTER_SCHOOL.sub(" ", window)
    lower = window.lower()
    return (
        _SCHOOL_STEM_RE.search(lower) is not None
        or any(stem in window for stem in _CJK_SCHOOL_STEMS)
        or _SCHOOL_ABBREVIATIONS.search(window) is not None
    )
