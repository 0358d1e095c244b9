"""The optional virus scan: our clamd client against a fake daemon written here (a test double
of an external service speaking the INSTREAM protocol), directly and through the real server."""

from __future__ import annotations

import io
import os
import socket
import struct
import tempfile
import threading

import pytest
from conftest import MODERATOR, TEACHER_OSLO, demo_room_id
from PIL import Image
from support import Api, ServerProcess

from exchange.files.clamav import ScanUnavailable, parse_reply, scan_bytes

# The EICAR anti-virus test file, in two pieces so that this source file is not itself "infected".
EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class FakeClamd:
    """Answers INSTREAM like clamd: "stream: OK", or "stream: Eicar-Test-Signature FOUND"."""

    def __init__(self, unix_path: str | None = None, reply: bytes | None = None):
        self.reply = reply
        self.streams: list[bytes] = []
        if unix_path:
            self.listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            self.listener.bind(unix_path)
            self.address = f"unix:{unix_path}"
        else:
            self.listener = socket.socket()
            self.listener.bind(("127.0.0.1", 0))
            self.address = f"tcp:127.0.0.1:{self.listener.getsockname()[1]}"
        self.listener.listen(8)
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return  # stopped
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    @staticmethod
    def _exactly(conn, n: int) -> bytes:
        buf = b""
        while len(buf) < n:
            part = conn.recv(n - len(buf))
            if not part:
                raise ConnectionError("client went away")
            buf += part
        return buf

    def _serve(self, conn):
        with conn:
            command = b""
            while not command.endswith(b"\0"):
                command += self._exactly(conn, 1)
            assert command == b"zINSTREAM\0", command
            data = b""
            while True:
                size = struct.unpack(">I", self._exactly(conn, 4))[0]
                if size == 0:
                    break
                data += self._exactly(conn, size)
            self.streams.append(data)
            if self.reply is not None:
                conn.sendall(self.reply)
            else:
                conn.sendall(b"stream: Eicar-Test-Signature FOUND\0" if EICAR in data else b"stream: OK\0")

    def stop(self):
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the blocked accept(); close alone would not
        except OSError:
            pass
        self.listener.close()


def noise_png(size=(300, 300)) -> bytes:
    """A PNG that does not compress: several INSTREAM chunks."""
    buf = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buf, "PNG")
    return buf.getvalue()


# --- the client against the fake daemon ----------------------------------------------------


def test_client_scans_over_tcp_and_unix_sockets():
    tcp = FakeClamd()
    folder = tempfile.mkdtemp(prefix="clamd-")
    unix = FakeClamd(unix_path=os.path.join(folder, "clamd.sock"))
    try:
        big = os.urandom(200_000)  # more than one 64 KiB chunk
        for daemon in (tcp, unix):
            assert scan_bytes(b"hello", daemon.address).clean is True
            assert scan_bytes(big, daemon.address).clean is True
            found = scan_bytes(b"prefix " + EICAR, daemon.address)
            assert found.clean is False and found.signature == "Eicar-Test-Signature"
            assert daemon.streams == [b"hello", big, b"prefix " + EICAR]
    finally:
        tcp.stop(), unix.stop()


def test_client_fails_closed():
    stopped = FakeClamd()
    stopped.stop()
    with pytest.raises(ScanUnavailable):
        scan_bytes(b"hello", stopped.address, timeout=2)
    erroring = FakeClamd(reply=b"INSTREAM size limit exceeded. ERROR\0")
    try:
        with pytest.raises(ScanUnavailable):
            scan_bytes(b"hello", erroring.address, timeout=2)
    finally:
        erroring.stop()
    for bad in ("", "tcp:nohost", "unix:", "127.0.0.1:99999"):
        with pytest.raises(ScanUnavailable):
            scan_bytes(b"x", bad)
    with pytest.raises(ScanUnavailable):
        parse_reply("stream: something odd")
    assert parse_reply("1: stream: OK").clean is True


# --- through the server ---------------------------------------------------------------------


def upload(api: Api, room: int, data: bytes, name: str):
    return api.http.post(
        f"{api.base}/api/v1/rooms/{room}/files",
        files={"file": (name, data, "application/octet-stream")},
        headers={"X-CSRFToken": api.csrf, "Accept": "application/json"},
        timeout=30,
    )


def test_uploads_are_scanned_when_a_daemon_is_configured():
    daemon = FakeClamd()
    srv = ServerProcess(env={"EXCHANGE_CLAMAV": daemon.address}).start()
    try:
        teacher = Api(srv.url).login(TEACHER_OSLO)
        room = demo_room_id(teacher, "9a class")
        r = upload(teacher, room, b"A clean worksheet\n", "worksheet.txt")
        assert r.status_code == 201, r.text
        assert daemon.streams[-1] == b"A clean worksheet\n"
        picture = noise_png()
        r = upload(teacher, room, picture, "noise.png")
        assert r.status_code == 201, r.text
        assert len(daemon.streams[-1]) == r.json()["file"]["size"] > 65536  # the cleaned bytes, in chunks
        assert f"virus scan clean upload={r.json()['file']['id']}" in srv.log()

        r = upload(teacher, room, EICAR, "eicar.txt")
        assert r.status_code == 422 and r.json()["error"]["code"] == "virus_found"
        files = teacher.get(f"/api/v1/rooms/{room}/files").json()["files"]
        assert "eicar.txt" not in [f["filename"] for f in files]
        mod = Api(srv.url).login(MODERATOR)
        records = mod.get(f"/api/v1/audit?room={room}").json()["records"]
        assert any(x["action"] == "file.refused" and x["after"] == {"code": "virus_found"} for x in records)
        assert any(
            f["subject_type"] == "file" and f["body"] == "[virus_found] eicar.txt"
            for f in mod.get(f"/api/v1/flags?room={room}").json()["flags"]
        )

        daemon.stop()  # configured but down: nothing is shared unscanned
        r = upload(teacher, room, b"Another worksheet\n", "worksheet2.txt")
        assert r.status_code == 503 and r.json()["error"]["code"] == "scan_unavailable"
        files = teacher.get(f"/api/v1/rooms/{room}/files").json()["files"]
        assert "worksheet2.txt" not in [f["filename"] for f in files]
    finally:
        srv.stop()
        daemon.stop()


# Its subject is not the database (serving, clocks, limits, scanners, catch-up paging over the
# storage contract that tests/storage checks on PostgreSQL): the SQLite pass only, for CI's time.
pytestmark = pytest.mark.sqlite_only
