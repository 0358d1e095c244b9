"""Real backends for the storage contract tests: SQLite files, a fresh PostgreSQL database per
module, and MongoDB (MONGO_URL when set, else an nx-27017 process on a free local port).

Imported by the contract modules (`from storage_fixtures import ...`), not a conftest, so the
fixtures are visible only where they are asked for.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import delete

from exchange.db import db
from exchange.storage.sql_audit import AuditEntry, AuditHead
from exchange.storage.sql_base import StorageBase
from exchange.storage.sql_messages import RoomCounter, StoredMessage

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
STORAGE_TABLES = [t.__table__ for t in (RoomCounter, StoredMessage, AuditHead, AuditEntry)]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- SQL ---


def use_sql(url: str) -> None:
    """Point the shared `db` at `url` with the storage tables present and empty."""
    db.configure(url)
    StorageBase.metadata.create_all(db.engine, tables=STORAGE_TABLES)
    with db.engine.begin() as conn:
        for table in reversed(STORAGE_TABLES):
            conn.execute(delete(table))


def release_sql() -> None:
    db.session.remove()
    if db.engine is not None:
        db.engine.dispose()


@pytest.fixture(scope="module")
def pg_url():
    """A fresh PostgreSQL database for the module, dropped afterwards. Unreachable is a failure:
    CI has PostgreSQL, and a silently skipped backend is an untested one."""
    import psycopg

    admin = PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
    try:
        conn = psycopg.connect(admin, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.fail(f"PostgreSQL is not reachable at {PG_ADMIN_URL} (set TEST_POSTGRES_URL): {exc}")
    name = f"ce_storage_{uuid.uuid4().hex[:12]}"
    conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = PG_ADMIN_URL.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        release_sql()
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.close()


@pytest.fixture()
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'storage.db'}"


# --- MongoDB ---


def _nx_command() -> list[str]:
    beside_python = Path(sys.executable).with_name("nx-27017")
    exe = str(beside_python) if beside_python.exists() else shutil.which("nx-27017")
    if exe is None:
        pytest.fail("nx-27017 is not installed (pip install nx-27017) and MONGO_URL is not set")
    return [exe]


@pytest.fixture(scope="module")
def mongo_client(tmp_path_factory):
    """A pymongo client on MONGO_URL, or on an in-memory nx-27017 started for this module."""
    import pymongo

    url = os.environ.get("MONGO_URL")
    proc = None
    if not url:
        port, work = free_port(), tmp_path_factory.mktemp("nx")
        proc = subprocess.Popen(
            _nx_command()
            + [
                "--db",
                "memory",
                "--host",
                "127.0.0.1",
                "-p",
                str(port),
                "--pid-file",
                str(work / "nx.pid"),
                "--log-file",
                str(work / "nx.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        url = f"mongodb://127.0.0.1:{port}"
    client = pymongo.MongoClient(url, serverSelectionTimeoutMS=1000, tz_aware=True)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                client.admin.command("ping")
                break
            except pymongo.errors.PyMongoError as exc:
                if proc is not None and proc.poll() is not None:
                    pytest.fail(f"nx-27017 exited with {proc.returncode}")
                if time.monotonic() > deadline:
                    pytest.fail(f"MongoDB at {url} did not answer: {exc}")
                time.sleep(0.1)
        yield client
    finally:
        client.close()
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture()
def mongo_db(mongo_client):
    """A database of its own for each test, dropped afterwards."""
    name = f"ce_test_{uuid.uuid4().hex[:12]}"
    yield mongo_client[name]
    mongo_client.drop_database(name)
