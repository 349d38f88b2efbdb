"""Second factors and sessions: writes, all audited."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sarhub.audit.models import Action, Outcome
from sarhub.audit.services import record
from sarhub.partnership.models import Person

BACKUP_CODE_COUNT = 10


def start_totp_setup(person: Person) -> TOTPDevice:
    """An unconfirmed authenticator-app device; it counts only once a code from it is checked."""
    TOTPDevice.objects.filter(user=person, confirmed=False).delete()
    return TOTPDevice.objects.create(user=person, name="Authenticator app", confirmed=False)


@transaction.atomic
def confirm_totp(person: Person, device: TOTPDevice) -> None:
    """The new app replaces any earlier one."""
    TOTPDevice.objects.filter(user=person).exclude(pk=device.pk).delete()
    TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
    device.confirmed = True
    record(Action.CREATE, person=person, obj=device, detail="authenticator app set up")


def totp_being_set_up(person: Person, device_id: Any) -> TOTPDevice:
    """The authenticator app this person is setting up: the unconfirmed device whose id their session keeps,
    or a new one if there is none."""
    device = TOTPDevice.objects.filter(pk=device_id, user=person, confirmed=False).first()
    return device if device is not None else start_totp_setup(person)


def finish_totp_setup(person: Person, device: TOTPDevice, code: str) -> list[str] | None:
    """Check a code from the app being set up. If it is right, in one transaction: the device is confirmed
    (replacing any earlier app), the second factor is audited, and new backup codes are issued and returned
    (to show once). If it is wrong, the failure is audited and nothing else changes (None)."""
    if device.user_id != person.pk or device.confirmed:
        raise PermissionDenied
    if not device.verify_token(code):
        record(Action.SECOND_FACTOR_FAILED, person=person, obj=person, outcome=Outcome.FAILURE, detail="set-up")
        return None
    with transaction.atomic():
        confirm_totp(person, device)
        record(Action.SECOND_FACTOR, person=person, obj=person, detail="TOTPDevice set up")
        return new_backup_codes(person)


@transaction.atomic
def new_backup_codes(person: Person) -> list[str]:
    """Ten single-use codes, shown once. Earlier codes stop working."""
    device, _ = StaticDevice.objects.get_or_create(user=person, name="Backup codes", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    record(Action.CREATE, person=person, obj=device, detail="backup codes issued")
    return codes


def backup_codes_left(person: Person) -> int:
    return StaticToken.objects.filter(device__user=person, device__confirmed=True).count()


def end_sessions(person: Person, *, except_key: str | None = None) -> int:
    """End every session the person has open (but `except_key`, their current one); returns how many."""
    from sarhub.accounts.models import UserSession

    keys = list(UserSession.objects.filter(person=person).values_list("session_key", flat=True))
    if except_key:
        keys = [k for k in keys if k != except_key]
    Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(person=person, session_key__in=keys).delete()
    return len(keys)


def end_other_sessions(person: Person, current_key: str | None) -> int:
    ended = end_sessions(person, except_key=current_key)
    record(Action.SESSION_ENDED, person=person, obj=person, detail=f"{ended} other sessions ended by the person")
    return ended


def describe_agent(user_agent: str) -> str:
    """A short, recognisable browser description (no fingerprinting detail is kept)."""
    ua = user_agent or ""
    browser = next(
        (
            name
            for key, name in [
                ("Edg/", "Edge"),
                ("Firefox/", "Firefox"),
                ("Chrome/", "Chrome"),
                ("Safari/", "Safari"),
            ]
            if key in ua
        ),
        "Unknown browser",
    )
    system = next(
        (
            name
            for key, name in [
                ("Windows", "Windows"),
                ("iPhone", "iPhone"),
                ("iPad", "iPad"),
                ("Android", "Android"),
                ("Mac OS", "macOS"),
                ("Linux", "Linux"),
            ]
            if key in ua
        ),
        "unknown system",
    )
    return f"{browser} on {system}"


def session_info(request: Any) -> dict[str, str]:
    from sarhub.core.middleware import client_ip

    return {
        "ip": client_ip(request) or "",
        "user_agent": describe_agent(request.META.get("HTTP_USER_AGENT", "")),
    }
