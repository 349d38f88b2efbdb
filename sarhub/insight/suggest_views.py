"""The finding form's theme suggestions as the person types: the form is posted here (never saved) and the
suggestions come back as JSON, with the panel drawn as the form draws it without JavaScript."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from sarhub.core.access import actor, per_object
from sarhub.reviews import permissions as review_permissions
from sarhub.reviews import suggesting
from sarhub.reviews.forms import FindingForm


@per_object("reviews.content_editors")
@require_POST
def suggest(request: HttpRequest, review_id: int) -> HttpResponse:
    """For whoever may edit the review's findings (404 for anyone else, as the form is)."""
    review = review_permissions.access_review_for_editing(actor(request), review_id)
    form = FindingForm()
    text = str(request.POST.get("text", ""))[:10_000]
    choices = suggesting.read_choices(request.POST, form)
    panel = suggesting.build_panel(text, request.POST, form, choices)
    html = render_to_string(
        "reviews/includes/finding_suggestions.html", {"panel": panel, "review": review}, request=request
    )
    return JsonResponse(
        {"message": panel.message, "suggestions": [item.as_dict() for item in panel.items], "html": html}
    )
