"""Issue 13 part 6: schemathesis over /api/v1/openapi.json, as several roles.

Every operation of the live OpenAPI document gets generated requests (valid and invalid by the
document: wrong types, missing fields, odd path values), each sent as a teacher, a student, a
school admin and a moderator with their session cookie and X-CSRFToken header. No answer may be
a 5xx or carry a stack trace; afterwards the server log holds no ERROR line.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from registry import openapi_document
from support import Api, ServerProcess

EXAMPLES = int(os.environ.get("EXCHANGE_FUZZ_API_EXAMPLES", "6"))  # per operation and run; CI keeps the default
ROLES = {
    "teacher": "astrid.lunde@fjordvik.example",
    "student": "nora.berg",
    "admin": "admin@fjordvik.example",
    "moderator": "moderator@exchange.example",
}
ENDS_THE_LOGIN = ("/api/v1/auth/logout", "/api/v1/auth/login")


@pytest.fixture(scope="module")
def api_server():
    srv = ServerProcess(
        env={
            "EXCHANGE_RATE_BURST": "100000",
            "EXCHANGE_RATE_PER_MINUTE": "1000000",
            "EXCHANGE_LOGIN_MAX_FAILURES": "100000",
            "EXCHANGE_LOGIN_ADDRESS_LIMIT": "100000 per 1 minute",
            "EXCHANGE_JOIN_CODE_LIMIT": "100000 per 1 minute",
            "EXCHANGE_SECRET_LINK_LIMIT": "100000 per 1 minute",
        }
    ).start()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def sessions(api_server):
    return {role: Api(api_server.url).login(login) for role, login in ROLES.items()}


# The document is built in-process from the live URL map (the same code serves it), so the
# operations are known when the tests are collected; the requests go to the real server.
schema = schemathesis.openapi.from_dict(openapi_document())


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_no_operation_answers_5xx_or_a_traceback(case, sessions, api_server):
    for role, client in sessions.items():
        response = case.call(
            base_url=api_server.url,
            session=client.http,
            headers={"X-CSRFToken": client.csrf, "Accept": "application/json"},
            timeout=20,
        )
        body = case.body if isinstance(case.body, (dict, list, str, int, float)) else None
        where = f"{role} {case.method} {case.formatted_path} body={body!r:.300}"
        assert response.status_code < 500, f"{where}: {response.status_code} {response.text[:300]}"
        assert "Traceback" not in response.text, f"{where}: {response.text[:300]}"
        if case.path in ENDS_THE_LOGIN:  # a logout (or a login attempt) may end this role's login: log in again
            sessions[role] = Api(api_server.url).login(ROLES[role])


def test_server_log_holds_no_error_after_the_fuzzing(api_server):
    """Last in the module: nothing the fuzzing sent made the server log an error or a traceback."""
    log = api_server.log_path.read_text(errors="replace")
    bad = [line for line in log.splitlines() if " ERROR " in line or line.startswith("Traceback")]
    assert not bad, "\n".join(bad[:20])
