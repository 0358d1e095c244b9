"""The pure rules of family messages (exchange/conversations/rules.py): the filter's verdict between
adults, school hours in the class's zone, the channel of an announcement, receipts, a text's excerpt."""

from __future__ import annotations

from datetime import datetime, time, timezone

from exchange.conversations import rules

OSLO = rules.Hours(days=(1, 2, 3, 4, 5), start=time(8, 15), end=time(14, 45), zone="Europe/Oslo")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def test_a_block_is_refused_and_a_worry_is_delivered_with_a_concern():
    assert rules.text_outcome("block", "", ["hate"]) == rules.Outcome(False, "", False, False)
    worry = rules.text_outcome("hold", "I want to kill myself", ["self_harm"])
    assert worry.deliver and worry.concern and worry.flagged
    rude = rules.text_outcome("hold", "you are a ****", ["profanity"])
    assert rude.deliver and rude.flagged and not rude.concern  # rudeness is no safeguarding matter
    plain = rules.text_outcome("allow", "See you on Friday", [])
    assert plain == rules.Outcome(True, "See you on Friday", False, False)
    assert rules.text_outcome("redact", "call ***", ["pii_phone"]).flagged


def test_school_hours_are_read_in_the_class_zone():
    # 2027-02-15 is a Monday; Oslo is UTC+1 in winter, UTC+2 in summer.
    assert rules.is_open(OSLO, at(2027, 2, 15, 7, 15))  # 08:15 in Oslo
    assert not rules.is_open(OSLO, at(2027, 2, 15, 7, 14))
    assert not rules.is_open(OSLO, at(2027, 2, 15, 13, 45))  # 14:45 in Oslo: closed
    assert rules.is_open(OSLO, at(2027, 6, 14, 6, 30))  # 08:30 in summer time
    assert not rules.is_open(OSLO, at(2027, 2, 20, 9, 0))  # a Saturday


def test_the_channel_follows_the_family_choice_when_it_can_reach_them():
    assert rules.channel_for("sms", has_email=True, has_phone=True) == "sms"
    assert rules.channel_for("sms", has_email=True, has_phone=False) == "email"  # no number: e-mail
    assert rules.channel_for("paper", has_email=True, has_phone=True) == "paper"
    assert rules.channel_for(None, has_email=False, has_phone=False) == "paper"  # every family gets a letter
    assert rules.channel_for("email", has_email=True, has_phone=True) == "email"


def test_receipts_count_channels_reads_and_letters_to_print():
    got = rules.receipts([("email", "sent", True), ("sms", "sent", False), ("paper", "to_print", False)])
    assert (got.total, got.read, got.to_print) == (3, 1, 1)
    assert got.by_channel == {"email": 1, "sms": 1, "paper": 1}
    assert rules.receipts([]).total == 0


def test_a_text_carries_the_prefix_and_as_much_of_the_message_as_fits_cut_at_a_word():
    short = rules.text_excerpt("School:", "See you on Friday.")
    assert short == "School: See you on Friday."
    long = rules.text_excerpt("School:", "word " * 200, limit=60)
    assert len(long) <= 60 and long.startswith("School: word") and long.endswith("…")
    assert " wor…" not in long  # never half a word
