"""Staff invitations and the teacher CSV, as pure functions.

No Flask and no database: the use cases in `invitations.py` turn the codes returned here into
translated sentences. Like guardian invitations, a link carries a random token and the server
keeps only its SHA-256.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

INVITATION_DAYS = 14
STAFF_ROLES = ("teacher", "admin")  # who is invited: a school's teachers, a school's first admin
CSV_COLUMNS = ("first_name", "last_name", "email")
CSV_MAX_ROWS = 500
CSV_MAX_BYTES = 256 * 1024  # 500 rows of names and addresses fit many times over
NAME_MAX = 80
EMAIL_MAX = 254
EMAIL_RE = re.compile(r"^[^@\s]{1,64}@[^@\s]{1,190}\.[^@\s]{2,63}$")  # the same shape accounts accept


def new_token() -> tuple[str, str]:
    """A random invitation token (32 bytes, URL-safe) and the SHA-256 hex we keep of it."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_shape_ok(token: object) -> bool:
    """Tokens we hand out are 43 characters; anything far from that names no invitation."""
    return isinstance(token, str) and 20 <= len(token) <= 100


def invitation_problem(*, expires_at: datetime, used_at: datetime | None, now: datetime) -> str | None:
    if used_at is not None:
        return "invitation_used"
    if expires_at <= now:
        return "invitation_expired"
    return None


def clean_email(value: str | None) -> str | None:
    """Trimmed and lower-cased; None when it does not look like an address."""
    email = (value or "").strip().lower()
    return email if len(email) <= EMAIL_MAX and EMAIL_RE.match(email) else None


@dataclass(frozen=True)
class CsvRow:
    line: int  # the line of the file (the header is line 1)
    first_name: str
    last_name: str
    email: str


@dataclass(frozen=True)
class CsvProblem:
    line: int  # 0: the file as a whole
    code: str  # csv_encoding | csv_header | csv_empty | csv_too_many | csv_too_large | missing_first_name ...
    value: str = ""


def read_teacher_csv(data: bytes) -> tuple[list[CsvRow], list[CsvProblem]]:
    """The rows of a teacher CSV (header `first_name,last_name,email`, in any order and case;
    UTF-8 with or without a byte-order mark; at most CSV_MAX_ROWS rows, blank lines skipped),
    and every problem found, each with its line number. Rows are returned only when there is no
    problem at all: an upload is taken whole or not at all."""
    if len(data) > CSV_MAX_BYTES:
        return [], [CsvProblem(0, "csv_too_large")]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [CsvProblem(0, "csv_encoding")]
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        return [], [CsvProblem(0, "csv_unreadable")]
    numbered = [(i + 1, rec) for i, rec in enumerate(records) if any(cell.strip() for cell in rec)]
    if not numbered:
        return [], [CsvProblem(0, "csv_empty")]
    header_line, header = numbered[0]
    names = [h.strip().lower() for h in header]
    if sorted(names) != sorted(CSV_COLUMNS):
        return [], [CsvProblem(header_line, "csv_header", ",".join(header)[:120])]
    where = {name: names.index(name) for name in CSV_COLUMNS}
    body = numbered[1:]
    if not body:
        return [], [CsvProblem(0, "csv_empty")]
    if len(body) > CSV_MAX_ROWS:
        return [], [CsvProblem(0, "csv_too_many", str(len(body)))]
    rows: list[CsvRow] = []
    problems: list[CsvProblem] = []
    seen: dict[str, int] = {}
    for line, rec in body:
        if len(rec) != len(names):
            problems.append(CsvProblem(line, "wrong_columns", str(len(rec))))
            continue
        first = " ".join(rec[where["first_name"]].split())
        last = " ".join(rec[where["last_name"]].split())
        raw_email = rec[where["email"]].strip()
        email = clean_email(raw_email)
        if not first or len(first) > NAME_MAX:
            problems.append(CsvProblem(line, "bad_first_name", first[:40]))
        if len(last) > NAME_MAX:
            problems.append(CsvProblem(line, "bad_last_name", last[:40]))
        if email is None:
            problems.append(CsvProblem(line, "bad_email", raw_email[:60]))
        elif email in seen:
            problems.append(CsvProblem(line, "duplicate_email", f"{email}|{seen[email]}"))
        else:
            seen[email] = line
            rows.append(CsvRow(line, first, last, email))
    return ([] if problems else rows), problems
