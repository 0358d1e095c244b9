"""CPU time per chat message through the whole socket handler, in one process.

    python bench/send_cpu.py [N] [--prof]

Seeds a throwaway SQLite database (bench/seed_ours.py), logs one student in, joins their room and
sends N messages (default 500) through Flask-SocketIO's test client (threading mode, group commit
off), then prints the CPU time per message; --prof adds a cProfile (CPU clock) of 300 more. What it
measures is our handler's own cost (edge, facts, filter, log, broadcast), without the network, so it
moves with code changes even on a busy machine, where bench/fanout.py's throughput does not.
"""

import os, sys, time, tempfile, cProfile, pstats

d = tempfile.mkdtemp()
os.environ["EXCHANGE_DATA_DIR"] = d
os.environ.setdefault("EXCHANGE_MESSAGE_GROUP_COMMIT_MS", "0")
os.environ["EXCHANGE_RATE_BURST"] = "100000"
os.environ["EXCHANGE_RATE_PER_MINUTE"] = "10000000"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bench"))
sys.path.insert(0, ROOT)
from seed_ours import seed

clients = seed(2, 20)
from exchange import create_app
from exchange.realtime import socketio

app = create_app()
from exchange.safety.text import warm_up

warm_up()
c0 = clients[0]
web = app.test_client()
tok = web.get("/api/v1/auth/csrf").get_json()["csrf_token"]
r = web.post(
    "/api/v1/auth/login", json={"login": c0["username"], "password": "bench-password-1"}, headers={"X-CSRFToken": tok}
)
if r.status_code != 200:
    print(r.status_code, r.data[:300])
    sys.exit(1)
sio = socketio.test_client(app, flask_test_client=web)
rid = c0["room_id"]
print(sio.emit("join", {"room": rid}, callback=True))
N = int(sys.argv[1]) if len(sys.argv) > 1 else 500


def run(k, off):
    for i in range(k):
        ack = sio.emit(
            "send_message",
            {
                "room": rid,
                "body": f"hello class, message number {i + off} about our plants",
                "client_msg_id": f"m{i + off}",
            },
            callback=True,
        )
        assert ack.get("ok"), ack
        sio.get_received()


run(50, 0)
t = time.process_time()
run(N, 100)
dt = time.process_time() - t
print(f"{1000 * dt / N:.2f} ms CPU per message ({N} messages)")
if "--prof" in sys.argv:
    pr = cProfile.Profile(time.process_time)
    pr.enable()
    run(300, 10000)
    pr.disable()
    pstats.Stats(pr).sort_stats("cumulative").print_stats(90)
