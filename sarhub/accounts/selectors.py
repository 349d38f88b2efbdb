"""Reads for the account pages, each of the signed-in person's own things only."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.models import Session
from django.db.models import QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from sarhub.accounts.models import UserSession


def authenticator_apps(person: Any) -> QuerySet[TOTPDevice]:
    """The person's confirmed authenticator apps."""
    return TOTPDevice.objects.filter(user=person, confirmed=True)


def live_sessions(person: Any) -> QuerySet[UserSession]:
    """The person's sessions that have not expired, the most recently used first."""
    live_keys = Session.objects.filter(expire_date__gt=timezone.now()).values("session_key")
    return UserSession.objects.filter(person=person, session_key__in=live_keys).order_by("-last_seen_at")


def invitation_in_hand(invitation_id: int | None) -> Any:
    """The invitation whose link this browser opened (its id kept in the session), or None."""
    from sarhub.partnership.models import Invitation

    return Invitation.objects.filter(pk=invitation_id or 0).select_related("agency").first()
