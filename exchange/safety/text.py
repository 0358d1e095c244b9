"""``check_text``: the one verdict on a chat message, name or bio.

A message is folded once (``normalize``), then matched against the multilingual
lexicon in several views of the fold: as written, with separators inside words removed
("f.u.c.k"), with runs of single letters joined ("f u c k", and in place inside a sentence: "te voy a m a t a r"), and with masked letters
("f*ck"). Personal data, links and grooming combinations are added, each reason is
mapped to an action for the sender's audience (``audience``), and the strictest wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from . import intent
from .allow_scope import inside
from .audience import action_for, check_audience, strictest
from .compiled import hand_back_freed_memory
from .context import explained_away, pattern_cues, sibling_is_the_target
from .disguised import disguised_words
from .generalised import slighted_groups
from .generalised import warm_up as _warm_groups
from .hanzi import simplified_view
from .hanzi import warm_up as _warm_hanzi
from .lexicon import Entry, Hit, Lexicon, expand, lexicon_for
from .links import DEFAULT_LINK_DOMAINS, find_link_reasons
from .model import ADULT_CATEGORIES, ADULT_FLOOR
from .model import loaded as loaded_model
from .normalize import Folded, fold_plain, joined_view, squeezed_views
from .pii import find_pii, regions_for, spelled_phone_spans
from .pii_gates import HAS_DIGIT
from .spaced import spaced_view
from .self_talk import professional_talk
from .speech import banter, glossed, mentioned, negated, reported, reported_harm, teasing_over_a_mishap
from .verdict import REPORTED, Reason, SafetyPolicy, Verdict, reports_harm

Finding = tuple[str, int, tuple[int, int], str]  # category, severity, original span, rule
_BLADE = re.compile("[🔪🗡]")
_JOKING = frozenset({"cue_joke", "cue_fond"})  # "just kidding", a heart: a mild jibe beside one is banter

_MASKED = re.compile(r"(?<![\w*#%])[^\W\d_][\w*#%]*+")  # a word that may hold masks
_MASK_CHAR = re.compile(r"[*#%]")
_CLAUSE_END = re.compile(r"[.!?\n;]")
_MASK = "*"


def check_text(
    text: str, audience: str = "teen", languages: str | Iterable[str] | None = None, policy: SafetyPolicy | None = None
) -> Verdict:
    """Decide whether a text may be shown, for a sender in the given audience.

    ``languages`` (codes such as "en", "sw") narrow the lexicons to the room's languages
    (English is always checked) and suggest phone regions; None checks every language.
    ``policy`` adds a deployment's own allowed words, denied phrases and link domains, and
    may turn the trained second opinion on or off (``second_opinion``; by default the deployment's
    EXCHANGE_SAFETY_MODEL, off unless set).
    """
    check_audience(audience)
    if not text or text.isspace():
        return Verdict("allow", (), text)
    langs = _language_set(languages)
    folded = Folded(text)
    extra = _policy_lexicon(policy) if policy and (policy.deny_entries or policy.allow_words) else None

    findings, cues, digit_words = _lexicon_findings(folded, lexicon_for(langs), extra)
    combos = intent.combine(cues + [("grooming", f[2]) for f in findings if f[0] == "grooming"])
    combos = [c for c in combos if not (c[3] == "combo:ally+harm" and sibling_is_the_target(folded.original, c[2]))]
    findings += explained_away(combos, cues, folded.original)
    street = any(kind == "cue_street" for kind, _ in cues)
    findings += find_pii(folded, regions_for(langs), street)
    for start, end in spelled_phone_spans(folded.skeleton, digit_words):
        findings.append(("pii_phone", 3, folded.origin_span(start, end), "pii:phone_spelled"))
    findings += disguised_words(folded)  # "b.o.m.b", "k1ll", "st*bbed": hiding the word is the signal
    if audience == "adult" and findings and professional_talk(folded.original):  # a police officer's talk on knives
        findings = [f for f in findings if not (f[0] == "violence" and f[1] <= 3)]
    domains = DEFAULT_LINK_DOMAINS | policy.link_domains if policy else DEFAULT_LINK_DOMAINS
    findings += [
        (c, sev, folded.visible_span(*span), rule) for c, sev, span, rule in find_link_reasons(folded.visible, domains)
    ]
    if not findings:
        second = _second_opinion(folded, audience, policy)
        return Verdict("hold", (second,), text) if second else Verdict("allow", (), text)

    pii_spans = [f[2] for f in findings if f[0].startswith("pii_")]
    findings = [
        f
        for f in findings  # "john at gmail dot com" is an e-mail, not also a link
        if f[0] != "link" or not any(s <= f[2][0] and f[2][1] <= e for s, e in pii_spans)
    ]
    verbs = [span for kind, span in cues if kind in ("cue_said", "cue_report")]
    appealed = any(kind == "cue_appeal" for kind, _ in cues)
    reasons = tuple(
        Reason(category, severity, span, f"{REPORTED}{rule}", "allow")
        if verbs and reported_harm(folded.original, (category, severity, span, rule), verbs, appealed)
        else Reason(category, severity, span, rule, action_for(category, severity, audience))
        for category, severity, span, rule in _merge(findings)
    )
    action = strictest(r.action for r in reasons)
    if action == "block":
        return Verdict(action, reasons, "")
    if action != "hold" and not reports_harm(reasons):  # the rules read it as a report: no second opinion
        second = _second_opinion(folded, audience, policy)
        if second:
            reasons, action = (*reasons, second), "hold"
    return Verdict(action, reasons, _redact(text, reasons))


_MODEL_ON = [False]  # the deployment's setting (use_model), for policies that do not say
_MODEL_FLOOR: list[float | None] = [None]  # the deployment's lowest probability for a hold (None: the export's cuts)


def use_model(on: bool, floor: float | None = None) -> None:
    """Turn the trained second opinion on or off where the caller's policy does not say (the app
    does this from EXCHANGE_SAFETY_MODEL at start-up, for every path that checks text); ``floor``
    (EXCHANGE_SAFETY_MODEL_FLOOR) raises every cut of the export to at least that probability."""
    _MODEL_ON[0] = bool(on)
    _MODEL_FLOOR[0] = floor


def _second_opinion(folded: Folded, audience: str, policy: SafetyPolicy | None) -> Reason | None:
    """A hold for a human when the trained model is confident the rules missed something.

    Asked only when the rules would let the message through (allow or redact), so it adds a
    moderator's look and never blocks or masks; an adult's message is held for grooming,
    self-harm or violence only (an adult's swearing is the rules' business).
    """
    chosen = policy.second_opinion if policy is not None else None
    if not (_MODEL_ON[0] if chosen is None else chosen):
        return None
    model = loaded_model()
    opinion = model.opinion(folded.skeleton) if model else None
    if opinion is None or not opinion.held:
        return None
    floor = _MODEL_FLOOR[0]
    if floor is not None and opinion.probability < floor:
        return None
    if audience == "adult" and (opinion.category not in ADULT_CATEGORIES or opinion.probability < ADULT_FLOOR):
        return None
    return Reason(opinion.category, 2, (0, len(folded.original)), f"model:{opinion.category}", "hold")


def warm_up(languages: str | Iterable[str] | None = None) -> None:
    """Compile the lexicons for some room languages before the first message needs them.

    Compiling takes about a second (longer for the matcher of letters typed one by one,
    which is otherwise compiled on first use), and so does reading the trained second opinion
    when the deployment has it on; a server calls this at start-up.
    """
    lexicon_for(_language_set(languages)).relaxed_hits("warm up")
    if _MODEL_ON[0]:  # the trained second opinion, read once (about a second): not on a pupil's first message
        loaded_model()
    _warm_groups()  # identity terms of every language, for "a group run down" (generalised.py)
    _warm_hanzi()  # OpenCC's traditional-to-simplified table
    hand_back_freed_memory()


def _language_set(languages: str | Iterable[str] | None) -> frozenset[str] | None:
    if not languages:
        return None
    if isinstance(languages, str):
        languages = [languages]
    return frozenset(lang.split("-")[0].split("_")[0].lower() for lang in languages)


def _number_read_as_letter(plain: str, match: tuple[Entry, int, int]) -> bool:
    """A one-word entry matched across a number standing alone: a time or a count, not a letter
    ("às 5 e meia" is no "ass"; a lone digit is read as a letter only for phrases, "send me 4 pic").
    Words typed letter by letter ("k 1 l l") are read by the squeezed views, after this."""
    entry, start, end = match
    if " " in entry.folded or entry.category.startswith(("cue_", "pii_")):
        return False
    return any(token.isdigit() for token in plain[start:end].split()) and " " in plain[start:end].strip()


def _digits_alone(plain: str, match: tuple[Entry, int, int]) -> bool:
    """A word matched on digits alone: "第58页" is page 58, not "sb" (5 and 8 read as s and b).
    Leetspeak needs a letter among its digits ("5h1t"); entries written with digits match as written."""
    entry, start, end = match
    found = plain[start:end]
    if entry.category == "cue_laugh" and not any(c.isdigit() for c in found):
        return False  # "12 Punkte 🤣": laughter is never a number read as letters, whatever stands beside it
    if not any(c.isdigit() for c in found) and (not entry.category.startswith("cue_") or _BLADE.search(found)):
        # an emoji finding ("🔪🔪", "🍑🍆") has no letter either: it counts beside a number ("🔪🔪 at 7"), and so
        # does a blade's picture, whose time is what makes it a threat ("🔪 demain 8h"). Other emoji cues do
        # not: a class collecting "2 € each" for a teacher's present 🤫 is no secret kept, "🔫💦 at 4" a water fight
        return False
    return not any(c.isalpha() for c in found) and not any(c.isdigit() for c in entry.folded)


def _lexicon_findings(
    folded: Folded, lexicon: Lexicon, extra: Lexicon | None
) -> tuple[list[Finding], list[intent.Cue], list[tuple[int, int]]]:
    """Lexicon matches in every view, mapped back to the original text."""
    findings: list[Finding] = []
    cues: list[intent.Cue] = []
    digit_words: set[tuple[int, int]] = set()
    skeleton = folded.skeleton

    views: list[tuple[str, list[int] | None]] = [(skeleton, None)]
    unmasked = _unmasked_view(skeleton, lexicon, extra)
    if unmasked:
        views.append((unmasked, None))  # same length as the skeleton: no index needed
    simplified = simplified_view(skeleton)  # "你這個肥豬": traditional characters, one for one
    if simplified:
        views.append((simplified, None))
    joined = joined_view(skeleton)
    if joined:
        views.append(joined)
    spaced = spaced_view(skeleton)  # "te voy a m a t a r": runs of letters joined in the sentence
    if spaced:
        views.append(spaced)

    matched: list[tuple[Entry, int, int]] = []
    for view, index in views:
        matched.extend(_to_skeleton(_view_hits(view, lexicon, extra), index))
    matched.extend(_digit_spelled(folded, lexicon, extra))
    # a word typed in two pieces ("fu ck", "f-u c~k"): on the joined view when there is one
    split_view, split_index = joined if joined else (skeleton, None)
    if " " in split_view:
        hits = lexicon.split_hits(split_view)
        if extra is not None:
            hits = extra.drop_allowed(split_view, hits)
        matched.extend(_to_skeleton(hits, split_index))
    if matched and HAS_DIGIT.search(folded.plain):
        apart, plain = " " in skeleton, folded.plain
        matched = [m for m in matched if not (apart and _number_read_as_letter(plain, m) or _digits_alone(plain, m))]
    for view, index in squeezed_views(folded.plain):
        # letters of a run were typed one by one: match inside the run, but a short
        # match only when it is the whole run ("c l a s s" does not hold "ass"), give or
        # take one-letter words around it ("you are a f a g": the run is "afag"). The
        # built-in allowed words do not apply: nobody spells "shiitake" letter by letter,
        # and "k k k" is the Klan where "kkkk" is laughter.
        hits = lexicon.relaxed_hits(view, allow=False) + (extra.relaxed_hits(view) if extra else [])
        if extra is not None:
            hits = extra.drop_allowed(view, hits)
        hits = [h for h in hits if h.end - h.start >= 5 or _whole_run(view, h.start, h.end)]
        matched.extend(_to_skeleton(hits, index))

    exact = lexicon.exact_allow  # allowed phrases that count only as spelled ("jøder", not "joder")
    exact_spans = [m.span() for m in exact.finditer(folded.original)] if exact is not None and matched else []
    for entry, start, end in matched:
        category = entry.category
        if category == "cue_digit":
            digit_words.add((start, end))
            continue
        span = folded.origin_span(start, end)
        if exact_spans and inside(exact_spans, span):
            continue
        if category.startswith("cue_"):
            cues.append((category, span))
        elif category.startswith("pii_"):
            findings.append((category, entry.severity, _to_clause_end(folded.original, span), entry.rule))
        else:
            findings.append((category, entry.severity, span, entry.rule))
    cues += pattern_cues(folded.original)
    slights = [span for kind, span in cues if kind == "cue_derog" and not negated(folded.original, span)]
    if slights and not any(kind in ("cue_counter", "cue_mention") for kind, _ in cues):
        findings += slighted_groups(folded, slights)  # "deaf people are so annoying"
    if findings and any(kind == "cue_mention" for kind, _ in cues):
        findings = [f for f in findings if not mentioned(folded.original, f)]
    if findings and "=" in folded.original:
        findings = [f for f in findings if not glossed(folded.original, f)]
    reports = [span for kind, span in cues if kind == "cue_report"]
    if findings and reports:
        findings = [f for f in findings if not reported(folded.original, f, reports)]
    said = [span for kind, span in cues if kind == "cue_said"]
    if findings and said:
        findings = [f for f in findings if not reported(folded.original, f, said, quoted_only=True)]
    jokes = [span for kind, span in cues if kind in _JOKING and not negated(folded.original, span)]
    laughs = [span for kind, span in cues if kind == "cue_laugh"]
    if findings and laughs and teasing_over_a_mishap(folded.original):  # a slip laughed at, near the jibe
        original = folded.original
        findings = [f for f in findings if not (teasing_over_a_mishap(original, f) and banter(original, f, laughs))]
    if findings and jokes:
        findings = [f for f in findings if not banter(folded.original, f, jokes)]
    findings = explained_away(findings, cues, folded.original)
    return findings, cues, sorted(digit_words)


_ONE_LETTER_WORDS = frozenset("aiouyer")  # a, I, o, u (you), y, e (and), r (are)


def _whole_run(view: str, start: int, end: int) -> bool:
    """A match that is the whole run of single letters, but for one-letter words around it."""
    outside = view[:start] + view[end:]
    return len(outside) <= 3 and all(c in _ONE_LETTER_WORDS for c in outside)


def _digit_spelled(folded: Folded, lexicon: Lexicon, extra: Lexicon | None) -> list[tuple[Entry, int, int]]:
    """Entries written with digits, as Arabizi is ("a7a", "3ars", "9a7ba"): the skeleton reads 3 and
    7 as leetspeak letters ("ears"), so such an entry is looked for in the fold without that
    reading, and only a match that holds a digit counts (the others the skeleton found already)."""
    plain = folded.plain
    if plain == folded.skeleton or len(plain) != len(folded.skeleton):
        return []
    hits = _view_hits(plain, lexicon, extra)
    return [(h.entry, h.start, h.end) for h in hits if any(c.isdigit() for c in plain[h.start : h.end])]


def _view_hits(view: str, lexicon: Lexicon, extra: Lexicon | None) -> list[Hit]:
    """The lexicon's matches in one view, with a deployment's own entries and allowed words."""
    hits = lexicon.hits(view)
    return extra.drop_allowed(view, hits + extra.hits(view)) if extra is not None else hits


def _to_skeleton(hits: Iterable[Hit], index: list[int] | None) -> Iterator[tuple[Entry, int, int]]:
    """(entry, start, end) in skeleton coordinates for hits found in a view."""
    for hit in hits:
        if index is None:
            yield hit.entry, hit.start, hit.end
        else:
            yield hit.entry, index[hit.start], index[hit.end - 1] + 1


def _unmasked_view(skeleton: str, lexicon: Lexicon, extra: Lexicon | None) -> str | None:
    """The skeleton with masked words filled in ("f*ck" -> "fuck"), or None."""
    if "*" not in skeleton and "#" not in skeleton and "%" not in skeleton:
        return None
    changed = False

    def fill(m: re.Match[str]) -> str:
        nonlocal changed
        token = m.group()
        if len(token) > 40 or not _MASK_CHAR.search(token) or sum(c.isalpha() for c in token) < 2:
            return token
        word = (extra.unmask(token) if extra else None) or lexicon.unmask(token)
        if word is None:
            return token
        changed = True
        return word

    view = _MASKED.sub(fill, skeleton)
    return view if changed else None


def _to_clause_end(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Move "my address is ..." onto what follows it, up to the end of the clause."""
    start, end = span
    stop = _CLAUSE_END.search(text, end + 1)
    stop_at = min(stop.start() if stop else len(text), end + 80)
    while end < stop_at and text[end] in " :：=-":
        end += 1
    return (end, stop_at) if stop_at > end else span


def _merge(findings: list[Finding]) -> list[Finding]:
    """One reason per category and overlapping span, with the highest severity."""
    merged: list[Finding] = []
    for category, severity, (start, end), rule in sorted(findings, key=lambda f: (f[0], f[2])):
        if merged and merged[-1][0] == category and start < merged[-1][2][1]:
            _, sev, (s, e), r = merged[-1]
            merged[-1] = (category, max(sev, severity), (s, max(e, end)), r if sev >= severity else rule)
        else:
            merged.append((category, severity, (start, end), rule))
    return sorted(merged, key=lambda f: (f[2], f[0]))


def _redact(text: str, reasons: tuple[Reason, ...]) -> str:
    """Mask redacted spans; personal data stays masked in a held message too."""
    spans = sorted(
        r.span for r in reasons if r.action == "redact" or (r.category.startswith("pii_") and r.action == "hold")
    )
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for start, end in spans:
        start = max(start, last)
        if end <= start:
            continue
        out.append(text[last:start])
        out.append(_MASK * (end - start))
        last = end
    out.append(text[last:])
    return "".join(out)


@lru_cache(maxsize=64)
def _policy_lexicon(policy: SafetyPolicy) -> Lexicon:
    """A deployment's own deny entries and allowed words, compiled once per policy."""
    entries = []
    for i, (phrase, category, severity) in enumerate(policy.deny_entries):
        for spelled in expand(phrase):
            folded = " ".join(fold_plain(spelled.rstrip("*")).split())
            if folded:
                entries.append(
                    Entry(category, min(max(int(severity), 1), 4), f"policy:{i}", folded, spelled.endswith("*"))
                )
    return Lexicon(entries, [fold_plain(w) for w in policy.allow_words])
