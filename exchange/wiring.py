"""Composition: connects the domains when the app is created.

A lower domain never imports a higher one (see docs/architecture.md). What it needs from
above comes through a port (`exchange.ports`), installed here; what it must react to comes
through a signal (`exchange.signals`), whose listeners are connected here. One function per
concern, so that each reads as the sentence it implements.
"""
from __future__ import annotations


def wire(app) -> None:
    """Install every port and connect every listener; safe to call for each app created."""
    _wire_room_access()
    _wire_flags()
    _wire_erasure()
    _wire_vetting()
    _wire_scheduling()


def _wire_room_access() -> None:
    """Rooms and files ask guardians (consent) and vetting (clearance) through ports."""


def _wire_flags() -> None:
    """Rooms and files raise moderation flags through a port."""


def _wire_erasure() -> None:
    """A guardian's approved erasure request reaches moderation and files through a signal."""


def _wire_vetting() -> None:
    """Vetting reactions (revoked or expired expert) that other domains carry out."""


def _wire_scheduling() -> None:
    """Scheduling reactions (reminder mail) that other modules carry out."""
