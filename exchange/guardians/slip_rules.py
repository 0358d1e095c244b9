"""Pure rules of reply slips: the short reference printed on a slip, and reading it back as a
teacher types it ("slip 7k2q-4f"). No Flask, no database.

A reference names the letter it was cut from (a child's consent letter, a class's family update),
so a slip recorded on the wrong child's page is refused. It is not a secret: the teacher records.
"""

from __future__ import annotations

import hashlib

from .texting_rules import CODE_ALPHABET, CODE_LENGTH

KINDS = ("consent", "question")
ANSWERS = ("yes", "no")
DOCUMENTS = ("consent", "update")  # the consent letter of a child, the family update of a class
BODY_LIMIT = 1000


def slip_ref(document: str, object_id: int) -> str:
    """The reference printed on a slip: six characters, the same each time the letter is printed."""
    if document not in DOCUMENTS:
        raise ValueError(f"unknown slip document {document!r}")
    digest = hashlib.sha256(f"reply-slip:{document}:{int(object_id)}".encode()).digest()
    return "".join(CODE_ALPHABET[b % len(CODE_ALPHABET)] for b in digest[:CODE_LENGTH])


def read_slip(value: object) -> str | None:
    """A reference as typed ("Slip 7k2q 4f", "7K2Q-4F"), or None when it cannot be one."""
    if not isinstance(value, str):
        return None
    text = "".join(ch for ch in value.upper() if ch.isalnum())
    if text.startswith("SLIP"):
        text = text[4:]
    if len(text) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in text):
        return None
    return text
