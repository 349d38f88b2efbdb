"""A learning event in a real browser: plan, invite, reply through the emailed link (axe on each page)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from sarhub.events.models import EventInvitation, LearningEvent, Reply
from sarhub.referrals.services.decisions import decide, recommend
from sarhub.referrals.services.workflow import move
from sarhub.reviews.services import appoint, set_up_review
from tests.browser.support import Axe, authenticator_for, sign_in
from tests.browser.test_accessibility import _seed_abuse_types, _visit
from tests.factories import make_sample_referral
from tests.personas import build_personas


def test_plan_invite_and_reply_through_the_emailed_link(
    live_server, page: Page, new_context: Callable[..., BrowserContext], axe: Axe
) -> None:
    base = live_server.url
    people = build_personas()
    _seed_abuse_types()
    manager, reviewer, practitioner = people["bu_manager"], people["reviewer"], people["practitioner"]
    referral = make_sample_referral()
    move(manager, referral, "awaiting_decision")
    recommend(people["subgroup_member"], referral, outcome="discretionary", other_process="", reasons="Learning.")
    decide(people["chair"], referral, outcome="discretionary", other_process="", reasons="There is learning.")
    review = set_up_review(manager, [referral], route="rapid", data={"pseudonym": "Adult Y"})
    appoint(manager, review, reviewer, "lead_reviewer")

    # The lead reviewer plans the event, sending the form with a bad time first.
    sign_in(page, base, reviewer, authenticator_for(reviewer), axe)
    _visit(page, f"{base}/reviews/{review.pk}/events/", axe)
    page.get_by_role("link", name="Plan a learning event").click()
    day = timezone.localdate() + timedelta(days=10)
    page.get_by_label("Day").fill(str(day.day))
    page.get_by_label("Month").fill(str(day.month))
    page.get_by_label("Year").fill(str(day.year))
    page.get_by_label("Starts at").fill("25:00")
    page.get_by_label("Ends at").fill("12:30")
    page.get_by_label("At a venue").check()
    page.get_by_label("Venue", exact=True).fill("Room 4, Fictional Centre")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the start time as a time")
    axe(page)
    page.get_by_label("Starts at").fill("9.30am")
    page.get_by_label(reviewer.full_name).check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been planned")
    axe(page)
    event = LearningEvent.objects.get()

    # Invite, agency by agency.
    page.get_by_role("link", name="Invite people").click()
    axe(page)
    page.get_by_label("Agency").select_option(str(practitioner.agencies[0].pk))
    page.get_by_role("button", name="Continue").click()
    page.get_by_label(practitioner.full_name, exact=False).check()
    axe(page)
    mail.outbox.clear()
    page.get_by_role("button", name="Send invitations").click()
    expect(page.get_by_role("table", name="People invited")).to_contain_text(practitioner.full_name)
    axe(page)
    message = next(m for m in mail.outbox if m.to == [practitioner.email])
    reply_path = "/rsvp/" + message.body.split("/rsvp/")[1].split("/")[0] + "/"

    # The practitioner follows the emailed link, signs in, reads the ground rules and replies.
    practitioner_page = new_context().new_page()
    sign_in(practitioner_page, base, practitioner, authenticator_for(practitioner), axe)
    _visit(practitioner_page, base + reply_path, axe)
    expect(practitioner_page.locator("main")).to_contain_text("Ground rules")
    practitioner_page.get_by_role("button", name="Send reply").click()
    expect(practitioner_page.locator(".govuk-error-summary")).to_contain_text("Select whether you can come")
    axe(practitioner_page)
    practitioner_page.get_by_label("Yes, I can come").check()
    practitioner_page.get_by_role("button", name="Send reply").click()
    expect(practitioner_page.locator(".govuk-notification-banner")).to_contain_text("Your reply has been recorded")
    axe(practitioner_page)
    assert EventInvitation.objects.get(event=event).reply == Reply.ACCEPTED
    # Used once: the same link now does nothing.
    response = practitioner_page.goto(base + reply_path)
    assert response is not None and response.status == 404
    axe(practitioner_page)

    _visit(page, f"{base}/events/{event.pk}/sign-in-sheet/", axe)
    _visit(page, f"{base}/events/{event.pk}/register/", axe)


def test_reflect_collate_and_report(
    live_server, page: Page, new_context: Callable[..., BrowserContext], axe: Axe
) -> None:
    from sarhub.events import services

    base = live_server.url
    people = build_personas()
    _seed_abuse_types()
    manager, reviewer, practitioner = people["bu_manager"], people["reviewer"], people["practitioner"]
    referral = make_sample_referral()
    move(manager, referral, "awaiting_decision")
    recommend(people["subgroup_member"], referral, outcome="discretionary", other_process="", reasons="Learning.")
    decide(people["chair"], referral, outcome="discretionary", other_process="", reasons="There is learning.")
    review = set_up_review(manager, [referral], route="rapid", data={"pseudonym": "Adult Z"})
    appoint(manager, review, reviewer, "lead_reviewer")
    start = timezone.now() + timedelta(days=2)
    event = services.plan_event(
        manager, review, {"starts_at": start, "ends_at": start + timedelta(hours=2), "venue": "Room 9"}, []
    )
    services.invite(
        manager,
        event,
        [
            services.Invitee(
                practitioner.full_name, practitioner.email, practitioner.agencies[0], "practitioner", practitioner
            )
        ],
    )
    EventInvitation.objects.filter(event=event).update(reply=Reply.ACCEPTED)
    LearningEvent.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(minutes=5)
    )

    # The practitioner reflects: the ground rules first, and an empty reflection is refused.
    practitioner_page = new_context().new_page()
    sign_in(practitioner_page, base, practitioner, authenticator_for(practitioner), axe)
    _visit(practitioner_page, f"{base}/events/{event.pk}/", axe)
    practitioner_page.get_by_role("link", name="Write your reflection").click()
    expect(practitioner_page.locator("main")).to_contain_text("Ground rules")
    practitioner_page.get_by_label("I have read the ground rules").check()
    practitioner_page.get_by_role("button", name="Save my reflection").click()
    expect(practitioner_page.locator(".govuk-error-summary")).to_contain_text("Write something")
    axe(practitioner_page)
    practitioner_page.get_by_label("What got in the way").fill("No one called a joint meeting.")
    practitioner_page.get_by_role("button", name="Save my reflection").click()
    expect(practitioner_page.locator(".govuk-notification-banner")).to_contain_text("Only you and the review team")
    axe(practitioner_page)
    practitioner_page.get_by_role("link", name="Tell us how it went").click()
    practitioner_page.get_by_role("button", name="Save").click()
    expect(practitioner_page.locator(".govuk-error-summary")).to_contain_text("felt safe to speak")
    axe(practitioner_page)

    # The lead reviewer reads it, draws a theme (refused while it names someone), proposes, downloads the report.
    sign_in(page, base, reviewer, authenticator_for(reviewer), axe)
    _visit(page, f"{base}/events/{event.pk}/collation/", axe)
    _visit(page, f"{base}/events/{event.pk}/reflections/", axe)
    expect(page.locator("main")).to_contain_text("No one called a joint meeting.")
    _visit(page, f"{base}/events/{event.pk}/themes/new/", axe)
    page.get_by_label("Theme").fill("Nobody convened the agencies")
    page.get_by_label("Barrier to good practice").check()
    page.get_by_label("Inter-agency", exact=False).first.check()
    page.get_by_label("What the reflections say").fill(f"{practitioner.full_name} said no one met.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("without naming anyone")
    axe(page)
    page.get_by_label("What the reflections say").fill("A practitioner from the council said no one met.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("Nobody convened the agencies")
    axe(page)
    _visit(page, f"{base}/events/{event.pk}/proposals/new/", axe)
    with page.expect_download() as download:
        page.goto(f"{base}/events/{event.pk}/collation/")
        page.get_by_role("link", name="Download the report (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
