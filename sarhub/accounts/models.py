"""Account security records: the sessions a person has open, and the demo second factor."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django_otp.models import Device


class UserSession(models.Model):
    """One signed-in session, so people can see and end their sessions and deactivation ends them all.

    The IP address and a short browser description are shown to the person themselves only.
    """

    session_key = models.CharField(max_length=40, unique=True)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sessions")
    created_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self) -> str:
        return f"Session of person {self.person_id}"


class DemoCodeDevice(Device):
    """A reusable second-factor code for the demo personas.

    It verifies only while settings.DEMO_MODE is on, and settings refuse DEMO_MODE unless DEBUG is on,
    so it can never open a production account.
    """

    code: models.CharField[str, str] = models.CharField(max_length=16)

    class Meta:
        verbose_name = "demo second-factor code"

    def verify_token(self, token: Any) -> bool:
        if not settings.DEMO_MODE:
            return False
        return isinstance(token, str) and token.strip() == self.code
