"""Staff pages for 7-minute briefings: writing and versions, publication, circulation and cascade."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.briefings import permissions, services
from sarhub.briefings import render as rendering
from sarhub.briefings.forms import CascadeForm, CirculateForm, NewBriefingForm, VersionForm, signed_off_reviews
from sarhub.briefings.models import POINTS, QUESTIONS, BriefingProposal, BriefingVersion, Circulation
from sarhub.core.access import actor, per_object, recent_second_factor, requires
from sarhub.core.downloads import attachment
from sarhub.core.forms import apply_errors
from sarhub.partnership.models import Board
from sarhub.publication import gate_views
from sarhub.publication import permissions as publication_permissions
from sarhub.publication.forms import ClearForm, DecisionForm
from sarhub.referrals.permissions import can_view_referrals


@requires(permissions.can_list_briefings)
@require_GET
def briefing_list(request: HttpRequest) -> HttpResponse:
    person = actor(request)
    briefings = list(permissions.visible_briefings(person))
    return render(
        request,
        "briefings/list.html",
        {
            "briefings": briefings,
            "cascades": list(services.cascades_for(person)) if permissions.can_record_cascade(person) else [],
            "can_write": permissions.can_write_briefings(person),
        },
    )


@requires(permissions.can_write_briefings)
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    form = NewBriefingForm(request.POST or None, reviews=signed_off_reviews())
    if request.method == "POST" and form.is_valid():
        try:
            briefing = services.create(actor(request), form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Briefing saved as version 1.")
            return redirect("briefings:detail", briefing_id=briefing.pk)
    return render(request, "briefings/edit.html", {"form": form, "briefing": None, "points": _fields(form)})


def _fields(form: Any) -> list[Any]:
    return [form[name] for name, _, _ in POINTS] + [form[name] for name in QUESTIONS]


@per_object("briefings.access_briefing")
@require_GET
def detail(request: HttpRequest, briefing_id: int) -> HttpResponse:
    person = actor(request)
    briefing = permissions.access_briefing(person, briefing_id)
    versions = list(permissions.visible_versions(person, briefing).order_by("-number"))
    chosen = versions[0] if versions else None
    if "version" in request.GET:
        chosen = permissions.access_version(person, briefing, request.GET.get("version"))
    record(Action.VIEW, person=person, obj=briefing, detail=f"version {chosen.number if chosen else '-'}")
    oversight = permissions.reads_every_briefing(person)
    circulations = list(briefing.circulations.select_related("version", "sent_by")) if oversight else []
    proposals = list(briefing.proposals.select_related("version", "proposed_by", "decided_by")) if oversight else []
    return render(
        request,
        "briefings/detail.html",
        {
            "briefing": briefing,
            "reviews": list(briefing.reviews.all()) if oversight else [],
            "versions": versions,
            "version": chosen,
            "board": Board.current(),
            "oversight": oversight,
            "circulations": [(c, services.reach(c)) for c in circulations],
            "proposals": proposals,
            "current": next(
                (p for p in proposals if p.status in ("proposed", "approved") and not p.unpublished_at), None
            ),
            "show_hits": can_view_referrals(person),
            "can_write": permissions.can_write_briefings(person),
            "can_propose": publication_permissions.can_propose(person),
            "can_approve": publication_permissions.can_approve(person),
            "can_unpublish": publication_permissions.can_unpublish(person),
            "clear_form": ClearForm(),
            "decision_form": DecisionForm(),
            "circulate_form": CirculateForm(),
        },
    )


@requires(permissions.can_write_briefings)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, briefing_id: int) -> HttpResponse:
    person = actor(request)
    briefing = permissions.access_briefing(person, briefing_id)
    latest = services.latest_version(briefing)
    initial = {name: getattr(latest, name) for name in ["title", *[p[0] for p in POINTS], *QUESTIONS]} if latest else {}
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.save_version(person, briefing, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Saved as version {version.number}.")
            return redirect("briefings:detail", briefing_id=briefing.pk)
    return render(request, "briefings/edit.html", {"form": form, "briefing": briefing, "points": _fields(form)})


def _version(request: HttpRequest, briefing_id: int, version_id: int) -> BriefingVersion:
    person = actor(request)
    briefing = permissions.access_briefing(person, briefing_id)
    return permissions.access_version(person, briefing, version_id)


@per_object("briefings.access_version")
@require_GET
def version_pdf(request: HttpRequest, briefing_id: int, version_id: int) -> HttpResponse:
    version = _version(request, briefing_id, version_id)
    record(Action.DOWNLOAD, person=actor(request), obj=version, detail="pdf")
    return attachment(rendering.as_pdf(version), f"{rendering.file_stem(version)}.pdf", "application/pdf")


@per_object("briefings.access_version")
@require_GET
def version_docx(request: HttpRequest, briefing_id: int, version_id: int) -> HttpResponse:
    version = _version(request, briefing_id, version_id)
    record(Action.DOWNLOAD, person=actor(request), obj=version, detail="docx")
    return attachment(
        rendering.as_docx(version),
        f"{rendering.file_stem(version)}.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@requires(publication_permissions.can_propose)
@require_POST
def propose(request: HttpRequest, briefing_id: int, version_id: int) -> HttpResponse:
    version = _version(request, briefing_id, version_id)
    proposal = services.propose(actor(request), version)
    found = len(proposal.hits)
    messages.success(
        request,
        f"Version {version.number} is proposed for publication. "
        + (
            f"The check found {found} thing{'s' if found != 1 else ''} to look at."
            if found
            else "The check found nothing."
        ),
    )
    return redirect("briefings:detail", briefing_id=version.briefing_id)


def _proposal(request: HttpRequest, proposal_id: int) -> BriefingProposal:
    try:
        proposal = BriefingProposal.objects.select_related("briefing").get(pk=int(proposal_id))
    except (BriefingProposal.DoesNotExist, ValueError, OverflowError):
        raise Http404 from None
    if not permissions.reads_every_briefing(actor(request)):
        raise Http404
    return proposal


def _back(proposal: BriefingProposal) -> str:
    return reverse("briefings:detail", args=[proposal.briefing_id])


@requires(publication_permissions.can_propose)
@require_POST
def clear(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    return gate_views.clear_hit(request, proposal, _back(proposal))


@requires(publication_permissions.can_approve)
@recent_second_factor
@require_POST
def decide(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    return gate_views.decide(
        request,
        proposal,
        _back(proposal),
        same_item={"briefing_id": proposal.briefing_id},
        approved="Approved: the briefing is in the public library.",
    )


@requires(publication_permissions.can_unpublish)
@require_POST
def unpublish(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    return gate_views.take_down(request, proposal, _back(proposal))


@requires(permissions.can_write_briefings)
@require_POST
def circulate(request: HttpRequest, briefing_id: int, version_id: int) -> HttpResponse:
    version = _version(request, briefing_id, version_id)
    form = CirculateForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        circulation = services.circulate(actor(request), version, message=message)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("briefings:detail", briefing_id=version.briefing_id)
    messages.success(
        request,
        f"Version {version.number} has been sent to the safeguarding leads of {circulation.agencies.count()} agencies.",
    )
    return redirect("briefings:circulation", circulation_id=circulation.pk)


def _circulation(request: HttpRequest, circulation_id: int) -> Circulation:
    if not permissions.reads_every_briefing(actor(request)):
        raise Http404
    try:
        return Circulation.objects.select_related("version", "briefing", "sent_by").get(pk=int(circulation_id))
    except (Circulation.DoesNotExist, ValueError, OverflowError):
        raise Http404 from None


@per_object("briefings.reads_every_briefing")
@require_GET
def circulation(request: HttpRequest, circulation_id: int) -> HttpResponse:
    item = _circulation(request, circulation_id)
    record(Action.VIEW, person=actor(request), obj=item, detail="dissemination")
    rows = services.reach(item)
    return render(
        request,
        "briefings/circulation.html",
        {
            "circulation": item,
            "rows": rows,
            "responded": sum(1 for r in rows if r["responded"]),
            "teams": sum(r["teams"] for r in rows),
            "staff": sum(r["staff"] for r in rows),
            "can_write": permissions.can_write_briefings(actor(request)),
        },
    )


@requires(permissions.can_write_briefings)
@require_POST
def remind(request: HttpRequest, circulation_id: int) -> HttpResponse:
    item = _circulation(request, circulation_id)
    count = services.remind_now(actor(request), item)
    if count:
        messages.success(request, f"Reminders sent to the leads of {count} agenc{'y' if count == 1 else 'ies'}.")
    else:
        messages.info(request, "No reminders sent: every agency has responded or was reminded today.")
    return redirect("briefings:circulation", circulation_id=item.pk)


@per_object("briefings.access_cascade")
@require_http_methods(["GET", "POST"])
def cascade(request: HttpRequest, cascade_id: int) -> HttpResponse:
    person = actor(request)
    item = permissions.access_cascade(person, cascade_id)
    can_add = permissions.can_add_record(person, item)
    form = CascadeForm(request.POST or None)
    if request.method == "POST":
        if not can_add:
            raise Http404
        if form.is_valid():
            try:
                services.record_cascade(person, item, form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, "Recorded. Thank you: the Board can see your agency's cascade.")
                return redirect("briefings:cascade", cascade_id=item.pk)
    else:
        record(Action.VIEW, person=person, obj=item, detail="cascade")
    return render(
        request,
        "briefings/cascade.html",
        {
            "cascade": item,
            "version": item.circulation.version,
            "records": list(item.records.all()),
            "form": form,
            "can_add": can_add,
            "board": Board.current(),
        },
    )


@per_object("briefings.cascade_leads")
@require_POST
def remove_record(request: HttpRequest, cascade_id: int, record_id: int) -> HttpResponse:
    person = actor(request)
    item = permissions.access_cascade(person, cascade_id)
    if not permissions.can_add_record(person, item):
        raise Http404
    try:
        services.remove_record(person, item, record_id)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Removed.")
    return redirect("briefings:cascade", cascade_id=item.pk)
