"""Street addresses as pupils write them in many languages.

Three shapes are found: a street word of the language with a house number ("Calle de los
Almendros 14", "ul. Brzozowej 14/3", "Çınar Sokak No:14", "số 14 ngõ 25", "벚꽃로 14",
"103동 501호"); a street name ending in a street word ("Bjørkeveien 14", "Koivukuja 14 B",
"Merelstraat 7"); and a place said after an invitation or "I live" ("come to Granlia 7B",
"приходи на Садовую 7", "my address: ..."). Decided for classrooms: a museum's or a school's
address the class visits is also masked when written as a street and number after "come to";
a teacher can say the name of the place instead. Rooms, pages, platforms, classes and years
after "come to" are not addresses ("come to Room 12", "come to Page 4").
"""

from __future__ import annotations

import re

from .pii_gates import CJK_NUMBERED, HAS_DIGIT, any_word, contains_any, heads

Found = tuple[str, int, tuple[int, int], str]  # category, severity, span, rule

_CAP = r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁІЇЄҐÇŞĞİÖÜ]"
_WORD = r"[^\W\d_][\w'’.\-]*"
_NUMBER = r"\d{1,4}(?:\s?[A-Za-z](?![^\W\d_]))?(?:\s?[/\-]\s?(?:\d{1,4}|[IVX]{1,4}))?"
# A street word before the name: matched without regard to case.
_PREFIX_STREET = (
    "calle|c/|avenida|avda\\.?|paseo|pasaje|carrera|camino|glorieta|rua|travessa|alameda|praça|praca|estrada|"
    "rue|avenue|boulevard|bd\\.?|chemin|allée|allee|impasse|quai|"
    "via|viale|corso|c\\.so|piazza|p\\.zza|p\\.za|vicolo|vico|largo|"
    "ul\\.|ulica|ulicy|al\\.|aleja|os\\.|osiedle|"
    "ул\\.|улица|улице|ulitsa|ulitse|вул\\.|вулиця|просп\\.|проспект|пр-т|пер\\.|переулок|провулок|"
    "jalan|jl\\.|gang|gg\\.|perumahan|komplek|"
    "đường|duong|phố|ngõ|ngách|hẻm|kiệt|"
    "شارع|حي"
)
_STREET_FIRST = re.compile(
    rf"(?i:(?<![^\W\d_])(?:{_PREFIX_STREET}))(?![^\W\d_])\s*(?:(?:{_WORD}|\d+(?:st|nd|rd|th)?)[\s,]+){{0,4}}?"
    rf"(?:(?i:n[º°o]\.?|no\.?|nr\.?|num\.?|número|nomor|д\.|дом|буд\.|رقم)\s*[:.]?\s*)?{_NUMBER}(?![\d,.]\d)"
)
# "la carrera es a las 10", "la rue est ouverte à 8": a clock time, not a house number
_CLOCK_BEFORE = re.compile(r"(?i)(?<![^\W\d_])(?:a las|a la|às|as|alle|à|um|at|ab|dalle|desde las|from)\s*$")
_HOUSE_AFTER = re.compile(
    r"(?i)(?<![^\W\d_])(?:n[º°o]\.?|nr\.?|num\.?|número|numero|nomor|civico|portal|casa|piso|hausnummer|"
    r"es el|al|au|j'habite au)\s*\d{1,4}"
)
_LAST_NUMBER = re.compile(r"\d{1,4}(?:\s?[A-Za-z])?(?:\s?[/\-]\s?(?:\d{1,4}|[IVX]{1,4}))?$")


def _number_start(m: re.Match[str]) -> int:
    """Where the house number of a street-first match starts."""
    tail = _LAST_NUMBER.search(m.group())
    return m.start() + (tail.start() if tail else len(m.group()))


# A street word after the name: "Lale Caddesi 7/2", "Çınar Sokak No:14"
_STREET_AFTER = re.compile(
    rf"{_CAP}[\w'’.\-]*\s+(?i:sokak|sokağı|sok\.|caddesi|cad\.|cd\.|bulvarı|mahallesi|mah\.)\s*(?:(?i:no)\s*[:.]?\s*)?{_NUMBER}"
)
# A street name written as one word ending in a street word: "Bjørkeveien 14", "Lindelaan 14"
_SUFFIXES = (
    "straße|strasse|str\\.?|gasse|allee|platz|damm|ufer|steig|"
    "straat|laan|plein|gracht|kade|dreef|singel|"
    "vägen|gatan|stigen|gränd|backen|torget|allén|"
    "veien|vegen|gata|gaten|stien|bakken|lia|lien|"
    "tie|katu|kuja|polku|kaari|rinne|raitti|"
    "gade|vej|stræde|"
    "weg|ring|gate|sokak|caddesi"
)
_SUFFIX_STREET = re.compile(rf"(?<![\w])({_CAP}[^\W\d_]{{2,}}?(?:{_SUFFIXES}))\s+{_NUMBER}(?![\d,.:]\d)")
_SHORT_SUFFIXES = ("weg", "ring", "gate", "tie", "lia", "vej", "gata", "lien", "kade")
# Vietnamese, Korean, Japanese and Chinese forms
_JA_NUM = r"[\d０-９一二三四五六七八九十]{1,3}"
_ASIAN = re.compile(
    r"(?:số|so)\s*\d{1,4}(?:/\d{1,4})?\s+(?:ngõ|ngách|hẻm|đường|phố|kiệt)"
    r"|[가-힣]{1,8}(?:로|길)\s?\d{1,4}(?:-\d{1,4})?(?![\d시분초개명번살년월일원시간])"
    r"|\d{1,4}동\s?\d{1,4}호|\d{1,4}(?:-\d{1,4})?\s?번지"
    # 中山路100号; a lane and its house: 枫林路23弄7号; digits typed apart or after a slash: 天钥桥路 5 5 弄 1 2 号, 文三路/258号
    r"|[\u4e00-\u9fff]{1,10}(?:路|街|道|巷|胡同|弄)[\s/]?(?:[\d一二三四五六七八九十百零]\s?){1,6}"
    r"(?:弄\s?(?:[\d一二三四五六七八九十百零]\s?){1,4})?[号號](?![线線])"  # not a metro line: 2号线
    r"|门牌号?(?:是|为|:|：)?\s?[\d一二三四五六七八九十百零]{1,6}(?![\d一二三四五六七八九十百零位个倍])"  # "门牌号是一百零八"
    # Japanese blocks: "おもろまち3の6の1", "港南台1-1-9", "北白川の、三の七の二", "一丁目の九番地"
    rf"|(?<=[\u3040-\u30ff\u4e00-\u9fff、])[\s、]?{_JA_NUM}(?:の|-|－|−|ー){_JA_NUM}(?:の|-|－|−|ー){_JA_NUM}(?![\d０-９])"
    rf"|{_JA_NUM}丁目の?{_JA_NUM}(?:番地?|-|－|の{_JA_NUM})"  # "四丁目十一の六"
    rf"|[東西南北]{_JA_NUM}条[東西南北]?{_JA_NUM}丁目"  # Sapporo's grid: "南3条西7丁目"
)
_ASIAN_GATE = re.compile(r"[\uac00-\ud7af\u4e00-\u9fff\u3040-\u30ff]|số|so \d")
# Indian flats and housing societies: "B-204, Shanti Kunj Apartments", "12 Green Park Colony"
_HOUSING = re.compile(
    rf"(?<![\w\-])[A-Z]{{0,2}}-?\d{{1,4}}[A-Z]?,?\s+(?:{_CAP}[\w'’.\-]*\s+){{1,3}}"
    r"(?:Apartments?|Apts\.?|Residency|Towers?|Enclave|Colony|Nagar|Vihar|Niwas|Bhawan|Sadan|Kunj|Puram)(?!\w)"
)
_HOUSING_WORDS = (
    "apart",
    "apts",
    "residency",
    "tower",
    "enclave",
    "colony",
    "nagar",
    "vihar",
    "niwas",
    "bhawan",
    "sadan",
    "kunj",
    "puram",
)
_HAS_HOUSING_WORD = contains_any(_HOUSING_WORDS)
_ARABIC_NUMBER_FIRST = re.compile(r"(?<!\d)\d{1,4}\s*،?\s*شارع\s+\S+")
# Flats and blocks: "Flat 7B", "Blok C2 No. 7", "House No. 12"
_UNIT = re.compile(
    r"(?<!\w)(?:Flat|Apartment|Apt\.?|Blok|Block|House|Plot|Hausnummer|Hse|H\.No\.?)\s+(?:(?i:no\.?|number|#)\s*)?[A-Z]?\d{1,4}[A-Z]?(?![\w])"
    r"(?:,?\s*(?i:no\.?)\s*\d{1,4})?"
)
# A post-office box is where a family's letters reach them: "P.O. Box 4471, Jos", "BP 2471 Thiès",
# "S.L.P. 4418, Arusha", "ص.ب 4821", "私書箱第52号". "BP" and "SLP" only in capitals ("bp 120/80").
_POSTBOX = re.compile(
    r"(?:(?i:(?<![^\W\d_])(?:p\.?\s?o\.?\s?box|post\s?box|post office box|bo[iî]te postale|sanduku la posta|"
    r"apartado(?: postal| de correos)?|caixa postal|postfach|casella postale|s\.l\.p\.?))"
    r"|(?<![^\W\d_])(?:B\.?P\.?|S\.?L\.?P\.?)(?![^\W\d_])|ص\.\s?ب\.?|ص ب|صندوق (?:ال)?بريد|पोस्ट बॉक्स|पी\.?ओ\.? बॉक्स|डाक पेटी)"
    r"\s*(?:(?i:no\.?|n[º°]|nr\.?|number|नं\.?|رقم)\s*)?[:.]?\s*[\d٠-٩]{2,6}(?![\d٠-٩]|\s?/\s?\d)"
    r"|私書箱\s?第?\s?\d{1,6}"
)
# ... except a school's own box, named right before it ("Shule ya Msingi Tumaini, S.L.P. 100"):
# schools publish it for parcels and letters between partner classes. Not `pii_home.institutional`,
# which also wants an announcement to families: a box is never where a child can be found.
_SCHOOL_BEFORE = re.compile(
    r"(?i)(?:school|college|university|shule|chuo|مدرسة|المدرسة|جامعة|[ée]cole|coll[èe]ge|lyc[ée]e|escuela|colegio|"
    r"escola|scuola|schule|gymnasium|学校|小学|中学|高校|विद्यालय|स्कूल)[^\n]{0,60}$"
)
# Somebody inviting or saying where they live, then a capitalised place and a number.
_INTRO = (
    r"live (?:at|on|in)|living (?:at|on)|my address(?: is)?|address:|come to|come over to|"
    r"this is my house|my house is (?:at|on)|i'?m at|we live at|"
    r"vivo en|mi dirección(?: es)?|mi direccion(?: es)?|ven a|vente a|"
    r"j'?habite(?: au| à| a| rue)?|viens (?:au|à|a|chez)|mon adresse(?: est| c'est)?|"
    r"ich wohne(?: in der| in| an der| am| im)?|komm (?:zu|in die|in den|zur|zum)|meine adresse(?: ist)?|"
    r"moro (?:na|no|em)|vem (?:na|no|pra|para)|meu endereço(?: é)?|"
    r"abito in|abito a|vieni in|vieni a|il mio indirizzo(?: è)?|"
    r"ik woon (?:op|in|aan)|kom naar|mijn adres(?: is)?|"
    r"jag bor på|jag bor i|kom till|min adress(?: är)?|jeg bor (?:på|i)|kom til|adressen min(?: er)?|"
    r"asun(?: osoitteessa)?|tuu|tule|osoitteeni(?: on)?|"
    r"mieszkam (?:na|przy|w)|przyjdź na|przyjdz na|mój adres(?: to)?|"
    r"живу на|живу по адресу|приходи на|приходи в|мой адрес|живу на|приходь на|приходь до|моя адреса|"
    r"oturuyorum|adresim|gel|"
    r"tinggal di|datang ke|alamatku|alamat aku|rumahku di|"
    r"aa ja|ghar|"
    r"nakaa|njoo"
)
_NOT_PLACES = frozenset(
    "room rooms page pages class grade year level chapter unit lesson gate platform floor table question "
    "exercise task step part section number group team bus stop "
    "aula salle raum klasse sala sal luokka sali sınıf класс кабинет кімната страница сторінка "
    "página pagina seite sivu sida side strona sayfa halaman".split()
)
_INTRO_PLACE = re.compile(
    rf"(?i:(?<![^\W\d_])(?:{_INTRO}))\s*:?\s+((?:{_CAP}[\w'’.\-]*[\s,]+){{1,4}}?){_NUMBER}(?![\d,.:]\d)"
)
# Necessary conditions, tried first (pii_gates): a street word stands alone as a word; the
# invited place ends in a capitalised word right before the number.
_STREET_WORDS = heads(w.replace("\\", "") for w in _PREFIX_STREET.split("|"))
_CAPITAL_THEN_NUMBER = re.compile(rf"{_CAP}[\w'’.\-]*[\s,]+\d")


def find_addresses(text: str) -> list[Found]:
    """Street addresses in the visible text of a message."""
    found: list[Found] = []
    if not HAS_DIGIT.search(text) and not CJK_NUMBERED.search(text):
        return found
    if any_word(text, _STREET_WORDS):
        for m in _STREET_FIRST.finditer(text):
            if not _CLOCK_BEFORE.search(text, m.start(), _number_start(m)):
                found.append(("pii_address", 3, m.span(), "pii:address_street"))
            elif (house := _HOUSE_AFTER.search(text, m.end(), m.end() + 30)) is not None:
                found.append(
                    ("pii_address", 3, (m.start(), house.end()), "pii:address_street")
                )  # "a las 5, al número 23"
    for m in _STREET_AFTER.finditer(text):
        found.append(("pii_address", 3, m.span(), "pii:address_street"))
    for m in _SUFFIX_STREET.finditer(text):
        name = m.group(1).lower()
        if name.endswith(_SHORT_SUFFIXES) and len(name) < 7:
            continue
        if _year(m.group()):
            continue
        found.append(("pii_address", 3, m.span(), "pii:address_street_suffix"))
    if "شارع" in text:  # "تعال ٧ شارع الزهور": the number may come first
        found += [("pii_address", 3, m.span(), "pii:address_street") for m in _ARABIC_NUMBER_FIRST.finditer(text)]
    if _ASIAN_GATE.search(text):
        found += [("pii_address", 3, m.span(), "pii:address_asian") for m in _ASIAN.finditer(text)]
    found += [("pii_address", 3, m.span(), "pii:address_unit") for m in _UNIT.finditer(text)]
    found += [
        ("pii_address", 3, m.span(), "pii:address_postbox")
        for m in _POSTBOX.finditer(text)
        if not _SCHOOL_BEFORE.search(text, max(0, m.start() - 70), m.start())
    ]
    lower = text.lower()
    if _HAS_HOUSING_WORD(lower):
        found += [("pii_address", 3, m.span(), "pii:address_housing") for m in _HOUSING.finditer(text)]
    for m in _INTRO_PLACE.finditer(text) if _CAPITAL_THEN_NUMBER.search(text) else ():
        first = m.group(1).split()[0].strip(",").lower()
        if first in _NOT_PLACES or _year(m.group()):
            continue
        found.append(("pii_address", 3, (m.start(1), m.end()), "pii:address_invited"))
    return found


def _year(matched: str) -> bool:
    digits = re.findall(r"\d+", matched)
    return bool(digits) and len(digits[-1]) == 4 and 1900 <= int(digits[-1]) <= 2100
