"""Fan-out benchmark: C clients in R rooms, S senders per room; prints one JSON line.

Every sender emits M messages (paced at --rate per second, or flooded with --rate 0 and a
window of unacknowledged sends); every member of the room, the sender included, should
receive each one. Latency is receive time minus the send time embedded in the message
(CLOCK_MONOTONIC is shared by the worker processes on one Linux host).

  python bench/fanout.py --target bare --clients 500 --rooms 20
  python bench/fanout.py --target bare --clients 500 --rooms 20 --rate 0 --messages 400
  python bench/fanout.py --target ours --clients 500 --rooms 20
  python bench/fanout.py --compare --clients 100 --rooms 5      # bare, then ours: two lines
  python bench/fanout.py --compare --clients 100 --rooms 5 --processes 2   # two servers on Redis

The load comes from bench/lean_sio.py in several worker processes, not python-socketio's
AsyncClient, so the server, not the load generator, is what gets measured.
A target is the server under test (see Target); `bare` is the ceiling for `ours`.

`ours` seeds a fresh SQLite database (bench/seed_ours.py), runs `exchange serve`, logs every
client in over HTTP (from the worker processes, before the measured phase) and checks the
server's own guarantees too: for every acknowledged seq of a room, each joined member gets
it exactly once and in seq order (seq_lost, seq_dupes, out_of_order), and the database holds
what was acknowledged (stored). Server log problems (ERROR/WARNING lines, tracebacks) are
counted in the JSON line and printed to stderr.

Fields beyond the counts: p50_ms/p99_ms are send-to-receive over all deliveries;
ack_p50_ms/ack_p99_ms send-to-ack at the sender; acks_per_s the server's accepted sends per
second (for ours: durable commits); server_cpu_pct the server process's CPU over the
send/receive phase in % of one core; ack_status counts acks by outcome (ours: ok, held,
or the error code). ours only: warmup_ack_ms (one unmeasured first message: the server
builds its safety lexicons on first use), login_s/connect_s (slowest worker), cleanup_s
(until every disconnect was processed), stored (bench messages in the database).
server_rss_mb is the server's resident memory once every client has joined (summed over the
processes); rss_per_client_kb what it grew by from before the clients came, per client.

--processes N runs N server processes on one Redis message queue (--redis-url, loopback only;
a fresh channel per run; --redis uses the queue with one process too). The clients of every
room are spread round-robin over the processes (and so are the rooms' senders), so most
deliveries cross Redis. For ours the processes share one SQLite file and one SECRET_KEY; the
first one starts alone (it upgrades the schema), and each client logs in over HTTP at another
process than the one its socket connects to, so the session cookie is shown to work on all.
--postgres ADMIN_URL runs ours on PostgreSQL instead of SQLite: a fresh database created through
that URL for the run (and dropped after it); the JSON line says "db".
The JSON line says "processes" and "redis"; server_cpu_pct is then the sum over the processes
(server_cpu_pct_each per process) and the clients share the machine's cores with all of them.
"""

import argparse
import array
import contextlib
import heapq
import http.client
import json
import multiprocessing
import os
import queue
import random
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.cookies import SimpleCookie

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lean_sio import Connection, Loop  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# A first start after a word-list change compiles the content filter (~40 s of CPU, more on a busy
# machine) before it answers: not a failure of the bench.
READY_SECONDS = 180


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


def distinct_free_ports(n):
    ports = []
    while len(ports) < n:
        port = free_port()
        if port not in ports:
            ports.append(port)
    return ports


def check_redis(url):
    """The queue must be on this machine (loopback) and answer; raises RuntimeError otherwise."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "redis" or parts.hostname not in ("127.0.0.1", "localhost"):
        raise RuntimeError(f"--redis-url must be redis://127.0.0.1:PORT/DB, got {url!r}")
    try:
        with socket.create_connection(("127.0.0.1", parts.port or 6379), timeout=2) as sock:
            sock.settimeout(2)
            sock.sendall(b"PING\r\n")
            answer = sock.recv(64)
    except OSError as exc:
        raise RuntimeError(f"Redis at {url} not reachable: {exc}") from None
    if not answer.startswith(b"+PONG"):
        raise RuntimeError(f"Redis at {url} answered {answer[:40]!r} to PING")


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

    start()/stop() run it; urls are the http://127.0.0.1:PORT origins of its processes
    (--processes; url is the first) and processes their Popen objects; prepare_clients(n)
    returns one dict per client with "room" (room id) and optionally "headers",
    "cookies" (sent with the WebSocket upgrade, e.g. a login session) and "auth" (the
    Socket.IO CONNECT payload). login_clients() runs in each worker process before it
    connects (e.g. to fill in session cookies). The payload methods and event names map the
    benchmark's join/send/receive onto the server's own events; report() adds fields to
    the JSON line after stop().
    """

    join_event = "join"
    send_event = "send"
    message_event = "message"
    path = "/socket.io/"

    def __init__(self, rooms, clients=None, opts=None):
        self.rooms = rooms
        self.clients = clients
        self.opts = opts
        self.url = None
        self.urls = []
        self.processes = []
        self.n_processes = getattr(opts, "processes", 1) or 1
        self.redis_url = (
            getattr(opts, "redis_url", None) if (self.n_processes > 1 or getattr(opts, "redis", False)) else None
        )
        # A fresh channel per run: nothing else on this Redis talks to these servers.
        self.channel = f"bench-{secrets.token_hex(6)}" if self.redis_url else None

    def start(self):
        raise NotImplementedError

    def stop(self):
        pass

    def report(self):
        return {}

    @staticmethod
    def _cpu_of(process):
        try:
            with open(f"/proc/{process.pid}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (AttributeError, OSError, ValueError, IndexError):
            return None

    @staticmethod
    def _rss_of(process):
        """Resident memory of a server process in bytes (None if unknown)."""
        try:
            with open(f"/proc/{process.pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) * 1024
        except (AttributeError, OSError, ValueError, IndexError):
            return None
        return None

    def rss_bytes(self):
        """Resident memory of the server processes, summed, or None."""
        each = [self._rss_of(process) for process in self.processes]
        return None if not each or None in each else sum(each)

    def cpu_seconds_each(self):
        """CPU time (user + system) each server process has used so far (None if unknown)."""
        return [self._cpu_of(process) for process in self.processes]

    def cpu_seconds(self):
        """CPU time the server processes have used so far, summed, or None."""
        each = self.cpu_seconds_each()
        return None if not each or None in each else sum(each)

    def prepare_clients(self, n):
        raise NotImplementedError

    def login_clients(self, clients, opts):
        """In a worker process, before connecting; returns a list of failure strings."""
        return []

    def join_payload(self, room, client):
        return {"room": room}

    def warmup_payload(self, room, client):
        """One unmeasured send before the measured phase (first-use costs), or None."""
        return None

    def send_payload(self, room, sender, n, sent_at, client):
        return {"room": room, "body": self.make_body(sender, n, sent_at)}

    def make_body(self, sender, n, sent_at):
        """Message text carrying who sent it, its number and when (monotonic seconds)."""
        return f"bench {sender} {n} {sent_at:.6f}"

    def parse_message(self, args):
        """(sender, n, sent_at, seq) from a received message event's args, or None if not
        ours; seq is the server's per-room sequence number, or None when it has none."""
        try:
            tag, sender, n, sent_at = args[0]["body"].split()
        except (IndexError, KeyError, TypeError, ValueError, AttributeError):
            return None
        if tag != "bench":
            return None
        return int(sender), int(n), float(sent_at), None

    def ack_ok(self, args):
        return bool(args) and isinstance(args[0], dict) and args[0].get("ok") is True

    def ack_status(self, args):
        """("ok", seq or None) for an accepted send, else (a short reason, None)."""
        return ("ok", None) if self.ack_ok(args) else ("rejected", None)


class BareTarget(Target):
    """bench/bare_server.py in subprocesses (--processes; with Redis when more than one) on
    free loopback ports."""

    def start(self):
        extra = []
        if self.redis_url:
            check_redis(self.redis_url)
            extra = ["--redis", self.redis_url, "--channel", self.channel]
        for port in distinct_free_ports(self.n_processes):
            self.urls.append(f"http://127.0.0.1:{port}")
            self.processes.append(
                subprocess.Popen(
                    [sys.executable, os.path.join(HERE, "bare_server.py"), "--port", str(port)] + extra,
                    stdout=subprocess.DEVNULL,
                )
            )
        self.url = self.urls[0]
        for url, process in zip(self.urls, self.processes):
            wait_http_ok(url + "/healthz", process)

    def stop(self):
        for process in self.processes:
            stop_process(process)

    def prepare_clients(self, n):
        return [{"room": f"room-{i % self.rooms}", "headers": {}, "cookies": {}, "auth": None} for i in range(n)]


# Server log lines worth reporting: levels above INFO, tracebacks, SQLite contention, refused
# sends and failed events. The server logs ids and event names only, never message content.
LOG_PROBLEM = re.compile(
    r" (ERROR|WARNING|CRITICAL) |Traceback|database is locked|ok=False|"
    r"event failed|cleanup failed|heartbeat failed"
)
LOG_STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ ")


class _PgReader:
    """A psycopg connection with sqlite3's `execute(...).fetchone()` shape, for the checks after a run."""

    def __init__(self, conn):
        self.conn = conn

    def execute(self, sql):
        return self.conn.execute(sql.replace("GROUP BY room_id) WHERE", "GROUP BY room_id) AS per_room WHERE"))

    def close(self):
        self.conn.close()


class OursTarget(Target):
    """Classroom Exchange itself (`exchange serve`, eventlet, SQLite) on a throwaway database.

    start(): seed a fresh data folder with bench/seed_ours.py (schools, a verified teacher,
    a grade 9-10 class and an open room per benchmark room, and one student per client with
    an approved membership), then run `python -m exchange.cli serve` on a free loopback
    port with per-user rate limits lifted, and wait for /healthz. With --processes N > 1 (or
    --redis): N such servers sharing one SQLite file (DATABASE_URL set explicitly), one
    SECRET_KEY and one Redis channel, all fresh per run; the first starts alone, since it
    upgrades the schema, and the others once it is healthy. login_clients(): in each
    worker, GET /api/v1/auth/csrf then POST /api/v1/auth/login; the session cookie goes on
    the WebSocket upgrade. Sends carry sender, number and send time in client_msg_id (the
    body is plain words: digit runs may be taken for phone numbers by the safety filter).
    """

    join_event = "join"
    send_event = "send_message"
    message_event = "message"
    password = "bench-password-1"
    body = "bench message"
    # Settings that would point the server elsewhere than its fresh embedded defaults.
    ENV_DROP = (
        "DATABASE_URL",
        "REDIS_URL",
        "MONGO_URL",
        "SECRET_KEY",
        "EXCHANGE_UPLOAD_DIR",
        "EXCHANGE_OUTBOX_DIR",
        "EXCHANGE_ASYNC_MODE",
        "EXCHANGE_TESTING",
    )

    def __init__(self, rooms, clients=None, opts=None):
        super().__init__(rooms, clients, opts)
        self.data_dir = None
        self.log_paths = []
        self.log_files = []
        self.seeded = None
        self._report = {}
        self.database_url = None  # --postgres: the run's own database
        self._pg_name = None

    def _env(self):
        env = {k: v for k, v in os.environ.items() if k not in self.ENV_DROP}
        env.update(
            EXCHANGE_DATA_DIR=self.data_dir,
            EXCHANGE_RATE_BURST="100000",
            EXCHANGE_RATE_PER_MINUTE="10000000",
            PYTHONUNBUFFERED="1",
        )
        if self.database_url:  # --postgres: a fresh database of its own on that server
            env.update(DATABASE_URL=self.database_url)
        if self.redis_url:
            # Identical for every process: one database, one queue channel, one signing key
            # (a session cookie from one process must work on the others).
            env.update(
                DATABASE_URL=self.database_url or f"sqlite:///{os.path.join(self.data_dir, 'exchange.db')}",
                REDIS_URL=self.redis_url,
                EXCHANGE_SOCKETIO_CHANNEL=self.channel,
                SECRET_KEY=secrets.token_urlsafe(48),
            )
        return env

    def _start_server(self, index, port, env, repo):
        name = "server.log" if self.n_processes == 1 else f"server-{index}.log"
        path = os.path.join(self.data_dir, name)
        log_file = open(path, "wb")
        self.log_paths.append(path)
        self.log_files.append(log_file)
        url = f"http://127.0.0.1:{port}"
        self.urls.append(url)
        self.processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "exchange.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
                cwd=repo,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        )

    def start(self):
        if not self.clients:
            raise RuntimeError("OursTarget needs the number of clients before start() (it seeds them)")
        if self.redis_url:
            check_redis(self.redis_url)
        self.data_dir = tempfile.mkdtemp(prefix="fanout-ours-")
        if self.opts and getattr(self.opts, "postgres", None):
            self._create_pg_database(self.opts.postgres)
        env = self._env()
        repo = os.path.dirname(HERE)
        clients_file = os.path.join(self.data_dir, "bench-clients.json")
        began = time.monotonic()
        # Seeded once, before any server runs; the seed needs the database, not the queue.
        seed_env = {k: v for k, v in env.items() if k != "REDIS_URL"}
        seed = subprocess.run(
            [
                sys.executable,
                os.path.join(HERE, "seed_ours.py"),
                "--rooms",
                str(self.rooms),
                "--students",
                str(self.clients),
                "--out",
                clients_file,
            ],
            cwd=repo,
            env=seed_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            timeout=300,
        )
        if seed.returncode != 0:
            raise RuntimeError(f"seed_ours.py failed ({seed.returncode}): {seed.stderr[-2000:]}")
        with open(clients_file) as fh:
            self.seeded = json.load(fh)
        self._report["seed_s"] = round(time.monotonic() - began, 2)
        ports = distinct_free_ports(self.n_processes)
        # The first process upgrades the SQLite schema on start: the others wait until it is up.
        self._start_server(0, ports[0], env, repo)
        self.url = self.urls[0]
        wait_http_ok(self.url + "/healthz", self.processes[0], seconds=READY_SECONDS)
        for index, port in enumerate(ports[1:], start=1):
            self._start_server(index, port, env, repo)
        for url, process in zip(self.urls[1:], self.processes[1:]):
            wait_http_ok(url + "/healthz", process, seconds=READY_SECONDS)

    def stop(self):
        if not self.processes:  # start() failed before a server ran
            if self.data_dir and not (self.opts and self.opts.keep_data):
                shutil.rmtree(self.data_dir, ignore_errors=True)
                self._drop_pg_database()
            return
        # Let the servers finish the disconnect cleanups of the closed clients (one presence
        # row per joined socket; each disconnect deletes its rows) before stopping them as
        # production does (SIGTERM): a signal in the middle of them is logged as an error.
        self._report["cleanup_s"], self._report["presence_left"] = self._wait_presence_empty(30)
        crashed = [process.poll() for process in self.processes]
        for process in self.processes:
            stop_process(process)
        for log_file in self.log_files:
            log_file.close()
        self._report.update(self._read_logs(crashed))
        self._report.update(self._read_db())
        if self.n_processes > 1:
            self._report["login_other_process"] = True
        keep = (self.opts and self.opts.keep_data) or self._report.get("server_problems")
        if keep:
            self._report["data_dir"] = self.data_dir
        else:
            shutil.rmtree(self.data_dir, ignore_errors=True)
            self._drop_pg_database()
        self.processes = []

    def _create_pg_database(self, admin_url):
        import psycopg  # only with --postgres

        self._pg_name = f"fanout_{secrets.token_hex(4)}"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self._pg_name}"')
        parts = urllib.parse.urlsplit(admin_url)
        self.database_url = urllib.parse.urlunsplit(
            ("postgresql+psycopg", parts.netloc, "/" + self._pg_name, parts.query, "")
        )

    def _drop_pg_database(self):
        if not self._pg_name:
            return
        import psycopg  # only with --postgres

        with psycopg.connect(self.opts.postgres, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self._pg_name}" WITH (FORCE)')
        self._pg_name = None

    def _db(self):
        if self.database_url:
            import psycopg  # only with --postgres

            return _PgReader(psycopg.connect(self.database_url.replace("postgresql+psycopg", "postgresql", 1)))
        return sqlite3.connect(f"file:{os.path.join(self.data_dir, 'exchange.db')}?mode=ro", uri=True, timeout=5)

    def _wait_presence_empty(self, seconds):
        began = time.monotonic()
        left = None
        while time.monotonic() - began < seconds and all(p.poll() is None for p in self.processes):
            try:
                with contextlib.closing(self._db()) as conn:
                    left = conn.execute("SELECT count(*) FROM presence").fetchone()[0]
            except Exception:  # sqlite3 or psycopg: not readable yet
                left = None
            if left == 0:
                break
            time.sleep(0.2)
        return round(time.monotonic() - began, 2), left

    def _read_logs(self, crashed):
        """Problems and logged sends over all server logs; crashed: each process's exit code
        before it was stopped (None while it was still running)."""
        problems, kinds, sends, sends_each = [], Counter(), Counter(), []
        for index, path in enumerate(self.log_paths):
            mine = Counter()
            with open(path, errors="replace") as fh:
                for line in fh:
                    line = line.rstrip("\n")
                    if " exchange.rooms.events send " in line:
                        mine["ok" if " ok=True " in line else "refused"] += 1
                    if LOG_PROBLEM.search(line):
                        problems.append((path, line))
                        kinds[LOG_STAMP.sub("", line)[:60]] += 1
            sends.update(mine)
            sends_each.append(dict(mine))
        out = {"server_problems": len(problems), "server_sends_logged": dict(sends)}
        if self.n_processes > 1:
            out["server_sends_by_process"] = sends_each
        exits = {index: code for index, code in enumerate(crashed) if code is not None}
        if exits:
            out["server_exit"] = exits[0] if self.n_processes == 1 else exits
        if problems:
            out["server_problem_kinds"] = dict(kinds.most_common(8))
            paths = sorted({path for path, _ in problems})
            print(f"[ours] {len(problems)} problem lines in {', '.join(paths)}; the first ones:", file=sys.stderr)
            for path, line in problems[:25]:
                print(f"  [{os.path.basename(path)}] {line}", file=sys.stderr)
        return out

    def _read_db(self):
        """What the log holds after the run: acknowledged means committed, so stored >= acked."""
        try:
            with contextlib.closing(self._db()) as conn:
                stored = conn.execute("SELECT count(*) FROM messages WHERE client_key LIKE '%:b-%'").fetchone()[0]
                gaps = conn.execute(
                    "SELECT count(*) FROM (SELECT room_id, count(*) AS n, max(seq) AS top "
                    "FROM messages GROUP BY room_id) WHERE n != top"
                ).fetchone()[0]
            return {"stored": stored, "rooms_with_seq_gaps": gaps}
        except (sqlite3.Error, OSError) as exc:
            return {"stored": None, "db_error": str(exc)}
        except Exception as exc:  # psycopg's errors with --postgres
            return {"stored": None, "db_error": type(exc).__name__}

    def report(self):
        return dict(self._report, db="postgresql" if self.database_url else "sqlite")

    def prepare_clients(self, n):
        if n != len(self.seeded):
            raise RuntimeError(f"seeded {len(self.seeded)} clients, asked for {n}")
        return [
            {"room": c["room_id"], "username": c["username"], "headers": {}, "cookies": {}, "auth": None}
            for c in self.seeded
        ]

    def _login(self, client, timeout):
        origin = urllib.parse.urlsplit(client.get("login_url") or self.url)
        conn = http.client.HTTPConnection(origin.hostname, origin.port, timeout=timeout)
        try:
            conn.request("GET", "/api/v1/auth/csrf")
            response = conn.getresponse()
            token = json.loads(response.read())["csrf_token"]
            jar = SimpleCookie(response.getheader("Set-Cookie") or "")
            cookie = jar["exchange_session"].value
            body = json.dumps({"login": client["username"], "password": self.password})
            conn.request(
                "POST",
                "/api/v1/auth/login",
                body=body,
                headers={
                    "Content-Type": "application/json",
                    "X-CSRFToken": token,
                    "Cookie": f"exchange_session={cookie}",
                },
            )
            response = conn.getresponse()
            answer = response.read()
            if response.status != 200:
                return f"login {client['username']}: HTTP {response.status} {answer[:200]!r}"
            jar = SimpleCookie(response.getheader("Set-Cookie") or "")
            client["cookies"] = {"exchange_session": jar["exchange_session"].value}
            return None
        finally:
            conn.close()

    def login_clients(self, clients, opts):
        deadline = time.monotonic() + opts.login_timeout

        def one(client):
            for attempt in range(3):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return f"login {client['username']}: out of time"
                try:
                    return self._login(client, timeout=min(30.0, remaining))
                except (OSError, KeyError, ValueError, http.client.HTTPException) as exc:
                    why = f"login {client['username']}: {exc!r}"
                    time.sleep(0.2 * (attempt + 1))
            return why

        with ThreadPoolExecutor(max_workers=max(1, opts.login_concurrency)) as pool:
            return [why for why in pool.map(one, clients) if why]

    def join_payload(self, room, client):
        return {"room": room, "last_seq": 0}

    def warmup_payload(self, room, client):
        # The server builds its safety lexicons on the first message it checks (~0.5 s of
        # its event loop); this send pays that outside the measured phase. Its client_msg_id
        # is not "b-...", so receivers skip it and it is not in "stored".
        return {"room": room, "body": self.body, "client_msg_id": f"w-{os.getpid()}-{time.monotonic_ns()}"}

    def send_payload(self, room, sender, n, sent_at, client):
        return {"room": room, "body": self.body, "client_msg_id": f"b-{sender}-{n}-{int(sent_at * 1e9)}"}

    def parse_message(self, args):
        try:
            payload = args[0]
            tag, sender, n, sent_ns = payload["client_msg_id"].split("-")
            seq = payload["seq"]
        except (IndexError, KeyError, TypeError, ValueError, AttributeError):
            return None
        if tag != "b" or not isinstance(seq, int):
            return None
        return int(sender), int(n), int(sent_ns) / 1e9, seq

    def ack_status(self, args):
        ack = args[0] if args and isinstance(args[0], dict) else {}
        if ack.get("ok") is True:
            if ack.get("held"):
                return "held", None
            if isinstance(ack.get("seq"), int):
                return ("duplicate" if ack.get("duplicate") else "ok"), ack["seq"]
            return "ok_without_seq", None
        return str(ack.get("error") or "malformed_ack"), None


TARGETS = {"bare": BareTarget, "ours": OursTarget}


class Worker:
    """One process's share of the clients: connect and join, then send and receive."""

    def __init__(self, wid, target, members, room_senders, opts):
        self.wid = wid
        self.target = target
        self.members = members  # [(client_index, client, is_sender)]
        self.room_senders = room_senders  # room -> number of senders in it
        self.opts = opts
        self.loop = Loop()
        self.conns = []
        self.joined = 0
        self.failed = []
        self.inflight = 0
        self.latencies = array.array("d")
        self.ack_latencies = array.array("d")
        self.delivered = self.duplicates = self.foreign = 0
        self.sent = self.acked = self.rejected = self.disconnects = 0
        self.out_of_order = self.seq_mismatch = 0
        self.ack_status = Counter()
        self.seq_counts = Counter()  # (room, seq) -> deliveries seen by this worker
        self.seq_owner = {}  # (room, seq) -> (sender, n), first seen here
        self.acked_seqs = {}  # (room, seq) -> (sender, n), from this worker's send acks
        self.room_joined = Counter()  # room -> members of it joined in this worker
        self.warmup_ids = set()
        self.first_send = None
        self.last_recv = None
        self.last_ack = None
        self.expected = sum(room_senders[client["room"]] * opts.messages for _, client, _ in members)

    # --- phase 1: connect and join ---------------------------------------------------

    def connect_all(self):
        pending = list(reversed(self.members))
        deadline = time.monotonic() + self.opts.connect_timeout

        def start_next():
            while pending and self.inflight < self.opts.connect_concurrency:
                index, client, is_sender = pending.pop()
                origin = urllib.parse.urlsplit(client.get("url") or self.target.url)
                conn = Connection(
                    self.loop,
                    origin.hostname,
                    origin.port,
                    path=self.target.path,
                    headers=client.get("headers"),
                    cookies=client.get("cookies"),
                    auth=client.get("auth"),
                    on_connect=on_connect,
                    on_event=self.on_event,
                    on_error=on_error,
                    on_close=self.on_close,
                )
                conn.data.update(
                    index=index,
                    client=client,
                    room=client["room"],
                    is_sender=is_sender,
                    joined=False,
                    seen=set(),
                    to_send=0,
                    next_n=0,
                    outstanding=0,
                    last_seq=0,
                )
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
                self.room_joined[conn.data["room"]] += 1
            else:
                self.failed.append(why)
            start_next()

        def on_connect(conn):
            room = conn.data["room"]

            def joined(args):
                conn.data["joined"] = self.target.ack_ok(args)
                settle(conn, conn.data["joined"], f"join refused: {args!r}")

            conn.emit(self.target.join_event, self.target.join_payload(room, conn.data["client"]), ack=joined)

        def on_error(conn, message):
            settle(conn, False, message)

        self._settle_on_close = settle
        start_next()
        self.loop.run_until(lambda: not pending and self.inflight == 0, deadline)
        if pending or self.inflight:
            self.failed.append(f"{len(pending) + self.inflight} not joined within {self.opts.connect_timeout} s")

    def warm_up(self, timeout=30.0):
        """Send the target's warm-up message from the first joined client; its ack time in s."""
        conn = next((c for c in self.conns if c.data["joined"] and c.state == "connected"), None)
        payload = conn and self.target.warmup_payload(conn.data["room"], conn.data["client"])
        if not payload:
            return None
        done = {}
        began = time.monotonic()
        conn.emit(
            self.target.send_event,
            payload,
            ack=lambda args: done.update(at=time.monotonic(), status=self.target.ack_status(args)[0]),
        )
        self.loop.run_until(lambda: "at" in done, began + timeout)
        if "at" not in done:
            raise RuntimeError(f"warm-up send not acknowledged within {timeout} s")
        self.warmup_ids.add(payload.get("client_msg_id"))
        return done["at"] - began, done["status"]

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
            if not self._is_warmup(args):
                self.foreign += 1
            return
        sender, n, sent_at, seq = parsed
        seen = conn.data["seen"]
        if (sender, n) in seen:
            self.duplicates += 1
            return
        seen.add((sender, n))
        self.delivered += 1
        self.latencies.append(now - sent_at)
        self.last_recv = now
        if seq is not None:
            key = (conn.data["room"], seq)
            self.seq_counts[key] += 1
            if seq <= conn.data["last_seq"]:
                self.out_of_order += 1
            conn.data["last_seq"] = max(seq, conn.data["last_seq"])
            owner = self.seq_owner.setdefault(key, (sender, n))
            if owner != (sender, n):
                self.seq_mismatch += 1

    @staticmethod
    def _is_warmup(args):
        try:
            return str(args[0]["client_msg_id"]).startswith("w-")
        except (IndexError, KeyError, TypeError):
            return False

    def send_one(self, conn):
        data = conn.data
        n = data["next_n"]
        data["next_n"] += 1
        data["outstanding"] += 1
        now = time.monotonic()
        if self.first_send is None:
            self.first_send = now
        payload = self.target.send_payload(data["room"], data["index"], n, now, data["client"])
        self.sent += 1

        def acked(args):
            at = time.monotonic()
            data["outstanding"] -= 1
            self.acked += 1
            self.last_ack = at
            self.ack_latencies.append(at - now)
            status, seq = self.target.ack_status(args)
            self.ack_status[status] += 1
            if status != "ok":
                self.rejected += 1
            if seq is not None:
                key = (data["room"], seq)
                if key in self.acked_seqs:
                    self.seq_mismatch += 1
                self.acked_seqs[key] = (data["index"], n)
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
            all_sent = (
                not schedule
                if opts.rate > 0
                else all(c.data["next_n"] >= opts.messages or c.state != "connected" for c in senders)
            )
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
        return {
            "worker": self.wid,
            "sent": self.sent,
            "acked": self.acked,
            "rejected": self.rejected,
            "delivered": self.delivered,
            "duplicates": self.duplicates,
            "foreign": self.foreign,
            "expected": self.expected,
            "disconnects": self.disconnects,
            "out_of_order": self.out_of_order,
            "seq_mismatch": self.seq_mismatch,
            "ack_status": dict(self.ack_status),
            "seq_counts": dict(self.seq_counts),
            "seq_owner": self.seq_owner,
            "acked_seqs": self.acked_seqs,
            "room_joined": dict(self.room_joined),
            "first_send": self.first_send,
            "last_recv": self.last_recv,
            "last_ack": self.last_ack,
            "latencies": self.latencies.tobytes(),
            "ack_latencies": self.ack_latencies.tobytes(),
        }


def worker_main(wid, target, members, room_senders, opts, ready_q, result_q, go, start_at):
    """Process entry: report readiness, wait for the common start, report results."""
    worker = None
    ready_sent = False
    try:
        worker = Worker(wid, target, members, room_senders, opts)
        began = time.monotonic()
        login_failed = target.login_clients([client for _, client, _ in members], opts)
        login_s = time.monotonic() - began
        if login_failed:
            ready_q.put({"worker": wid, "joined": 0, "failed": login_failed[:5], "login_s": login_s, "connect_s": 0})
            ready_sent = True
            return
        began = time.monotonic()
        worker.connect_all()
        connect_s = time.monotonic() - began
        warmup = worker.warm_up() if wid == 0 and opts.warmup and not worker.failed else None
        ready_q.put(
            {
                "worker": wid,
                "joined": worker.joined,
                "failed": worker.failed[:5],
                "login_s": login_s,
                "connect_s": connect_s,
                "warmup": warmup,
            }
        )
        ready_sent = True
        # Wait for the other workers while still polling: the server pings every connection
        # and drops those that do not answer in time.
        deadline = time.monotonic() + opts.login_timeout + opts.connect_timeout + 30
        while not go.is_set() and time.monotonic() < deadline:
            worker.loop.poll(0.05)
        if not go.is_set() or start_at.value <= 0:
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


def assign_processes(clients, urls):
    """Spread each room's members round-robin over the server processes, starting each room
    at a different process so that the rooms' first members (the senders) are spread too.
    Sets client["url"] (socket) and client["login_url"] (HTTP login: the next process, so
    the session cookie crosses processes); returns the clients per process."""
    room_order, seen, per_process = {}, Counter(), Counter()
    for client in clients:
        room = client["room"]
        first = room_order.setdefault(room, len(room_order))
        index = (first + seen[room]) % len(urls)
        seen[room] += 1
        client["url"], client["process"] = urls[index], index
        client["login_url"] = urls[(index + 1) % len(urls)]
        per_process[index] += 1
    return [per_process[i] for i in range(len(urls))]


def run(target, opts, name):
    clients = target.prepare_clients(opts.clients)
    clients_by_process = assign_processes(clients, target.urls or [target.url])
    members, room_senders = plan_clients(clients, opts.senders)
    workers = max(1, min(opts.workers, len(members)))
    # fork: the children inherit the target object as it is (cookies, url) without pickling.
    ctx = multiprocessing.get_context("fork")
    ready_q, result_q = ctx.Queue(), ctx.Queue()
    go, start_at = ctx.Event(), ctx.Value("d", 0.0)
    procs = [
        ctx.Process(
            target=worker_main,
            daemon=True,
            args=(w, target, members[w::workers], room_senders, opts, ready_q, result_q, go, start_at),
        )
        for w in range(workers)
    ]
    rss_before = target.rss_bytes()
    for proc in procs:
        proc.start()
    try:
        readies = [ready_q.get(timeout=opts.login_timeout + opts.connect_timeout + 30) for _ in procs]
        failures = [f for r in readies for f in r["failed"]]
        if failures:
            raise RuntimeError(f"clients failed to join: {failures[:5]}")
        rss_joined = target.rss_bytes()
        start_at.value = time.monotonic() + 0.2
        go.set()
        cpu_before, wall_before = target.cpu_seconds_each(), time.monotonic()
        budget = 0.2 + opts.max_seconds + 30
        results = [result_q.get(timeout=budget) for _ in procs]
        cpu_after, wall_after = target.cpu_seconds_each(), time.monotonic()
    except queue.Empty:
        raise RuntimeError("a worker did not report in time") from None
    finally:
        go.set()
        for proc in procs:
            proc.join(timeout=10)
            if proc.is_alive():
                proc.terminate()
    errors = [r["error"] for r in results if "error" in r]
    if errors:
        raise RuntimeError(f"worker failed: {errors}")

    latencies, ack_latencies = array.array("d"), array.array("d")
    for r in results:
        latencies.frombytes(r["latencies"])
        ack_latencies.frombytes(r["ack_latencies"])
    ordered, ack_ordered = sorted(latencies), sorted(ack_latencies)
    total = {
        key: sum(r[key] for r in results)
        for key in (
            "sent",
            "acked",
            "rejected",
            "delivered",
            "duplicates",
            "foreign",
            "expected",
            "disconnects",
            "out_of_order",
            "seq_mismatch",
        )
    }
    first = min((r["first_send"] for r in results if r["first_send"] is not None), default=None)
    last = max((r["last_recv"] for r in results if r["last_recv"] is not None), default=None)
    last_ack = max((r["last_ack"] for r in results if r["last_ack"] is not None), default=None)
    span = (last - first) if first is not None and last is not None and last > first else None
    ack_span = (last_ack - first) if first is not None and last_ack is not None and last_ack > first else None
    ack_status = Counter()
    for r in results:
        ack_status.update(r["ack_status"])

    def ms(value):
        return None if value is None else round(value * 1000, 2)

    out = {
        "target": name,
        "processes": len(target.urls or [target.url]),
        "redis": bool(target.redis_url),
        "clients": opts.clients,
        "rooms": opts.rooms,
        "senders": opts.senders,
        "messages": opts.messages,
        "rate": opts.rate if opts.rate > 0 else "flood",
        "workers": workers,
        "sent": total["sent"],
        "acked": total["acked"],
        "rejected": total["rejected"],
        "delivered": total["delivered"],
        "expected": total["expected"],
        "lost": total["expected"] - total["delivered"],
        "duplicates": total["duplicates"],
        "disconnects": total["disconnects"],
        "deliveries_per_s": round(total["delivered"] / span, 1) if span else 0.0,
        "p50_ms": ms(percentile(ordered, 0.50)),
        "p99_ms": ms(percentile(ordered, 0.99)),
        "max_ms": ms(ordered[-1] if ordered else None),
        "acks_per_s": round(total["acked"] / ack_span, 1) if ack_span else 0.0,
        "ack_p50_ms": ms(percentile(ack_ordered, 0.50)),
        "ack_p99_ms": ms(percentile(ack_ordered, 0.99)),
        "duration_s": round(span, 3) if span else None,
        "login_s": round(max(r.get("login_s", 0) for r in readies), 3),
        "connect_s": round(max(r["connect_s"] for r in readies), 3),
        "ack_status": dict(ack_status),
    }
    if cpu_before and cpu_after and None not in cpu_before + cpu_after:
        # Server CPU over the send/receive phase, in % of one core (eventlet: one thread per
        # process); summed over the processes, which share the machine's cores with the clients.
        each = [round(100 * (b - a) / (wall_after - wall_before), 1) for a, b in zip(cpu_before, cpu_after)]
        out["server_cpu_pct"] = round(sum(each), 1)
        if len(each) > 1:
            out["server_cpu_pct_each"] = each
        out["cores"] = os.cpu_count()
    if rss_before and rss_joined:
        # What the server holds per connected, joined client (sockets, sessions, presence, cached
        # facts), from its resident memory before the clients came and once all had joined.
        out["server_rss_mb"] = round(rss_joined / 2**20, 1)
        out["rss_per_client_kb"] = round((rss_joined - rss_before) / opts.clients / 1024, 1)
    if len(clients_by_process) > 1:
        out["clients_by_process"] = clients_by_process
        out["senders_by_process"] = [
            sum(1 for _, c, s in members if s and c["process"] == i) for i in range(len(clients_by_process))
        ]
    warmup = next((r["warmup"] for r in readies if r.get("warmup")), None)
    if warmup:
        out["warmup_ack_ms"], out["warmup_status"] = ms(warmup[0]), warmup[1]
    if total["foreign"]:
        out["foreign"] = total["foreign"]
    out.update(check_seqs(results, total))
    return out


def check_seqs(results, total):
    """Per-(room, seq) accounting, for servers that number messages: every acknowledged seq
    should reach every joined member of its room exactly once (in order: out_of_order), and
    every worker should agree on which send a seq belongs to (seq_mismatch)."""
    acked, owner, counts, joined = {}, {}, Counter(), Counter()
    mismatch = total["seq_mismatch"]
    for r in results:
        joined.update(r["room_joined"])
        counts.update(r["seq_counts"])
        for key, who in r["acked_seqs"].items():
            if acked.setdefault(key, who) != who:
                mismatch += 1
        for key, who in r["seq_owner"].items():
            if owner.setdefault(key, who) != who:
                mismatch += 1
    if not acked and not counts:
        return {}
    mismatch += sum(1 for key, who in acked.items() if key in owner and owner[key] != who)
    seq_lost = sum(max(0, joined[room] - counts.get((room, seq), 0)) for room, seq in acked)
    seq_dupes = sum(max(0, n - joined[room]) for (room, _), n in counts.items())
    return {
        "acked_seqs": len(acked),
        "seq_lost": seq_lost,
        "seq_dupes": seq_dupes,
        "delivered_unacked_seqs": sum(1 for key in counts if key not in acked),
        "out_of_order": total["out_of_order"],
        "seq_mismatch": mismatch,
    }


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", choices=sorted(TARGETS), default="bare")
    parser.add_argument(
        "--compare", action="store_true", help="run the same load against bare, then ours; one JSON line each"
    )
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--rooms", type=int, default=5)
    parser.add_argument("--senders", type=int, default=1, help="senders per room")
    parser.add_argument("--messages", type=int, default=100, help="messages per sender")
    parser.add_argument("--rate", type=float, default=20, help="messages/s per sender, paced; 0 floods (see --window)")
    parser.add_argument(
        "--window",
        type=int,
        default=50,
        help="flood mode: unacknowledged sends per sender (a small window "
        "measures Nagle/delayed-ACK stalls on the server, not throughput)",
    )
    parser.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1), help="load-generator processes")
    parser.add_argument(
        "--connect-concurrency",
        type=int,
        default=20,
        help="handshakes in flight per worker (the server's backlog is small)",
    )
    parser.add_argument("--connect-timeout", type=float, default=60)
    parser.add_argument(
        "--login-concurrency",
        type=int,
        default=2,
        help="ours: HTTP logins in flight per worker (each costs the server "
        "a scrypt hash, ~70 ms of its one event loop)",
    )
    parser.add_argument("--login-timeout", type=float, default=120, help="ours: time for all of a worker's logins")
    parser.add_argument(
        "--keep-data",
        action="store_true",
        help="ours: keep the temporary data folder (database, server.log); it is "
        "kept anyway when the server log shows problems",
    )
    parser.add_argument(
        "--no-warmup",
        dest="warmup",
        action="store_false",
        help="ours: skip the one unmeasured message sent before the measured phase",
    )
    parser.add_argument(
        "--processes", type=int, default=1, help="server processes (1-8); more than one share a Redis message queue"
    )
    parser.add_argument(
        "--postgres",
        default=None,
        metavar="ADMIN_URL",
        help="ours on PostgreSQL: a fresh database created through ADMIN_URL "
        "(e.g. postgresql://postgres@127.0.0.1:5432/postgres) and dropped after the run",
    )
    parser.add_argument("--redis", action="store_true", help="use the Redis message queue even with one process")
    parser.add_argument(
        "--redis-url",
        default="redis://127.0.0.1:6379/0",
        help="the message queue for --processes > 1 or --redis (loopback only)",
    )
    parser.add_argument("--drain", type=float, default=10, help="seconds to wait for deliveries after the last send")
    parser.add_argument("--max-seconds", type=float, default=120, help="hard limit on the send/receive phase")
    opts = parser.parse_args(argv)
    if opts.rooms < 1 or opts.clients < opts.rooms:
        parser.error("need --rooms >= 1 and --clients >= --rooms")
    if opts.senders < 1 or opts.messages < 1 or opts.window < 1 or opts.workers < 1:
        parser.error("--senders, --messages, --window and --workers must be >= 1")
    if not 1 <= opts.processes <= 8:
        parser.error("--processes must be 1..8")
    host = urllib.parse.urlsplit(opts.redis_url).hostname
    if host not in ("127.0.0.1", "localhost"):
        parser.error("--redis-url must point at 127.0.0.1")
    return opts


def run_target(name, opts):
    """Start the named target, run the load, stop it; the JSON line as a dict."""
    target = TARGETS[name](rooms=opts.rooms, clients=opts.clients, opts=opts)
    try:
        target.start()
        result = run(target, opts, name)
    except (NotImplementedError, RuntimeError, OSError, subprocess.SubprocessError) as exc:
        result = {"target": name, "processes": target.n_processes, "redis": bool(target.redis_url), "error": str(exc)}
    finally:
        target.stop()
    result.update(target.report())
    return result


def main(argv=None):
    opts = parse_args(argv)
    names = ["bare", "ours"] if opts.compare else [opts.target]
    status = 0
    for name in names:
        result = run_target(name, opts)
        if "error" in result:
            status = 1
        print(json.dumps(result), flush=True)
    return status


if __name__ == "__main__":
    sys.exit(main())
