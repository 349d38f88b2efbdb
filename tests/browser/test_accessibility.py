"""An axe-core sweep (WCAG 2.2 AA) of the staff pages and the public pages, in a real browser."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page, expect

from sarhub.partnership.models import Agency
from sarhub.referrals.models import Referral, RequestStatus, ScopingRequest
from sarhub.taxonomy.models import AbuseType
from sarhub.taxonomy.seed import ABUSE_TYPES
from tests.browser.support import Axe, authenticator_for, sign_in
from tests.factories import make_sample_referral
from tests.personas import build_personas


def _visit(page: Page, url: str, axe: Axe, *, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None
    assert response.status == status, f"{url} answered {response.status}"
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    axe(page)


def test_business_unit_pages_pass_axe(live_server, page: Page, axe: Axe) -> None:
    base = live_server.url
    people = build_personas()
    manager = people["bu_manager"]
    sign_in(page, base, manager, authenticator_for(manager), axe)

    for path in [
        "/home/",
        "/tasks/",
        "/partnership/",
        "/partnership/agencies/",
        "/partnership/agencies/new/",
        "/partnership/people/",
        f"/partnership/people/{people['practitioner'].pk}/",
        "/partnership/invitations/",
        "/partnership/invitations/new/",
        "/audit/",
        "/account/",
        "/account/password/",
        "/account/two-factor/",
        "/account/sessions/",
    ]:
        _visit(page, base + path, axe)

    # The error state of a form: the new-agency form sent empty.
    page.goto(f"{base}/partnership/agencies/new/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the agency's name")
    assert page.title().startswith("Error: ") and page.title().count("Error:") == 1
    axe(page)


def test_public_pages_pass_axe(live_server, page: Page, axe: Axe) -> None:
    base = live_server.url
    build_personas()

    for path in ["/", "/sign-in/", "/accessibility/", "/privacy/", "/password-reset/", "/learning/"]:
        _visit(page, base + path, axe)
    _visit(page, f"{base}/no-such-page/", axe, status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")


def _seed_abuse_types() -> None:
    """Transactional tests empty the database, seeded terms included: put the statutory list back."""
    for order, (name, description) in enumerate(ABUSE_TYPES, start=1):
        AbuseType.objects.get_or_create(name=name, defaults={"description": description, "order": order * 10})


def test_public_referral_form_passes_axe(live_server, page: Page, axe: Axe) -> None:
    base = live_server.url
    build_personas()
    _seed_abuse_types()

    _visit(page, f"{base}/refer/", axe)
    # The honeypot is off-screen and out of the tab order.
    assert page.locator("input[name=website]").get_attribute("tabindex") == "-1"

    # The error state: the form sent empty.
    page.locator("main form button[type=submit]").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary).to_contain_text("Enter the adult's full name")
    expect(summary).to_contain_text("Enter your name")
    assert page.title().startswith("Error: ") and page.title().count("Error:") == 1
    axe(page)
    assert Referral.objects.count() == 0

    # Filled in properly, with two kinds of harm and two services ticked, it is received and confirmed
    # with its reference, and every answer ticked is kept.
    page.get_by_label("The adult's full name", exact=True).fill("Canary Adult Br5Teal")
    page.locator("#id_adult_date_of_birth-day").fill("27")
    page.locator("#id_adult_date_of_birth-month").fill("3")
    page.locator("#id_adult_date_of_birth-year").fill("1948")
    page.get_by_label("What happened to them?").fill("A fictional account of what happened.")
    page.get_by_label("Physical abuse").check()
    page.get_by_label("Self-neglect").check()
    agencies = list(Agency.objects.filter(is_active=True).order_by("name")[:2])
    for agency in agencies:
        page.get_by_label(agency.name, exact=True).check()
    page.get_by_label("Why are you worried about how the services involved worked together?").fill(
        "They did not share."
    )
    page.get_by_role("radio", name="I do not know").check()
    page.get_by_label("Your name").fill("A Friend")
    page.get_by_label("Your relationship to the adult").fill("Friend")
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/refer/received/")
    referral = Referral.objects.get()
    expect(page.locator(".govuk-panel")).to_contain_text(referral.reference)
    expect(page.get_by_role("heading", level=1)).to_have_text("Referral received")
    assert set(referral.abuse_types.values_list("name", flat=True)) == {"Physical abuse", "Self-neglect"}
    assert set(referral.agencies.all()) == set(agencies) and len(agencies) == 2
    assert str(referral.adult_date_of_birth) == "1948-03-27"
    axe(page)


def test_referral_pages_pass_axe(live_server, page: Page, axe: Axe) -> None:
    base = live_server.url
    people = build_personas()
    _seed_abuse_types()
    referral = make_sample_referral()
    manager = people["bu_manager"]
    sign_in(page, base, manager, authenticator_for(manager), axe)

    for path in ["/referrals/new/", "/referrals/mine/", "/referrals/", f"/referrals/{referral.pk}/"]:
        _visit(page, base + path, axe)
    expect(page.get_by_role("heading", level=1)).to_contain_text(referral.reference)

    # The list links to the record by its reference.
    page.goto(f"{base}/referrals/")
    expect(page.get_by_role("link", name=referral.reference)).to_be_visible()

    # The professional form's error state.
    page.goto(f"{base}/referrals/new/")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Describe what happened")
    assert page.title().startswith("Error: ") and page.title().count("Error:") == 1
    axe(page)


def test_screening_pages_pass_axe(
    live_server, page: Page, new_context: Callable[..., BrowserContext], axe: Axe
) -> None:
    base = live_server.url
    people = build_personas()
    _seed_abuse_types()
    referral = make_sample_referral()
    manager = people["bu_manager"]
    sign_in(page, base, manager, authenticator_for(manager), axe)

    # The business unit asks the hospital trust for a scoping summary, after sending the form empty once.
    _visit(page, f"{base}/referrals/{referral.pk}/scoping/new/", axe)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select at least one agency")
    assert page.title().startswith("Error: ") and page.title().count("Error:") == 1
    axe(page)
    page.get_by_label("Testshire Hospital Trust").check()
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/referrals/{referral.pk}/")
    expect(page.get_by_role("table", name="Scoping requests")).to_contain_text("Testshire Hospital Trust")
    axe(page)

    # Not ready for a decision while the summary is awaited: the referral page lists what is missing.
    page.get_by_role("button", name="Ready for decision").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("a scoping summary from Testshire Hospital Trust")
    axe(page)

    # The hospital trust's safeguarding lead finds the request and answers it, sending it empty first.
    scoping = ScopingRequest.objects.get()
    lead = people["agency_lead"]
    lead_page = new_context().new_page()
    sign_in(lead_page, base, lead, authenticator_for(lead), axe)
    _visit(lead_page, f"{base}/requests/", axe)
    expect(lead_page.get_by_role("link", name=referral.reference)).to_be_visible()
    _visit(lead_page, f"{base}/requests/{scoping.pk}/", axe)
    lead_page.get_by_role("button", name="Send summary").click()
    summary = lead_page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Describe your agency's involvement with the adult")
    assert lead_page.title().startswith("Error: ")
    axe(lead_page)
    lead_page.get_by_label("Your agency's involvement with the adult").fill("Two admissions in 2025.")
    lead_page.get_by_role("button", name="Send summary").click()
    expect(lead_page.locator(".govuk-notification-banner")).to_contain_text("Your scoping summary has been sent")
    axe(lead_page)
    scoping.refresh_from_db()
    assert scoping.status == RequestStatus.ANSWERED


def test_decision_and_review_pages_pass_axe(live_server, page: Page, axe: Axe) -> None:
    """The chair's decision, the letter, and a review with its findings, recommendations and Quality Markers."""
    from sarhub.referrals.services.decisions import decide, recommend
    from sarhub.referrals.services.workflow import move
    from sarhub.reviews.services import set_up_review
    from sarhub.reviews.services.content import respond, save_finding, save_recommendation
    from sarhub.reviews.services.running import add_parallel_process
    from tests.builders import signed_off

    base = live_server.url
    people = build_personas()
    _seed_abuse_types()
    manager = people["bu_manager"]
    awaiting = make_sample_referral()
    move(manager, awaiting, "awaiting_decision")
    recommend(people["subgroup_member"], awaiting, outcome="discretionary", other_process="", reasons="Learning.")
    decided = make_sample_referral()
    move(manager, decided, "awaiting_decision")
    recommend(people["subgroup_member"], decided, outcome="discretionary", other_process="", reasons="Learning.")
    decide(people["chair"], decided, outcome="discretionary", other_process="", reasons="There is learning.")
    review = set_up_review(manager, [decided], route="rapid", data={"pseudonym": "Adult A"})
    finding = save_finding(manager, review, {"text": "Risk not shared.", "domain": "inter_agency", "kind": "barrier"})
    recommendation = save_recommendation(
        manager, review, {"text": "Share risk.", "to_board": True, "findings": [finding]}
    )
    add_parallel_process(manager, review, {"kind": "coroner", "holds_publication": True})
    # Signed off and proposed for publication, with something for the de-identification check to find.

    from sarhub.publication.services import propose
    from tests.factories import SAMPLE_ADULT_NAME

    respond(manager, recommendation, response="accepted", reasons="")
    review = signed_off(people, review)
    proposal = propose(
        manager, review, {"form": "executive_summary", "summary": f"Mrs {SAMPLE_ADULT_NAME.split()[-1]} was known."}
    )

    chair = people["chair"]
    sign_in(page, base, chair, authenticator_for(chair), axe)
    # The approval page: everything the proposal makes public, the check's finding marked in place.
    _visit(page, f"{base}/reviews/{review.pk}/publication/", axe)
    expect(page.locator("#going-public-count")).to_contain_text("The check found 1 thing; 0 are cleared.")
    expect(page.locator("dl mark")).to_have_count(1)
    _visit(page, f"{base}/referrals/{awaiting.pk}/decision/", axe)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    axe(page)

    manager_page = page.context.browser.new_context().new_page()  # type: ignore[union-attr]
    sign_in(manager_page, base, manager, authenticator_for(manager), axe)
    for path in (
        "/tasks/",
        f"/referrals/{decided.pk}/",
        f"/referrals/{decided.pk}/letter/",
        "/reviews/",
        f"/reviews/{review.pk}/",
        f"/reviews/{review.pk}/agencies/",
        f"/reviews/{review.pk}/findings/",
        f"/reviews/{review.pk}/quality/",
        f"/reviews/{review.pk}/family/",
        f"/reviews/{review.pk}/documents/",
        f"/reviews/{review.pk}/events/",
        f"/reviews/{review.pk}/publication/",
        f"/reviews/{review.pk}/publication/propose/",
        f"/reviews/{review.pk}/terms/",
        f"/reviews/{review.pk}/team/new/",
        f"/reviews/{review.pk}/findings/new/",
        f"/reviews/{review.pk}/recommendations/new/",
        f"/reviews/{review.pk}/quality-markers/",
        f"/reviews/{review.pk}/parallel-processes/new/",
        f"/reviews/{review.pk}/involvement/new/",
    ):
        _visit(manager_page, base + path, axe)
    _visit(manager_page, f"{base}/reviews/{review.pk}/findings/new/", axe)
    manager_page.get_by_role("button", name="Save finding").click()
    expect(manager_page.locator(".govuk-error-summary")).to_contain_text("Write the finding")
    axe(manager_page)

    # Once approved, the public library lists it and shows its page.
    from sarhub.publication.services import approve, clear_hit

    for hit in proposal.hits:
        proposal = clear_hit(manager, proposal, hit["key"], "Checked.")
    approve(people["chair"], proposal)
    public_page = page.context.browser.new_context().new_page()  # type: ignore[union-attr]
    _visit(public_page, f"{base}/learning/", axe)
    public_page.get_by_role("link", name=f"{review.reference}: Adult A").click()
    expect(public_page.get_by_role("heading", level=1)).to_contain_text("Adult A")
    axe(public_page)


def test_review_requests_and_the_factual_accuracy_round_pass_axe(
    live_server, page: Page, new_context: Callable[..., BrowserContext], axe: Axe
) -> None:
    """The business unit asks for a chronology and sends the draft; the agency lead comments; the review
    team does not amend; the agency records a dispute; summaries for the lead and a Board member."""
    from sarhub.reviews.models import AccuracyComment, AgencyRequest
    from tests.builders import review_at, signed_off

    base = live_server.url
    people = build_personas()
    _seed_abuse_types()
    manager, lead = people["bu_manager"], people["agency_lead"]
    # At factual accuracy with its draft report, reached through the services as the team would.
    review = review_at(people, "factual_accuracy", pseudonym="Adult Q")

    sign_in(page, base, manager, authenticator_for(manager), axe)
    _visit(page, f"{base}/reviews/{review.pk}/requests/new/", axe)
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select at least one agency")
    axe(page)
    page.get_by_label("Chronology").check()
    page.get_by_label("Testshire Hospital Trust").check()
    page.locator("main form button[type=submit]").click()
    expect(page).to_have_url(f"{base}/reviews/{review.pk}/agencies/")
    expect(page.get_by_role("table", name="Requests to agencies")).to_contain_text("Chronology")
    axe(page)
    page.get_by_role("link", name="Send the draft for factual-accuracy comments").click()
    page.get_by_label("Draft report, version 1", exact=False).check()
    page.get_by_label("Testshire Hospital Trust").check()
    axe(page)
    page.get_by_role("button", name="Send the draft").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "The draft report was sent to 1 safeguarding lead at 1 agency."
    )

    accuracy = AgencyRequest.objects.get(kind="factual_accuracy")
    lead_page = new_context().new_page()
    sign_in(lead_page, base, lead, authenticator_for(lead), axe)
    _visit(lead_page, f"{base}/review-requests/", axe)
    lead_page.locator(f"a[href='/review-requests/{accuracy.pk}/']").click()
    expect(lead_page.get_by_role("link", name="Download the draft report")).to_be_visible()
    lead_page.get_by_role("button", name="Add comment").click()
    expect(lead_page.locator(".govuk-error-summary")).to_contain_text("Say where in the draft the comment applies")
    axe(lead_page)
    lead_page.get_by_label("Where in the draft").fill("Paragraph 3.1")
    lead_page.get_by_label("What is inaccurate or missing").fill("The visit was on 4 May.")
    lead_page.get_by_role("button", name="Add comment").click()
    expect(lead_page.locator(".govuk-notification-banner")).to_contain_text("Comment 1 has been added")
    axe(lead_page)
    lead_page.get_by_role("button", name="Send 1 comment").click()
    expect(lead_page.locator(".govuk-notification-banner")).to_contain_text("sent to the review team")

    comment = AccuracyComment.objects.get()
    _visit(page, f"{base}/review-requests/{accuracy.pk}/comments/{comment.pk}/response/", axe)
    page.get_by_role("radio", name="Not amended").check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Give the reasons")
    axe(page)
    page.get_by_label("Why the draft was not amended").fill("The GP record shows 5 May.")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("response to comment 1 has been recorded")

    _visit(lead_page, f"{base}/review-requests/{accuracy.pk}/", axe)
    lead_page.get_by_role("link", name="Record a dispute").click()
    axe(lead_page)
    lead_page.get_by_label("Your agency's position").fill("Our record is time-stamped 4 May.")
    lead_page.get_by_role("button", name="Record the dispute").click()
    expect(lead_page.locator(".govuk-notification-banner")).to_contain_text("dispute about comment 1")
    _visit(lead_page, f"{base}/review-summaries/", axe)
    _visit(lead_page, f"{base}/review-summaries/{review.pk}/", axe)
    _visit(lead_page, f"{base}/tasks/", axe)

    _visit(page, f"{base}/reviews/{review.pk}/agencies/", axe)
    expect(page.locator("main")).to_contain_text("Disputed points on the draft")

    review = signed_off(people, review)
    board = people["board_member"]
    board_page = new_context().new_page()
    sign_in(board_page, base, board, authenticator_for(board), axe)
    _visit(board_page, f"{base}/review-summaries/", axe)
    _visit(board_page, f"{base}/review-summaries/{review.pk}/", axe)
