"""Replay benchmark: how long the server takes to read 1,000 missed messages of a room that
holds 1,000,000 (issue 16's target: at most 50 ms on the server).

    python bench/replay.py                       # SQLite file in a temporary folder
    python bench/replay.py --rows 200000         # a smaller room
    DATABASE_URL=postgresql://... python bench/replay.py   # an EMPTY scratch database: it creates tables

It fills the message table directly (bulk insert, fictional bodies), then times what a
reconnecting client costs the server: `SqlMessageLog.since(room, seq, 1001)` (the page plus the
look-ahead row `rooms.history` asks for) and the JSON of the records, on a fresh session each
time. Prints one JSON line: p50, p95 and max in ms over --repeat reads from random points.
The table is analysed after the fill (``--no-analyze`` skips it), as autovacuum would have done to
a real room's table: without statistics PostgreSQL plans the read as a scan of the rest of the room.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, insert, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from exchange.storage.sql_base import StorageBase  # noqa: E402
from exchange.storage.sql_messages import RoomCounter, SqlMessageLog, StoredMessage  # noqa: E402

ROOM = 1


def fill(engine, rows: int, other_rooms: int) -> None:
    """`rows` messages in ROOM, and a tenth as many spread over other rooms (interleaved ids)."""
    now = datetime(2027, 2, 17, 8, 30, tzinfo=timezone.utc)
    batch: list[dict] = []
    seqs = {ROOM: 0}
    with engine.begin() as conn:
        for i in range(rows + rows // 10):
            room = ROOM if i % 11 else 2 + i % other_rooms
            seqs[room] = seqs.get(room, 0) + 1
            batch.append(
                {
                    "room_id": room,
                    "seq": seqs[room],
                    "author_id": 1 + i % 40,
                    "client_key": f"{1 + i % 40}:bench-{i}",
                    "kind": "message",
                    "body": f"Fictional message number {i} about the seasons project",
                    "meta": {},
                    "created_at": now,
                }
            )
            if len(batch) == 20_000:
                conn.execute(insert(StoredMessage), batch)
                batch.clear()
        if batch:
            conn.execute(insert(StoredMessage), batch)
        conn.execute(insert(RoomCounter), [{"room_id": r, "last_seq": s} for r, s in seqs.items()])
    assert seqs[ROOM] >= rows, seqs[ROOM]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--missed", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--no-analyze",
        action="store_true",
        help="skip ANALYZE after the fill: PostgreSQL then plans with no statistics (a bitmap scan of "
        "the rest of the room and a sort, about 70 ms) until autovacuum analyses the table",
    )
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL")
    folder = None
    if not url:
        folder = tempfile.mkdtemp(prefix="replay-")
        url = f"sqlite:///{folder}/bench.db"
    engine = create_engine(url)
    StorageBase.metadata.create_all(engine)
    t0 = time.perf_counter()
    fill(engine, args.rows, other_rooms=50)
    fill_s = time.perf_counter() - t0
    if not args.no_analyze:
        # What autovacuum does to a table that grew by more than a tenth: a million rows written in
        # one go have no statistics yet, and a real room's table has them.
        with engine.begin() as conn:
            conn.execute(text(f"ANALYZE {StoredMessage.__tablename__}"))
    with Session(engine) as s:
        last = SqlMessageLog(session=s, now=lambda: datetime.now(timezone.utc)).last_seq(ROOM)
    timings: list[float] = []
    cpu: list[float] = []
    rng = random.Random(7)
    for _ in range(args.repeat):
        after = rng.randint(0, last - args.missed)
        with Session(engine) as session:
            log = SqlMessageLog(session=session, now=lambda: datetime.now(timezone.utc))
            t, c = time.perf_counter(), time.process_time()
            records = log.since(ROOM, after, args.missed + 1)
            json.dumps([{"seq": r.seq, "body": r.body, "ts": r.created_at.isoformat()} for r in records])
            timings.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        assert len(records) == args.missed + 1 and records[0].seq == after + 1
    timings.sort()
    cpu.sort()
    print(
        json.dumps(
            {
                "backend": engine.dialect.name,
                "room_messages": last,
                "missed": args.missed,
                "fill_s": round(fill_s, 1),
                "p50_ms": round(timings[len(timings) // 2], 1),
                "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
                "max_ms": round(timings[-1], 1),
                "cpu_p50_ms": round(cpu[len(cpu) // 2], 1),
                "analyzed": not args.no_analyze,
                "repeat": args.repeat,
            }
        )
    )
    engine.dispose()


if __name__ == "__main__":
    main()
