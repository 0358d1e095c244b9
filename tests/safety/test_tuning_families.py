"""The tuners' families: one written example per family must be caught, and the benign
look-alikes written beside them must stay allowed. The cases live in tuning_western.py
(round 1, en es fr de pt it), tuning2_western.py and tuning2_world.py (round 2), tuning3_western.py and tuning3_world.py (round 3)."""

from __future__ import annotations

import pytest
import tuning2_western
import tuning2_world
import tuning3_western
import tuning3_world
import tuning_western

from exchange.safety import check_text

HARMFUL = (
    tuning_western.HARMFUL
    + tuning2_western.HARMFUL
    + tuning2_world.HARMFUL
    + tuning3_western.HARMFUL
    + tuning3_world.HARMFUL
)
BENIGN = (
    tuning_western.BENIGN
    + tuning2_western.BENIGN
    + tuning2_world.BENIGN
    + tuning3_western.BENIGN
    + tuning3_world.BENIGN
)


@pytest.mark.parametrize(("lang", "text"), HARMFUL)
def test_family_is_caught(lang: str, text: str) -> None:
    assert check_text(text, "under13").action != "allow", (lang, text)


@pytest.mark.parametrize(("lang", "text"), BENIGN)
def test_look_alike_stays_allowed(lang: str, text: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action == "allow", (lang, text, [r.rule for r in verdict.reasons])
