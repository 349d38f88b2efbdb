"""A version stamp for the Board's findings: bumped whenever a finding's text or coding changes, so an index
or model kept in a process (similar findings, theme suggestions) knows, with one indexed read, when it must
rebuild. Bulk loads that bypass model signals (the volume seeder) call `bump()` themselves."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from sarhub.insight.models import Snapshot

KEY = "findings"


def version() -> int:
    """The findings' current version (0 before any change was recorded)."""
    return Snapshot.objects.filter(key=KEY).values_list("version", flat=True).first() or 0


def bump(**_: Any) -> None:
    if not Snapshot.objects.filter(key=KEY).update(version=F("version") + 1):
        Snapshot.objects.get_or_create(key=KEY, defaults={"version": 1})


def _m2m(action: str = "", **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        bump()


def connect() -> None:
    """Listen to the findings (called from the app's ready())."""
    from sarhub.reviews.models import Finding

    post_save.connect(bump, sender=Finding, dispatch_uid="insight-corpus-save")
    post_delete.connect(bump, sender=Finding, dispatch_uid="insight-corpus-delete")
    for field in (Finding.practice_themes, Finding.abuse_types):
        m2m_changed.connect(_m2m, sender=field.through, dispatch_uid=f"insight-corpus-{field.field.name}")
