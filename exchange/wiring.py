"""Composition: connects the domains when the app is created.

A lower domain never imports a higher one (see docs/architecture.md). What it needs from
above comes through a port (`exchange.ports`), installed here; what it must react to comes
through a signal (`exchange.signals`), whose listeners are connected here. One function per
concern, so that each reads as the sentence it implements.

Not here, on purpose: an expert who loses clearance or a student whose consent is withdrawn
leaves every room through `signals.access_changed`, whose listener the rooms domain connects
with its Socket.IO edge (`rooms.init_app`); scheduling and vetting call rooms (below them)
directly, and no lower domain reacts to a session or a visit.
"""

from __future__ import annotations

from . import outbox, ports, signals
from .branding import emails as brand_emails
from .guardians import consent
from .guardians import notices as family_notices
from .moderation import safety_lists
from .moderation import services as moderation
from .partners import interests as partner_requests
from .partners import community as partner_community  # the awareness survey (issue 22)
from .evaluation import family as family_writings
from .showcase import comments
from .vetting import clearance


def wire(app) -> None:
    """Install every port and connect every listener; safe to call for each app created."""
    _wire_room_access()
    _wire_flags()
    _wire_safety_lists(app)
    _wire_erasure()
    _wire_showcase()
    _wire_brand()
    _wire_partners()
    _wire_family_notices()


def _wire_room_access() -> None:
    """Rooms and files ask guardians (consent) and vetting (clearance) through ports."""
    ports.install_room_access(
        ports.RoomAccess(
            consent_refusal=consent.consent_refusal,
            room_consent_refusal=consent.room_consent_refusal,
            room_refusal=consent.room_refusal,
            expert_cleared=clearance.expert_cleared,
        )
    )


def _wire_flags() -> None:
    """Rooms and files raise moderation flags through a port."""
    ports.install_flags(
        ports.Flags(
            raise_flag=moderation.raise_flag,
            held_for=moderation.held_for,
            report=moderation.report,
            queue_channel=moderation.QUEUE_CHANNEL,
        )
    )


def _wire_safety_lists(app) -> None:
    """The send path applies moderation's allow and deny lists through a port; moderation owns the
    cache (one per app) that every process refreshes after a change."""
    safety_lists.install(app)
    ports.install_safety_lists(ports.SafetyLists(lists_for=safety_lists.lists_for))


def _wire_brand() -> None:
    """Every e-mail leaves in the district's brand (the outbox sits below branding)."""
    outbox.install_frame(brand_emails.frame)


def _wire_showcase() -> None:
    """The review queue's approve and remove act on an exhibition comment a flag is about; a child's
    comments, reflections and survey lines reach their guardian's export and leave with an approved
    erasure (signals)."""
    comments.wire()
    family_writings.wire()


def _wire_partners() -> None:
    """A child's requests for opportunities (their words on why) reach their guardian's export and
    leave with an approved erasure (signals)."""
    partner_requests.wire()
    # the awareness survey (issue 22): which schools a community partner's contact answers for
    ports.install_partner_schools(partner_community.contact_schools)


def _wire_erasure() -> None:
    """A guardian's approved erasure request reaches moderation through a signal (files sit below
    guardians, which erase them directly): the flags' snapshots of the child's words go too."""
    signals.child_erased.connect(_forget_flagged_words)


def _forget_flagged_words(sender, *, user_id: int, **_facts) -> dict[str, int]:
    return {"flags": moderation.erase_author(user_id)}


# ---- issue 22: notices by text (reply slips helper) ----------------------------------------
def _wire_family_notices() -> None:
    """A room closed by its teacher tells the families who chose text messages that the session was
    held (guardians sit above rooms, so it listens to `signals.room_closed`)."""
    family_notices.wire()
