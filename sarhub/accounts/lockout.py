"""Who is guessing passwords, and when to stop them, without letting anyone lock someone else out.

Two limits, both over the last AXES_COOLOFF_TIME (30 minutes), both answered with the same HTTP 429 page:
- one email address from one client address: AXES_FAILURE_LIMIT (10) failures lock that pair (django-axes);
- one client address across any emails: SIGN_IN_FAILURES_PER_ADDRESS (100) failures refuse that address.
Neither counts per email address alone, so typing a colleague's email wrongly from one place never locks them
out where they are; and neither counts per connection, so everyone behind one reverse proxy is not one address.

The client address is the connection's own, unless the connection comes from a trusted proxy
(settings.TRUSTED_PROXIES, with BEHIND_PROXY on): then it is the last address in X-Forwarded-For that is not a
trusted proxy, the one the proxy itself saw. Anything a client writes into X-Forwarded-For sits to the left of
that and is never believed, so a client cannot pick another's address.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

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


def failures_from_address(address: str | None) -> int:
    """Failed sign-ins recorded from `address` across all emails within the cool-off period."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(attempt_time__gte=since)
    attempts = attempts.filter(ip_address=address) if address else attempts.filter(ip_address__isnull=True)
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


def address_is_refused(request: HttpRequest) -> bool:
    """Whether this client's address has failed too often to be allowed another sign-in attempt."""
    return failures_from_address(client_address(request)) >= settings.SIGN_IN_FAILURES_PER_ADDRESS
