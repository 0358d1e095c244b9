"""Named rate limits, shared by every server process (the `limits` library).

With `REDIS_URL` the counters live in Redis, so N processes together allow a limit once, not N
times; without it they live in this process's memory (then this process is the whole server).
Every limit is a moving window: at most N hits in any span of the window, exact at its edges.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from contextlib import contextmanager
from functools import wraps

from flask import current_app, g, request
from flask_babel import ngettext
from limits import RateLimitItem, RateLimitItemPerSecond, parse
from limits.errors import StorageError
from limits.storage import RedisStorage
from limits.strategies import MovingWindowRateLimiter

from .errors import DomainError, TooManyRequests
from .ratelimit_window import MemoryMovingWindow

log = logging.getLogger("exchange.ratelimits")

CHAT = "chat"  # chat messages per user
TYPING = "typing"  # typing notices per user
JOIN_CODE = "join_code"  # wrong class codes per address and per user
LOGIN_ADDRESS = "login_address"  # failed logins per address, across all accounts
SECRET_LINK = "secret_link"  # unknown invitation or calendar-feed links per address


def chat_item(burst: int, per_minute: int) -> RateLimitItem:
    """Today's burst and sustained rate as one moving window: `burst` messages in any span of
    burst*60/per_minute seconds. A full burst, then the sustained rate on average; unlike the old
    token bucket the next message after a full burst waits for the window's oldest one to age out."""
    seconds = max(1, round(60 * burst / max(per_minute, 1)))
    return RateLimitItemPerSecond(max(burst, round(per_minute * seconds / 60)), seconds)


class RateLimits:
    """The named limits of one app on one storage; this process's memory if Redis fails, so a
    Redis outage weakens the limits to per-process ones instead of stopping chat or logins."""

    def __init__(self, config):
        self.items = {
            CHAT: chat_item(config["RATE_BURST"], config["RATE_PER_MINUTE"]),
            TYPING: parse(config["TYPING_LIMIT"]),
            JOIN_CODE: parse(config["JOIN_CODE_LIMIT"]),
            LOGIN_ADDRESS: parse(config["LOGIN_ADDRESS_LIMIT"]),
            SECRET_LINK: parse(config["SECRET_LINK_LIMIT"]),
        }
        self.local = MemoryMovingWindow()
        self.shared = None
        self.degraded = False
        if config.get("REDIS_URL"):
            # The Socket.IO channel names one deployment: processes that share it share limits.
            storage = RedisStorage(
                config["REDIS_URL"],
                key_prefix=f"{config['SOCKETIO_CHANNEL']}-limits",
                socket_timeout=2,
                socket_connect_timeout=2,
                max_connections=config["REDIS_MAX_CONNECTIONS"],
                wrap_exceptions=True,
            )
            self.shared = MovingWindowRateLimiter(storage)

    def _run(self, op: str, name: str, key: str):
        item = self.items[name]
        if self.shared is not None:
            try:
                result = getattr(self.shared, op)(item, name, key)
            except StorageError as exc:  # Redis unreachable: keep limiting, in this process
                if not self.degraded:
                    log.warning(
                        "limit storage unavailable limit=%s error=%s; using process memory",
                        name,
                        type(exc.storage_error).__name__,
                    )
                self.degraded = True
            else:
                if self.degraded:
                    log.info("limit storage back limit=%s", name)
                self.degraded = False
                return result
        return getattr(self.local, op)(item, name, key)

    def hit(self, name: str, key: str) -> bool:
        """Count one; False when the limit was already reached (then nothing is counted)."""
        return self._run("hit", name, key)

    def spent(self, name: str, key: str) -> bool:
        return not self._run("test", name, key)

    def retry_after(self, name: str, key: str) -> int:
        """Whole seconds until the window's oldest hit ages out and one more is allowed."""
        stats = self._run("get_window_stats", name, key)
        # reset_time is in the limits library's epoch seconds, not on exchange.clock: compare it with the same
        # clock, so an injected test date (EXCHANGE_FAKE_NOW) cannot skew Retry-After.
        return max(1, math.ceil(stats.reset_time - time.time()))


def init_app(app) -> None:
    app.extensions["ratelimits"] = RateLimits(app.config)

    @app.after_request
    def _retry_after(resp):
        """Every 429 says when to come back (RFC 9110), whatever page or API answered it."""
        if resp.status_code == 429:
            resp.headers.setdefault("Retry-After", str(g.get("retry_after") or 60))
        return resp


def _limits() -> RateLimits:
    return current_app.extensions["ratelimits"]


def user_key(user_id: int) -> str:
    return f"user:{user_id}"


def address_key(address: str | None = None) -> str:
    return "addr:" + (address or request.remote_addr or "-")


def _log_id(key: str) -> str:
    """User ids as they are; addresses hashed: the log names the caller without keeping the address."""
    kind, _sep, value = key.partition(":")
    return key if kind == "user" else f"{kind}:{hashlib.sha256(value.encode()).hexdigest()[:12]}"


def allow(name: str, user_id: int) -> bool:
    """Count one action of a user (a chat message, a typing notice); False when over the limit."""
    if _limits().hit(name, user_key(user_id)):
        return True
    log.info("rate limited limit=%s key=user:%s", name, user_id)
    return False


def _refusal(name: str, seconds: int) -> str:
    """The sentence a refused person reads, with the wait rounded up to whole minutes."""
    n = max(1, math.ceil(seconds / 60))
    if name == JOIN_CODE:
        return ngettext(
            "Too many wrong class codes. Try again in %(num)d minute, or ask your teacher for the code.",
            "Too many wrong class codes. Try again in %(num)d minutes, or ask your teacher for the code.",
            n,
        )
    if name == LOGIN_ADDRESS:
        return ngettext(
            "Too many failed logins from this network. Try again in %(num)d minute.",
            "Too many failed logins from this network. Try again in %(num)d minutes.",
            n,
        )
    return ngettext(
        "Too many invalid links from this network. Try again in %(num)d minute.",
        "Too many invalid links from this network. Try again in %(num)d minutes.",
        n,
    )


@contextmanager
def guessing(name: str, *keys: str, failures: tuple[str, ...]):
    """Around a check of a secret (a password, a class code, a link): refuse with 429 while any
    of `keys` has used up its wrong guesses, and count one wrong guess for each key when the
    check fails with a code in `failures`. Right guesses cost nothing: a school behind one
    address logs in all day; only wrong ones add up."""
    limits = _limits()
    for key in keys:
        if limits.spent(name, key):
            seconds = limits.retry_after(name, key)
            g.retry_after = seconds
            log.info("rate limited limit=%s key=%s", name, _log_id(key))
            raise TooManyRequests(_refusal(name, seconds), code="rate_limited")
    try:
        yield
    except DomainError as exc:
        if exc.code in failures:
            for key in keys:
                limits.hit(name, key)
        raise


def guards_secret(name: str, *, failures: tuple[str, ...]):
    """View decorator: `guessing(name, address, failures=...)` around the whole view, for pages
    whose address carries the secret (invitation links, calendar feeds)."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            with guessing(name, address_key(), failures=failures):
                return view(*args, **kwargs)

        return wrapped

    return decorator
