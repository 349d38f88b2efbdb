"""Repeated learning: the Board's page of flags (a new finding that resembles an earlier review's finding
whose actions were assured complete), one flag with the earlier actions and their evidence, and the
Board's view of it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_POST

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.access import actor, requires
from sarhub.core.forms import apply_errors
from sarhub.insight import permissions, repeats, similarity
from sarhub.insight.models import RepeatView
from sarhub.insight.similar_forms import RepeatViewForm

PAGE_SIZE = 10
FILTERS = {
    "": ("All flags", None),
    "unseen": ("Not considered yet", RepeatView.UNSEEN),
    "repeat": ("A true repeat", RepeatView.REPEAT),
    "not_repeat": ("Not a repeat", RepeatView.NOT_REPEAT),
}


def _pair(flag: Any) -> dict[str, Any]:
    """Both findings' texts with the words they share marked."""
    shared = {term for word in flag.shared_words for term in similarity.words(word)}
    return {
        "flag": flag,
        "finding_html": similarity.highlight(flag.finding.text, shared),
        "earlier_html": similarity.highlight(flag.earlier.text, shared),
        "view_label": repeats.VIEW_LABELS.get(flag.view, flag.view),
    }


@requires(permissions.can_read_repeats)
@require_GET
def repeat_list(request: HttpRequest) -> HttpResponse:
    person = actor(request)
    chosen = request.GET.get("view", "")
    chosen = chosen if chosen in FILTERS else ""
    flags = repeats.flags(person, view=FILTERS[chosen][1])
    page = Paginator(flags, PAGE_SIZE).get_page(request.GET.get("page"))
    items = []
    for flag in page.object_list:
        item = _pair(flag)
        item["actions"] = repeats.earlier_actions(flag)
        items.append(item)
    record(
        Action.VIEW,
        person=person,
        obj=("insight.repeatflag", "list"),
        detail=f"repeated learning page {page.number}: {','.join(str(i['flag'].pk) for i in items)}",
    )
    return render(
        request,
        "insight/repeats.html",
        {
            "page": page,
            "items": items,
            "filters": [(key, label) for key, (label, _) in FILTERS.items()],
            "chosen": chosen,
            "query": urlencode({"view": chosen}) if chosen else "",
        },
    )


def _detail(request: HttpRequest, flag: Any, form: RepeatViewForm | None = None, status: int = 200) -> HttpResponse:
    person = actor(request)
    record(Action.VIEW, person=person, obj=flag)
    context = _pair(flag)
    context.update(
        {
            "actions": repeats.earlier_actions(flag),
            "history": repeats.view_history(flag),
            "can_record": permissions.can_record_repeat_view(person),
            "form": form
            if form is not None
            else RepeatViewForm(initial={"view": flag.view or None, "reason": flag.reason})
            if permissions.can_record_repeat_view(person)
            else None,
        }
    )
    return render(request, "insight/repeat_detail.html", context, status=status)


@requires(permissions.can_read_repeats)
@require_GET
def repeat_detail(request: HttpRequest, flag_id: int) -> HttpResponse:
    return _detail(request, repeats.access_flag(actor(request), flag_id))


@requires(permissions.can_record_repeat_view)
@require_POST
def repeat_view(request: HttpRequest, flag_id: int) -> HttpResponse:
    person = actor(request)
    flag = repeats.access_flag(person, flag_id)
    form = RepeatViewForm(request.POST)
    if form.is_valid():
        try:
            repeats.record_view(person, flag, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The Board's view has been recorded.")
            return redirect("insight:repeat", flag_id=flag.pk)
    return _detail(request, flag, form)
