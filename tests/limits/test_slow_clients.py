"""A client that stops reading cannot make the server hold its rooms' messages without end
(issue 16: memory per connected client bounded).

A connection whose packets nobody drains is what a stalled client looks like to the server: its
Engine.IO queue only grows. These tests give a real python-socketio server (the library the app
runs, in threading mode) such a connection and check `exchange.slow_clients.bound_queues`: past the
limit the packets are dropped, the connection is closed (so its disconnect handler runs, as it does
for the app's presence), and the other connections keep receiving everything.
"""

from __future__ import annotations

import threading

import pytest
import socketio
from engineio.packet import MESSAGE, Packet
from engineio.socket import Socket

from exchange.slow_clients import bound_queues

LIMIT = 10


def _server_with(*eio_sids: str):
    server = socketio.Server(async_mode="threading")
    bound_queues(server, LIMIT)
    gone: list[str] = []
    left = threading.Event()

    @server.on("disconnect")
    def on_disconnect(sid, *_reason):
        gone.append(sid)
        left.set()

    sids = {}
    for eio_sid in eio_sids:
        server.eio.sockets[eio_sid] = Socket(server.eio, eio_sid)  # connected, and nobody reads it
        sids[eio_sid] = server.manager.connect(eio_sid, "/")
        server.manager.enter_room(sids[eio_sid], "/", "room:1")
    return server, sids, gone, left


def test_a_connection_nobody_reads_is_closed_at_the_limit_and_holds_no_more():
    server, sids, gone, left = _server_with("stalled")
    socket = server.eio.sockets["stalled"]
    for i in range(LIMIT * 5):
        server.emit("message", {"seq": i, "body": "x" * 200}, to="room:1")
    assert left.wait(5), "the stalled connection was not closed"
    assert gone == [sids["stalled"]]  # the app's disconnect handler (presence) runs
    assert socket.closed and "stalled" not in server.eio.sockets
    assert socket.queue.qsize() <= LIMIT + 1  # the limit, and the writer's wake-up
    server.emit("message", {"seq": 99}, to="room:1")  # no longer a member of the room
    assert socket.queue.qsize() <= LIMIT + 1


def test_the_others_in_the_room_keep_receiving_every_message():
    server, _sids, _gone, left = _server_with("stalled", "reader")
    reader = server.eio.sockets["reader"]
    received = []
    for i in range(LIMIT * 3):
        server.emit("message", {"seq": i}, to="room:1")
        while reader.queue.qsize():  # this one reads what it is sent
            received.append(reader.queue.get_nowait())
    assert left.wait(5)
    assert len(received) == LIMIT * 3
    assert "reader" in server.eio.sockets and not reader.closed


def test_below_the_limit_nothing_is_dropped():
    server, _sids, gone, _left = _server_with("slow")
    socket = server.eio.sockets["slow"]
    for i in range(LIMIT - 1):
        server.emit("message", {"seq": i}, to="room:1")
    assert socket.queue.qsize() == LIMIT - 1 and not gone and not socket.closed


def test_the_setting_reaches_the_app_and_a_tiny_one_stops_the_start(app, tmp_path):
    from exchange.config import load_config

    with pytest.raises(SystemExit, match="EXCHANGE_SOCKET_QUEUE_LIMIT must be at least 10"):
        load_config({"EXCHANGE_DATA_DIR": str(tmp_path), "EXCHANGE_SOCKET_QUEUE_LIMIT": "0"})
    limit = app.config["SOCKET_QUEUE_LIMIT"]
    assert limit == load_config({"EXCHANGE_DATA_DIR": str(tmp_path)})["SOCKET_QUEUE_LIMIT"] == 1000
    eio = app.extensions["socketio"].server.eio
    eio.sockets["stalled"] = stalled = Socket(eio, "stalled")
    for _ in range(limit + 5):
        eio.send_packet("stalled", Packet(MESSAGE, "x"))
    assert stalled.queue.qsize() <= limit + 1
