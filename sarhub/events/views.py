"""Learning events: a review's events, planning one, inviting people, replies, the register."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.access import actor, per_object, requires
from sarhub.core.forms import apply_errors
from sarhub.events import permissions, selectors, services
from sarhub.events.forms import EventForm, InviteForm, RegisterForm, ReplyForm, agency_choices
from sarhub.events.models import Reply
from sarhub.events.services import reflecting
from sarhub.reviews import permissions as review_permissions
from sarhub.reviews import sections

# The service's names for what the event form asks as other questions.
SERVICE_FIELDS = {"starts_at": "on", "ends_at": "end", "venue": "where"}
CHANGED_LABELS = {
    "title": "the title",
    "starts_at": "the start",
    "ends_at": "the end",
    "venue": "the venue",
    "joining_details": "the online joining details",
    "agenda": "the agenda",
    "ground_rules": "the ground rules",
    "facilitators": "the facilitators",
}
REPLY_WORDS: dict[str, str] = {
    Reply.ACCEPTED: "you are coming",
    Reply.DECLINED: "you are not coming",
    Reply.NOMINATED: "you have nominated a colleague",
    Reply.AWAITING: "you have not replied",
}


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def _missed(sent: services.Sent) -> str:
    """The emails that could not be sent, if any (said plainly, so someone tells those people)."""
    if not sent.missed:
        return ""
    return f" The email to {_and(sent.missed)} could not be sent: please let them know yourself."


def _event_errors(form: EventForm, error: ValidationError) -> None:
    """The service's refusals shown beside the question they are about."""
    if hasattr(error, "error_dict"):
        error = ValidationError({SERVICE_FIELDS.get(k, k): v for k, v in error.error_dict.items()})
    apply_errors(form, error)


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
            "events": selectors.review_events(review),
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
    form = EventForm(request.POST or None, facilitator_choices=permissions.facilitator_choices(review))
    if request.method == "POST" and form.is_valid():
        try:
            event = services.plan_event(person, review, form.cleaned_data, list(form.cleaned_data["facilitators"]))
        except ValidationError as error:
            _event_errors(form, error)
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
        facilitator_choices=permissions.facilitator_choices(event.review),
    )
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.update_event(person, event, form.cleaned_data, list(form.cleaned_data["facilitators"]))
        except ValidationError as error:
            _event_errors(form, error)
        else:
            messages.success(request, _changed_message(sent))
            return redirect("events:detail", event_id=event.pk)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "review": event.review, "event": event, "heading": "Change the learning event"},
    )


def _changed_message(sent: services.Sent) -> str:
    if not sent.changed:
        return "Nothing was changed: the answers were the same as before."
    text = f"The learning event has been changed: {_and([CHANGED_LABELS[f] for f in sent.changed])}."
    if not set(services.TOLD_OF) & set(sent.changed):
        return text
    if sent.reached:
        text += f" The new details have been sent to {_people(len(sent.reached))} still invited."
    elif not sent.missed:
        text += " No one is invited yet, so no one was emailed."
    return text + _missed(sent)


@per_object("events.planners")
@require_POST
def event_cancel(request: HttpRequest, event_id: int) -> HttpResponse:
    person = actor(request)
    event = permissions.access_event_for_planning(person, event_id)
    try:
        sent = services.cancel_event(person, event)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        told = (
            f" {_people(len(sent.reached))} still invited {'has' if len(sent.reached) == 1 else 'have'} been told."
            if sent.reached
            else " No one was still invited, so no one was emailed."
            if not sent.missed
            else ""
        )
        messages.success(request, "The learning event has been cancelled." + told + _missed(sent))
    return redirect("events:detail", event_id=event.pk)


@per_object("events.event")
@require_GET
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    person = actor(request)
    event = permissions.access_event(person, event_id)
    record(Action.VIEW, person=person, obj=event)
    team = permissions.is_event_team(person, event)
    nominator = not team and permissions.can_nominate(person, event)
    invitations = selectors.everyone_invited(event) if team else []
    nominated = selectors.nominated_by(person, event) if nominator else []
    own = permissions.own_invitation(person, event)
    open_for_replies = not event.is_cancelled and event.starts_at > timezone.now()
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
            "own": own,
            "may_reply": own is not None and open_for_replies,
            "may_reflect": reflecting.may_reflect(person, event) is not None,
            "reflection": reflecting.own_reflection(person, event),
            "may_evaluate": reflecting.may_evaluate(person, event) is not None
            and not selectors.has_evaluated(person, event),
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
    people = permissions.invitable_people(agency).exclude(email__in=already)
    form = InviteForm(request.POST or None, people=people, agency=agency)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        invitees = [services.invitee_for(p, agency) for p in data.get("people") or []]
        if data["someone_new"]:
            invitees.append(services.Invitee(data["new_name"].strip(), data["new_email"], agency, data["new_role"]))
        try:
            sent = services.invite(person, event, invitees)
        except ValidationError as error:
            apply_errors(form, error)
        except PermissionDenied:
            raise Http404 from None
        else:
            messages.success(request, _invited_message(sent, agency.name))
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


def _invited_message(sent: services.Sent, agency_name: str) -> str:
    """What was done: who was invited, whom the email reached, who is asked to make an account first."""
    names = [i.full_name for i in sent.invitations]
    if sent.missed:
        text = f"{_people(len(names))} invited from {agency_name}: {_and(names)}."
        if sent.reached:
            text += f" Invitations sent to {_and(sent.reached)}."
    else:
        text = f"Invitations sent to {_people(len(names))} from {agency_name}: {_and(names)}."
    new = [i.full_name for i in sent.invitations if i.person_id is None]
    if new:
        text += (
            f" {_and(new)} {'does' if len(new) == 1 else 'do'} not have an account yet and "
            f"{'has' if len(new) == 1 else 'have'} also been invited to make one."
        )
    return text + _missed(sent)


def _reply_message(replied: services.Replied) -> str:
    answer = replied.invitation.reply
    if replied.unchanged:
        return f"Your reply is unchanged: {REPLY_WORDS[answer]}."
    if replied.previous == Reply.AWAITING:
        text = f"Thank you. Your reply has been recorded: {REPLY_WORDS[answer]}."
    else:
        text = (
            f"Your reply has been changed: {REPLY_WORDS[answer]} "
            f"(before, {REPLY_WORDS[replied.previous]}). The event's team can see it."
        )
    if replied.nominee is not None:
        name = replied.nominee.full_name
        text += (
            f" {name} has been sent an invitation."
            if name in replied.sent.reached
            else f" {name} has been invited, but the email could not be sent: please let them know yourself."
        )
        if replied.nominee.person_id is None:
            text += " They are asked to make an account first."
    return text


@require_http_methods(["GET", "POST"])
def reply(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation: works once, until the event starts, for the person it was sent to."""
    person = actor(request)
    try:
        invitation = services.check_reply(person, services.invitation_for_token(token))
    except services.ReplyRefused as refusal:
        record(Action.ACCESS_DENIED, person=person, obj=("events.eventinvitation", ""), detail="reply link refused")
        return render(request, "events/reply_refused.html", {"reason": refusal.messages[0]}, status=404)
    form = ReplyForm(request.POST or None, invitation=invitation, colleagues=services.colleagues(invitation))
    if request.method == "POST" and form.is_valid():
        try:
            replied = services.reply(person, token, form.reply, form.nominee_invitee())
        except services.ReplyRefused as refusal:
            return render(request, "events/reply_refused.html", {"reason": refusal.messages[0]}, status=404)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _reply_message(replied))
            return redirect("events:detail", event_id=invitation.event_id)
    return render(request, "events/reply.html", {"form": form, "invitation": invitation, "event": invitation.event})


@per_object("events.invitee")
@require_http_methods(["GET", "POST"])
def reply_here(request: HttpRequest, event_id: int) -> HttpResponse:
    """The invitee replies from the event's page, signed in as themselves (the emailed link does the same),
    or changes their reply, until the event starts."""
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
    changing = invitation.reply != Reply.AWAITING
    current = invitation.reply if invitation.reply in (Reply.ACCEPTED, Reply.DECLINED) else None
    form = ReplyForm(
        request.POST or None,
        initial={"answer": current},
        invitation=invitation,
        colleagues=services.colleagues(invitation),
    )
    if request.method == "POST" and form.is_valid():
        try:
            replied = services.reply_signed_in(person, event, form.reply, form.nominee_invitee())
        except services.ReplyRefused as refusal:
            messages.error(request, refusal.messages[0])
            return redirect("events:detail", event_id=event.pk)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _reply_message(replied))
            return redirect("events:detail", event_id=event.pk)
    return render(
        request,
        "events/reply.html",
        {"form": form, "invitation": invitation, "event": event, "changing": changing, "back": True},
    )


@per_object("events.team")
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, event_id: int) -> HttpResponse:
    person = actor(request)
    event = permissions.access_event_for_team(person, event_id)
    invitations = selectors.register(event)
    form = RegisterForm(
        request.POST or None,
        initial={"present": [i.pk for i in invitations if i.attended]},
        invitations=invitations,
    )
    if request.method == "POST" and form.is_valid():
        present = {i.pk for i in form.cleaned_data["present"]}
        try:
            count = services.record_attendance(person, event, present)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            absent = invitations.count() - count
            messages.success(request, f"The register has been saved: {count} attended, {absent} did not.")
            return redirect("events:detail", event_id=event.pk)
    return render(
        request,
        "events/register.html",
        {"event": event, "review": event.review, "form": form, "anyone": invitations.exists()},
    )


@per_object("events.team")
@require_GET
def sign_in_sheet(request: HttpRequest, event_id: int) -> HttpResponse:
    """A printable sheet for the day: everyone coming or not yet replied, with a column to sign."""
    person = actor(request)
    event = permissions.access_event_for_team(person, event_id)
    record(Action.VIEW, person=person, obj=event, detail="sign-in sheet")
    rows = selectors.sign_in_sheet(event)
    return render(request, "events/sign_in_sheet.html", {"event": event, "review": event.review, "rows": rows})
