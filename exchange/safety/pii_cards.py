"""Card and bank-account numbers said to be one, and digits hidden between symbols.

``pii_numbers`` masks a card number only when it passes the Luhn check, so an order number
of 16 digits passes. A child copying a parent's card often mistypes it, or types a made-up
one to show off, and says what it is: "mum's card is 1234 5678 9012 3456 cvv 321",
"номер карты", "银行卡号", "カード番号", "namba ya kadi". Here a run of 12 to 19 digits
within a few words of a card word, and 8 to 18 digits after an account word ("account
number", "número de cuenta", "Kontonummer", "счёт", "رقم الحساب", "口座番号"), are read as
such whatever their checksum. A card's security code or expiry after a card word too.

Also: phone and card digits split by emoji or symbols ("07🔥911🔥123", "4111 💳 1111 💳 …"), which
``symbols_as_spaces`` turns into spaces (same length) for the phone and card detectors; and phone digits in katakana
("ゼロキューゼロ イチニサンヨン").
"""

from __future__ import annotations

import re

from .pii_iban import iban_runs

Found = tuple[str, int, tuple[int, int], str]  # category, severity, span, rule

_CARD_WORDS = (
    r"card|cards|credit|debit|visa|mastercard|amex|cvv|cvc|cvv2|"
    r"tarjeta|tarjetas|carte|cartes|cb|kreditkarte|karte|bankkarte|ec-karte|girocard|"
    r"cart[aã]o|cartao|carta|bancomat|postepay|"
    r"карта|карты|карту|карте|картой|картка|картки|"
    r"kadi|"
    r"kaart|kort|kortti|karta|karty|kart"
)
_CARD_CUE = re.compile(
    r"(?i)(?<![^\W\d_])(?:" + _CARD_WORDS + r")(?![^\W\d_])|بطاقة|بطاقه|البطاقة|فيزا|कार्ड|"
    r"卡号|卡號|银行卡|信用卡|储蓄卡|カード|クレカ|카드"
)
_ACCOUNT_CUE = re.compile(
    r"(?i)(?:account (?:number|no\.?|#)|acct|sort code|routing number|bank account|"
    r"n[uú]mero de cuenta|cuenta bancaria|clabe|num[ée]ro de compte|compte bancaire|rib|"
    r"kontonummer|bankkonto|numero di conto|conto corrente|n[uú]mero da conta|conta banc[aá]ria|ag[eê]ncia|"
    r"номер сч[её]та|сч[её]т|расч[её]тный|рахунок|akaunti ya benki|namba ya akaunti|"
    r"खाता संख्या|खाता नंबर|account no|बैंक खाता)"
    r"|رقم الحساب|حساب بنكي|الحساب البنكي|口座番号|口座|银行账号|银行帐号|账户|계좌"
)
_TRANSFER = re.compile(
    r"(?i)iban|überweis|ueberweis|transfer|virement|bonifico|money|geld|argent|dinero|dinheiro|soldi|"
    r"перевед|переве|آيبان|الآيبان|ايبان|حول|حوّل"
)
_LONG_NUMBER = re.compile(r"(?<![\d\-./])\d(?:(?:[\-./]| {1,3})?\d){11,18}(?![\d\-]|[./]\d)")
_ACCOUNT_NUMBER = re.compile(r"(?<![\d\-./])\d(?:[ \-]?\d){7,17}(?![\d\-]|[./]\d)")
_SECURITY = re.compile(
    r"(?i)(?<![^\W\d_])(?:cvv2?|cvc|csc|security code|code de s[ée]curit[ée]|c[oó]digo de seguridad|"
    r"pr[üu]fnummer|codice di sicurezza|c[oó]digo de seguran[cç]a|код|exp|expiry|expires|valid thru|"
    r"validade|gültig bis|caducidad|vence|scadenza)\s*[:=]?\s*\d{2,4}(?:\s?/\s?\d{2,4})?"
)
_REACH = 45
_EIGHT_DIGITS = re.compile(r"\d(?:(?:[\-./]| {1,3})?\d){7}")  # necessary for both kinds, searched first


def find_cards_said(text: str) -> list[Found]:
    """Numbers next to a card or account word, whatever their checksum (``text``: visible form)."""
    found: list[Found] = []
    if _EIGHT_DIGITS.search(text) is None:
        return found
    cues = [m.span() for m in _CARD_CUE.finditer(text)]
    if cues:
        for m in _LONG_NUMBER.finditer(text):
            if any(abs(m.start() - e) <= _REACH or abs(s - m.end()) <= _REACH for s, e in cues):
                found.append(("pii_card", 3, m.span(), "pii:card_said"))
        if found:
            found += [("pii_card", 3, m.span(), "pii:card_code") for m in _SECURITY.finditer(text)]
    for cue in _ACCOUNT_CUE.finditer(text):
        number = _ACCOUNT_NUMBER.search(text, cue.end(), min(len(text), cue.end() + _REACH))
        if number is not None:
            found.append(("pii_card", 3, number.span(), "pii:bank_account"))
    # an IBAN of its country's length after an account or transfer word, mistyped or made up: shared all the
    # same ("überweis mir auf DE00 …"); with no such word an IBAN-shaped reference number ("Reference GB82 …")
    # is not one (the valid ones are ``pii_numbers.find_bank``'s)
    for start, end, valid in iban_runs(text):
        before = text[max(0, start - _REACH) : start]
        if not valid and (_ACCOUNT_CUE.search(before) or _TRANSFER.search(before)):
            found.append(("pii_iban", 3, (start, end), "pii:iban_said"))
    return found


# --- digits split by symbols ---------------------------------------------------------------

# Between two digits: emoji, pictographs, stars, bullets, tildes, pipes (not a space, a
# bracket, a dot or a dash: the phone detector reads those itself; nor a sign of a sum,
# "12×15=180" is homework).
_BETWEEN_DIGITS = re.compile(r"(?<=\d)\s?(?:[^\w\s().\-/+,:;'\"!?×÷=−%<>≤≥^]|_|\ufe0f|\u200d){1,8}(?=\s?\d)")


# A number typed a piece a line: "nitumie msg kwa\n07\n20\n48\n19\n36", "+44\n7700\n900\n123". Three to seven lines of
# one to five digits only, nine to thirteen digits in all, starting with 0, "+" or three digits or more; not counting
# on in equal steps (a times table's "07\n14\n21\n28"), not times of day ("0850\n0940\n1040"), not a score sheet's
# small numbers ("12\n15\n18\n20").
_DIGIT_LINES = re.compile(r"(?<![^\n])[ \t]*\+?\d{1,5}(?:[ \t]*\r?\n[ \t]*\d{1,5}){2,6}[ \t]*\r?(?![^\n])")


def _number_by_lines(m: re.Match[str]) -> bool:
    pieces = m.group().split()
    values = [int(p.lstrip("+")) for p in pieces]
    steps = {b - a for a, b in zip(values, values[1:])}
    digits = sum(c.isdigit() for c in m.group())
    times = all(len(p) == 4 and int(p[:2]) < 24 and int(p[2:]) < 60 for p in pieces)
    leading = pieces[0].startswith(("0", "+", "٠", "०", "０")) or len(pieces[0]) >= 3
    return 9 <= digits <= 13 and leading and len(steps) > 1 and not times


def has_symbol_between_digits(text: str) -> bool:
    return _BETWEEN_DIGITS.search(text) is not None or (
        "\n" in text and any(_number_by_lines(m) for m in _DIGIT_LINES.finditer(text))
    )


def symbols_as_spaces(text: str) -> str:
    """The text with symbols between digits made spaces, and the line breaks of a number typed a piece a line,
    keeping every position."""
    text = _BETWEEN_DIGITS.sub(lambda m: " " * len(m.group()), text)
    if "\n" in text:
        text = _DIGIT_LINES.sub(lambda m: m.group().replace("\n", " ") if _number_by_lines(m) else m.group(), text)
    return text


# --- katakana digits -----------------------------------------------------------------------

_KATAKANA_LONG = "ゼロ|レイ|マル|イチ|サン|ヨン|ロク|ナナ|シチ|ハチ|キュウ|キュー"
# between the readings: spaces, "の", "・", a long-vowel mark, or a picture ("ゼロキューゼロ🐰ニーサンゴーロク🐰…")
_KATAKANA_DIGITS = re.compile(
    rf"(?:(?:{_KATAKANA_LONG}|ニー|ニイ|ニ|ゴー|ゴウ|ゴ|シ|ク|キュ)[\s\-の、・ー\U0001F300-\U0001FAFF\u2600-\u27BF\ufe0f]*){{7,}}"
)
_KATAKANA_LONG_RE = re.compile(_KATAKANA_LONG)


_HIRAGANA_TO_KATAKANA = {c: c + 0x60 for c in range(0x3041, 0x3097)}


def find_katakana_phones(text: str) -> list[Found]:
    """Seven or more digits written in kana, four of them with a longer reading ("ぜろきゅーぜろ、よんよん…"
    is read as katakana: the same length, so the spans hold)."""
    if re.search(r"[ぜれまいさよろなしはき]", text):
        text = text.translate(_HIRAGANA_TO_KATAKANA)
    if not re.search(r"[ゼレマイサヨロナシハキ]", text):
        return []
    return [
        ("pii_phone", 3, m.span(), "pii:phone_words_kana")
        for m in _KATAKANA_DIGITS.finditer(text)
        if len(_KATAKANA_LONG_RE.findall(m.group())) >= 4 and not _counting(m.group())
    ]


_KANA_VALUE = {
    "ゼロ": 0,
    "レイ": 0,
    "マル": 0,
    "イチ": 1,
    "ニー": 2,
    "ニ": 2,
    "サン": 3,
    "ヨン": 4,
    "シ": 4,
    "ゴー": 5,
    "ゴ": 5,
}
_KANA_VALUE |= {
    "ニイ": 2,
    "ゴウ": 5,
    "ロク": 6,
    "ナナ": 7,
    "シチ": 7,
    "ハチ": 8,
    "キュウ": 9,
    "キュー": 9,
    "キュ": 9,
    "ク": 9,
}
_KANA_READING = re.compile("|".join(sorted(_KANA_VALUE, key=len, reverse=True)))


def _counting(run: str) -> bool:
    """ "いち、に、さん、し…" or "きゅう、はち、なな…": counting one by one, up or down, not a number."""
    values = [_KANA_VALUE[r] for r in _KANA_READING.findall(run)]
    steps = {b - a for a, b in zip(values, values[1:])}
    return steps == {1} or steps == {-1}
