"""The compiled shape of the lexicon: phrase rules kept whole behave like their spellings.

A rule with many spellings is compiled as regex alternatives (``lexicon_rules``) instead of
being spelled out; these tests hold it to what the spelled-out entries did: the same
matches, the same entry looked up, the same words for masked spellings.
"""

from __future__ import annotations

import pytest

from exchange.safety.lexicon import Entry, Lexicon, expand, match_key
from exchange.safety.lexicon_files import _parse_language
from exchange.safety.lexicon_rules import COMPACT_FROM, compact
from exchange.safety.normalize import Folded, fold_plain

RULES = [
    "(don't|dont|do not|never) tell (your |ur )?(parents|mom|mum|dad|teacher|anyone)",
    "(you're|youre|you are|ur|u r) (so |really )?(stupid|dumb|fat and ugly|a loser)",
    "send (me )?(nudes|naked (pics|photos)|a pic)( now| pls)?",
    "(i('ll| will)|i can) (give|send|buy) (you|u) (robux|v-bucks|a gift card)",
    "no (se lo |le |les )?(digas|cuentes) (nada )?a (nadie|tus padres)",
]


def _spelled(phrase: str) -> list[str]:
    return [" ".join(fold_plain(s).split()) for s in expand(phrase)]


@pytest.mark.parametrize("phrase", RULES)
def test_a_rule_with_many_spellings_is_kept_whole(phrase):
    assert len(expand(phrase)) >= COMPACT_FROM
    assert compact(phrase) is not None


@pytest.mark.parametrize(
    "phrase",
    ["fuck*", "(fuck|shit)(ing|er|ers|ed|head|face|s)", "{group} (are|r) (all )?(rats|vermin|pigs|dogs)", "a|b"],
)
def test_prefixes_templates_and_one_word_spellings_are_spelled_out(phrase):
    assert compact(phrase) is None


@pytest.mark.parametrize("phrase", RULES)
def test_every_spelling_matches_and_is_looked_up_as_the_rule(phrase):
    whole = compact(phrase)
    assert whole is not None
    rule, first = whole
    lexicon = Lexicon([Entry("grooming", 4, "test:1", first, compact=rule)])
    for spelling in _spelled(phrase):
        for text in (spelling, f"hey {spelling}!", spelling.replace(" ", "  ").upper()):
            hits = lexicon.hits(Folded(text).skeleton)
            # every hit is the rule (a shorter spelling inside a longer one is a hit too: overlap.py)
            assert hits and {h.entry.rule for h in hits} == {"test:1"}, (phrase, text)
        assert rule.has_key(match_key(spelling))
        assert fold_plain(spelling).split()[0] in {w for w in rule.words}


@pytest.mark.parametrize("phrase", RULES)
def test_the_whole_rule_matches_what_its_spellings_match(phrase):
    whole = compact(phrase)
    assert whole is not None
    kept = Lexicon([Entry("bullying", 2, "test:1", whole[1], compact=whole[0])])
    spelled = Lexicon([Entry("bullying", 2, "test:1", s) for s in _spelled(phrase)])
    texts = [f"ok {s} ok" for s in _spelled(phrase)] + [
        "you are so nice",
        "tell your parents about the trip",
        "send me the homework",
        "no se lo digas",
        "i'll give you a hand",
        "dont tell",
    ]
    for text in texts:
        view = Folded(text).skeleton
        assert [(h.start, h.end) for h in kept.hits(view)] == [(h.start, h.end) for h in spelled.hits(view)], text


def test_the_words_of_a_rule_are_the_words_of_its_spellings():
    phrase = RULES[3]
    whole = compact(phrase)
    assert whole is not None
    assert set(whole[0].words) == {w for s in _spelled(phrase) for w in s.split()}


def test_a_key_that_is_no_spelling_is_not_the_rule():
    whole = compact(RULES[0])
    assert whole is not None
    rule = whole[0]

    def key(text: str) -> str:
        return match_key(fold_plain(text))

    assert rule.has_key(key("dont tell ur mum"))
    assert rule.has_key(key("donnt telll anyone"))  # stretched letters share the key
    assert not rule.has_key(key("dont tell"))
    assert not rule.has_key(key("dont tell your friend"))


# Hate templates with many spellings: the group in the middle ("why do they let {group} in") is
# one more group of the language's identity terms, the words after a leading group a rule of
# their own. Both were spelled out before (one English rule made 162,000 phrases); they must
# find what the spelled-out phrases found, where they found it.
IDENTITY = "(martians|venusians|plutonians|people from saturn)"
TEMPLATES = [
    "(why do|why does|why) (they|we|the school) (let|allow) (so many |all these )?{group} (in|come|here)",
    "{group} (are|r) (all )?(rats|vermin|pests|germs)",
]


def _template_lexicons(template: str) -> tuple[tuple[Entry, ...], Lexicon, Lexicon, list[str]]:
    entries, _, identity = _parse_language([("t:1", IDENTITY, "identity", 0), ("t:2", template, "hate", 3)])
    groups = [" ".join(fold_plain(t).split()) for t in identity]
    spelled: list[Entry] = []
    for s in expand(template):
        if s.startswith("{group}"):
            spelled.append(Entry("hate", 3, "t:2", " ".join(fold_plain(s[len("{group}") :]).split()), template="tail"))
        else:
            spelled += [Entry("hate", 3, "t:2", " ".join(fold_plain(s.replace("{group}", g)).split())) for g in groups]
    return entries, Lexicon(entries, (), groups), Lexicon(spelled, (), groups), list(identity)


@pytest.mark.parametrize("template", TEMPLATES)
def test_a_hate_template_with_many_spellings_is_kept_whole(template):
    entries, _, _, _ = _template_lexicons(template)
    assert len(entries) == 1 and entries[0].compact is not None


@pytest.mark.parametrize(
    ("template", "found_in"),
    [
        (TEMPLATES[0], ["why do we let so many people from saturn in?? lol"]),
        (TEMPLATES[1], ["venusians are all rats, honestly", "martians r  pests"]),
    ],
)
def test_a_template_kept_whole_finds_what_its_spellings_found(template, found_in):
    _, kept, spelled, identity = _template_lexicons(template)
    texts = [f"so {s.replace('{group}', g)}!" for s in expand(template) for g in identity]
    texts += [
        *found_in,
        "why do they let martians",  # the words after the group missing
        "venusians are great",
        "why do they let earthlings in",  # no identity term
        "rats are martians",
    ]
    for text in texts:
        view = Folded(text).skeleton
        found = [(h.start, h.end, h.entry.rule) for h in kept.hits(view)]
        assert found == [(h.start, h.end, h.entry.rule) for h in spelled.hits(view)], text
        assert bool(found) == (text.startswith("so ") or text in found_in), (text, found)
