"""Tokens for the partner API: an agency's own systems list and update that agency's actions.

A token is issued by the business unit for one agency and names the person it acts as (one of the agency's
safeguarding leads, who owns the integration). Everything the API does is done as that person, under the
same rules as the pages, and only ever to actions the agency owns.

Only a SHA-256 hash of the secret is stored (the secret is shown once, when the token is issued). `prefix`
is a short, non-secret part of the token, for recognising it in lists and logs.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone

from sarhub.partnership.models import Agency


class Scopes(models.TextChoices):
    READ = "read", "Read only: list and view the agency's actions"
    READ_WRITE = "read_write", "Read and write: also report progress on them"


SCOPE_LABELS = {Scopes.READ.value: "Read", Scopes.READ_WRITE.value: "Read and write"}


class ApiToken(models.Model):
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="api_tokens")
    acting_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        help_text="The agency's safeguarding lead the token acts as",
    )
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. the system that uses it")
    prefix = models.CharField(max_length=16, help_text="Not secret: recognises the token in lists")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.CharField(max_length=20, choices=Scopes.choices, default=Scopes.READ)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["agency", "-created_at"], name="apitoken_agency_idx")]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"API token {self.prefix} ({self.name})"

    @property
    def can_write(self) -> bool:
        return self.scopes == Scopes.READ_WRITE

    @property
    def scope_label(self) -> str:
        return SCOPE_LABELS.get(self.scopes, self.scopes)

    def status(self, now: datetime | None = None) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= (now or timezone.now()):
            return "expired"
        return "active"

    @property
    def status_label(self) -> str:
        return {"revoked": "Revoked", "expired": "Expired", "active": "Active"}[self.status()]

    @property
    def is_active(self) -> bool:
        return self.status() == "active"
