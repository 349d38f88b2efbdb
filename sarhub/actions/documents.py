"""Evidence for an action is a document of the action (sarhub.documents): read by whoever may see the
action, added by whoever may report its progress (and by the business unit)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from sarhub.actions.models import Action
from sarhub.actions.permissions import can_manage_actions, can_report_progress, can_see_action
from sarhub.documents.permissions import OwnerRules, register_owner


def _can_read(user: Any, action: Action) -> bool:
    return can_see_action(user, action)


def _can_add(user: Any, action: Action) -> bool:
    return can_manage_actions(user) or can_report_progress(user, action)


register_owner(
    Action,
    OwnerRules(
        can_read=_can_read,
        can_add=_can_add,
        detail_url=lambda action: reverse("actions:detail", args=[action.pk]),
        label=lambda action: f"Action {action.pk} ({action.review.reference})",
    ),
)
