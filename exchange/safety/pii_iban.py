"""IBANs: the shape of each country's account numbers, and the ISO 13616 mod-97 check.

Kept apart from ``pii_numbers`` (cards, keycaps and spelled phones) because the registry of
lengths is long and changes on its own schedule.
"""

from __future__ import annotations

import re

# Two letters, two check digits, then 11 to 30 letters or digits, maybe in groups of four.
_IBAN = re.compile(r"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ \-]?[A-Z0-9]){11,30}")
_IBAN_GATE = re.compile(r"[A-Z]{2}\d\d")
_IBAN_LENGTHS = {  # ISO 13616 registry, the countries pupils here are likely to name
    "AD": 24,
    "AE": 23,
    "AL": 28,
    "AT": 20,
    "AZ": 28,
    "BA": 20,
    "BE": 16,
    "BG": 22,
    "BH": 22,
    "BR": 29,
    "BY": 28,
    "CH": 21,
    "CR": 22,
    "CY": 28,
    "CZ": 24,
    "DE": 22,
    "DK": 18,
    "DO": 28,
    "EE": 20,
    "EG": 29,
    "ES": 24,
    "FI": 18,
    "FO": 18,
    "FR": 27,
    "GB": 22,
    "GE": 22,
    "GI": 23,
    "GL": 18,
    "GR": 27,
    "GT": 28,
    "HR": 21,
    "HU": 28,
    "IE": 22,
    "IL": 23,
    "IQ": 23,
    "IS": 26,
    "IT": 27,
    "JO": 30,
    "KW": 30,
    "KZ": 20,
    "LB": 28,
    "LI": 21,
    "LT": 20,
    "LU": 20,
    "LV": 21,
    "MC": 27,
    "MD": 24,
    "ME": 22,
    "MK": 19,
    "MR": 27,
    "MT": 31,
    "MU": 30,
    "NL": 18,
    "NO": 15,
    "PK": 24,
    "PL": 28,
    "PS": 29,
    "PT": 25,
    "QA": 29,
    "RO": 24,
    "RS": 22,
    "SA": 24,
    "SE": 24,
    "SI": 19,
    "SK": 24,
    "SM": 27,
    "TN": 24,
    "TR": 26,
    "UA": 29,
    "VA": 22,
    "VG": 24,
    "XK": 20,
}


def iban_valid(iban: str) -> bool:
    """ISO 13616: the right length for the country and remainder 1 modulo 97."""
    compact = iban.replace(" ", "").replace("-", "")
    if _IBAN_LENGTHS.get(compact[:2]) != len(compact):
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def iban_runs(text: str) -> list[tuple[int, int, bool]]:
    """IBAN-shaped runs of their country's length: (start, end, passes mod-97)."""
    runs: list[tuple[int, int, bool]] = []
    if not _IBAN_GATE.search(text):
        return runs
    pos = 0
    while (iban := _IBAN.search(text, pos)) is not None:
        # the country's length says where it ends: the next word may be another number
        want, seen, end = _IBAN_LENGTHS.get(iban.group()[:2], 0), 0, iban.start()
        for end, ch in enumerate(iban.group(), iban.start() + 1):
            seen += ch.isalnum()
            if seen == want:
                break
        if seen == want:
            runs.append((iban.start(), end, iban_valid(text[iban.start() : end])))
            pos = end
        else:
            pos = iban.start() + 1
    return runs
