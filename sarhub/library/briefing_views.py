"""Published 7-minute briefings in the public library (no sign-in). Every page and file takes its briefing
from `BriefingProposal.objects.published()`: anything proposed, refused, replaced or taken down is a 404.
The feed and the sitemap, which list briefings with reviews, are in views.py."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from sarhub.briefings import render as rendering
from sarhub.briefings.models import BriefingProposal
from sarhub.core.access import public
from sarhub.core.downloads import attachment
from sarhub.core.forms import LARGEST_ID
from sarhub.core.paginator import CappedPaginator
from sarhub.partnership.models import Board
from sarhub.publication import caching
from sarhub.publication.models import PublicationProposal


@public
@require_safe
@caching.public_page
def briefing_list(request: HttpRequest) -> HttpResponse:
    paginator = CappedPaginator(BriefingProposal.objects.published(), 20, cap=10_000)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "library/briefing_list.html", {"page": page, "items": list(page.object_list)})


def _published(briefing_id: int) -> BriefingProposal:
    if briefing_id > LARGEST_ID:
        raise Http404  # no database column holds it: asking would be an error, not an answer
    proposal = BriefingProposal.objects.published().filter(briefing_id=briefing_id).first()
    if proposal is None:
        raise Http404
    return proposal


@public
@require_safe
@caching.public_page
def briefing_page(request: HttpRequest, briefing_id: int) -> HttpResponse:
    proposal = _published(briefing_id)
    # Only reviews that are themselves published now are named and linked.
    reviews = list(
        PublicationProposal.objects.published()
        .filter(review__in=proposal.briefing.reviews.all())
        .values_list("reference", "content__pseudonym")
    )
    return render(
        request,
        "library/briefing_page.html",
        {"item": proposal, "version": proposal.version, "reviews": reviews, "board": Board.current()},
    )


@public
@require_safe
@caching.public_page
def briefing_pdf(request: HttpRequest, briefing_id: int) -> HttpResponse:
    version = _published(briefing_id).version
    return attachment(rendering.as_pdf(version), f"7-minute-briefing-{briefing_id}.pdf", "application/pdf")


@public
@require_safe
@caching.public_page
def briefing_docx(request: HttpRequest, briefing_id: int) -> HttpResponse:
    version = _published(briefing_id).version
    return attachment(
        rendering.as_docx(version),
        f"7-minute-briefing-{briefing_id}.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
