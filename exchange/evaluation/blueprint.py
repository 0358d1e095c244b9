"""The evaluation domain's one blueprint, shared by its page modules (`views`, `survey_views`)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("evaluation", __name__)
