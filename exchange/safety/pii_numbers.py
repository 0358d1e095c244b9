"""Number-shaped personal data: payment cards, IBANs, and phone numbers typed in disguise.

Cards pass the Luhn check and IBANs the ISO 13616 mod-97 check, so an order number or a
reference that happens to be 16 digits long is not masked. Phone numbers in disguise are
digits written as keycap emoji ("0️⃣7️⃣"), spread out by a phone word ("call 1 2 3 - 4 5"),
or spelled out as number words in many languages ("oh seven seven double oh nine",
"cincuenta y cinco", "〇九〇", "공일공"). All spans are in the coordinates of the text given.
"""

from __future__ import annotations

import re

from .pii_gates import caseless, contains_any
from .pii_iban import iban_runs
from .pii_ordinary import product_code_before
from .pii_word_digits import digit_group, glossary

Found = tuple[str, int, tuple[int, int], str]  # category, severity, span, rule

# 13 to 19 digits in groups; Luhn decides.
# up to three spaces between digits: an emoji between groups ("4111 💳 1111") reads as spaces (pii_cards)
_CARD = re.compile(r"(?<![\d\-./])\d(?:(?:[\-./]| {1,3})?\d){12,18}(?![\d\-]|[./]\d)")


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum of payment cards."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def find_bank(text: str) -> list[Found]:
    """Card numbers that pass Luhn and IBANs that pass mod-97 (``text``: visible form); one said to
    be an IBAN whatever its checksum is ``pii_cards``' business."""
    found: list[Found] = []
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        # card networks start with 2 to 6 (Mastercard, Amex, Visa, Mastercard, Discover/UnionPay)
        shaped = 13 <= len(digits) <= 19 and digits[0] in "23456" and len(set(digits)) > 1
        if shaped and luhn_valid(digits) and not product_code_before(text, m.start()):  # a barcode's may pass too
            found.append(("pii_card", 3, m.span(), "pii:card_luhn"))
    found += [("pii_iban", 3, (start, end), "pii:iban_mod97") for start, end, valid in iban_runs(text) if valid]
    return found


# National identity numbers after the name of the document: "mi DNI es 12345678Z",
# "TC kimlik no: 10000000146", "我身份证号 110101199003071234".
_ID_CUE = re.compile(
    r"(?i)(?<![A-Za-zÀ-ÿА-яЁё])(?:dni|nie|nif|nik|ktp|cpf|rg|pesel|bsn|ssn|social security|passport|pasaporte|passeport|reisepass|"
    r"ausweis\w*|personalausweis|codice fiscale|carta d'identità|hetu|henkilötunnus|personnummer|fødselsnummer|"
    r"kitambulisho|aadhaar|aadhar|आधार|tc kimlik|kimlik no|cccd|cmnd|снилс|инн|паспорт|身份证号?|マイナンバー|주민등록번호|"
    r"رقم الهوية|الرقم القومي|national id|id number|identity number)(?![A-Za-zÀ-ÿА-яЁё])"
)
# Every cue holds one of these (lower case): a substring test before the cue's regex.
_ID_CUE_CORES = (
    "dni nie nif nik ktp cpf rg pesel bsn ssn social passport pasaporte passeport reisepass ausweis "
    "codice carta hetu henkilötunnus personnummer fødselsnummer kitambulisho aadha आधार kimlik cccd cmnd "
    "снилс инн паспорт 身份证 マイナンバー 주민등록번호 رقم الرقم national number"
).split()
_HAS_ID_CUE_CORE = contains_any(_ID_CUE_CORES)
_ID_NUMBER = re.compile(r"(?<![\w])[A-Z]{0,6}\d[\dA-Z]*(?:[ \-./]?[\dA-Z]+){0,5}")


def find_id_numbers(text: str) -> list[Found]:
    """A number of six digits or more within a few words after an identity document's name."""
    found: list[Found] = []
    lower = caseless(text)
    if lower is not None and not _HAS_ID_CUE_CORE(lower):
        return found
    for cue in _ID_CUE.finditer(text):
        window_end = min(len(text), cue.end() + 30)
        for m in _ID_NUMBER.finditer(text, cue.end(), window_end + 25):
            if m.start() <= window_end and sum(c.isdigit() for c in m.group()) >= 6:
                found.append(("pii_id", 3, m.span(), "pii:id_number"))
                break
    return found


# --- digits between emoji ---------------------------------------------------------------

KEYCAP = "\u20e3"
# Keycap digits "0️⃣" arrive in the visible text as "0⃣": seven in a run (or three, then six plain digits: "0⃣7⃣2⃣8⃣ 💯
# 3 1 0 4 5 7") are a number somebody hid, also with emoji between groups; a word between keycaps ends the run (a list).
_CAP_GAP, _CAP = r"[^\w\u20e3]{0,4}", r"[0-9#*]\u20e3[^\w\u20e3]{0,4}"  # between keycaps; a keycap and its gap
_KEYCAP_RUN = re.compile(rf"(?:{_CAP}){{3,}}(?:(?:{_CAP}){{4,}}|(?:[0-9]\u20e3?{_CAP_GAP}){{6,}})")


def find_keycap_phones(text: str) -> list[Found]:
    if KEYCAP not in text:
        return []
    runs = [m for m in _KEYCAP_RUN.finditer(text) if not _progression([int(c) for c in m.group() if c in "0123456789"])]
    return [("pii_phone", 3, (m.start(), m.end()), "pii:phone_keycaps") for m in runs]  # "1⃣2⃣3⃣ 4 5 6 7 8 9" counts


# Words that say a number is a phone number (the digits themselves fail validation:
# placeholders, unallocated ranges, numbers spread out to dodge a filter).
PHONE_CUE = re.compile(
    r"(?i)(?<![^\W\d_])(?:call|ring|phone|cell|mobile|number|num|nr|no\.|tel|text me|whats\w*|wa|sms|"
    r"llama\w*|llámame|número|numero|cel|celular|móvil|movil|zap|appelle\w*|tél|portable|"
    r"ruf|anrufen|handy\w*|nummer|ligue?|liga|chiama\w*|bel|bellen|ring|soita|puh\w*|"
    r"dzwoń|dzwon|zadzwoń|numer|ara|numara\w*|telefon\w*|nipigie|piga|namba|nomor|hubungi|sđt|gọi|"
    r"номер\w*|звони\w*|телефон\w*|дзвони\w*|رقم\w*|اتصل|نمرة|नंबर|फोन|कॉल|"
    r"번호|전화|番号|電話|电话|手机|號碼|号码)(?![^\W\d_])"
)


# --- number words -------------------------------------------------------------------------

# Per language, by value: units 0-9 ("u"), complete two-digit numbers 10-19 ("t"), tens
# 20-90 ("x"), hundreds 100-900 ("h"); "m" multiplies the unit before it by a hundred.
# Accented words also appear without accents, as pupils type them.
_UNITS = (
    "zero|oh|nought one two three four five six seven eight nine",  # en
    "cero uno|una dos tres cuatro cinco seis siete ocho nueve",  # es
    "zéro|zero un|une deux trois quatre cinq six sept huit neuf",  # fr
    "zero um|uma dois|duas três|tres quatro cinco seis|meia sete oito nove",  # pt
    "zero uno|una due tre quattro cinque sei sette otto nove",  # it
    "null eins|ein zwei|zwo drei vier fünf|funf|fuenf sechs sieben acht neun",  # de
    "nul een|één twee drie vier vijf zes zeven acht negen",  # nl
    "noll ett|en två|tva tre fyra fem sex sju åtta|atta nio",  # sv
    "null en|én|ett to tre fire fem seks sju|syv åtte|atte ni",  # nb
    "nolla yksi|yks kaksi|kaks kolme neljä|nelja viisi|viis kuusi|kuus "
    "seitsemän|seitseman|seittemän|seiska kahdeksan|kasi yhdeksän|yhdeksan|ysi",  # fi
    "zero jeden|jedna dwa|dwie trzy cztery pięć|piec sześć|szesc siedem osiem dziewięć|dziewiec",  # pl
    "sıfır|sifir bir iki üç|uc dört|dort beş|bes altı|alti yedi sekiz dokuz",  # tr
    "ноль|нуль один|одна два|две три четыре пять шесть семь восемь девять",  # ru
    "нуль|ноль один|одна два|дві три чотири п'ять|пʼять|п’ять шість сім вісім дев'ять|девʼять|дев’ять",  # uk
    "nol|kosong satu dua tiga empat lima enam tujuh delapan sembilan",  # id
    "sifuri moja mbili tatu nne tano sita saba nane tisa",  # sw
    "không|khong một|mot hai ba bốn|bon|tư năm|nam|lăm sáu|sau bảy|bay tám|tam chín|chin",  # vi
    "shunya|zero ek do teen chaar|char paanch|panch chhe|chhah|che saat aath|ath nau",  # hi, romanised
    "शून्य एक दो तीन चार पाँच|पांच छह|छः|छे सात आठ नौ",  # hi
    "صفر واحد|واحدة|واحده اثنين|اثنان|إثنين|اتنين ثلاثة|ثلاث|تلاتة أربعة|اربعة|أربع|اربع "
    "خمسة|خمس ستة|ست|سته سبعة|سبع|سبعه ثمانية|ثمانيه|تمانية|ثمان تسعة|تسع|تسعه",  # ar
)
_TEENS = (
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen",
    "diez once doce trece catorce quince dieciséis|dieciseis diecisiete dieciocho diecinueve",
    "dix onze douze treize quatorze quinze seize",
    "dez onze doze treze catorze|quatorze quinze dezesseis dezessete dezoito dezenove",
    "dieci undici dodici tredici quattordici quindici sedici diciassette diciotto diciannove",
    "zehn elf zwölf|zwolf dreizehn vierzehn fünfzehn|funfzehn sechzehn siebzehn achtzehn neunzehn",
    "tien elf twaalf dertien veertien vijftien zestien zeventien achttien negentien",
    "tio elva tolv tretton fjorton femton sexton sjutton arton nitton",
    "ti elleve tolv tretten fjorten femten seksten sytten atten nitten",
    "kymmenen yksitoista kaksitoista kolmetoista neljätoista viisitoista kuusitoista "
    "seitsemäntoista kahdeksantoista yhdeksäntoista",
    "dziesięć jedenaście dwanaście trzynaście czternaście piętnaście szesnaście siedemnaście "
    "osiemnaście dziewiętnaście",
    "on",
    "десять одиннадцать двенадцать тринадцать четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать",
    "десять одинадцять дванадцять тринадцять чотирнадцять п'ятнадцять шістнадцять сімнадцять "
    "вісімнадцять дев'ятнадцять",
    "sepuluh sebelas",
    "kumi",
    "mười|muoi",
    "das gyarah barah",
    "عشرة|عشره",
)
_TENS = (
    "twenty thirty forty fifty sixty seventy eighty ninety",
    "veinte treinta cuarenta cincuenta sesenta setenta ochenta noventa",
    "vingt trente quarante cinquante soixante",
    "vinte trinta quarenta cinquenta sessenta setenta oitenta noventa",
    "venti trenta quaranta cinquanta sessanta settanta ottanta novanta",
    "zwanzig dreißig|dreissig vierzig fünfzig|funfzig sechzig siebzig achtzig neunzig",
    "twintig dertig veertig vijftig zestig zeventig tachtig negentig",
    "tjugo trettio fyrtio femtio sextio sjuttio åttio|attio nittio",
    "tjue tretti førti|forti femti seksti sytti åtti|atti nitti",
    "kaksikymmentä kolmekymmentä neljäkymmentä viisikymmentä kuusikymmentä seitsemänkymmentä "
    "kahdeksankymmentä yhdeksänkymmentä",
    "dwadzieścia trzydzieści czterdzieści pięćdziesiąt sześćdziesiąt siedemdziesiąt osiemdziesiąt dziewięćdziesiąt",
    "yirmi otuz kırk|kirk elli altmış|altmis yetmiş|yetmis seksen doksan",
    "двадцать тридцать сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто",
    "двадцять тридцять сорок п'ятдесят шістдесят сімдесят вісімдесят дев'яносто",
    "ishirini thelathini arobaini hamsini sitini sabini themanini tisini",
    "عشرين ثلاثين أربعين|اربعين خمسين ستين سبعين ثمانين تسعين",
)
_HUNDREDS = (
    "cien|ciento doscientos trescientos cuatrocientos quinientos seiscientos setecientos ochocientos novecientos",
    "сто двести триста четыреста пятьсот шестьсот семьсот восемьсот девятьсот",
    "сто двісті триста чотириста п'ятсот шістсот сімсот вісімсот дев'ятсот",
    "cento duecento trecento quattrocento cinquecento seicento settecento ottocento novecento",
    "cem|cento duzentos trezentos quatrocentos quinhentos seiscentos setecentos oitocentos novecentos",
)
_MULTIPLIERS = "hundred cent cents hundert honderd hundra hundre yüz|yuz sata ratus mia sau trăm|tram sau"
_REPEATS = {
    "double": 2,
    "triple": 3,
    "doble": 2,
    "doppio": 2,
    "doppia": 2,
    "doppel": 2,
    "dubbel": 2,
    "dobbel": 2,
    "dupla": 2,
    "duplo": 2,
    "tripla": 3,
    "triplo": 3,
}
_CONNECTORS = frozenset("y e et und en og och ja i и і ve na و and".split())
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'"})


def _word_table() -> dict[str, tuple[str, int]]:
    table: dict[str, tuple[str, int]] = {}
    for kind, lines, base, step in (
        ("u", _UNITS, 0, 1),
        ("t", _TEENS, 10, 1),
        ("x", _TENS, 20, 10),
        ("h", _HUNDREDS, 100, 100),
    ):
        for line in lines:
            for i, choices in enumerate(line.split()):
                for word in choices.split("|"):
                    table.setdefault(word.translate(_APOSTROPHES), (kind, base + i * step))
    for word in _MULTIPLIERS.split():
        for w in word.split("|"):
            table[w] = ("m", 100)
    # two-digit words written as one: vierendertig, einundzwanzig, veintitrés, ventitré
    units = {
        "nl": "een twee drie vier vijf zes zeven acht negen",
        "de": "ein zwei drei vier fünf sechs sieben acht neun",
    }
    for lang, joiner in (("nl", "en"), ("de", "und")):
        tens = _TENS[6] if lang == "nl" else _TENS[5]
        for u, unit in enumerate(units[lang].split(), 1):
            for t, ten in enumerate(tens.split()):
                for tword in ten.split("|"):
                    table.setdefault(unit + joiner + tword, ("t", 20 + 10 * t + u))
    for u, unit in enumerate("uno dos tres cuatro cinco seis siete ocho nueve".split(), 1):
        table.setdefault("veinti" + unit, ("t", 20 + u))
    table.update({"veintidós": ("t", 22), "veintitrés": ("t", 23), "veintiséis": ("t", 26)})
    for word, count in _REPEATS.items():
        table[word] = ("d", count)
    for word in _CONNECTORS:
        table.setdefault(word, ("c", 0))
    for word, entry in list(table.items()):  # Arabic glues "and" to the next word
        if word[:1] in "صوابثخسعتأا" and entry[0] != "c":
            table.setdefault("و" + word, entry)
    return table


NUMBER_WORDS = _word_table()
_STARTERS = frozenset(w for w, (kind, _) in NUMBER_WORDS.items() if kind not in "cm")
_TOKEN = re.compile(r"[^\s,.;:!?\-–—/()\[\]{}\"«»،؛、]+")  # the Arabic comma and semicolon too
_GAP = re.compile(r"[\s,.;:!?\-–—/()\[\]{}\"«»،؛、]*")
_TRIM = "\"'«»()[]{},.;:!?،؛、"
# A cheaper count first, never lower than the exact one: the text cut at every separator
# and apostrophe; a number word counts by its part before an apostrophe ("п'ять").
_PIECES = re.compile(r"[\s\"'«»()\[\]{},.;:!?\-،؛、]+")
_STARTER_PIECES = frozenset(w.split("'")[0] for w in _STARTERS)
assert not any(_PIECES.search(w.replace("'", "")) for w in _STARTERS)
# "〇九〇の一二三四", "幺三八零零", "공일공 일이삼사", "ぜろきゅうぜろ いちにさんよん"
# ... and the financial numerals of cheques and banks ("壹叁捌零零", 大写数字)
_CJK_DIGITS = re.compile(r"(?:[〇零○一二三四五六七八九幺两兩壹贰貳叁參肆伍陆陸柒捌玖][\s\-の、，,・ー]*){7,}")
_HANGUL_DIGITS = re.compile(
    r"(?<![가-힣])[공영일이삼사오육칠팔구]{3,4}(?:[\s\-]+[공영일이삼사오육칠팔구]{3,4}){1,3}(?![가-힣])"
)
_CJK_GATE = re.compile(r"[\u3007-\u9fff\uac00-\ud7af]")
_KANA_LONG = "ぜろ|れい|まる|いち|さん|よん|ろく|なな|しち|はち|きゅう"
_KANA_DIGITS = re.compile(rf"(?:(?:{_KANA_LONG}|に|ご|し|く)[\s\-の、・]*){{7,}}")
_KANA_LONG_RE = re.compile(_KANA_LONG)
_CJK_VALUES = {
    c: i
    for i, chars in enumerate(
        ("〇零○", "一幺壹", "二两兩贰貳", "三叁參", "四肆", "五伍", "六陆陸", "七柒", "八捌", "九玖")
    )
    for c in chars
}


def _progression(values: list[int]) -> bool:
    """Counting ("one two three ..."), a times table ("two four six ...")."""
    if len(values) < 4:
        return False
    steps = {b - a for a, b in zip(values, values[1:])}
    return len(steps) == 1 and 0 < abs(next(iter(steps))) <= 10


def _digits_of_run(kinds: list[tuple[str, int]]) -> tuple[int, list[int]]:
    """How many digits a run of number words writes, and the values named in it."""
    digits = 0
    values: list[int] = []
    open_group = ""  # "x": tens waiting for a unit, "h": hundreds waiting for tens or units
    repeat = 1
    for i, (kind, value) in enumerate(kinds):
        following = kinds[i + 1][0] if i + 1 < len(kinds) else ""
        if kind == "c":
            continue
        if kind == "d":
            repeat = value
            continue
        if kind == "n":  # a group of digits (value * 10 + how many)
            digits += value % 10 * repeat if value % 10 == 1 else value % 10
            values.append(value // 10)
            repeat = 1
            open_group = ""
            continue
        if kind == "m":  # "beş yüz", "five hundred": the unit before became hundreds
            digits += 2
            open_group = "h"
            continue
        if kind == "u":
            values.append(value)
            if open_group:
                open_group = ""
                continue
            if following == "x" and kinds[i + 1][1] == 20 and value == 4:
                continue  # quatre-vingt(s): the tens that follow count it
            digits += repeat
            repeat = 1
        elif kind == "t":
            values.append(value)
            if open_group:
                open_group = ""
                continue
            digits += 2
        elif kind == "x":
            values.append(value)
            if open_group == "h":
                open_group = "x"
                continue
            digits += 2
            open_group = "x"
        elif kind == "h":
            values.append(value)
            digits += 3
            open_group = "h"
    return digits, values


def find_spelled_phones(text: str) -> list[Found]:
    """Runs of number words that write seven digits or more (``text``: visible form)."""
    found: list[Found] = []
    lower = text.lower()
    if len(lower) != len(text):
        lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    if "’" in lower or "ʼ" in lower:
        lower = lower.translate(_APOSTROPHES)
    words = [w.strip(_TRIM) for w in lower.split()]
    groups = sum(map(digit_group, words))
    pieces = sum(map(_STARTER_PIECES.__contains__, _PIECES.split(lower)))
    starters = sum(w.split("-")[0] in _STARTERS for w in words)
    if _spelled_enough(pieces, groups) and _spelled_enough(starters, groups):
        found += _word_runs(lower)
    if _CJK_GATE.search(text):
        for m in _CJK_DIGITS.finditer(text):
            values = [_CJK_VALUES[c] for c in m.group() if c in _CJK_VALUES]
            if not _progression(values):
                found.append(("pii_phone", 3, m.span(), "pii:phone_words_cjk"))
        for m in _HANGUL_DIGITS.finditer(text):
            if sum(c.strip() != "" and c != "-" for c in m.group()) >= 9:
                found.append(("pii_phone", 3, m.span(), "pii:phone_words_hangul"))
        for m in _KANA_DIGITS.finditer(text):
            if len(_KANA_LONG_RE.findall(m.group())) >= 4:
                found.append(("pii_phone", 3, m.span(), "pii:phone_words_kana"))
    return found


def _spelled_enough(spelled: int, digit_groups: int) -> bool:
    """Three number words, or two beside digit groups ("07 vingt-deux 41 soixante-trois 09")."""
    return spelled >= 3 or spelled == 2 and digit_groups >= 2


# number words that are everyday English words too, where they are: a range "112 to 118", "due thurs"
_RANGE_TO = re.compile(r"\d\s+to\s+\d")
_DUE_WHEN = re.compile(
    r"due\s+(?:on|by|in|at|next|this|tomorrow|tmrw|today|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday|\d{1,2}(?:st|nd|rd|th)\b)"
)


def _everyday(lower: str, start: int, end: int) -> bool:
    word = lower[start:end]
    if word == "to":
        return _RANGE_TO.match(lower, max(0, start - 2), end + 2) is not None or bool(
            _RANGE_TO.search(lower, max(0, start - 3), end + 3)
        )
    return word == "due" and _DUE_WHEN.match(lower, start) is not None


def _word_runs(lower: str) -> list[Found]:
    found: list[Found] = []
    run: list[tuple[int, int, tuple[str, int]]] = []

    def close() -> None:
        while run and run[-1][2][0] in "cd":
            run.pop()
        spelled = sum(kind[0] != "n" and not _everyday(lower, a, b) for a, b, kind in run)
        if len(run) >= 4 and spelled >= 2 and not glossary(run):
            digits, values = _digits_of_run([k for _, _, k in run])
            counting = _progression(values) or _progression(values[:-1]) or _progression(values[1:])
            if digits >= 7 and (not counting or PHONE_CUE.search(lower)):
                found.append(("pii_phone", 3, (run[0][0], run[-1][1]), "pii:phone_words"))
        run.clear()

    for m in _TOKEN.finditer(lower):
        word = m.group().strip(_TRIM)
        kind = NUMBER_WORDS.get(word)
        if kind is None and digit_group(word):
            # digits among number words: "seis uno ocho 22 cero nueve 41", "07700 nine zero zero 4 five 6"
            kind = ("n", int(word) * 10 + len(word))
        if kind is None or (not run and kind[0] in "cm"):
            close()
            continue
        if run and not _GAP.fullmatch(lower, run[-1][1], m.start()):
            close()
        if not run and kind[0] == "c":
            continue
        start = m.start() + m.group().index(word[:1]) if word else m.start()
        run.append((start, start + len(word), kind))
    close()
    return found
