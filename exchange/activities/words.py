"""What the library's stored values are called in the reader's language: topics and the
Sustainable Development Goals. Written out once each so that translators see them (a variable in
`_()` never reaches a catalogue); a topic with no entry shows as stored."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import pgettext

_Label = Callable[[], str]

TOPICS: dict[str, _Label] = {
    "adaptation": lambda: pgettext("topic", "adaptation"),
    "animals": lambda: pgettext("topic", "animals"),
    "art": lambda: pgettext("topic", "art"),
    "buildings": lambda: pgettext("topic", "buildings"),
    "cities": lambda: pgettext("topic", "cities"),
    "climate": lambda: pgettext("topic", "climate"),
    "community": lambda: pgettext("topic", "community"),
    "culture": lambda: pgettext("topic", "culture"),
    "energy": lambda: pgettext("topic", "energy"),
    "environment": lambda: pgettext("topic", "environment"),
    "farming": lambda: pgettext("topic", "farming"),
    "festivals": lambda: pgettext("topic", "festivals"),
    "food": lambda: pgettext("topic", "food"),
    "games": lambda: pgettext("topic", "games"),
    "greetings": lambda: pgettext("topic", "greetings"),
    "health": lambda: pgettext("topic", "health"),
    "heritage": lambda: pgettext("topic", "heritage"),
    "heroes": lambda: pgettext("topic", "local heroes"),
    "homes": lambda: pgettext("topic", "homes"),
    "identity": lambda: pgettext("topic", "identity"),
    "inclusion": lambda: pgettext("topic", "inclusion"),
    "interviews": lambda: pgettext("topic", "interviews"),
    "kindness": lambda: pgettext("topic", "kindness"),
    "languages": lambda: pgettext("topic", "languages"),
    "maps": lambda: pgettext("topic", "maps"),
    "media": lambda: pgettext("topic", "media"),
    "music": lambda: pgettext("topic", "music"),
    "names": lambda: pgettext("topic", "names"),
    "nature": lambda: pgettext("topic", "nature"),
    "places": lambda: pgettext("topic", "places"),
    "plants": lambda: pgettext("topic", "plants"),
    "play": lambda: pgettext("topic", "play"),
    "routines": lambda: pgettext("topic", "daily life"),
    "school": lambda: pgettext("topic", "school"),
    "science": lambda: pgettext("topic", "science"),
    "seasons": lambda: pgettext("topic", "seasons"),
    "service": lambda: pgettext("topic", "community service"),
    "shapes": lambda: pgettext("topic", "shapes"),
    "stereotypes": lambda: pgettext("topic", "stereotypes"),
    "sustainability": lambda: pgettext("topic", "sustainability"),
    "teamwork": lambda: pgettext("topic", "teamwork"),
    "time": lambda: pgettext("topic", "time"),
    "traditions": lambda: pgettext("topic", "traditions"),
    "translation": lambda: pgettext("topic", "translation"),
    "transport": lambda: pgettext("topic", "transport"),
    "waste": lambda: pgettext("topic", "waste"),
    "water": lambda: pgettext("topic", "water"),
    "weather": lambda: pgettext("topic", "weather"),
}

SDGS: dict[int, _Label] = {
    1: lambda: pgettext("SDG", "No poverty"),
    2: lambda: pgettext("SDG", "Zero hunger"),
    3: lambda: pgettext("SDG", "Good health and well-being"),
    4: lambda: pgettext("SDG", "Quality education"),
    5: lambda: pgettext("SDG", "Gender equality"),
    6: lambda: pgettext("SDG", "Clean water and sanitation"),
    7: lambda: pgettext("SDG", "Affordable and clean energy"),
    8: lambda: pgettext("SDG", "Decent work and economic growth"),
    9: lambda: pgettext("SDG", "Industry, innovation and infrastructure"),
    10: lambda: pgettext("SDG", "Reduced inequalities"),
    11: lambda: pgettext("SDG", "Sustainable cities and communities"),
    12: lambda: pgettext("SDG", "Responsible consumption and production"),
    13: lambda: pgettext("SDG", "Climate action"),
    14: lambda: pgettext("SDG", "Life below water"),
    15: lambda: pgettext("SDG", "Life on land"),
    16: lambda: pgettext("SDG", "Peace, justice and strong institutions"),
    17: lambda: pgettext("SDG", "Partnerships for the goals"),
}


def topic_label(topic: str) -> str:
    found = TOPICS.get(topic)
    return found() if found else topic


def sdg_label(number: int) -> str:
    found = SDGS.get(number)
    return found() if found else str(number)
