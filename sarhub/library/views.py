"""The public learning library: published reviews, no sign-in, and the feed and sitemap of everything
published (reviews and 7-minute briefings, whose own pages are in briefing_views.py).

Every page, the search, the feed and the sitemap take their reviews from
`PublicationProposal.objects.published()` and their briefings from `BriefingProposal.objects.published()`,
so anything proposed, refused, replaced, embargoed, not published or taken down appears nowhere and its
page is a 404. Pages show only the content frozen when the publication was checked and approved.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from sarhub.briefings.models import BriefingProposal
from sarhub.core.access import public
from sarhub.core.downloads import attachment
from sarhub.core.paginator import CappedPaginator
from sarhub.partnership.models import Board
from sarhub.publication import caching, search, services
from sarhub.publication.models import PublicationProposal, joined
from sarhub.reviews.models import Route
from sarhub.taxonomy.models import AbuseType, PracticeTheme

ROUTES = {value: str(label) for value, label in Route.choices}


PER_PAGE = 20
FILTERS = ("year", "route", "theme", "abuse")


def _choices() -> dict[str, Any]:
    """The filters' options: years that have publications, the kinds of review, and the taxonomy's terms."""
    years = (
        PublicationProposal.objects.published()
        .exclude(year=None)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return {
        "years": [str(y) for y in years],
        "routes": list(ROUTES.items()),
        "themes": list(PracticeTheme.objects.active().order_by("name").values_list("name", flat=True)),
        "abuse": list(AbuseType.objects.active().order_by("name").values_list("name", flat=True)),
    }


def _filtered(filters: dict[str, str], query: str) -> QuerySet[PublicationProposal]:
    """Unknown filter values match nothing rather than everything: a crafted link shows an empty list."""
    items: QuerySet[PublicationProposal] = PublicationProposal.objects.published()
    if filters["year"]:
        items = items.filter(year=int(filters["year"])) if filters["year"].isdigit() else items.none()
    if filters["route"]:
        items = items.filter(route=filters["route"])
    if filters["theme"]:
        items = items.filter(themes__contains=joined([filters["theme"]]))
    if filters["abuse"]:
        items = items.filter(abuse_types__contains=joined([filters["abuse"]]))
    if query.strip():
        items = search.matching(items, query)
    return items


@public
@require_safe
@caching.public_page
def library(request: HttpRequest) -> HttpResponse:
    filters = {key: str(request.GET.get(key, ""))[:200] for key in FILTERS}
    query = str(request.GET.get("q", ""))[:1_000]
    items = _filtered(filters, query).only("id", "content", "decided_at")
    paginator = CappedPaginator(items, PER_PAGE, cap=10_000)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "library/library.html",
        {
            "page": page,
            "items": list(page.object_list),
            "filters": filters,
            "query": query.strip(),
            "searched_words": search.words(query),
            "choices": _choices(),
            "filtered": any(filters.values()) or bool(query.strip()),
            "next_query": _without_page(request),
        },
    )


def _without_page(request: HttpRequest) -> str:
    kept = request.GET.copy()
    kept.pop("page", None)
    return kept.urlencode()


def _published(reference: str) -> PublicationProposal:
    proposal = PublicationProposal.objects.published().filter(reference=reference.strip().upper()[:40]).first()
    if proposal is None:
        raise Http404
    return proposal


@public
@require_safe
@caching.public_page
def review_page(request: HttpRequest, reference: str) -> HttpResponse:

    proposal = _published(reference)
    briefings = list(BriefingProposal.objects.published().filter(briefing__reviews=proposal.review_id))
    return render(
        request,
        "library/review_page.html",
        {
            "item": proposal,
            "c": proposal.content,
            "briefings": briefings,
            "progress": services.public_progress(proposal.review, proposal),
        },
    )


@public
@require_safe
@caching.public_page
def review_file(request: HttpRequest, reference: str) -> HttpResponse:
    """The published report or summary: a copy with the document's own metadata and comments removed."""
    from sarhub.publication.gate.scanning import strip_metadata

    proposal = _published(reference)
    version = proposal.file
    if version is None:
        raise Http404
    with version.file.open("rb") as handle:
        data = handle.read()
    reference_text = str(proposal.content.get("reference", "review"))
    title = f"{reference_text}: {proposal.content.get('pseudonym', '')}"
    response = attachment(
        strip_metadata(data, version.kind, title=title),
        f"{reference_text.lower()}.{version.kind}",
        version.content_type,
    )
    return response


def _newest(limit: int) -> list[Any]:
    """Published reviews and briefings together, newest first."""
    items: list[Any] = [*PublicationProposal.objects.published()[:limit], *BriefingProposal.objects.published()[:limit]]
    return sorted(items, key=lambda item: (item.decided_at, item.pk), reverse=True)[:limit]


def _is_review(item: Any) -> bool:
    return isinstance(item, PublicationProposal)


class LibraryFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def title(self) -> str:
        return f"{Board.current().name}: published Safeguarding Adult Reviews and 7-minute briefings"

    def link(self) -> str:
        return reverse("publication:library")

    def subtitle(self) -> str:
        return "Reviews and briefings the Board has published, newest first."

    def items(self) -> list[Any]:
        return _newest(50)

    def item_title(self, item: Any) -> str:
        if _is_review(item):
            return f"{item.content.get('reference')}: {item.content.get('pseudonym')}"
        return f"7-minute briefing: {item.version.title}"

    def item_description(self, item: Any) -> str:
        if _is_review(item):
            return str(item.content.get("summary", ""))[:1_000]
        return str(item.version.why_it_matters)[:1_000]

    def item_link(self, item: Any) -> str:
        if _is_review(item):
            return reverse("publication:review", args=[item.content.get("reference")])
        return reverse("briefings:public-page", args=[item.briefing_id])

    def item_pubdate(self, item: Any) -> Any:
        return item.decided_at


feed = public(require_safe(caching.public_page(LibraryFeed())))


class LibrarySitemap(Sitemap):  # type: ignore[type-arg]
    def items(self) -> Any:
        return PublicationProposal.objects.published().only("id", "reference", "decided_at")

    def location(self, item: PublicationProposal) -> str:
        return reverse("publication:review", args=[item.reference])

    def lastmod(self, item: PublicationProposal) -> Any:
        return item.decided_at


class BriefingSitemap(Sitemap):  # type: ignore[type-arg]
    def items(self) -> Any:
        return BriefingProposal.objects.published()

    def location(self, item: Any) -> str:
        return reverse("briefings:public-page", args=[item.briefing_id])

    def lastmod(self, item: Any) -> Any:
        return item.decided_at


class PagesSitemap(Sitemap):  # type: ignore[type-arg]
    def items(self) -> list[str]:
        return [
            "core:public-home",
            "publication:library",
            "briefings:public-list",
            "referrals:public-form",
            "core:accessibility",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


@public
@require_safe
@caching.public_page
def sitemap(request: HttpRequest) -> HttpResponse:
    from django.contrib.sitemaps.views import sitemap as django_sitemap

    response = django_sitemap(
        request, sitemaps={"pages": PagesSitemap(), "reviews": LibrarySitemap(), "briefings": BriefingSitemap()}
    )
    return response.render()
