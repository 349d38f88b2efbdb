"""7-minute briefings: the editor and its versions, one A4 page as PDF and Word, publication through the
same gate and two-person approval, and every public surface for every unpublished state."""

from __future__ import annotations

import io
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from docx import Document
from pypdf import PdfReader

from sarhub.audit.models import AuditEvent
from sarhub.briefings import services
from sarhub.briefings.models import POINTS, Briefing, BriefingProposal, BriefingVersion
from sarhub.publication import gate_views
from sarhub.publication.models import Status
from tests.builders import briefing_points, review_at, signed_off_review, written_briefing
from tests.factories import SAMPLE_ADULT_NAME
from tests.pages import approve_anyway, banner, browse_as, error_summary, field_error, press, text_of

pytestmark = pytest.mark.django_db

SURNAME = SAMPLE_ADULT_NAME.split()[-1]


def points(**overrides: str) -> dict[str, Any]:
    return briefing_points(**overrides)


def make(personas, review, **overrides: str) -> Briefing:
    return written_briefing(personas, review, **overrides)


def test_every_point_and_two_questions_are_needed_and_nothing_is_saved_without_them(personas, review):
    with pytest.raises(ValidationError) as caught:
        services.create(
            personas["bu_manager"],
            {**points(background="   ", what_to_do="", question_2=""), "reviews": [review]},
        )
    errors = caught.value.message_dict
    assert set(errors) == {"background", "what_to_do", "question_2"}
    assert not Briefing.objects.exists() and not BriefingVersion.objects.exists()


def test_a_thematic_briefing_covers_several_reviews_and_a_single_one_only_one(personas, review):
    with pytest.raises(ValidationError, match="two or more"):
        services.create(personas["bu_manager"], {**points(), "reviews": [review], "thematic": True})
    with pytest.raises(ValidationError, match="Choose the review"):
        services.create(personas["bu_manager"], {**points(), "reviews": []})
    with pytest.raises(PermissionDenied):
        services.create(personas["agency_lead"], {**points(), "reviews": [review]})
    unsigned = review_at(personas, "set_up", pseudonym="Adult U")
    with pytest.raises(ValidationError, match="signed off"):
        services.create(personas["bu_manager"], {**points(), "reviews": [unsigned]})
    assert not Briefing.objects.exists()


def test_every_save_is_a_new_version_and_earlier_versions_never_change(personas, review):
    briefing = make(personas, review)
    second = services.save_version(personas["bu_manager"], briefing, points(finding_1="A sharper first finding."))
    assert [v.number for v in briefing.versions.order_by("number")] == [1, 2]
    first = briefing.versions.get(number=1)
    assert first.finding_1.startswith("Key finding 1") and second.finding_1 == "A sharper first finding."


def test_a_briefing_longer_than_one_a4_page_is_refused(personas, review):
    long = "Practitioners did not share what they knew about the risk to the adult across agencies. " * 7
    with pytest.raises(ValidationError, match="does not fit on one A4 page"):
        make(
            personas,
            review,
            title="Self-neglect and hoarding: working with people who decline care and support",
            **{name: long[:600] for name, _, _ in POINTS},
            **dict.fromkeys(("question_1", "question_2", "question_3"), long[:250]),
        )
    assert not BriefingVersion.objects.exists()


@pytest.mark.once  # rendering: SQLite only in bin/test
def test_the_pdf_is_one_tagged_a4_page_with_the_points_and_the_word_file_matches(personas, review):
    from sarhub.briefings import render

    version = make(personas, review).versions.get()
    reader = PdfReader(io.BytesIO(render.as_pdf(version)))
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert round(width / 72 * 25.4) == 210 and round(height / 72 * 25.4) == 297  # A4
    catalogue: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalogue and catalogue["/MarkInfo"]["/Marked"]  # a tagged PDF
    text = " ".join(reader.pages[0].extract_text().split())
    for heading, body in version.points:
        assert heading in text and body[:30] in text
    assert "What would you do?" in text and "Questions for your team" in text
    document = Document(io.BytesIO(render.as_docx(version)))
    words = "\n".join(p.text for p in document.paragraphs)
    assert all(body in words for _, body in version.points) and "Who would you tell?" in words
    assert document.core_properties.title == "7-minute briefing: Self-neglect: Adult B"


def test_nobody_approves_their_own_proposal(personas, review):
    from sarhub.core.roles import Role
    from sarhub.partnership.models import Membership

    chair = personas["chair"]
    Membership.objects.create(person=chair, role=Role.BUSINESS_UNIT_MANAGER)
    chair = type(chair).objects.get(pk=chair.pk)
    proposal = services.propose(chair, make(personas, review).versions.get())
    with pytest.raises(ValidationError, match="someone else must approve it"):
        services.approve(chair, proposal)
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED


def test_the_gate_finds_the_adults_name_and_blocks_approval_until_cleared(personas, review):
    surname = SAMPLE_ADULT_NAME.split()[-1]
    briefing = make(personas, review, background=f"Mrs {surname} lived alone and declined care.")
    proposal = services.propose(personas["bu_manager"], briefing.versions.get())
    assert any(hit["found"].lower() == surname.lower() and hit["where"] == "background" for hit in proposal.hits)
    with pytest.raises(ValidationError, match="still to clear"):
        services.approve(personas["chair"], proposal)
    for hit in proposal.hits:
        proposal = services.clear_hit(personas["bu_manager"], proposal, hit["key"], "The family asked for her name.")
    assert services.approve(personas["chair"], proposal).status == Status.APPROVED


def test_who_may_see_a_briefing_before_it_is_sent(personas, client_for, review):
    briefing = make(personas, review)
    address = reverse("briefings:detail", args=[briefing.pk])
    assert client_for(personas["chair"]).get(address).status_code == 200
    assert client_for(personas["agency_lead"]).get(address).status_code == 404  # not sent to them yet
    assert client_for(personas["board_member"]).get(address).status_code == 404
    assert client_for(personas["practitioner"]).get(reverse("briefings:list")).status_code == 403


# --- Through the pages, as the business unit and the chair use them ---------------------------------


def _rows(page: Any) -> dict[str, str]:
    soup = BeautifulSoup(page.text, "html.parser")
    return {
        text_of(row.select_one(".govuk-summary-list__key")): text_of(row.select_one(".govuk-summary-list__value"))
        for row in soup.select(".govuk-summary-list__row")
    }


def _detail(person: Any, briefing: Briefing) -> Any:
    return browse_as(person).get(reverse("briefings:detail", args=[briefing.pk]))


def test_the_editor_through_the_pages(personas, review):
    app = browse_as(personas["bu_manager"])
    form_page = app.get(reverse("briefings:list")).click("Write a briefing")
    unsaid = press(form_page, "Save as a new version", review=review.pk, **points())
    assert field_error(unsaid, "about") == "Select whether the briefing is about one review or several"
    bad = press(unsaid, "Save as a new version", about="one", review=review.pk, **points(background=""))
    assert bad.status_code == 200
    assert error_summary(bad) == ["Write the point: background"]
    assert field_error(bad, "background") == "Write the point: background"
    unchosen = press(bad, "Save as a new version", about="one", review=None, **points())
    assert field_error(unchosen, "review") == "Choose the review the briefing is about"
    assert not Briefing.objects.exists()

    saved = press(unchosen, "Save as a new version", about="one", review=review.pk, **points())
    briefing = Briefing.objects.get()
    assert saved["Location"] == reverse("briefings:detail", args=[briefing.pk])
    assert not briefing.thematic and list(briefing.reviews.all()) == [review]
    page = saved.follow()
    assert banner(page) == "Briefing saved as version 1."
    assert "Version 1 (latest)" in page.text and "Key finding 3" in page.text

    edit = page.click(r"Edit \(makes a new version\)")
    assert edit.forms[1]["background"].value == "Background: what teams should know about Adult B."
    edited = press(edit, "Save as a new version", remember="Ask again.").follow()
    assert banner(edited) == "Saved as version 2."
    assert briefing.versions.get(number=2).remember == "Ask again."
    assert briefing.versions.get(number=1).remember.startswith("Things to remember")
    pdf = edited.click("Download as PDF")
    assert pdf.body.startswith(b"%PDF") and "attachment" in pdf.headers["Content-Disposition"]
    assert AuditEvent.objects.filter(action="download", object_type__endswith="briefingversion").exists()


def test_a_thematic_briefing_is_written_through_the_page_across_several_reviews(personas, review):
    second = signed_off_review(personas, pseudonym="Adult C")
    third = signed_off_review(personas, pseudonym="Adult D")
    form_page = browse_as(personas["bu_manager"]).get(reverse("briefings:new"))
    soup = BeautifulSoup(form_page.text, "html.parser")
    for value, names in (("one", {"review"}), ("thematic", {"reviews"})):
        option: Any = soup.select_one(f'input[name="about"][value="{value}"]')
        panel: Any = soup.select_one(f"#{option['data-aria-controls']}")
        assert {str(tag["name"]) for tag in panel.select("[name]")} == names, value

    too_few = press(form_page, "Save as a new version", about="thematic", reviews=[review.pk], **points())
    assert too_few.status_code == 200
    assert field_error(too_few, "reviews") == "Choose two or more reviews for a thematic briefing"
    assert not Briefing.objects.exists()
    saved = press(
        too_few, "Save as a new version", about="thematic", reviews=[review.pk, second.pk, third.pk], **points()
    )
    briefing = Briefing.objects.get()
    assert briefing.thematic
    assert set(briefing.reviews.all()) == {review, second, third}  # every ticked review is kept
    page = saved.follow()
    assert banner(page) == "Briefing saved as version 1." and "7-minute briefing: thematic" in page.text
    for each in (review, second, third):
        assert f"{each.reference} ({each.pseudonym})" in page.text


def test_a_crafted_review_id_is_answered_on_the_page(personas, client_for, review):
    # Deliberately hostile: an id no database holds, posted without the page.
    response = client_for(personas["bu_manager"]).post(
        reverse("briefings:new"), {**points(), "about": "thematic", "reviews": [str(review.pk), "9" * 30]}
    )
    assert response.status_code == 200 and "Choose reviews from the list" in response.content.decode()
    assert not Briefing.objects.exists()


def test_proposing_emails_each_chair_naming_the_reviews_only(personas, review):
    briefing = make(personas, review, title=f"What we learned about Mrs {SURNAME}")
    mail.outbox.clear()
    done = press(_detail(personas["bu_manager"], briefing), "Propose version 1 for publication")
    page = done.follow()
    assert banner(page) == (
        "Version 1 is proposed for publication. The de-identification check found 1 thing to clear before it "
        "can be approved. The independent chair has been emailed and asked to approve it."
    )
    assert BriefingProposal.objects.get().proposed_by == personas["bu_manager"]
    [email] = mail.outbox
    assert email.to == [personas["chair"].email] and not email.cc and not email.bcc
    assert email.subject == f"7-minute briefing to approve for publication: {review.reference} (Adult B)"
    assert reverse("briefings:detail", args=[briefing.pk]) in email.body and "version 1" in email.body
    assert SURNAME not in f"{email.subject} {email.body}"  # never the briefing's words


def test_the_check_and_the_decision_on_the_briefing_page(personas, review):
    briefing = make(personas, review, background=f"Mrs {SURNAME} lived alone and declined care.")
    services.propose(personas["bu_manager"], briefing.versions.get())
    chair_page = _detail(personas["chair"], briefing)
    blocked = approve_anyway(chair_page).follow()
    assert error_summary(blocked) == ["The de-identification check found 1 thing still to clear"]
    unexplained = press(chair_page, "Do not approve", note="")
    assert unexplained.status_code == 200 and field_error(unexplained, "note") == "Say why it is not approved"

    manager_page = _detail(personas["bu_manager"], briefing)
    bad = press(manager_page, "Clear", reason=" ")
    assert bad.status_code == 200 and error_summary(bad) == ["Give the reason this can be published"]
    assert field_error(bad, "reason") == "Give the reason this can be published"
    assert banner(press(bad, "Clear", reason="The family asked for her name.").follow()) == (
        "Cleared, with your reason recorded."
    )
    approved = press(_detail(personas["chair"], briefing), "Approve").follow()
    assert banner(approved) == "Approved: the briefing is in the public library."
    assert _rows(approved)["Public now"] == "Yes, version 1"
    assert Client().get(reverse("briefings:public-page", args=[briefing.pk])).status_code == 200


def test_every_state_says_truly_whether_the_briefing_is_public(personas, review):
    manager, chair = personas["bu_manager"], personas["chair"]
    briefing = make(personas, review)
    first = briefing.versions.get()
    assert "Not proposed for publication." in _detail(manager, briefing).text
    proposal = services.propose(manager, first)
    rows = _rows(_detail(manager, briefing))
    assert (rows["Public now"], rows["Status"]) == ("No", "Waiting for the independent chair's decision")
    refused = press(_detail(chair, briefing), "Do not approve", note="Shorten the background.").follow()
    assert banner(refused) == gate_views.NOT_APPROVED
    rows = _rows(_detail(manager, briefing))
    assert (rows["Public now"], rows["Status"], rows["The chair's note"]) == (
        "No",
        "Not approved",
        "Shorten the background.",
    )
    services.approve(chair, services.propose(manager, first))
    assert _rows(_detail(manager, briefing))["Public now"] == "Yes, version 1"
    # A new version waits while version 1 stays public.
    second = services.save_version(manager, briefing, points(remember="Ask again."))
    services.propose(manager, second)
    page = _detail(manager, briefing)
    assert _rows(page)["Public now"] == "Yes, version 1" and _rows(page)["Version"] == "2"
    assert "Until the chair decides, version 1 stays in the public library." in page.text
    services.approve(chair, BriefingProposal.objects.get(status=Status.PROPOSED))
    page = _detail(manager, briefing)
    assert _rows(page)["Public now"] == "Yes, version 2"
    down = press(page, "Take it off the public site").follow()
    assert banner(down) == "Taken off the public site."
    taken = BriefingProposal.objects.get(status=Status.APPROVED)
    assert _rows(down)["Public now"] == (
        f"No: taken off the public site on {timezone.localdate(taken.unpublished_at):%-d %B %Y}"
    )
    assert proposal.pk != taken.pk


def test_the_chair_sees_every_public_text_of_the_briefing_with_a_question_s_slip_marked(personas, review):
    """The approval page lists the title, the seven points, the questions and the review line the public
    page names, each in full, a hit in a question marked in place and in context; clearing it lets the
    chair approve."""
    briefing = make(personas, review, question_2=f"Who would ask Mrs {SURNAME} <b>first</b>?")
    press(_detail(personas["bu_manager"], briefing), "Propose version 1 for publication")
    page = _detail(personas["chair"], briefing)
    soup = BeautifulSoup(page.text, "html.parser")
    listing = soup.select_one("#going-public ~ dl.govuk-summary-list")
    assert listing is not None
    texts: dict[str, Any] = {
        text_of(row.select_one(".govuk-summary-list__key")): row.select_one(".govuk-summary-list__value")
        for row in listing.select(".govuk-summary-list__row")
    }
    version = briefing.versions.get()
    assert list(texts) == [
        "Title",
        *[heading for _, heading, _ in POINTS],
        "Question 1",
        "Question 2",
        f"Review {review.reference}",
    ]
    assert text_of(texts["Title"]) == version.title
    assert all(text_of(texts[heading]) == text for heading, text in version.points)
    assert text_of(texts[f"Review {review.reference}"]) == f"{review.reference}: Adult B"
    assert [mark.get_text() for mark in texts["Question 2"].select("mark")] == [SURNAME]
    assert "&lt;b&gt;first&lt;/b&gt;" in page.text and "<b>first</b>" not in page.text
    assert text_of(soup.select_one("#going-public-count")) == (
        "11 texts will be made public. The check found 1 thing; 0 are cleared."
    )
    [row] = soup.select("tr[id^=finding-]")
    assert text_of(row).startswith(f"Match 1 The adult's name Question 2: Who would ask Mrs {SURNAME} ")

    cleared = press(_detail(personas["bu_manager"], briefing), "Clear match 1", reason="Fictional: agreed.")
    assert banner(cleared.follow()) == "Cleared, with your reason recorded."
    approved = press(_detail(personas["chair"], briefing), "Approve").follow()
    assert banner(approved) == "Approved: the briefing is in the public library."
