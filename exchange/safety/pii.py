"""Spot contact details and precise locations so a student cannot hand them out.

Phone numbers of every region are validated with the phonenumbers library, in international form and in
the national forms of the regions that the room's languages suggest. Numbers that classroom talk is full of
(years, dates, times, scores, counting, thousands) are ruled out before phonenumbers is asked, which also
keeps the common case cheap. The other detectors are regular expressions over the original text, plus a few
over the folded skeleton for spelled-out evasions ("john at gmail dot com").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import phonenumbers

from .normalize import Folded, fold_plain
from .pii_address import find_addresses
from .pii_cards import find_cards_said, find_katakana_phones, has_symbol_between_digits, symbols_as_spaces
from .pii_class import find_name_class
from .pii_contacts import find_emails, find_handles, personal_emails
from .pii_gates import CJK_NUMBERED, HAS_DIGIT, any_word, caseless, heads
from .pii_handles import find_handles_near
from .pii_home import find_home_addresses
from .pii_house_words import find_house_numbers_in_words
from .pii_lookalike import (
    collapsed_view,
    contact_view,
    find_half_phone,
    find_split_phone,
    digits_view as lookalike_digits,
)
from .pii_meeting import find_meetings
from .pii_ordinary import digit_count, digits_of, looks_like_ordinary_number, ruled_out_here
from .pii_numbers import KEYCAP, PHONE_CUE, find_bank, find_id_numbers, find_keycap_phones, find_spelled_phones
from .pii_personal import find_personal
from .pii_public import public
from .pii_routine import find_routines, find_ways_in
from .pii_school import find_name_school
from .pii_spelled import spelled_phone_spans
from .pii_units import find_home_by_landmarks, find_keycap_addresses, find_units

Found = tuple[str, int, tuple[int, int], str]  # category, severity, span, rule
__all__ = ["find_pii", "regions_for", "spelled_phone_spans"]

# Regions tried for national-format numbers, by room language.
LANGUAGE_REGIONS = {
    "en": ("US", "GB", "IN", "NG", "KE", "AU", "CA", "ZA", "IE", "NZ", "PH", "SG"),
    "es": ("ES", "MX", "AR", "CO", "CL", "PE", "US"),
    "fr": ("FR", "BE", "CH", "CA", "SN", "CI", "MA"),
    "pt": ("BR", "PT", "AO", "MZ"),
    "de": ("DE", "AT", "CH"),
    "ar": ("EG", "SA", "AE", "MA", "JO", "DZ", "IQ", "LB"),
    "hi": ("IN",),
    "ru": ("RU", "KZ", "BY", "UA"),
    "zh": ("CN", "TW", "HK", "SG"),
    "ja": ("JP",),
    "sw": ("KE", "TZ", "UG"),
    "id": ("ID", "MY"),
}
DEFAULT_REGIONS = tuple(dict.fromkeys(r for regions in LANGUAGE_REGIONS.values() for r in regions))

_SEPARATORS = r"[ \u00a0().\-/\u30fc\uff0d]"  # and ー/－ ("０９０ー1234"); not letters or a decimal ("3,14159")
_PHONE_CANDIDATE = re.compile(
    rf"(?<![0-9A-Za-z+])(?<!\d[.,])(?:\+|00)?\(?\d(?:{_SEPARATORS}{{0,3}}\d){{6,16}}(?![0-9A-Za-z])"
)
_MANY_DIGITS = re.compile(r"(?:\d\D{0,3}){7}")
_MAX_VALIDATED = 20  # phonenumbers takes ~30 µs a region; a message rarely holds more numbers


def regions_for(languages: Iterable[str] | None) -> tuple[str, ...]:
    """Regions whose national number formats are tried, most likely first."""
    if not languages:
        return DEFAULT_REGIONS
    chosen = [r for lang in languages for r in LANGUAGE_REGIONS.get(lang, ())]
    return tuple(dict.fromkeys(chosen + ["US", "GB"]))


def find_phones(text: str, regions: tuple[str, ...]) -> list[Found]:
    """Valid phone numbers, international ("+44 ...", "0044 ...") or national."""
    if not _MANY_DIGITS.search(text):
        return []
    found = []
    validated = 0
    cue: bool | None = None
    for m in _PHONE_CANDIDATE.finditer(text):
        candidate = m.group()
        if cue is None:
            cue = bool(PHONE_CUE.search(text))
        if ruled_out_here(text, m.start(), m.end(), cue):
            continue  # an order number, "149 600 000 km du Soleil", "2^32 = 4294967296": a reference, a quantity, a sum
        if looks_like_ordinary_number(candidate):
            if cue is None:
                cue = bool(PHONE_CUE.search(text))
            if not cue or looks_like_ordinary_number(candidate, cue=True) or not _cue_length(candidate):
                continue
        validated += 1
        if validated > _MAX_VALIDATED:
            # a wall of numbers: past this many, long digit runs count as phones unchecked
            if digit_count(candidate) >= 9:
                found.append(("pii_phone", 3, m.span(), "pii:phone_unchecked"))
            continue
        international = candidate.startswith(("+", "00"))
        attempts = (
            [(("+" + candidate[2:]) if candidate.startswith("00") else candidate, None)]
            if international
            else [(candidate, r) for r in _regions_that_may_fit(candidate, regions)]
        )
        parsed = None
        for number, region in attempts:
            try:
                parsed = phonenumbers.parse(number, region)
            except phonenumbers.NumberParseException:
                continue
            if phonenumbers.is_valid_number(parsed):
                found.append(("pii_phone", 3, m.span(), "pii:phone"))
                break
        else:
            if international and parsed is not None and phonenumbers.is_possible_number(parsed):
                # "+44 7700 900123": a country code and the right length, in a range not handed out
                found.append(("pii_phone", 3, m.span(), "pii:phone_possible"))
                continue
            if cue is None:
                cue = bool(PHONE_CUE.search(text))
            if cue and _cue_length(candidate):
                found.append(("pii_phone", 3, m.span(), "pii:phone_cue"))
    return found


class _RegionShape:
    """What phonenumbers reads in a region's national numbers, to rule a candidate out cheaply."""

    def __init__(self, region: str):
        meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
        self.usable = meta is not None
        if meta is None:
            return
        self.country_code = str(meta.country_code)
        self.idd = re.compile(meta.international_prefix) if meta.international_prefix else None
        self.prefix = re.compile(meta.national_prefix_for_parsing) if meta.national_prefix_for_parsing else None
        self.transform = meta.national_prefix_transform_rule or None
        # lengths and patterns of every region sharing the country code: a number is
        # validated against whichever of them it belongs to
        lengths: set[int] = set()
        patterns = []
        for other in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(meta.country_code or 0, (region,)):
            desc = (phonenumbers.PhoneMetadata.metadata_for_region(other) or meta).general_desc
            if desc is None or not desc.national_number_pattern or not desc.possible_length:
                self.usable = False
                return
            lengths.update(desc.possible_length)
            lengths.update(desc.possible_length_local_only or ())
            patterns.append(f"(?:{desc.national_number_pattern})")
        self.lengths = frozenset(lengths)
        self.pattern = re.compile("|".join(patterns))

    def _stripped(self, number: str) -> set[str]:
        """The number with and without its national prefix (or as the prefix rule rewrites it)."""
        out = {number}
        m = self.prefix.match(number) if self.prefix else None
        if m is not None and self.prefix is not None:
            out.add(number[m.end() :])
            if self.transform:
                out.add(self.prefix.sub(self.transform, number, count=1))
        return out

    def may_fit(self, digits: str, memo: dict[tuple[str, object, object], set[str]] | None = None) -> bool:
        """False only when no national number phonenumbers could read from the digits is valid.

        ``memo`` keeps the readings of the digits across regions that read them alike
        (the same national prefix rule, the country code not starting the digits).
        """
        if not self.usable or (self.idd is not None and self.idd.match(digits)):
            return True
        with_code = digits.startswith(self.country_code)
        key = (self.country_code if with_code else "", self.prefix, self.transform)
        readings = memo.get(key) if memo is not None else None
        if readings is None:
            readings = {digits}
            if with_code:
                readings.add(digits[len(self.country_code) :])
            for _ in range(2):  # the country code path and parse() each strip a prefix once
                readings = {s for r in readings for s in self._stripped(r)}
            if memo is not None:
                memo[key] = readings
        lengths = self.lengths
        if len(readings) == 1:  # the common case, without a generator
            (reading,) = readings
            return len(reading) in lengths and self.pattern.fullmatch(reading) is not None
        return any(len(r) in lengths and self.pattern.fullmatch(r) for r in readings)


@lru_cache(maxsize=None)
def _region_shape(region: str) -> _RegionShape:
    return _RegionShape(region)


def _regions_that_may_fit(candidate: str, regions: tuple[str, ...]) -> list[str]:
    """The regions in which a national-format candidate could be a valid number.

    A cheap necessary test before phonenumbers (~60 µs a region): the national number
    phonenumbers validates is the candidate's digits, maybe without the country code and
    with the national prefix stripped or rewritten, so one of those readings must have a
    length and the national number pattern of the region's country code. Regions whose
    international prefix starts the digits are always kept. The verdict is the same as
    parsing in every region, only cheaper.
    """
    digits = digits_of(candidate)
    if not digits.isascii():
        return list(regions)
    memo: dict[tuple[str, object, object], set[str]] = {}
    return [region for region, shape in _shapes_of(regions) if shape.may_fit(digits, memo)]


@lru_cache(maxsize=64)
def _shapes_of(regions: tuple[str, ...]) -> tuple[tuple[str, _RegionShape], ...]:
    """The regions with their shapes, looked up once per tuple of regions."""
    return tuple((region, _region_shape(region)) for region in regions)


def _cue_length(candidate: str) -> bool:
    """Seven to twelve digits: a phone number's length, not an order or card number's."""
    return 7 <= digit_count(candidate) <= 12


EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b")
_MAIL_HOSTS = "|".join(
    fold_plain(h)
    for h in (  # matched on the skeleton, where "l" is "i"
        "gmail googlemail yahoo hotmail outlook icloud live aol mail proton protonmail gmx yandex qq"
    ).split()
)
_OPEN, _CLOSE = r"[\[({]", r"[\])}]"
_AT = r"(?:" + _OPEN + r"\s*(?:at|arroba)\s*" + _CLOSE + r"|\s(?:at|arroba)\s)"
_DOT = r"(?:dot|punto|point|ponto|punkt)"
_SPELLED_EMAIL = re.compile(
    r"(?<!\w)[\w.]+\s*" + _AT + r"\s*"
    r"(?:[\w-]+\s*" + _OPEN + r"\s*" + _DOT + r"\s*" + _CLOSE + r"|(?:" + _MAIL_HOSTS + r")\s*(?:" + _DOT + r"|\.))"
    r"\s*(?:com|net|org|edu|co|de|fr|es|br|ru|in|id|ke|jp|cn|uk)(?!\w)"
)
_AT_WORD = re.compile(r"\s(?:at|arroba)\s|" + _OPEN + r"\s*(?:at|arroba)")

_STRONG_PLATFORMS = (
    "snap|snapchat|insta|instagram|ig|tiktok|discord|telegram|kik|wechat|weixin|"
    "skype|roblox|twitch|whatsapp|threads|bluesky|fortnite|gamertag|"
    "سناب|سنابي|انستا|انستغرام|واتساب|تيليجرام|телеграм|инста|инстаграм|вотсап|ватсап|"
    "इंस्टा|व्हाट्सएप|微信|微信号|qq|ライン|インスタ|ラインid"
)
_WEAK_PLATFORMS = "line|steam|psn|xbox|fb|facebook|signal|twitter|tg|sc|epic|minecraft|vk"
# "snap: coolkid", "discord id = cool.kid#1234": found from the separator backwards, so
# the common case (no ":" or "=" in the text) costs one quick search.
_HANDLE_SEPARATOR = re.compile(r"[:=：＝→➡⇒]|->")
_PLATFORM_BEFORE = re.compile(
    rf"(?i)(?<!\w)(?:{_STRONG_PLATFORMS}|{_WEAK_PLATFORMS})\s*(?:id|name|username|user|handle|tag)?\s*$"
)
# The platform word before a separator stands alone, maybe with "id"/"name"... glued on.
_PLATFORM_BEFORE_WORDS = frozenset(
    h + tail
    for h in heads(f"{_STRONG_PLATFORMS}|{_WEAK_PLATFORMS}".split("|"))
    for tail in ("", "id", "name", "username", "user", "handle", "tag")
)
_HANDLE_AFTER = re.compile(r"\s*@?[\w.\-]{3,32}#?\d{0,4}")
_WEAK_WORDS = frozenset(_WEAK_PLATFORMS.split("|"))
_NEXT_WORD = re.compile(r"\s+[^\W\d_]")
_QUESTION_WORDS = frozenset(
    "wer was wie wo warum who what how where why which qui que quoi comment quién quien qué como dónde donde "
    "chi cosa come dove quem onde кто что как где".split()
)
_QUESTION_GOES_ON = re.compile(r"[^.!\n]{0,40}\?")


def _prose_after_weak(text: str, before: str, after: re.Match[str]) -> bool:
    """ "Minecraft: wer hat den Creeper reingelassen?": a plain word and a question after a game or a site
    that is also an ordinary word names a topic, not an account ("steam: coolkid_22" still does)."""
    words = before.split()
    return (
        bool(words)
        and words[0].lower() in _WEAK_WORDS
        and after.group().strip().lower() in _QUESTION_WORDS
        and _NEXT_WORD.match(text, after.end()) is not None
        and _QUESTION_GOES_ON.match(text, after.end()) is not None  # "xbox: wolfpup ist mein name" is an account
        and _PLATFORM_WORD.search(text) is None  # "steam: dragonslayer add me?"
    )


_AT_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_][\w.]{2,29}")
_PLATFORM_WORD = re.compile(rf"(?i)(?<!\w)(?:{_STRONG_PLATFORMS}|follow me|add me|dm me)(?!\w)")
_DISCORD_TAG = re.compile(r"(?<![\w#])[\w.]{2,32}#\d{4}(?!\w)")
_WECHAT_ID = re.compile(r"(?i)(?<!\w)wxid_[a-z0-9]{6,}")


def find_contacts(text: str, folded: Folded) -> list[Found]:
    """E-mail addresses, social-media handles and messaging ids."""
    found: list[Found] = []
    if "@" in text:
        found += personal_emails(EMAIL, text)
        emails = [f[2] for f in found]
        if _PLATFORM_WORD.search(text):
            for m in _AT_HANDLE.finditer(text):
                if not any(s <= m.start() < e for s, e in emails):
                    found.append(("pii_handle", 2, m.span(), "pii:at_handle"))
    skeleton = folded.skeleton
    if _AT_WORD.search(skeleton):
        for m in _SPELLED_EMAIL.finditer(skeleton):
            found.append(("pii_email", 3, folded.origin_span(*m.span()), "pii:email_spelled"))
    seps = _HANDLE_SEPARATOR.finditer(text) if any_word(text, _PLATFORM_BEFORE_WORDS) else ()
    for sep in seps:
        before = _PLATFORM_BEFORE.search(text, max(0, sep.start() - 40), sep.start())
        after = _HANDLE_AFTER.match(text, sep.end())
        if before and after and not _prose_after_weak(text, before.group(), after):
            found.append(("pii_handle", 2, (before.start(), after.end()), "pii:handle"))
    if "#" in text:
        found += [("pii_handle", 2, m.span(), "pii:discord_tag") for m in _DISCORD_TAG.finditer(text)]
    if "wxid_" in text.lower():
        found += [("pii_handle", 2, m.span(), "pii:wechat") for m in _WECHAT_ID.finditer(text)]
    return found


# Street addresses: a number with a street word, in the order each language writes it.
# Patterns keyed by street words run only when the lexicon saw such a word (cue_street).
_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ſ]"
_NAME = rf"{_CAP}[\w'.-]*"
_STREET_WORD_PATTERNS = [
    # 221B Baker Street, 12 Main St.
    rf"(?<!\w)\d{{1,5}}[A-Za-z]?,?\s+(?:{_NAME}\s+){{1,3}}(?i:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|court|ct|close|crescent|terrace|place|pl|square|sq|highway|hwy)\b\.?",
    # house no. 12, flat #4, apt 7 (Indian and international usage)
    r"(?i:(?<!\w)(?:house|flat|apartment|apt|plot|door)\.?\s*(?:no\.?|number|#)\s*\d{1,5})",
    # 12 rue de la Paix, 3 bis avenue Foch (not the year "52 av. J.-C.")
    r"(?i:(?<!\w)\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:rue|avenue|av\.(?!\s*J\.?\s*-?\s*C(?!\w))|boulevard|bd|chemin|allée|impasse|quai|route)\s+\w+)",
    # Calle Mayor 12, Avenida de Mayo nº 1234, Rua Augusta, 100, Jalan Sudirman No. 5
    rf"(?i:calle|c/|avenida|avda\.?|av\.|paseo|carrera|rua|travessa|alameda|praça|jl\.|jalan)\s+(?:(?i:de|del|la|las|los|el|da|do|das|dos)\s+)?{_NAME}(?:\s+{_NAME}){{0,3}},?\s*(?:(?i:n[º°o]?\.?|no\.?|nomor|número|#)\s*)?\d{{1,5}}(?!\w)",
    # ул. Ленина, д. 5 / улица Мира 12
    r"(?i:(?<!\w)(?:ул\.|улица|проспект|пр-т)\s*[\wё-]+(?:\s+[\wё-]+){0,2},?\s*(?:д\.|дом)?\s*\d{1,4}(?!\w))",
    # شارع الجامعة رقم 12
    r"شارع\s+\S+(?:\s+\S+){0,3}?\s+(?:رقم\s*)?\d{1,4}(?!\d)",
    # मकान नंबर 12, गली नं. 4
    r"(?:मकान|घर|गली|फ्लैट)\s*(?:नं\.?|नंबर|संख्या)\s*\d{1,5}",
    # nyumba namba 12, mtaa wa Moi
    r"(?i:(?<!\w)(?:nyumba\s+(?:namba|nambari|na\.)\s*\d{1,5}|mtaa\s+wa\s+\w+))",
]
STREET_ADDRESS = re.compile("|".join(f"(?:{p})" for p in _STREET_WORD_PATTERNS))
# Hauptstraße 5, Lindenweg 12a: the street word is a suffix the lexicon cannot see.
GERMAN_ADDRESS = re.compile(
    r"(?<!\w)[A-ZÄÖÜ][\wäöüß-]*(?:straße|strasse|str\.|weg|gasse|allee|platz|ring|damm)\s+\d{1,4}[a-z]?(?!\w)"
)
_ANY_DIGIT = re.compile(r"\d")
_GERMAN_SUFFIXES = ("str", "weg", "gasse", "allee", "platz", "ring", "damm")
# 长安街12号, 中山路100號; 渋谷区神南1-2-3, 3丁目4番地
CJK_ADDRESS = re.compile(
    r"(?:[\u4e00-\u9fff]{1,10}(?:路|街|道|巷|胡同)|门牌号?是?\s*)[\d一二三四五六七八九十百零]{1,6}[号號](?![线線])"
    r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})丁目\s*[\d一二三四五六七八九十百]{1,4}(?:番地?|-)\s*[\d一二三四五六七八九十百]{0,4}"
    r"|[\u4e00-\u9fff]{1,6}(?:区|町|市|村)[\u4e00-\u9fff]{0,6}\d{1,2}-\d{1,2}(?:-\d{1,3})?"
)
_CJK_ADDRESS_MARKS = ("号", "號", "丁目", "区", "町", "市", "村")
# UK postcodes (SW1A 1AA, M1 1AE): the digit comes first in the search, to skip ahead.
POSTCODE = re.compile(r"\d\s?\d[A-Z]{2}(?!\w)|\d[A-Z\d]\s?\d[A-Z]{2}(?!\w)")  # quick test
POSTCODE_FULL = re.compile(r"(?<![\w])[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}(?!\w)")
_ADDRESS_STOPWORDS = frozenset(
    "the a an of to and or in on at down up along across over from km miles mile metres meters "
    "more than about every each".split()
)

_COORD_DECIMAL = re.compile(
    r"(?<![\d.])([-+]?\d{1,2}\.(\d{3,}))\s*°?\s*([NS])?\s*[,;/]?\s*"
    r"(?:(?i:lon|lng|long|longitude)\.?\s*[:=]?\s*)?"
    r"([-+]?\d{1,3}\.(\d{3,}))\s*°?\s*([EW])?(?![\d.])"
)
_COORD_DMS = re.compile(r"\d{1,3}\s*°\s*\d{1,2}\s*['′]\s*(?:\d{1,2}(?:\.\d+)?\s*[\"″])?\s*[NSEWOnsewo]\b")
_COORD_GATE = re.compile(r"\.(?<=\d\.)\d{3}")
_GEO_CUE = re.compile(
    r"(?i)lat|lon|lng|gps|coord|location|ubicaci|standort|localisation|"
    r"localiza|координат|位置|座標|lokasi|mahali|موقع|स्थान"
)


def find_places(text: str, street: bool = False) -> list[Found]:
    """Street addresses and precise coordinates (``street``: the lexicon saw a street word)."""
    found: list[Found] = []
    lower = text.lower()
    # every street pattern holds a digit but "mtaa wa ..."
    street = street and (_ANY_DIGIT.search(text) is not None or "mtaa" in (caseless(text) or "mtaa"))
    matches = list(STREET_ADDRESS.finditer(text)) if street else []
    if any(suffix in lower for suffix in _GERMAN_SUFFIXES):
        matches += GERMAN_ADDRESS.finditer(text)
    if any(mark in text for mark in _CJK_ADDRESS_MARKS):
        matches += CJK_ADDRESS.finditer(text)
    if POSTCODE.search(text):
        matches += POSTCODE_FULL.finditer(text)
    for m in matches:
        words = {w.lower() for w in re.findall(r"[^\W\d_]+", m.group())}
        if words & _ADDRESS_STOPWORDS and m.group()[0].isdigit():
            continue  # "5 km down the road" is a distance, not an address
        found.append(("pii_address", 3, m.span(), "pii:address"))
    if _COORD_GATE.search(text):
        for m in _COORD_DECIMAL.finditer(text):
            lat, lat_decimals, ns, lon, lon_decimals, ew = m.groups()
            if abs(float(lat)) > 90 or abs(float(lon)) > 180:
                continue
            precise = len(lat_decimals) >= 5 and len(lon_decimals) >= 5
            if precise or ns or ew or _GEO_CUE.search(text):
                found.append(("pii_location", 3, m.span(), "pii:coordinates"))
    if "°" in text:
        found += [("pii_location", 3, m.span(), "pii:coordinates") for m in _COORD_DMS.finditer(text)]
    return found


_GATE_CHARS = re.compile(r"[\d@#:=：＝→➡⇒]|" + CJK_NUMBERED.pattern)  # and "十七号", "二丁目"
_GATE_BRACKETS = re.compile(r"[\[({](?:at|dot)")


def _gate(text: str) -> bool:
    """Could the text hold contact details at all: a digit or a CJK house number, @ # : =, " at "/" arroba ", "(at"/"[dot"."""
    return bool(
        _GATE_CHARS.search(text)
        or " at " in text
        or " arroba " in text
        or "_" in text  # "riku _ ito": a handle typed apart
        or " - " in text  # "ig - b e n"
        or (("(" in text or "[" in text or "{" in text) and _GATE_BRACKETS.search(text))
    )


def find_pii(folded: Folded, regions: tuple[str, ...], street: bool = False) -> list[Found]:
    """All personal-data findings in a message, in original-text coordinates.

    Detection runs on the visible form of the text (no invisibles, no full-width), so
    "０７９１１ ..." or an address split by zero-width spaces is still found. ``street``
    says the lexicon saw a street word, which is when address patterns are tried.
    """
    text = folded.visible
    lower = text.lower()
    found = find_spelled_phones(text) + find_emails(text) + find_name_school(text, lower) + find_meetings(text, lower)
    found += find_handles_near(text) + find_katakana_phones(text) + find_name_class(text) + find_units(text)
    found += find_home_by_landmarks(text) + find_routines(text, lower) + find_ways_in(text, lower)
    found += find_house_numbers_in_words(text, _addresses_in) + find_keycap_addresses(text, _addresses_in)
    if not street and not _gate(text) and not _gate(folded.skeleton):
        return [(c, sev, folded.visible_span(*span), rule) for c, sev, span, rule in found]
    found += find_contacts(text, folded) + find_handles(text)
    contact = contact_view(text)  # "sn4pch4t: x", "m41l: p4ul@gm41l.c0m", Cyrillic "ѕnарсhаt"
    if contact is not None:
        found += _new(found, find_emails(contact) + find_contacts(contact, folded) + find_handles(contact))
    if street or HAS_DIGIT.search(text) or CJK_NUMBERED.search(text):
        # keycap digits "0⃣7⃣" are read as digits with a space between them (same length)
        digits_view = text.replace(KEYCAP, " ") if KEYCAP in text else text
        if has_symbol_between_digits(digits_view):  # "07🔥911🔥123": emoji between digit groups
            digits_view = symbols_as_spaces(digits_view)
        found += find_phones(digits_view, regions) + find_keycap_phones(text)
        as_digits = lookalike_digits(digits_view)  # "O176 9B4S 12O3"
        if as_digits is not None:
            found += _new(found, find_phones(as_digits, regions))
        found += find_places(text, street) + find_addresses(text) + find_bank(digits_view)
        found += find_home_addresses(text, lower) + find_cards_said(digits_view) + find_personal(digits_view, lower)
        found += find_id_numbers(text) if _MANY_DIGITS.search(text) else []
        found += _new(found, find_split_phone(text) or find_half_phone(text))
        found = [f for f in found if not public(text, f)]
    collapsed = collapsed_view(text)  # "r u e  d e s  p e u p l i e r s  1 8"
    if collapsed is not None and not found:
        found += _whole(text, _collapsed_findings(collapsed, folded, regions))
    return [
        (c, sev, folded.visible_span(*span), rule) if not rule.endswith("_spelled") else (c, sev, span, rule)
        for c, sev, span, rule in found
    ]


def _collapsed_findings(collapsed: str, folded: Folded, regions: tuple[str, ...]) -> list[Found]:
    """Contact details in a message typed letter by letter, read back as words."""
    found = find_emails(collapsed) + find_contacts(collapsed, folded) + find_handles(collapsed)
    return found + find_phones(collapsed, regions) + _addresses_in(collapsed)


def _addresses_in(view: str) -> list[Found]:
    """Street and home addresses in a view of the text (letters joined, numbers read from words)."""
    return find_places(view, street=True) + find_addresses(view) + find_home_addresses(view, view.lower())


def _whole(text: str, findings: list[Found]) -> list[Found]:
    """The first finding of a view that is not the text's length, over the whole text."""
    return [(c, sev, (0, len(text)), rule) for c, sev, _, rule in findings[:1]]


def _new(found: list[Found], more: list[Found]) -> list[Found]:
    """The findings of ``more`` whose span no finding of ``found`` already covers."""
    return [f for f in more if not any(s <= f[2][0] and f[2][1] <= e for _, _, (s, e), _ in found)]
