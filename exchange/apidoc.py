"""JSON API helpers: reading bodies strictly, answering, and the OpenAPI 3 document.

Each API view carries its own short description (`@doc`), and the document at
`/api/v1/openapi.json` is built from the live URL map, so it cannot drift from the routes.
"""

from __future__ import annotations

import json
import re

from flask import current_app, jsonify, request
from flask_babel import gettext as _

from .errors import Invalid

JSON_LIMIT = 64 * 1024


def doc(
    summary: str,
    *,
    body: dict | None = None,
    response: dict | None = None,
    tag: str = "",
    status: int = 200,
    query: dict | None = None,
):
    """Describe an API view for the OpenAPI document; `query` names its optional query parameters and their types."""

    def decorator(view):
        view.openapi = {
            "summary": summary,
            "body": body,
            "response": response,
            "tag": tag,
            "status": status,
            "query": query,
        }
        return view

    return decorator


def json_body() -> dict:
    """The request body as a JSON object, or a clear 4xx: wrong type, too large, malformed."""
    if request.content_length is not None and request.content_length > JSON_LIMIT:
        raise Invalid(_("The request body is too large."), code="too_large", status=413)
    if not request.is_json:
        raise Invalid(_("Send JSON with Content-Type: application/json."), code="unsupported_media_type", status=415)
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise Invalid(_("The body must be a JSON object."), code="malformed_json")
    if unstorable(data):
        raise Invalid(_("The text holds characters that cannot be stored."), code="invalid_text")
    return data


def unstorable(data) -> bool:
    """True when some text holds a lone surrogate (JSON "\\ud800"): valid JSON, but no database,
    log or client takes it as UTF-8, so it is refused at the edge (HTTP bodies and Socket.IO)."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    except (TypeError, ValueError):  # not JSON-shaped at all: each edge refuses that on its own terms
        return False
    return False


def field(data: dict, name: str, kind=str, required: bool = True, default=None):
    value = data.get(name, default)
    if value is None:
        if required:
            raise Invalid(_("Missing field: %(name)s", name=name), code="missing_field")
        return None
    if kind is int and isinstance(value, bool):
        value = "x"  # booleans are not ids
    if not isinstance(value, kind):
        raise Invalid(_("Field %(name)s has the wrong type.", name=name), code="wrong_type")
    return value


def ok(payload, status: int = 200):
    resp = jsonify(payload)
    resp.status_code = status
    return resp


def _param_schema(rule: str, name: str) -> dict:
    if f"<int:{name}>" in rule:
        return {"type": "integer"}
    choice = re.search(r"<any\(([^)]*)\):" + name + ">", rule)
    if choice:
        return {"type": "string", "enum": [c.strip() for c in choice.group(1).split(",")]}
    return {"type": "string"}


def _schema(obj) -> dict:
    if obj is None:
        return {"type": "object"}
    return {"type": "object", "properties": {k: {"type": v} for k, v in obj.items()}}


def openapi_document() -> dict:
    paths: dict = {}
    for rule in current_app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        view = current_app.view_functions[rule.endpoint]
        info = getattr(view, "openapi", None) or {"summary": rule.endpoint, "tag": "", "status": 200}
        path = re.sub(r"<(?:[a-z]+(?:\([^)]*\))?:)?(\w+)>", r"{\1}", rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            op = {
                "summary": info["summary"],
                "operationId": f"{rule.endpoint}.{method.lower()}",
                "tags": [info.get("tag") or rule.endpoint.split(".")[0]],
                "security": [] if getattr(view, "permission", "") == "public" else [{"session": []}],
                "x-permission": getattr(view, "permission", None),
                "responses": {
                    str(info.get("status", 200)): {
                        "description": "OK",
                        "content": {"application/json": {"schema": _schema(info.get("response"))}},
                    },
                    "default": {
                        "description": "Error",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                    },
                },
            }
            params = [
                {"name": a, "in": "path", "required": True, "schema": _param_schema(rule.rule, a)}
                for a in sorted(rule.arguments)
            ]
            params += [
                {"name": name, "in": "query", "required": False, "schema": {"type": kind}}
                for name, kind in sorted((info.get("query") or {}).items())
            ]
            if params:
                op["parameters"] = params
            if method in ("POST", "PUT", "PATCH") and info.get("body") is not None:
                op["requestBody"] = {
                    "required": True,
                    "content": {"application/json": {"schema": _schema(info["body"])}},
                }
            paths.setdefault(path, {})[method.lower()] = op
    return {
        "openapi": "3.0.3",
        "info": {"title": "Classroom Exchange API", "version": "1"},
        "servers": [{"url": "/"}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "securitySchemes": {
                "session": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "exchange_session",
                    "description": "Log in with POST /api/v1/auth/login; send X-CSRFToken on writes (GET /api/v1/auth/csrf).",
                }
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "properties": {
                        "error": {
                            "type": "object",
                            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                        }
                    },
                }
            },
        },
    }
