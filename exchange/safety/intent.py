"""Intent that only shows when harmless phrases meet in one message: grooming, threats, self-harm.

"Don't tell" and "your mum" are each ordinary; together they ask a child for secrecy
from a guardian. "A knife" and "tomorrow" are ordinary; "I'm bringing a knife tomorrow"
is a threat. The lexicon marks such pieces as cues (``cue_*`` categories, severity 0);
this module turns co-occurring cues into a reason spanning them all. Combinations reach
phrasings that no fixed phrase lists, which is what lets the filter hold on messages
nobody here wrote.

What each cue means (every language file uses the same names; write the cue so that it
is the *right kind* of piece: a request aimed at the reader, a photo of a person, ...).
A cue that would also be an ordinary word of another language ("die" is German for
"the") is written as a phrase, never as that word alone: every language's cues are read
in every room.

Grooming:

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
- ``cue_bond``     a special bond, flattery or pressure aimed at the child: you're so mature
                   for your age, our special friendship, nobody understands you like I do,
                   people wouldn't understand, after all I've done for you, if you really
                   liked me, I'll stop talking to you, just talk to me, ignore the others,
                   your parents are too strict, I deserve a real picture. Never alone: with
                   a secret, a guardian, a photo, a meeting, an app, a gift or another bond.
- ``cue_if`` and ``cue_advice``  a safety lesson: "if someone you don't know asks ..." and "tell an
                   adult". A grooming combination between the two (the frame first, the advice after) is
                   the lesson describing the danger, not a request (``_safety_lesson``).
- ``cue_task``     (optional) an ordinary school or surprise context that explains a
                   request or a secret: homework, project, worksheet, map, geography,
                   science, the class, surprise, presentation. It cancels the combinations
                   marked so below (a teacher's "keep the surprise secret, don't tell
                   the head teacher", "where do you live? draw a map for geography").

Threats of violence:

- ``cue_weapon``   a weapon: gun, knife, blade, machete, bomb, pistol, acid, my dad's rifle.
- ``cue_harm``     harm aimed at a person: kill you, hurt him, stab, shoot them, beat you up,
                   break your nose, make you bleed, you're dead.
- ``cue_intent``   intent or a time to act: I'll, I'm gonna, I swear, tomorrow, tonight,
                   on Monday, after school, just wait, you'll see.
- ``cue_kin``      the reader's family or pet named as a target: your little sister, your dog, your cat,
                   your whole family. With a warning or harm it is a threat against them ("your dog is
                   cute... shame if something happened to it").
- ``cue_ally``     others named to carry a threat out: my big brother, my cousins, my boys, the
                   year 11s, the older kids from the block. Beside harm, a weapon or a warning it is a
                   threat through a third person ("my brother will break your face"); alone, or beside
                   a time only, it is family talk.
- ``cue_school``   the school as a place: at school, to school, in class, the canteen, the
                   assembly, the school gate, the bus stop.
- ``cue_warn``     a warning: you've been warned, don't come to school tomorrow, last
                   warning, you'll regret it, watch your back.
- ``cue_game``     play and fiction that explain violent words: in the game, fortnite,
                   minecraft, 1v1, respawn, the film, the book, chess; and crafts,
                   cooking and lessons (carving, history, the war, a novel), deaths counted
                   ("morri 40 vezes", "30回死んだ": ``context.pattern_cues``, not a row), kept apart
                   from ``cue_task`` so that they never explain away a grooming request.
                   It alone cancels the threat combinations (``cue_task`` does not:
                   "in class" is where a threat happens, not an excuse for it).

Self-harm and suicide:

- ``cue_die``      death or disappearing, for oneself: die, be dead, not wake up, disappear
                   forever, end it all, kill myself, not be here anymore.
- ``cue_self``     a first-person wish or intent: I want to, I wish I could, I'm going to,
                   I just want, maybe I should, I'm ready to.
- ``cue_hopeless`` despair: no point, I can't take it anymore, nobody would care, everyone
                   would be better off, I'm a burden, I hate myself, I'm worthless.
- ``cue_method``   a means: pills, overdose, rope, bridge, rooftop, razor, train tracks,
                   cut myself, jump off.
- ``cue_goodbye``  a farewell: goodbye forever, this is my last message, remember me,
                   sorry for everything, look after my cat for me.

Bullying:

- ``cue_spread``   spreading to many: tell everyone, send it to the whole class, post it in
                   the group chat, on my story, everyone will see.
- ``cue_private``  something of the reader's that is theirs to keep: your secret, your diary,
                   your messages, that photo of you from the changing room, who you're in
                   love with. Not "your photo" alone (a class shares project photos).

Together they are the threat to expose a pupil ("I'll tell everyone your secret"), said before
it happens or after ("your love letter is already in the class group"); a school task cancels it.

- ``cue_looks``    a person's looks named, theirs or the reader's: his teeth, your ears, her shoes, your
                   glasses (not a face, a voice or an accent: friends praise those laughing). Beside
                   laughter it is mockery ("ses dents 😂"); a school task cancels it.

- ``cue_nag``      pestering for an answer: "reply", "answer me", "I can see you're online", "既読無視",
                   "回我". One is a question; two in one message are a pile-up on the reader.

``cue_laugh`` (😂, haha, mdr, kkkk, 哈哈) is laughter: despair alone ("ich kann nicht mehr 😂") is not read
beside it, nor beside a school task or a game ("non ce la faccio più con questo esercizio").

``cue_joke`` ("just kidding", "je rigole", "scherzo") makes a secret a grooming reason here, and a mild
jibe beside it banter (text.py); ``cue_fond`` (a heart, "爱你") only the latter: "keep it secret until Friday ❤️" is a
teacher's surprise. ``cue_street`` and ``cue_digit`` are read by ``pii`` and the phone
finder, ``cue_mention`` and ``cue_report`` ("he called me", "m'a traité de", "骂我") by text.py, not here.
"""

from __future__ import annotations

Cue = tuple[str, tuple[int, int]]  # cue category (or "grooming"), span in the original text
Finding = tuple[str, int, tuple[int, int], str]

# Two cues further apart than this (in characters) are not read as one request.
WINDOW = 160
TASK = "cue_task"

# (cue, cue or "" for a cue that is enough alone, category, severity, cancelled by a school
# task or, for threats, by a game or story). "grooming" stands for any grooming phrase the
# lexicon found in the same message. Grooming 2+, self-harm and violence 2 are held for
# every audience (audience.py): an inferred threat goes to a human, never blocked unseen.
RULES: tuple[tuple[str, str, str, int, bool], ...] = (
    ("cue_secret", "cue_guardian", "grooming", 4, True),  # secrecy from parents or teachers
    ("cue_request", "cue_photo", "grooming", 3, True),  # "send me a pic"
    ("cue_request", "cue_body", "grooming", 4, False),  # "show me what you're wearing"
    ("cue_photo", "cue_body", "grooming", 4, False),  # "a selfie in your bedroom"
    ("cue_photo", "cue_away", "grooming", 4, False),  # "video call when your parents are asleep"
    ("cue_photo", "cue_secret", "grooming", 4, True),  # "send a pic, I won't show anyone"
    ("cue_photo", "cue_alone", "grooming", 3, False),  # "facetime when you're alone"
    ("cue_meet", "cue_alone", "grooming", 3, False),  # meeting alone
    ("cue_meet", "cue_lie", "grooming", 4, False),  # "meet at the mall, tell your parents you're at a friend's"
    ("cue_meet", "cue_secret", "grooming", 4, True),  # "let's meet, don't tell anyone"
    ("cue_meet", "cue_away", "grooming", 4, False),  # "come over when your parents are out"
    ("cue_gift", "cue_photo", "grooming", 4, False),  # "500 robux if you send a photo"
    ("cue_gift", "cue_request", "grooming", 3, False),  # "I'll buy you the skin, do something for me"
    ("cue_gift", "cue_secret", "grooming", 4, False),  # "I'll buy you v-bucks, don't tell"
    ("cue_gift", "cue_body", "grooming", 4, False),
    ("cue_gift", "cue_app", "grooming", 3, False),  # "join my discord server, I'll give you a rare skin"
    ("cue_gift", "cue_meet", "grooming", 3, False),  # "I have an old phone for you, but we have to meet"
    ("cue_app", "cue_secret", "grooming", 4, False),  # "add me on snap, don't tell anyone"
    ("cue_app", "cue_away", "grooming", 4, False),  # "message me on whatsapp when your parents sleep"
    ("cue_app", "cue_alone", "grooming", 3, False),  # "dm me when you're alone"
    ("cue_app", "cue_photo", "grooming", 3, True),  # "dm me a pic"
    ("cue_app", "cue_body", "grooming", 4, False),
    ("cue_body", "cue_secret", "grooming", 4, False),
    ("cue_body", "cue_alone", "grooming", 3, False),  # "are you in bed alone?"
    ("cue_personal", "cue_secret", "grooming", 4, False),  # "how old are you? don't tell anyone we talk"
    ("cue_personal", "cue_alone", "grooming", 3, False),
    ("cue_personal", "", "grooming", 2, True),  # a question about a child's age, school, home
    ("cue_away", "", "grooming", 3, False),  # "when are your parents out?"
    ("cue_lie", "", "grooming", 3, False),  # "tell your parents you're at a friend's"
    ("grooming", "cue_body", "grooming", 4, False),  # "send me a photo ... in your underwear"
    ("grooming", "cue_secret", "grooming", 4, False),  # "add me on snap, don't tell anyone"
    ("grooming", "cue_alone", "grooming", 3, False),  # "where do you live? ... alone?"
    ("grooming", "cue_away", "grooming", 4, False),
    ("grooming", "cue_gift", "grooming", 3, True),  # "where do you live? I'll post you a present"
    ("cue_joke", "cue_secret", "grooming", 3, False),  # "jk 🤫", "just kidding, don't tell": a secret laughed off
    ("cue_app", "cue_personal", "grooming", 3, False),  # "dm me your number", "adde mich privat, wo wohnst du"
    ("cue_gift", "cue_personal", "grooming", 3, True),  # "a birthday present for you, just tell me your address"
    ("cue_meet", "cue_personal", "grooming", 3, True),  # "let's meet, is there a mall near your school?"
    ("cue_bond", "cue_secret", "grooming", 4, False),  # "special friends keep each other's secrets"
    ("cue_bond", "cue_guardian", "grooming", 3, False),  # "your parents are too strict, you'd be happier with me"
    ("cue_bond", "cue_body", "grooming", 4, False),
    ("cue_bond", "cue_alone", "grooming", 3, False),
    ("cue_bond", "cue_away", "grooming", 4, False),
    ("cue_bond", "cue_photo", "grooming", 3, True),  # "I deserve to see a real picture of you"
    ("cue_bond", "cue_request", "grooming", 3, True),
    ("cue_bond", "cue_meet", "grooming", 3, True),
    ("cue_bond", "cue_app", "grooming", 3, False),
    ("cue_bond", "cue_gift", "grooming", 3, False),  # "after all the diamonds I gave you"
    ("cue_bond", "cue_personal", "grooming", 3, False),
    ("cue_bond", "cue_bond", "grooming", 3, False),  # "ignore the others, just talk to me"
    # bullying: exposing what is the reader's own to many ("I'll send everyone that photo of you")
    ("cue_spread", "cue_private", "bullying", 2, True),
    # mocking someone's looks: their teeth, ears, shoes or glasses beside laughter ("t'as vu ses dents 😂")
    ("cue_looks", "cue_laugh", "bullying", 2, True),
    # pestering: "reply. reply. I can see you're online", "回我 回我 回我" (twice is already a pile-up)
    ("cue_nag", "cue_nag", "bullying", 2, True),
    # threats: a weapon or harm with an intent, a time or the school ("I'm bringing a knife tomorrow")
    ("cue_weapon", "cue_school", "violence", 2, True),
    ("cue_weapon", "cue_intent", "violence", 2, True),
    ("cue_weapon", "cue_harm", "violence", 2, True),  # "my brother has a gun, I can lend it for you"
    ("cue_harm", "cue_intent", "violence", 2, True),
    ("cue_warn", "cue_intent", "violence", 2, True),  # "明天你就知道厉害了", "occhio domani": a warning with a time
    ("cue_warn", "cue_school", "violence", 2, True),  # "don't come to school tomorrow, I'm warning you"
    ("cue_warn", "cue_harm", "violence", 2, True),
    ("cue_warn", "cue_weapon", "violence", 2, True),
    ("cue_warn", "cue_warn", "violence", 2, True),  # "the list is ready. you're number 2"
    ("cue_warn", "cue_guardian", "violence", 2, True),  # "your dad gets home late, right? would be a shame"
    ("cue_warn", "cue_kin", "violence", 2, True),  # "your cat is cute... shame if something happened to it"
    ("cue_harm", "cue_kin", "violence", 2, True),  # "shall I throw your cat off the balcony?"
    ("cue_ally", "cue_harm", "violence", 2, True),  # "my big brother will break your face"
    ("cue_ally", "cue_weapon", "violence", 2, True),  # "my cousin carries a blade and knows your road"
    ("cue_ally", "cue_warn", "violence", 2, True),  # "told my brother, watch your back"
    # self-harm: death wished for oneself, despair, a means, a farewell
    ("cue_die", "cue_self", "self_harm", 3, False),  # "I just want to ... not wake up"
    ("cue_die", "cue_hopeless", "self_harm", 3, False),
    ("cue_method", "cue_self", "self_harm", 3, False),  # "I'm going to take all the pills"
    ("cue_method", "cue_hopeless", "self_harm", 3, False),
    ("cue_method", "cue_die", "self_harm", 3, False),  # "how many pills would it take to not wake up"
    ("cue_method", "cue_alone", "self_harm", 2, False),  # "is the roof open? just want to go up, alone"
    ("cue_goodbye", "cue_hopeless", "self_harm", 3, False),
    ("cue_goodbye", "cue_die", "self_harm", 3, False),
    ("cue_goodbye", "cue_method", "self_harm", 3, False),
    ("cue_goodbye", "cue_goodbye", "self_harm", 3, False),  # two farewells: "sorry for everything, look after my cat"
    ("cue_hopeless", "", "self_harm", 2, True),  # despair alone ("I'm so tired of everything"), unless laughed off
)
# threats are explained away by play and fiction only: a school word ("in class", "the test")
# is where threats happen, not an excuse for them
CANCELLED_BY = {
    "grooming": (TASK,),
    "bullying": (TASK,),
    "violence": ("cue_game",),
    "self_harm": (TASK, "cue_game", "cue_laugh"),
}
# ... except a warning with a time alone, which a school task also explains: "last warning: homework due
# tomorrow", "明天考试，后果自负" (a warning beside a weapon, harm or the school stays a threat in class)
RULE_CANCELLED_BY = {("cue_warn", "cue_intent"): ("cue_game", "cue_topic", TASK)}
# A topic (cooking, carving, history, a novel: ``cue_topic``) explains a weapon word and a weapon's threat
# combinations; a harm aimed at the reader stays a threat beside it: "bringing a knife to cooking class
# tomorrow to stab you". A game still explains both ("I'll kill you tomorrow in fortnite").
TOPIC_CANCELS = frozenset({("cue_weapon", "cue_school"), ("cue_weapon", "cue_intent"), ("cue_weapon", "cue_harm")})


def _near(first: list[tuple[int, int]], second: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The span of the closest pair of two different pieces within WINDOW, or None."""
    best: tuple[int, int] | None = None
    for a in first:
        for b in second:
            if a[0] <= b[0] and b[1] <= a[1] or b[0] <= a[0] and a[1] <= b[1]:
                continue  # one piece is not two cues: a phrase does not combine with a cue inside it
            span = (min(a[0], b[0]), max(a[1], b[1]))
            if span[1] - span[0] <= WINDOW and (best is None or span[1] - span[0] < best[1] - best[0]):
                best = span
    return best


def _cancelled(by_kind: dict[str, list[tuple[int, int]]], cancelling: tuple[str, ...], own: tuple[str, str]) -> bool:
    """A cancelling cue (a school task, a game) outside the rule's own cues: "la classe" inside
    "je vais montrer à toute la classe" is where the secret goes, not a school task. Nor does one that a
    secrecy cue reaches into: "don't tell a trusted adult" turns a safety lesson's advice into a secret (one
    that holds the secret whole, "secret recipe", still explains it)."""
    mine = [span for kind in own for span in by_kind.get(kind, ())]
    secrets = by_kind.get("cue_secret", ())
    return any(
        not any(a <= start and end <= b for a, b in mine)
        and not any(a < end and start < b and not (start <= a and b <= end) for a, b in secrets)
        for kind in cancelling
        for start, end in by_kind.get(kind, ())
    )


def _safety_lesson(by_kind: dict[str, list[tuple[int, int]]], pair: tuple[int, int]) -> bool:
    """A safety lesson's shape: what a stranger may ask, framed by "if someone ..." before it and advice to
    tell an adult after it ("si alguien te pide fotos o un secreto, díselo a un adulto"). Advice before the
    request ("tell an adult if you want, nobody will believe you. send me a pic") or inside a secret ("don't
    tell an adult") explains nothing."""
    secrets = by_kind.get("cue_secret", ())
    framed = any(end <= pair[0] for _, end in by_kind.get("cue_if", ()))
    return framed and any(
        pair[1] <= start and not any(a < end and start < b for a, b in secrets)
        for start, end in by_kind.get("cue_advice", ())
    )


# The rules by their first cue, in RULES' order: a message with three cues tries a few rules, not all.
def _by_first() -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for i, rule in enumerate(RULES):
        index.setdefault(rule[0], []).append(i)
    return index


_BY_FIRST = _by_first()


def combine(cues: list[Cue]) -> list[Finding]:
    """A reason for every rule whose cues occur together in one message."""
    by_kind: dict[str, list[tuple[int, int]]] = {}
    for kind, span in cues:
        by_kind.setdefault(kind, []).append(span)
    found: list[Finding] = []
    tried = sorted(i for kind in by_kind for i in _BY_FIRST.get(kind, ()))
    for first, second, category, severity, cancellable in (RULES[i] for i in tried):
        if second and second not in by_kind:
            continue
        cancelling = RULE_CANCELLED_BY.get((first, second)) or CANCELLED_BY[category]
        if (first, second) in TOPIC_CANCELS or category == "self_harm":
            cancelling = (*cancelling, "cue_topic")
        if cancellable and _cancelled(by_kind, cancelling, (first, second)):
            continue
        if not second:
            found.extend((category, severity, alone, f"cue:{first.removeprefix('cue_')}") for alone in by_kind[first])
            continue
        pair = _near(by_kind[first], by_kind[second])
        if pair is not None and category == "grooming" and _safety_lesson(by_kind, pair):
            continue
        if pair is not None:
            name = f"combo:{first.removeprefix('cue_')}+{second.removeprefix('cue_')}"
            found.append((category, severity, pair, name))
    return found
