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

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from sarhub.core.network import client_address

__all__ = ["address_is_refused", "client_address", "failures_from_address"]


def failures_from_address(address: str | None) -> int:
    """Failed sign-ins recorded from `address` across all emails within the cool-off period."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    attempts = AccessAttempt.objects.filter(attempt_time__gte=since)
    attempts = attempts.filter(ip_address=address) if address else attempts.filter(ip_address__isnull=True)
    return int(attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)


def address_is_refused(request: HttpRequest) -> bool:
    """Whether this client's address has failed too often to be allowed another sign-in attempt."""
    return failures_from_address(client_address(request)) >= settings.SIGN_IN_FAILURES_PER_ADDRESS
