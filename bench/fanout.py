"""Fan-out benchmark: C clients in R rooms, S senders per room; prints one JSON line.

Every sender emits M messages (paced at --rate per second, or flooded with --rate 0 and a
window of unacknowledged sends); every member of the room, the sender included, should
receive each one. Latency is receive time minus the send time embedded in the message
(CLOCK_MONOTONIC is shared by the worker processes on one Linux host).

  python bench/fanout.py --target bare --clients 500 --rooms 20
  python bench/fanout.py --target bare --clients 500 --rooms 20 --rate 0 --messages 400

The load comes from bench/lean_sio.py in several worker processes, not python-socketio's
AsyncClient, so the server, not the load generator, is what gets measured.
A target is the server under test (see Target); `bare` is the ceiling for `ours`.
"""
import argparse
import array
import heapq
import json
import multiprocessing
import os
import random
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lean_sio import Connection, Loop  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http_ok(url, process, seconds=20):
    """Poll url until it answers 200, the process dies, or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server at {url} not ready within {seconds} s")


def stop_process(process):
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


class Target:
    """The server under test, as fanout.py sees it.

    start()/stop() run it; url is its http://127.0.0.1:PORT origin; prepare_clients(n)
    returns one dict per client with "room" (room id) and optionally "headers",
    "cookies" (sent with the WebSocket upgrade, e.g. a login session) and "auth" (the
    Socket.IO CONNECT payload). The payload methods and event names map the benchmark's
    join/send/receive onto the server's own events.
    """

    join_event = "join"
    send_event = "send"
    message_event = "message"
    path = "/socket.io/"

    def __init__(self, rooms):
        self.rooms = rooms
        self.url = None

    def start(self):
        raise NotImplementedError

    def stop(self):
        pass

    def prepare_clients(self, n):
        raise NotImplementedError

    def join_payload(self, room, client):
        return {"room": room}

    def send_payload(self, room, body, client):
        return {"room": room, "body": body}

    def make_body(self, sender, n, sent_at):
        """Message text carrying who sent it, its number and when (monotonic seconds)."""
        return f"bench {sender} {n} {sent_at:.6f}"

    def parse_message(self, args):
        """(sender, n, sent_at) from a received message event's args, or None if not ours."""
        try:
            tag, sender, n, sent_at = args[0]["body"].split()
        except (IndexError, KeyError, TypeError, ValueError, AttributeError):
            return None
        if tag != "bench":
            return None
        return int(sender), int(n), float(sent_at)

    def ack_ok(self, args):
        return bool(args) and isinstance(args[0], dict) and args[0].get("ok") is True


class BareTarget(Target):
    """bench/bare_server.py in a subprocess on a free loopback port."""

    def __init__(self, rooms):
        super().__init__(rooms)
        self.process = None

    def start(self):
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [sys.executable, os.path.join(HERE, "bare_server.py"), "--port", str(port)],
            stdout=subprocess.DEVNULL)
        wait_http_ok(self.url + "/healthz", self.process)

    def stop(self):
        stop_process(self.process)

    def prepare_clients(self, n):
        return [{"room": f"room-{i % self.rooms}", "headers": {}, "cookies": {}, "auth": None}
                for i in range(n)]


class OursTarget(Target):
    """Classroom Exchange itself: to be wired by the rooms lead (issue 3 item 10).

    start(): run `exchange serve` on a free loopback port against a throwaway database;
    prepare_clients(n): create self.rooms rooms in an open session window and n members
    with login sessions, returning their session cookies and room ids; then set
    join_event / send_event / message_event and override join_payload, send_payload
    (send_message {room, body, client_msg_id}), parse_message and ack_ok for our
    payloads (make_body may need to avoid digits that look like phone numbers to safety).
    """

    def start(self):
        raise NotImplementedError(
            "--target ours is not wired yet: implement OursTarget.start/prepare_clients "
            "(see its docstring); use --target bare for the stack's ceiling")

    def prepare_clients(self, n):
        raise NotImplementedError("--target ours: prepare_clients is not implemented yet")


TARGETS = {"bare": BareTarget, "ours": OursTarget}


class Worker:
    """One process's share of the clients: connect and join, then send and receive."""

    def __init__(self, wid, target, members, room_senders, opts):
        self.wid = wid
        self.target = target
        self.members = members            # [(client_index, client, is_sender)]
        self.room_senders = room_senders  # room -> number of senders in it
        self.opts = opts
        origin = urllib.parse.urlsplit(target.url)
        self.host, self.port = origin.hostname, origin.port
        self.loop = Loop()
        self.conns = []
        self.joined = 0
        self.failed = []
        self.inflight = 0
        self.latencies = array.array("d")
        self.delivered = self.duplicates = self.foreign = 0
        self.sent = self.acked = self.rejected = self.disconnects = 0
        self.first_send = None
        self.last_recv = None
        self.expected = sum(room_senders[client["room"]] * opts.messages
                            for _, client, _ in members)

    # --- phase 1: connect and join ---------------------------------------------------

    def connect_all(self):
        pending = list(reversed(self.members))
        deadline = time.monotonic() + self.opts.connect_timeout

        def start_next():
            while pending and self.inflight < self.opts.connect_concurrency:
                index, client, is_sender = pending.pop()
                conn = Connection(
                    self.loop, self.host, self.port, path=self.target.path,
                    headers=client.get("headers"), cookies=client.get("cookies"),
                    auth=client.get("auth"), on_connect=on_connect, on_event=self.on_event,
                    on_error=on_error, on_close=self.on_close)
                conn.data.update(index=index, client=client, room=client["room"],
                                 is_sender=is_sender, joined=False, seen=set(), to_send=0,
                                 next_n=0, outstanding=0)
                self.conns.append(conn)
                self.inflight += 1
                conn.start()

        def settle(conn, ok, why=""):
            if conn.data.get("settled"):
                return
            conn.data["settled"] = True
            self.inflight -= 1
            if ok:
                self.joined += 1
            else:
                self.failed.append(why)
            start_next()

        def on_connect(conn):
            room = conn.data["room"]

            def joined(args):
                conn.data["joined"] = self.target.ack_ok(args)
                settle(conn, conn.data["joined"], f"join refused: {args!r}")

            conn.emit(self.target.join_event, self.target.join_payload(room, conn.data["client"]),
                      ack=joined)

        def on_error(conn, message):
            settle(conn, False, message)

        self._settle_on_close = settle
        start_next()
        self.loop.run_until(lambda: not pending and self.inflight == 0, deadline)
        if pending or self.inflight:
            self.failed.append(f"{len(pending) + self.inflight} not joined within "
                               f"{self.opts.connect_timeout} s")

    def on_close(self, conn, reason):
        if not conn.data.get("settled"):
            self._settle_on_close(conn, False, reason)
        else:
            self.disconnects += 1

    # --- phase 2: send and receive -----------------------------------------------------

    def on_event(self, conn, name, args):
        if name != self.target.message_event:
            return
        now = time.monotonic()
        parsed = self.target.parse_message(args)
        if parsed is None:
            self.foreign += 1
            return
        sender, n, sent_at = parsed
        seen = conn.data["seen"]
        if (sender, n) in seen:
            self.duplicates += 1
            return
        seen.add((sender, n))
        self.delivered += 1
        self.latencies.append(now - sent_at)
        self.last_recv = now

    def send_one(self, conn):
        data = conn.data
        n = data["next_n"]
        data["next_n"] += 1
        data["outstanding"] += 1
        now = time.monotonic()
        if self.first_send is None:
            self.first_send = now
        body = self.target.make_body(data["index"], n, now)
        payload = self.target.send_payload(data["room"], body, data["client"])
        self.sent += 1

        def acked(args):
            data["outstanding"] -= 1
            self.acked += 1
            if not self.target.ack_ok(args):
                self.rejected += 1
            if self.opts.rate <= 0 and data["next_n"] < self.opts.messages and conn.state == "connected":
                self.send_one(conn)  # flood: keep the window full

        conn.emit(self.target.send_event, payload, ack=acked)

    def run_load(self, start_at):
        opts = self.opts
        senders = [c for c in self.conns if c.data["is_sender"] and c.data["joined"]]
        hard_deadline = start_at + opts.max_seconds
        while time.monotonic() < start_at:
            self.loop.poll(min(0.05, max(0.0, start_at - time.monotonic())))
        schedule = []
        if opts.rate > 0:
            # Random phase per sender so a room's senders do not fire in lockstep.
            for i, conn in enumerate(senders):
                phase = random.random() / opts.rate
                heapq.heappush(schedule, (start_at + phase, i))
        else:
            for conn in senders:
                for _ in range(min(opts.window, opts.messages)):
                    self.send_one(conn)
        planned = len(senders) * opts.messages
        drain_deadline = None
        while True:
            now = time.monotonic()
            while schedule and schedule[0][0] <= now:
                due, i = heapq.heappop(schedule)
                conn = senders[i]
                if conn.state == "connected":
                    self.send_one(conn)
                    if conn.data["next_n"] < opts.messages:
                        heapq.heappush(schedule, (due + 1.0 / opts.rate, i))
            all_sent = not schedule if opts.rate > 0 else all(
                c.data["next_n"] >= opts.messages or c.state != "connected" for c in senders)
            if all_sent and drain_deadline is None:
                drain_deadline = now + opts.drain
            if self.sent >= planned and self.acked >= self.sent and self.delivered >= self.expected:
                break
            if (drain_deadline and now >= drain_deadline) or now >= hard_deadline:
                break
            wake = schedule[0][0] - now if schedule else 0.05
            self.loop.poll(min(max(wake, 0.0), 0.05))

    def close(self):
        for conn in self.conns:
            conn.on_close = None
            conn.close()
        self.loop.close()

    def result(self):
        return {"worker": self.wid, "sent": self.sent, "acked": self.acked,
                "rejected": self.rejected, "delivered": self.delivered,
                "duplicates": self.duplicates, "foreign": self.foreign,
                "expected": self.expected, "disconnects": self.disconnects,
                "first_send": self.first_send, "last_recv": self.last_recv,
                "latencies": self.latencies.tobytes()}


def worker_main(wid, target, members, room_senders, opts, ready_q, result_q, go, start_at):
    """Process entry: report readiness, wait for the common start, report results."""
    worker = None
    ready_sent = False
    try:
        worker = Worker(wid, target, members, room_senders, opts)
        began = time.monotonic()
        worker.connect_all()
        ready_q.put({"worker": wid, "joined": worker.joined, "failed": worker.failed[:5],
                     "connect_s": time.monotonic() - began})
        ready_sent = True
        if not go.wait(timeout=opts.connect_timeout + 30) or start_at.value <= 0:
            return
        worker.run_load(start_at.value)
        result_q.put(worker.result())
    except Exception as exc:  # reported, not swallowed: the parent prints it and fails
        if not ready_sent:
            ready_q.put({"worker": wid, "joined": 0, "failed": [repr(exc)], "connect_s": 0})
        result_q.put({"worker": wid, "error": repr(exc)})
    finally:
        if worker:
            worker.close()


def percentile(sorted_values, q):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[index]


def plan_clients(clients, senders_per_room):
    """Mark the first S members of each room as its senders."""
    seen = Counter()
    members = []
    for index, client in enumerate(clients):
        room = client["room"]
        members.append((index, client, seen[room] < senders_per_room))
        seen[room] += 1
    room_senders = {room: min(count, senders_per_room) for room, count in seen.items()}
    return members, room_senders


def run(target, opts):
    clients = target.prepare_clients(opts.clients)
    members, room_senders = plan_clients(clients, opts.senders)
    workers = max(1, min(opts.workers, len(members)))
    # fork: the children inherit the target object as it is (cookies, url) without pickling.
    ctx = multiprocessing.get_context("fork")
    ready_q, result_q = ctx.Queue(), ctx.Queue()
    go, start_at = ctx.Event(), ctx.Value("d", 0.0)
    procs = [ctx.Process(target=worker_main, daemon=True,
                         args=(w, target, members[w::workers], room_senders, opts,
                               ready_q, result_q, go, start_at))
             for w in range(workers)]
    for proc in procs:
        proc.start()
    try:
        readies = [ready_q.get(timeout=opts.connect_timeout + 30) for _ in procs]
        failures = [f for r in readies for f in r["failed"]]
        if failures:
            raise RuntimeError(f"clients failed to join: {failures[:5]}")
        start_at.value = time.monotonic() + 0.2
        go.set()
        budget = 0.2 + opts.max_seconds + 30
        results = [result_q.get(timeout=budget) for _ in procs]
    finally:
        go.set()
        for proc in procs:
            proc.join(timeout=10)
            if proc.is_alive():
                proc.terminate()
    errors = [r["error"] for r in results if "error" in r]
    if errors:
        raise RuntimeError(f"worker failed: {errors}")

    latencies = array.array("d")
    for r in results:
        latencies.frombytes(r["latencies"])
    ordered = sorted(latencies)
    total = {key: sum(r[key] for r in results)
             for key in ("sent", "acked", "rejected", "delivered", "duplicates", "foreign",
                         "expected", "disconnects")}
    first = min((r["first_send"] for r in results if r["first_send"] is not None), default=None)
    last = max((r["last_recv"] for r in results if r["last_recv"] is not None), default=None)
    span = (last - first) if first is not None and last is not None and last > first else None

    def ms(value):
        return None if value is None else round(value * 1000, 2)

    return {
        "target": opts.target, "clients": opts.clients, "rooms": opts.rooms,
        "senders": opts.senders, "messages": opts.messages,
        "rate": opts.rate if opts.rate > 0 else "flood", "workers": workers,
        "sent": total["sent"], "acked": total["acked"], "rejected": total["rejected"],
        "delivered": total["delivered"], "expected": total["expected"],
        "lost": total["expected"] - total["delivered"], "duplicates": total["duplicates"],
        "disconnects": total["disconnects"],
        "deliveries_per_s": round(total["delivered"] / span, 1) if span else 0.0,
        "p50_ms": ms(percentile(ordered, 0.50)), "p99_ms": ms(percentile(ordered, 0.99)),
        "max_ms": ms(ordered[-1] if ordered else None),
        "duration_s": round(span, 3) if span else None,
        "connect_s": round(max(r["connect_s"] for r in readies), 3),
    }


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", choices=sorted(TARGETS), default="bare")
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--rooms", type=int, default=5)
    parser.add_argument("--senders", type=int, default=1, help="senders per room")
    parser.add_argument("--messages", type=int, default=100, help="messages per sender")
    parser.add_argument("--rate", type=float, default=20,
                        help="messages/s per sender, paced; 0 floods (see --window)")
    parser.add_argument("--window", type=int, default=50,
                        help="flood mode: unacknowledged sends per sender (a small window "
                             "measures Nagle/delayed-ACK stalls on the server, not throughput)")
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1),
                        help="load-generator processes")
    parser.add_argument("--connect-concurrency", type=int, default=20,
                        help="handshakes in flight per worker (the server's backlog is small)")
    parser.add_argument("--connect-timeout", type=float, default=60)
    parser.add_argument("--drain", type=float, default=10,
                        help="seconds to wait for deliveries after the last send")
    parser.add_argument("--max-seconds", type=float, default=120,
                        help="hard limit on the send/receive phase")
    opts = parser.parse_args(argv)
    if opts.rooms < 1 or opts.clients < opts.rooms:
        parser.error("need --rooms >= 1 and --clients >= --rooms")
    if opts.senders < 1 or opts.messages < 1 or opts.window < 1 or opts.workers < 1:
        parser.error("--senders, --messages, --window and --workers must be >= 1")
    return opts


def main(argv=None):
    opts = parse_args(argv)
    target = TARGETS[opts.target](rooms=opts.rooms)
    try:
        target.start()
        result = run(target, opts)
    except NotImplementedError as exc:
        print(json.dumps({"target": opts.target, "error": str(exc)}))
        return 2
    except RuntimeError as exc:
        print(json.dumps({"target": opts.target, "error": str(exc)}))
        return 1
    finally:
        target.stop()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
