"""The two gateways behind `exchange.sms`: one JSON file per message in a folder (the default),
or an HTTP gateway with a bearer token, tried against a small recording gateway on 127.0.0.1.
A failure is logged with ids only, never the number or the text."""

from __future__ import annotations

import json
import logging
import stat

import pytest
from gateway import TOKEN, RecordingGateway

from exchange.sms import FolderTexter, HttpTexter, SmsFailed

NUMBER = "+4791234567"
WORDS = "Classroom Exchange: a letter about Nora is coming home."


def test_the_folder_backend_writes_one_file_per_message(tmp_path):
    texter = FolderTexter(tmp_path / "sms")
    first = texter.send(to=NUMBER, body=WORDS)
    second = texter.send(to="+61412345678", body="Reply YES 4F7K2Q to agree.")
    files = sorted((tmp_path / "sms").glob("*.json"))
    assert {p.name for p in files} == {first, second} and len(files) == 2
    records = [json.loads(p.read_text(encoding="utf-8")) for p in files]
    assert {(r["to"], r["body"]) for r in records} == {(NUMBER, WORDS), ("+61412345678", "Reply YES 4F7K2Q to agree.")}
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)
    assert not list((tmp_path / "sms").glob(".tmp-*"))  # written aside, then renamed


@pytest.mark.parametrize("to, body", [("91234567", WORDS), (NUMBER, ""), (NUMBER, "x" * 481), ("+47 912", WORDS)])
def test_a_text_needs_an_e164_number_and_a_short_body(tmp_path, to, body):
    with pytest.raises(ValueError):
        FolderTexter(tmp_path).send(to=to, body=body)


def test_the_http_backend_posts_json_with_the_bearer_token():
    with RecordingGateway() as gw:
        ref = HttpTexter(url=gw.url, token=TOKEN).send(to=NUMBER, body=WORDS)
        got = gw.wait_for(NUMBER)
    assert ref == "gw-1"  # the gateway's own id, for the log
    assert got[0]["auth"] == f"Bearer {TOKEN}" and got[0]["body"] == WORDS and got[0]["to"] == NUMBER


@pytest.mark.parametrize("status", [500, 401])
def test_a_refusing_gateway_fails_clearly_and_logs_ids_only(caplog, status):
    caplog.set_level(logging.INFO, logger="exchange.sms")
    with RecordingGateway(token=TOKEN if status == 500 else "another-token") as gw:
        gw.status = status if status == 500 else 200
        with pytest.raises(SmsFailed, match=str(status)):
            HttpTexter(url=gw.url, token=TOKEN).send(to=NUMBER, body=WORDS)
    logged = caplog.text
    assert "sms gateway refused ref=" in logged and f"status={status}" in logged
    assert NUMBER not in logged and "91234567" not in logged and "letter" not in logged


def test_an_unreachable_gateway_fails_within_its_timeout(caplog):
    with RecordingGateway() as gw:
        url = gw.url
    with pytest.raises(SmsFailed, match="could not be reached"):
        HttpTexter(url=url, token=TOKEN, timeout=2).send(to=NUMBER, body=WORDS)
    assert "sms gateway unreachable" in caplog.text and NUMBER not in caplog.text
