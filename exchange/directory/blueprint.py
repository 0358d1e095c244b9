"""The directory's one blueprint: the class pages (`views.py`) and the onboarding pages
(`onboarding_views.py`) register their routes on it."""

from flask import Blueprint

bp = Blueprint("directory", __name__)
