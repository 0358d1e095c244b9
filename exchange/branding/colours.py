"""Brand colours that keep the pages readable: WCAG 2.2 contrast, and the shades derived from a
colour. Pure: the admin page, the API and the stylesheet share these sums.

The primary colour carries white text (the top bar, primary buttons) and is the colour of links
on white and on the page's grey background; the accent marks focus halos and highlights next to
dark text. Both must reach 4.5:1 where text sits on or in them (WCAG 1.4.3, AA).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEX = re.compile(r"#[0-9a-fA-F]{6}")
WHITE, PAGE, INK = "#ffffff", "#f6f7f9", "#1b1f24"
AA_TEXT = 4.5


def valid(colour: str) -> bool:
    return isinstance(colour, str) and HEX.fullmatch(colour) is not None


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2.2 definition, sRGB)."""

    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def mix(colour: str, other: str, share: float) -> str:
    """`colour` moved `share` (0..1) of the way towards `other`."""
    a, b = _rgb(colour), _rgb(other)
    return _hex(tuple(x + (y - x) * share for x, y in zip(a, b, strict=True)))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Problem:
    field: str  # primary | accent
    code: str  # invalid | low_contrast
    ratio: float = 0.0
    against: str = ""


def problems(primary: str, accent: str) -> list[Problem]:
    """What keeps a palette from AA: the primary under white text and on the page as link text;
    the accent under dark text."""
    found: list[Problem] = []
    if not valid(primary):
        found.append(Problem("primary", "invalid"))
    else:
        worst = min((contrast(primary, WHITE), WHITE), (contrast(primary, PAGE), PAGE))
        if worst[0] < AA_TEXT:
            found.append(Problem("primary", "low_contrast", round(worst[0], 2), worst[1]))
    if not valid(accent):
        found.append(Problem("accent", "invalid"))
    elif contrast(accent, INK) < AA_TEXT:
        found.append(Problem("accent", "low_contrast", round(contrast(accent, INK), 2), INK))
    return found


@dataclass(frozen=True)
class Palette:
    """The CSS custom properties a brand sets (see static/css/app.css)."""

    brand: str
    brand_dark: str
    brand_tint: str
    accent: str

    def css(self) -> str:
        return (
            f":root{{--brand:{self.brand};--brand-dark:{self.brand_dark};"
            f"--brand-tint:{self.brand_tint};--brand-ink:#fff;--focus:{self.accent};}}\n"
        )


def palette(primary: str, accent: str) -> Palette:
    """The shades the pages use: a darker primary for hover (still AA), a light tint for panels."""
    return Palette(primary.lower(), mix(primary, "#000000", 0.18), mix(primary, WHITE, 0.9), accent.lower())
