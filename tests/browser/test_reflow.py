"""Nothing scrolls sideways at 320 CSS pixels (WCAG 2.2, 1.4.10 Reflow): every public page and the main
staff pages, with the demo's realistic content, in a real browser. axe does not check this."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from playwright.sync_api import Page

from sarhub.briefings.models import BriefingProposal
from sarhub.partnership.models import Person
from sarhub.publication.models import PublicationProposal
from sarhub.referrals.models import Referral
from sarhub.reviews.models import Review
from tests.browser.support import Axe, authenticator_for, sign_in
from tests.factories import TEST_PASSWORD

NARROW = {"width": 320, "height": 640}
# The widest the page's content may be: the viewport, to the pixel.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('main *')]
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .map((el) => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : ''))
    .slice(0, 5);
  return {scroll: document.documentElement.scrollWidth, width, wide};
}"""


@pytest.fixture
def demo(seeded_terms: None) -> None:
    with override_settings(DEBUG=True, DEMO_MODE=True):
        call_command("seed_demo", "--quiet-logins", stdout=StringIO())


def _no_sideways_scroll(page: Page, url: str) -> list[str]:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url} answered {response and response.status}"
    measured = page.evaluate(OVERFLOW)
    if measured["scroll"] > measured["width"]:
        return [f"{url}: {measured['scroll']}px wide at {measured['width']}px ({', '.join(measured['wide'])})"]
    return []


def test_public_pages_reflow_at_320_pixels(demo: None, live_server, new_context) -> None:
    page = new_context(viewport=NARROW).new_page()
    base = live_server.url
    published = PublicationProposal.objects.filter(status="approved").select_related("review").first()
    briefing = BriefingProposal.objects.filter(status="approved").first()
    assert published is not None and briefing is not None, "the demo publishes a review and a briefing"
    urls = [
        reverse("core:public-home"),
        reverse("core:accessibility"),
        reverse("core:privacy"),
        reverse("referrals:public-form"),
        reverse("publication:library"),
        reverse("publication:library") + "?q=carer",
        reverse("publication:review", args=[published.review.reference]),
        reverse("briefings:public-list"),
        reverse("briefings:public-page", args=[briefing.briefing_id]),
        reverse("accounts:login"),
    ]
    problems = [problem for url in urls for problem in _no_sideways_scroll(page, base + url)]
    assert not problems, "Pages scroll sideways at 320px:\n" + "\n".join(problems)


def test_main_staff_pages_reflow_at_320_pixels(demo: None, live_server, new_context, axe: Axe) -> None:
    page = new_context(viewport=NARROW).new_page()
    base = live_server.url
    manager = Person.objects.get(email="bu-manager@rsab-demo.invalid")
    manager.set_password(TEST_PASSWORD)  # the demo's own password is for the demo only
    manager.save()
    sign_in(page, base, manager, authenticator_for(manager), axe)
    review = Review.objects.filter(actions__isnull=False).order_by("pk").first()
    referral = Referral.objects.order_by("pk").first()
    assert review is not None and referral is not None
    urls = [
        reverse("workspace:home"),
        reverse("workspace:tasks"),
        reverse("referrals:list"),
        reverse("referrals:detail", args=[referral.pk]),
        reverse("reviews:list"),
        reverse("reviews:detail", args=[review.pk]),
        reverse("reviews:agencies", args=[review.pk]),
        reverse("reviews:findings", args=[review.pk]),
        reverse("actions:for-review", args=[review.pk]),
        reverse("actions:plan"),
        reverse("briefings:list"),
        reverse("leadership:log"),
        reverse("partnership:agency-list"),
        reverse("audit:list"),
    ]
    problems = [problem for url in urls for problem in _no_sideways_scroll(page, base + url)]
    assert not problems, "Pages scroll sideways at 320px:\n" + "\n".join(problems)
