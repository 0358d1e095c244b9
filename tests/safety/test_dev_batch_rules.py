"""Rules added on 2026-12-04 (issue 15) from the misses of new dev batches: German and Portuguese
self-harm forms, and Chinese everyday words that a shorter entry crossed, each with the look-alikes
that must stay allowed. The sentences are written here, not copied from any evaluation set."""

from __future__ import annotations

import pytest

from exchange.safety import check_text

HELD = [
    ("ich möchte einfach nur noch sterben", "de"),
    ("dann bring ich mich halt um", "de"),
    ("ich denk oft daran mich umzubringen", "de"),
    ("ritz mich schon wieder", "de"),
    ("hab mich gestern wieder angeritzt", "de"),
    ("ich hab angst dass ich mir was antu", "de"),
    ("manchmal will ich mich einfach vor den zug werfen", "de"),
    ("i mog nimma lebn", "de"),
    ("eu quero mi matar", "pt"),
    ("tô me cortando de novo", "pt"),
    ("cortei-me outra vez", "pt"),
    ("queria nunca ter nascido", "pt"),
    ("vou me jogar na frente do trem", "pt"),
]

ALLOWED = [
    ("ich will nicht sterben", "de"),
    ("wir ritzen unsere Namen in die Rinde", "de"),
    ("ich hab mich beim Kochen geschnitten", "de"),
    ("häng die Jacke an den Haken", "de"),
    ("im Film springt er vor den Zug", "de"),
    ("mama bringt mich um wenn ich zu spät komme", "de"),
    ("eu me mato de estudar pra essa prova", "pt"),
    ("me cortei com o papel", "pt"),
    ("morri de rir com esse vídeo", "pt"),
]


@pytest.mark.parametrize("text,lang", HELD)
def test_self_harm_forms_are_held_for_a_person(text: str, lang: str) -> None:
    verdict = check_text(text, "under13", languages=[lang])
    assert verdict.action != "allow" and any(r.category == "self_harm" for r in verdict.reasons), verdict


@pytest.mark.parametrize("text,lang", ALLOWED)
def test_everyday_look_alikes_stay_allowed(text: str, lang: str) -> None:
    assert check_text(text, "under13", languages=[lang]).action == "allow"


@pytest.mark.parametrize(
    "text", ["体操比赛我们班拿了第二", "别为我操心了", "手工课做废物利用", "我靠窗坐", "用傻瓜相机拍的"]
)
def test_chinese_everyday_words_a_short_entry_crosses_stay_allowed(text: str) -> None:
    """Chinese is matched without word boundaries: an allowed word must hold the whole hit."""
    assert check_text(text, "under13", languages=["zh"]).action == "allow"
    assert check_text(text, "under13").action == "allow"
