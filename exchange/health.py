"""`GET /healthz`: for load balancers; checks that the database answers."""

import logging

from flask import Blueprint, jsonify
from sqlalchemy import text

from .authz import public
from .db import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@public
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any database failure means "not ready"; the reason stays in the log
        logging.getLogger("exchange.health").exception("health check failed")
        return jsonify({"status": "error", "database": "unavailable"}), 503
    return jsonify({"status": "ok", "database": "ok"})
