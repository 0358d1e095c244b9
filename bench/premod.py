"""Pre-moderation latency: time from a teacher's approve request to the message reaching the room.

Starts the real server (demo data) on a free loopback port, opens an under-13 class room
(pre-moderated by default), has a student send N messages, approves each over the JSON API
and measures approve-request-start to `message` event at a connected classmate's client.
Prints one JSON line: approvals, p50_ms, p99_ms, max_ms, approve_http_p50_ms.

    python bench/premod.py [--messages 100]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support import Api, Live, ServerProcess  # noqa: E402

TEACHER = "amani.wanjiru@jacaranda.example"
STUDENT = "zawadi.otieno"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--messages", type=int, default=100)
    args = ap.parse_args()
    srv = ServerProcess(env={"EXCHANGE_RATE_BURST": "100000", "EXCHANGE_RATE_PER_MINUTE": "1000000"}).start()
    try:
        teacher = Api(srv.url).login(TEACHER)
        cls = teacher.get("/api/v1/classes").json()["classes"][0]["id"]
        room = teacher.post(
            "/api/v1/rooms", {"title": "Pre-moderation bench", "class_ids": [cls], "opens_at": "2020-01-01T00:00:00Z"}
        ).json()
        assert room["premoderated"], room
        sender = Live(Api(srv.url).login(STUDENT)).connect()
        watcher = Live(Api(srv.url).login(TEACHER)).connect()
        sender.join(room["id"]), watcher.join(room["id"])
        arrived: dict[str, float] = {}
        done = threading.Event()

        def on_message(m):
            arrived[m["body"]] = time.perf_counter()

        watcher.sio.on("message", on_message)
        lat, http = [], []
        deadline = time.monotonic() + 300
        for i in range(args.messages):
            if time.monotonic() > deadline:
                break
            body = f"Our class saw a giraffe number {uuid.uuid4().hex[:6]}"
            ack = sender.send(room["id"], body)
            assert ack.get("held"), ack
            t0 = time.perf_counter()
            r = teacher.post(f"/api/v1/flags/{ack['flag_id']}/actions", {"action": "approve", "reason": "Fine"})
            http.append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 200, r.text
            wait_until = time.monotonic() + 10
            while body not in arrived and time.monotonic() < wait_until:
                time.sleep(0.0005)
            lat.append((arrived[body] - t0) * 1000)
        done.set()
        lat.sort()
        print(
            json.dumps(
                {
                    "approvals": len(lat),
                    "p50_ms": round(statistics.median(lat), 2),
                    "p99_ms": round(lat[min(len(lat) - 1, int(len(lat) * 0.99))], 2),
                    "max_ms": round(lat[-1], 2),
                    "approve_http_p50_ms": round(statistics.median(http), 2),
                }
            )
        )
        sender.close(), watcher.close()
    finally:
        srv.stop()


if __name__ == "__main__":
    main()
