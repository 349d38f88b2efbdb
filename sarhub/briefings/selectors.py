"""Reading 7-minute briefings for the staff pages: every read takes the acting person and returns only what
they may see (the rules are in `permissions`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from sarhub.briefings import permissions
from sarhub.briefings.models import AgencyCascade, Briefing, BriefingProposal, BriefingVersion, Circulation
from sarhub.partnership.models import Agency
from sarhub.partnership.notify import lead_counts
from sarhub.reviews.models import Review
from sarhub.reviews.permissions import lead_agency_ids


def visible_briefings(user: Any) -> QuerySet[Briefing]:
    """Every briefing for the oversight roles; the briefings sent to the partnership for leads and Board
    members; none for anyone else."""
    if permissions.reads_every_briefing(user):
        return Briefing.objects.all()
    if permissions.can_list_briefings(user):
        return Briefing.objects.filter(pk__in=Circulation.objects.values("briefing_id"))
    return Briefing.objects.none()


def visible_versions(user: Any, briefing: Briefing) -> QuerySet[BriefingVersion]:
    """A briefing's versions: all of them for the oversight roles, the versions sent for everyone else."""
    if permissions.reads_every_briefing(user):
        return briefing.versions.all()
    return briefing.versions.filter(pk__in=Circulation.objects.filter(briefing=briefing).values("version_id"))


def cascades_for(user: Any) -> QuerySet[AgencyCascade]:
    """The circulations addressed to the agencies this person leads, newest first."""
    return (
        AgencyCascade.objects.filter(agency_id__in=lead_agency_ids(user))
        .select_related("agency", "circulation__version", "circulation__briefing")
        .annotate(teams=Count("records"))
        .order_by("-circulation__sent_at", "agency__name")
    )


def covered_reviews(user: Any, briefing: Briefing) -> list[Review]:
    """The reviews the briefing is about: for the oversight roles only."""
    if not permissions.reads_every_briefing(user):
        return []
    return list(briefing.reviews.order_by("reference"))


def circulations(user: Any, briefing: Briefing) -> list[Circulation]:
    """Every time the briefing was sent: for the oversight roles only."""
    if not permissions.reads_every_briefing(user):
        return []
    return list(briefing.circulations.select_related("version", "sent_by"))


def proposals(user: Any, briefing: Briefing) -> list[BriefingProposal]:
    """The briefing's proposals for publication, with their decisions: for the oversight roles only."""
    if not permissions.reads_every_briefing(user):
        return []
    return list(briefing.proposals.select_related("version", "proposed_by", "decided_by"))


def recipients() -> dict[str, Any]:
    """Who a send reaches: the active agencies, how many current safeguarding leads in all, and the
    agencies with none (no one there is emailed)."""
    agencies = list(Agency.objects.filter(is_active=True).order_by("name"))
    counts = lead_counts(a.pk for a in agencies)
    return {
        "agencies": len(agencies),
        "leads": sum(counts.values()),
        "without_lead": [agency.name for agency in agencies if not counts[agency.pk]],
    }
