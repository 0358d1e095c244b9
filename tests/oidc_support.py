"""Start the test OpenID provider (`tests/oidc_provider.py`) from a test, and sign in on its page over HTTP.

The provider runs as its own process, on its own clock, as a district's would: a test hands it a
config dict and gets back its issuer URL. Typical use::

    with start_provider(sample_config(["http://127.0.0.1:5000/auth/oidc/callback"])) as provider:
        provider.issuer  # "http://127.0.0.1:PORT": discovery is at issuer + "/.well-known/openid-configuration"

`sign_in` does what a person does on the provider's login page, with `requests`, for tests without Chromium.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import requests

PROVIDER_SCRIPT = Path(__file__).resolve().with_name("oidc_provider.py")
EXIT_PORT_IN_USE = 3  # as in oidc_provider.py
START_ATTEMPTS = 3


def free_port() -> int:
    """A port free on 127.0.0.1 a moment ago (another process may take it: start_provider then retries)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Provider:
    """A running provider process; `stop()` (or leaving the `with` block) ends it and removes its files."""

    def __init__(self, process: subprocess.Popen[bytes], issuer: str, workdir: Path, config: dict[str, Any]) -> None:
        self.process = process
        self.issuer = issuer
        self.workdir = workdir
        self.config = config

    @property
    def port(self) -> int:
        return int(self.issuer.rsplit(":", 1)[1])

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def log(self) -> str:
        """What the provider wrote to stderr (werkzeug's request log, tracebacks): for a failing test's message."""
        path = self.workdir / "stderr.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            if self.process.stdin:
                self.process.stdin.close()  # the provider stops by itself at EOF (--exit-with-stdin)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        elif self.process.stdin:
            self.process.stdin.close()
        shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> Provider:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"Provider({self.issuer!r}, pid={self.process.pid})"


def start_provider(config: dict[str, Any], timeout: float = 30.0) -> Provider:
    """Start the provider on a free loopback port and wait until it says READY.

    Raises RuntimeError with the provider's stderr if it exits or stays silent for `timeout` seconds.
    """
    last_error = ""
    for _ in range(START_ATTEMPTS):
        workdir = Path(tempfile.mkdtemp(prefix="oidc-provider-"))
        config_path = workdir / "config.json"
        config_path.write_text(json.dumps(config), encoding="utf-8")
        port = free_port()
        cmd = [sys.executable, str(PROVIDER_SCRIPT), "--port", str(port), "--config", str(config_path)]
        cmd.append("--exit-with-stdin")
        # Files rather than pipes: nobody reads the request log while tests run, and a full pipe would block it.
        with open(workdir / "stdout.log", "wb") as out, open(workdir / "stderr.log", "wb") as err:
            process = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=out, stderr=err, cwd=str(workdir))
        provider = Provider(process, "", workdir, config)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            text = (workdir / "stdout.log").read_text(encoding="utf-8", errors="replace")
            for line in text.splitlines():
                if line.startswith("READY "):
                    provider.issuer = line.split(" ", 1)[1].strip()
                    return provider
            if process.poll() is not None:
                break
            time.sleep(0.05)
        code = process.poll()
        last_error = provider.log()
        provider.stop()
        if code == EXIT_PORT_IN_USE:
            continue
        state = f"exited with code {code}" if code is not None else f"did not say READY within {timeout:g} s"
        raise RuntimeError(f"the test OpenID provider {state}; its stderr:\n{last_error or '(empty)'}")
    raise RuntimeError(f"the test OpenID provider found no free port in {START_ATTEMPTS} tries:\n{last_error}")


def sign_in(http: requests.Session, authorize_url: str, username: str, password: str) -> str:
    """Open the provider's login page at `authorize_url`, sign in, and return where the provider redirects.

    The redirect (to the client's redirect_uri, with code and state, or error) is returned, not followed,
    so the test decides what to do with it. Raises AssertionError if the page or the sign-in fails.
    """
    page = http.get(authorize_url, allow_redirects=False, timeout=10)
    if page.status_code != 200:
        raise AssertionError(f"login page: {page.status_code} {page.headers.get('Location') or page.text[:300]}")
    answer = http.post(
        authorize_url, data={"username": username, "password": password}, allow_redirects=False, timeout=10
    )
    if answer.status_code != 302:
        raise AssertionError(f"sign-in as {username!r}: {answer.status_code} {answer.text[:300]}")
    return answer.headers["Location"]


def sample_config(
    redirect_uris: list[str],
    client_id: str = "classroom-exchange",
    client_secret: str = "test-client-secret-8a1f2c",
    now: str | None = None,
) -> dict[str, Any]:
    """A config with one client and fictional users: a teacher, a student, one per fault, one unverified e-mail.

    Every password is "correct horse"; usernames name the case (e.g. "expired" gets expired ID tokens).
    """
    password = "correct horse"

    def user(username: str, sub: str, email: str, given: str, family: str, **extra: Any) -> dict[str, Any]:
        return {
            "username": username,
            "password": password,
            "sub": sub,
            "email": email,
            "email_verified": extra.pop("email_verified", True),
            "given_name": given,
            "family_name": family,
            "extra_claims": extra.pop("extra_claims", {}),
            "fault": extra.pop("fault", None),
        }

    config: dict[str, Any] = {
        "clients": [
            {"client_id": client_id, "client_secret": client_secret, "redirect_uris": list(redirect_uris)},
            {"client_id": "another-school-app", "client_secret": "other-secret-3b9d", "redirect_uris": []},
        ],
        "users": [
            user(
                "teacher",
                "t-1001",
                "oona.virtanen@northfield.example.edu",
                "Oona",
                "Virtanen",
                extra_claims={"roles": ["teacher"]},
            ),
            user(
                "student",
                "s-2002",
                "kiri.tane@northfield.example.edu",
                "Kiri",
                "Tane",
                extra_claims={"roles": ["student"]},
            ),
            user(
                "unverified",
                "t-1003",
                "pablo.ruiz@example.org",
                "Pablo",
                "Ruiz",
                email_verified=False,
                extra_claims={"roles": ["teacher"]},
            ),
            user("wrong_audience", "f-9001", "wrong.audience@example.org", "Wren", "Audley", fault="wrong_audience"),
            user("expired", "f-9002", "expired@example.org", "Edda", "Sparre", fault="expired"),
            user("bad_signature", "f-9003", "bad.signature@example.org", "Bao", "Signet", fault="bad_signature"),
        ],
    }
    if now is not None:
        config["now"] = now
    return config
