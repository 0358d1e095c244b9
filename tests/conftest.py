"""Fixtures shared by the suite.

In-process (one app per test, as in the Flask tutorial and Warehouse): `app`, `client`, `runner`,
`db_session`, and `as_user` (a logged-in `AppApi`). SQLite: each test gets a copy of a database made
once per run; PostgreSQL (EXCHANGE_TEST_DB=postgresql): a transaction rolled back after each test.
Mark a test (or module, `pytestmark`) `demo_data` to start from the fictional demo data.

End to end: one demo server subprocess per test module (`server`), logged-in HTTP clients (`api`),
Socket.IO clients (`live`), Chromium (`browser`).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import (
    SUITE_NOW,
    Api,
    AppApi,
    AppLive,
    Live,
    ServerProcess,
    fresh_context_client_class,  # noqa: E402
    iso_z,
    new_database_url,
    suite_now,
    test_backend,
)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

TEACHER_OSLO = "astrid.lunde@fjordvik.example"
TEACHER_SYDNEY = "liam.carter@wattlecreek.example"
TEACHER_NAIROBI = "amani.wanjiru@jacaranda.example"
ADMIN_OSLO = "admin@fjordvik.example"
ADMIN_SYDNEY = "admin@wattlecreek.example"
MODERATOR = "moderator@exchange.example"
EXPERT = "selma.ortiz@marinelab.example"


@pytest.fixture(autouse=True)
def _safety_tests_start_with_the_model_off(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test under tests/safety starts with the trained second opinion's deployment setting off.

    An app created earlier in the same process turns it on for every later check
    (``exchange.safety.use_model``, as a server does at start-up), so a safety verdict depended on
    which tests ran before it: a look-alike pinned as allowed by the rules passed in one order and
    was held by the model in another. The tests about the model turn it on themselves, and
    tests/safety/test_model_look_alikes.py runs every pinned look-alike with it on.
    """
    if request.path.parent.name == "safety":
        from exchange.safety import text as text_module

        monkeypatch.setattr(text_module, "_MODEL_ON", [False])  # as test_second_opinion.py does


def pytest_configure(config):
    config.addinivalue_line("markers", "demo_data: the in-process `app` starts from the fictional demo data")
    config.addinivalue_line(
        "markers",
        "own_database: on PostgreSQL the in-process `app` gets a database of its own "
        "(for tests that commit from several threads or processes)",
    )


# Suites that never open our database: the text and file filters, the house rules, the Socket.IO
# client against an echo server. The PostgreSQL pass of scripts/test skips them (same code, same result).
BACKEND_INDEPENDENT = ("safety", "architecture", "browser")


def pytest_collection_modifyitems(config, items):
    tests_dir = Path(__file__).resolve().parent
    for item in items:
        parts = Path(str(item.fspath)).resolve().relative_to(tests_dir).parts
        if parts and parts[0] in BACKEND_INDEPENDENT:
            item.add_marker(pytest.mark.backend_independent)
        if "browser" in getattr(item, "fixturenames", ()):
            # What a page shows and does in Chromium; the HTTP and Socket.IO paths behind it are
            # tested on both databases by the other suites, so the PostgreSQL pass skips these.
            item.add_marker(pytest.mark.browser_ui)


@pytest.fixture(scope="session", autouse=True)
def suite_clock():
    """Code of ours run inside the test process (storage contracts, outboxes) reads the suite's clock too."""
    from exchange import clock

    clock.configure(iso_z(SUITE_NOW), testing=True)
    yield
    clock.configure(None, testing=False)


@pytest.fixture(scope="module")
def server():
    # Generous rate limits here: the shared server sees many messages from the same demo
    # students across tests; the rate-limit test runs its own server with the defaults. 5,000 in
    # any second: the catch-up test has 1,500 sends in flight at once, and a fast machine stored
    # more than the 1,000 a second that 500/60000 allowed (rate_limited, 2026-12-04).
    srv = ServerProcess(env={"EXCHANGE_RATE_BURST": "5000", "EXCHANGE_RATE_PER_MINUTE": "300000"}).start()
    yield srv
    srv.stop()


@pytest.fixture()
def api(server):
    def login(who: str, password: str | None = None) -> Api:
        client = Api(server.url)
        return client.login(who, password) if password else client.login(who)

    return login


@pytest.fixture()
def live(server):
    opened: list[Live] = []

    def connect(api: Api) -> Live:
        client = Live(api).connect()
        opened.append(client)
        return client

    yield connect
    for c in opened:
        c.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def new_context(browser, **options):
    """A browser context whose JavaScript clock reads the suite's time, as the servers do: pages
    that compare a date with "today" see the same day as the server. Time then flows naturally."""
    context = browser.new_context(**options)
    context.clock.install(time=suite_now())
    return context


def demo_room_id(api: Api, title_part: str = "seasons") -> int:
    rooms = api.get("/api/v1/rooms").json()["rooms"]
    return next(r["id"] for r in rooms if title_part in r["title"].lower())


# ---- in-process: one app per test ------------------------------------------------------------
# Imports of exchange stay inside the fixtures: collecting the end-to-end tests loads no Flask.


class AppDatabases:
    """The schema (and, on demand, the demo data) made once per run, by the migrations as in
    production; every test starts from a fresh copy of it."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.made: dict[bool, str] = {}
        self.engines: dict[str, object] = {}

    def url(self, demo: bool) -> str:
        if demo not in self.made:
            self.made[demo] = self._make(demo)
        return self.made[demo]

    def _make(self, demo: bool) -> str:
        from exchange import create_app
        from exchange.config import config_for_tests
        from exchange.schema import upgrade

        folder = self.folder / ("demo" if demo else "empty")
        folder.mkdir(exist_ok=True)
        url = new_database_url(folder)
        upgrade(url)
        if demo:
            from exchange.demo import load_demo

            app = create_app(config_for_tests(folder, DATABASE_URL=url, EXCHANGE_FAKE_NOW=iso_z(suite_now())))
            with app.app_context():
                load_demo()
                _cheap_demo_logins()
            app.extensions["exchange.db.engine"].dispose()  # SQLite: checkpoints the WAL into the file
        return url

    def copy(self, url: str) -> str:
        """PostgreSQL: a database of its own for one test, cloned from the template `url` (for tests
        whose commands commit through connections of their own); dropped at the end of the run."""
        import uuid

        import psycopg

        from support import PG_ADMIN_URL, _created_databases

        if url in self.engines:
            self.engines[url].dispose()  # CREATE DATABASE ... TEMPLATE needs the template unused
        template, name = url.rsplit("/", 1)[1], "exch_" + uuid.uuid4().hex[:12]
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        _created_databases.append(name)
        return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name

    def engine(self, url: str):
        from sqlalchemy import create_engine

        if url not in self.engines:
            self.engines[url] = create_engine(url)
        return self.engines[url]

    def dispose(self) -> None:
        for engine in self.engines.values():
            engine.dispose()


def _cheap_demo_logins() -> None:
    """The demo people keep their password, hashed the cheap way for tests: a login then costs
    microseconds, not scrypt's deliberate tenth of a second on the test's own core. The stored
    hash names its method, so the same login code checks it."""
    from sqlalchemy import select, update
    from werkzeug.security import check_password_hash, generate_password_hash

    from exchange.accounts.models import User
    from exchange.db import db
    from support import DEMO_PASSWORD

    cheap = generate_password_hash(DEMO_PASSWORD, method="pbkdf2:sha256:1")
    for stored in set(db.session.scalars(select(User.password_hash).where(User.password_hash.is_not(None)))):
        if check_password_hash(stored, DEMO_PASSWORD):  # the demo shares one hash: checked once
            db.session.execute(update(User).where(User.password_hash == stored).values(password_hash=cheap))
    db.session.commit()


@pytest.fixture(scope="session")
def app_databases(tmp_path_factory):
    made = AppDatabases(tmp_path_factory.mktemp("app-databases"))
    yield made
    made.dispose()


@pytest.fixture()
def app(request, tmp_path, app_databases):
    """A fresh app for this test, on the suite's clock, with its own database and data folder."""
    import shutil

    from exchange import create_app
    from exchange.config import config_for_tests
    from exchange.db import db
    from exchange.rooms.events import HEARTBEAT

    demo = request.node.get_closest_marker("demo_data") is not None
    template = app_databases.url(demo)
    settings = {"EXCHANGE_FAKE_NOW": iso_z(suite_now())}
    # A test that runs commands (`runner`) has them commit through connections of their own: on
    # PostgreSQL it gets a database of its own instead of a transaction rolled back.
    own_database = test_backend() == "postgresql" and (
        "runner" in request.fixturenames or request.node.get_closest_marker("own_database") is not None
    )
    if own_database:
        settings["DATABASE_URL"] = app_databases.copy(template)
    elif test_backend() == "postgresql":
        settings["DATABASE_URL"] = template
    else:
        source = Path(template.removeprefix("sqlite:///"))
        shutil.copyfile(source, tmp_path / "exchange.db")
    application = create_app(config_for_tests(tmp_path, **settings))
    application.test_client_class = fresh_context_client_class()
    # No presence heartbeat thread for an app in this process: its sockets are test clients on the
    # test's own thread, and a thread per test would outlive the test (on PostgreSQL it would share
    # the test's one connection). Server heartbeats and presence expiry are tested end to end.
    application.extensions[HEARTBEAT] = True
    own_engine = application.extensions["exchange.db.engine"]
    outer = None
    if test_backend() == "postgresql" and not own_database:
        # Warehouse's way: the whole test runs in one transaction on one connection; the app's
        # commits become savepoints, and the transaction is rolled back at the end.
        connection = app_databases.engine(template).connect()
        outer = connection.begin()
        application.extensions["exchange.db.engine"] = connection
        db.session.remove()
        db.session.configure(join_transaction_mode="create_savepoint")
    yield application
    db.session.remove()
    if outer is not None:
        outer.rollback()
        outer.connection.close()
        db.session.configure(join_transaction_mode="conditional_savepoint")
    own_engine.dispose()


@pytest.fixture()
def client(app):
    """Flask's test client for `app` (no login; see `as_user` for a logged-in JSON client)."""
    return app.test_client()


@pytest.fixture()
def db_session(app):
    """The database session inside an app context of `app`, for set-up and for checking what a route stored."""
    from exchange.db import db

    with app.app_context():
        yield db.session


@pytest.fixture()
def as_user(app):
    """`as_user(login, password=DEMO_PASSWORD)`: a logged-in `AppApi`; `as_user(None)`: anonymous with a CSRF token."""

    def login(who: str | None, password: str | None = None) -> AppApi:
        client = AppApi(app)
        if who is None:
            return client.fetch_csrf()
        return client.login(who, password) if password else client.login(who)

    return login


@pytest.fixture()
def as_live():
    """`as_live(app_api)`: an in-process Socket.IO client on that login; closed after the test."""
    opened: list[AppLive] = []

    def connect(api: AppApi) -> AppLive:
        client = AppLive(api)
        opened.append(client)
        return client

    yield connect
    for c in opened:
        c.close()


class CommandRunner:
    """Runs `exchange ...` commands in this process against the test's app settings."""

    def __init__(self, app):
        from click.testing import CliRunner

        cfg = app.config
        self.env = {
            "EXCHANGE_DATA_DIR": cfg["EXCHANGE_DATA_DIR"],
            "DATABASE_URL": cfg["DATABASE_URL"],
            "SECRET_KEY": cfg["SECRET_KEY"],
            "EXCHANGE_UPLOAD_DIR": cfg["UPLOAD_DIR"],
            "EXCHANGE_OUTBOX_DIR": cfg["OUTBOX_DIR"],
            "EXCHANGE_TESTING": "1",
            "EXCHANGE_FAKE_NOW": iso_z(suite_now()),
            "EXCHANGE_ASYNC_MODE": "threading",
            "EXCHANGE_VETTING_WATCH_SECONDS": "0",
        }
        self.cli = CliRunner()

    def invoke(self, *args: str):
        from exchange.commands import cli

        return self.cli.invoke(cli, list(args), env=self.env, catch_exceptions=False)


@pytest.fixture()
def runner(app):
    """`runner.invoke("user", "create", ...)`: the `exchange` command on the test's database (on
    PostgreSQL the test then has a database of its own, see `app`)."""
    return CommandRunner(app)
