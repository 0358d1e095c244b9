"""The live registry of what a client can reach: every HTTP route and every Socket.IO event,
read from the application itself (the same factory `exchange serve` runs), so a route or event
added tomorrow is seen by the security tests without anyone listing it."""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from functools import lru_cache

IGNORED_METHODS = {"HEAD", "OPTIONS"}
CONNECTION_EVENTS = ("connect", "disconnect")


@dataclass(frozen=True)
class Route:
    endpoint: str
    rule: str
    method: str
    permission: str | None

    @property
    def key(self) -> str:
        return f"{self.method} {self.rule}"

    @property
    def is_api(self) -> bool:
        return self.rule.startswith("/api/")


@lru_cache(maxsize=1)
def _app():
    from exchange import create_app

    data_dir = tempfile.mkdtemp(prefix="exchange-registry-")
    saved = {k: os.environ.get(k) for k in ("EXCHANGE_DATA_DIR", "DATABASE_URL")}
    os.environ.update(EXCHANGE_DATA_DIR=data_dir, DATABASE_URL=f"sqlite:///{data_dir}/registry.db")
    try:  # nothing is served or stored: the app is built only to read its URL map and handler table
        return create_app({"ASYNC_MODE": "threading"})
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def routes() -> list[Route]:
    """Every (method, rule) the app answers, static files aside."""
    app = _app()
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        view = app.view_functions[rule.endpoint]
        for method in sorted((rule.methods or set()) - IGNORED_METHODS):
            found.append(Route(rule.endpoint, rule.rule, method, getattr(view, "permission", None)))
    return sorted(found, key=lambda r: (r.rule, r.method))


def events() -> list[str]:
    """Every Socket.IO event name a client can emit on the default namespace, from the server's handler table."""
    _app()
    from exchange.extensions import socketio

    return sorted(socketio.server.handlers.get("/", {}))


def client_events() -> list[str]:
    """The events a client emits by name (connect/disconnect are the connection itself)."""
    return [e for e in events() if e not in CONNECTION_EVENTS]


def id_arguments(rule: str) -> list[str]:
    return re.findall(r"<int:(\w+)>", rule)


def openapi_document() -> dict:
    """The OpenAPI document the server serves at /api/v1/openapi.json, built by the same code in-process."""
    from exchange.apidoc import openapi_document as build

    with _app().test_request_context("/api/v1/openapi.json"):
        return build()
