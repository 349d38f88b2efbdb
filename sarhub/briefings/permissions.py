"""Who may write, approve, send and read 7-minute briefings, and record their cascade. The only place
these rules live.

- The business unit writes briefings, proposes them for publication, sends them to agencies and reminds.
- The independent chair approves publication (see `sarhub.publication.permissions`).
- The oversight roles (business unit, SAR subgroup, chair) read every briefing and every agency's cascade.
- Agency safeguarding leads read the versions sent to them and record their own agency's cascade.
- Board members read the versions sent to the partnership.
Anything else is a 404: a briefing's existence is not disclosed.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from sarhub.briefings.models import AgencyCascade, Briefing, BriefingVersion, Circulation
from sarhub.core.roles import BUSINESS_UNIT_ROLES
from sarhub.reviews.permissions import is_board_reader, lead_agency_ids, sees_all_reviews


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_write_briefings(user: Any) -> bool:
    return _active(user) and user.has_role(*BUSINESS_UNIT_ROLES)


def reads_every_briefing(user: Any) -> bool:
    return sees_all_reviews(user)


def can_list_briefings(user: Any) -> bool:
    return reads_every_briefing(user) or bool(lead_agency_ids(user)) or is_board_reader(user)


def can_record_cascade(user: Any) -> bool:
    return bool(lead_agency_ids(user))


def can_see_briefing(user: Any, briefing: Briefing) -> bool:
    """The oversight roles see every briefing; the leads and Board members only one that has been sent."""
    if reads_every_briefing(user):
        return True
    return can_list_briefings(user) and Circulation.objects.filter(briefing_id=briefing.pk).exists()


def can_see_version(user: Any, version: BriefingVersion) -> bool:
    """The oversight roles see every version; everyone else only a version that has been sent."""
    return (
        reads_every_briefing(user)
        or Circulation.objects.filter(briefing_id=version.briefing_id, version_id=version.pk).exists()
    )


def _get(model: Any, pk: Any, **related: Any) -> Any:
    try:
        return model.objects.select_related(*related.get("select", ())).get(pk=int(pk))
    except (model.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None


def access_briefing(user: Any, briefing_id: Any) -> Briefing:
    briefing: Briefing = _get(Briefing, briefing_id)
    if not can_see_briefing(user, briefing):
        raise Http404
    return briefing


def access_version(user: Any, briefing: Briefing, version_id: Any) -> BriefingVersion:
    version: BriefingVersion = _get(BriefingVersion, version_id)
    if version.briefing_id != briefing.pk or not can_see_version(user, version):
        raise Http404
    return version


def access_cascade(user: Any, cascade_id: Any) -> AgencyCascade:
    """An agency's part in a circulation: its leads, and the oversight roles."""
    cascade: AgencyCascade = _get(AgencyCascade, cascade_id, select=("agency", "circulation__briefing"))
    if not (reads_every_briefing(user) or cascade.agency_id in lead_agency_ids(user)):
        raise Http404
    return cascade


def can_add_record(user: Any, cascade: AgencyCascade) -> bool:
    return cascade.agency_id in lead_agency_ids(user)
