"""The public learning library: published reviews, no sign-in.

Every page, the feed and the sitemap take their reviews from `services.published()`, so a review that is
proposed, refused, replaced, embargoed, not published or taken down appears nowhere and its page is a 404.
Pages show only the content frozen when the publication was checked and approved.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from sarhub.core.access import public
from sarhub.core.downloads import attachment
from sarhub.partnership.models import Board
from sarhub.publication import services
from sarhub.publication.models import PublicationProposal
from sarhub.reviews.models import Route

ROUTES = {value: str(label) for value, label in Route.choices}


def _cacheable(response: HttpResponse, request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        patch_cache_control(response, public=True, max_age=300)
    return response


def _matches(proposal: PublicationProposal, filters: dict[str, str]) -> bool:
    content = proposal.content
    if filters["year"] and str(content.get("year")) != filters["year"]:
        return False
    if filters["route"] and content.get("route") != filters["route"]:
        return False
    if filters["theme"] and filters["theme"] not in content.get("practice_themes", []):
        return False
    return not (filters["abuse"] and filters["abuse"] not in content.get("abuse_types", []))


@public
@require_safe
def library(request: HttpRequest) -> HttpResponse:
    items = services.published()
    choices = {
        "years": sorted({str(p.content.get("year")) for p in items if p.content.get("year")}, reverse=True),
        "themes": sorted({t for p in items for t in p.content.get("practice_themes", [])}),
        "abuse": sorted({a for p in items for a in p.content.get("abuse_types", [])}),
        "routes": sorted(
            {(p.content.get("route"), p.content.get("route_label")) for p in items if p.content.get("route")}
        ),
    }
    # Unknown filter values match nothing rather than everything: a crafted link shows an empty list.
    filters = {key: str(request.GET.get(key, ""))[:200] for key in ("year", "route", "theme", "abuse")}
    shown = [p for p in items if _matches(p, filters)]
    return _cacheable(
        render(
            request,
            "publication/library.html",
            {"items": shown, "filters": filters, "choices": choices, "total": len(items)},
        ),
        request,
    )


def _published(reference: str) -> PublicationProposal:
    wanted = reference.strip().upper()
    for proposal in services.published():
        if str(proposal.content.get("reference", "")).upper() == wanted:
            return proposal
    raise Http404


@public
@require_safe
def review_page(request: HttpRequest, reference: str) -> HttpResponse:
    proposal = _published(reference)
    return _cacheable(
        render(request, "publication/review_page.html", {"item": proposal, "c": proposal.content}), request
    )


@public
@require_safe
def review_file(request: HttpRequest, reference: str) -> HttpResponse:
    """The published report or summary: a copy with the document's own metadata and comments removed."""
    from sarhub.publication.scanning import strip_metadata

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
    return _cacheable(response, request)


class LibraryFeed(Feed):  # type: ignore[type-arg]
    feed_type = Atom1Feed

    def title(self) -> str:
        return f"{Board.current().name}: published Safeguarding Adult Reviews"

    def link(self) -> str:
        return reverse("publication:library")

    def subtitle(self) -> str:
        return "Reviews the Board has published, newest first."

    def items(self) -> list[PublicationProposal]:
        return services.published()[:50]

    def item_title(self, item: PublicationProposal) -> str:
        return f"{item.content.get('reference')}: {item.content.get('pseudonym')}"

    def item_description(self, item: PublicationProposal) -> str:
        return str(item.content.get("summary", ""))[:1_000]

    def item_link(self, item: PublicationProposal) -> str:
        return reverse("publication:review", args=[item.content.get("reference")])

    def item_pubdate(self, item: PublicationProposal) -> Any:
        return item.decided_at


feed = public(LibraryFeed())


class LibrarySitemap(Sitemap):  # type: ignore[type-arg]
    def items(self) -> list[PublicationProposal]:
        return services.published()

    def location(self, item: PublicationProposal) -> str:
        return reverse("publication:review", args=[item.content.get("reference")])

    def lastmod(self, item: PublicationProposal) -> Any:
        return item.decided_at


class PagesSitemap(Sitemap):  # type: ignore[type-arg]
    def items(self) -> list[str]:
        return ["core:public-home", "publication:library", "referrals:public-form", "core:accessibility"]

    def location(self, item: str) -> str:
        return reverse(item)


@public
@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    from django.contrib.sitemaps.views import sitemap as django_sitemap

    response = django_sitemap(request, sitemaps={"pages": PagesSitemap(), "reviews": LibrarySitemap()})
    return _cacheable(response, request)
