"""Make user text safe to insert as HTML, with only vetted links clickable.

bleach does the sanitising; on its own ``bleach.linkify`` links any domain, so our
callback keeps a link only when its host is on the allowlist (built-in educational
domains plus the deployment's). Elements whose content is not text for a reader
(script, style, svg, math, noscript, template, iframe...) are dropped with their
content first, so "<style>body{}</style>" does not leak CSS into the chat.
"""

from __future__ import annotations

import html as _html
from collections.abc import Callable
from html.parser import HTMLParser

import bleach

from .links import DEFAULT_LINK_DOMAINS, academic, domain_allowed, host_of

ALLOWED_TAGS = frozenset({"a", "b", "i", "em", "strong", "p", "br", "ul", "ol", "li", "code", "pre", "blockquote"})
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https"})
LINK_REL = "noopener noreferrer nofollow"

# A link's attributes as bleach hands them to a linkify callback: {(namespace, name): value}.
LinkAttrs = dict[tuple[str | None, str], str]

_DROP_WITH_CONTENT = frozenset(
    {
        "script",
        "style",
        "svg",
        "math",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "textarea",
        "title",
        "xmp",
        "noembed",
        "noframes",
        "frameset",
        "head",
        "select",
        "applet",
    }
)


class _DropDangerous(HTMLParser):
    """Re-emit HTML without the elements in ``_DROP_WITH_CONTENT`` and their content.

    This pass only tidies: safety comes from bleach, which cleans its output again.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_WITH_CONTENT:
            self.depth += 1
        elif not self.depth:
            self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.depth and tag not in _DROP_WITH_CONTENT:
            self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_WITH_CONTENT:
            self.depth = max(0, self.depth - 1)
        elif not self.depth:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.out.append(_html.escape(data, quote=False))


def _drop_dangerous(text: str) -> str:
    parser = _DropDangerous()
    parser.feed(text)
    parser.close()
    return "".join(parser.out)


def _vetted_links(allowed: frozenset[str]) -> Callable[[LinkAttrs, bool], LinkAttrs | None]:
    """A bleach linkify callback: keep http(s) links to allowed hosts, drop the rest."""

    def callback(attrs: LinkAttrs, new: bool = False) -> LinkAttrs | None:
        href = attrs.get((None, "href"), "")
        if not href.lower().startswith(("http://", "https://")):
            return None
        host, path = host_of(href)
        if not (domain_allowed(host, allowed) or academic(host, path)):
            return None
        attrs[(None, "rel")] = LINK_REL
        attrs[(None, "target")] = "_blank"
        return attrs

    return callback


def sanitize_html(text: str, allowed_domains: frozenset[str] = frozenset()) -> str:
    """Clean user HTML to a small allowlist of tags; only vetted links stay links."""
    cleaned: str = bleach.clean(
        _drop_dangerous(text),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    domains = DEFAULT_LINK_DOMAINS | frozenset(allowed_domains)
    linked: str = bleach.linkify(
        cleaned, callbacks=[_vetted_links(domains)], skip_tags={"pre", "code"}, parse_email=False
    )
    return linked


def linkify(text: str, allowed_domains: frozenset[str] = frozenset()) -> str:
    """Escape plain chat text and make URLs clickable only on allowed domains.

    The built-in educational allowlist (``links.DEFAULT_LINK_DOMAINS``) always applies,
    as it does in ``check_text``; other URLs remain plain text.
    """
    escaped = _html.escape(text, quote=False)
    domains = DEFAULT_LINK_DOMAINS | frozenset(allowed_domains)
    linked: str = bleach.linkify(escaped, callbacks=[_vetted_links(domains)], parse_email=False)
    return linked
