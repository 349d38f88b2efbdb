"""Reading partner API tokens for the staff pages: every read takes the acting person and returns only the
tokens they may see (the rules are in `permissions`)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from sarhub.actions.models import Action
from sarhub.actions.selectors import visible_actions
from sarhub.api import permissions
from sarhub.api.models import ApiToken
from sarhub.reviews.permissions import lead_agency_ids


def visible_tokens(user: Any) -> QuerySet[ApiToken]:
    """Every token for the business unit; an agency's own tokens for its safeguarding leads; none otherwise."""
    if permissions.can_manage_tokens(user):
        return ApiToken.objects.all()
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(agency_id__in=lead_agency_ids(user))


def token_list(user: Any) -> QuerySet[ApiToken]:
    """The tokens page: the tokens this person may see, with who issued, acts for and revoked each."""
    return visible_tokens(user).select_related("agency", "acting_person", "created_by", "revoked_by")


def agency_actions(token: ApiToken) -> QuerySet[Action]:
    """The actions a token may reach: its acting person's, under the pages' rules, and only its agency's."""
    return (
        visible_actions(token.acting_person)
        .filter(owner_agency_id=token.agency_id)
        .select_related("review", "owner_agency", "lead", "recommendation")
    )
