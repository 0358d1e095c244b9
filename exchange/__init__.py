"""Classroom Exchange: moderated, supervised real-time exchange between school classes.

`create_app(config)` (in `exchange/app.py`) is the only place where settings, the database,
extensions, domains and their edges are wired together. Nothing imports the factory.
"""

from __future__ import annotations


def create_app(config: dict | None = None):
    """The application (see `exchange.app.create_app`); many may be made in one process."""
    # why: Flask and the domains load only now: `exchange serve` monkey-patches eventlet before anything else
    from .app import create_app as build

    return build(config)
