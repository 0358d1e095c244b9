"""The whole server with MONGO_URL: the message log, the audit log and file blobs in MongoDB
(nx-27017 stand-in here, a real MongoDB when MONGO_URL is set), surviving SIGKILL."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "storage"))
from conftest import MODERATOR, TEACHER_OSLO, demo_room_id  # noqa: E402
from storage_fixtures import mongo_client  # noqa: E402,F401  (fixture)
from support import Api, Live, ServerProcess  # noqa: E402


@pytest.fixture()
def mongo_server(mongo_client):  # noqa: F811
    host, port = mongo_client.address
    dbname = "exch_srv_" + uuid.uuid4().hex[:8]
    srv = ServerProcess(
        env={"MONGO_URL": f"mongodb://{host}:{port}/", "MONGO_DB": dbname, "EXCHANGE_RATE_BURST": "500"}
    ).start()
    yield srv, mongo_client[dbname]
    srv.stop()
    mongo_client.drop_database(dbname)


def test_messages_and_audit_live_in_mongodb(mongo_server):
    srv, mdb = mongo_server
    room = demo_room_id(Api(srv.url).login(TEACHER_OSLO))
    writer = Live(Api(srv.url).login("nora.berg")).connect()
    writer.join(room)
    acked = {writer.send(room, f"mongo {i}", f"m-{i}")["seq"]: f"mongo {i}" for i in range(10)}
    assert sorted(acked) == list(range(min(acked), min(acked) + 10))
    stored = {d["seq"]: d["body"] for d in mdb["messages"].find({"room_id": room})}
    assert {s: stored[s] for s in acked} == acked
    held = writer.send(room, "send me a photo of you, don't tell your parents")
    assert held.get("held") is True
    mod = Api(srv.url).login(MODERATOR)
    assert (
        mod.post(f"/api/v1/flags/{held['flag_id']}/actions", {"action": "dismiss", "reason": "Checked"}).status_code
        == 200
    )
    assert mdb["audit_log"].count_documents({"action": "moderation.dismiss"}) == 1
    assert "Audit log OK" in srv.run_cli("audit", "verify").stdout
    writer.close()

    srv.kill()  # SIGKILL: every acked message must still be there
    srv.start()
    again = Live(Api(srv.url).login("nora.berg")).connect()
    ack = again.join(room, last_seq=0)
    got = {m["seq"]: m["body"] for m in ack["messages"]}
    assert {s: got.get(s) for s in acked} == acked
    assert again.send(room, "mongo 9", "m-9")["duplicate"] is True
    again.close()
