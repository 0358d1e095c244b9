"""The OpenID Connect authorization code flow with PKCE, from the relying party's side.

Free of Flask and the database: the views keep the flow's state in the login session and pass
the provider's settings in. Every check a relying party owes is here, each with its own refusal
code, so a test can meet each one: the issuer, the audience (and `azp` when several audiences),
the expiry and issue time (on the server's clock, a minute of leeway), the nonce, and the
signature against the provider's published keys (JWKS; fetched again once when a key id is
unknown, which is how providers rotate keys). Only asymmetric algorithms are accepted: a token
"signed" with `none` or with the client secret as an HMAC key is refused.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "ES256", "ES384"]
LEEWAY_SECONDS = 60
HTTP_TIMEOUT_SECONDS = 10
CACHE_SECONDS = 3600
MAX_RESPONSE_BYTES = 1_000_000


class SignInRefused(Exception):
    """The provider's answer cannot be trusted or cannot be used: `code` names the check."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail  # for the server log only: never shown, never holds a token


@dataclass(frozen=True, slots=True)
class Discovery:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


@dataclass(frozen=True, slots=True)
class FlowStart:
    """What the login session keeps between leaving for the provider and coming back."""

    url: str
    state: str
    nonce: str
    verifier: str


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def pkce_challenge(verifier: str) -> str:
    """RFC 7636 S256: the challenge sent out; the verifier stays with us until the code exchange."""
    return _b64url(hashlib.sha256(verifier.encode("ascii")).digest())


def start(discovery: Discovery, client_id: str, redirect_uri: str, *, login_hint: str = "") -> FlowStart:
    """A fresh state, nonce and PKCE verifier, and the provider's authorization URL that carries them."""
    state, nonce, verifier = secrets.token_urlsafe(24), secrets.token_urlsafe(24), secrets.token_urlsafe(48)
    params = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": "openid email profile",
        "state": state,
        "nonce": nonce,
        "code_challenge": pkce_challenge(verifier),
        "code_challenge_method": "S256",
    }
    if login_hint:
        params["login_hint"] = login_hint
    sep = "&" if "?" in discovery.authorization_endpoint else "?"
    return FlowStart(discovery.authorization_endpoint + sep + urllib.parse.urlencode(params), state, nonce, verifier)


# --- HTTP (stdlib; under eventlet its sockets are green) ---------------------------------------


def _read_json(request: urllib.request.Request, what: str) -> dict[str, Any]:
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT_SECONDS) as response:  # noqa: S310 (https/http only)
            raw = response.read(MAX_RESPONSE_BYTES + 1)
    except urllib.error.HTTPError as exc:
        body = exc.read(4096).decode("utf-8", "replace")
        error = ""
        try:
            error = str(json.loads(body).get("error", ""))
        except (ValueError, AttributeError):
            pass
        raise SignInRefused(f"{what}_failed", f"HTTP {exc.code} {error}".strip()) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise SignInRefused("provider_unreachable", f"{what}: {type(exc).__name__}") from None
    if len(raw) > MAX_RESPONSE_BYTES:
        raise SignInRefused(f"{what}_failed", "response too large")
    try:
        data = json.loads(raw)
    except ValueError:
        raise SignInRefused(f"{what}_failed", "not JSON") from None
    if not isinstance(data, dict):
        raise SignInRefused(f"{what}_failed", "not a JSON object")
    return data


def _check_url(url: str) -> str:
    if urllib.parse.urlsplit(url).scheme not in ("https", "http"):
        raise SignInRefused("discovery_failed", "endpoint is not an http(s) URL")
    return url


_cache_lock = threading.Lock()
_discoveries: dict[str, tuple[float, Discovery]] = {}
_key_sets: dict[str, tuple[float, KeySet]] = {}


def discover(issuer: str) -> Discovery:
    """The provider's endpoints from `<issuer>/.well-known/openid-configuration`, cached an hour.

    The document must name the issuer it was fetched for (OpenID Connect Discovery 4.3): a
    document that claims another issuer is refused."""
    issuer = issuer.rstrip("/")
    now = time.monotonic()
    with _cache_lock:
        hit = _discoveries.get(issuer)
    if hit and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    doc = _read_json(
        urllib.request.Request(
            _check_url(issuer + "/.well-known/openid-configuration"), headers={"Accept": "application/json"}
        ),
        "discovery",
    )
    try:
        found = Discovery(
            issuer=str(doc["issuer"]).rstrip("/"),
            authorization_endpoint=_check_url(str(doc["authorization_endpoint"])),
            token_endpoint=_check_url(str(doc["token_endpoint"])),
            jwks_uri=_check_url(str(doc["jwks_uri"])),
        )
    except KeyError as exc:
        raise SignInRefused("discovery_failed", f"missing {exc.args[0]}") from None
    if found.issuer != issuer:
        raise SignInRefused("discovery_failed", "the document names another issuer")
    with _cache_lock:
        _discoveries[issuer] = (now, found)
    return found


def _key_set(jwks_uri: str, *, fresh: bool = False) -> KeySet:
    now = time.monotonic()
    with _cache_lock:
        hit = _key_sets.get(jwks_uri)
    if hit and not fresh and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    data = _read_json(urllib.request.Request(jwks_uri, headers={"Accept": "application/json"}), "jwks")
    try:
        keys = KeySet.import_key_set(data)  # type: ignore[arg-type]
    except (JoseError, ValueError, TypeError, KeyError):
        raise SignInRefused("jwks_failed", "unreadable key set") from None
    with _cache_lock:
        _key_sets[jwks_uri] = (now, keys)
    return keys


def redeem(
    discovery: Discovery, code: str, verifier: str, client_id: str, client_secret: str, redirect_uri: str
) -> str:
    """Exchange the code (with the PKCE verifier) for tokens at the token endpoint; the ID token."""
    form = urllib.parse.urlencode(
        {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri, "code_verifier": verifier}
    ).encode("ascii")
    basic = base64.b64encode(
        f"{urllib.parse.quote(client_id, safe='')}:{urllib.parse.quote(client_secret, safe='')}".encode()
    ).decode("ascii")
    request = urllib.request.Request(
        discovery.token_endpoint,
        data=form,
        method="POST",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/json",
            "Authorization": f"Basic {basic}",  # client_secret_basic (RFC 6749 2.3.1)
        },
    )
    tokens = _read_json(request, "token")
    id_token = tokens.get("id_token")
    if not isinstance(id_token, str) or not id_token:
        raise SignInRefused("token_failed", "no id_token in the response")
    return id_token


def verify_id_token(
    discovery: Discovery, id_token: str, *, client_id: str, nonce: str, now: datetime
) -> dict[str, Any]:
    """The ID token's claims once every check passed (OpenID Connect Core 3.1.3.7)."""
    try:
        header = json.loads(base64.urlsafe_b64decode(id_token.split(".")[0] + "=="))
    except (ValueError, IndexError):
        raise SignInRefused("bad_token", "unreadable header") from None
    if not isinstance(header, dict) or header.get("alg") not in ALGORITHMS:
        raise SignInRefused("bad_algorithm", str(header.get("alg") if isinstance(header, dict) else ""))
    claims = _decode(discovery, id_token)
    if str(claims.get("iss", "")).rstrip("/") != discovery.issuer:
        raise SignInRefused("wrong_issuer")
    audience = claims.get("aud")
    audiences = [audience] if isinstance(audience, str) else list(audience) if isinstance(audience, list) else []
    if client_id not in audiences:
        raise SignInRefused("wrong_audience")
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise SignInRefused("wrong_audience", "azp")
    moment = now.timestamp()
    exp, iat = claims.get("exp"), claims.get("iat")
    if not isinstance(exp, (int, float)) or isinstance(exp, bool) or exp + LEEWAY_SECONDS < moment:
        raise SignInRefused("expired")
    if isinstance(iat, (int, float)) and not isinstance(iat, bool) and iat - LEEWAY_SECONDS > moment:
        raise SignInRefused("issued_in_future")
    if not nonce or claims.get("nonce") != nonce:
        raise SignInRefused("wrong_nonce")
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject or len(subject) > 255:
        raise SignInRefused("bad_token", "sub")
    return claims


def _decode(discovery: Discovery, id_token: str) -> dict[str, Any]:
    for fresh in (False, True):  # an unknown key id: the provider may have rotated its keys
        keys = _key_set(discovery.jwks_uri, fresh=fresh)
        try:
            token = jwt.decode(id_token, keys, algorithms=ALGORITHMS)
        except JoseError as exc:
            if fresh or "key" not in type(exc).__name__.lower():
                raise SignInRefused("bad_signature", type(exc).__name__) from None
            continue
        except (ValueError, TypeError, KeyError) as exc:
            if fresh:
                raise SignInRefused("bad_signature", type(exc).__name__) from None
            continue
        return dict(token.claims)
    raise SignInRefused("bad_signature")
