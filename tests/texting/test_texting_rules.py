"""Pure rules of text messages: one-time codes, reading a reply, phone numbers, and the settings
that choose the gateway (a wrong one refuses to start, with a sentence)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from exchange.config import load_config
from exchange.guardians import texting_rules as rules

NOW = datetime(2027, 2, 17, 8, 30, tzinfo=timezone.utc)


def test_codes_are_six_unambiguous_characters_kept_only_as_a_hash():
    codes = {rules.new_code() for _ in range(200)}
    assert len(codes) > 190
    for code in codes:
        assert len(code) == 6 and not set(code) & set("01OIL")
        assert rules.looks_like_code(code) and rules.looks_like_code(code.lower())
    code = codes.pop()
    assert rules.code_hash(code) == rules.code_hash(code.lower()) != rules.code_hash(rules.new_code())
    assert code not in rules.code_hash(code) and len(rules.code_hash(code)) == 64


@pytest.mark.parametrize(
    "text, decision, code",
    [
        ("YES 4F7K2Q", "yes", "4F7K2Q"),
        ("yes 4f7k2q", "yes", "4F7K2Q"),
        ("4F7K2Q YES", "yes", "4F7K2Q"),
        ("  No,  4F7K2Q. ", "no", "4F7K2Q"),
        ("JA 4F7K2Q", "yes", "4F7K2Q"),  # the family's own language
        ("Hapana 4F7K2Q", "no", "4F7K2Q"),
        ("ＹＥＳ　４Ｆ７Ｋ２Ｑ", "yes", "4F7K2Q"),  # full-width letters, as some phones type them
        ("YES 4F7\u200bK2Q", "yes", "4F7K2Q"),  # a zero-width space inside the code
        ("YES", None, None),  # no code: never consent
        ("YES 4F7K2Q but no photos", None, None),  # more than the answer: a message for the teacher
        ("YES 4F7K20", None, None),  # 0 is not in the alphabet
        ("MAYBE 4F7K2Q", None, None),
        ("", None, None),
    ],
)
def test_a_reply_is_a_decision_only_when_it_is_the_word_and_the_code(text, decision, code):
    assert rules.read_reply(text) == rules.Reply(decision, code)


def test_inbound_text_is_cleaned_and_bounded():
    assert rules.clean_inbound("Hi\u202e there\u200b\x00\n  teacher") == "Hi there teacher"
    assert len(rules.clean_inbound("a" * 5000)) == rules.INBOUND_LIMIT


@pytest.mark.parametrize(
    "raw, region, expected",
    [
        ("912 34 567", "NO", "+4791234567"),
        ("+47 912 34 567", None, "+4791234567"),
        ("0047 912 34 567", None, "+4791234567"),
        ("0412 345 678", "AU", "+61412345678"),
        ("+254 712 345678", "NO", "+254712345678"),  # a "+country" wins over the school's country
    ],
)
def test_numbers_are_normalised_to_e164(raw, region, expected):
    assert rules.e164(raw, region) == expected


@pytest.mark.parametrize(
    "raw, region, problem",
    [
        ("912 34 567", None, "needs_country"),
        ("12", "NO", "invalid_number"),
        ("+47 12", None, "invalid_number"),
        ("call me", "NO", "invalid_number"),
        ("+4791234567" * 4, None, "invalid_number"),
    ],
)
def test_numbers_that_are_not_numbers_are_refused(raw, region, problem):
    with pytest.raises(ValueError, match=problem):
        rules.e164(raw, region)


def test_a_request_closes_when_used_or_expired():
    later = NOW + timedelta(days=rules.CODE_DAYS)
    assert rules.request_problem(expires_at=later, used_at=None, now=NOW) is None
    assert rules.request_problem(expires_at=later, used_at=NOW, now=NOW) == "request_closed"
    assert rules.request_problem(expires_at=later, used_at=None, now=later) == "request_expired"


def test_a_guardian_sees_only_the_last_digits_of_their_number():
    assert rules.masked("+4791234567") == "•••• 567"


def test_the_gateway_setting_defaults_to_files_in_the_data_folder(tmp_path):
    config = load_config({"EXCHANGE_DATA_DIR": str(tmp_path)})
    assert config["SMS_BACKEND"] == "files" and config["SMS_DIR"] == str((tmp_path / "sms").resolve())
    assert config["SMS_INBOUND_TOKEN"] is None


@pytest.mark.parametrize(
    "env, sentence",
    [
        ({"EXCHANGE_SMS_BACKEND": "pigeon"}, "must be files or http"),
        ({"EXCHANGE_SMS_BACKEND": "http"}, "needs EXCHANGE_SMS_URL"),
        ({"EXCHANGE_SMS_BACKEND": "http", "EXCHANGE_SMS_URL": "http://gw.example/send"}, "EXCHANGE_SMS_TOKEN"),
        ({"EXCHANGE_SMS_BACKEND": "http", "EXCHANGE_SMS_URL": "gw", "EXCHANGE_SMS_TOKEN": "t"}, "http(s) address"),
    ],
)
def test_a_wrong_gateway_setting_refuses_to_start_with_a_sentence(env, sentence):
    with pytest.raises(SystemExit, match=sentence.replace("(", r"\(").replace(")", r"\)")):
        load_config(env)


def test_an_http_gateway_with_address_and_token_is_taken():
    env = {"EXCHANGE_SMS_BACKEND": "http", "EXCHANGE_SMS_URL": "https://gw.example/send", "EXCHANGE_SMS_TOKEN": "t"}
    config = load_config(env)
    assert (config["SMS_BACKEND"], config["SMS_URL"], config["SMS_TOKEN"]) == ("http", "https://gw.example/send", "t")
