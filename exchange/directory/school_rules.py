"""What a school record may hold, and who belongs to a school, as pure functions.

No Flask and no database here: the use cases in `schools.py` (and `services.create_school`)
turn a `None` or a refusal code from these functions into a translated sentence.
"""

from __future__ import annotations

from functools import cache
from typing import Literal
from zoneinfo import available_timezones

# ISO 3166-1 alpha-2: the 249 officially assigned codes, and XK (Kosovo: user-assigned, but the
# code the EU, the IMF and Unicode CLDR use). No exceptional reservations (EU, UN, AC, TA ...).
COUNTRY_CODES = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
    BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
    EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
    HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
    LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
    NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
    SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
    TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK
    """.split()
)

REGION_MAX = 120  # schools.region

# Who belongs to a school: its teachers, students and admins always; experts and guardians never
# (an expert visits many schools, a guardian follows their own child); a moderator either
# (a school's moderator, or the platform's when it has none).
SCHOOL_NEEDED: dict[str, Literal["required", "never", "optional"]] = {
    "teacher": "required",
    "student": "required",
    "admin": "required",  # a school admin; the platform administrator comes from `exchange admin create`
    "moderator": "optional",
    "expert": "never",
    "guardian": "never",
}


def country_code(value: str | None) -> str | None:
    """'no ' -> 'NO'; None when it is not an ISO 3166-1 alpha-2 code."""
    code = (value or "").strip().upper()
    return code if code in COUNTRY_CODES else None


def is_time_zone(name: str | None) -> bool:
    """An IANA time zone name this machine's zoneinfo knows (Europe/Oslo, America/Lima)."""
    return bool(name) and name in _zones()


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def clean_region(value: str | None) -> str | None:
    """Spaces collapsed; None when longer than the column holds."""
    region = " ".join((value or "").split())
    return region if len(region) <= REGION_MAX else None


def name_key(name: str | None) -> str:
    """How two school names are compared for sameness: spaces collapsed, case folded."""
    return " ".join((name or "").split()).casefold()


def school_reference(value: str | None) -> int | str | None:
    """What `--school` names: an id ('12', '#12') or an exact name; None when empty."""
    text = " ".join((value or "").split())
    if not text:
        return None
    digits = text[1:] if text.startswith("#") else text
    if digits.isascii() and digits.isdigit():
        return int(digits)
    return text


def school_refusal(role: str, has_school: bool) -> str | None:
    """A refusal code when the role and having a school do not fit, else None."""
    need = SCHOOL_NEEDED.get(role)
    if need is None:
        return "invalid_role"
    if need == "required" and not has_school:
        return "school_required"
    if need == "never" and has_school:
        return "school_not_allowed"
    return None
