"""A rural home given by its village and the units above it, or by its lot number.

Children in villages give where they live the way the post does not: "Tunaishi kijiji cha
Mwembeni, kata ya Zinga, wilaya ya Bagamoyo", "hamara gaon Rampur Khurd hai, tehsil Nawabganj,
zila Barabanki", "أنا من عزبة أبو سليمان مركز طنطا محافظة الغربية", "長野県下伊那郡阿智村智里1520番地".
A named village and one more unit around it, with the writer's own home or living there, is a
home address: a village is a few hundred homes. A class naming its district or region alone
("we're from Bagamoyo district"), its school's village ("shule yetu iko kijiji cha..."), a village
left unnamed ("our village has a post office") or a geography lesson ("Bagamoyo ni wilaya ya mkoa wa
Pwani") is not.
"""

from __future__ import annotations

import re

Found = tuple[str, int, tuple[int, int], str]  # category, severity, span, rule

_NAMED = r"\s+(?:[A-Z][\w'’-]+|[\u0600-\u06ff\u0900-\u097f]{2,})"  # a name after the unit
_NAME_BEFORE = r"(?:[A-Z][\w'’-]+)\s+"  # "Rampur gaon", "Greenhill village"
_AR = r"(?:ب|و|ف)?(?:ال)?"  # Arabic units with the article and a joined preposition: "بمحافظة", "القرية"
# the smallest units: a village, a hamlet, a ward, a neighbourhood (named)
_SMALL = re.compile(
    r"(?:(?<![^\W\d_])(?:kijiji cha|kitongoji cha|kata ya|mtaa wa|shehia ya|gaon|gaanv|gav|village of|hamlet of|"
    r"mohalla)" + _NAMED + r"|" + _NAME_BEFORE + r"(?:gaon|gaanv|village|hamlet)(?![^\W\d_])"
    r"|(?<![^\W\d_])"
    + _AR
    + r"(?:عزبة|قرية|نجع|حارة)"
    + _NAMED
    + r"|(?<![\u0900-\u097f])(?:गाँव|गांव|ग्राम)"
    + _NAMED
    + r")"
)
# the units around them: a district, a county, a region, a sub-district (named)
_LARGER = re.compile(
    r"(?:(?<![^\W\d_])(?:wilaya ya|mkoa wa|tarafa ya|kaunti ya|tehsil|taluka|tahsil|zila|jila|district)"
    + _NAMED
    + r"|"
    + _NAME_BEFORE
    + r"(?:district|county|tehsil|zila)(?![^\W\d_])"
    r"|(?<![^\W\d_])"
    + _AR
    + r"(?:مركز|محافظة|ولاية)"
    + _NAMED
    + r"|(?<![\u0900-\u097f])(?:तहसील|ज़िला|जिला|थाना)"
    + _NAMED
    + r")"
)
# the writer's own home, or living there
_HOME = re.compile(
    r"(?i)(?<![^\W\d_])(?:tunaishi|naishi|ninaishi|tunakaa|nakaa|kwetu|nyumbani|nyumba yetu|nyumba ya|"
    r"hamara|mera|meri|hum rehte|main rehta|main rehti|rehte hain|ghar|"
    r"i live|we live|my home|our home|my house|our house|"
    r"j'habite|nous habitons|on habite|chez moi|"
    r"أنا من|انا من|احنا من|إحنا من|ساكن|ساكنة|ساكنين|بيتنا|بيتي|عايش|عايشين)(?![^\W\d_])"
    r"|(?<![\u0900-\u097f])(?:हमारा|मेरा|रहते|रहता|रहती|घर)(?![\u0900-\u097f])"
)
# the village is the school's, not a home's
_SCHOOL = re.compile(
    r"(?i)(?<![^\W\d_])(?:school|shule|skool|schule|école|ecole|escuela|colegio)(?![^\W\d_])|स्कूल|विद्यालय|مدرسة|المدرسة|مدرستنا"
)
_QUICK = re.compile(
    r"(?i)kijiji|kitongoji|kata ya|mtaa wa|shehia|gaon|gaanv|gav|village|hamlet|mohalla|"
    r"عزبة|قرية|نجع|حارة|गाँव|गांव|ग्राम"
)

# Japanese: a lot number after a town or village ("阿智村智里1520番地", "桜町3番地"), not an office's
_LOT = re.compile(r"(?:[都道府県郡市区町村]).{0,12}?[\d０-９一二三四五六七八九十百千]{1,5}番地")
_OFFICE = re.compile(r"学校|役所|役場|博物館|図書館|美術館|公民館|センター|会館|郵便局")


def find_rural_homes(text: str) -> list[Found]:
    """A named village with a named larger unit and one's home in one message; a Japanese lot number."""
    found: list[Found] = []
    if "番地" in text and not _OFFICE.search(text):
        found += [("pii_address", 3, m.span(), "pii:address_lot") for m in _LOT.finditer(text)]
    if not _QUICK.search(text) or _SCHOOL.search(text):
        return found
    small = _SMALL.search(text)
    larger = _LARGER.search(text) if small is not None else None
    home = _HOME.search(text) if larger is not None else None
    if small is None or larger is None or home is None:
        return found
    spans = (small.span(), larger.span(), home.span())
    found.append(("pii_address", 3, (min(s for s, _ in spans), max(e for _, e in spans)), "pii:address_village"))
    return found
