"""A tiny ClamAV daemon client: the INSTREAM command over TCP or a Unix socket, no dependency.

clamd protocol (clamd(8)): send "zINSTREAM\\0", then the data as chunks, each prefixed by
its length as a 4-byte big-endian unsigned int, ended by a zero-length chunk; clamd answers
one NUL-terminated line: "stream: OK", "stream: <signature> FOUND" or "... ERROR".

Anything but a clear OK or FOUND raises `ScanUnavailable`: the caller fails closed.
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass

__all__ = ["ScanResult", "ScanUnavailable", "parse_address", "scan_bytes"]

CHUNK_BYTES = 64 * 1024
MAX_REPLY_BYTES = 4096


class ScanUnavailable(Exception):
    """The daemon could not be reached, or answered with an error or nonsense."""


@dataclass(frozen=True)
class ScanResult:
    clean: bool
    signature: str = ""  # the name clamd gave what it found ("Eicar-Test-Signature")


def parse_address(value: str) -> tuple[int, str | tuple[str, int]]:
    """ "tcp:host:port", "host:port" or "unix:/path" -> (address family, socket address)."""
    value = (value or "").strip()
    if value.startswith("unix:"):
        path = value[len("unix:") :]
        if not path:
            raise ValueError("unix: needs a socket path")
        return socket.AF_UNIX, path
    if value.startswith("tcp:"):
        value = value[len("tcp:") :]
    host, sep, port = value.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError("expected tcp:HOST:PORT or unix:/PATH")
    return socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET, (host.strip("[]"), int(port))


def scan_bytes(data: bytes, address: str, *, timeout: float = 30.0) -> ScanResult:
    """Scan `data` with the clamd at `address`; ScanUnavailable if that cannot be done."""
    try:
        family, target = parse_address(address)
    except ValueError as exc:
        raise ScanUnavailable(f"bad address: {exc}") from None
    try:
        with socket.socket(family, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(target)
            sock.sendall(b"zINSTREAM\0")
            view = memoryview(data)
            for start in range(0, len(view), CHUNK_BYTES):
                chunk = view[start : start + CHUNK_BYTES]
                sock.sendall(struct.pack(">I", len(chunk)) + bytes(chunk))
            sock.sendall(struct.pack(">I", 0))
            reply = _read_reply(sock)
    except OSError as exc:  # refused, reset, timed out (socket.timeout is an OSError)
        raise ScanUnavailable(type(exc).__name__) from None
    return parse_reply(reply)


def _read_reply(sock: socket.socket) -> str:
    buf = b""
    while b"\0" not in buf and len(buf) < MAX_REPLY_BYTES:
        part = sock.recv(1024)
        if not part:
            break
        buf += part
    return buf.split(b"\0", 1)[0].decode("utf-8", "replace").strip()


def parse_reply(reply: str) -> ScanResult:
    """Read clamd's answer to one stream."""
    _, _, verdict = reply.rpartition(": ")
    verdict = verdict.strip() if verdict else reply.strip()
    if verdict == "OK":
        return ScanResult(True)
    if verdict.endswith(" FOUND"):
        return ScanResult(False, verdict[: -len(" FOUND")].strip()[:200])
    raise ScanUnavailable("unexpected reply" if not verdict.endswith("ERROR") else "daemon error")
