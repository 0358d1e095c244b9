"""HTTP edge of the guardians domain (pages and /api/v1 routes)."""
from flask import Blueprint

bp = Blueprint("guardians", __name__)
