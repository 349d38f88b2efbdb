"""Secret tokens sent in links or shown once (invitations, event replies, partner API tokens): only a
token's SHA-256 hash is ever stored, so a stolen database gives no working link.

The hash is the hex SHA-256 of the token's UTF-8 bytes (64 characters), as every stored `token_hash` has
always been: changing it would break every link already sent.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

TOKEN_BYTES = 32  # 43 URL-safe characters


def new_token(nbytes: int = TOKEN_BYTES) -> str:
    """A new random, URL-safe token."""
    return secrets.token_urlsafe(nbytes)


def hash_token(token: str) -> str:
    """What is stored for a token: its SHA-256, in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same_hash(stored: str | None, token: str) -> bool:
    """Whether `token` hashes to the stored hash, compared in constant time (False when none is stored)."""
    return stored is not None and hmac.compare_digest(stored, hash_token(token))
