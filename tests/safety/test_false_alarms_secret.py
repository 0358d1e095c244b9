"""Hindi "किसी को मत बताना" (don't tell anyone) was a grooming phrase on its own, where every other
language reads secrecy as a cue (``cue_secret``) that needs a second piece: a guardian, a photo,
a meeting. A password or a class surprise kept secret is ordinary; secrecy with a photo is not."""

from __future__ import annotations

import pytest

from exchange.safety import check_text


@pytest.mark.parametrize(
    "text",
    [
        "अपना पासवर्ड किसी को मत बताना, यह साइबर सुरक्षा का नियम है",
        "क्विज़ के जवाब किसी को मत बताना, कल सब खुद हल करेंगे",
    ],
)
def test_secrecy_alone_is_allowed(text: str) -> None:
    verdict = check_text(text, "under13")
    assert verdict.action == "allow", [r.rule for r in verdict.reasons]


@pytest.mark.parametrize(
    "text",
    [
        "मुझे अपनी फोटो भेजो, किसी को मत बताना",
        "kal park mein milte hain, kisi ko mat batana",
        "अपने मम्मी पापा को मत बताना कि हम बात करते हैं",
    ],
)
def test_secrecy_with_a_request_is_caught(text: str) -> None:
    assert check_text(text, "under13").action != "allow", text
