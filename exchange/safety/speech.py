"""Words said about, not said: how a pupil reports, quotes, negates, jokes or glosses a word.

"Madame, Kevin m'a traité de bouffon" reports an insult, "what does "bastard" mean?" mentions one, "just
kidding, you idiot 😂" is banter, "not joking" is no joke and "baka = idiot" glosses. ``text.check_text``
asks these readers whether a finding the lexicon made is the writer's own word; each keeps its reach small,
so an insult further away, or a threat, stays caught.
"""

from __future__ import annotations

import re

Finding = tuple[str, int, tuple[int, int], str]  # category, severity, original span, rule


# "not joking", "no es broma", "不是开玩笑", "это не шутка": said right before the marker, it is no joke
_NEGATED = re.compile(
    r"(?i)(?:(?<![^\W\d_])(?:not|no|not even|pas|non|nicht|kein|keine|não|nao|ne|не|si|sio|hakuna|nahi|nahin|"
    r"bukan|tidak|nie|değil|inte|ikke|ei|không|geen)\s+(?:\w+\s+)?|n['’]t\s+(?:\w+\s+)?|不是|不|じゃない|아니)$"
)
_NEGATED_AFTER = re.compile(r"(?i)\s*(?:pas|not|nicht|no|non|nie|inte|ikke|ei)(?![^\W\d_])")


def negated(text: str, span: tuple[int, int]) -> bool:
    """ "not joking", "je rigole pas": the marker says the opposite."""
    return _NEGATED.search(text, 0, span[0]) is not None or _NEGATED_AFTER.match(text, span[1]) is not None


_BANTER_REACH = 60  # characters between the jibe and "just kidding"

# A mishap laughed at: a message sent to the whole class by mistake, a game or a bet lost. Laughter is no
# "just kidding" by itself (it goes with mockery too: "ses dents 😂"), but beside a mild word over a slip
# the reader just made it is friends teasing: "omg you idiot you sent that to the whole class 😭 lmao",
# "seu burro mandou no grupo da sala kkkk", "du Lauch, hast beim Armdrücken verloren 😂".
_MISHAP = re.compile(
    r"(?i)(?<![^\W\d_])(?:sent (?:it|that|this) to|wrong (?:group|chat)|whole class chat|you lost|u lost|"
    r"falsche gruppe|falschen chat|an die ganze klasse|verloren|verlierst|"
    r"mandado al grupo|lo has mandado|lo mandaste|perdiste|te gané|te gane|"
    r"l'hai mandato|mandato a tutta|hai perso|ti ho battuto|"
    r"mandou no grupo|mandou pro grupo|mandou pra sala|perdeu|perdeste|"
    r"envoyé à toute|envoyé dans le groupe|as perdu|t'as perdu)(?![^\W\d_])"
    r"|グループに送|全員に送|負けた|发到群|发错群|输了"
)


def teasing_over_a_mishap(text: str, finding: Finding | None = None) -> bool:
    """A slip or a lost game is named in the message (within reach of ``finding`` when given), so laughter
    beside a mild jibe reads as banter."""
    if finding is None:
        return _MISHAP.search(text) is not None
    start, end = finding[2]
    return _MISHAP.search(text, max(0, start - _BANTER_REACH), end + _BANTER_REACH) is not None


# Words for the reader, in the languages written with spaces: "du bist so ein Depp", "sei proprio
# scemo", "you idiot" (a mild word said to the reader), and "slut = you" (a name-calling, not a gloss).
_YOU = (
    "you u ur you're youre ya ye yu du bist dich dir tu t'es tes es te toi ti sei seu sua você voce vc eres tú "
    "wewe we ni tum aap ты тебя sen kamu mày jij يا انت إنت أنت"
).split()
_SAID_TO_YOU = re.compile(
    r"(?i)(?<![^\W\d_])(?:" + "|".join(map(re.escape, _YOU)) + r")(?![^\W\d_])|お前|おまえ|あんた|你"
)


# A mild word that opens the message as a name for the reader: "Scemo, hai vinto di nuovo",
# "Boluda, te quiero igual", "Pinche Mateo, ...", "Ô seu bobão, kkkk": an interjection at most before
# it, and a comma, an exclamation or a capitalised name right after.
_OPENING = re.compile(r"(?i)\W*(?:(?:ô|oh|hey|ey|oye|ay|eh|ehi|yo|ai)\W+)?(?:(?:seu|sua|du|tu|you)\s+)?")
_CALLED_AFTER = re.compile(r"\s*[,!~〜、，！]|\s+[A-ZÀ-ÖØ-Þ]")


def _vocative(text: str, start: int, end: int) -> bool:
    lead = _OPENING.match(text, 0, start)
    return lead is not None and lead.end() == start and _CALLED_AFTER.match(text, end) is not None


def banter(text: str, finding: Finding, jokes: list[tuple[int, int]]) -> bool:
    """A mild jibe (bullying or a mild swear word such as "Depp", "scemo", severity 2 or less) with
    "just kidding" or "love you anyway" beside it: friends' banter."""
    category, severity, (start, end), _ = finding
    if category not in ("bullying", "profanity") or severity > 2:
        return False
    if category == "profanity" and not (
        _SAID_TO_YOU.search(text, max(0, start - 20), start)
        or _SAID_TO_YOU.match(text, start)  # the word of address inside the finding: "يا حمار", "you idiot"
        or _vocative(text, start, end)
    ):
        return False  # swearing is not a jibe: "shit jk" stays what it is
    return any(
        -_BANTER_REACH <= j_start - end <= _BANTER_REACH or -_BANTER_REACH <= start - j_end <= _BANTER_REACH
        for j_start, j_end in jokes
    )


_OPENING_QUOTES = "\"'“„«‹「『‘`＂"
_CLOSING_QUOTES = "\"'”“»›」』’`＂"


def mentioned(text: str, finding: Finding) -> bool:
    """A word quoted to talk about it, in a message about words: 'what does "bastard" mean?'.

    How far this goes: only an abusive word (not grooming, not personal data, not a slur of
    severity 4)
    that fills a pair of quotation marks on its own, in a message that also has a word about
    words (``cue_mention``: means, dictionary, swear word, the word...). A quoted insult aimed
    at someone ('you are a "bitch", look it up in the dictionary') passes too: the price of
    letting teachers and pupils discuss language; severity-4 slurs stay caught whatever the
    frame.
    """
    category, severity, (start, end), _ = finding
    if (
        category == "grooming"
        or category.startswith(("pii_", "cue_", "link"))
        or (category == "hate" and severity >= 4)
    ):
        return False
    before = text[max(0, start - 2) : start].rstrip()
    after = text[end : end + 3].lstrip(" .,!?")
    if not (after and after[0] in _CLOSING_QUOTES):
        return False
    if before and before[-1] in _OPENING_QUOTES:
        return True
    # a phrase that reaches into the quotation marks: 'la prof ha detto che "cazzo" ...' holds "che cazzo",
    # but only the quoted word is the one talked about
    inner = text[start:end]
    quote = max(inner.rfind(q) for q in _OPENING_QUOTES)
    return quote > 1 and inner[quote - 1] == " " and inner[quote + 1 :].strip() != ""


_REPORT_REACH = 15  # characters from "he called me" to the word he said: "called me for dinner, you idiot" is no report


def reported(text: str, finding: Finding, reports: list[tuple[int, int]], quoted_only: bool = False) -> bool:
    """An insult a pupil reports having been called: "Madame, Kevin m'a traité de bouffon",
    "老师，小明骂我是笨蛋", 「バカ」って言われました (``cue_report``).

    Only profanity and bullying up to severity 3, right after the report ("called me ...")
    or, in quotation marks, right before it ("「バカ」って言われた"): slurs, sexual words,
    threats and everything else stay caught, and an insult further away is not reported speech.
    ``quoted_only``: what someone said to another pupil (``cue_said``: "Leon hat zu Mert
    „du Opfer“ gesagt", 王磊叫李婷"肥猪"), read as a report only when the insult fills quotation
    marks of its own, before or after the verb: "he said you're a loser" stays an insult.
    """
    category, severity, (start, end), _ = finding
    if category not in ("profanity", "bullying") or severity > 3:
        return False
    quoted = _quoted(text, start, end)
    if quoted_only and not quoted:
        return False
    # a quoted remark is reported from where its quotation opens: the second insult of "Kyle keeps
    # messaging me "nobody wants you here, leave the chat"" is as reported as the first
    opening = _opening_quote(text, start) if quoted else None
    return any(
        (0 <= start - r_end <= _REPORT_REACH and (quoted or not quoted_only))
        or (opening is not None and 0 <= opening - r_end <= _REPORT_REACH)
        or (quoted and 0 <= r_start - end <= _REPORT_REACH)
        for r_start, r_end in reports
    )


_REPORTABLE = frozenset({"violence", "self_harm", "bullying", "hate", "profanity"})
_QUOTE_REACH = 30  # characters from "wrote" to the opening mark: "Tim schreibt Lara die ganze Zeit 'du Opfer'"


def reported_harm(text: str, finding: Finding, verbs: list[tuple[int, int]], appealed: bool) -> bool:
    """Harm a pupil quotes to an adult to ask for help: 'Miss, someone wrote "kill yourself" under my
    video, what do I do?', 'Profe, me ha escrito "te voy a reventar a la salida", me da miedo',
    「明日来たらぶっ殺す」って来ました…怖いです.

    All three must hold: the words sit inside quotation marks; the quotation opens right after a verb
    of receiving or saying ("wrote", "me ha escrito", ``cue_said``/``cue_report``) or closes right
    before one ("って来ました", ``_REPORT_REACH``); and the message turns to an adult or asks for help
    (``cue_appeal``: "Miss", "what do I do", "screenshot", "me da miedo", "先生"). Threats, self-harm,
    insults and slurs only: a grooming line, sexual words or contact details are never a report.
    The caller delivers such a message and tells the teacher (a note, never a silent pass).
    """
    category, _severity, (start, end), _ = finding
    if not appealed or category not in _REPORTABLE:
        return False
    opening = _opening_quote(text, start)
    if opening is None:
        return False
    closing = next((i for i in range(end, min(len(text), end + 25)) if _is_quote(text, i, _CLOSING_QUOTES)), None)
    if closing is None:
        return False
    return any(
        0 <= opening - v_end <= _QUOTE_REACH or 0 <= v_start - closing - 1 <= _REPORT_REACH for v_start, v_end in verbs
    )


def _quoted(text: str, start: int, end: int) -> bool:
    """The span sits in quotation marks that hold little else: a short remark quoted."""
    after = range(end, min(len(text), end + 25))
    return _opening_quote(text, start) is not None and any(_is_quote(text, i, _CLOSING_QUOTES) for i in after)


def _opening_quote(text: str, start: int) -> int | None:
    """Where the quotation holding ``start`` opens (the nearest opening mark up to 25 characters before)."""
    for i in range(start - 1, max(-1, start - 26), -1):
        if _is_quote(text, i, _OPENING_QUOTES):
            return i
    return None


def _is_quote(text: str, i: int, marks: str) -> bool:
    """A quotation mark, not an apostrophe inside a word ("you're", "t'es")."""
    if text[i] not in marks:
        return False
    return not (text[i] in "'’" and 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha())


_GLOSS = re.compile(r"\s*=\s*([^\W\d_]+)")
# a person after the "=" makes it a name-calling, not a gloss: "slut = you", "cabrón = tú"
_NOT_GLOSS = frozenset(_YOU) | frozenset(
    "him her them he she they me er sie ele ela lui lei он она o yeye dia lo nó woh hij zij han hon hän sinä sä".split()
)
_GLOSS_BEFORE = re.compile(r"(?:^|[\s(\[])$")


def glossed(text: str, finding: Finding) -> bool:
    """A swear word explained by another word: "em Portugal puto = miúdo", "bué = muito".

    Only a word of the profanity lists, written alone right before "=" and a word: an insult,
    a slur or a sexual word is not explained away, nor a word after the "=" ("you = ...").
    """
    category, _, (start, end), _ = finding
    if category != "profanity" or " " in text[start:end].strip():
        return False
    gloss = _GLOSS.match(text, end)
    return (
        gloss is not None
        and gloss.group(1).lower() not in _NOT_GLOSS
        and _GLOSS_BEFORE.search(text[max(0, start - 1) : start]) is not None
    )
