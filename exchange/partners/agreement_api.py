"""The JSON API of partnership agreements and steering notes (pages are in `agreement_views`)."""

from __future__ import annotations

from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, require
from . import agreements, steering_log
from .agreement_presenters import agreement_view, note_view, version_view
from .blueprint import bp
from .organisations import require_district

_TEXT = {
    "title": "string",
    "start_on": "string",
    "renew_on": "string",
    "goals": "string",
    "roles": "string",
    "contacts": "string",
    "data_sharing": "object",
    "safeguarding": "string",
}


def _full(ag) -> dict:
    sigs = agreements.signatures(ag)
    user = current_user()
    signed = agreements.signed_sides(ag, agreements.current_version(ag))
    return dict(
        agreement_view(ag, agreements.status_of(ag), agreements.party_names(ag)),
        versions=[version_view(v, sigs) for v in agreements.versions(ag)],
        signed=sorted(signed),
        may_sign=ag.state != "ended" and any(s not in signed for s in agreements.party_sides(user, ag)),
    )


@bp.get("/api/v1/agreements")
@require("agreement.view")
@doc("Partnership agreements this person sees, with each one's state (the district: every agreement)", tag="partners")
def api_agreements():
    rows = agreements.listing(current_user())
    return ok({"agreements": [agreement_view(r.agreement, r.status, r.parties) for r in rows]})


@bp.post("/api/v1/agreements")
@require("agreement.manage")
@doc(
    "Make a partnership agreement (a draft, version 1) with an organisation or another school",
    body={"kind": "string", "organisation": "integer", "school": "integer", "partner_school": "integer", **_TEXT},
    tag="partners",
    status=201,
)
def api_agreements_create():
    agreements.require_creator(current_user())  # who may, before what they sent is read
    ag = agreements.create(current_user(), json_body())
    return ok(_full(ag), 201)


@bp.get("/api/v1/agreements/<int:agreement_id>")
@require("agreement.view")
@doc("One agreement with every version and its signatures", tag="partners")
def api_agreement(agreement_id: int):
    return ok(_full(agreements.visible(current_user(), agreement_id)))


@bp.post("/api/v1/agreements/<int:agreement_id>/versions")
@require("agreement.manage")
@doc(
    "Amend an agreement: the sections given replace the current ones in a new version, unsigned",
    body=_TEXT,
    tag="partners",
    status=201,
)
def api_agreement_edit(agreement_id: int):
    agreements.managed(current_user(), agreement_id)
    version = agreements.edit(current_user(), agreement_id, json_body())
    return ok(version_view(version, []), 201)


@bp.post("/api/v1/agreements/<int:agreement_id>/signatures")
@require("agreement.sign")
@doc(
    "Sign the current version for your side (name, role or title; dated today)",
    body={"name": "string", "role": "string", "version": "integer"},
    tag="partners",
    status=201,
)
def api_agreement_sign(agreement_id: int):
    agreements.managed(current_user(), agreement_id)
    agreements.sign(current_user(), agreement_id, json_body())
    return ok(_full(agreements.visible(current_user(), agreement_id)), 201)


@bp.post("/api/v1/agreements/<int:agreement_id>/end")
@require("agreement.manage")
@doc("End an agreement (either partner); it stays readable", body={"reason": "string"}, tag="partners")
def api_agreement_end(agreement_id: int):
    agreements.managed(current_user(), agreement_id)
    ag = agreements.end(current_user(), agreement_id, json_body().get("reason", ""))
    return ok(_full(ag))


@bp.post("/api/v1/agreements/reminders")
@require("agreement.manage")
@doc("Send the renewal reminders due today (the district; also `exchange partners remind`)", tag="partners")
def api_agreement_reminders():
    user = current_user()
    require_district(user)
    return ok({"reminded": agreements.send_reminders(actor_id=user.id)})


@bp.get("/api/v1/partnerships/<int:agreement_id>/notes")
@require("steering.view")
@doc("A partnership's steering log: notes and decisions, newest first", tag="partners")
def api_steering_notes(agreement_id: int):
    _ag, rows = steering_log.entries(current_user(), agreement_id)
    return ok({"notes": [note_view(n, author) for n, author in rows]})


@bp.post("/api/v1/partnerships/<int:agreement_id>/notes")
@require("steering.note")
@doc(
    "Add a note or a decision to a partnership's steering log (through the content filter)",
    body={"kind": "string", "body": "string"},
    tag="partners",
    status=201,
)
def api_steering_note(agreement_id: int):
    user = current_user()
    steering_log.writable(user, agreement_id)
    body = json_body()
    row = steering_log.add(user, agreement_id, field(body, "kind", str), body.get("body"))
    return ok(note_view(row, user.full_name), 201)
