"""Contact details typed with look-alike characters, read back as what they stand for.

"O176 9B4S 12O3" and "+34 6l2 O34 8S6" are phone numbers with letters in place of digits;
"sn4pch4t: rubyy_moon", "m41l: p4ul@gm41l.c0m" and "ѕnарсhаt" (Cyrillic letters) are
platform names and addresses in leetspeak or another script. Each function returns a view
of the text of the same length (so spans carry over), or None when there is nothing to
read back, and only touches tokens that mix kinds: a word of plain letters, a plain
number and a word wholly in Cyrillic stay as they are.
"""

from __future__ import annotations

import re
import unicodedata

from .normalize_tables import _CONFUSABLE

# Letters that stand for digits in a number: O 0, l I | 1, Z 2, З 3, S 5, B 8 (Latin and Cyrillic O).
_AS_DIGIT = str.maketrans(
    {
        "O": "0",
        "o": "0",
        "О": "0",
        "о": "0",
        "I": "1",
        "l": "1",
        "|": "1",
        "Z": "2",
        "З": "3",
        "з": "3",
        "S": "5",
        "B": "8",
    }
)
_DIGIT_TOKEN = re.compile(r"(?<![^\W\d_])[\dOoОоIl|ZЗзSB]*\d[\dOoОоIl|ZЗзSB]*(?![^\W\d_])")
_LOOKALIKE_NEXT_TO_DIGIT = re.compile(r"\d[OoОоIl|ZЗзSB]|[OoОоIl|ZЗзSB]\d")
# Digits that stand for letters in a word: 0 o, 1 i, 3 e, 4 a, 5 s, 7 t.
_AS_LETTER = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t"})
# a digit with a letter after it: "sn4pch4t", "1nst4", "c0m"; not "xbox360" or "kylie2012"
_DIGIT_THEN_LETTER = re.compile(r"[0-9][^\W\d_]")
_MIXED_TOKEN = re.compile(r"[^\W_]*[0-9][^\W\d_][^\W_]*")
_LATIN = re.compile(r"[a-zA-Z]")
_OTHER_SCRIPT = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_]+")
_TO_LATIN = {k: v for k, v in _CONFUSABLE.items() if len(k) == 1 and len(v) == 1 and v.isascii()}
_TO_LATIN.update(
    {"ѕ": "s", "і": "i", "ј": "j", "х": "x", "у": "y", "ԁ": "d", "ɡ": "g", "һ": "h", "ο": "o", "α": "a", "ν": "v"}
)
_TO_LATIN_TABLE = str.maketrans(_TO_LATIN)


# One letter typed between every group of digits to hide a number: "0x1x0x6x6x3x2x8x1x9x4", "06q71q33q90q24",
# "0a4a1a5a 2a7a3a 8a4a6 ignore the a's": the same letter each time, at least twice in a token. Not a letter
# that stands for a digit (o, l, s, z, b, g, i: ``digits_view`` reads those as digits)
_FILLED = re.compile(
    r"(?<![^\W_])(?<!#)\+?\d{1,4}([ac-fjkmnpqrtuvwxyAC-FJKMNPQRTUVWXY])\d{1,4}(?:\1\d{1,4})+\1?(?![^\W_])"
)
# Letters standing alone between separated digits: "70-x-11-x-52-x-89-x-64", "0.9.0.a.6.3.1.8.b.2.7.5.4",
# "7.7-a-5.3.1-b-8.4-c-2.6": any letters, each between two separators
_NOISY = re.compile(r"(?<![\w.\-])\+?\d+(?:[.\-](?:[a-zA-Z][.\-])*\d+)+(?![\w\-])")
_NOISE_LETTER = re.compile(r"(?<=[.\-])[a-zA-Z](?=[.\-])")
_YEAR_FIRST = re.compile(r"\+?(?:19|20)\d\d[.\-]")  # "2024-03-A-1187-4419": a ticket or an order, not a phone
_SIZE_AFTER = re.compile(r"\s*=|(?:cm|mm|m|km|px|ft)\b|\s(?:cm|mm|km|px|ft|inch|inches|pouces|zoll)\b")


def _unfilled(text: str) -> str | None:
    """The text with letters that hide a phone number's digits read as spaces (same length), or None: one
    filler letter between every group ("06q71q33q90q24"), or letters standing alone between separators
    ("70-x-11-x-52-x-89-x-64"). The phone finder then counts the digits, as for any number."""
    if not _DIGIT_THEN_LETTER.search(text) and not _NOISE_LETTER.search(text):
        return None
    chars = list(text)
    for m in _FILLED.finditer(text):
        if _filler_hides_digits(m, text):
            filler = m.group(1)
            for i in range(m.start(), m.end()):
                if chars[i] == filler:
                    chars[i] = " "
    for m in _ALTERNATING.finditer(text):
        if _letters_not_hex(m.group()):  # "0a5b5c9d2e7f1g3h8i0": one letter after each digit, read as spaces
            for i in range(m.start(), m.end()):
                if text[i].isalpha():
                    chars[i] = " "
    for m in _NOISY.finditer(text):
        if _letters_hide_digits(m.group()):  # the letters and the separators around them read as spaces
            for i in range(m.start(), m.end()):
                if not text[i].isdigit() and text[i] != "+":
                    chars[i] = " "
    view = "".join(chars)
    return view if view != text else None


# a letter after every digit, nine to thirteen digits: "0a5b5c9d2e7f1g3h8i0 take the letters out"
_ALTERNATING = re.compile(r"(?<![^\W_])\+?\d(?:[a-zA-Z]\d){8,12}(?![^\W_])")


def _letters_not_hex(run: str) -> bool:
    """Three different letters or more, one beyond "f", and digits that do not count on: a hex digest or colour, a
    grid's "1a2b3c4d5e6f7g8h9", is no phone number."""
    letters = {c.lower() for c in run if c.isalpha()}
    digits = [int(c) for c in run if c.isdigit()]
    counting = len({b - a for a, b in zip(digits, digits[1:])}) == 1
    return len(letters) >= 3 and not letters <= set("abcdef") and not counting


def _filler_hides_digits(m: re.Match[str], text: str) -> bool:
    """Not a pattern ("1f1f1f1f", "2x2x2x2"), and an "x" not a size or a product."""
    filler = m.group(1)
    groups = m.group().lstrip("+").replace(filler, " ").split()
    if len(set(groups)) <= 2:
        return False
    return filler not in "xX" or _times_as_filler(groups, text, m.end())


def _letters_hide_digits(run: str) -> bool:
    """Two letters or more among twice as many digits, not a ticket that starts with a year ("2024-03-A-1187")
    nor an answer key ("1-a-2-c-3-b")."""
    letters = len(_NOISE_LETTER.findall(run))
    digits = sum(c.isdigit() for c in run)
    return letters >= 2 and digits >= 2 * letters and not _YEAR_FIRST.match(run)


def _times_as_filler(groups: list[str], text: str, end: int) -> bool:
    """An "x" between digits is a filler only with no unit or "=" after it, in a long run of short groups
    ("0x1x0x6x6x3x2x8x1x9x4") or in four or more groups that start like a phone number ("06x12x34x56x78"),
    not a size or a product ("120x150x200 cm")."""
    if _SIZE_AFTER.match(text, end):
        return False
    digits = sum(map(len, groups))
    if len(groups) >= 8 and max(map(len, groups)) <= 2:
        return True
    return len(groups) >= 4 and groups[0].startswith("0") and 9 <= digits <= 13


def digits_view(text: str) -> str | None:
    """The text with letters read as digits inside tokens that already hold a digit, and filler
    letters between digit groups read as spaces."""
    unfilled = _unfilled(text)
    if unfilled is not None:
        text = unfilled
    if not _LOOKALIKE_NEXT_TO_DIGIT.search(text):
        return unfilled
    changed = unfilled is not None
    chars = list(text)
    for m in _DIGIT_TOKEN.finditer(text):
        token = m.group()
        if token.isdigit():
            continue
        chars[m.start() : m.end()] = token.translate(_AS_DIGIT)
        changed = True
    return "".join(chars) if changed else None


def contact_view(text: str) -> str | None:
    """The text with leetspeak digits inside words read as letters, and Cyrillic or Greek
    look-alikes inside words that also hold Latin letters read as Latin."""
    other_script = _OTHER_SCRIPT.search(text) is not None
    if not other_script and not _DIGIT_THEN_LETTER.search(text):
        return None
    chars = list(text)
    changed = False
    for m in _MIXED_TOKEN.finditer(text):
        token = m.group()
        letters = sum(c.isalpha() for c in token)
        if letters >= 1 and len(token) >= 2:
            chars[m.start() : m.end()] = token.translate(_AS_LETTER)
            changed = True
    if other_script:
        for m in _WORD.finditer(text):
            word = m.group()
            if _LATIN.search(word) and _OTHER_SCRIPT.search(word):
                chars[m.start() : m.end()] = word.translate(_TO_LATIN_TABLE)
                changed = True
    return "".join(chars) if changed else None


_SIX_SINGLES = re.compile(r"(?<!\S)\S (?:\S {1,2}){4}\S(?!\S)")


def collapsed_view(text: str) -> str | None:
    """A message typed letter by letter, read back: "r u e  d e s  p e u p l i e r s  1 8"
    is "rue des peupliers 18" (two spaces part the words). None unless most of the
    message's pieces are single characters. Not the same length: callers report the
    whole message."""
    if not _SIX_SINGLES.search(text):
        return None
    pieces = text.split(" ")
    filled = [p for p in pieces if p]
    singles = sum(1 for p in filled if len(p) == 1)
    letters = sum(1 for p in filled if len(p) == 1 and p.isalpha())
    if singles < 6 or singles < 0.7 * len(filled) or letters < 0.5 * singles:
        return None  # spaced digits are the phone finder's ("1 2 3 4 5 6 7 8 9 10" is counting)
    words: list[str] = []
    current = ""
    for piece in pieces:
        if piece:
            current += piece
        elif current:
            words.append(current)
            current = ""
    words.append(current)
    return " ".join(w for w in words if w)


# "the first digits ... the rest later": a number handed out in two pieces.
_REST = re.compile(
    r"(?i)(?<![^\W\d_])(?:the rest|rest of it|last (?:digits|part|ones)|second half|"
    r"el resto|los otros|las otras|los últimos|los ultimos|la suite|le reste|la fin|"
    r"den rest|der rest|rest schick|die letzten|o resto|os outros|os últimos|il resto|le altre|le ultime|"
    r"baaki|baki|last wale|zilizobaki|остальное|остальные|остаток|"
    r"الباقي|والباقي|باقي الرقم)(?![^\W\d_])|続き|残り|剩下|后面的|後面的"
)
# the pieces to be joined: "07700 ... then 900 ... then 562. put them together", "080 … 5273 … 8814 ←つなげてね";
# only when the first piece starts like a phone number (a recipe's "250 g …, 125 g …, put them together" does not;
# a sum's "jodo" or "اجمعهم" are not listed)
_JOIN = re.compile(
    r"(?i)(?<![^\W\d_])(?:put (?:them|em|'em|it) together|ziunganishe)(?![^\W\d_])|つなげて|繋げて|くっつけて"
)
_NINE_DIGITS = re.compile(r"(?:\d\D*){9}")
_DIGIT_RUN = re.compile(r"\d[\d \-.]*\d|\d")  # \d: Arabic-Indic, Devanagari and full-width digits too


def find_split_phone(text: str) -> list[tuple[str, int, tuple[int, int], str]]:
    """Digits of a phone number in two or more groups with words between them and a word
    for "the rest": "644 31... los otros te los digo luego: 77 02"; or, after a word for a phone
    number, in pieces held apart by pauses: "my number's 07 then 912... hang on... 44 then 6038".
    ``text``: visible form."""
    if not _NINE_DIGITS.search(text):
        return []
    rest = _REST.search(text)
    if rest is None:
        rest = _JOIN.search(text)
        first = _DIGIT_RUN.search(text)
        if rest is None or first is None or not first.group().startswith(("0", "+")):
            return _paused(text)
    runs = [m for m in _DIGIT_RUN.finditer(text) if sum(c.isdigit() for c in m.group()) >= 3]
    if len(runs) == 1 and ".." in runs[0].group():  # "0788 ... 321 ... 4456, put them together": dots are pauses
        runs = [m for m in _PIECE.finditer(text) if sum(c.isdigit() for c in m.group()) >= 3]
    count = sum(sum(c.isdigit() for c in m.group()) for m in runs)
    longest = max((sum(c.isdigit() for c in m.group()) for m in runs), default=0)
    if not 2 <= len(runs) <= 3 or not 9 <= count <= 13 or longest < 4:  # a phone number, in two or three pieces
        return _paused(text)  # "page 112 and 113, the rest on 114" is no number
    return [("pii_phone", 3, (runs[0].start(), max(runs[-1].end(), rest.end())), "pii:phone_split")]


# A word for a phone number, then a number dictated in pieces: the first starts with 0 or +, the
# pieces are two to five, each of two digits or more, close together ("06 … attends … 71 … 44 …
# et la fin 02 18", "最初が080…ちょっと待って…6114…で最後が2293", "الرقم أوله 0933 ... استنى ... بعدين 612")
_NUMBER_WORD = re.compile(
    r"(?i)(?<![^\W\d_])(?:number|numbers|numbr|nmbr|num|numéro|numero|número|nummer|namba|nambari|"
    r"phone|mobile|cell|tel|tél|portable|handy|celular|cel|call me|ring me|text me|area code|appelle-moi|digits|"
    r"chiffres|dígitos|digitos|cifre|ziffern|"
    r"llámame|llamame|ruf mich an|chiamami|me liga)(?![^\W\d_])|"
    r"(?:ال)?رقم\w*|نمرت\w*|नंबर|電話|番号|号码|號碼|手机"
)
# a pause while dictating: an ellipsis or a word for "wait"
_PAUSE = re.compile(
    r"(?i)\.\.|…|(?<![^\W\d_])(?:wait|hang on|hold on|attends|attendez|espera|esperá|warte|aspetta|ngoja|subiri|"
    r"ruko|ruk|rukh)(?![^\W\d_])|استنى|استنا|انتظر|ちょっと|待って|等一下|等等"
    r"|\[(?=(?:[^\]\d]*?[^\W\d_]){3})[^\]\d]{3,40}\]"  # an aside in brackets: "0802 [mods cant see if i split it] 739 [lol] 4416"
)
_PIECE = re.compile(r"\d[\d \-]*\d|\d")  # a piece of a number: dots are pauses ("06 ... 71"), not inside one
_DATE_OR_DECIMAL = re.compile(r"[.,/]\d")  # a piece followed by ".11", ",50", "/2024"
_PIECE_GAP = 40  # characters between two pieces: "... hang on ... 44 then"


# "then" between every two pieces of a dictated number: "نمرتي 06 مع 47 مع 21 مع 83 مع 59", "my number 07 then 91 then ..."
# and one or two more such words: "et après", "aur last me", "na mwisho", "وآخره" (and its last part)
_THEN_WORD = (
    r"(?:then|and|finally|last|puis|et|après|apres|ensuite|enfin|dann|und|danach|zuletzt|luego|y|después|despues|"
    r"al final|depois|e|no fim|poi|dopo|alla fine|phir|fir|aur|me|mein|kisha|halafu|mwisho|na|"
    r"مع|و?بعدين|ثم|و?بعده|و?بعدها|و?آخره|و?آخرها|والأخير|そして|それから|最後は|然后|最后|最後|再)"
)
_THEN = re.compile(rf"(?i)(?<![^\W\d_]){_THEN_WORD}(?:[\s,]+{_THEN_WORD}){{0,2}}(?![^\W\d_])")
_THEN_ALONE = re.compile(r"(?i)and|et|und|y|e|me|mein|na|aur|و")  # a gap of only these joins no dictation
# a word for "first" just before the first piece: "pehle 99 phir 301 …", "anza na 0701, kisha 55 …"
_FIRST = re.compile(
    r"(?i)(?<![^\W\d_])(?:first|pehle|pahle|kwanza|anza na|inaanza na|d'abord|zuerst|primero|primeiro|prima)"
    r"[\s,:]*$|(?:أوله|أولها|اوله|最初は|先頭は)[\s,:]*$"
)


def _progression(values: list[int]) -> bool:
    """Three numbers or more with one step or one ratio between them: "250 then 500 then 750", "1000 phir 500 phir 250"."""
    if len(values) < 3:
        return False
    steps = {b - a for a, b in zip(values, values[1:])}
    ratios = {b / a for a, b in zip(values, values[1:]) if a} if all(values) else set()
    return len(steps) == 1 or len(ratios) == 1


def _joined_by_then(text: str, pieces: list[re.Match[str]], pair: bool = False) -> bool:
    """Three pieces or more, each two joined by a word for "then" and nothing but punctuation besides, not counting
    up ("page numbers 012 then 045 then 067")."""
    digits = ["".join(c for c in p.group() if c.isdigit()) for p in pieces]
    values = [int(d) for d in digits]
    if not pair and (
        all(b > a for a, b in zip(values, values[1:])) and len(set(map(len, digits))) == 1 or _progression(values)
    ):
        return (
            False  # a phone's pieces counting up differ in length: "٠٧٩ بعدين ٥٥٥ وآخره ١٢٣٤"; "250 then 500 then 750"
        )
    gaps = [text[a.end() : b.start()].strip(" ,.;:-–…") for a, b in zip(pieces, pieces[1:])]
    return (pair or len(pieces) >= 3) and all(_THEN.fullmatch(g) and not _THEN_ALONE.fullmatch(g) for g in gaps)


def _dictated(text: str) -> list[tuple[str, int, tuple[int, int], str]]:
    """No word for a phone, but a number dictated in three pieces or more with a word for "then" between every two:
    "06 puis 73 puis 15 et après 28 04", "anza na 0701, kisha 55, halafu 9, mwisho 312", whatever other numbers the
    message has ("…, appelle après 18h"). The first piece starts like a national number (0) or follows a word for
    "first" ("pehle 99 phir 301 phir 47 aur last me 826")."""
    pieces = [m for m in _PIECE.finditer(text) if not _DATE_OR_DECIMAL.match(text, m.end())]
    runs: list[list[re.Match[str]]] = []
    for m in pieces:  # the pieces joined by "then", run by run
        if runs and _joined_by_then(text, [runs[-1][-1], m], pair=True):
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        count = sum(sum(c.isdigit() for c in m.group()) for m in run)
        first = run[0]
        led = first.group()[0] in "0+" or unicodedata.digit(first.group()[0], 1) == 0
        led = led or _FIRST.search(text, max(0, first.start() - 16), first.start()) is not None
        if len(run) >= 3 and 9 <= count <= 13 and led and _joined_by_then(text, run):
            return [("pii_phone", 3, (first.start(), run[-1].end()), "pii:phone_split")]
    return []


def _paused(text: str) -> list[tuple[str, int, tuple[int, int], str]]:
    cues = list(_NUMBER_WORD.finditer(text))
    if not cues:
        return _ellipsis_only(text) or _dictated(text)
    first_digit = _ANY_DIGIT.search(text)
    before = [c for c in cues if first_digit is None or c.end() <= first_digit.start()]
    cue = before[-1] if before else cues[0]  # "call me after school ok? my number starts 07700 … wait … 900"
    runs = [m for m in _PIECE.finditer(text, cue.end()) if sum(c.isdigit() for c in m.group()) >= 2]
    if any(_DATE_OR_DECIMAL.match(text, m.end()) for m in runs):
        return []  # "seit 03.11.2024 kaputt... kostet 89 Euro", "0.25, 0.50 ... 1.25": dates and decimals
    coded = "area code" in text[: runs[0].start()].lower() if runs else False  # "area code 614 then 555 then 0162"
    if (
        not runs
        or runs[0].start() - cue.end() > _PIECE_GAP
        or not (coded or runs[0].group().startswith(("0", "+", "٠")))
    ):
        return []
    pieces = [runs[0]]
    for run in runs[1:]:
        if run.start() - pieces[-1].end() > _PIECE_GAP:
            break
        pieces.append(run)
    count = sum(sum(c.isdigit() for c in m.group()) for m in pieces)
    if (
        not 2 <= len(pieces) <= 5
        or not 9 <= count <= 13
        or not (_PAUSE.search(text, pieces[0].end(), pieces[-1].start()) or _joined_by_then(text, pieces))
    ):
        return []  # "page numbers 012 to 045 then 067": no pause, no number being dictated
    return [("pii_phone", 3, (pieces[0].start(), pieces[-1].end()), "pii:phone_split")]


def _ellipsis_only(text: str) -> list[tuple[str, int, tuple[int, int], str]]:
    """No phone word, but a national number dictated in three to five pieces with a pause before each
    ("06 39... la prof regarde... 98 73 ... 05"): the first piece starts with 0, ten or eleven digits in all."""
    runs = [m for m in _PIECE.finditer(text) if sum(c.isdigit() for c in m.group()) >= 2]
    if not 3 <= len(runs) <= 5 or not runs[0].group().startswith(("0", "٠")):
        return []
    if max(sum(c.isdigit() for c in m.group()) for m in runs) < 3:
        return []  # "05... 04... 03... 02... 01... 🚀": a countdown, two digits at a time
    if any(_DATE_OR_DECIMAL.match(text, m.end()) for m in runs):
        return []
    gaps = [text[a.end() : b.start()] for a, b in zip(runs, runs[1:])]
    count = sum(sum(c.isdigit() for c in m.group()) for m in runs)
    if count not in (10, 11) or any(len(g) > _PIECE_GAP or not _ELLIPSIS.search(g) for g in gaps):
        return []
    return [("pii_phone", 3, (runs[0].start(), runs[-1].end()), "pii:phone_split")]


_ELLIPSIS = re.compile(r"\.\.|…")


# Half a number now and the rest later, so that no filter sees it whole: "first half 07700 9.. other half in
# my next msg", "number ka pehla half 99581 hai, baaki kal bataunga", "番号、前半は090-61まで。残りは明日",
# "namba inaanza 0745... zingine nitakutumia DM". A word for the number (or its first half), four to eight
# digits, and a word for the rest to come, or for a private channel.
_FIRST_HALF = re.compile(
    r"(?i)(?<![^\W\d_])(?:first half|first part|first digits|pehla half|pehle ke|la première moitié|le début|"
    r"la primera mitad|los primeros|die erste hälfte|die ersten|a primeira metade|os primeiros|la prima metà|"
    r"le prime|inaanza|zinaanza|commence par|empieza por|empieza con|começa com|fängt mit)(?![^\W\d_])"
    r"|اول نص|أول نص|النص الأول|أول جزء|前半|最初の|前面的|前几位"
)
_LATER = re.compile(
    r"(?i)(?<![^\W\d_])(?:other half|second half|next msg|next message|next comment|in dm|in dms|by dm|in my dms|"
    r"en mp|en dm|en privé|en prive|por dm|por privado|al privado|no privado|na dm|pelo direct|in privato|per dm|"
    r"zingine|nyingine|nitakutumia|baaki|baki|kal bataunga|kal bataungi|the rest|la suite|le reste|el resto|"
    r"la otra mitad|o resto|a outra metade|il resto|l'altra metà|den rest|der rest|die andere hälfte)(?![^\W\d_])"
    r"|النص التاني|النص الثاني|الباقي|بالخاص|عالخاص|التعليق الجاي|残り|後半|続き|剩下|后面的|私聊|下一条"
)
_HALF = re.compile(r"(?i)half")
_PART = re.compile(r"[+0-9٠-٩][\d\-. ]{2,12}\d")
_ANY_DIGIT = re.compile(r"\d")
_TIME_OR_DATE = re.compile(r"\d[.:]\d\d")


def find_half_phone(text: str) -> list[tuple[str, int, tuple[int, int], str]]:
    """The first digits of a phone number given with a word for the rest to come (``text``: visible form)."""
    if _LATER.search(text) is None:
        return []
    half = _FIRST_HALF.search(text)
    said = _NUMBER_WORD.search(text) or half
    least = 4 if said else 6  # with no word for a number: "06 39 98 ... la suite en mp"
    for m in _PART.finditer(text):
        part = m.group()
        if _TIME_OR_DATE.search(part):
            continue  # "Abgabe 03.11.2024, den Rest ...", "08.15-09.45, der Rest fällt aus"
        digits = sum(c.isdigit() for c in part)
        starts = (
            part.startswith(("0", "+", "٠"))
            or half is not None
            and _HALF.search(half.group()) is not None
            and part[0] in "6789"
        )  # India's mobiles: "pehla half 99581" (not "pehle ke 9000 de diye")
        if (
            starts
            and least <= digits <= 8
            and not _YEAR_FIRST.match(part)
            and not _DATE_OR_DECIMAL.match(text, m.end())
        ):
            return [("pii_phone", 3, m.span(), "pii:phone_half")]
    return []
