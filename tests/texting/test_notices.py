"""Short notices by text (a session happened, an approval is needed, a letter is coming) go only
to a guardian who chose text messages and gave a number; the default gateway writes one file per
message in the data folder's `sms` folder, in the family's language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

pytestmark = pytest.mark.demo_data

HANNE = "guardian.berg@home.example"


def _sent(app) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(app.config["SMS_DIR"]).glob("*.json"))]


def test_notices_follow_the_channel_the_guardian_chose(app, db_session):
    from exchange.accounts.models import User
    from exchange.guardians import texting

    hanne = db_session.scalar(select(User).where(User.email == HANNE))
    assert texting.notify_by_text(hanne, "letter_coming", child="Nora") is False  # no number yet
    texting.set_phone(hanne, "912 34 567", "email")  # read in Norway: her child's school is in Oslo
    assert texting.phone_of(hanne).number == "+4791234567"
    assert texting.notify_by_text(hanne, "letter_coming", child="Nora") is False  # she prefers e-mail
    assert _sent(app) == []
    texting.set_phone(hanne, "+47 912 34 567", "sms")
    assert texting.notify_by_text(hanne, "session_held", child="Nora", title="Seasons of the year") is True
    assert texting.notify_by_text(hanne, "approval_needed", child="Nora", what="Visits by experts") is True
    assert texting.notify_by_text(hanne, "letter_coming", child="Nora") is True
    sent = _sent(app)
    assert len(sent) == 3 and {m["to"] for m in sent} == {"+4791234567"}
    bodies = " | ".join(m["body"] for m in sent)
    assert "Seasons of the year" in bodies and "Visits by experts" in bodies and "letter about Nora" in bodies
    assert all(len(m["body"]) <= 480 for m in sent)
    texting.set_phone(hanne, "", "paper")  # no number, letters on paper: the number is forgotten, the choice kept
    kept = texting.phone_of(hanne)
    assert kept is not None and (kept.number, kept.channel) == ("", "paper")
    assert texting.notify_by_text(hanne, "letter_coming", child="Nora") is False
    with pytest.raises(ValueError):
        texting.notify_by_text(hanne, "birthday", child="Nora")


def test_a_notice_is_written_in_the_family_language(app, db_session):
    from exchange.accounts.models import User
    from exchange.guardians import texting

    hanne = db_session.scalar(select(User).where(User.email == HANNE))
    texting.set_phone(hanne, "+47 912 34 568", "sms")
    hanne.locale = "nb"
    db_session.commit()
    assert texting.family_language(hanne) == "nb"
    assert texting.notify_by_text(hanne, "letter_coming", child="Nora") is True
    assert "Nora" in _sent(app)[-1]["body"]  # its words follow once the catalogues translate them
    hanne.locale = ""
    db_session.commit()
    assert texting.family_language(hanne) == "en"
