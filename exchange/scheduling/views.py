"""HTTP edge of the scheduling domain (pages and /api/v1 routes)."""
from flask import Blueprint

bp = Blueprint("scheduling", __name__)
