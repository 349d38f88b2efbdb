"""What reaches the audit log by signal: changes made in the Django admin (through the admin's own LogEntry),
and pages refused by `core.access.requires`."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db.models.signals import post_save
from django.dispatch import receiver

from sarhub.audit.models import Action, Outcome
from sarhub.audit.services import record
from sarhub.core.access import access_denied

_ACTIONS = {ADDITION: Action.CREATE, CHANGE: Action.UPDATE, DELETION: Action.DELETE}


@receiver(post_save, sender=LogEntry, dispatch_uid="sarhub_admin_log_entry")
def on_admin_change(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    if not created:
        return
    model = instance.content_type.model_class() if instance.content_type_id else None  # type: ignore[attr-defined]
    label = model._meta.label_lower if model else "unknown"
    record(
        _ACTIONS.get(instance.action_flag, Action.UPDATE),
        person=instance.user,
        obj=(label, instance.object_id or ""),
        detail="through the administration site" + _fields_changed(instance),
    )


def _fields_changed(entry: LogEntry) -> str:
    """The names (never the values) of the fields the admin's own change message lists."""
    try:
        messages = json.loads(entry.change_message or "[]")
    except ValueError:
        return ""
    names: list[str] = []
    for message in messages if isinstance(messages, list) else []:
        changed = message.get("changed", {}) if isinstance(message, dict) else {}
        names.extend(str(name) for name in changed.get("fields", []) if name not in names)
    return ("; changed: " + ", ".join(names)) if names else ""


@receiver(access_denied, dispatch_uid="sarhub_access_denied")
def on_access_denied(sender: Any, request: Any, route: str, **kwargs: Any) -> None:
    """A page refused by `core.access.requires`: recorded, with the route's name."""
    record(Action.ACCESS_DENIED, person=request.user, obj=("route", route), outcome=Outcome.DENIED)
