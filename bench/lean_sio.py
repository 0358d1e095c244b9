"""A lean Engine.IO v4 / Socket.IO v5 client for load generation.

Hundreds of connections per process on one selector, hand-rolled WebSocket framing and
no asyncio: python-socketio's AsyncClient costs more CPU than the server it is meant to
load (see /work/shared/FACTS.md). Default namespace only, text packets only.
"""

import base64
import hashlib
import json
import os
import random
import selectors
import socket
import struct
import time

WS_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
OP_CONT, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG = 0x0, 0x1, 0x2, 0x8, 0x9, 0xA
RECV_CHUNK = 256 * 1024


class ProtocolError(Exception):
    """The server said something this client does not speak."""


def _mask(payload):
    """Client frames must be masked (RFC 6455 5.3); XOR as one big integer is fast in Python."""
    key = random.getrandbits(32).to_bytes(4, "big")
    n = len(payload)
    if n == 0:
        return key, payload
    repeated = (key * (n // 4 + 1))[:n]
    masked = (int.from_bytes(payload, "big") ^ int.from_bytes(repeated, "big")).to_bytes(n, "big")
    return key, masked


def encode_frame(text, opcode=OP_TEXT):
    """One final, masked WebSocket frame."""
    payload = text.encode() if isinstance(text, str) else text
    n = len(payload)
    if n < 126:
        header = struct.pack("!BB", 0x80 | opcode, 0x80 | n)
    elif n < 65536:
        header = struct.pack("!BBH", 0x80 | opcode, 0x80 | 126, n)
    else:
        header = struct.pack("!BBQ", 0x80 | opcode, 0x80 | 127, n)
    key, masked = _mask(payload)
    return header + key + masked


def split_ack_id(text):
    """'12["x"]' -> (12, '["x"]'); '["x"]' -> (None, '["x"]')."""
    i = 0
    while i < len(text) and text[i].isdigit():
        i += 1
    return (int(text[:i]) if i else None), text[i:]


class Connection:
    """One Socket.IO connection driven by a Loop.

    Callbacks: on_connect(conn), on_event(conn, name, args), on_error(conn, message),
    on_close(conn, reason). conn.data is free for the caller.
    """

    def __init__(
        self,
        loop,
        host,
        port,
        path="/socket.io/",
        headers=None,
        cookies=None,
        auth=None,
        on_connect=None,
        on_event=None,
        on_error=None,
        on_close=None,
    ):
        self.loop = loop
        self.host, self.port = host, port
        self.path = path if path.endswith("/") else path + "/"
        self.headers = dict(headers or {})
        if cookies:
            self.headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        self.auth = auth
        self.on_connect, self.on_event = on_connect, on_event
        self.on_error, self.on_close = on_error, on_close
        self.state = "new"  # new -> upgrading -> open (EIO) -> connected (SIO) -> closed
        self.sid = None
        self.data = {}
        self._acks = {}
        self._next_ack = 0
        self._in = bytearray()
        self._out = bytearray()
        self._fragments = []
        self._ws_key = None
        self.sock = None

    # --- public --------------------------------------------------------------------

    def start(self):
        """Begin the non-blocking TCP connect and WebSocket upgrade."""
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.setblocking(False)
        self.sock.connect_ex((self.host, self.port))
        self._ws_key = base64.b64encode(os.urandom(16)).decode()
        lines = [
            f"GET {self.path}?EIO=4&transport=websocket HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            "Upgrade: websocket",
            "Connection: Upgrade",
            f"Sec-WebSocket-Key: {self._ws_key}",
            "Sec-WebSocket-Version: 13",
        ]
        lines += [f"{k}: {v}" for k, v in self.headers.items()]
        self._out += ("\r\n".join(lines) + "\r\n\r\n").encode()
        self.state = "upgrading"
        self.loop.register(self, want_write=True)

    def emit(self, event, *args, ack=None):
        """Send an EVENT; ack(args_list) is called when the server acknowledges."""
        ack_id = ""
        if ack is not None:
            ack_id = str(self._next_ack)
            self._acks[self._next_ack] = ack
            self._next_ack += 1
        self._send_eio("42" + ack_id + json.dumps([event, *args], separators=(",", ":")))

    def close(self, reason="client close"):
        if self.state == "closed":
            return
        self.state = "closed"
        self.loop.unregister(self)
        try:
            self.sock.close()
        except OSError:
            pass
        if self.on_close:
            self.on_close(self, reason)

    # --- driven by the loop ----------------------------------------------------------

    def handle_write(self):
        try:
            sent = self.sock.send(self._out)
        except (BlockingIOError, InterruptedError):
            return
        except OSError as exc:
            self.close(f"send failed: {exc}")
            return
        del self._out[:sent]
        if not self._out:
            self.loop.want_write(self, False)

    def handle_read(self):
        try:
            chunk = self.sock.recv(RECV_CHUNK)
        except (BlockingIOError, InterruptedError):
            return
        except OSError as exc:
            self.close(f"recv failed: {exc}")
            return
        if not chunk:
            self.close("transport close")
            return
        self._in += chunk
        try:
            if self.state == "upgrading" and not self._finish_upgrade():
                return
            self._read_frames()
        except ProtocolError as exc:
            if self.on_error:
                self.on_error(self, str(exc))
            self.close(f"protocol error: {exc}")

    # --- internals -------------------------------------------------------------------

    def _send_raw(self, data):
        if self.state == "closed":
            return
        was_empty = not self._out
        self._out += data
        if was_empty:
            self.handle_write()
            if self._out:
                self.loop.want_write(self, True)

    def _send_eio(self, text):
        self._send_raw(encode_frame(text))

    def _finish_upgrade(self):
        end = self._in.find(b"\r\n\r\n")
        if end < 0:
            if len(self._in) > 65536:
                raise ProtocolError("oversized upgrade response")
            return False
        head = bytes(self._in[:end]).decode("latin-1")
        del self._in[: end + 4]
        status = head.split("\r\n", 1)[0]
        if " 101 " not in status + " ":
            raise ProtocolError(f"upgrade refused: {status}")
        expected = base64.b64encode(hashlib.sha1(self._ws_key.encode() + WS_GUID).digest()).decode()
        if f"sec-websocket-accept: {expected}".lower() not in head.lower():
            raise ProtocolError("bad Sec-WebSocket-Accept")
        self.state = "open"
        return True

    def _read_frames(self):
        buf = self._in
        pos = 0
        size = len(buf)
        while self.state != "closed":
            if size - pos < 2:
                break
            b0, b1 = buf[pos], buf[pos + 1]
            opcode, length, head = b0 & 0x0F, b1 & 0x7F, 2
            if length == 126:
                if size - pos < 4:
                    break
                length, head = struct.unpack_from("!H", buf, pos + 2)[0], 4
            elif length == 127:
                if size - pos < 10:
                    break
                length, head = struct.unpack_from("!Q", buf, pos + 2)[0], 10
            mask_key = None
            if b1 & 0x80:  # servers should not mask, but tolerate it
                mask_key, head = bytes(buf[pos + head : pos + head + 4]), head + 4
            if size - pos < head + length:
                break
            payload = bytes(buf[pos + head : pos + head + length])
            pos += head + length
            if mask_key:
                payload = bytes(b ^ mask_key[i % 4] for i, b in enumerate(payload))
            self._on_frame(b0 & 0x80, opcode, payload)
        del buf[:pos]

    def _on_frame(self, fin, opcode, payload):
        if opcode == OP_PING:
            self._send_raw(encode_frame(payload, OP_PONG))
            return
        if opcode == OP_CLOSE:
            self.close("transport close")
            return
        if opcode in (OP_PONG,):
            return
        if opcode in (OP_TEXT, OP_BINARY) and not fin:
            self._fragments = [(opcode, payload)]
            return
        if opcode == OP_CONT:
            self._fragments.append((opcode, payload))
            if not fin:
                return
            opcode = self._fragments[0][0]
            payload = b"".join(p for _, p in self._fragments)
            self._fragments = []
        if opcode == OP_BINARY:
            raise ProtocolError("binary packets are not supported")
        self._on_eio(payload.decode())

    def _on_eio(self, packet):
        kind, body = packet[:1], packet[1:]
        if kind == "4":
            self._on_sio(body)
        elif kind == "2":
            self._send_eio("3" + body)
        elif kind == "0":
            self._send_eio("40" + (json.dumps(self.auth) if self.auth else ""))
        elif kind == "1":
            self.close("transport close")

    def _on_sio(self, body):
        kind, rest = body[:1], body[1:]
        if rest.startswith("/"):
            nsp, _, rest = rest.partition(",")
            if nsp != "/":
                return
        if kind == "2":
            ack_id, rest = split_ack_id(rest)
            event, *args = json.loads(rest)
            if ack_id is not None:  # the server wants an answer; an empty one will do
                self._send_eio(f"43{ack_id}[]")
            if self.on_event:
                self.on_event(self, event, args)
        elif kind == "3":
            ack_id, rest = split_ack_id(rest)
            callback = self._acks.pop(ack_id, None)
            if callback:
                callback(json.loads(rest) if rest else [])
        elif kind == "0":
            self.state = "connected"
            self.sid = json.loads(rest).get("sid") if rest else None
            if self.on_connect:
                self.on_connect(self)
        elif kind == "4":
            message = json.loads(rest).get("message") if rest else "refused"
            if self.on_error:
                self.on_error(self, f"connect_error: {message}")
            self.close("connect error")
        elif kind == "1":
            self.close("io server disconnect")
        elif kind in ("5", "6"):
            raise ProtocolError("binary packets are not supported")


class Loop:
    """A selector over many Connections; the caller owns time and decides when to stop."""

    def __init__(self):
        self.selector = selectors.DefaultSelector()

    def register(self, conn, want_write=False):
        events = selectors.EVENT_READ | (selectors.EVENT_WRITE if want_write else 0)
        self.selector.register(conn.sock, events, conn)

    def unregister(self, conn):
        try:
            self.selector.unregister(conn.sock)
        except (KeyError, ValueError):
            pass

    def want_write(self, conn, flag):
        events = selectors.EVENT_READ | (selectors.EVENT_WRITE if flag else 0)
        try:
            self.selector.modify(conn.sock, events, conn)
        except (KeyError, ValueError):
            pass

    def poll(self, timeout):
        """Handle whatever is ready within timeout seconds; returns the number of events."""
        ready = self.selector.select(max(0.0, timeout))
        for key, mask in ready:
            conn = key.data
            if mask & selectors.EVENT_WRITE and conn.state != "closed":
                conn.handle_write()
            if mask & selectors.EVENT_READ and conn.state != "closed":
                conn.handle_read()
        return len(ready)

    def run_until(self, done, deadline):
        """Poll until done() or time.monotonic() passes deadline; returns done()."""
        while not done():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self.poll(min(remaining, 0.05))
        return done()

    def close(self):
        self.selector.close()
