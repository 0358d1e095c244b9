"""Handles near the name of an app, in whatever words of any language stand between.

``pii_contacts`` finds a handle right after a platform's name and a separator or at most
two short words ("snap: x", "my insta is x"). Children also write "add me on fortnite my
epic is JaxTheGoat", "mujhe insta pe follow karo, id hai riya_sharma2011", "حسابي في
الانستا ahmed.k12", "我抖音号是 dy_xiaomei", "my whatsapp is the same as my snap, sk8rboi".
Read here: when a platform is named, a token shaped like a handle (digits or "_" or a dot
inside letters, camelCase, "@", "#1234") within a short stretch around the name; a plain
word after a word for user name ("username", "pseudo", "usuario", "ник", "يوزر", "ID",
"账号", "jina") with the platform named in the message; a handle with its dots spelled
("emma dot dance"). Device and game names shaped like handles ("iphone15", "xbox360",
"ps5") and famous brands in camelCase are not a child's handle.
"""

from __future__ import annotations

import re

from .pii_contacts import (
    _PLATFORM,
    _PLATFORM_QUICK,
    _WEAK,
    _handle_like,
    _may_name_platform,
    find_handles,
    marked_view,
    not_a_handle,
)

Found = tuple[str, int, tuple[int, int], str]  # category, severity, span, rule

_PLATFORM_RE = re.compile(_PLATFORM, re.IGNORECASE)
_BEFORE, _AFTER = 40, 70
# ASCII tokens: a handle is written in Latin letters in every language here.
_TOKEN = re.compile(r"(?<![\w@.#/])@?[A-Za-z0-9_][A-Za-z0-9_.\-]{1,30}(?:#\d{4})?(?![\w@/])")
_NAME_WORDS = (
    r"username|user name|user|usr|id|ign|name|nick|nickname|handle|tag|gamertag|account|acc|profile|"
    r"pseudo|usuario|nombre de usuario|cuenta|perfil|utilisateur|compte|profil|"
    r"benutzername|nutzername|konto|nome utente|utente|profilo|usu[aá]rio|conta|"
    r"ник|никнейм|ник нейм|логин|аккаунт|акк|профиль|jina|akaunti"
)
_NAME_WORD = re.compile(
    r"(?i)(?<![^\W\d_])(?:" + _NAME_WORDS + r")(?![^\W\d_])|يوزر\w*|اليوزر|حساب\w*|اسمي|"
    r"アカウント|ユーザー名|ユーザーネーム|(?<![A-Za-z])ID(?![A-Za-z])|账号|帳號|帐号|号|號"
)
_COPULA = r"(?:\s*(?:is|es|c['’]est|est|ist|é|è|e|hai|h|ni|to|это|—|-|:|=|：|是|は|هو|هي)\s*|\s+)"
_BARE_AFTER_NAME = re.compile(
    r"(?i)(?:(?<![^\W\d_])(?:"  # a whole word: "id" inside "videojuegos" or "Eid" names nothing
    + _NAME_WORDS
    + r")(?![^\W\d_])|(?<![A-Za-z])ID(?![A-Za-z])|يوزر\w*|اليوزر|حساب\w*|アカウント|账号|帐号|号)\s*(?:(?:on|en|sur|auf|no|na|su|в|на|pe|kwenye)\s+\S+\s*)?"
    + _COPULA
    + r"(@?[A-Za-z][A-Za-z0-9_.]{2,30})(?![\w@])"
)
_BARE_STOP = frozenset(
    "the a an my your his her our their is es est ist it its this that same private public new old down "
    "banned hacked deleted gone not and or on in at de la le el lo il der die das da do what whats here "
    "there below above bio link secret mine yours same hai hain ni na ya kwa wa ke ki ka to se me mera "
    "meri mujhe pe par also too just only still dead broken blocked full off better boring fun cool lit mid "
    "trash good bad great amazing awesome empty closed open locked fake real different funny boring active "
    "inactive back".split()
)
# A weak name ("wa", "line", "steam") counts after a word that makes it an account: "on steam", "my line".
_OWNER_BEFORE = re.compile(
    r"(?i)(?:^|\s)(?:my|on|in|at|en|sur|auf|no|na|pe|par|kwenye|mi|mon|ma|mein|meine|meu|minha|mio|mia|"
    r"мой|моя|в|على|في|ال)\s*$"
)
# ... or a word after it that makes it one: "LINEのID", "LINE ID", "steam账号"
_OWNER_AFTER = re.compile(r"\s?(?:の|ID(?![A-Za-z])|ＩＤ|アカウント|账号|帳號|帐号)")
# "my steam is frostbyte, add me": a plain word after "my <platform> is", ending the clause
_MY_PLATFORM_IS = re.compile(
    r"(?i)(?<![^\W\d_])(?:my|mi|mon|ma|mein|meine|meu|minha|il mio|la mia)\s+(" + _PLATFORM + r")\s+"
    r"(?:is|es|c['’]est|est|ist|é|è|=|:)\s+([A-Za-z][A-Za-z0-9_.]{2,30})"
    r"(?=\s*(?:[,.!?;]|$|\s+(?:add|follow|dm|text|msg|pls|plz|agr[ée]game|ajoute|adde|segue|seguimi)))"
)
# "emma dot dance" after a platform's name; only the English word: "punto", "Punkt", "точка"
# are everyday words ("a punto de", "Punkt 8 Uhr")
_SPELLED_DOT = re.compile(r"(?i)(?<![\w@])[a-z0-9_]{2,20}(?:\s+dot\s+[a-z0-9_]{2,20})+(?![\w@])")
_DOT_WORDS = ("dot",)
_TLD_END = re.compile(r"(?i)\s(?:dot|punto|point|punkt|ponto|точка)\s+(?:com|net|org|co|uk|de|fr|es|ru|jp|in)$")


def find_handles_near(text: str) -> list[Found]:
    """Handle-shaped tokens near a platform's name; plain names after a user-name word; the same with
    "underscore" or "(dot)" spelled out inside the handle ("kik? ghost boy underscore mk")."""
    found = _near(text)
    spaced = _spaced_joined(text)  # "discord niko kama b r i a n . k e", "ディスコは k e n t a _ 2 2 で探して"
    if spaced is not None:
        view, index = spaced
        more = [(c, s, (index[a], index[b - 1] + 1), r) for c, s, (a, b), r in _near(view)]
        found += [f for f in more if all(f[2] != g[2] for g in found)]
    spelled = _spelled_marks(text)
    if spelled is not None:
        view, index = spelled
        more = find_handles(view) + _near(view)
        found += [(c, s, (index[a], index[b - 1] + 1), r) for c, s, (a, b), r in more]
    return found


# "underscore", "(dot)" written as words between the pieces of a handle: read as "_" and "."
_UNDERSCORE_WORDS = (
    r"underscore|under score|guion bajo|guión bajo|tiret du bas|tiret bas|unterstrich|trattino basso|"
    r"подчеркивание|подчёркивание|شرطة سفلية"
)
_SPELLED_MARK = re.compile(
    r"(?i)(?<=[^\W_])\s*(?:[(\[]\s*(?P<u1>" + _UNDERSCORE_WORDS + r")\s*[)\]]|\s(?P<u2>" + _UNDERSCORE_WORDS + r")\s|"
    r"\s*(?P<u3>アンダーバー|アンダースコア|अंडरस्कोर|اندرسكور|أندرسكور|下划线|下劃線)\s*|[(\[]\s*(?P<dot>dot)\s*[)\]])"
    r"\s*(?=[^\W_])"
)
_SPELLED_QUICK = re.compile(
    r"(?i)underscore|under score|guion bajo|guión bajo|tiret|unterstrich|trattino|подч|"
    r"شرطة سفلية|アンダー|अंडरस्कोर|ندرسكور|下划线|下劃線|[(\[]\s*dot\s*[)\]]"
)


# a handle typed one character at a time, single spaces between: five characters or more, with a digit, "_" or "."
# among them ("b r i a n . k e"), or letters only right after an app's name ("my snap is m i l a r o s e"); what the
# joined run reads as must still look like a handle ("discord is sooo b o r i n g" is a word)
_SPACED_RUN = re.compile(r"(?<![^\s])[A-Za-z0-9._](?: [A-Za-z0-9._]){4,}(?![^\s])")


def _spaced_joined(text: str) -> tuple[str, list[int]] | None:
    """The text with each run of characters typed apart joined, and for each view position the text position."""
    runs = [
        m
        for m in _SPACED_RUN.finditer(text)
        if any(c.isdigit() or c in "._" for c in m.group())
        or _PLATFORM_RE.search(text, max(0, m.start() - 24), m.start())
    ]
    if not runs:
        return None
    out: list[str] = []
    index: list[int] = []
    last = 0
    for m in runs:
        out.append(text[last : m.start()])
        index.extend(range(last, m.start()))
        out.append(m.group().replace(" ", ""))
        index.extend(i for i in range(m.start(), m.end()) if text[i] != " ")
        last = m.end()
    out.append(text[last:])
    index.extend(range(last, len(text)))
    return "".join(out), index


def _spelled_marks(text: str) -> tuple[str, list[int]] | None:
    """The text with spelled underscores and bracketed dots made marks, with each view position's origin."""
    if not _SPELLED_QUICK.search(text):
        return None
    matches = list(_SPELLED_MARK.finditer(text))
    if not matches:
        return None
    return marked_view(text, matches, lambda m: ("." if m.group("dot") else "_", m.start()))


def _near(text: str) -> list[Found]:
    found: list[Found] = []
    if not _may_name_platform(text) or not _PLATFORM_QUICK.search(text.lower()):
        return found
    platforms = list(_PLATFORM_RE.finditer(text))
    if not platforms:
        return found
    names = {p.group().lower() for p in platforms}
    for p in platforms:
        if (
            p.group().lower() in _WEAK
            and not _OWNER_BEFORE.search(text, max(0, p.start() - 12), p.start())
            and not _OWNER_AFTER.match(text, p.end())
        ):
            continue
        lo, hi = max(0, p.start() - _BEFORE), min(len(text), p.end() + _AFTER)
        for t in _TOKEN.finditer(text, lo, hi):
            token = t.group()
            if token.lower().lstrip("@") in names or not_a_handle(token):
                continue
            if token.startswith("@") and len(token) >= 4 or _handle_like(token.rstrip(".-")):
                found.append(("pii_handle", 2, (min(p.start(), t.start()), max(p.end(), t.end())), "pii:handle_near"))
    if _NAME_WORD.search(text):
        for m in _BARE_AFTER_NAME.finditer(text):
            token = m.group(1).rstrip(".")
            if token.lower() in _BARE_STOP or token.lower() in names or not_a_handle(token):
                continue
            found.append(("pii_handle", 2, m.span(1), "pii:handle_named"))
    for m in _MY_PLATFORM_IS.finditer(text):
        token = m.group(2).rstrip(".")
        if token.lower() not in _BARE_STOP and token.lower() not in names and not not_a_handle(token):
            found.append(("pii_handle", 2, m.span(), "pii:handle_named"))
    lower = text.lower()
    if any(w in lower for w in _DOT_WORDS):
        for m in _SPELLED_DOT.finditer(text):
            if _TLD_END.search(m.group()) or not any(0 <= m.start() - p.end() <= _BEFORE for p in platforms):
                continue  # "x dot com": an e-mail or a link, found elsewhere
            found.append(("pii_handle", 2, m.span(), "pii:handle_spelled_dot"))
    return found
