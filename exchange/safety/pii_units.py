"""Where in a building someone lives: two parts of a dwelling, each with its number.

"7th floor 704, B-wing", "корп. 2, подъезд 3, 5 этаж", "عمارة 45 الدور 5 شقة 12", "18楼B座",
"七栋 三单元 五零二", "Hse No.-14 / Block-G": one such part ("floor 2", "room 204") is
ordinary school talk; a floor with a flat, a building with an entrance is a home address
given out. Numbers may be digits, Arabic-Indic digits or Chinese numerals, and a
word for a number ("квартира сто семь") counts too; Spanish "5ºD" is a floor and a door. Digits
typed as keycap emoji ("B座 1️⃣6️⃣0️⃣3️⃣", "number 2️⃣7️⃣ Maple Crescent") are read as the digits they show.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .pii_admin import find_rural_homes
from .pii_numbers import KEYCAP, NUMBER_WORDS

Found = tuple[str, int, tuple[int, int], str]  # category, severity, span, rule

_NUM = r"(?:[A-Za-z]-?\d{1,4}(?!\d)|[\d٠-٩]{1,4}[A-Za-zА-Яа-я]?)"  # "B-1204", "12A"
# Hindi ordinal floors: "चौथी मंज़िल", "teesri manzil"
_HI_ORDINAL = r"(?:pehli|doosri|dusri|teesri|tisri|chauthi|paanchvi|पहली|दूसरी|तीसरी|चौथी|पांचवीं|पाँचवीं|पांचवी)"
_WORD_NUM = r"(?P<word>[^\W\d_]{2,14})"  # a number written as a word ("сто", "خمسة"): checked against the number words
# Parts of a dwelling, by kind (two of one kind do not count twice): name, then number or number then name.
_PARTS = {
    "floor": r"floor|flr|el dor|eldor|étage|etage|stock|piso|planta|andar|piano|этаж|эт\.|etazh|الدور|دور|الطابق|طابق|मंजिल|मंज़िल|manzil|"
    r"ghorofa",
    "flat": r"flat|apt\.?|apartment|appartement|appart|wohnung|whg\.?|depto\.?|departamento|apto\.?|apartamento|"
    r"interno|int\.|квартира|кв\.?|kv\.?|комната|شقة|الشقة|sha2a|फ्लैट|appt\.?|ap\.?|porte",
    "building": r"building|bldg\.?|block|blk|wing|tower|bâtiment|bat\.|bât\.?|bloc|tour|gebäude|haus|edificio|bloque|bloco|"
    r"torre|palazzina|villa|bungalow|plot|nyumba|"
    r"корпус|корп\.?|korp|дом|д\.|строение|стр\.|عمارة|العمارة|بناية|مبنى|3emara|emara|h\.?\s?no\.?|hse\s?no\.?|house\s?no\.?",
    "entrance": r"entrance|staircase|escalera|escada|scala|treppe|подъезд|pod'ezd|podъezd|entrée|escalier|portal|mlango",
}
_NAMES = "|".join(rf"(?P<{kind}>{words})" for kind, words in _PARTS.items())
_NAME_THEN_NUMBER = re.compile(
    rf"(?i)(?<![^\W\d_])(?:{_NAMES})\s*[.:#№\-]?\s*(?:no\.?\s*|nr\.?\s*|№\s*|رقم\s*)?(?:{_NUM}|{_WORD_NUM})(?![\d])"
)
_NUMBER_THEN_NAME = re.compile(
    rf"(?i)(?<![\w])(?:{_NUM}|\d{{1,2}}(?:st|nd|rd|th|er|e|º|°|\.)|{_HI_ORDINAL})\s*-?\s*(?:{_NAMES})(?![^\W\d_])"
    r"|(?<![\w])(?P<door>\d{1,2}[ºo]\s?[A-H])(?![^\W\d_])"  # Spanish floor and door: "5ºD" (º folds to o)
)
# Chinese and Japanese: 18楼, 七栋, 三单元, B座, 502室, 7F, 3階, 1102号室
_CJK_NUM = r"[\d０-９一二三四五六七八九十百零〇]{1,4}"
_CJK_PART = re.compile(
    rf"(?P<building>{_CJK_NUM}(?:栋|棟|号楼|號樓|幢)|[A-Z](?:座|栋|棟))|(?P<entrance>{_CJK_NUM}单元)|(?P<floor>{_CJK_NUM}(?:楼|層|层|階|F(?![A-Za-z])))"
    rf"|(?P<flat>{_CJK_NUM}(?:室|号室|號室)|(?<=座)\s?\d{{3,4}}(?!\d))"
    # an Indian housing estate by its name: "Green Valley Society", "Shanti Apartments"
    r"|(?P<estate>(?<![\w])(?<!The )(?<!the )[A-Z][a-z]+(?: [A-Z][a-z]+)? (?:Society|Apartments|Residency|Enclave|Heights|CHS)(?![\w]))"
)
_GATE = re.compile(
    r"(?i)floor|flr|flat|apt|apartment|unit|block|blk|wing|tower|building|bldg|no\.|étage|etage|stock|piso|planta|andar|piano|"
    r"этаж|эт\.|etazh|кв|kv|корп|korp|подъезд|pod|дом|wohnung|haus|gebäude|treppe|edificio|bloco|torre|apto|depto|interno|scala|"
    r"escalera|escada|entrée|bâtiment|appart|bât|bloc|bloque|tour|ap|porte|portal|комнат|villa|bungalow|plot|nyumba|मंज़िल|"
    r"الدور|دور|الطابق|شقة|sha2a|عمارة|بناية|مبنى|emara|मंजिल|manzil|फ्लैट|ghorofa|mlango|"
    r"栋|棟|楼|樓|層|层|階|单元|室|座|幢|\dF"
)


_ORDINALS = frozenset(
    "الأول الاول الثاني التاني الثالث التالت الرابع الخامس السادس السابع الثامن التاسع العاشر "
    "el awel el tany el talet el rabe3 el 5ames el sades".split()  # Arabizi: "el dor el 5ames"
)
_NUMBER_WORDS = frozenset(NUMBER_WORDS) | _ORDINALS


_NUMERAL = re.compile(r"[\d０-９一二三四五六七八九十百零〇]")


def find_units(text: str) -> list[Found]:
    """Two different parts of a dwelling with their numbers in one message."""
    if not _NUMERAL.search(text) or not _GATE.search(text):
        return []  # most messages hold no digit: one quick look
    kinds: dict[str, tuple[int, int]] = {}
    for pattern in (_NAME_THEN_NUMBER, _NUMBER_THEN_NAME, _CJK_PART):
        for m in pattern.finditer(text):
            groups = m.groupdict()
            if groups.get("word") and groups["word"].lower() not in _NUMBER_WORDS:
                continue  # "the tower is", "floor plan": a word, not a number
            kind = next(k for k, v in groups.items() if v is not None and k != "word")
            kinds.setdefault(kind, m.span())
    if "estate" in kinds and "flat" not in kinds:
        del kinds["estate"]  # "our Drama Society meets on floor 2": a society's name counts beside a flat only
    if len(kinds) < 2:
        return []
    spans = list(kinds.values())
    return [("pii_address", 3, (min(s for s, _ in spans), max(e for _, e in spans)), "pii:address_units")]


# Home described by what stands near it and what it looks like: "my house is the one behind the mosque,
# blue gate", "我家就在万达广场后面那个小区，红色大门", "駅前のローソンの裏の青い屋根の家がうち". Three things
# in one message: a word of one's home, a place word of relation (or "after the", "3軒目" of directions), and
# a door, gate, roof or the house's colour ("the blue house", "白い家") to recognise it by.
_HOME = re.compile(
    r"(?i)(?<![^\W\d_])(?:my house|my home|our house|my flat|our flat|my building|i live|we live|mi casa|vivo|vivimos|"
    r"ma maison|chez moi|j'habite|on habite|mein haus|unser haus|ich wohne|wir wohnen|minha casa|moro|moramos|"
    r"casa mia|la mia casa|abito|abitiamo|بيتنا|بيتي|ساكنين|ساكن|ساكنة|البيت|hamara ghar|mera ghar|hum rehte|"
    r"main rehta|main rehti|wala ghar|мой дом|наш дом|я живу|мы живём|мы живем|nyumbani|nyumba yetu|naishi|tunaishi|"
    r"that'?s ours|that is ours|it'?s ours|mine is|ours is|chez nous|kwetu|"
    # ... or the house pointed at in walking directions: "the third house", "nyumba ya tatu", "ثالث بيت"
    r"we'?re the (?:farm|house|one|flat)|we are the (?:farm|house|one|flat)|on est à|"
    r"(?:first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th) house|nyumba ya (?:kwanza|pili|tatu|nne|tano)|"
    r"(?:pehla|doosra|dusra|teesra|tisra|chautha) ghar|(?:أول|اول|ثاني|تاني|ثالث|تالت|رابع|خامس) بيت)"
    r"(?![^\W\d_])|我家|我住|うち|家は|家が|住んで|の家です|मेरा घर|हमारा घर|वाला घर|"
    r"(?:マンション|アパート|団地)の\d{1,2}階"
)
_RELATION = re.compile(
    r"(?i)(?<![^\W\d_])(?:behind|next to|opposite|across from|beside|detrás de|al lado del?|enfrente de|frente al?|"
    r"junto al?|derrière|à côté d|en face d|hinter|neben|gegenüber|atrás d|ao lado d|em frente|dietro|accanto a|"
    r"di fronte|جنب|ورا|قدام|مقابل|بجانب|ke peeche|ke piche|ke saamne|ke samne|ke paas|ke bagal|за|напротив|"
    r"рядом с|возле|karibu na|nyuma ya|mbele ya|jirani na|after the|past the|"
    r"turn (?:left|right)|juste après|ke baad wali|ke baad wala|fuata njia|"
    r"après (?:le|la|l') ?(?:boulangerie|pharmacie|église|eglise|calvaire|rond-point|carrefour|pont|stade|mairie|tabac)|"
    r"بعد (?:ال)?(?:فرن|جامع|مسجد|دكان|بقالة|محطة|صيدلية|كنيسة|دوار|اشارة|إشارة)|"
    r"(?:first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th) house|nyumba ya (?:kwanza|pili|tatu|nne|tano)|"
    r"(?:pehla|doosra|dusra|teesra|tisra|chautha) ghar|(?:أول|اول|ثاني|تاني|ثالث|تالت|رابع|خامس) بيت)(?![^\W\d_])|के पीछे|के सामने|के पास|के बाद|"
    r"后面|对面|旁边|隔壁|の裏|向かい|の隣|のとなり|の先|の角|角を|の前の|軒目|を過ぎ"
)
_LOOK = re.compile(
    r"(?i)(?<![^\W\d_])(?:gate|door|roof|fence|portón|puerta|porte|portail|tor|tür|zaun|portão|porta|cancello|"
    r"باب|بابه|بوابة|darwaza|geti|mlango|ворота|дверь|подъезд|девятиэтажк\w*|пятиэтажк\w*)(?![^\W\d_])"
    r"|(?i:(?<![^\W\d_])(?:(?:blue|green|red|white|yellow|pink|grey|gray) (?:house|building)|maison (?:bleue|blanche|rouge|jaune|verte)|"
    r"(?:neela|nila|hara|laal|lal|safed|peela) (?:ghar|darwaza))(?![^\W\d_]))"
    r"|(?i:(?<![^\W\d_])(?:mailbox|letterbox|mabati|بوابته|بوابتنا|بابنا|ped wala)(?![^\W\d_]))"
    r"|(?:البناية|العمارة|البيت|بيت|الباب|البوابة) ?(?:ال)?(?:زرقا|خضرا|حمرا|بيضا|صفرا|بني|بنية)"
    r"|gate|大门|门口|小区|屋根|門|ドア|الباب|البوابة|दरवाज|गेट|पेड़ वाला|白い家|赤い家|青い家|黄色い家|緑の家|"
    r"(?:白い|赤い|青い|黒い|茶色い|黄色い)(?:マンション|アパート)"
)


_HOME_QUICK = re.compile(
    "house|home|flat|building|live|casa|vivo|vivimos|maison|chez moi|habite|haus|wohne|moro|abito|بيت|ساكن|ghar|"
    "rehte|rehta|rehti|дом|живу|живём|живем|nyumba|naishi|我家|我住|うち|家|ours|mine is|chez nous|kwetu|घर|"
    "we're the|we are the|on est à|マンション|アパート|団地"
)


def find_home_by_landmarks(text: str) -> list[Found]:
    """One's home, what it stands next to, and its door, gate, roof or colour, in one message; or one's
    village with the units around it (``pii_admin``)."""
    return _landmarks(text) + find_rural_homes(text)


def _landmarks(text: str) -> list[Found]:
    if not _HOME_QUICK.search(text.lower()):
        return []  # one pass of plain literals first: most messages name no home
    home = _HOME.search(text)
    if home is None:
        return []
    relation = _RELATION.search(text)
    look = _LOOK.search(text) if relation is not None else None
    if relation is None or look is None:
        return []
    spans = (home.span(), relation.span(), look.span())
    return [("pii_address", 3, (min(s for s, _ in spans), max(e for _, e in spans)), "pii:address_landmarks")]


def find_keycap_addresses(text: str, addresses_in: Callable[[str], list[Found]]) -> list[Found]:
    """A street address or a flat whose numbers are keycap emoji ("number 2\ufe0f\u20e37\ufe0f\u20e3 Maple
    Crescent", "B座 1\ufe0f\u20e36\ufe0f\u20e3..."), read with each keycap as the digit it shows. The view is
    shorter than the text, so the finding spans the whole message."""
    if KEYCAP not in text:
        return []
    joined = text.replace(KEYCAP, "").replace("\ufe0f", "")
    found = find_units(joined) + addresses_in(joined)
    return [(c, sev, (0, len(text)), rule) for c, sev, _, rule in found[:1]]
