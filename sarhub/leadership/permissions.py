"""Who may read and keep the senior leadership log. The only place these rules live.

- The business unit records presentations and follow-ups, and marks a presentation presented (which
  freezes its pack).
- The independent chair and Board members (senior leaders) read the log, each presentation and its
  pack: the pack holds only signed-off reviews' findings and recommendations, by reference and
  pseudonym, which Board members may already read as summaries.
- No one else sees the log: the list refuses (403), and a presentation is a 404 whether it exists or not.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from sarhub.core.roles import BUSINESS_UNIT_ROLES, Role
from sarhub.leadership.models import FollowUp, Presentation

READER_ROLES = (*BUSINESS_UNIT_ROLES, Role.INDEPENDENT_CHAIR, Role.BOARD_MEMBER)


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_record(user: Any) -> bool:
    return _active(user) and user.has_role(*BUSINESS_UNIT_ROLES)


def can_read_log(user: Any) -> bool:
    return _active(user) and user.has_role(*READER_ROLES)


def _presentation(presentation_id: Any) -> Presentation:
    try:
        return Presentation.objects.select_related("meeting_kind", "recorded_by", "presented_by").get(
            pk=int(presentation_id)
        )
    except (Presentation.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None


def access_presentation(user: Any, presentation_id: Any) -> Presentation:
    """A presentation for those who may read the log; 404 for missing and forbidden alike."""
    if not can_read_log(user):
        raise Http404
    return _presentation(presentation_id)


def access_presentation_for_recording(user: Any, presentation_id: Any) -> Presentation:
    """A presentation for the business unit to change; 404 for everyone else."""
    if not can_record(user):
        raise Http404
    return _presentation(presentation_id)


def access_follow_up(user: Any, presentation: Presentation, follow_up_id: Any) -> FollowUp:
    """A follow-up of this presentation, for the business unit; 404 otherwise (another's id included)."""
    if not can_record(user):
        raise Http404
    try:
        return FollowUp.objects.select_related("owner_agency").get(pk=int(follow_up_id), presentation=presentation)
    except (FollowUp.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None
