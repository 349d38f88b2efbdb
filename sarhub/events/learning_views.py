"""Reflecting, collating and evaluating a learning event, and its report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core import reports
from sarhub.core.access import actor, per_object
from sarhub.core.forms import apply_errors
from sarhub.events import permissions, report, selectors
from sarhub.events.forms import EvaluationForm, ProposalForm, ReflectionForm, ThemeForm
from sarhub.events.models import PROMPT_FIELDS, EventTheme, Proposal
from sarhub.events.services import reflecting


def _form_page(
    request: HttpRequest,
    event: Any,
    form: Any,
    save: Callable[[dict[str, Any]], Any],
    done: str | Callable[[Any], str],
    go_to: str,
    **extra: Any,
) -> HttpResponse:
    """A collation or evaluation form: save on a valid POST and go on, or show what went wrong."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done if isinstance(done, str) else done(saved))
            return redirect(go_to, event_id=event.pk)
    return render(
        request, "events/collation_form.html", {"form": form, "event": event, "review": event.review, **extra}
    )


@per_object("events.participant")
@require_http_methods(["GET", "POST"])
def reflect(request: HttpRequest, event_id: int) -> HttpResponse:
    """A participant writes (or changes) their reflection, with the ground rules shown first."""
    person = actor(request)
    event = permissions.access_event(person, event_id)
    if reflecting.may_reflect(person, event) is None:
        raise Http404
    existing = reflecting.own_reflection(person, event)
    initial = {name: getattr(existing, name) for name in PROMPT_FIELDS} if existing else {}
    form = ReflectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            reflecting.save_reflection(
                person,
                event,
                {name: form.cleaned_data.get(name, "") for name in PROMPT_FIELDS},
                read_ground_rules=form.cleaned_data["read_ground_rules"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Your reflection has been saved. Only you and the review team can read it.")
            return redirect("events:detail", event_id=event.pk)
    return render(
        request,
        "events/reflect.html",
        {"event": event, "review": event.review, "form": form, "existing": existing},
    )


@per_object("events.participant")
@require_POST
def withdraw_reflection(request: HttpRequest, event_id: int) -> HttpResponse:
    person = actor(request)
    event = permissions.access_event(person, event_id)
    if permissions.own_invitation(person, event) is None:
        raise Http404
    try:
        reflecting.withdraw_reflection(person, event)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, "Your reflection has been withdrawn: its words are erased and no theme draws on it any more."
        )
    return redirect("events:detail", event_id=event.pk)


@per_object("events.team")
@require_GET
def reflections(request: HttpRequest, event_id: int) -> HttpResponse:
    person = actor(request)
    event = permissions.access_event_for_team(person, event_id)
    record(Action.VIEW, person=person, obj=event, detail="reflections")
    return render(
        request,
        "events/reflections.html",
        {"event": event, "review": event.review, "reflections": reflecting.team_reflections(person, event)},
    )


@per_object("events.team")
@require_GET
def collation(request: HttpRequest, event_id: int) -> HttpResponse:
    person = actor(request)
    event = permissions.access_event_for_team(person, event_id)
    from sarhub.reviews.permissions import can_edit_content

    themes, proposals = selectors.collation(event)
    return render(
        request,
        "events/collation.html",
        {
            "event": event,
            "review": event.review,
            "themes": themes,
            "proposals": proposals,
            "can_land": can_edit_content(person, event.review),
            "can_add_action": permissions.can_add_action(person),
            "results": reflecting.evaluation_results(event),
            "participation": reflecting.participation(event),
        },
    )


@per_object("events.team")
@require_http_methods(["GET", "POST"])
def theme_edit(request: HttpRequest, event_id: int, theme_id: int | None = None) -> HttpResponse:
    person = actor(request)
    event = permissions.access_event_for_team(person, event_id)
    theme = get_object_or_404(EventTheme, pk=theme_id, event=event) if theme_id else None
    initial = (
        {
            "title": theme.title,
            "kind": theme.kind,
            "domain": theme.domain,
            "summary": theme.summary,
            "practice_themes": list(theme.practice_themes.all()),
            "reflections": list(theme.reflections.all()),
        }
        if theme
        else {}
    )
    return _form_page(
        request,
        event,
        ThemeForm(request.POST or None, initial=initial, event=event),
        lambda data: reflecting.save_theme(person, event, data, theme),
        _theme_saved,
        "events:collation",
        heading="Change the theme" if theme else "Add a theme",
    )


def _theme_saved(theme: EventTheme) -> str:
    numbers = theme.reflection_numbers
    if not numbers:
        return f"The theme has been saved: {theme.title.rstrip('.')}."
    plural = "s" if " " in numbers else ""
    return f"The theme has been saved: {theme.title.rstrip('.')}. It draws on reflection{plural} {numbers}."


@per_object("events.team")
@require_http_methods(["GET", "POST"])
def proposal_new(request: HttpRequest, event_id: int) -> HttpResponse:
    person = actor(request)
    event = permissions.access_event_for_team(person, event_id)
    return _form_page(
        request,
        event,
        ProposalForm(request.POST or None, event=event),
        lambda data: reflecting.save_proposal(person, event, data),
        "The proposal has been recorded.",
        "events:collation",
        heading="Propose an action or recommendation",
    )


@per_object("events.team")
@require_POST
def proposal_land(request: HttpRequest, event_id: int, proposal_id: int) -> HttpResponse:
    person = actor(request)
    event = permissions.access_event_for_team(person, event_id)
    proposal = get_object_or_404(Proposal, pk=proposal_id, event=event)
    try:
        landed = reflecting.land_in_review(person, proposal)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        assert landed.recommendation is not None
        messages.success(request, f"Added to the review as recommendation {landed.recommendation.number}.")
    return redirect("events:collation", event_id=event.pk)


@per_object("events.team")
@require_POST
def collation_close(request: HttpRequest, event_id: int) -> HttpResponse:
    person = actor(request)
    event = permissions.access_event_for_team(person, event_id)
    try:
        reflecting.close_collation(person, event)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Collation has closed: reflections can no longer be changed or withdrawn.")
    return redirect("events:collation", event_id=event.pk)


@per_object("events.team")
@require_GET
def report_pdf(request: HttpRequest, event_id: int) -> HttpResponse:
    person = actor(request)
    event = permissions.access_event_for_team(person, event_id)
    record(Action.DOWNLOAD, person=person, obj=event, detail="report pdf")
    return reports.download(report.as_pdf(event), report.file_stem(event), "pdf")


@per_object("events.team")
@require_GET
def report_docx(request: HttpRequest, event_id: int) -> HttpResponse:
    person = actor(request)
    event = permissions.access_event_for_team(person, event_id)
    record(Action.DOWNLOAD, person=person, obj=event, detail="report docx")
    return reports.download(report.as_docx(event), report.file_stem(event), "docx")


@per_object("events.participant")
@require_http_methods(["GET", "POST"])
def evaluate(request: HttpRequest, event_id: int) -> HttpResponse:
    person = actor(request)
    event = permissions.access_event(person, event_id)
    if reflecting.may_evaluate(person, event) is None:
        raise Http404
    return _form_page(
        request,
        event,
        EvaluationForm(request.POST or None),
        lambda data: reflecting.evaluate(person, event, data),
        "Thank you. Your evaluation is reported only together with others'.",
        "events:detail",
        heading="How was the learning event?",
        intro="Your answers are reported only together with at least two other people's, never on their own.",
        back=reverse("events:detail", args=[event.pk]),
    )
