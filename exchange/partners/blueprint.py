"""The partners domain's one blueprint, shared by its page and API modules."""

from flask import Blueprint

bp = Blueprint("partners", __name__)
