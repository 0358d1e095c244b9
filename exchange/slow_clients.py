"""A bound on what the server keeps queued for one connected client.

Engine.IO gives every connection an unbounded queue of packets, drained by a writer that blocks
while the client's network does not take them. A client that stops reading (a laptop asleep on a
bad connection, or someone who keeps answering pings without reading on purpose) would make the
server hold every message of its rooms until the connection dies. Past `limit` queued packets the
connection is closed instead: the client reconnects and catches up from the last seq it saw (the
rooms' replay), so nothing is lost, and the server's memory per client stays bounded.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger("exchange.slow_clients")


def bound_queues(server: Any, limit: int) -> None:
    """Make `server` (a python-socketio Server) drop packets for, and close, any connection that
    already has `limit` packets waiting. Every packet of every emit goes through Engine.IO's
    `send_packet`, so wrapping it on this server covers broadcasts, acks and direct emits."""
    eio = server.eio
    send_packet = eio.send_packet
    closing: set[str] = set()

    def close(sid: str) -> None:
        try:
            socket = eio.sockets.get(sid)
            if socket is not None:
                # abort: no goodbye packet (it would queue behind the others); no wait for the
                # queue to drain, which is what never happens here
                socket.close(wait=False, abort=True, reason=eio.reason.SERVER_DISCONNECT)
                eio.sockets.pop(sid, None)
        finally:
            closing.discard(sid)

    def send_bounded(sid: str, pkt: Any) -> None:
        socket = eio.sockets.get(sid)
        if socket is not None and socket.queue.qsize() >= limit:
            if sid not in closing:
                closing.add(sid)
                log.warning("slow client closed eio_sid=%s queued=%d", sid, socket.queue.qsize())
                # not in the middle of this emit: closing runs the disconnect handlers, which emit too
                eio.start_background_task(close, sid)
            return
        send_packet(sid, pkt)

    eio.send_packet = send_bounded
