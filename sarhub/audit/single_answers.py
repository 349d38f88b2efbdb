"""Which records may have lost answers to a "tick all that apply" question.

Before the release that recorded the `multiple_choice_fixed` milestone, every multiple-choice question
was drawn as radio buttons, so a form kept one answer however many the person meant to give. A record
whose multiple-choice field holds exactly one value, and that was last saved through a page (an audit
event with a request id: not a script or an import) before that release was installed, may have been
cut short. This lists them for the Board to check with whoever entered them; it changes nothing.
It names records by reference only, never by their content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.apps import apps
from django.db.models import Count, Q

from sarhub.core.models import MULTIPLE_CHOICE_FIXED, Milestone

# Each model's multiple-choice fields that a form sets (app_label.Model -> fields).
MULTIPLE_CHOICE_FIELDS: dict[str, list[str]] = {
    "referrals.Referral": ["abuse_types", "agencies"],
    "reviews.Finding": ["practice_themes", "abuse_types"],
    "reviews.ReviewRecommendation": ["agencies", "findings"],
    "events.LearningEvent": ["facilitators"],
    "events.EventTheme": ["practice_themes", "reflections"],
    "briefings.Briefing": ["reviews"],
    "leadership.Presentation": ["reviews", "practice_themes"],
}
SAVES = ("create", "update")


@dataclass(frozen=True)
class Suspect:
    record: str  # e.g. "referral R-2026-00012"
    fields: list[str]
    saved_at: datetime
    saved_by: str


def fixed_at() -> datetime | None:
    milestone = Milestone.objects.filter(key=MULTIPLE_CHOICE_FIXED).first()
    return milestone.reached_at if milestone else None


def _name(obj: Any) -> str:
    kind = str(obj._meta.verbose_name)
    for path in ("reference", "review.reference", "event.review.reference"):
        value: Any = obj
        for part in path.split("."):
            value = getattr(value, part, None)
        if value:
            return f"{kind} {obj.pk} ({value})" if path != "reference" else f"{kind} {value}"
    return f"{kind} {obj.pk}"


def suspects(before: datetime) -> list[Suspect]:
    from sarhub.audit.models import AuditEvent  # (this module is in the audit app)

    found: list[Suspect] = []
    for label, fields in MULTIPLE_CHOICE_FIELDS.items():
        model = apps.get_model(label)
        counts = {f"n_{field}": Count(field, distinct=True) for field in fields}
        one = Q()
        for field in fields:
            one |= Q(**{f"n_{field}": 1})
        rows = {row["pk"]: row for row in model.objects.annotate(**counts).filter(one).values("pk", *counts)}
        if not rows:
            continue
        last: dict[str, tuple[datetime, str]] = {}
        events = (
            AuditEvent.objects.filter(
                object_type=model._meta.label_lower, object_id__in=[str(pk) for pk in rows], action__in=SAVES
            )
            .exclude(request_id="")
            .order_by("at")
            .values_list("object_id", "at", "person__email")
        )
        for object_id, at, email in events:
            last[object_id] = (at, email or "")
        for obj in model.objects.filter(pk__in=rows).order_by("pk"):
            saved = last.get(str(obj.pk))
            if saved is None or saved[0] >= before:
                continue
            one_answer = [field for field in fields if rows[obj.pk][f"n_{field}"] == 1]
            found.append(Suspect(_name(obj), one_answer, saved[0], saved[1]))
    return found
