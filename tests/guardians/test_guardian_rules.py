"""The pure consent, retention and letter rules, table-driven (no server, no database)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email import message_from_bytes, policy

import pytest

from exchange.guardians import letters, rules
from exchange.outbox import FolderOutbox


@dataclass
class Row:  # the attributes of a consent record that the rules read
    status: str
    method: str
    signed_on: date | None = None
    recorded_at: datetime | None = None
    guardian_name: str = ""
    withdrawn_at: datetime | None = None


NOW = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "newest,cross_school,expected",
    [
        (None, False, None),  # one school among itself: no consent needed
        (None, True, "consent_missing"),
        (Row("granted", "online", recorded_at=NOW), True, None),
        (Row("granted", "paper", signed_on=date(2026, 9, 1), recorded_at=NOW), True, None),
        (Row("withdrawn", "online", recorded_at=NOW, withdrawn_at=NOW), True, "consent_withdrawn"),
        (Row("withdrawn", "paper", recorded_at=NOW, withdrawn_at=NOW), False, None),
    ],
)
def test_refusal(newest, cross_school, expected):
    assert rules.refusal(rules.state_from("exchanges", newest), cross_school=cross_school) == expected


def test_state_keeps_how_and_when():
    paper = rules.state_from(
        "file_sharing",
        Row("granted", "paper", signed_on=date(2026, 9, 1), recorded_at=NOW, guardian_name="Kari Haugen"),
    )
    assert (paper.status, paper.method, paper.on, paper.guardian_name) == (
        "granted",
        "paper",
        date(2026, 9, 1),
        "Kari Haugen",
    )
    online = rules.state_from(
        "exchanges", Row("withdrawn", "online", recorded_at=NOW - timedelta(days=3), withdrawn_at=NOW)
    )
    assert (online.status, online.on, online.withdrawn_on) == ("withdrawn", date(2026, 11, 19), date(2026, 11, 22))
    assert rules.state_from("expert_visits", None).status == "missing"


@pytest.mark.parametrize(
    "term_end,days,expected",
    [
        (None, 0, False),
        (date(2026, 6, 20), 365, False),
        (date(2025, 11, 22), 365, False),  # the 365th day after the term's last day is today: not yet
        (date(2025, 11, 21), 365, True),
        (date(2026, 11, 21), 0, True),
        (date(2026, 11, 22), 0, False),
    ],
)
def test_retention_due(term_end, days, expected):
    assert rules.retention_due(term_end, days, NOW) is expected


@pytest.mark.parametrize(
    "signed,expected",
    [
        (date(2026, 11, 22), None),
        (date(2026, 11, 23), None),
        (date(2026, 11, 24), "date_in_future"),
        (date(2025, 1, 1), None),
        (date(2024, 11, 1), "date_too_old"),
    ],
)
def test_paper_dates(signed, expected):
    assert rules.paper_date_problem(signed, date(2026, 11, 22)) == expected


def test_invitation_tokens_and_states():
    token, hashed = rules.new_token()
    assert len(token) >= 43 and hashed == rules.token_hash(token) and token not in hashed and len(hashed) == 64
    assert rules.new_token()[0] != token
    assert rules.invitation_problem(expires_at=NOW + timedelta(days=1), used_at=None, now=NOW) is None
    assert rules.invitation_problem(expires_at=NOW, used_at=None, now=NOW) == "invitation_expired"
    assert rules.invitation_problem(expires_at=NOW + timedelta(days=1), used_at=NOW, now=NOW) == "invitation_used"


def test_export_csv_is_spreadsheet_safe():
    out = rules.export_csv(
        [
            {
                "room_id": 1,
                "room_title": "Oslo",
                "seq": 3,
                "at": "2026-11-22T12:00:00Z",
                "kind": "message",
                "body": '=HYPERLINK("x")',
                "removed": False,
            }
        ],
        [{"room_id": 1, "room_title": "Oslo", "name": "+drawing.png", "status": "approved"}],
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["body"] == '\'=HYPERLINK("x")' and rows[0]["removed"] == "false"
    assert rows[1]["type"] == "file" and rows[1]["file_name"] == "'+drawing.png"


@pytest.mark.parametrize(
    "requested,prefs,expected",
    [
        ("ar", (), "ar"),
        ("AR-eg", (), "ar"),
        ("nb", (), "nb"),
        ("no", (), "nb"),
        ("zz", ("no", "en"), "nb"),
        (None, ("en",), "en"),
        (None, ("sw", "en"), "sw"),
        ("fr", (), "en"),
        (None, (None, "es"), "es"),
    ],
)
def test_letter_language(requested, prefs, expected):
    assert letters.choose(requested, prefs) == expected


def test_every_built_in_letter_is_complete_and_arabic_is_right_to_left():
    for code, texts in letters.BUILT_IN.items():
        assert set(texts) == set(letters.KEYS), code
        filled = letters.fill(
            texts, {"child": "Nora %(x)s Berg", "class_name": "9A", "school": "Fjordvik", "teacher": "A. L."}
        )
        assert "Nora %(x)s Berg" in filled["title"], code  # names are data, never placeholders
    assert letters.direction("ar") == "rtl" and letters.direction("nb") == "ltr"


def test_outbox_writes_rfc5322_messages(tmp_path):
    box = FolderOutbox(tmp_path / "outbox", "Classroom Exchange <no-reply@exchange.example>")
    name = box.send(
        to="hanne@home.example", subject="Nyheter fra 9A – Ærø", text="Hei Hanne,\nGod jul!", html="<p>Hei</p>"
    )
    files = list((tmp_path / "outbox").iterdir())
    assert [f.name for f in files] == [name] and name.endswith(".eml")
    msg = message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert msg["To"] == "hanne@home.example" and msg["Subject"] == "Nyheter fra 9A – Ærø"
    assert msg["Date"] and msg["Message-ID"].endswith("@exchange.example>")
    assert msg.get_body(preferencelist=("plain",)).get_content().startswith("Hei Hanne,")
    assert b"\r\n" in files[0].read_bytes()  # SMTP line endings


def test_smtp_outbox_speaks_to_a_relay():
    """A minimal SMTP relay on loopback receives exactly the message the outbox sends."""
    import socketserver
    import threading

    from exchange.outbox import SmtpOutbox

    received: list[bytes] = []

    class Relay(socketserver.StreamRequestHandler):
        def handle(self):
            self.wfile.write(b"220 relay ready\r\n")
            while line := self.rfile.readline():
                verb = line[:4].upper()
                if verb in (b"EHLO", b"HELO"):
                    self.wfile.write(b"250 relay\r\n")
                elif verb == b"DATA":
                    self.wfile.write(b"354 go on\r\n")
                    data = b""
                    while (chunk := self.rfile.readline()) != b".\r\n":
                        data += chunk
                    received.append(data)
                    self.wfile.write(b"250 queued\r\n")
                elif verb == b"QUIT":
                    self.wfile.write(b"221 bye\r\n")
                    return
                else:
                    self.wfile.write(b"250 ok\r\n")

    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), Relay) as relay:
        threading.Thread(target=relay.serve_forever, daemon=True).start()
        box = SmtpOutbox(host="127.0.0.1", port=relay.server_address[1], sender="School <school@fjordvik.example>")
        message_id = box.send(to="hanne@home.example", subject="News\r\nBcc: evil@x.example", text="Hei Hanne")
        relay.shutdown()
    assert len(received) == 1
    msg = message_from_bytes(received[0], policy=policy.default)
    assert msg["Message-ID"] == message_id and msg["To"] == "hanne@home.example"
    assert msg["Subject"] == "News Bcc: evil@x.example" and msg["Bcc"] is None  # no header injection
    with pytest.raises(ValueError):
        box.send(to="hanne@home.example\r\nBcc: evil@x.example", subject="x", text="y")


# Pure rules: the same on any database (scripts/test runs them in the SQLite pass only).
pytestmark = pytest.mark.backend_independent
