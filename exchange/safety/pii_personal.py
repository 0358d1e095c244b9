"""Personal numbers and secrets that are not contact details: a password or login, a date of birth
with its year, and the number of a card or record that names one child (a student number, a
library card, a bus pass, a health-insurance or tax number).

Each needs its word and, close after it, what the word announces: "password: Hund2012!", "mdp de
l'ENT : …", "学籍番号は20120000", "née le 07/09/2012". The word alone is ordinary classroom talk
("I forgot my password", "my birthday is in May", "library card day"), and a number alone is a
page, a score or a year. A password given as an example ("a strong password looks like Tree42!") is
advice, not a secret; only a pupil's birth year (2000-2024) is held, so a parent's, a teacher's or a
famous person's birthday ("Mozart was born on 27/01/1756") is not.
Full-width digits arrive as ASCII (``Folded.visible``) and symbols between digits as spaces.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .pii_gates import contains_any

Found = tuple[str, int, tuple[int, int], str]  # category, severity, span, rule

# a letter boundary that also holds for Devanagari vowel signs and CJK neighbours
_B = r"(?<![^\W\d_])"
_E = r"(?![^\W\d_])"

_SECRET_WORD = re.compile(
    r"(?i)" + _B + r"(?:password|passwort|passwd|pwd|pw|mdp|mot de passe|contraseña|contrasena|clave|"
    r"senha|parola d'ordine|codice d'accesso|пароль\w*|парол|nenosiri|neno la siri|wifi key|wlan-schlüssel|"
    r"clé wifi|code wifi|(?:contra|pass)(?=\s*[:=]))"
    + _E
    + r"|密码|密碼|パスワード|パス(?=\s*(?:は|:|：))|كلمة السر|كلمة المرور|"
    r"الباسوورد|الباسورد|باسوورد|باسورد|الرمز السري|पासवर्ड"
)
# what a password looks like: Latin letters with digits, or six digits and more, no spaces ("Maryam@2011",
# "tiger_000"); Chinese and Japanese write it straight after their word ("密码是xiaoyu_000")
_SECRET = re.compile(r"(?<![!-~])(?:(?=[!-~]*\d)(?=[!-~]*[A-Za-z])[!-~]{4,40}|\d{6,})(?![!-~])")
_EXAMPLE = re.compile(
    r"(?i)\b(?:like|such as|e\.g\.|example|weak|strong|como|ejemplo|comme|exemple|zum beispiel|beispiel|esempio|"
    r"exemplo|например|jaise|mfano|must|should|debe|doit|muss|deve|должен)\b|例如|比如|例えば|مثل|जैसे"
)
_SECRET_CORES = contains_any(
    "pass pw pwd mdp contra clave senha parola codice пароль парол nenosiri neno wifi wlan clé code "
    "密码 密碼 パスワード パス كلمة باسو باسورد الرمز पासवर्ड".split()
)

_BIRTH_WORD = re.compile(
    r"(?i)" + _B + r"(?:born|birthday|b-?day|dob|d\.o\.b\.?|date of birth|nac[ií]|nacida|nacido|nacimiento|"
    r"cumpleaños|née|né|naissance|anniversaire|geboren|geb\.|geburtstag|geburtsdatum|nasci|nascid[oa]|"
    r"nascimento|anivers[aá]rio|nat[oa]|nascita|compleanno|родил\w*|рождени\w*|др|"
    r"nilizaliwa|kuzaliwa|janam|paida)" + _E + r"|生日|出生|生まれ|誕生日|生年月日|जन्म\w*|ولدت|مواليد|الميلاد|ميلادي"
)
_BIRTH_CORES = contains_any(
    "born bday b-day birth dob d.o.b nací naci nacid nacim cumple né naiss anniv geb nasc aniv nato nata compleanno "
    "родил рожден др "
    "zaliwa janam paida 生日 出生 生まれ 誕生日 生年月日 जन्म ولدت مواليد الميلاد ميلادي".split()
)
# a whole date, day, month and year (any year: the nearest date to the word decides, see ``_birth_dates``)
_YEAR = r"(?P<year>1\d{3}|20\d\d)"
_FULL_DATE = re.compile(
    rf"(?<!\d)(?:\d{{1,2}}\s?[./\-]\s?\d{{1,2}}\s?[./\-]\s?{_YEAR}|{_YEAR.replace('year', 'y2')}\s?[./\-]\s?\d{{1,2}}\s?[./\-]"
    rf"\s?\d{{1,2}}|{_YEAR.replace('year', 'y3')}\s?年\s?\d{{1,2}}\s?月\s?\d{{1,2}}\s?日?|"
    rf"\d{{1,2}}\.?\s+(?:de\s+)?[^\W\d_]{{3,12}}\.?\s+(?:de\s+)?{_YEAR.replace('year', 'y4')})(?!\d)"
)
# the years of pupils and of their brothers and sisters: a parent's or a teacher's birth date, and a famous
# person's ("Harry Potter's birthday is 31 July 1980", "Гагарин родился 9 марта 1934"), are not held
_PUPILS_YEARS = range(2000, 2025)
# a birth certificate is a document to bring on a trip, not a birth ("certidão de nascimento", "acte de naissance")
_CERTIFICATE = re.compile(
    r"(?i)(?:certid[aã]o de|certificado de|acta de|partida de|acte de|certificato di|certificate of|"
    r"свидетельств\w* о|cheti cha|शपथ|प्रमाण)\s*$|(?i:birth certificate|geburtsurkunde)"
)
_NEAR = 40

# the cards and records of one child, beside those of ``pii_numbers`` (passports, national ids)
_RECORD_WORD = re.compile(
    r"(?i)" + _B + r"(?:student (?:id|no\.?|number|card)|pupil number|admission (?:no\.?|number)|roll (?:no\.?|number)|"
    r"library card|oyster|bus pass|nhs(?: no\.?| number)|ni number|sin number|travel card|learner'?s permit|driver'?s licen[cs]e|national insurance|"
    r"(?-i:NI|NHS|SIN|PPS|CURP|NSS|PAN|CF|NIDA|NHIF)(?: (?:no\.?|number|card))?|medicare|health card|"
    r"schülernummer|schülerausweis\w*|\w*versicherten\w*|versichertennummer|steuer-?id|steuernummer|"
    r"\w*ausweisnummer|personalausweis\w*|tarjeta sanitaria|seguridad social|carte vitale|sécurité sociale|"
    r"registre national|carte d'identité|passe navigo|carte (?:de (?:la )?)?(?:bibliothèque|médiathèque|cantine)|"
    r"numéro (?:d'élève|étudiant|fiscal)|codice fiscale|tessera (?:sanitaria|della biblioteca|dell[a'] ?\w+)|"
    r"passaporto|carta d'identità|matricola|cartão de cidadão|cartão do sus|carteirinha|passaporte|"
    r"matr[ií]cula|polis|полис( омс)?|свидетельств\w* о рождении|читательск\w* билет|студенческ\w*|"
    r"школьн\w* карт\w*|namba ya (?:mwanafunzi|kitambulisho|usajili)|kadi ya maktaba|cheti cha kuzaliwa|"
    r"pasipoti|aadhar|aadhaar|pan card|library card|लाइब्रेरी कार्ड|पैन कार्ड|रोल नंबर|"
    r"رقم جواز\w*|جواز\w*|الرقم المدني|الرقم الوطني|رقم الهوية|الهوية|بطاقة المكتبة|رقم الطالب|паспорт\w*|"
    r"social(?=\s+(?:is|number|no|#)))"
    r"|学籍番号|学生証|保険証|図書館カード|マイナンバー|住民票|パスポート|学号|学生证|护照|護照|身份证|身份證|身分證|社保卡|借书证|"
    r"图书证|医保卡|账号|帳號"
)
# needles every record word holds, lower case; the acronyms (NI, PAN, CF...) only as written, upper case
_RECORD_CORES = contains_any(
    "student pupil admission roll n library oyster bus pass ni number sin number nhs travel card learner driver "
    "national medicare health schüler versicherten steuer ausweis tarjeta sanitaria seguridad social carte "
    "sécurité registre passe navigo numéro codice tessera passaport carta d matricol matr cartão carteirinha "
    "polis полис свидетельств читательск студенческ школьн namba ya kadi ya cheti pasipoti aadha pan card "
    "लाइब्रेरी पैन रोल جواز المدني الوطني الهوية بطاقة المكتبة رقم الطالب паспорт 学籍 学生 保険証 図書館 "
    "マイナンバー 住民票 パスポート 学号 护照 護照 身份证 身份證 身分證 社保 借书 图书 医保 账号 帳號".split()
)
_RECORD_ACRONYMS = contains_any("NI NHS SIN PPS CURP NSS PAN CF NIDA NHIF".split())
# letters and at least five digits, with single spaces, dots or dashes between ("QQ 00 00 00 A")
_RECORD_NUMBER = re.compile(r"(?<![0-9A-Za-z])[A-ZА-Я]{0,5}\s?\d(?:[\s\-./·・]?[\dA-Z]){3,24}(?![\d])")
_DATE_ONLY = re.compile(r"\d{1,2}[./\-]\d{1,2}[./\-]\d{2,4}")
_FOUR_DIGITS = re.compile(r"\d(?:\D{0,3}\d){3}")  # a year or a record number has them; most messages do not
_ASCII_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹०१२३४५६७८९", "0123456789" * 3)


def find_personal(text: str, lower: str) -> list[Found]:
    """Passwords, birth dates and record numbers, each after its word (``text``: visible form)."""
    found: list[Found] = []
    if _SECRET_CORES(lower):
        found += _after(_SECRET_WORD, text, _SECRET, "pii_secret", "pii:password", 30, advice=True)
    if not _FOUR_DIGITS.search(text):
        return found
    if _BIRTH_CORES(lower):
        found += _birth_dates(text.translate(_ASCII_DIGITS))  # same length: "١٢/٠٣/٢٠١١"
    if _RECORD_CORES(lower) or _RECORD_ACRONYMS(text):
        found += _after(_RECORD_WORD, text, _RECORD_NUMBER, "pii_id", "pii:record_number", 35, accept=_record_like)
    return found


def _after(
    word: re.Pattern[str],
    text: str,
    value: re.Pattern[str],
    category: str,
    rule: str,
    reach: int,
    advice: bool = False,
    accept: Callable[[str], bool] = lambda _value: True,
) -> list[Found]:
    """The first value within ``reach`` characters after each word that ``accept`` takes (a date is no
    record number); with ``advice``, none when an example is being given ("looks like Tree42!")."""
    for cue in word.finditer(text):
        for m in value.finditer(text, cue.end(), min(len(text), cue.end() + reach + 25)):
            if m.start() > cue.end() + reach:
                break
            if not accept(m.group()):
                continue
            if advice and _EXAMPLE.search(text, max(0, cue.start() - 30), m.start()):
                break
            return [(category, 3, (cue.start(), m.end()), rule)]
    return []


def _record_like(value: str) -> bool:
    """Six digits or more, or four among two letters in one piece ("AAAPA0000A", "CA00000AA"); never
    a date or a sum ("35000")."""
    digits = sum(c.isdigit() for c in value)
    piece = max(value.split(), key=len)
    mixed = sum(c.isalpha() for c in piece) >= 2 and sum(c.isdigit() for c in piece) >= 4
    return (digits >= 6 or mixed) and not _DATE_ONLY.search(value)


def _birth_dates(text: str) -> list[Found]:
    """The date nearest a word of birth, within a few words either side, when it has a pupil's year."""
    words = [m.span() for m in _BIRTH_WORD.finditer(text) if not _certificate(text, m)]
    if not words:
        return []
    dates = list(_FULL_DATE.finditer(text))
    for start, end in words:
        near = [(min(abs(d.start() - end), abs(start - d.end())), d) for d in dates]
        near = [(gap, d) for gap, d in near if gap <= _NEAR]
        if not near:
            continue
        date = min(near, key=lambda pair: pair[0])[1]
        year = next(int(y) for y in date.groups() if y)
        if year in _PUPILS_YEARS:
            return [("pii_id", 3, (min(start, date.start()), max(end, date.end())), "pii:birth_date")]
    return []


def _certificate(text: str, word: re.Match[str]) -> bool:
    """A word of birth naming a document ("certidão de nascimento", "birth certificate")."""
    return bool(
        _CERTIFICATE.search(text, max(0, word.start() - 22), word.start())
        or _CERTIFICATE.match(text, word.start(), word.end() + 12)
    )
