"""Find links in a message and decide which domains may become clickable.

Only an allowlist of educational domains (plus the deployment's own) is trusted. Domains
are compared exactly, without folding, so a look-alike such as "wikipediа.org" with a
Cyrillic "а" is not mistaken for the real one. Invite and profile links of chat and
social apps are personal data (they move a conversation off the platform); map links
give away a location; URL shorteners hide where they lead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_LINK_DOMAINS = frozenset(
    {
        "wikipedia.org",
        "wikimedia.org",
        "wiktionary.org",
        "wikidata.org",
        "khanacademy.org",
        "britannica.com",
        "nationalgeographic.com",
        "kids.nationalgeographic.com",
        "nasa.gov",
        "esa.int",
        "unesco.org",
        "un.org",
        "unicef.org",
        "who.int",
        "gutenberg.org",
        "scratch.mit.edu",
        "code.org",
        "openstreetmap.org",
        "ck12.org",
        "desmos.com",
        "geogebra.org",
        "duolingo.com",
        "bbc.co.uk",
        "smithsonianmag.com",
        "si.edu",
    }
)

# Hosts whose links carry a contact: group invites and personal profiles.
INVITE_HOSTS = frozenset(
    {
        "discord.gg",
        "discord.com",
        "discordapp.com",
        "t.me",
        "telegram.me",
        "telegram.dog",
        "chat.whatsapp.com",
        "wa.me",
        "whatsapp.com",
        "snapchat.com",
        "instagram.com",
        "instagr.am",
        "tiktok.com",
        "vm.tiktok.com",
        "kik.me",
        "m.me",
        "messenger.com",
        "line.me",
        "signal.group",
        "signal.me",
        "join.skype.com",
        "facebook.com",
        "fb.com",
        "fb.me",
        "twitter.com",
        "x.com",
        "threads.net",
        "bsky.app",
        "roblox.com",
        "steamcommunity.com",
        "twitch.tv",
        "weixin.qq.com",
        "u.wechat.com",
        "vk.com",
        "ok.ru",
    }
)
MAP_HOSTS = frozenset(
    {
        "maps.google.com",
        "maps.app.goo.gl",
        "maps.apple.com",
        "what3words.com",
        "w3w.co",
        "waze.com",
        "2gis.ru",
        "map.baidu.com",
        "amap.com",
    }
)
SHORTENER_HOSTS = frozenset(
    {
        "bit.ly",
        "tinyurl.com",
        "t.co",
        "goo.gl",
        "ow.ly",
        "is.gd",
        "buff.ly",
        "cutt.ly",
        "rebrand.ly",
        "shorturl.at",
        "tiny.cc",
        "rb.gy",
        "s.id",
        "v.gd",
        "t.ly",
        "bitly.com",
    }
)

# Bare domains ("coolsite.com") are only recognised with these endings; endings that
# are also common words ("it", "in", "me", "to") need a scheme, "www." or a path.
_BARE_TLDS = (
    "com|org|net|edu|gov|io|gg|co|info|biz|xyz|tv|ly|app|dev|site|online|club|"
    "live|ru|cn|jp|de|fr|es|br|mx|uk|ke|tz|ng|za|ar|nl|pl|top|shop|store|fun|int|"
    "co\\.uk|com\\.br|co\\.id|co\\.jp|co\\.ke|com\\.mx|com\\.ar"
)
_WORDY_TLDS = "me|in|it|to|id|is|at|be|us|am|so|do|go|my|ai|gl|am|la|ws|cc|ma"

_KNOWN_HOSTS = "|".join(
    sorted((re.escape(h) for h in INVITE_HOSTS | SHORTENER_HOSTS | MAP_HOSTS), key=len, reverse=True)
)
URL = re.compile(
    r"(?i)(?<![\w@.])(?:"
    r"(?:https?://|www\.)[^\s<>\"'`]+"
    rf"|(?:{_KNOWN_HOSTS})/[^\s<>\"'`]+"
    rf"|(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{_BARE_TLDS})\b(?:[/?#][^\s<>\"'`]*)?"
    rf"|(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?:{_WORDY_TLDS})/[^\s<>\"'`]+"
    r")"
)
_TRAILING = ".,;:!?)]}'\""
# Cheap test run first: a dot between a letter or digit and two letters, or "://".
# Starting with a literal lets the regex engine skip ahead to dots and colons.
_LINKISH = re.compile(r"\.(?<=[^\W_]\.)[^\W\d_]{2}|:(?=//)")
_WHAT3WORDS = re.compile(r"///[^\W\d_]+\.[^\W\d_]+\.[^\W\d_]+")


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    url: str
    host: str
    path: str


_HOST = re.compile(r"[a-z0-9-]+(?:\.[a-z0-9-]+)*")


def host_of(url: str) -> tuple[str, str]:
    """Split a URL into its lower-case host (without "www.") and the rest.

    Read the way browsers do: a backslash ends the host like a slash, and user info
    before "@" is dropped, so "https://evil.example\\@wikipedia.org" is evil.example. A
    host with any other character (a look-alike letter, say) comes back empty: unknown.
    """
    rest = re.sub(r"(?i)^\s*[a-z][a-z0-9+.-]*:[/\\]*", "", url)
    cut = re.search(r"[/?#\\]", rest)
    host, path = (rest[: cut.start()], rest[cut.start() :]) if cut else (rest, "")
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    return (host if _HOST.fullmatch(host) else ""), path


# Zones whose registries give names to schools only (not universities, whose hosts also serve their people's own
# pages): a school's own site ("www.brookfield.sch.uk", "www.sakuragaoka-es.ed.jp", "shule.sc.ke") is as safe to open
# as the allowlist. Zones anyone may register (".school", "sch.ly", a country's plain domain) are not among them.
_SCHOOL_ZONES = ("sch.uk", "ed.jp", "school.nz", "sc.ke", "sc.tz", "sc.ug", "sch.ae", "sch.sa", "k12.tr")
_SCHOOL_ZONE = re.compile(r"\.(?:" + "|".join(re.escape(z) for z in _SCHOOL_ZONES) + r"|k12\.[a-z]{2}\.us)$")
# Zones whose registries give names to accredited schools, colleges and universities only ("edu.in", "edu.eg",
# "ac.ke", "ac.jp", ".edu"): a school's results page ("www.sunrisepublic.edu.in") is the institution's own host. What
# such institutions also serve is not opened: a sub-host ("cs.", "meet.", "sam."), a "~user", profile or meeting path.
# ... and their people's pages, their blogs, their meeting and file services (a call "just us" is a call)
_PEOPLES_PAGES = re.compile(
    r"(?:^|\.)(?:people|users?|u|home|homepages?|personal|students?|staff|web|pages|sites|blogs?|wp|my|"
    r"meet|bbb|jitsi|zoom|webex|teams|forms|drive|files|share|cloud|owncloud|nextcloud|chat|mail|webmail)\."
)
_PEOPLES_PATH = re.compile(
    r"(?i)~|%7e|^/(?:people|users?|u|staff|students?|personal|homepages?|meet|meeting|zoom|profile|profiles|members?|"
    r"vc|video|conf|call)(?:/|$)"
)
_OWN_HOST = re.compile(r"^[a-z0-9\-]+\.(?:(?:edu|ac)\.[a-z]{2}|edu)$")  # the institution's own name, no sub-host


def domain_allowed(host: str, allowed: frozenset[str]) -> bool:
    """True if the host is an allowed domain or one of its subdomains, or a name in a school-only zone."""
    return bool(host) and (any(host == d or host.endswith("." + d) for d in allowed) or bool(_SCHOOL_ZONE.search(host)))


def academic(host: str, path: str) -> bool:
    """A page of an institution in an academic zone, not one of its people's own pages."""
    return bool(_OWN_HOST.match(host)) and not _PEOPLES_PATH.search(path) and not _PEOPLES_PAGES.search(host)


def _in(host: str, hosts: frozenset[str]) -> bool:
    return any(host == h or host.endswith("." + h) for h in hosts)


# the rest of an e-mail address's domain after a hyphen ("office@hillcrest-primary.sch.uk"): no link of its own
_MAIL_DOMAIN_BEFORE = re.compile(r"@[a-z0-9.\-]*-$", re.IGNORECASE)


def find_links(text: str) -> list[Link]:
    """Every URL-like run in the text, trailing punctuation excluded."""
    links = []
    pos = 0
    while (m := URL.search(text, pos)) is not None:
        pos = m.end()
        if text[m.start() - 1 : m.start()] == "-" and _MAIL_DOMAIN_BEFORE.search(
            text, max(0, m.start() - 64), m.start()
        ):
            continue
        url = m.group()
        if ")" in url and "(" not in url:
            # "（www.midori-es.ed.jp）に…" (the visible form's brackets are ASCII): a closing bracket ends the link,
            # and what follows it is read for links of its own ("…/watch)https://other.example")
            url = url[: url.index(")")]
            pos = m.start() + len(url) + 1
        while url and url[-1] in _TRAILING:
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break  # wikipedia-style "(disambiguation)" keeps its bracket
            url = url[:-1]
        host, path = host_of(url)
        links.append(Link(m.start(), m.start() + len(url), url, host or "?", path))
    return links


def classify(link: Link, allowed: frozenset[str]) -> tuple[str, int, str] | None:
    """(category, severity, rule) for a link that is not plainly allowed, else None."""
    host = link.host
    if _in(host, MAP_HOSTS) or (
        link.path.startswith("/maps")
        and (host.startswith("google.") or host in ("goo.gl", "yandex.ru", "yandex.com", "bing.com"))
    ):
        return "pii_location", 3, "link:map"
    if _in(host, INVITE_HOSTS):
        return "pii_invite", 3, "link:invite"
    if domain_allowed(host, allowed) or academic(host, link.path):
        return None
    if _in(host, SHORTENER_HOSTS):
        return "link", 3, "link:shortener"
    return "link", 2, "link:unlisted"


def find_link_reasons(text: str, allowed: frozenset[str]) -> list[tuple[str, int, tuple[int, int], str]]:
    """Reasons for links outside the allowlist, for invite links and map locations.

    Give the visible form of a message (``Folded.visible``) so full-width or
    zero-width-split URLs are seen; spans are in the coordinates of ``text``.
    """
    found: list[tuple[str, int, tuple[int, int], str]] = []
    if not _LINKISH.search(text):
        return found
    for link in find_links(text):
        verdict = classify(link, allowed)
        if verdict:
            category, severity, rule = verdict
            found.append((category, severity, (link.start, link.end), rule))
    for m in _WHAT3WORDS.finditer(text):
        found.append(("pii_location", 3, m.span(), "link:what3words"))
    return found
