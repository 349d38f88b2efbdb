"""Learning events: a review's events, planning one, inviting people, replies, the register."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.access import actor, per_object, requires
from sarhub.core.forms import apply_errors
from sarhub.events import permissions, reflecting, services
from sarhub.events.forms import EventForm, InviteForm, ReplyForm, agency_choices
from sarhub.events.models import Evaluation, LearningEvent, Reply
from sarhub.events.services import Invitee
from sarhub.partnership.models import Agency, Membership, Person
from sarhub.partnership.roles import BUSINESS_UNIT_ROLES, Role
from sarhub.reviews import permissions as review_permissions
from sarhub.reviews import sections
from sarhub.reviews.models import Review


def _facilitator_choices(review: Review) -> Any:
    """Who may facilitate: the review's lead reviewers and panel members, and the business unit."""
    members = Membership.objects.filter(ended_at__isnull=True).filter(
        review=review, role__in=[Role.LEAD_REVIEWER, Role.PANEL_MEMBER]
    ) | Membership.objects.filter(ended_at__isnull=True, role__in=BUSINESS_UNIT_ROLES)
    return Person.objects.filter(is_active=True, pk__in=members.values("person_id")).order_by("full_name")


@requires(review_permissions.can_list_reviews)
@require_GET
def review_events(request: HttpRequest, review_id: int) -> HttpResponse:
    person = actor(request)
    review = review_permissions.access_review(person, review_id)
    record(Action.VIEW, person=person, obj=review, detail="events")
    return render(
        request,
        "events/review_events.html",
        {
            "review": review,
            "section_nav": sections.section_nav(review, "events:for-review"),
            "events": list(LearningEvent.objects.filter(review=review).order_by("-starts_at")),
            "can_plan": permissions.can_plan(person, review),
        },
    )


@per_object("events.planners")
@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest, review_id: int) -> HttpResponse:
    person = actor(request)
    review = review_permissions.access_review(person, review_id)
    if not permissions.can_plan(person, review):
        raise Http404
    form = EventForm(request.POST or None, facilitator_choices=_facilitator_choices(review))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.plan_event(person, review, form.cleaned_data, list(form.cleaned_data["facilitators"]))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The learning event has been planned. Now invite the practitioners.")
            return redirect("events:detail", event_id=event.pk)
    return render(
        request, "events/event_form.html", {"form": form, "review": review, "heading": "Plan a learning event"}
    )


@per_object("events.planners")
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    person = actor(request)
    event = permissions.access_event_for_planning(person, event_id)
    form = EventForm(
        request.POST or None,
        initial=EventForm.initial_from(event),
        facilitator_choices=_facilitator_choices(event.review),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(person, event, form.cleaned_data, list(form.cleaned_data["facilitators"]))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The learning event has been changed. Everyone invited has the new details.")
            return redirect("events:detail", event_id=event.pk)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "review": event.review, "event": event, "heading": "Change the learning event"},
    )


@per_object("events.planners")
@require_POST
def event_cancel(request: HttpRequest, event_id: int) -> HttpResponse:
    person = actor(request)
    event = permissions.access_event_for_planning(person, event_id)
    try:
        services.cancel_event(person, event)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "The learning event has been cancelled. Everyone invited has been told.")
    return redirect("events:detail", event_id=event.pk)


@per_object("events.event")
@require_GET
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    person = actor(request)
    event = permissions.access_event(person, event_id)
    record(Action.VIEW, person=person, obj=event)
    team = permissions.is_event_team(person, event)
    nominator = not team and permissions.can_nominate(person, event)
    invitations = list(event.invitations.select_related("agency")) if team else []
    nominated = list(event.invitations.filter(invited_by=person).select_related("agency")) if nominator else []
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "review": event.review,
            "is_team": team,
            "can_plan": permissions.can_plan(person, event.review),
            "can_nominate": nominator,
            "invitations": invitations,
            "nominated": nominated,
            "own": permissions.own_invitation(person, event),
            "may_reflect": reflecting.may_reflect(person, event) is not None,
            "reflection": reflecting.own_reflection(person, event),
            "may_evaluate": reflecting.may_evaluate(person, event) is not None
            and not Evaluation.objects.filter(invitation__event=event, invitation__person=person).exists(),
            "facilitators": list(event.facilitators.all()),
            "accepted": sum(1 for i in invitations if i.reply == Reply.ACCEPTED),
        },
    )


@per_object("events.inviters")
@require_http_methods(["GET", "POST"])
def event_invite(request: HttpRequest, event_id: int) -> HttpResponse:
    """Invite people agency by agency: first the agency, then who from it."""
    person = actor(request)
    event = permissions.access_event(person, event_id)
    team = permissions.is_event_team(person, event)
    if not team and not permissions.can_nominate(person, event):
        raise Http404
    agencies = agency_choices(None if team else permissions.lead_agency_ids(person))
    agency = (
        agencies.filter(pk=request.GET.get("agency") or 0).first()
        if str(request.GET.get("agency", "")).isdigit()
        else None
    )
    if agency is None and agencies.count() == 1:
        agency = agencies.first()
    if agency is None:
        return render(
            request,
            "events/invite_agency.html",
            {"event": event, "review": event.review, "agencies": agencies, "is_team": team},
        )
    already = event.invitations.values("email")
    people = (
        Person.objects.filter(
            is_active=True,
            memberships__agency=agency,
            memberships__ended_at__isnull=True,
            memberships__role__in=[Role.PRACTITIONER, Role.LINE_MANAGER],
        )
        .exclude(email__in=already)
        .distinct()
        .order_by("full_name")
    )
    form = InviteForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        invitees = [_invitee(p, agency) for p in form.cleaned_data["people"]]
        if form.cleaned_data["new_email"]:
            invitees.append(
                Invitee(
                    form.cleaned_data["new_name"], form.cleaned_data["new_email"], agency, form.cleaned_data["new_role"]
                )
            )
        try:
            created = services.invite(person, event, invitees)
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(
                request,
                f"{len(created)} {'person has' if len(created) == 1 else 'people have'} been invited from {agency.name}.",
            )
            return redirect("events:detail", event_id=event.pk)
    return render(
        request,
        "events/invite.html",
        {
            "event": event,
            "review": event.review,
            "agency": agency,
            "form": form,
            "is_team": team,
            "several": agencies.count() > 1,
        },
    )


def _invitee(person: Person, agency: Agency) -> Invitee:
    roles = {m.role for m in person.active_memberships if m.agency_id == agency.pk}
    role = Role.PRACTITIONER if Role.PRACTITIONER in roles else Role.LINE_MANAGER
    return Invitee(person.full_name, person.email, agency, role, person)


@require_http_methods(["GET", "POST"])
def reply(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation: works once, until the event starts, for the person it was sent to."""
    person = actor(request)
    try:
        invitation = services.check_reply(person, services.invitation_for_token(token))
    except services.ReplyRefused as refusal:
        record(Action.ACCESS_DENIED, person=person, obj=("events.eventinvitation", ""), detail="reply link refused")
        return render(request, "events/reply_refused.html", {"reason": refusal.messages[0]}, status=404)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        nominee = (
            Invitee(data["nominee_name"], data["nominee_email"], invitation.agency, invitation.role)
            if data["answer"] == Reply.NOMINATED
            else None
        )
        try:
            services.reply(person, token, data["answer"], nominee)
        except services.ReplyRefused as refusal:
            return render(request, "events/reply_refused.html", {"reason": refusal.messages[0]}, status=404)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Thank you. Your reply has been recorded.")
            return redirect("events:detail", event_id=invitation.event_id)
    return render(request, "events/reply.html", {"form": form, "invitation": invitation, "event": invitation.event})


@per_object("events.invitee")
@require_http_methods(["GET", "POST"])
def reply_here(request: HttpRequest, event_id: int) -> HttpResponse:
    """The invitee replies from the event's page, signed in as themselves (the emailed link does the same)."""
    person = actor(request)
    event = permissions.access_event(person, event_id)
    invitation = permissions.own_invitation(person, event)
    if invitation is None:
        raise Http404
    try:
        services.check_reply(person, invitation)
    except services.ReplyRefused as refusal:
        messages.error(request, refusal.messages[0])
        return redirect("events:detail", event_id=event.pk)
    if invitation.reply != Reply.AWAITING:
        messages.error(request, "You have already replied. Ask the business unit if you need to change your reply")
        return redirect("events:detail", event_id=event.pk)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        nominee = (
            Invitee(data["nominee_name"], data["nominee_email"], invitation.agency, invitation.role)
            if data["answer"] == Reply.NOMINATED
            else None
        )
        try:
            services.reply_signed_in(person, event, data["answer"], nominee)
        except services.ReplyRefused as refusal:
            messages.error(request, refusal.messages[0])
            return redirect("events:detail", event_id=event.pk)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Thank you. Your reply has been recorded.")
            return redirect("events:detail", event_id=event.pk)
    return render(request, "events/reply.html", {"form": form, "invitation": invitation, "event": event})


@per_object("events.team")
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, event_id: int) -> HttpResponse:
    person = actor(request)
    event = permissions.access_event_for_team(person, event_id)
    invitations = list(event.invitations.exclude(reply=Reply.NOMINATED).select_related("agency"))
    error = ""
    if request.method == "POST":
        try:
            present = {int(v) for v in request.POST.getlist("present")}
        except ValueError:
            present = set()
            error = "Choose people from the list"
        if not error:
            try:
                count = services.record_attendance(person, event, present)
            except ValidationError as refusal:
                error = refusal.messages[0]
            else:
                messages.success(request, f"The register has been saved: {count} attended.")
                return redirect("events:detail", event_id=event.pk)
    return render(
        request,
        "events/register.html",
        {"event": event, "review": event.review, "invitations": invitations, "error": error},
        status=400 if error else 200,
    )


@per_object("events.team")
@require_GET
def sign_in_sheet(request: HttpRequest, event_id: int) -> HttpResponse:
    """A printable sheet for the day: everyone coming or not yet replied, with a column to sign."""
    person = actor(request)
    event = permissions.access_event_for_team(person, event_id)
    record(Action.VIEW, person=person, obj=event, detail="sign-in sheet")
    rows = list(event.invitations.filter(reply__in=[Reply.ACCEPTED, Reply.AWAITING]).select_related("agency"))
    return render(request, "events/sign_in_sheet.html", {"event": event, "review": event.review, "rows": rows})
