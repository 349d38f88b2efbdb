"""Good practice, shared: the positive practice found across the Board's reviews, for the Board and the
partnership's leads. Reads only; every read takes the acting person (the rules are in `permissions`).

Two sources, newest first:
- a review's findings of the kind "good practice", dated when the finding was recorded;
- the positive practice a learning event's team collated (an event theme of the kind "positive practice to
  share", written without attribution; the event report shares the same), dated when the event was held.
  Reflections themselves never show here.

By agency, honestly: a finding has no agency, so it counts for an agency only where its text names the
agency (its full name, or its short name as a word); a collated theme counts for the agencies of the
reflections it draws on, and only for an agency from which 3 or more people took part in the event, so
no theme can be traced to one person. The page says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.paginator import Page
from django.db.models import Count, DateTimeField, F, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone

from sarhub.actions.annual import FinancialYear
from sarhub.core.paginator import CountedPaginator
from sarhub.events.models import EventInvitation, EventStatus, EventTheme, Reply, ThemeKind
from sarhub.insight import permissions
from sarhub.partnership.models import Agency
from sarhub.reviews import permissions as review_permissions
from sarhub.reviews.models import Finding, FindingKind, Review
from sarhub.taxonomy.models import LearningDomain, PracticeTheme

PER_PAGE = 20
MIN_GROUP = 3  # an agency is named beside a collated theme only if this many of its people took part
FINDING, THEME = "finding", "event-theme"
DOMAIN_LABELS = {value: str(label) for value, label in LearningDomain.choices}


@dataclass(frozen=True)
class Filters:
    agency: Agency | None = None
    theme: PracticeTheme | None = None
    year: int | None = None  # the financial year starting 1 April of this year

    @property
    def span(self) -> tuple[datetime, datetime] | None:
        if self.year is None:
            return None
        year = FinancialYear(self.year)
        return year.starts_at(), year.ends_before()


# --- Whose reviews --------------------------------------------------------------------------------------


def reviews_for(user: Any) -> QuerySet[Review] | None:
    """The reviews whose good practice this person may see: None for every review; else a queryset (empty
    for anyone the page is not for)."""
    if not permissions.can_see_good_practice(user):
        return Review.objects.none()
    if permissions.good_practice_from_every_review(user):
        return None
    condition = Q(pk__in=[])
    if permissions.good_practice_from_signed_off(user):
        condition |= Q(signed_off_on__isnull=False)
    if permissions.good_practice_from_involved(user):
        condition |= Q(pk__in=review_permissions.involved_review_ids(user), signed_off_on__isnull=False)
    return Review.objects.filter(condition)


# --- By agency --------------------------------------------------------------------------------------------


def _short_name_pattern(short_name: str) -> str:
    """The short name as a word (not inside another), case as written: a regular expression that reads the
    same in SQLite (Python's re) and PostgreSQL."""
    return rf"(^|[^A-Za-z0-9]){re.escape(short_name)}([^A-Za-z0-9]|$)"


def _names_agency(agency: Agency) -> Q:
    condition = Q(text__icontains=agency.name)
    if len(agency.short_name.strip()) >= 2:
        condition |= Q(text__regex=_short_name_pattern(agency.short_name.strip()))
    return condition


def agencies_named(text: str, agencies: list[Agency]) -> list[Agency]:
    """The agencies a finding's text names, by the same rule as the filter."""
    lowered = text.lower()
    found = []
    for agency in agencies:
        short = agency.short_name.strip()
        if agency.name.lower() in lowered or (len(short) >= 2 and re.search(_short_name_pattern(short), text)):
            found.append(agency)
    return found


def _taking_part() -> Q:
    """An invitation whose person took part: marked present, or said they were coming and the register was
    not kept for them."""
    return Q(attended=True) | Q(attended__isnull=True, reply=Reply.ACCEPTED)


def _named_agency_events(agency_id: int) -> Any:
    """The events 3 or more people from the agency took part in (the only ones it is named for)."""
    return (
        EventInvitation.objects.filter(_taking_part(), agency_id=agency_id)
        .values("event_id")
        .annotate(people=Count("id"))
        .filter(people__gte=MIN_GROUP)
        .values("event_id")
    )


# --- The two sources -------------------------------------------------------------------------------------


def findings(user: Any, filters: Filters) -> QuerySet[Finding]:
    scope = reviews_for(user)
    qs = Finding.objects.filter(kind=FindingKind.GOOD_PRACTICE)
    if scope is not None:
        qs = qs.filter(review_id__in=scope.values("pk"))
    if filters.theme is not None:
        qs = qs.filter(
            pk__in=Finding.practice_themes.through.objects.filter(practicetheme=filters.theme).values("finding_id")
        )
    if filters.agency is not None:
        qs = qs.filter(_names_agency(filters.agency))
    if (span := filters.span) is not None:
        qs = qs.filter(created_at__gte=span[0], created_at__lt=span[1])
    return qs


def themes(user: Any, filters: Filters) -> QuerySet[EventTheme]:
    scope = reviews_for(user)
    qs = EventTheme.objects.filter(kind=ThemeKind.GOOD_PRACTICE).exclude(event__status=EventStatus.CANCELLED)
    if scope is not None:
        qs = qs.filter(event__review_id__in=scope.values("pk"))
    if filters.theme is not None:
        through = EventTheme.practice_themes.through.objects.filter(practicetheme=filters.theme)
        qs = qs.filter(pk__in=through.values("eventtheme_id"))
    if filters.agency is not None:
        drawn = EventTheme.reflections.through.objects.filter(
            reflection__invitation__agency_id=filters.agency.pk, reflection__withdrawn_at__isnull=True
        )
        qs = qs.filter(pk__in=drawn.values("eventtheme_id"), event_id__in=_named_agency_events(filters.agency.pk))
    if (span := filters.span) is not None:
        qs = qs.filter(event__starts_at__gte=span[0], event__starts_at__lt=span[1])
    return qs


# --- One page of items --------------------------------------------------------------------------------------


@dataclass
class Item:
    key: str  # "finding-12" or "event-theme-3": what a briefing's "What went well" is offered from
    source: str  # "Review finding" or "Learning event"
    title: str
    text: str
    review: Review
    review_url: str
    on: datetime
    domain: str
    practice_themes: list[str]
    agencies: list[str] = field(default_factory=list)
    unnamed_agencies: bool = False  # a theme also drew on agencies fewer than 3 people came from
    briefings: list[tuple[str, str]] = field(default_factory=list)  # (label, url): start or continue one
    can_brief: bool = False


def _combined(user: Any, filters: Filters) -> Any:
    """Both sources as (source, id, date) rows, newest first: one query a paginator can count and slice."""
    found = (
        findings(user, filters)
        .annotate(source=Value(FINDING), on=Cast(F("created_at"), DateTimeField()))
        .values_list("source", "pk", "on")
        .order_by()
    )
    collated = (
        themes(user, filters)
        .annotate(source=Value(THEME), on=Cast(F("event__starts_at"), DateTimeField()))
        .values_list("source", "pk", "on")
        .order_by()
    )
    return found.union(collated, all=True).order_by("-on", "source", "-pk")


def _review_url(user: Any, review: Review) -> str:
    if review_permissions.can_read_review(user, review):
        return reverse("reviews:detail", args=[review.pk])
    return reverse("reviews:summary", args=[review.pk])


def _briefing_links(user: Any, items: list[Item]) -> None:
    """For the business unit, beside each item of a signed-off review: start a briefing with it as "What
    went well", or continue a briefing that already covers its review."""
    if not permissions.can_brief_from_good_practice(user):
        return
    from sarhub.briefings.models import Briefing

    signed = {item.review.pk for item in items if item.review.signed_off_on is not None}
    covering: dict[int, list[Briefing]] = {}
    for briefing in Briefing.objects.filter(reviews__in=signed).prefetch_related("reviews").distinct():
        for review in briefing.reviews.all():
            covering.setdefault(review.pk, []).append(briefing)
    new = reverse("briefings:new")
    for item in items:
        if item.review.pk not in signed:
            continue
        item.can_brief = True
        item.briefings = [("Start a new briefing with it", f"{new}?good_practice={item.key}")] + [
            (f"Continue the briefing “{b.title}”", f"{reverse('briefings:edit', args=[b.pk])}?good_practice={item.key}")
            for b in sorted(covering.get(item.review.pk, []), key=lambda b: (b.title, b.pk))
        ]


def _items(user: Any, rows: list[tuple[str, int, Any]]) -> list[Item]:
    finding_ids = [pk for source, pk, _ in rows if source == FINDING]
    theme_ids = [pk for source, pk, _ in rows if source == THEME]
    loaded: dict[tuple[str, int], Item] = {}
    agencies = list(Agency.objects.order_by("name"))
    for finding in (
        Finding.objects.filter(pk__in=finding_ids).select_related("review").prefetch_related("practice_themes")
    ):
        review = finding.review
        loaded[(FINDING, finding.pk)] = Item(
            key=f"{FINDING}-{finding.pk}",
            source="Review finding",
            title=f"Finding {finding.number}",
            text=finding.text,
            review=review,
            review_url=_review_url(user, review),
            on=finding.created_at,
            domain=DOMAIN_LABELS.get(finding.domain, finding.domain),
            practice_themes=[t.name for t in finding.practice_themes.all()],
            agencies=[a.name for a in agencies_named(finding.text, agencies)],
        )
    collated = list(
        EventTheme.objects.filter(pk__in=theme_ids).select_related("event__review").prefetch_related("practice_themes")
    )
    drawn = _theme_agencies(collated)
    for theme in collated:
        review = theme.event.review
        named, unnamed = drawn.get(theme.pk, ([], False))
        loaded[(THEME, theme.pk)] = Item(
            key=f"{THEME}-{theme.pk}",
            source="Learning event",
            title=theme.title,
            text=theme.summary,
            review=review,
            review_url=_review_url(user, review),
            on=theme.event.starts_at,
            domain=DOMAIN_LABELS.get(theme.domain, theme.domain),
            practice_themes=[t.name for t in theme.practice_themes.all()],
            agencies=named,
            unnamed_agencies=unnamed,
        )
    items = [loaded[(source, pk)] for source, pk, _ in rows if (source, pk) in loaded]
    _briefing_links(user, items)
    return items


def _theme_agencies(collated: list[EventTheme]) -> dict[int, tuple[list[str], bool]]:
    """For each theme, the agencies of the reflections it draws on that 3 or more people from the agency
    took part in the event (named), and whether it also drew on others (not named). Never a person, never
    a role."""
    if not collated:
        return {}
    event_ids = {theme.event_id for theme in collated}
    taking_part = (
        EventInvitation.objects.filter(_taking_part(), event_id__in=event_ids)
        .values_list("event_id", "agency_id")
        .annotate(people=Count("id"))
    )
    enough = {(event, agency) for event, agency, people in taking_part if people >= MIN_GROUP}
    names = dict(Agency.objects.values_list("pk", "name"))
    sources = (
        EventTheme.reflections.through.objects.filter(eventtheme_id__in=[t.pk for t in collated])
        .filter(reflection__withdrawn_at__isnull=True)
        .values_list("eventtheme_id", "reflection__invitation__agency_id")
    )
    event_of = {theme.pk: theme.event_id for theme in collated}
    out: dict[int, tuple[list[str], bool]] = {}
    for theme_id, agency_id in sources:
        named, unnamed = out.get(theme_id, ([], False))
        if (event_of[theme_id], agency_id) in enough:
            if names[agency_id] not in named:
                named = sorted([*named, names[agency_id]])
        else:
            unnamed = True
        out[theme_id] = (named, unnamed)
    return out


def page(user: Any, filters: Filters, number: Any, *, count: int) -> tuple[Page[Any], list[Item]]:
    """One page of the good practice this person may see, matching the filters, newest first (`count`, from
    `counts`, so the paginator does not count again)."""
    paginator = CountedPaginator(_combined(user, filters), PER_PAGE, count=count)
    current = paginator.get_page(number)
    return current, _items(user, list(current.object_list))


def counts(user: Any, filters: Filters) -> dict[str, int]:
    """How many of each source match, for the line above the list."""
    return {"findings": findings(user, filters).count(), "themes": themes(user, filters).count()}


# --- The filters' choices ------------------------------------------------------------------------------------


def agency_choices() -> list[tuple[int, str]]:
    return list(Agency.objects.order_by("name").values_list("pk", "name"))


def theme_choices() -> list[tuple[int, str]]:
    return list(PracticeTheme.objects.order_by("order", "name").values_list("pk", "name"))


def year_choices(today: Any = None) -> list[int]:
    """The financial years offered, newest first: from the year of the earliest good practice on record (or
    this year) to this year."""
    from django.db.models import Min

    from sarhub.actions.annual import FIRST_YEAR, current_year, year_of

    now = current_year(today or timezone.localdate())
    first = [
        Finding.objects.filter(kind=FindingKind.GOOD_PRACTICE).aggregate(on=Min("created_at"))["on"],
        EventTheme.objects.filter(kind=ThemeKind.GOOD_PRACTICE).aggregate(on=Min("event__starts_at"))["on"],
    ]
    earliest = min((year_of(timezone.localdate(on)) for on in first if on is not None), default=now)
    return list(range(now, max(FIRST_YEAR, min(earliest, now)) - 1, -1))
