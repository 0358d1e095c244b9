"""A real OpenID Connect provider for the tests of issue 19, built with Authlib's server side.

The platform's sign-in must be tested against a provider that speaks the protocol as a district's
would, not against mocks: discovery, a login page, the code flow with PKCE (S256) and a nonce,
RS256 ID tokens checked against a JWKS, and userinfo. Everything lives in memory and the process
serves 127.0.0.1 only; tests start it with `tests/oidc_support.py`.

    python tests/oidc_provider.py --port PORT --config CONFIG.json

prints `READY http://127.0.0.1:PORT` on stdout once it listens. The config (JSON)::

    {"clients": [{"client_id", "client_secret", "redirect_uris": [...]}],
     "users": [{"username", "password", "sub", "email", "email_verified", "given_name", "family_name",
                "extra_claims": {...}, "fault": null | "wrong_audience" | "expired" | "bad_signature"}],
     "issuer_override": null | "https://...",   # the `iss` put in ID tokens (discovery keeps the real one)
     "now": null | "2027-02-17T08:30:00Z"}       # the provider's clock starts there (default: real time)

A user's `fault` makes that user's ID tokens wrong in one way, so the platform's checks can be seen
to refuse them: `wrong_audience` (aud is another client), `expired` (exp an hour ago),
`bad_signature` (signed by a key that is not in the JWKS, under the same kid).
"""

from __future__ import annotations

import argparse
import errno
import json
import secrets
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from authlib.integrations.flask_oauth2 import AuthorizationServer, ResourceProtector
from authlib.oauth2.rfc6749 import (
    ClientMixin,
    InvalidRequestError,
    InvalidScopeError,
    OAuth2Error,
    OAuth2Request,
    TokenMixin,
    grants,
)
from authlib.oauth2.rfc6750 import BearerTokenValidator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import AuthorizationCodeMixin, OpenIDCode, UserInfo, UserInfoEndpoint
from authlib.oidc.core.util import create_half_hash
from flask import Flask, Response, jsonify, render_template_string, request
from joserfc import jwt
from joserfc.jwk import KeyParameters, RSAKey
from werkzeug.serving import make_server

FAULTS = (None, "wrong_audience", "expired", "bad_signature")
SCOPES = ["openid", "email", "profile"]
TOKEN_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]
ALG = "RS256"
CODE_LIFETIME = 600  # seconds; RFC 6749 recommends at most ten minutes
ID_TOKEN_LIFETIME = 3600
EXIT_BAD_CONFIG = 2
EXIT_PORT_IN_USE = 3  # oidc_support retries on another port


class ConfigError(ValueError):
    """A config the provider cannot honour: said plainly on stderr rather than as a traceback."""


# --- clock -------------------------------------------------------------------------------------


class Clock:
    """Epoch seconds: real time, or an injected instant that runs on (as `exchange.clock` does).

    The platform's test servers run on the suite's fake clock; a provider on real time would hand
    them tokens that look expired (or not yet issued), so a test can start this clock at the same instant.
    """

    def __init__(self, start: str | None) -> None:
        self._start: float | None = None
        self._started_at = time.monotonic()
        if start:
            dt = datetime.fromisoformat(start.strip().replace("Z", "+00:00"))
            self._start = (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).timestamp()

    def now(self) -> int:
        if self._start is None:
            return int(time.time())
        return int(self._start + time.monotonic() - self._started_at)


# --- the provider's records (in memory) ---------------------------------------------------------


@dataclass(frozen=True)
class User:
    username: str
    password: str
    sub: str
    email: str
    email_verified: bool
    given_name: str
    family_name: str
    extra_claims: dict[str, Any] = field(default_factory=dict)
    fault: str | None = None

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


@dataclass(frozen=True)
class Client(ClientMixin):
    """A confidential client: secret at the token endpoint, redirect URIs matched exactly."""

    client_id: str
    client_secret: str
    redirect_uris: tuple[str, ...]
    client_metadata: dict[str, Any] = field(default_factory=dict)  # read by Authlib's UserInfoEndpoint

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> None:
        return None  # OpenID Connect requires redirect_uri in every authorization request

    def get_allowed_scope(self, scope: str | None) -> str:
        return " ".join(s for s in (scope or "").split() if s in SCOPES)

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri in self.redirect_uris  # exact string comparison, no prefix or normalisation

    def check_client_secret(self, client_secret: str) -> bool:
        return secrets.compare_digest(self.client_secret.encode(), (client_secret or "").encode())

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method in TOKEN_AUTH_METHODS if endpoint == "token" else True

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type == "authorization_code"


@dataclass
class AuthorizationCode(AuthorizationCodeMixin):
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    username: str
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    auth_time: int
    expires_at: int

    def get_redirect_uri(self) -> str:
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope

    def get_nonce(self) -> str | None:
        return self.nonce

    def get_auth_time(self) -> int:
        return self.auth_time


@dataclass
class AccessToken(TokenMixin):
    access_token: str
    client: Client
    user: User
    scope: str
    expires_at: int
    clock: Clock

    def check_client(self, client: Client) -> bool:
        return client.client_id == self.client.client_id

    def get_scope(self) -> str:
        return self.scope

    def get_expires_in(self) -> int:
        return self.expires_at - self.clock.now()

    def is_expired(self) -> bool:
        return self.clock.now() >= self.expires_at

    def is_revoked(self) -> bool:
        return False

    def get_user(self) -> User:
        return self.user

    def get_client(self) -> Client:
        return self.client


@dataclass
class Config:
    clients: dict[str, Client]
    users: dict[str, User]
    issuer_override: str | None
    now: str | None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Config:
        try:
            clients = [
                Client(c["client_id"], c["client_secret"], tuple(c["redirect_uris"])) for c in data.get("clients", [])
            ]
            users = [
                User(
                    username=u["username"],
                    password=u["password"],
                    sub=str(u["sub"]),
                    email=u["email"],
                    email_verified=bool(u.get("email_verified", True)),
                    given_name=u.get("given_name", ""),
                    family_name=u.get("family_name", ""),
                    extra_claims=dict(u.get("extra_claims") or {}),
                    fault=u.get("fault"),
                )
                for u in data.get("users", [])
            ]
        except (KeyError, TypeError) as error:
            raise ConfigError(f"config: missing or malformed field {error}") from error
        if not clients:
            raise ConfigError("config: at least one client is needed")
        for user in users:
            if user.fault not in FAULTS:
                raise ConfigError(f"config: user {user.username!r} has unknown fault {user.fault!r} (known: {FAULTS})")
        by_id = {c.client_id: c for c in clients}
        by_name = {u.username: u for u in users}
        if len(by_id) != len(clients) or len(by_name) != len(users):
            raise ConfigError("config: client ids and usernames must be unique")
        unknown = set(data) - {"clients", "users", "issuer_override", "now"}
        if unknown:
            raise ConfigError(f"config: unknown keys {sorted(unknown)}")
        return cls(by_id, by_name, data.get("issuer_override"), data.get("now"))


class Store:
    """Codes, nonces and access tokens; one lock, since werkzeug serves each request on its own thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.codes: dict[str, AuthorizationCode] = {}
        self.nonces: set[tuple[str, str]] = set()
        self.tokens: dict[str, AccessToken] = {}

    def take_code(self, code: str, client_id: str, now: int) -> AuthorizationCode | None:
        """Remove the code as it is read, so a code is good for one token request at most (even a failed one)."""
        with self.lock:
            item = self.codes.pop(code, None)
        if item is None or item.client_id != client_id or item.expires_at <= now:
            return None
        return item


# --- Authlib grants and extensions ----------------------------------------------------------------


class Provider:
    """The Flask app and the Authlib server around one config, one clock and two RSA keys."""

    def __init__(self, config: Config, issuer: str) -> None:
        self.config = config
        self.issuer = issuer
        self.clock = Clock(config.now)
        self.store = Store()
        kid = f"test-{secrets.token_hex(4)}"
        params: KeyParameters = {"kid": kid, "use": "sig", "alg": ALG}
        self.signing_key = RSAKey.generate_key(2048, params)
        # Same kid, not published: only a signature check tells its tokens from good ones.
        self.rogue_key = RSAKey.generate_key(2048, params)
        self.app = self._build_app()

    def user_info(self, user: User, scope: str) -> UserInfo:
        """Claims released for a scope: email ones with `email`, names with `profile`, extra ones always."""
        info = UserInfo(
            sub=user.sub,
            email=user.email,
            email_verified=user.email_verified,
            name=user.name,
            given_name=user.given_name,
            family_name=user.family_name,
        ).filter(scope)
        info.update(user.extra_claims)
        return info

    def id_token(self, token: dict[str, Any], request: OAuth2Request) -> str:
        """The ID token, faults included; built here because Authlib's hooks see the client, not the user."""
        client: Client = request.client
        user: User = request.user
        now = self.clock.now()
        claims: dict[str, Any] = {
            "iss": self.config.issuer_override or self.issuer,
            "aud": client.client_id,
            "iat": now,
            "exp": now + ID_TOKEN_LIFETIME,
        }
        code: AuthorizationCode | None = request.authorization_code
        if code is not None:
            claims["auth_time"] = code.auth_time
            if code.nonce:
                claims["nonce"] = code.nonce
        if token.get("access_token"):
            claims["at_hash"] = create_half_hash(token["access_token"], ALG).decode()
        claims.update(self.user_info(user, token["scope"]))
        key = self.signing_key
        if user.fault == "wrong_audience":
            others = [c for c in self.config.clients if c != client.client_id]
            claims["aud"] = others[0] if others else "another-client.example.org"
        elif user.fault == "expired":
            claims["iat"] = claims["auth_time"] = now - 2 * ID_TOKEN_LIFETIME
            claims["exp"] = now - ID_TOKEN_LIFETIME
        elif user.fault == "bad_signature":
            key = self.rogue_key
        header = {"alg": ALG, "kid": self.signing_key.kid, "typ": "JWT"}
        return jwt.encode(header, claims, key, [ALG])

    def discovery(self) -> dict[str, Any]:
        base = self.issuer
        return {
            "issuer": base,
            "authorization_endpoint": f"{base}/authorize",
            "token_endpoint": f"{base}/token",
            "jwks_uri": f"{base}/jwks",
            "userinfo_endpoint": f"{base}/userinfo",
            "scopes_supported": SCOPES,
            "response_types_supported": ["code"],
            "response_modes_supported": ["query"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": [ALG],
            "code_challenge_methods_supported": ["S256"],
            "token_endpoint_auth_methods_supported": TOKEN_AUTH_METHODS,
            "claims_supported": [
                "sub",
                "iss",
                "aud",
                "exp",
                "iat",
                "auth_time",
                "nonce",
                "email",
                "email_verified",
                "name",
                "given_name",
                "family_name",
            ],
        }

    def _build_app(self) -> Flask:
        provider = self
        store = self.store
        config = self.config

        class CodeGrant(grants.AuthorizationCodeGrant):
            TOKEN_ENDPOINT_AUTH_METHODS = TOKEN_AUTH_METHODS

            def validate_authorization_request(self) -> str:
                redirect_uri = super().validate_authorization_request()
                if "openid" not in self.request.scope.split():
                    raise InvalidScopeError(
                        "This provider serves OpenID Connect: ask for 'openid'.", redirect_uri=redirect_uri
                    )
                return redirect_uri

            def save_authorization_code(self, code: str, request: OAuth2Request) -> None:
                data = request.payload.data
                now = provider.clock.now()
                item = AuthorizationCode(
                    code=code,
                    client_id=request.client.client_id,
                    redirect_uri=request.payload.redirect_uri,
                    scope=request.scope,
                    username=request.user.username,
                    nonce=data.get("nonce"),
                    code_challenge=data.get("code_challenge"),
                    code_challenge_method=data.get("code_challenge_method"),
                    auth_time=now,
                    expires_at=now + CODE_LIFETIME,
                )
                with store.lock:
                    store.codes[code] = item
                    if item.nonce:
                        store.nonces.add((item.client_id, item.nonce))

            def query_authorization_code(self, code: str, client: Client) -> AuthorizationCode | None:
                return store.take_code(code, client.client_id, provider.clock.now())

            def delete_authorization_code(self, authorization_code: AuthorizationCode) -> None:
                pass  # already taken out by query_authorization_code

            def authenticate_user(self, authorization_code: AuthorizationCode) -> User | None:
                return config.users.get(authorization_code.username)

        class OpenIDCodeExtension(OpenIDCode):
            def exists_nonce(self, nonce: str, request: OAuth2Request) -> bool:
                with store.lock:
                    return (request.payload.client_id, nonce) in store.nonces

            def generate_user_info(self, user: User, scope: str) -> UserInfo:
                return provider.user_info(user, scope)

            def encode_id_token(self, token: dict[str, Any], request: OAuth2Request) -> str:
                return provider.id_token(token, request)

        class S256Challenge(CodeChallenge):
            """PKCE on every request, S256 only: a client that skips it or says `plain` is refused."""

            SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]

            def validate_code_challenge(self, grant: grants.AuthorizationCodeGrant, redirect_uri: str) -> None:
                data = grant.request.payload.data
                if not data.get("code_challenge"):
                    raise InvalidRequestError("PKCE is required: missing 'code_challenge'.")
                if data.get("code_challenge_method") != "S256":
                    raise InvalidRequestError("PKCE: 'code_challenge_method' must be 'S256'.")
                super().validate_code_challenge(grant, redirect_uri)

        class TokenValidator(BearerTokenValidator):
            def authenticate_token(self, token_string: str) -> AccessToken | None:
                with store.lock:
                    return store.tokens.get(token_string)

        class UserInfoView(UserInfoEndpoint):
            def generate_user_info(self, user: User, scope: str) -> UserInfo:
                return provider.user_info(user, scope)

            def get_issuer(self) -> str:
                return provider.issuer

        def query_client(client_id: str) -> Client | None:
            return config.clients.get(client_id)

        def save_token(token: dict[str, Any], request: OAuth2Request) -> None:
            item = AccessToken(
                access_token=token["access_token"],
                client=request.client,
                user=request.user,
                scope=token.get("scope", ""),
                expires_at=provider.clock.now() + int(token.get("expires_in", 3600)),
                clock=provider.clock,
            )
            with store.lock:
                store.tokens[item.access_token] = item

        app = Flask("oidc_test_provider")
        app.config["OAUTH2_SCOPES_SUPPORTED"] = SCOPES
        server = AuthorizationServer(app, query_client=query_client, save_token=save_token)
        server.register_grant(CodeGrant, [OpenIDCodeExtension(require_nonce=True), S256Challenge(required=True)])
        protector = ResourceProtector()
        protector.register_token_validator(TokenValidator())
        server.register_endpoint(UserInfoView(resource_protector=protector))

        @app.get("/.well-known/openid-configuration")
        def discovery() -> Response:
            return jsonify(provider.discovery())

        @app.get("/jwks")
        def jwks() -> Response:
            return jsonify({"keys": [provider.signing_key.as_dict(private=False)]})

        @app.route("/authorize", methods=["GET", "POST"])
        def authorize() -> Response | tuple[str, int]:
            try:
                grant = server.get_consent_grant(end_user=None)
            except OAuth2Error as error:
                # Redirects to the client when its redirect_uri is known good, else answers 400 here.
                return server.handle_error_response(None, error)
            if request.method == "GET":
                return render_template_string(LOGIN_PAGE, error=None), 200
            user = config.users.get(request.form.get("username", ""))
            if user is None or not secrets.compare_digest(
                user.password.encode(), request.form.get("password", "").encode()
            ):
                return render_template_string(LOGIN_PAGE, error="Wrong username or password."), 401
            return server.create_authorization_response(grant_user=user, grant=grant)

        @app.post("/token")
        def token() -> Response:
            return server.create_token_response()

        @app.route("/userinfo", methods=["GET", "POST"])
        def userinfo() -> Response:
            return server.create_endpoint_response("userinfo")

        return app


# The form posts back to the same URL, query string included, so the request is checked again on POST.
LOGIN_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Test identity provider</title></head>
<body>
<main>
<h1>Test identity provider</h1>
{% if error %}<p role="alert">{{ error }}</p>{% endif %}
<form method="post" action="{{ request.full_path }}">
<p><label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required></p>
<p><label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in</button></p>
</form>
</main>
</body>
</html>
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True, help="port on 127.0.0.1 (0: any free one)")
    parser.add_argument("--config", type=Path, required=True, help="JSON file: clients, users, faults")
    parser.add_argument(
        "--exit-with-stdin",
        action="store_true",
        help="stop when stdin closes, so a provider never outlives the test run that started it",
    )
    args = parser.parse_args(argv)
    try:
        config = Config.from_json(json.loads(args.config.read_text(encoding="utf-8")))
        Clock(config.now)  # a malformed instant fails here, before the port is taken
    except (OSError, ValueError) as error:
        print(f"oidc_provider: {error}", file=sys.stderr)
        return EXIT_BAD_CONFIG
    try:
        # Bind first: the issuer names the port actually bound (which --port 0 leaves to the system).
        server = make_server("127.0.0.1", args.port, Flask("placeholder"), threaded=True)
    except OSError as error:
        print(f"oidc_provider: cannot listen on 127.0.0.1:{args.port}: {error}", file=sys.stderr)
        return EXIT_PORT_IN_USE if error.errno == errno.EADDRINUSE else 1
    issuer = f"http://127.0.0.1:{server.server_port}"
    server.app = Provider(config, issuer).app
    if args.exit_with_stdin:

        def stop_at_eof() -> None:
            sys.stdin.buffer.read()
            server.shutdown()

        threading.Thread(target=stop_at_eof, daemon=True).start()
    print(f"READY {issuer}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
