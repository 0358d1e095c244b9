"""The /api/v1 edge of the guardians domain: consent overview, invitations, paper forms, the
guardian's decisions, data export and deletion requests, retention, as JSON. Thin: check who
asks, call services, answer."""

from __future__ import annotations

import json
from datetime import timezone

from flask import Response, request
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf

from .. import clock
from ..accounts.sessions import start_session
from ..apidoc import doc, field, json_body, ok
from ..authz import current_user, public, require
from ..errors import Invalid
from ..ratelimits import SECRET_LINK, guards_secret
from ..when import utc_instant
from ..outbox import link_root
from . import (
    consent,
    erasure,
    export,
    family,
    invitations,
    overview,
    paper,
    presenters,
    retention,
    rules,
    slips,
    students,
)
from .edge import bp, decide


@bp.get("/api/v1/classes/<int:class_id>/consent")
@require("consent.manage")
@doc(
    "Consent overview of a class: each student's scopes (granted, withdrawn, missing; how, when) and rooms they are kept out of",
    tag="guardians",
)
def api_overview(class_id: int):
    return ok(overview.class_overview(current_user(), class_id))


@bp.post("/api/v1/students/<int:student_id>/guardian-invitations")
@require("consent.manage")
@doc(
    "Create a one-time guardian invitation link for a student (shown once; optional e-mail through the outbox)",
    body={"email": "string", "language": "string"},
    response={"url": "string", "expires_at": "string"},
    tag="guardians",
    status=201,
)
def api_invite(student_id: int):
    data = json_body() if request.content_length else {}
    inv, url, emailed = invitations.create_invitation(
        current_user(),
        student_id,
        email=field(data, "email", required=False),
        language=field(data, "language", required=False),
        link_base=link_root(),
    )
    return ok(
        {
            "id": inv.id,
            "url": url,
            "language": inv.language,
            "emailed": emailed,
            "expires_at": inv.expires_at.isoformat().replace("+00:00", "Z"),
        },
        201,
    )


@bp.post("/api/v1/students/<int:student_id>/consent/paper")
@require("consent.manage")
@doc(
    "Record a signed paper form: the scopes it grants or withdraws, who signed and the date on it",
    body={"scopes": "array", "guardian_name": "string", "signed_on": "string", "decision": "string"},
    tag="guardians",
    status=201,
)
def api_paper(student_id: int):
    data = json_body()
    rows = paper.record_paper(
        current_user(),
        student_id,
        scopes=field(data, "scopes", list),
        guardian_name=field(data, "guardian_name"),
        signed_on=field(data, "signed_on"),
        decision=field(data, "decision", required=False) or "grant",
    )
    states = consent.consent_states([rows[0].student_id])[rows[0].student_id]
    return ok(
        {"student_id": rows[0].student_id, "consent": {k: presenters.state_view(v) for k, v in states.items()}}, 201
    )


@bp.get("/api/v1/guardian/invitations/<token>")
@public
@doc("What an invitation link is about (the child's first name and initial, school), if still valid", tag="guardians")
@guards_secret(SECRET_LINK, failures=("invitation_unknown",))
def api_invitation(token: str):
    return ok(presenters.invitation_view(invitations.open_invitation(token)))


@bp.post("/api/v1/guardian/invitations/<token>/accept")
@public
@doc(
    "Accept an invitation: a logged-in guardian links the child; otherwise a new guardian account is created and logged in",
    body={"first_name": "string", "last_name": "string", "email": "string", "password": "string", "relation": "string"},
    response={"guardian": "object", "student_id": "integer", "csrf_token": "string"},
    tag="guardians",
    status=201,
)
@guards_secret(SECRET_LINK, failures=("invitation_unknown",))
def api_accept(token: str):
    data = json_body()
    user = current_user()
    relation = field(data, "relation", required=False) or ""
    if user is not None:
        guardian, link = invitations.accept_invitation(token, guardian=user, relation=relation)
    else:
        guardian, link = invitations.accept_invitation(
            token,
            relation=relation,
            account={
                "email": field(data, "email"),
                "password": field(data, "password"),
                "first_name": field(data, "first_name"),
                "last_name": field(data, "last_name", required=False) or "",
            },
        )
        start_session(guardian)
    return ok(
        {
            "guardian": {"id": guardian.id, "role": guardian.role, "first_name": guardian.first_name},
            "student_id": link.student_id,
            "csrf_token": generate_csrf(),
        },
        201,
    )


@bp.get("/api/v1/guardian/children")
@require("consent.give")
@doc("The guardian's children with consent per scope and rooms they are kept out of", tag="guardians")
def api_children():
    return ok({"children": [overview.child_view(c) for c in students.children_of(current_user())]})


@bp.get("/api/v1/guardian/children/<int:student_id>")
@require("consent.give")
@doc("One of the guardian's children", tag="guardians")
def api_child(student_id: int):
    return ok(overview.child_view(students.guarded_child(current_user(), student_id)))


@bp.post("/api/v1/guardian/children/<int:student_id>/consent")
@require("consent.give")
@doc(
    "Give or withdraw consent online for one scope; a withdrawal takes effect at once",
    body={"scope": "string", "decision": "string"},
    tag="guardians",
)
def api_decide(student_id: int):
    data = json_body()
    decide(student_id, field(data, "scope"), field(data, "decision"))
    return ok(overview.child_view(students.guarded_child(current_user(), student_id)))


@bp.get("/api/v1/guardian/children/<int:student_id>/export")
@require("data.export_child")
@doc("Download everything the child wrote and uploaded (?format=json or csv)", tag="guardians")
def api_export(student_id: int):
    fmt = request.args.get("format", "json")
    if fmt not in ("json", "csv"):
        raise Invalid(_("The format is json or csv."), code="invalid_format")
    data = export.export_child(current_user(), student_id)
    stamp = clock.today().strftime("%Y%m%d")
    name = f"child-{data['student']['id']}-data-{stamp}.{fmt}"
    if fmt == "csv":
        return Response(
            rules.export_csv(data["messages"], data["files"], data["writings"] + slips.as_writings(data)),
            mimetype="text/csv",
            headers={"Content-Disposition": f"attachment; filename={name}"},
        )
    return Response(
        json.dumps(data, ensure_ascii=False, indent=2),
        mimetype="application/json",
        headers={"Content-Disposition": f"attachment; filename={name}"},
    )


@bp.post("/api/v1/guardian/children/<int:student_id>/deletion-requests")
@require("data.export_child")
@doc("Ask the school to erase the child's messages and files", body={"reason": "string"}, tag="guardians", status=201)
def api_request_deletion(student_id: int):
    data = json_body() if request.content_length else {}
    req = erasure.request_deletion(current_user(), student_id, field(data, "reason", required=False) or "")
    return ok(presenters.deletion_view(req), 201)


@bp.get("/api/v1/classes/<int:class_id>/family-update")
@require("family.view")
@doc("The family update of a class: sessions held, approved work shared, what comes next", tag="guardians")
def api_family_update(class_id: int):
    return ok(presenters.update_json(family.family_update(current_user(), class_id)))


@bp.post("/api/v1/classes/<int:class_id>/family-update/send")
@require("consent.manage")
@doc(
    "Send the family update to every linked guardian the way they chose: e-mail (outbox), a short text, or "
    "listed under `paper` for the teacher to print",
    response={"sent": "integer", "texted": "integer", "paper": "array", "failed": "integer"},
    tag="guardians",
)
def api_family_update_send(class_id: int):
    return ok(family.send_family_update(current_user(), class_id))


@bp.get("/api/v1/deletion-requests")
@require("retention.manage")
@doc("Deletion requests for students of the admin's school (?status=pending)", tag="guardians")
def api_deletion_requests():
    status = request.args.get("status") or None
    return ok({"requests": [presenters.deletion_view(r) for r in erasure.deletion_requests(current_user(), status)]})


@bp.post("/api/v1/deletion-requests/<int:request_id>/<any(approve, reject):decision>")
@require("retention.manage")
@doc(
    "Approve (erase the child's messages and files now) or decline a deletion request",
    body={"reason": "string"},
    tag="guardians",
)
def api_decide_deletion(request_id: int, decision: str):
    data = json_body() if request.content_length else {}
    req = erasure.decide_deletion(
        current_user(), request_id, decision == "approve", field(data, "reason", required=False) or ""
    )
    return ok(presenters.deletion_view(req))


@bp.get("/api/v1/retention/settings")
@require("retention.manage")
@doc("The school's retention rule (days after the end of term)", tag="guardians")
def api_retention_settings():
    admin = current_user()
    return ok(
        {
            "school_id": admin.school_id,
            "days_after_term": retention.retention_days(admin.school_id),
            "default_days": retention.default_retention_days(),
        }
    )


@bp.post("/api/v1/retention/settings")
@require("retention.manage")
@doc("Set the school's retention rule", body={"days_after_term": "integer"}, tag="guardians")
def api_set_retention():
    policy = retention.set_retention(current_user(), field(json_body(), "days_after_term", int))
    return ok({"school_id": policy.school_id, "days_after_term": policy.days_after_term})


@bp.post("/api/v1/retention/run")
@require("retention.manage")
@doc(
    "Apply the retention rule now to the admin's school (optional `now` in the past, ISO 8601)",
    body={"now": "string"},
    tag="guardians",
)
def api_retention_run():
    admin = current_user()
    data = json_body() if request.content_length else {}
    now = clock.now()
    given = field(data, "now", required=False)
    if given is not None:
        when = utc_instant(given, "now")
        if when > now:  # a future "now" would purge data the policy still keeps
            raise Invalid(_("now cannot be in the future."), code="invalid_time")
        now = when.astimezone(timezone.utc)
    return ok(retention.run_retention(now, school_id=admin.school_id, actor_id=admin.id))
