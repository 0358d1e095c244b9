"""A test-side relay between a page and the server's Socket.IO: it can cut the line, keep it
down, and lose live chat messages on the way, the way a network or a second server process
would; the page's own code carries no hook for it (Playwright `route_web_socket`)."""

from __future__ import annotations

import re

SOCKET_IO = re.compile(r"/socket\.io/")
LIVE_MESSAGE = '42["message",'  # Engine.IO "message" (4) carrying a Socket.IO event (2) named "message"


class SocketRelay:
    """Install on a page or a browser context before the page opens its socket."""

    def __init__(self) -> None:
        self.down = False  # new connections are refused until this is False again
        self.drop_live = False  # live "message" events from the server are lost on the way
        self.dropped: list[str] = []
        self._open: list[tuple[object, object]] = []

    def install(self, target) -> SocketRelay:
        target.route_web_socket(SOCKET_IO, self._route)
        return self

    def _route(self, ws) -> None:
        if self.down:
            ws.close()
            return
        server = ws.connect_to_server()
        self._open.append((ws, server))

        def from_server(frame) -> None:
            if self.drop_live and isinstance(frame, str) and frame.startswith(LIVE_MESSAGE):
                self.dropped.append(frame)
                return
            ws.send(frame)

        server.on_message(from_server)

    def cut(self) -> None:
        """Drop every open connection at once and refuse new ones (as a network failure would)."""
        self.down = True
        for ws, _server in self._open:
            ws.close()  # the relay forwards the close to the server side
        self._open.clear()

    def restore(self) -> None:
        """Let the page's next reconnection attempt through."""
        self.down = False
