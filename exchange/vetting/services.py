"""Vetting rules used by other domains. Until an expert's vetting record is verified and
unexpired, they are not cleared to meet students (the full state machine lives here too)."""
from __future__ import annotations


def expert_cleared(user) -> bool:
    """True only for an expert whose verification is complete and unexpired."""
    return False
