"""Each safety test starts with the trained second opinion's deployment setting off.

An app created earlier in the same test process turns the setting on for every later check
(``exchange.safety.use_model``, as a server does at start-up), so a verdict here would depend on
which tests ran before it in its process: a look-alike pinned as allowed by the rules passed in one
order and was held by the model in another. The tests about the model turn it on themselves, and
test_model_look_alikes.py runs every pinned look-alike with it on.
"""

from __future__ import annotations

import pytest

from exchange.safety import text as text_module


@pytest.fixture(autouse=True)
def _second_opinion_setting_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(text_module, "_MODEL_ON", [False])
