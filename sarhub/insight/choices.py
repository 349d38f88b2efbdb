"""Keeping a person's choices about the theme suggestions made for a finding (sarhub/reviews/suggesting.py
calls this, through the hook insight registers, inside the transaction that saves the finding)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.insight.models import SuggestionChoice, SuggestionKind
from sarhub.reviews import permissions as review_permissions
from sarhub.reviews.models import Finding
from sarhub.reviews.suggesting import Choice


@transaction.atomic
def record_choices(actor: Any, finding: Finding, choices: Sequence[Choice]) -> list[SuggestionChoice]:
    """One SuggestionChoice per suggestion the person accepted or rejected; a later choice about the same
    suggestion for the same finding replaces the earlier one. Nothing is kept for a suggestion not chosen."""
    if not review_permissions.can_edit_content(actor, finding.review):
        raise PermissionDenied
    wanted = {(c.kind, c.value): c for c in choices if c.kind in SuggestionKind.values}
    if not wanted:
        return []
    earlier = SuggestionChoice.objects.filter(finding=finding)
    for kind, value in wanted:
        earlier.filter(kind=kind, value=value).delete()
    made = SuggestionChoice.objects.bulk_create(
        SuggestionChoice(
            finding=finding, kind=c.kind, value=c.value, words=list(c.words), accepted=c.accepted, chosen_by=actor
        )
        for c in wanted.values()
    )
    accepted = sum(1 for c in wanted.values() if c.accepted)
    record(
        Action.CREATE,
        person=actor,
        obj=finding,
        detail=f"theme suggestions: {accepted} accepted, {len(wanted) - accepted} rejected",
    )
    return made
