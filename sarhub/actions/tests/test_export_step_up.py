"""Every bulk export asks for a fresh security code first (ASVS 7.5.3), and each export is audited.

The bulk exports are listed here and in docs/security.md; a route named as an export that is not
listed, or not behind the step-up, fails `test_every_export_route_is_listed_and_behind_the_step_up`.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sarhub.accounts.middleware import SECOND_FACTOR_AT
from sarhub.audit.models import Action, AuditEvent
from tests.pages import browse_as, press

# (route name, who exports, what arrives)
BULK_EXPORTS = [
    ("actions:export-csv", "bu_manager", "text/csv"),
    ("actions:export-xlsx", "bu_manager", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("audit:export", "bu_manager", "text/csv"),
]
STEP_UP = reverse("accounts:step-up")


def _code(person) -> str:
    device = TOTPDevice.objects.get(user=person, confirmed=True)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _browser_with_an_old_code(person):
    """Signed in with a code entered six minutes ago (past the five-minute step-up window)."""
    browser = browse_as(person)
    session = browser.session
    session[SECOND_FACTOR_AT] = (timezone.now() - timedelta(minutes=6)).isoformat()
    session.save()
    return browser


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "who", "content_type"), BULK_EXPORTS)
def test_a_bulk_export_without_a_fresh_code_asks_for_one_then_downloads(personas, route, who, content_type):
    person = personas[who]
    url = reverse(route)
    browser = _browser_with_an_old_code(person)
    exports_before = AuditEvent.objects.filter(action=Action.EXPORT).count()

    asked = browser.get(url)
    assert asked.status_code == 302
    assert asked["Location"].startswith(STEP_UP + "?next=")
    assert "Content-Disposition" not in asked.headers
    assert asked.body == b""  # no data sent
    assert AuditEvent.objects.filter(action=Action.EXPORT).count() == exports_before

    page = asked.follow()
    back = press(page, "Continue", otp_token=_code(person))
    assert back.status_code == 302
    download = back.follow()
    assert download.status_code == 200
    assert download.headers["Content-Type"].startswith(content_type)
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.body
    assert AuditEvent.objects.filter(action=Action.EXPORT, person=person).count() == exports_before + 1


def _named_routes(resolver: URLResolver, prefix: str = "") -> dict[str, object]:
    found: dict[str, object] = {}
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            found |= _named_routes(entry, f"{prefix}{entry.namespace}:" if entry.namespace else prefix)
        elif isinstance(entry, URLPattern) and entry.name:
            found[prefix + entry.name] = entry.callback
    return found


def test_every_export_route_is_listed_and_behind_the_step_up() -> None:
    routes = _named_routes(get_resolver())
    exports = {name for name in routes if "export" in name}
    assert exports == {route for route, _who, _type in BULK_EXPORTS}
    for name in exports:
        assert getattr(routes[name], "needs_step_up", False), f"{name} does not ask for a fresh code"
