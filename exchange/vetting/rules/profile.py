"""The expert's application profile: what they tell schools about themselves, and the
code of conduct they agreed to. Pure (stdlib only); the bio arrives sanitised.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .evidence import Problem, as_day, is_blank, is_day


# --- the application profile -----------------------------------------------------------

_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*", re.IGNORECASE)


@dataclass(frozen=True)
class ApplicationProfile:
    """What an expert tells schools about themselves. `bio` arrives already sanitised by
    the caller (safety's HTML sanitiser); here only its length is checked."""

    display_name: str
    organisation: str
    expertise: str
    languages: tuple[str, ...] = ()
    bio: str = ""
    agreed_code_of_conduct_on: date | None = None
    code_version: str = ""

    def __post_init__(self) -> None:
        langs = self.languages
        object.__setattr__(self, "languages", (langs,) if isinstance(langs, str) else tuple(langs or ()))


PROFILE_LIMITS = {"display_name": (2, 80), "organisation": (2, 120), "expertise": (3, 200)}
MAX_BIO_LENGTH = 4000


def validate_profile(
    profile: ApplicationProfile, *, today: date | None = None, current_code_version: str | None = None
) -> list[Problem]:
    """Problems with an application profile; [] when it can go to review. With
    `current_code_version`, an agreement to an older code must be renewed."""
    problems: list[Problem] = []
    for name, (low, high) in PROFILE_LIMITS.items():
        value = " ".join(str(getattr(profile, name) or "").split())
        label = name.replace("_", " ")
        if len(value) < low:
            problems.append(Problem(f"{name}_too_short", f"The {label} needs at least {low} characters.", name))
        elif len(value) > high:
            problems.append(Problem(f"{name}_too_long", f"The {label} may have at most {high} characters.", name))
    if not profile.languages:
        problems.append(Problem("no_language", "Give at least one language.", "languages"))
    for lang in profile.languages:
        if not isinstance(lang, str) or not _LANGUAGE_TAG.fullmatch(lang.strip()):
            problems.append(Problem("invalid_language", f"{str(lang)[:12]!r} is not a language code.", "languages"))
    if len(profile.bio or "") > MAX_BIO_LENGTH:
        problems.append(Problem("bio_too_long", f"The bio may have at most {MAX_BIO_LENGTH} characters.", "bio"))
    agreed = profile.agreed_code_of_conduct_on
    if agreed is None:
        problems.append(
            Problem("code_of_conduct_not_agreed", "Agree to the code of conduct.", "agreed_code_of_conduct_on")
        )
    elif not is_day(agreed):
        problems.append(
            Problem("invalid_date", "The code of conduct agreement date is not a date.", "agreed_code_of_conduct_on")
        )
    elif today is not None and agreed > as_day(today):
        problems.append(
            Problem("future_date", "The code of conduct agreement date is in the future.", "agreed_code_of_conduct_on")
        )
    if is_blank(profile.code_version):
        problems.append(Problem("missing_code_version", "Record which version of the code was agreed.", "code_version"))
    elif current_code_version is not None and profile.code_version != current_code_version:
        problems.append(
            Problem(
                "code_of_conduct_outdated", "The code of conduct has changed; agree to the new one.", "code_version"
            )
        )
    return problems
