"""Who may manage partner API tokens. The only place these rules live.

- The business unit issues tokens (for an agency, acting as one of its safeguarding leads), sees every
  token and revokes any of them.
- An agency's safeguarding leads see their own agency's tokens and may revoke them (never issue them):
  the lead owns the integration, and must be able to stop a lost or leaked token at once without
  waiting for the business unit. They never see other agencies' tokens (a 404).
- Nobody else sees tokens; system administrators look after the service, not agencies' data.

What a token itself may do through the API is decided in sarhub/api/api.py: only the token's agency's
actions, as its acting person, under sarhub.actions.permissions.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from sarhub.api.models import ApiToken
from sarhub.core.roles import BUSINESS_UNIT_ROLES
from sarhub.reviews.permissions import lead_agency_ids


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_manage_tokens(user: Any) -> bool:
    """Issue tokens, and see and revoke every token: the business unit."""
    return _active(user) and user.has_role(*BUSINESS_UNIT_ROLES)


def can_list_tokens(user: Any) -> bool:
    """See (and revoke) tokens: the business unit, and agencies' safeguarding leads for their own agency."""
    return can_manage_tokens(user) or bool(lead_agency_ids(user))


def can_see_token(user: Any, token: ApiToken) -> bool:
    """The business unit sees every token; an agency's safeguarding leads their own agency's."""
    return can_manage_tokens(user) or (_active(user) and token.agency_id in lead_agency_ids(user))


def can_revoke_token(user: Any, token: ApiToken) -> bool:
    return can_manage_tokens(user) or token.agency_id in lead_agency_ids(user)


def access_token(user: Any, token_id: Any) -> ApiToken:
    """One token for those who may see it; 404 for missing and forbidden alike."""
    try:
        token: ApiToken = ApiToken.objects.select_related("agency", "acting_person").get(pk=int(token_id))
    except (ApiToken.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None
    if not can_see_token(user, token):
        raise Http404
    return token
