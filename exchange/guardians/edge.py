"""What the two HTTP edges of guardians share: the blueprint (`views` for pages, `api` for
/api/v1) and the guardian's consent decision both of them take."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import gettext as _

from ..authz import current_user
from ..errors import Invalid
from . import decisions, students

bp = Blueprint("guardians", __name__)


def decide(student_id: int, scope, decision):
    user = current_user()
    if decision == "grant":
        return decisions.give_consent(user, student_id, scope)
    if decision == "withdraw":
        return decisions.guardian_withdraws(user, student_id, scope)
    students.guarded_child(user, student_id)  # a forged id is refused before a bad decision is explained
    raise Invalid(_("Decide grant or withdraw."), code="invalid_decision")
