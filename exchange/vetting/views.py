"""HTTP edge of the vetting domain (pages and /api/v1 routes)."""
from flask import Blueprint

bp = Blueprint("vetting", __name__)
