"""The showcase's one blueprint, shared by its page and API modules."""

from flask import Blueprint

bp = Blueprint("showcase", __name__)
