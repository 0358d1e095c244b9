"""What the two HTTP edges of vetting share: the blueprint (`views` for pages, `api` for /api/v1)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("vetting", __name__)
