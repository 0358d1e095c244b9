"""Client secrets of sign-in providers, encrypted at rest with a key derived from the server's secret.

A database dump or backup alone does not give away a school's OpenID client secret: the key is
derived (HKDF-SHA256, its own `info` label) from SECRET_KEY, which lives outside the database.
Changing SECRET_KEY makes stored secrets unreadable; the admin page then asks for the secret again.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

_INFO = b"classroom-exchange/identity/client-secret/v1"


def _fernet(server_secret: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(server_secret.encode("utf-8"))
    return Fernet(base64.urlsafe_b64encode(key))


def seal(plain: str, server_secret: str) -> str:
    """The secret, encrypted and authenticated, as text for the database ("" stays "")."""
    if not plain:
        return ""
    return _fernet(server_secret).encrypt(plain.encode("utf-8")).decode("ascii")


def open_sealed(sealed: str, server_secret: str) -> str | None:
    """The secret back, or None when it was sealed with another server secret (or tampered with)."""
    if not sealed:
        return ""
    try:
        return _fernet(server_secret).decrypt(sealed.encode("ascii")).decode("utf-8")
    except (InvalidToken, ValueError):
        return None
