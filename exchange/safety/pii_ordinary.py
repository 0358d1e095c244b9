"""Numbers that classroom talk is full of, so that they are not read as phone or card numbers.

Years, dates, decimals, thousands, counting and times tables, file and order numbers, a
product's code or barcode, quantities with their unit, the two sides of a sum: each is ruled
out before phonenumbers is asked, which also keeps the common case cheap. A phone word nearby
("ring meg 1 2 3 - 4 5 - 6 7 8") turns the counting rules off: then a plain run of digits is
read as a number given out.
"""

from __future__ import annotations

import re
import unicodedata

_DATE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
_DAYS = re.compile(r"^\d{1,2}[./]\d{1,2}(?:\s+\d{1,2}[./]\d{1,2})+$")  # "5/7 5/14 5/21": days of a timetable
_THOUSANDS = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")
_DECIMAL = re.compile(r"^[-+]?\d+[.,]\d+$")
# "2 145 906" (French, Russian thousands; never with a leading 0, which a phone has); "612 345 678" starts with three digits and
# is left to phonenumbers, since Spanish mobiles are written that way.
_SPACED_THOUSANDS = re.compile(r"^[1-9]\d?(?:[ \u00a0\u202f]\d{3})+$")
_GROUPS = re.compile(r"\d+")
_YEAR_FIRST_REFERENCE = re.compile(
    r"^(?:19|20)\d\d[/-]\d{3,6}(?:[/-]\d{1,6})?$"
)  # "2024-118273": a file number, not a phone
# An order, ticket or invoice number: its digits are no phone number ("номер заказа
# 72451190-0034", "order no. ARB-20261203-009918", "namba ya oda ni KE-20261203-558812").
_REFERENCE_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])(?i:order|orders|заказ\w*|замовлення|oda|طلب|الطلب|pedido|commande|bestell\w*|ordine|"
    r"encomenda|sipariş\w*|zamówieni\w*|tilaus\w*|bestilling\w*|beställning\w*|bestelling|pesanan|"
    r"đơn hàng|ticket|tickets|билет\w*|квиток|tracking|invoice|rechnung|factura|facture|fattura|fatura|"
    r"reference|ref|referencia|référence)(?![^\W\d_])|订单|注文|주문)[^\d\n]{0,14}$|(?<![^\W\d_])[A-Z]{2,5}-$"
)
# A product's code, barcode or serial number, a little further back ("the product code for the calculator
# is 07811 452 930", "la référence du produit c'est 3760 1234 5678 9", "商品コード 4901234567894").
_PRODUCT_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])(?i:product code|product number|barcode|bar code|ean|isbn|serial number|model number|"
    r"artikelnummer|art\.-nr\.?|produktnummer|seriennummer|strichcode|"
    r"código (?:del |de )?(?:producto|barras)|codigo (?:del |de )?(?:producto|barras)|número de serie|numero de serie|"
    r"référence du produit|reference du produit|code(?:-| )barre|code produit|numéro de série|numero de serie|"
    r"codice (?:del )?prodotto|codice a barre|numero di serie|"
    r"código (?:do )?produto|codigo (?:do )?produto|código de barras|número de série|numero de serie)"
    r"(?![^\W\d_])|商品コード|製品番号|型番|バーコード|シリアル番号|条形码|条码|货号|商品编号|序列号)[^\d\n]{0,30}$"
)
# An order or invoice number named as such, further back than a bare "order" reaches: "Order number for the class
# T-shirts is 4471-2209-118", "Die Bestellnummer für die Klassen-T-Shirts ist 0815-4471-22".
_NAMED_REFERENCE_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])(?i:order number|order no|invoice number|reference number|ticket number|tracking number|"
    r"bestellnummer|auftragsnummer|rechnungsnummer|sendungsnummer|ticketnummer|"
    r"n[úu]mero de (?:pedido|factura|referencia|seguimiento)|n[º°] de pedido|"
    r"num[ée]ro de (?:commande|facture|r[ée]f[ée]rence|suivi)|n° de commande|"
    r"numero (?:d'ordine|dell'ordine|di fattura|di riferimento|di tracciamento)|"
    r"n[úu]mero (?:do pedido|da encomenda|da fatura|de rastreio|de rastreamento))(?![^\W\d_])"
    r"|注文番号|订单号|訂單號|주문번호)[^\d\n]{0,40}$"
)
# Words of contact beside a named order number. Not pii_numbers.PHONE_CUE: that one counts "number", "Nummer",
# "número", which the order number's own name holds; this one adds the apps and verbs a number is passed on with.
_PHONE_WORD = re.compile(
    r"(?i)(?<![^\W\d_])(?:call|text|ring|phone|tel|mobile|cell|whatsapp|wa|sms|anruf\w*|ruf|handy|telefon\w*|"
    r"ll[aá]ma\w*|m[oó]vil|celular|tel[eé]fono|appelle\w*|portable|t[eé]l[eé]phone|chiama\w*|cellulare|telefono|"
    r"lig[au]\w*|zap|telem[oó]vel|txt|msg|dm|message|hmu|snap|snapchat|signal|telegram|facetime|schreib\w*|"
    r"escr[ií]beme|[ée]cris-moi|scrivimi|chama|line|insta|discord)(?![^\W\d_])|電話|电话|手机|微信|加我|ライン|LINE"
)
# ... or, just before, a quiz's game PIN, a contest's entry number, a pupil's school number, a puzzle's row
_QUIZ_BEFORE = re.compile(
    r"(?:(?<![^\W\d_])(?i:kahoot|quizizz|blooket|game pin|teilnehmernummer|startnummer|participant number|entry number|"
    r"test id|student id|student number|schülernummer|matrikelnummer|numéro d'élève|número de alumno|sudoku)(?![^\W\d_])"
    r"|カフート|学籍番号|学生番号|出席番号|受験番号|学号|考号|数独)[^\d\n]{0,12}$"
)
# A unit after the digits, or "=" before them: a measurement or the result of a sum.
_QUANTITY_AFTER = re.compile(
    r"\s?(?:km|cm|mm|kg|miles|km²|m²|°|%|€|\$|£|¥|habitants|inhabitants|people|personnes|personas|"
    r"pessoas|persone|einwohner|человек|жителей|лет|years|ans|años|anos|anni|jahre|light-years|km/h|"
    # ... or a count of words, pages or points ("in 1945. 300 words, due Thursday")
    r"words|pages|points|pts|mots|palabras|páginas|puntos|wörter|seiten|punkte|parole|pagine|punti|palavras|"
    r"pontos|слов|страниц|очков)(?![^\W\d_])"
)
_RESULT_BEFORE = re.compile(r"[=≈]\s?$")
_SUM_AFTER = re.compile(r"\s?[=≈]\s?[\d?]")  # "612 345 / 5 = ??": a sum to work out (not "07700 900123 =D")
# a multiplication or division written with its own sign: its numbers, and its answer wherever it is given, are
# no phone numbers ("987654 × 321 = ? मेरा जवाब 317036934 आया", "123456789×9っていくつ？ 1111111101になった")
_ARITHMETIC = re.compile(r"(?<![\d.,])(\d{1,12})\s?([×÷])\s?(\d{1,12})(?![\d.,])")
_DECIMAL_BEFORE = re.compile(r"\d[.,]\d{4,}\s$")  # "3,14159 26535 89793": the digits of a long decimal, grouped
_NUMBER_BEFORE = re.compile(r"(?<![\d.,])(\d{1,3})\s+$")


def ruled_out_here(text: str, start: int, end: int, cue: bool = False) -> bool:
    """Whether what surrounds the digits at text[start:end] says they are no contact detail. ``cue``: a phone word
    is in the message, and then a product, a quiz or a sequence nearby does not excuse a number ("sudoku done,
    call me 0612345678")."""
    return bool(
        _REFERENCE_BEFORE.search(text, max(0, start - 30), start)
        and not _PHONE_WORD.search(text)  # "WhatsApp me 😉 reference number 07912 345678" is a phone
        or _named_reference(text, start)
        or _QUANTITY_AFTER.match(text, end)
        or _DECIMAL_BEFORE.search(text, max(0, start - 16), start)
        or not cue
        and (
            _RESULT_BEFORE.search(text, max(0, start - 3), start)
            or _SUM_AFTER.match(text, end)
            or _worked_out(text, start, end)
            or _PRODUCT_BEFORE.search(text, max(0, start - 50), start)
            or _QUIZ_BEFORE.search(text, max(0, start - 30), start)
            and text[start] not in "0+"  # a quiz's PIN never starts with 0 or +: "kahoot pin 07700900123 😉" does
            or _continues_a_sequence(text, start, end)
        )
    )


def _worked_out(text: str, start: int, end: int) -> bool:
    """The digits at text[start:end] are a number of a multiplication or division in the message, or its answer."""
    if "×" not in text and "÷" not in text:
        return False
    digits = "".join(c for c in text[start:end] if c.isdigit())
    first = text[start]
    if first == "+" or unicodedata.digit(first, 1) == 0:
        return False  # "07700900461×1", "+44…": a phone number starts that way, a sum's numbers do not
    for m in _ARITHMETIC.finditer(text):
        a, sign, b = int(m.group(1)), m.group(2), int(m.group(3))
        if min(a, b) <= 1 or max(len(m.group(1)), len(m.group(3))) >= 11:
            continue  # "9876543210×1": a phone number times one is still the phone number
        answers = {a * b} if sign == "×" else ({a // b} if b and a % b == 0 else set())
        if digits in {m.group(1), m.group(3)} or any(digits == str(n) for n in answers):
            return True
    return False


def _named_reference(text: str, start: int) -> bool:
    """An order or invoice number named as such before the digits, and no word of contact anywhere in the message
    ("order number? just text me 07700 900123", "WhatsApp me 😉 reference number 07912 345678" stay phones)."""
    named = _NAMED_REFERENCE_BEFORE.search(text, max(0, start - 64), start)
    return named is not None and not _PHONE_WORD.search(text)


def _continues_a_sequence(text: str, start: int, end: int) -> bool:
    """The rest of a times table that ran past one candidate: "... 96 112 | 128 144 160"."""
    before = _NUMBER_BEFORE.search(text, max(0, start - 6), start)
    if before is None:
        return False
    values = [int(before.group(1)), *(int(g) for g in _GROUPS.findall(text[start:end]))]
    steps = {b - a for a, b in zip(values, values[1:])}
    return len(values) >= 4 and len(steps) == 1


def product_code_before(text: str, start: int) -> bool:
    """A product's code or barcode is named just before: its check digit may pass Luhn like a card's."""
    return _PRODUCT_BEFORE.search(text, max(0, start - 50), start) is not None


def looks_like_ordinary_number(candidate: str, cue: bool = False) -> bool:
    """Years, dates, counting, thousands: the numbers pupils write all day. ``cue``: a phone word stands nearby
    ("ring meg 1 2 3 - 4 5 - 6 7 8"), so counting and plain quantities are read as a number given out."""
    compact = candidate.strip()
    if (
        _DATE.match(compact)
        or _DAYS.match(compact)
        or _THOUSANDS.match(compact)
        or _DECIMAL.match(compact)
        or _SPACED_THOUSANDS.match(compact)
    ):
        return True
    groups = _GROUPS.findall(compact)
    if all(len(g) == 4 and 1000 <= int(g) <= 2100 for g in groups) or _YEAR_FIRST_REFERENCE.match(compact):
        return True  # "1914 1918 1939 1945", "2024-2025"; a file number that starts with its year, "2024-118273"
    if cue:
        return False
    if len(groups) >= 3 and max(len(g) for g in groups) <= 3:
        values = [int(g) for g in groups]
        steps = {b - a for a, b in zip(values, values[1:])}
        if len(steps) == 1 and (abs(steps.pop()) <= 10 or len(groups) >= 5):
            return True  # counting "1 2 3 4 5 6 7 8", "10 20 30 40"; a times table "16 32 48 64 80 96 112" (not "611 622 633")
    digits = "".join(groups)
    if len(groups) == 1 and (len(set(digits[1:])) == 1 or len(digits) <= 8 and digits[0] != "0" and compact[0] != "+"):
        return True  # a plain quantity such as 1500000 or 8336817; laughter: "233333333", "6666666"
    return False


def digits_of(candidate: str) -> str:
    """The digits of a candidate, its separators left out."""
    return "".join(_GROUPS.findall(candidate))


def digit_count(candidate: str) -> int:
    return len(digits_of(candidate))
