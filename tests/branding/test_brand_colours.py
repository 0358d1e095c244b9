"""The brand's colour sums: WCAG contrast and the AA check an administrator's palette must pass."""

from __future__ import annotations

import pytest

from exchange.branding import colours

pytestmark = pytest.mark.backend_independent


def test_contrast_matches_the_wcag_reference_values():
    assert colours.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert colours.contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert colours.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic near miss
    assert colours.contrast("#0b5cad", "#ffffff") == pytest.approx(6.67, abs=0.01)  # the product's blue


def test_a_palette_below_aa_is_refused_with_the_measured_ratio():
    assert colours.problems("#0b5cad", "#ffbf47") == []
    light = colours.problems("#7fb2e5", "#ffbf47")
    assert [(p.field, p.code) for p in light] == [("primary", "low_contrast")] and light[0].ratio < 4.5
    dark_accent = colours.problems("#0b5cad", "#333333")
    assert [(p.field, p.code) for p in dark_accent] == [("accent", "low_contrast")]
    assert [p.code for p in colours.problems("blue", "#ffbf47x")] == ["invalid", "invalid"]
    assert [p.code for p in colours.problems("#0b5cad; }", "#ffbf47")] == ["invalid"]  # no CSS gets through


def test_the_derived_shades_keep_white_text_readable():
    for primary in ("#0b5cad", "#7a1f5c", "#136c2e", "#5b2a86"):
        shades = colours.palette(primary, "#ffbf47")
        assert colours.contrast(shades.brand_dark, "#ffffff") >= colours.contrast(primary, "#ffffff")
        assert colours.contrast(shades.brand_tint, "#1b1f24") >= 4.5
        assert shades.css().startswith(":root{--brand:" + primary)
