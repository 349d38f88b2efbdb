"""The senior leadership log: presentations to partnership meetings, their packs and follow-ups."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core import charts, reports
from sarhub.core.access import actor, per_object, requires
from sarhub.core.forms import apply_errors
from sarhub.leadership import pack, permissions, selectors, services
from sarhub.leadership.forms import FollowUpForm, PresentationForm
from sarhub.leadership.models import Presentation

PER_PAGE = 25


@requires(permissions.can_read_log)
@require_GET
def log(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.presentations(), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "leadership/log.html",
        {"page": page, "can_record": permissions.can_record(actor(request))},
    )


@requires(permissions.can_record)
@require_http_methods(["GET", "POST"])
def presentation_new(request: HttpRequest) -> HttpResponse:
    form = PresentationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            presentation = services.record_presentation(actor(request), form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The presentation has been added to the log.")
            return redirect("leadership:detail", presentation_id=presentation.pk)
    return render(
        request,
        "leadership/presentation_form.html",
        {"form": form, "heading": "Record a presentation", "has_reviews": selectors.signed_off_reviews().exists()},
    )


@per_object("leadership.presentation")
@require_GET
def presentation_detail(request: HttpRequest, presentation_id: int) -> HttpResponse:
    person = actor(request)
    presentation = permissions.access_presentation(person, presentation_id)
    record(Action.VIEW, person=person, obj=presentation)
    reviews = selectors.covered_reviews(presentation)
    return render(
        request,
        "leadership/presentation_detail.html",
        {
            "presentation": presentation,
            "reviews": reviews,
            "themes": list(presentation.practice_themes.order_by("order", "name")),
            "theme_counts": (counts := selectors.theme_counts([r.pk for r in reviews])),
            "theme_chart_svg": charts.svg(chart) if (chart := pack.theme_chart(counts)) is not None else "",
            "follow_ups": selectors.follow_ups(presentation),
            "can_record": permissions.can_record(person),
        },
    )


@per_object("leadership.recorders")
@require_http_methods(["GET", "POST"])
def presentation_edit(request: HttpRequest, presentation_id: int) -> HttpResponse:
    person = actor(request)
    presentation = permissions.access_presentation_for_recording(person, presentation_id)
    if presentation.is_presented:
        messages.error(request, services.LOCKED)
        return redirect("leadership:detail", presentation_id=presentation.pk)
    form = PresentationForm(
        request.POST or None, initial=PresentationForm.initial_from(presentation), presentation=presentation
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_presentation(person, presentation, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The presentation has been saved.")
            return redirect("leadership:detail", presentation_id=presentation.pk)
    return render(
        request,
        "leadership/presentation_form.html",
        {
            "form": form,
            "presentation": presentation,
            "heading": "Change the presentation",
            "has_reviews": True,
        },
    )


@per_object("leadership.recorders")
@require_http_methods(["GET", "POST"])
def mark_presented(request: HttpRequest, presentation_id: int) -> HttpResponse:
    """Confirm, then record that the meeting has seen it and freeze the pack."""
    person = actor(request)
    presentation = permissions.access_presentation_for_recording(person, presentation_id)
    if request.method == "POST":
        try:
            services.mark_presented(person, presentation)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, "Marked as presented. The pack is kept as the meeting saw it.")
        return redirect("leadership:detail", presentation_id=presentation.pk)
    if presentation.is_presented:
        return redirect("leadership:detail", presentation_id=presentation.pk)
    return render(
        request,
        "leadership/mark_presented.html",
        {"presentation": presentation, "too_early": presentation.presented_on > timezone.localdate()},
    )


def _pack(request: HttpRequest, presentation_id: int, kind: str) -> HttpResponse:
    person = actor(request)
    presentation = permissions.access_presentation(person, presentation_id)
    stored = presentation.pack_pdf if kind == "pdf" else presentation.pack_docx
    if stored:
        with stored.open("rb") as handle:
            data = handle.read()
        how = "frozen"
    else:
        data = pack.as_pdf(presentation) if kind == "pdf" else pack.as_docx(presentation)
        how = "generated"
    record(Action.DOWNLOAD, person=person, obj=presentation, detail=f"pack {kind}, {how}")
    return reports.download(data, pack.file_stem(presentation), kind)


@per_object("leadership.presentation")
@require_GET
def pack_pdf(request: HttpRequest, presentation_id: int) -> HttpResponse:
    return _pack(request, presentation_id, "pdf")


@per_object("leadership.presentation")
@require_GET
def pack_docx(request: HttpRequest, presentation_id: int) -> HttpResponse:
    return _pack(request, presentation_id, "docx")


def _follow_up_page(
    request: HttpRequest, presentation: Presentation, form: FollowUpForm, heading: str, button: str
) -> HttpResponse:
    return render(
        request,
        "leadership/follow_up_form.html",
        {"form": form, "presentation": presentation, "heading": heading, "button": button},
    )


@per_object("leadership.recorders")
@require_http_methods(["GET", "POST"])
def follow_up_new(request: HttpRequest, presentation_id: int) -> HttpResponse:
    person = actor(request)
    presentation = permissions.access_presentation_for_recording(person, presentation_id)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_follow_up(person, presentation, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The follow-up has been added.")
            return redirect("leadership:detail", presentation_id=presentation.pk)
    return _follow_up_page(request, presentation, form, "Add a follow-up", "Add the follow-up")


@per_object("leadership.recorders")
@require_http_methods(["GET", "POST"])
def follow_up_edit(request: HttpRequest, presentation_id: int, follow_up_id: int) -> HttpResponse:
    person = actor(request)
    presentation = permissions.access_presentation_for_recording(person, presentation_id)
    follow_up = permissions.access_follow_up(person, presentation, follow_up_id)
    form = FollowUpForm(request.POST or None, initial=FollowUpForm.initial_from(follow_up), follow_up=follow_up)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_follow_up(person, follow_up, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The follow-up has been saved.")
            return redirect("leadership:detail", presentation_id=presentation.pk)
    return _follow_up_page(request, presentation, form, "Change the follow-up", "Save changes")


@per_object("leadership.recorders")
@require_POST
def follow_up_done(request: HttpRequest, presentation_id: int, follow_up_id: int) -> HttpResponse:
    person = actor(request)
    presentation = permissions.access_presentation_for_recording(person, presentation_id)
    follow_up = permissions.access_follow_up(person, presentation, follow_up_id)
    answer = request.POST.get("done")
    if answer not in ("yes", "no"):
        messages.error(request, "Choose whether the follow-up is done")
    else:
        try:
            services.set_follow_up_done(person, follow_up, answer == "yes")
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, "Marked as done." if answer == "yes" else "Marked as not done.")
    return redirect("leadership:detail", presentation_id=presentation.pk)
