"""Issue 17: an invitation not used yet can be withdrawn (its link stops working) or sent again
(a new link; the old one stops working), by whoever may invite that person, and by no one else.
In process, on the demo data."""

from __future__ import annotations

import pytest
from conftest import ADMIN_OSLO, ADMIN_SYDNEY, TEACHER_OSLO


pytestmark = pytest.mark.demo_data
HTML = {"Accept": "text/html"}


def invite(admin, email: str) -> dict:
    r = admin.post("/api/v1/admin/invitations", {"email": email, "first_name": "Sigrid", "last_name": "Fjell"})
    assert r.status_code == 201, r.text
    return r.json()


def form(api, path: str, invitation) -> str:
    r = api.http.post(
        path, data={"csrf_token": api.csrf, "invitation": str(invitation)}, headers=HTML, follow_redirects=True
    )
    assert r.status_code == 200 and "Traceback" not in r.get_data(as_text=True)
    return r.get_data(as_text=True)


def link_opens(client, url: str) -> bool:
    path = url.split("://", 1)[1].split("/", 1)[1]
    return client.get("/" + path, headers=HTML).status_code == 200


def test_a_school_admin_withdraws_and_resends(as_user, client):
    admin = as_user(ADMIN_OSLO)
    made = invite(admin, "sigrid.fjell@fjordvik.example")
    assert link_opens(client, made["url"])
    page = admin.get("/admin/people/invite", headers=HTML).text
    assert "sigrid.fjell@fjordvik.example" in page and "Send a new link" in page and "Withdraw" in page

    page = form(admin, "/admin/invitations/resend", made["id"])
    assert "A new link is made" in page and "The old link no longer works." in page
    new_url = page.split("data-invitation-link", 1)[0].rsplit('value="', 1)[1].split('"', 1)[0]
    assert new_url != made["url"]
    assert not link_opens(client, made["url"]) and link_opens(client, new_url)

    page = form(admin, "/admin/invitations/withdraw", made["id"])
    assert "is withdrawn: its link no longer works." in page
    assert not link_opens(client, new_url)
    assert "sigrid.fjell@fjordvik.example" not in admin.get("/admin/people/invite", headers=HTML).text


def test_no_one_else_touches_an_invitation(as_user, client):
    made = invite(as_user(ADMIN_OSLO), "tor.lie@fjordvik.example")
    for who in (ADMIN_SYDNEY, TEACHER_OSLO):
        other = as_user(who)
        for action in ("withdraw", "resend"):
            page = form(other, f"/admin/invitations/{action}", made["id"])
            assert "There is no such invitation." in page, who
    anonymous = as_user(None)
    r = anonymous.http.post(
        "/admin/invitations/withdraw", data={"csrf_token": anonymous.csrf, "invitation": made["id"]}
    )
    assert r.status_code in (302, 401) and "/login" in r.headers.get("Location", "/login")
    assert link_opens(client, made["url"])  # still works: nobody else could withdraw it
    page = form(as_user(ADMIN_OSLO), "/admin/invitations/withdraw", "not-a-number")
    assert "There is no such invitation." in page


def test_invitation_days_and_the_application_limit_are_settings(tmp_path, app, as_user):
    """EXCHANGE_STAFF_INVITATION_DAYS and EXCHANGE_SCHOOL_APPLICATION_LIMIT are read and checked at
    start (a bad value stops it with the setting's name); an invitation lives as long as the setting says."""
    from datetime import datetime, timedelta

    from exchange.config import load_config

    base = {"EXCHANGE_DATA_DIR": str(tmp_path)}
    cfg = load_config(base | {"EXCHANGE_STAFF_INVITATION_DAYS": "3", "EXCHANGE_SCHOOL_APPLICATION_LIMIT": "2/hour"})
    assert (cfg["STAFF_INVITATION_DAYS"], cfg["SCHOOL_APPLICATION_LIMIT"]) == (3, "2/hour")
    assert load_config(base)["STAFF_INVITATION_DAYS"] == 14
    for name, bad in (
        ("EXCHANGE_STAFF_INVITATION_DAYS", "0"),
        ("EXCHANGE_STAFF_INVITATION_DAYS", "a fortnight"),
        ("EXCHANGE_GUARDIAN_INVITATION_DAYS", "-1"),
        ("EXCHANGE_SCHOOL_APPLICATION_LIMIT", "lots"),
    ):
        with pytest.raises(SystemExit, match=name):
            load_config(base | {name: bad})

    app.config["STAFF_INVITATION_DAYS"] = 3
    made = invite(as_user(ADMIN_OSLO), "ragna.lid@fjordvik.example")
    expires = datetime.fromisoformat(made["expires_at"].replace("Z", "+00:00"))
    from exchange.clock import now

    assert timedelta(days=2, hours=23) < expires - now() <= timedelta(days=3)
