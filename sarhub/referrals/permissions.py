"""Who may see and make referrals. The only place these rules live.

The confidential record (the adult's identity, what happened) is for the business unit, the SAR
subgroup and the independent chair. A professional referrer follows the status of their own
referrals without seeing anyone else's.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from sarhub.core.roles import BUSINESS_UNIT_ROLES, Role
from sarhub.referrals.models import Referral, ScopingRequest

CASE_ROLES = (*BUSINESS_UNIT_ROLES, Role.SAR_SUBGROUP_MEMBER, Role.INDEPENDENT_CHAIR)


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_make_referral(user: Any) -> bool:
    """Any signed-in member of the partnership with a role may refer."""
    return _active(user) and bool(user.role_set)


def can_view_referrals(user: Any) -> bool:
    return _active(user) and user.has_role(*CASE_ROLES)


def can_manage_referrals(user: Any) -> bool:
    """The business unit runs screening: requests to agencies and moving a referral on."""
    return _active(user) and user.has_role(*BUSINESS_UNIT_ROLES)


def can_recommend(user: Any) -> bool:
    """The SAR subgroup recommends (the business unit may record it for them)."""
    return _active(user) and user.has_role(*BUSINESS_UNIT_ROLES, Role.SAR_SUBGROUP_MEMBER)


def can_decide(user: Any) -> bool:
    """The independent chair decides."""
    return _active(user) and user.has_role(Role.INDEPENDENT_CHAIR)


def agency_lead_agencies(user: Any) -> list[Any]:
    return user.agencies_for(Role.AGENCY_SAFEGUARDING_LEAD) if _active(user) else []


def can_answer_scoping(user: Any) -> bool:
    """Agency safeguarding leads answer the requests addressed to their agency."""
    return bool(agency_lead_agencies(user))


def can_read_scoping_request(user: Any, request: ScopingRequest) -> bool:
    if can_view_referrals(user):
        return True
    return any(a.pk == request.agency_id for a in agency_lead_agencies(user))


def access_scoping_request(user: Any, request_id: Any) -> ScopingRequest:
    """A scoping request for the case team or the lead of the agency it is addressed to; 404 otherwise."""
    try:
        request = ScopingRequest.objects.select_related("referral", "agency").get(pk=int(request_id))
    except (ScopingRequest.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if not can_read_scoping_request(user, request):
        raise Http404
    return request


def access_referral(user: Any, referral_id: Any) -> Referral:
    """The referral's confidential record, for those who may see it; 404 for everyone else."""
    if not can_view_referrals(user):
        raise Http404
    try:
        return Referral.objects.select_related("referrer_agency", "referred_by").get(pk=int(referral_id))
    except (Referral.DoesNotExist, TypeError, ValueError):
        raise Http404 from None


def access_referral_record(user: Any, referral_id: Any) -> Referral:
    """As access_referral, with the subgroup's recommendation, the decision and the letter read in the
    same query (the referral page shows all three)."""
    if not can_view_referrals(user):
        raise Http404
    try:
        return Referral.objects.select_related(
            "referrer_agency", "referred_by", "recommendation", "decision", "outcome_letter"
        ).get(pk=int(referral_id))
    except (Referral.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None
