"""The public site as a family member finds it: a way to the published learning, and numbers to call."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from sarhub.core.templatetags.govuk import _tel, phone_link

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "core:public-home",
    "core:accessibility",
    "core:privacy",
    "publication:library",
    "briefings:public-list",
    "referrals:public-form",
]


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_every_public_page_links_the_library_the_briefings_and_the_form(personas, name):
    soup = BeautifulSoup(Client().get(reverse(name)).content, "html.parser")
    navigation = soup.select_one("nav[aria-label=Menu]")
    assert navigation is not None
    links = {a.get_text(" ", strip=True): a["href"] for a in navigation.select("a")}
    assert links == {
        "Home": reverse("core:public-home"),
        "Published reviews": reverse("publication:library"),
        "7-minute briefings": reverse("briefings:public-list"),
        "Ask for a review": reverse("referrals:public-form"),
    }
    current = [a["href"] for a in navigation.select('a[aria-current="page"]')]
    assert current == ([reverse(name)] if reverse(name) in links.values() else [])


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_the_concern_line_and_999_are_numbers_to_call_on_every_public_page(personas, name):
    from sarhub.partnership.selectors import current_board

    board = current_board()
    soup = BeautifulSoup(Client().get(reverse(name)).content, "html.parser")
    calls = {a["href"] for a in soup.select('a[href^="tel:"]')}
    assert board.concern_phone
    assert calls >= {f"tel:{_tel(board.concern_phone)}", "tel:999"}


def test_phone_numbers_become_international_tel_addresses():
    assert _tel("01709 822330") == "+441709822330"
    assert _tel("(01709) 561447") == "+441709561447"
    assert _tel("+44 1709 822330") == "+441709822330"
    assert _tel("999") == "999"
    assert str(phone_link("01709 822330")) == '<a class="govuk-link" href="tel:+441709822330">01709 822330</a>'
    assert str(phone_link("")) == ""


def test_signed_in_staff_do_not_get_the_public_navigation(personas, client_for):
    page = client_for(personas["bu_manager"]).get(reverse("workspace:home")).content.decode()
    assert "Ask for a review" not in page
