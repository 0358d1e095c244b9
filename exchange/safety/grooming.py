"""Grooming signals that only show when harmless phrases meet in one message.

"Don't tell" and "your mum" are each ordinary; together they ask a child for secrecy
from a guardian. The lexicon marks such pieces as cues (``cue_*`` categories, severity 0);
this module turns co-occurring cues into a grooming reason spanning them all.

What each cue means (every language file uses the same names; write the cue so that it
is the *right kind* of piece: a request aimed at the reader, a photo of a person, ...):

- ``cue_secret``   secrecy: don't tell, keep it (a) secret, our secret, just between us,
                   nobody has to know, delete this chat, I won't show anyone.
- ``cue_guardian`` a guardian: parents, mum, dad, teacher, family, grandma.
- ``cue_request``  a request aimed at the reader, with "me": send me, show me, can I see,
                   let me see, I want to see, send it to me, do something for me, you owe me.
                   Not a bare "send" ("send photos of your project" is ordinary).
- ``cue_body``     body and intimacy: body, underwear, bra, pyjamas, bedroom, in bed,
                   shower, bath, naked, what you're wearing.
- ``cue_photo``    a picture or camera of a person: a pic, your photo, a selfie, pic of you,
                   video call, facetime, webcam, turn on your camera. Not "the photos"
                   (of a project), not "screenshot".
- ``cue_meet``     meeting offline: meet (up), come over, pick you up, hang out, at the mall,
                   at the park, my place.
- ``cue_alone``    alone: alone, just us, the two of us, nobody home, by yourself.
- ``cue_app``      moving to a private channel: telegram, whatsapp, snap, discord, kik,
                   dm me, add me, message me, privately, in private.
- ``cue_gift``     gifts and game currency: gift card, robux, v-bucks, a skin, money,
                   I'll buy you, I'll give you, I'll pay you.
- ``cue_personal`` a question about the reader: how old are you, what school do you go to,
                   where do you live, what's your address, what grade are you in.
                   Not "what school subjects do you like".
- ``cue_away``     the guardians away: when your parents are asleep / out / away, after
                   bedtime, when nobody is home.
- ``cue_lie``      a cover story: tell your parents you're at a friend's, say you're at
                   school, lie to your mum.
- ``cue_task``     (optional) an ordinary school or surprise context that explains a
                   request or a secret: homework, project, worksheet, map, geography,
                   science, the class, surprise, presentation. It cancels the combinations
                   marked so below (a teacher's "keep the surprise secret, don't tell
                   the head teacher", "where do you live? draw a map for geography").

``cue_street`` and ``cue_digit`` are read by ``pii`` and the phone finder, not here.
"""

from __future__ import annotations

Cue = tuple[str, tuple[int, int]]  # cue category (or "grooming"), span in the original text
Finding = tuple[str, int, tuple[int, int], str]

# Two cues further apart than this (in characters) are not read as one request.
WINDOW = 160
TASK = "cue_task"

# (cue, cue or "" for a cue that is enough alone, severity, cancelled by a school task)
# "grooming" stands for any grooming phrase the lexicon found in the same message.
# Severity 2+ is held for every audience (audience.py).
RULES: tuple[tuple[str, str, int, bool], ...] = (
    ("cue_secret", "cue_guardian", 4, True),  # secrecy from parents or teachers
    ("cue_request", "cue_photo", 3, True),  # "send me a pic"
    ("cue_request", "cue_body", 4, False),  # "show me what you're wearing"
    ("cue_photo", "cue_body", 4, False),  # "a selfie in your bedroom"
    ("cue_photo", "cue_away", 4, False),  # "video call when your parents are asleep"
    ("cue_photo", "cue_secret", 4, True),  # "send a pic, I won't show anyone"
    ("cue_photo", "cue_alone", 3, False),  # "facetime when you're alone"
    ("cue_meet", "cue_alone", 3, False),  # meeting alone
    ("cue_meet", "cue_lie", 4, False),  # "meet at the mall, tell your parents you're at a friend's"
    ("cue_meet", "cue_secret", 4, True),  # "let's meet, don't tell anyone"
    ("cue_meet", "cue_away", 4, False),  # "come over when your parents are out"
    ("cue_gift", "cue_photo", 4, False),  # "500 robux if you send a photo"
    ("cue_gift", "cue_request", 3, False),  # "I'll buy you the skin, do something for me"
    ("cue_gift", "cue_secret", 4, False),  # "I'll buy you v-bucks, don't tell"
    ("cue_gift", "cue_body", 4, False),
    ("cue_app", "cue_secret", 4, False),  # "add me on snap, don't tell anyone"
    ("cue_app", "cue_away", 4, False),  # "message me on whatsapp when your parents sleep"
    ("cue_app", "cue_alone", 3, False),  # "dm me when you're alone"
    ("cue_app", "cue_photo", 3, True),  # "dm me a pic"
    ("cue_app", "cue_body", 4, False),
    ("cue_body", "cue_secret", 4, False),
    ("cue_body", "cue_alone", 3, False),  # "are you in bed alone?"
    ("cue_personal", "cue_secret", 4, False),  # "how old are you? don't tell anyone we talk"
    ("cue_personal", "cue_alone", 3, False),
    ("cue_personal", "", 2, True),  # a question about a child's age, school, home
    ("cue_away", "", 3, False),  # "when are your parents out?"
    ("cue_lie", "", 3, False),  # "tell your parents you're at a friend's"
    ("grooming", "cue_body", 4, False),  # "send me a photo ... in your underwear"
    ("grooming", "cue_secret", 4, False),  # "add me on snap, don't tell anyone"
    ("grooming", "cue_alone", 3, False),  # "where do you live? ... alone?"
    ("grooming", "cue_away", 4, False),
)


def _near(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of the closest pair of two different pieces within WINDOW, or None."""
    best: tuple[int, int] | None = None
    for a in first:
        for b in second:
            if a == b:
                continue  # one piece is not two cues
            span = (min(a[0], b[0]), max(a[1], b[1]))
            if span[1] - span[0] <= WINDOW and (best is None or span[1] - span[0] < best[1] - best[0]):
                best = span
    return best


def combine(cues: list[Cue]) -> list[Finding]:
    """Grooming reasons for every rule whose cues occur together in one message."""
    by_kind: dict[str, list[tuple[int, int]]] = {}
    for kind, span in cues:
        by_kind.setdefault(kind, []).append(span)
    task = TASK in by_kind
    found: list[Finding] = []
    for first, second, severity, cancelled_by_task in RULES:
        if first not in by_kind or (task and cancelled_by_task):
            continue
        if not second:
            found.extend(("grooming", severity, alone, f"cue:{first.removeprefix('cue_')}") for alone in by_kind[first])
            continue
        if second not in by_kind:
            continue
        pair = _near(by_kind[first], by_kind[second])
        if pair is not None:
            name = f"combo:{first.removeprefix('cue_')}+{second.removeprefix('cue_')}"
            found.append(("grooming", severity, pair, name))
    return found
