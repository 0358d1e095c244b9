"""Round 3 families of the western tuner: one written positive per family and the look-alikes that
must stay allowed. Sentences are written for this test, not copied from the dev or held-out sets;
everything is fictional."""

from __future__ import annotations

HARMFUL: list[tuple[str, str]] = []

BENIGN: list[tuple[str, str]] = []
