"""The outreach log: every message, update, letter, text and announcement a school sends to
families or the community, counted by channel, audience, language and kind (issue 22).

A kernel module (ids only, no domain imports) so every domain that reaches a family can record
what it sent; the district's page reads it (`exchange.evaluation`). One row per recipient, so
read and reply rates are counted, not guessed.
"""

from __future__ import annotations

from .log import CHANNELS, KINDS, already_sent, mark_read, mark_replied, record

__all__ = ["CHANNELS", "KINDS", "already_sent", "mark_read", "mark_replied", "record"]
