"""A chart as its own response: an SVG image with a policy that allows its styles and no script."""

from __future__ import annotations

from flask import Response


def svg_response(svg: str) -> Response:
    resp = Response(svg, mimetype="image/svg+xml")
    resp.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    resp.headers["Cache-Control"] = "private, no-store"
    return resp
