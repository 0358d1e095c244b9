"""Pure rules of consent by text message: one-time codes, reading a reply, phone numbers.

A text's sender number can be forged, so a number alone never gives consent: the reply must
carry the one-time code the request sent to that number. No Flask, no database.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime

import phonenumbers

# No 0/O, 1/I/L: a code read aloud or typed on a keypad must not be mistaken.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
CODE_DAYS = 7  # how long a family has to answer a request by text
MAX_WRONG_CODES = 5  # wrong codes from a guardian's number before their open requests close
INBOUND_LIMIT = 480  # what we keep of a reply (three SMS segments)
CHANNELS = ("email", "sms", "paper")
NOTICES = ("session_held", "approval_needed", "letter_coming", "family_update")

# "yes" and "no" in the interface's languages; the request always names YES and NO too.
_YES = frozenset({"YES", "Y", "JA", "SI", "SÍ", "OUI", "NDIYO", "نعم"})
_NO = frozenset({"NO", "N", "NEI", "NON", "HAPANA", "لا"})
_TOKEN = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Reply:
    """What a text says: "yes" or "no" with a code, or neither (then it is a message to read)."""

    decision: str | None  # yes | no | None
    code: str | None


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def code_hash(code: str) -> str:
    """What we keep of a code (SHA-256 hex): a copy of the database does not answer a request."""
    return hashlib.sha256(("sms-consent:" + code.upper()).encode("utf-8")).hexdigest()


def clean_inbound(body: str) -> str:
    """A reply as we keep it: compatibility forms folded (full-width letters), invisible and control
    characters (bidi overrides, zero-width) dropped, whitespace collapsed, bounded."""
    folded = unicodedata.normalize("NFKC", body)
    kept = "".join(" " if ch.isspace() else ch for ch in folded if unicodedata.category(ch)[0] != "C" or ch.isspace())
    return " ".join(kept.split())[:INBOUND_LIMIT]


def read_reply(text: str) -> Reply:
    """A decision only when the whole reply is the word and the code ("YES 4F7K2Q", "4f7k2q yes");
    anything more ("yes, but not photos") is a message for the teacher, never consent."""
    tokens = _TOKEN.findall(clean_inbound(text).upper())
    if len(tokens) != 2:
        return Reply(None, None)
    for word, code in (tokens, tokens[::-1]):
        decision = "yes" if word in _YES else "no" if word in _NO else None
        if decision and looks_like_code(code):
            return Reply(decision, code)
    return Reply(None, None)


def looks_like_code(value: str) -> bool:
    return len(value) == CODE_LENGTH and all(ch in CODE_ALPHABET for ch in value.upper())


def request_problem(*, expires_at: datetime, used_at: datetime | None, now: datetime) -> str | None:
    """Why a request can no longer be answered, or None while it is open."""
    if used_at is not None:
        return "request_closed"
    if expires_at <= now:
        return "request_expired"
    return None


def e164(raw: str, region: str | None) -> str:
    """A phone number in E.164 ("+4791234567"), read in `region` (ISO 3166 alpha-2) when it has no
    "+country"; ValueError("needs_country" | "invalid_number") when it is not a real number."""
    text = clean_inbound(raw)
    if not text or len(text) > 32:
        raise ValueError("invalid_number")
    if text.startswith("00"):  # the international prefix most of the world dials
        text = "+" + text[2:]
    if not text.startswith("+") and not region:
        raise ValueError("needs_country")
    try:
        parsed = phonenumbers.parse(text, (region or "").upper() or None)
    except phonenumbers.NumberParseException:
        raise ValueError("needs_country" if not region else "invalid_number") from None
    if not phonenumbers.is_valid_number(parsed):
        raise ValueError("invalid_number")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def masked(number: str) -> str:
    """How the guardian sees their own number on a page: the last three digits only ("•••• 567")."""
    return "•••• " + number[-3:] if len(number) > 3 else "••••"
