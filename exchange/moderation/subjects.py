"""Flags about things a higher domain owns (an exhibition's comment): that domain says, when the
app is wired, what approving and removing do to its subject; the queue's actions call it. A flag
whose subject has no handler is acted on as before (a message, a file)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..accounts.models import User


@dataclass(frozen=True)
class SubjectHandler:
    approve: Callable[[User, str], None]  # (actor, subject_id): show the held subject
    remove: Callable[[User, str], None]  # (actor, subject_id): take it away for everyone


_HANDLERS: dict[str, SubjectHandler] = {}


def register(subject_type: str, handler: SubjectHandler) -> None:
    if len(subject_type) > 16:  # flags.subject_type is VARCHAR(16): PostgreSQL would refuse the flag
        raise ValueError(f"flag subject type {subject_type!r} is longer than 16 characters")
    _HANDLERS[subject_type] = handler


def handler_for(subject_type: str | None) -> SubjectHandler | None:
    return _HANDLERS.get(subject_type or "")
