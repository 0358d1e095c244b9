"""HTTP edge of the files domain (pages and /api/v1 routes)."""
from flask import Blueprint

bp = Blueprint("files", __name__)
