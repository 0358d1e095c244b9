"""Test support: the real server in a subprocess on 127.0.0.1, an HTTP client that logs in
like a browser does, and real python-socketio clients. Nothing of ours is mocked."""

from __future__ import annotations

import atexit
import itertools
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import requests
import socketio

ROOT = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "exchange-demo"
# Test clients say their language as a browser does: without it a school's default language decides
# (Norwegian for the demo's Oslo school), and the suite reads English sentences.
ENGLISH = "en"
# Harmless words for unique titles and messages: random hex can spell what the filter holds ("a55",
# "b00b5", "d1c"), which made a test fail once in a while; digits can read as codes ("88").
_TREES = ("alder", "birch", "cedar", "elm", "fir", "hazel", "larch", "maple", "oak", "pine", "rowan", "spruce")
_BIRDS = ("finch", "heron", "lark", "owl", "robin", "swift", "thrush", "wren", "crane", "kite", "plover", "tern")
_TAGS = itertools.count(os.getpid() % 97)


def unique_words() -> str:
    """Two plain words, different on each call (144 pairs, then a third word): for titles and messages."""
    n = next(_TAGS)
    words = f"{_TREES[n % 12]} {_BIRDS[(n // 12) % 12]}"
    return words if n < 144 else f"{words} {_TREES[(n // 144) % 12]}"


PG_ADMIN_URL = os.environ.get("EXCHANGE_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")

# The suite's clock. Every server starts on it (EXCHANGE_TESTING=1, EXCHANGE_FAKE_NOW) and tests read
# dates from it, never from the machine, so the suite gives one answer on any day of the year.
# `EXCHANGE_TEST_NOW=2027-07-20T09:00:00Z` runs it on another date. Default: a school-term Wednesday morning.
DEFAULT_TEST_NOW = "2027-02-17T08:30:00Z"


def _instant(value: str) -> datetime:
    dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    return (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)


SUITE_NOW = _instant(os.environ.get("EXCHANGE_TEST_NOW") or DEFAULT_TEST_NOW)
_SUITE_STARTED = time.monotonic()


def suite_now() -> datetime:
    """The suite's instant plus the time the suite has run: what a server started now reads as now."""
    return SUITE_NOW + timedelta(seconds=time.monotonic() - _SUITE_STARTED)


def suite_today() -> date:
    """Today on the suite's clock (UTC), for tests that build dates."""
    return suite_now().date()


def iso_z(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


# scripts/test runs the SQLite and PostgreSQL passes side by side: each picks its servers' ports
# from its own range (below Linux's ephemeral ports), so the two can never pick the same one.
_PORT_RANGES = {"sqlite": (20000, 26000), "postgresql": (26000, 32000)}


def free_port() -> int:
    low, high = _PORT_RANGES.get(os.environ.get("EXCHANGE_TEST_DB", "sqlite"), (20000, 26000))
    for _ in range(200):
        port = random.randrange(low, high)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue  # taken: try another
            return port
    raise RuntimeError(f"no free port between {low} and {high}")


def test_backend() -> str:
    """sqlite (default) or postgresql: `EXCHANGE_TEST_DB=postgresql` runs the suite on PostgreSQL."""
    return os.environ.get("EXCHANGE_TEST_DB", "sqlite")


_created_databases: list[str] = []


@atexit.register
def _drop_test_databases() -> None:
    if not _created_databases:
        return
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        for name in _created_databases:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_pg_template: list[str] = []


def _migrated_template() -> str:
    """A PostgreSQL database migrated to the newest schema once per test process: a demo server's
    database is copied from it (CREATE DATABASE ... TEMPLATE) instead of running every migration."""
    if not _pg_template:
        import psycopg
        from exchange.schema import upgrade  # why: the migrations, only when a PostgreSQL server starts

        name = "exch_tpl_" + uuid.uuid4().hex[:12]
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        _created_databases.append(name)
        upgrade(PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name)  # its engine is disposed: no connection stays
        _pg_template.append(name)
    return _pg_template[0]


_sqlite_template: list[Path] = []


def _migrated_sqlite_template() -> Path:
    """A SQLite file migrated to the newest schema once per test process, copied for each demo server
    (running every migration again costs each start over half a second)."""
    if not _sqlite_template:
        from exchange.schema import upgrade  # why: the migrations, only when a server starts

        folder = Path(tempfile.mkdtemp(prefix="exchange-template-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        upgrade(f"sqlite:///{folder / 'exchange.db'}")  # its engine is disposed: the file is whole
        _sqlite_template.append(folder / "exchange.db")
    return _sqlite_template[0]


def new_database_url(data_dir: Path, migrated: bool = False) -> str:
    """SQLite in the data folder, or a new PostgreSQL database (empty, or `migrated` to the newest
    schema: the server's own upgrade then finds nothing to do)."""
    if test_backend() != "postgresql":
        path = data_dir / "exchange.db"
        if migrated and not path.exists():
            shutil.copyfile(_migrated_sqlite_template(), path)
        return f"sqlite:///{path}"
    import psycopg

    name = "exch_" + uuid.uuid4().hex[:12]
    template = f' TEMPLATE "{_migrated_template()}"' if migrated else ""
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"{template}')
    _created_databases.append(name)
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


_filter_cache_warm = False


def warm_filter_cache() -> None:
    """Compile the content filter's word lists once in this process, which fills the on-disk
    regex cache (exchange/safety/compiled.py): every server started after it loads them in
    seconds. Without it the first server of a fresh machine compiles them itself (tens of
    seconds of CPU) inside its start-up deadline."""
    global _filter_cache_warm
    if not _filter_cache_warm:
        from exchange.safety.text import warm_up  # why: pure safety code only, loaded when a server starts

        warm_up()
        _filter_cache_warm = True


class _Zygote:
    """A warm parent servers and commands are forked from (tests/zygote.py): a plain one and an
    eventlet one per test process, each started with the first child that needs it.
    `EXCHANGE_TEST_ZYGOTE=0` starts each as a plain subprocess."""

    _started: dict[bool, _Zygote] = {}
    _lock = threading.Lock()

    def __init__(self, eventlet: bool = False) -> None:
        flags = ["--eventlet"] if eventlet else []
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("zygote.py")), *flags],
            cwd=str(ROOT),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        ready = self.proc.stdout.readline() if self.proc.stdout else ""
        if '"ready"' not in ready:
            raise RuntimeError(f"the test servers' zygote did not start: {ready!r}")
        atexit.register(self.close)

    @classmethod
    def get(cls, eventlet: bool = False) -> _Zygote:
        """The plain parent, or (``eventlet``) the one that is patched and has the app imported,
        for `exchange serve` in eventlet mode."""
        with cls._lock:
            one = cls._started.get(eventlet)
            if one is None or one.proc.poll() is not None:
                one = cls._started[eventlet] = cls(eventlet)
            return one

    def ask(self, request: dict) -> dict:
        with self._lock:
            assert self.proc.stdin and self.proc.stdout
            self.proc.stdin.write(json.dumps(request) + "\n")
            self.proc.stdin.flush()
            return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class ForkedServer:
    """What the tests use of `subprocess.Popen`, for a server forked by the zygote."""

    def __init__(self, zygote: _Zygote, pid: int, args: list[str]):
        self.zygote, self.pid, self.args = zygote, pid, args
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = self.zygote.ask({"poll": self.pid})["code"]
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(self.args, timeout or 0)
            time.sleep(0.05)
        assert self.returncode is not None
        return self.returncode

    def send_signal(self, sig: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, sig)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def spawn_server(args: list[str], env: dict, log_path: Path):
    """`python -m exchange.cli <args>`, forked from the warm zygote (or a plain subprocess)."""
    if os.environ.get("EXCHANGE_TEST_ZYGOTE", "1") == "0":
        warm_filter_cache()
        log = open(log_path, "ab")  # noqa: SIM115 - the server writes to it for its whole life
        return subprocess.Popen(
            [sys.executable, "-m", "exchange.cli", *args], env=env, cwd=str(ROOT), stdout=log, stderr=subprocess.STDOUT
        )
    eventlet = args[:1] == ["serve"] and (env.get("EXCHANGE_ASYNC_MODE") or "eventlet") == "eventlet"
    zygote = _Zygote.get(eventlet)
    pid = zygote.ask({"start": args, "env": dict(env), "cwd": str(ROOT), "log": str(log_path)})["pid"]
    return ForkedServer(zygote, pid, args)


def run_command(args: list[str], env: dict, *, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m exchange.cli <args>` to its end, its output captured as `subprocess.run` does;
    forked from the warm zygote (a command that checks names, like a roster import, would otherwise
    load the content filter itself)."""
    argv = [sys.executable, "-m", "exchange.cli", *args]
    if os.environ.get("EXCHANGE_TEST_ZYGOTE", "1") == "0":
        return subprocess.run(
            argv, env=env, cwd=str(ROOT), capture_output=True, text=True, check=check, timeout=timeout
        )
    with tempfile.TemporaryDirectory(prefix="exchange-cli-") as folder:
        out, err = Path(folder) / "out", Path(folder) / "err"
        zygote = _Zygote.get()
        pid = zygote.ask({"start": args, "env": dict(env), "cwd": str(ROOT), "log": str(out), "err": str(err)})["pid"]
        child = ForkedServer(zygote, pid, args)
        try:
            code = child.wait(timeout)
        except subprocess.TimeoutExpired:
            child.kill()
            raise
        result = subprocess.CompletedProcess(
            argv,
            code,
            out.read_text(encoding="utf-8", errors="replace"),
            err.read_text(encoding="utf-8", errors="replace"),
        )
    if check and code != 0:
        raise subprocess.CalledProcessError(code, argv, result.stdout, result.stderr)
    return result


class ServerProcess:
    """`exchange serve` as a user runs it, on a free loopback port, with its own data folder."""

    def __init__(
        self,
        *,
        demo: bool = True,
        async_mode: str = "eventlet",
        env: dict | None = None,
        data_dir: Path | None = None,
        database_url: str | None = None,
        port: int | None = None,
    ):
        self.data_dir = Path(data_dir or tempfile.mkdtemp(prefix="exchange-test-"))
        self.port = port or free_port()
        self.demo = demo
        self.database_url = database_url or new_database_url(self.data_dir, migrated=demo)
        self._env = dict(
            os.environ,
            EXCHANGE_DATA_DIR=str(self.data_dir),
            EXCHANGE_ASYNC_MODE=async_mode,
            DATABASE_URL=self.database_url,
            PYTHONUNBUFFERED="1",
            EXCHANGE_TESTING="1",
        )
        self._env.update(env or {})
        # A test that sets its own EXCHANGE_FAKE_NOW keeps it; every other process starts on the suite's clock.
        self.own_clock = "EXCHANGE_FAKE_NOW" not in (env or {})
        self._clock_start: tuple[datetime, float] | None = None
        self.proc: subprocess.Popen | None = None
        self.log_path = self.data_dir / f"server-{self.port}.log"

    @property
    def env(self) -> dict:
        """The environment of this server and of every process run beside it (commands, set-up scripts).
        Read at each start, it carries the suite's clock as it reads then: a restart or a command
        never goes back in time."""
        if self.own_clock:
            self._env["EXCHANGE_FAKE_NOW"] = iso_z(suite_now())
        return self._env

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 120) -> "ServerProcess":
        """Start and wait for /healthz. A slow start on a busy machine is not a failure: the
        deadline is generous, and the filter's compiled word lists are cached before the first."""
        args = ["serve", "--host", "127.0.0.1", "--port", str(self.port)]
        if self.demo:
            args.append("--demo")
        env = self.env
        self._clock_start = (_instant(env["EXCHANGE_FAKE_NOW"]), time.monotonic())
        self.proc = spawn_server(args, env, self.log_path)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{self.log()}")
            try:
                if requests.get(self.url + "/healthz", timeout=1).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.15)
        raise RuntimeError(f"server did not start in {timeout}s:\n{self.log()}")

    def now(self) -> datetime:
        """What this server reads as now: the instant it started on plus the time it has run."""
        if self._clock_start is None:
            return suite_now() if self.own_clock else _instant(self._env["EXCHANGE_FAKE_NOW"])
        start, started = self._clock_start
        return start + timedelta(seconds=time.monotonic() - started)

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-6000:]
        except OSError:
            return ""

    def stop(self) -> int | None:
        """SIGTERM, as a process manager sends it; returns the exit code (None if it had to be killed)."""
        code = None
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                code = self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None
        return code

    def kill(self) -> None:
        """SIGKILL: no chance to flush or clean up, like a power cut."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)
        self.proc = None

    def run_cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return run_command(list(args), self.env, check=check)


class Api:
    """A logged-in HTTP client that speaks the JSON API with the CSRF header, like our pages do."""

    def __init__(self, base: str):
        self.base = base
        self.http = requests.Session()
        self.http.headers["Accept-Language"] = ENGLISH
        self.csrf = None
        self.user = None

    def login(self, login: str, password: str = DEMO_PASSWORD) -> "Api":
        self.csrf = self.http.get(self.base + "/api/v1/auth/csrf", timeout=10).json()["csrf_token"]
        r = self.post("/api/v1/auth/login", {"login": login, "password": password})
        assert r.status_code == 200, r.text
        self.user = r.json()["user"]
        self.csrf = r.json()["csrf_token"]
        return self

    def get(self, path: str, headers: dict | None = None, **kw):
        return self.http.get(self.base + path, timeout=15, headers=headers or {"Accept": "application/json"}, **kw)

    def post(self, path: str, body=None, **kw):
        headers = {"X-CSRFToken": self.csrf or "", "Accept": "application/json"}
        return self.http.post(self.base + path, json=body, headers=headers, timeout=15, **kw)

    def put(self, path: str, body=None, **kw):
        headers = {"X-CSRFToken": self.csrf or "", "Accept": "application/json"}
        return self.http.put(self.base + path, json=body, headers=headers, timeout=15, **kw)

    def delete(self, path: str, **kw):
        headers = {"X-CSRFToken": self.csrf or "", "Accept": "application/json"}
        return self.http.delete(self.base + path, headers=headers, timeout=15, **kw)

    def cookie_header(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)


class Live:
    """A real python-socketio client for one logged-in user, recording what it receives."""

    def __init__(self, api: Api):
        self.api = api
        self.sio = socketio.Client(reconnection=False)
        self.events: list[tuple[str, object]] = []
        self.lock = threading.Lock()
        for name in (
            "message",
            "presence",
            "room_state",
            "typing",
            "flag",
            "muted",
            "evicted",
            "removed",
            "held_rejected",
            "flag_update",
            "notice",
        ):
            self.sio.on(name, self._recorder(name))

    def _recorder(self, name):
        def record(data=None):
            with self.lock:
                self.events.append((name, data))

        return record

    def connect(self) -> "Live":
        self.sio.connect(
            self.api.base,
            headers={"Cookie": self.api.cookie_header(), "Accept-Language": ENGLISH},
            transports=["websocket"],
            wait_timeout=10,
        )
        return self

    def call(self, event: str, data=None, timeout: float = 15):
        return self.sio.call(event, data, timeout=timeout)

    def join(self, room: int, last_seq: int = 0):
        return self.call("join", {"room": room, "last_seq": last_seq})

    def send(self, room: int, body: str, client_msg_id: str | None = None):
        return self.call(
            "send_message", {"room": room, "body": body, "client_msg_id": client_msg_id or uuid.uuid4().hex}
        )

    def send_many(self, room: int, bodies: list[str], window: int = 32, timeout: float = 120) -> list[dict]:
        """Send many messages with up to ``window`` acks outstanding (as a busy room does), and
        return the acks in the order of ``bodies``. The server numbers messages as it stores
        them, so seqs need not follow the order of sending."""
        acks: list[dict | None] = [None] * len(bodies)
        slots = threading.Semaphore(window)
        done = threading.Event()
        left = [len(bodies)]

        def acked(i: int):
            def callback(ack=None):
                acks[i] = ack
                slots.release()
                with self.lock:
                    left[0] -= 1
                    if left[0] == 0:
                        done.set()

            return callback

        for i, body in enumerate(bodies):
            if not slots.acquire(timeout=timeout):
                raise AssertionError(f"no ack within {timeout}s after {i} sends")
            payload = {"room": room, "body": body, "client_msg_id": uuid.uuid4().hex}
            self.sio.emit("send_message", payload, callback=acked(i))
        if bodies and not done.wait(timeout):
            raise AssertionError(f"{left[0]} of {len(bodies)} sends were never acknowledged")
        return [a for a in acks if a is not None]

    def received(self, name: str = "message") -> list:
        with self.lock:
            return [d for n, d in self.events if n == name]

    def wait_for(self, predicate, timeout: float = 10, name: str = "message"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = [d for d in self.received(name) if predicate(d)]
            if got:
                return got[0]
            time.sleep(0.05)
        raise AssertionError(f"no {name} event matched within {timeout}s; got {self.received(name)[-5:]}")

    def close(self) -> None:
        try:
            self.sio.disconnect()
        except Exception:
            pass


REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_pair(env: dict | None = None) -> tuple[ServerProcess, ServerProcess]:
    """Two `exchange serve` processes on one database (A with the demo data), joined by Redis on a
    channel of their own, sharing one secret key: a district's scale-out on one machine."""
    import secrets

    shared = {
        "SECRET_KEY": secrets.token_urlsafe(32),
        "REDIS_URL": REDIS_URL,
        "EXCHANGE_SOCKETIO_CHANNEL": "exchange-test-" + uuid.uuid4().hex[:8],
        **(env or {}),
    }
    a = ServerProcess(env=shared).start()
    try:
        b = ServerProcess(env=shared, demo=False, database_url=a.database_url).start()
    except Exception:
        a.stop()
        raise
    return a, b


class Reply:
    """A Flask test response read like a `requests` one (`.json()`, `.text`), so a test reads the
    same whether it talks to a server subprocess (`Api`) or to an app in this process (`AppApi`)."""

    def __init__(self, response):
        self.raw = response
        self.status_code = response.status_code
        self.headers = response.headers
        self.content = response.get_data()
        self.text = self.content.decode("utf-8", "replace")

    def json(self):
        return self.raw.get_json(force=True)


def fresh_context_client_class():
    """Flask's test client, each request in an app context of its own: a test that holds one open
    (`db_session`) must not share `g` (the login, the CSRF token) between the requests of several
    users. Like a server, each request ends by closing its database session."""
    from flask.testing import FlaskClient

    class FreshContextClient(FlaskClient):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.environ_base.setdefault("HTTP_ACCEPT_LANGUAGE", ENGLISH)  # as a browser set to English says

        def open(self, *args, **kwargs):
            with self.application.app_context():
                return super().open(*args, **kwargs)

    return FreshContextClient


class AppApi:
    """`Api`'s twin for an app in this process: a Flask test client that logs in like our pages do
    (CSRF token from /api/v1/auth/csrf, then the X-CSRFToken header on every write)."""

    def __init__(self, app):
        self.app = app
        self.http = app.test_client()
        self.csrf = None
        self.user = None

    def fetch_csrf(self) -> "AppApi":
        self.csrf = self.get("/api/v1/auth/csrf").json()["csrf_token"]
        return self

    def login(self, login: str, password: str = DEMO_PASSWORD) -> "AppApi":
        self.fetch_csrf()
        r = self.post("/api/v1/auth/login", {"login": login, "password": password})
        assert r.status_code == 200, r.text
        self.user = r.json()["user"]
        self.csrf = r.json()["csrf_token"]
        return self

    def get(self, path: str, headers: dict | None = None, **kw) -> Reply:
        return Reply(self.http.get(path, headers=headers or {"Accept": "application/json"}, **kw))

    def request(self, method: str, path: str, headers: dict | None = None, **kw) -> Reply:
        """Any method, no redirect followed (like `requests` with allow_redirects=False)."""
        return Reply(self.http.open(path, method=method, headers=headers or {}, **kw))

    def post(self, path: str, body=None, **kw) -> Reply:
        headers = {"X-CSRFToken": self.csrf or "", "Accept": "application/json"}
        headers.update(kw.pop("headers", {}))
        if body is None and "data" not in kw:
            return Reply(self.http.post(path, headers=headers, **kw))
        if "data" in kw:
            return Reply(self.http.post(path, headers=headers, **kw))
        return Reply(self.http.post(path, json=body, headers=headers, **kw))


class AppLive:
    """`Live`'s twin in this process: Flask-SocketIO's test client on an `AppApi`'s login cookie."""

    def __init__(self, api: AppApi):
        from exchange.extensions import socketio as server  # the app's Socket.IO server, bound by create_app

        self.api = api
        with api.app.app_context():
            self.sio = server.test_client(api.app, flask_test_client=api.http, headers={"Accept-Language": ENGLISH})
        self.events: list[tuple[str, object]] = []

    @property
    def connected(self) -> bool:
        return self.sio.is_connected()

    def call(self, event: str, data=None):
        with self.api.app.app_context():  # a fresh `g` per event, as on a server
            return self.sio.emit(event, data, callback=True)

    def join(self, room: int, last_seq: int = 0):
        return self.call("join", {"room": room, "last_seq": last_seq})

    def send(self, room: int, body: str, client_msg_id: str | None = None):
        return self.call(
            "send_message", {"room": room, "body": body, "client_msg_id": client_msg_id or uuid.uuid4().hex}
        )

    def received(self, name: str = "message") -> list:
        if self.sio.is_connected():
            for packet in self.sio.get_received():
                args = packet["args"]  # a list of arguments; for the event named "message", the data itself
                data = (args[0] if args else None) if isinstance(args, list) else args
                self.events.append((packet["name"], data))
        return [d for n, d in self.events if n == name]

    def wait_for(self, predicate, timeout: float = 10, name: str = "message"):
        """The first `name` event matching `predicate` (events arrive in this process, mostly at once)."""
        deadline = time.monotonic() + timeout
        while True:
            got = [d for d in self.received(name) if predicate(d)]
            if got:
                return got[0]
            if time.monotonic() > deadline:
                raise AssertionError(f"no {name} event matched within {timeout}s; got {self.received(name)[-5:]}")
            time.sleep(0.05)

    def close(self) -> None:
        if self.sio.is_connected():
            with self.api.app.app_context():
                self.sio.disconnect()
