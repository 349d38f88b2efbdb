"""Similar findings: from a finding, from a review, and a search of the Board's whole history (staff side).
Each page reads findings only from reviews the person may read; each read is audited."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.access import actor, requires
from sarhub.insight import permissions, similarity
from sarhub.insight.similar_forms import SearchForm
from sarhub.reviews import permissions as review_permissions
from sarhub.reviews.models import Finding

SEARCH_PAGE_SIZE = 20


def _shown(found: list[similarity.Match]) -> str:
    """The findings shown, by id, for the audit log (ids only, never their words)."""
    return ",".join(str(match.finding_id) for match in found)


@requires(permissions.can_find_similar)
@require_GET
def similar_finding(request: HttpRequest, finding_id: int) -> HttpResponse:
    person = actor(request)
    finding = Finding.objects.filter(pk=finding_id).only("pk", "review_id", "number", "text", "kind").first()
    if finding is None:
        raise Http404
    review = review_permissions.access_review(person, finding.review_id)  # 404 unless they may read it
    found = similarity.similar_to_finding(person, finding)
    record(Action.VIEW, person=person, obj=finding, detail=f"similar findings: {_shown(found.matches)}")
    return render(
        request,
        "insight/similar_finding.html",
        {"review": review, "finding": finding, "similar": found},
    )


@requires(permissions.can_find_similar)
@require_GET
def similar_review(request: HttpRequest, review_id: int) -> HttpResponse:
    person = actor(request)
    review = review_permissions.access_review(person, review_id)
    found = similarity.similar_to_review(person, review)
    record(Action.VIEW, person=person, obj=review, detail=f"similar findings: {_shown(found.matches)}")
    return render(request, "insight/similar_review.html", {"review": review, "similar": found})


@requires(permissions.can_search_findings)
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    person = actor(request)
    form = SearchForm(request.GET if "q" in request.GET else None)
    phrase = form.cleaned_data["q"].strip() if form.is_bound and form.is_valid() else ""
    page = None
    if phrase:
        result = similarity.search(person, phrase)
        page = Paginator(similarity.RankedPage(result), SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
        record(
            Action.VIEW,
            person=person,
            obj=("reviews.finding", "search"),
            detail=f"search page {page.number}: {_shown(list(page.object_list))}",
        )
    return render(
        request,
        "insight/similar_search.html",
        {"form": form, "phrase": phrase, "page": page, "query": urlencode({"q": phrase}) if phrase else ""},
    )
