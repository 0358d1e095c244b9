"""What goes over the wire about agreements, their versions, signatures and steering notes."""

from __future__ import annotations

from flask import url_for

from .agreement_models import Agreement, AgreementSignature, AgreementVersion, PartnershipNote
from .agreement_texts import status_label


def _instant(moment) -> str | None:
    return moment.isoformat().replace("+00:00", "Z") if moment is not None else None


def agreement_view(ag: Agreement, status: str, parties: dict[str, str]) -> dict:
    return {
        "id": ag.id,
        "kind": ag.kind,
        "title": ag.title,
        "school": {"id": ag.school_id, "name": parties.get("school", "")},
        "organisation": {"id": ag.organisation_id, "name": parties.get("organisation", "")}
        if ag.organisation_id is not None
        else None,
        "partner_school": {"id": ag.partner_school_id, "name": parties.get("partner_school", "")}
        if ag.partner_school_id is not None
        else None,
        "state": status,
        "state_label": status_label(status),
        "start_on": ag.start_on.isoformat(),
        "renew_on": ag.renew_on.isoformat(),
        "version": ag.current_version,
        "url": url_for("partners.agreement_page", agreement_id=ag.id),
        "print_url": url_for("partners.agreement_print", agreement_id=ag.id),
        "steering_url": url_for("partners.steering_page", agreement_id=ag.id),
    }


def signature_view(sig: AgreementSignature) -> dict:
    return {"side": sig.side, "name": sig.name, "role": sig.role_title, "signed_on": sig.signed_on.isoformat()}


def version_view(version: AgreementVersion, sigs: list[AgreementSignature]) -> dict:
    sharing = version.data_sharing or {}
    return {
        "number": version.number,
        "title": version.title,
        "start_on": version.start_on.isoformat(),
        "renew_on": version.renew_on.isoformat(),
        "goals": version.goals,
        "roles": version.roles,
        "contacts": version.contacts,
        "data_sharing": {
            "data_items": list(sharing.get("data_items") or []),
            "purpose": sharing.get("purpose", ""),
            "retention": sharing.get("retention", ""),
            "no_onward_sharing": bool(sharing.get("no_onward_sharing")),
        },
        "safeguarding": version.safeguarding,
        "created_at": _instant(version.created_at),
        "signatures": [signature_view(s) for s in sigs if s.version_id == version.id],
    }


def note_view(note: PartnershipNote, author: str) -> dict:
    return {"id": note.id, "kind": note.kind, "body": note.body, "author": author, "at": _instant(note.at)}
