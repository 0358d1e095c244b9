"""The test OpenID provider on its own, with `requests` and joserfc: no platform code.

The platform's sign-in tests trust this provider to behave as a real one does (and to misbehave
exactly as told), so its own behaviour is pinned here: discovery, the code flow with PKCE and a nonce,
single-use codes, exact redirect URIs, state passed back, and the three faulty ID tokens.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from authlib.oidc.discovery import OpenIDProviderMetadata
from joserfc import jwt
from joserfc.errors import BadSignatureError, ExpiredTokenError
from joserfc.jwk import KeySet
from joserfc.jwt import JWTClaimsRegistry
from oidc_support import Provider, sample_config, sign_in, start_provider

pytestmark = pytest.mark.backend_independent

REDIRECT_URI = "http://127.0.0.1:9/auth/oidc/callback"  # never contacted: redirects are read, not followed
OTHER_REDIRECT_URI = "http://127.0.0.1:9/auth/oidc/callback?tenant=northfield"
CLIENT_ID = "classroom-exchange"
CLIENT_SECRET = "test-client-secret-8a1f2c"
PASSWORD = "correct horse"
ODD_STATE = "a b/c+d=é&x?y#z"  # must come back byte for byte


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    with start_provider(sample_config([REDIRECT_URI, OTHER_REDIRECT_URI])) as running:
        yield running


@pytest.fixture()
def http() -> Iterator[requests.Session]:
    with requests.Session() as session:
        yield session


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def authorize_url(provider: Provider, challenge: str | None, **overrides: str | None) -> str:
    params: dict[str, str | None] = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "scope": "openid email profile",
        "state": secrets.token_urlsafe(12),
        "nonce": secrets.token_urlsafe(12),
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    params.update(overrides)
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return f"{provider.issuer}/authorize?{query}"


def redirect_params(location: str, expected_base: str = REDIRECT_URI) -> dict[str, str]:
    """The query of a redirect to the client, after checking that it goes to the expected redirect URI."""
    base = expected_base.split("?", 1)[0]
    assert location.split("?", 1)[0] == base, location
    return {k: v[0] for k, v in parse_qs(urlsplit(location).query).items()}


def get_code(
    http: requests.Session, provider: Provider, username: str = "teacher", **overrides: str | None
) -> tuple[str, str, dict[str, str]]:
    """Sign in as `username`; return (code, verifier, the authorization request's parameters)."""
    verifier, challenge = pkce_pair()
    url = authorize_url(provider, challenge, **overrides)
    sent = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    back = redirect_params(sign_in(http, url, username, PASSWORD), sent["redirect_uri"])
    assert back.get("state") == sent["state"]
    return back["code"], verifier, sent


def exchange_code(
    provider: Provider, code: str, verifier: str | None, redirect_uri: str = REDIRECT_URI, basic: bool = True
) -> requests.Response:
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
    if verifier is not None:
        data["code_verifier"] = verifier
    auth = (CLIENT_ID, CLIENT_SECRET) if basic else None
    if not basic:
        data.update(client_id=CLIENT_ID, client_secret=CLIENT_SECRET)
    return requests.post(f"{provider.issuer}/token", data=data, auth=auth, timeout=10)


def jwks(provider: Provider) -> KeySet:
    return KeySet.import_key_set(requests.get(f"{provider.issuer}/jwks", timeout=10).json())


def id_token_for(http: requests.Session, provider: Provider, username: str) -> tuple[str, dict[str, str]]:
    code, verifier, sent = get_code(http, provider, username)
    answer = exchange_code(provider, code, verifier)
    assert answer.status_code == 200, answer.text
    return answer.json()["id_token"], sent


def unverified_claims(id_token: str) -> dict[str, Any]:
    payload = id_token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def test_discovery_document_describes_the_provider(provider: Provider) -> None:
    doc = requests.get(provider.discovery_url, timeout=10).json()
    issuer = provider.issuer
    assert issuer.startswith("http://127.0.0.1:")
    assert doc["issuer"] == issuer
    assert doc["authorization_endpoint"] == f"{issuer}/authorize"
    assert doc["token_endpoint"] == f"{issuer}/token"
    assert doc["jwks_uri"] == f"{issuer}/jwks"
    assert doc["userinfo_endpoint"] == f"{issuer}/userinfo"
    assert doc["response_types_supported"] == ["code"]
    assert doc["subject_types_supported"] == ["public"]
    assert doc["id_token_signing_alg_values_supported"] == ["RS256"]
    assert doc["code_challenge_methods_supported"] == ["S256"]
    assert doc["token_endpoint_auth_methods_supported"] == ["client_secret_basic", "client_secret_post"]
    assert doc["scopes_supported"] == ["openid", "email", "profile"]
    OpenIDProviderMetadata(doc).validate()  # Authlib's own reading of OpenID Connect Discovery 1.0
    keys = requests.get(doc["jwks_uri"], timeout=10).json()["keys"]
    assert [(k["kty"], k["alg"], k["use"]) for k in keys] == [("RSA", "RS256", "sig")]
    assert "d" not in keys[0]  # the public half only


def test_login_page_has_the_fields_a_browser_test_fills(provider: Provider, http: requests.Session) -> None:
    page = http.get(authorize_url(provider, pkce_pair()[1]), timeout=10)
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    for piece in ('<label for="username">Username</label>', '<label for="password">Password</label>'):
        assert piece in page.text
    assert 'type="password"' in page.text
    assert '<button type="submit">Sign in</button>' in page.text


def test_code_flow_gives_a_signed_id_token_and_userinfo(provider: Provider, http: requests.Session) -> None:
    started = int(time.time())
    code, verifier, sent = get_code(http, provider, "teacher", state=ODD_STATE)
    assert sent["state"] == ODD_STATE  # get_code checked it came back unchanged
    answer = exchange_code(provider, code, verifier)
    assert answer.status_code == 200, answer.text
    tokens = answer.json()
    assert tokens["token_type"].lower() == "bearer"
    assert tokens["scope"] == "openid email profile"

    token = jwt.decode(tokens["id_token"], jwks(provider), algorithms=["RS256"])
    assert token.header["alg"] == "RS256"
    assert token.header["kid"] == jwks(provider).keys[0].kid
    JWTClaimsRegistry(
        iss={"essential": True, "value": provider.issuer},
        aud={"essential": True, "value": CLIENT_ID},
        sub={"essential": True, "value": "t-1001"},
        nonce={"essential": True, "value": sent["nonce"]},
        exp={"essential": True},
        iat={"essential": True},
    ).validate(token.claims)
    claims = token.claims
    assert started - 5 <= claims["iat"] <= time.time() + 5
    assert claims["exp"] - claims["iat"] == 3600
    assert claims["email"] == "oona.virtanen@northfield.example.edu"
    assert claims["email_verified"] is True
    assert (claims["name"], claims["given_name"], claims["family_name"]) == ("Oona Virtanen", "Oona", "Virtanen")
    assert claims["roles"] == ["teacher"]
    assert "at_hash" in claims

    info = requests.get(
        f"{provider.issuer}/userinfo", headers={"Authorization": f"Bearer {tokens['access_token']}"}, timeout=10
    )
    assert info.status_code == 200, info.text
    assert info.json() == {
        "sub": "t-1001",
        "email": "oona.virtanen@northfield.example.edu",
        "email_verified": True,
        "name": "Oona Virtanen",
        "given_name": "Oona",
        "family_name": "Virtanen",
        "roles": ["teacher"],
    }
    refused = requests.get(f"{provider.issuer}/userinfo", headers={"Authorization": "Bearer nope"}, timeout=10)
    assert refused.status_code == 401


def test_scope_decides_which_claims_are_released(provider: Provider, http: requests.Session) -> None:
    code, verifier, _ = get_code(http, provider, "student", scope="openid")
    claims = unverified_claims(exchange_code(provider, code, verifier).json()["id_token"])
    assert claims["sub"] == "s-2002"
    assert "email" not in claims and "name" not in claims
    assert claims["roles"] == ["student"]  # configured extra claims come whatever the scope


def test_client_secret_post_works_and_a_wrong_secret_does_not(provider: Provider, http: requests.Session) -> None:
    code, verifier, _ = get_code(http, provider)
    assert exchange_code(provider, code, verifier, basic=False).status_code == 200

    code, verifier, _ = get_code(http, provider)
    data = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI, "code_verifier": verifier}
    wrong = requests.post(f"{provider.issuer}/token", data=data, auth=(CLIENT_ID, "not-the-secret"), timeout=10)
    assert wrong.status_code == 401
    assert wrong.json()["error"] == "invalid_client"


def test_wrong_or_missing_pkce_verifier_is_refused(provider: Provider, http: requests.Session) -> None:
    code, _, _ = get_code(http, provider)
    wrong = exchange_code(provider, code, pkce_pair()[0])
    assert wrong.status_code == 400
    assert wrong.json()["error"] == "invalid_grant"

    code, _, _ = get_code(http, provider)
    missing = exchange_code(provider, code, None)
    assert missing.status_code == 400
    assert missing.json()["error"] == "invalid_request"


def test_a_code_is_good_once(provider: Provider, http: requests.Session) -> None:
    code, verifier, _ = get_code(http, provider)
    assert exchange_code(provider, code, verifier).status_code == 200
    replay = exchange_code(provider, code, verifier)
    assert replay.status_code == 400
    assert replay.json()["error"] == "invalid_grant"


@pytest.mark.parametrize(
    ("overrides", "why"),
    [
        ({"code_challenge": None, "code_challenge_method": None}, "no PKCE"),
        ({"code_challenge_method": "plain"}, "plain PKCE"),
        ({"nonce": None}, "no nonce"),
        ({"scope": "email profile"}, "no openid scope"),
    ],
)
def test_authorization_requests_without_pkce_s256_a_nonce_or_openid_are_sent_back(
    provider: Provider, http: requests.Session, overrides: dict[str, str | None], why: str
) -> None:
    url = authorize_url(provider, pkce_pair()[1], state=ODD_STATE, **overrides)
    answer = http.get(url, allow_redirects=False, timeout=10)
    assert answer.status_code == 302, why
    back = redirect_params(answer.headers["Location"])
    assert back["error"] in {"invalid_request", "invalid_scope"}, why
    assert back["state"] == ODD_STATE
    assert "code" not in back


def test_redirect_uri_must_match_exactly(provider: Provider, http: requests.Session) -> None:
    challenge = pkce_pair()[1]
    for near_miss in (REDIRECT_URI + "/", REDIRECT_URI.replace("127.0.0.1", "localhost"), REDIRECT_URI + "?x=1"):
        answer = http.get(authorize_url(provider, challenge, redirect_uri=near_miss), allow_redirects=False, timeout=10)
        assert answer.status_code == 400, near_miss  # never redirected to an unregistered URI
        assert answer.json()["error"] == "invalid_request"

    # A registered URI with a query keeps it, and the token request must name the same URI.
    code, verifier, _ = get_code(http, provider, redirect_uri=OTHER_REDIRECT_URI)
    mismatch = exchange_code(provider, code, verifier, redirect_uri=REDIRECT_URI)
    assert mismatch.status_code == 400
    assert mismatch.json()["error"] == "invalid_grant"


def test_a_registered_query_is_kept_on_the_redirect(provider: Provider, http: requests.Session) -> None:
    verifier, challenge = pkce_pair()
    url = authorize_url(provider, challenge, redirect_uri=OTHER_REDIRECT_URI, state="s1")
    back = redirect_params(sign_in(http, url, "teacher", PASSWORD), OTHER_REDIRECT_URI)
    assert back["tenant"] == "northfield" and back["state"] == "s1"
    assert exchange_code(provider, back["code"], verifier, redirect_uri=OTHER_REDIRECT_URI).status_code == 200


def test_wrong_password_shows_the_form_again(provider: Provider, http: requests.Session) -> None:
    url = authorize_url(provider, pkce_pair()[1])
    answer = http.post(url, data={"username": "teacher", "password": "wrong"}, allow_redirects=False, timeout=10)
    assert answer.status_code == 401
    assert "Wrong username or password." in answer.text and "Sign in" in answer.text


def test_a_nonce_is_not_accepted_twice(provider: Provider, http: requests.Session) -> None:
    nonce = secrets.token_urlsafe(12)
    get_code(http, provider, nonce=nonce)
    again = http.get(authorize_url(provider, pkce_pair()[1], nonce=nonce), allow_redirects=False, timeout=10)
    assert again.status_code == 302
    assert redirect_params(again.headers["Location"])["error"] == "invalid_request"


def test_wrong_audience_fault_names_another_client(provider: Provider, http: requests.Session) -> None:
    id_token, _ = id_token_for(http, provider, "wrong_audience")
    claims = jwt.decode(id_token, jwks(provider), algorithms=["RS256"]).claims  # well signed
    assert claims["aud"] == "another-school-app"


def test_expired_fault_is_an_hour_past(provider: Provider, http: requests.Session) -> None:
    id_token, _ = id_token_for(http, provider, "expired")
    claims = jwt.decode(id_token, jwks(provider), algorithms=["RS256"]).claims  # well signed
    now = time.time()
    assert now - 3600 - 10 <= claims["exp"] <= now - 3600 + 10
    assert claims["iat"] < claims["exp"]
    with pytest.raises(ExpiredTokenError):
        JWTClaimsRegistry(exp={"essential": True}).validate(claims)


def test_bad_signature_fault_fails_only_the_signature_check(provider: Provider, http: requests.Session) -> None:
    id_token, sent = id_token_for(http, provider, "bad_signature")
    keys = jwks(provider)
    with pytest.raises(BadSignatureError):
        jwt.decode(id_token, keys, algorithms=["RS256"])
    header = json.loads(base64.urlsafe_b64decode(id_token.split(".")[0] + "=="))
    assert header["kid"] == keys.keys[0].kid  # the same kid: a key lookup alone would not catch it
    claims = unverified_claims(id_token)
    assert (claims["aud"], claims["iss"], claims["nonce"]) == (CLIENT_ID, provider.issuer, sent["nonce"])
    assert claims["exp"] > time.time()


def test_issuer_override_and_injected_clock() -> None:
    config = sample_config([REDIRECT_URI], now="2027-02-17T08:30:00Z")
    config["issuer_override"] = "https://idp.northfield.example.edu"
    with start_provider(config) as other, requests.Session() as http:
        assert requests.get(other.discovery_url, timeout=10).json()["issuer"] == other.issuer
        id_token, _ = id_token_for(http, other, "teacher")
        claims = jwt.decode(id_token, jwks(other), algorithms=["RS256"]).claims
    assert claims["iss"] == "https://idp.northfield.example.edu"
    injected = 1802853000  # 2027-02-17T08:30:00Z
    assert injected <= claims["iat"] <= injected + 60


def test_a_bad_config_fails_to_start_with_the_reason() -> None:
    config = sample_config([REDIRECT_URI])
    config["users"][0]["fault"] = "sometimes"
    with pytest.raises(RuntimeError, match="unknown fault 'sometimes'"):
        start_provider(config)
