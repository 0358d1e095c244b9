"""Contact details that belong to an institution, not to a pupil: told to families or a partner class.

A teacher gives the school office's number so that parents ring it when a child is ill ("parents should
ring the school office on 0161 496 0123", "la vie scolaire au 01 99 00 12 34", "学校代表番号 03-1234-5678");
a school is where the partner class already knows the pupils are. The office is named right before the
number, and nobody's own number stands between ("the school office, or my mum on 07..." stays a phone).
An office's mailbox at the institution's own domain is told to families the same way (``office_mailbox``).
"""

from __future__ import annotations

import re

from .pii_home import institutional

Found = tuple[str, int, tuple[int, int], str]  # category, severity, span, rule

_REACH = 60  # characters between the office's name and its number
_SCHOOL_OFFICE = re.compile(
    r"(?i)(?:(?<![^\W\d_])(?:school office|school'?s office|school reception|front office|main office|"
    r"office of the school|school switchboard|vie scolaire|secrétariat|secretariat|standard du (?:collège|lycée|college|lycee)|"
    r"sekretariat|schulsekretariat|schulbüro|secretaría|secretaria|oficina del colegio|oficina de la escuela|"
    r"segreteria|ofisi ya shule|ofisi ya mwalimu mkuu|school ka office|school office ke|"
    r"مكتب المدرسة|ادارة المدرسة|إدارة المدرسة|الرقم الموحد|رقم المدرسة|هاتف المدرسة|تلفون المدرسة|канцеляри[яи] школы|приёмн(?:ая|ой) школы)(?![^\W\d_])"
    r"|(?i:(?<![^\W\d_])(?:(?:call|ring|phone) the (?:school|office)|llam(?:ad|en|a) al (?:colegio|cole|instituto)|"
    r"appelez (?:le collège|le college|l'école|l'ecole|le lycée|le lycee)|chiamate la scuola|"
    r"lig(?:uem|ue|a) (?:para a|pra|para) (?:escola|secretaria)|ruft (?:in der|die) schule)(?![^\W\d_]))"
    r"|学校(?=（|\()|学校に電話|स्कूल ऑफिस|विद्यालय कार्यालय|学校代表番号|学校の代表番号|学校の電話|職員室|学校电话|学校办公室|教务处)"
)
_SOMEONE_OWN = re.compile(
    r"(?i)(?<![^\W\d_])(?:my|me|mine|mum|mom|dad|her|his|mon|ma|mes|mi|mis|meu|minha|mein|meine|meinem|mio|mia|"
    r"yangu|mera|meri|mere|رقمي|جوالي|موبايلي)(?![^\W\d_])|私の|僕の|俺の|うちの|我的"
)


def public(text: str, finding: Found) -> bool:
    """The finding is an institution's address (``pii_home.institutional``) or the school office's number."""
    category, _, span, _ = finding
    if category == "pii_address":
        return institutional(text, span)
    if category != "pii_phone":
        return False
    lo = max(0, span[0] - _REACH)
    office = None
    for office in _SCHOOL_OFFICE.finditer(text, lo, span[0]):
        pass
    return office is not None and _SOMEONE_OWN.search(text, office.end(), span[0]) is None


# An office's mailbox at an institution's domain ("info@sakura-jh.ed.jp", "secretariat@college-lessaules.fr"): a
# school's or a museum's, told to families like the office's number; not at any other domain
_ROLE_MAILBOX = re.compile(
    r"(?i)\s*(?:info|office|admin|administration|contact|contacto|contatto|kontakt|enquiries|inquiries|reception|"
    r"secretariat|secrétariat|secretariado|secretaria|secretaría|sekretariat|segreteria|direction|"
    r"direccion|direzione|schulleitung|verwaltung|ofisi|mapokezi)\s*@\s*(?P<host>[\w\-]+)\s*\.(?P<rest>[\w\-.]*)"
)
# an institution's own domain: a school, a university, a museum, a library, a public body
_INSTITUTION_DOMAIN = re.compile(
    r"(?i)(?:^|[.\-])(?:edu|ac|sch|k12|ed|gov|gouv|gob)(?:[.\-]|$)|school|schule|ecole|école|escuela|escola|scuola|"
    r"college|collège|colegio|lycee|lycée|gymnas|shule|primary|academy|museum|musee|museo|univ|library|bibliothe|biblioteca"
)
_FREE_MAIL = frozenset(  # a role's name there is somebody's own address
    "gmail googlemail yahoo ymail hotmail outlook live msn icloud me aol gmx web t-online freenet yandex mail "
    "rambler qq 163 126 sina rediffmail protonmail proton zoho naver daum hanmail libero virgilio orange free "
    "laposte sfr wanadoo bluewin uol bol terra".split()
)


def office_mailbox(address: str) -> bool:
    """An office's mailbox (a role's name) at an institution's domain."""
    role = _ROLE_MAILBOX.match(address)
    if role is None or role.group("host").lower() in _FREE_MAIL:
        return False
    return _INSTITUTION_DOMAIN.search(role.group("host") + "." + role.group("rest")) is not None
