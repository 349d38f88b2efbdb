"""The address of the client that sent a request: the one rule the audit log, the sign-in lockout (django-axes)
and the public referral form's limit all use.

It is the connection's own address, unless the connection comes from a trusted proxy (settings.TRUSTED_PROXIES,
with BEHIND_PROXY on): then it is the last address in X-Forwarded-For that is not a trusted proxy, the one the
proxy itself saw. Anything a client writes into X-Forwarded-For sits to the left of that and is never
believed, so a client cannot pick another's address.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _parse(value: str) -> str | None:
    """The address in its canonical form, or None when `value` is not an IP address."""
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


@lru_cache(maxsize=8)
def _networks(trusted: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in trusted if entry.strip())


def _is_trusted(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_address(request: HttpRequest) -> str | None:
    """The address of the client that sent `request` (django-axes's AXES_CLIENT_IP_CALLABLE)."""
    peer = _parse(str(request.META.get("REMOTE_ADDR") or ""))
    if peer is None or not settings.BEHIND_PROXY or not _is_trusted(peer):
        return peer
    hops = str(request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",")
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            # A trusted proxy writes a well-formed address; anything else is the client's own text.
            return peer
        if not _is_trusted(address):
            return address
    # Only proxies (or no header): the nearest of them is the best this request can say.
    return peer
