"""The /api/v1 edge of vetting: the expert's application and checklist, the verifier's records
and jobs, public expert profiles, offers and visit requests, as JSON. Thin: the rules live in
the use-case modules; the pages are in `views`, on the same blueprint.

Who sees what: evidence only verifiers (admins); teachers and moderators a badge (state and
dates); students the public profile of a cleared expert only.
"""

from __future__ import annotations

from datetime import datetime

from flask import request

from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, require
from ..when import utc_instant
from . import applications, decisions, expiry, offers, presenters, records, visits
from .edge import bp


def _instant(data: dict, name: str) -> datetime:
    return utc_instant(field(data, name), name)


@bp.post("/api/v1/vetting/application")
@require("vetting.apply")
@doc(
    "An expert applies for verification or edits their profile (agreeing to the code of conduct)",
    body={
        "display_name": "string",
        "organisation": "string",
        "expertise": "string",
        "languages": "array",
        "bio": "string",
        "agree_code_of_conduct": "boolean",
        "code_of_conduct_version": "string",
    },
    tag="vetting",
    status=201,
)
def api_apply():
    data = json_body()
    applications.submit_application(
        current_user(),
        display_name=field(data, "display_name"),
        organisation=field(data, "organisation"),
        expertise=field(data, "expertise"),
        languages=field(data, "languages", (list, str)),
        bio=field(data, "bio", required=False) or "",
        agree=field(data, "agree_code_of_conduct", bool, required=False),
        code_version=field(data, "code_of_conduct_version", required=False) or applications.CODE_OF_CONDUCT_VERSION,
    )
    return ok(presenters.my_vetting(current_user()), 201)


@bp.get("/api/v1/vetting/me")
@require("vetting.apply")
@doc("The expert's own checklist: state, what is missing, when each item expires (no evidence fields)", tag="vetting")
def api_me():
    return ok(presenters.my_vetting(current_user()))


@bp.get("/api/v1/vetting/records")
@require("vetting.verify")
@doc("Applications for verifiers (?state=applied|in_review|verified|expired|suspended|revoked|rejected)", tag="vetting")
def api_records():
    return ok({"records": presenters.list_records(request.args.get("state") or None)})


@bp.get("/api/v1/vetting/records/<int:record_id>")
@require("vetting.verify")
@doc("One vetting record with its evidence, checklist, allowed moves and history", tag="vetting")
def api_record(record_id: int):
    return ok(presenters.record_detail(records.get_record(record_id)))


@bp.post("/api/v1/vetting/records/<int:record_id>/evidence")
@require("vetting.verify")
@doc(
    "Record evidence the verifier checked: kind identity {document_type, checked_on, date_of_birth}, background "
    "{provider, reference, issued_on}, safeguarding_training {provider, completed_on}, reference {referee_name, "
    "relation, confirmed_on}; dates YYYY-MM-DD",
    body={"kind": "string"},
    tag="vetting",
    status=201,
)
def api_evidence(record_id: int):
    data = json_body()
    row = records.record_evidence(current_user(), record_id, field(data, "kind"), data)
    return ok({"evidence_id": row.id, "record": presenters.record_detail(records.get_record(record_id))}, 201)


@bp.post("/api/v1/vetting/records/<int:record_id>/transition")
@require("vetting.verify")
@doc(
    "Move a record to another state with a reason (audited)",
    body={"target": "string", "reason": "string"},
    tag="vetting",
)
def api_transition(record_id: int):
    data = json_body()
    record = decisions.change_state(
        current_user(), record_id, field(data, "target"), field(data, "reason", required=False) or ""
    )
    return ok(presenters.record_detail(record))


@bp.post("/api/v1/vetting/expire-due")
@require("vetting.verify")
@doc("Run the expiry check now: lapsed verified records become expired (actor system)", tag="vetting")
def api_expire_due():
    return ok({"expired": expiry.expire_due()})


@bp.post("/api/v1/vetting/reminders")
@require("vetting.verify")
@doc("Send renewal reminders now for items expiring within the policy's window (never twice)", tag="vetting")
def api_reminders():
    return ok({"sent": expiry.send_reminders()})


@bp.get("/api/v1/experts/<int:expert_id>")
@require("expert.view_public")
@doc(
    "An expert: the public profile for students; with the badge for teachers and moderators; with the "
    "vetting record for verifiers",
    tag="vetting",
)
def api_expert(expert_id: int):
    return ok(presenters.expert_profile_for(current_user(), expert_id))


@bp.post("/api/v1/offers")
@require("offer.publish")
@doc(
    "Publish a visit offer",
    body={
        "topic": "string",
        "grade_bands": "array",
        "languages": "array",
        "length_minutes": "integer",
        "availability": "string",
    },
    tag="visits",
    status=201,
)
def api_publish_offer():
    data = json_body()
    offer = offers.publish_offer(
        current_user(),
        topic=field(data, "topic"),
        grade_bands=field(data, "grade_bands", (list, str)),
        languages=field(data, "languages", (list, str)),
        length_minutes=field(data, "length_minutes", int),
        availability=field(data, "availability", required=False) or "",
    )
    return ok(presenters.offer_view(offer), 201)


@bp.get("/api/v1/offers")
@require("vetting.view_badge")
@doc("Active offers of cleared experts, each with the expert's public profile and badge", tag="visits")
def api_offers():
    return ok({"offers": presenters.browse_offers()})


@bp.get("/api/v1/offers/mine")
@require("offer.publish")
@doc("The expert's own offers", tag="visits")
def api_my_offers():
    return ok({"offers": [presenters.offer_view(o) for o in offers.offers_of(current_user())]})


@bp.post("/api/v1/offers/<int:offer_id>/withdraw")
@require("offer.publish")
@doc("Withdraw one of your offers", tag="visits")
def api_withdraw_offer(offer_id: int):
    return ok(presenters.offer_view(offers.set_offer_active(current_user(), offer_id, False)))


@bp.post("/api/v1/offers/<int:offer_id>/requests")
@require("visit.request")
@doc(
    "A verified teacher requests a visit for one of their classes",
    body={"class_id": "integer", "proposed_start": "string", "note": "string"},
    tag="visits",
    status=201,
)
def api_request_visit(offer_id: int):
    data = json_body()
    req = visits.request_visit(
        current_user(),
        offer_id,
        class_id=field(data, "class_id", int),
        proposed_start=_instant(data, "proposed_start"),
        note=field(data, "note", required=False) or "",
    )
    return ok(presenters.visit_view(req), 201)


@bp.get("/api/v1/visit-requests/sent")
@require("visit.request")
@doc("The teacher's visit requests", tag="visits")
def api_sent_requests():
    return ok({"requests": [presenters.visit_view(r) for r in visits.requests_of_teacher(current_user())]})


@bp.get("/api/v1/visit-requests/incoming")
@require("visit.answer")
@doc("Visit requests for the expert's offers", tag="visits")
def api_incoming_requests():
    return ok({"requests": [presenters.visit_view(r) for r in visits.requests_for_expert(current_user())]})


@bp.post("/api/v1/visit-requests/<int:request_id>/<any(accept, decline):answer>")
@require("visit.answer")
@doc("The expert accepts (creates the visit room for the class) or declines", tag="visits")
def api_answer(request_id: int, answer: str):
    return ok(presenters.visit_view(visits.answer_visit(current_user(), request_id, answer == "accept")))


@bp.post("/api/v1/visit-requests/<int:request_id>/cancel")
@require("visit.request")
@doc("The teacher cancels a request not yet answered", tag="visits")
def api_cancel(request_id: int):
    return ok(presenters.visit_view(visits.cancel_visit(current_user(), request_id)))
