from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_public_home_shows_the_board_and_how_to_report_a_concern(client, personas):
    response = client.get(reverse("core:public-home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Testshire Safeguarding Adults Board" in body
    assert "01632 960000" in body


@pytest.mark.django_db
def test_staff_home_lists_roles_and_reachable_areas(personas, client_for):
    # The business unit's home is the programme's dashboard; its navigation still reaches every area.
    response = client_for(personas["bu_manager"]).get(reverse("workspace:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "The SAR programme" in body
    assert reverse("partnership:overview") in body
    chair_home = client_for(personas["chair"]).get(reverse("workspace:home")).content.decode()
    assert "Independent chair" in chair_home and reverse("insight:overview") in chair_home
    practitioner_home = client_for(personas["practitioner"]).get(reverse("workspace:home")).content.decode()
    assert "Testshire Council" in practitioner_home
    assert reverse("partnership:overview") not in practitioner_home


@pytest.mark.django_db
def test_a_change_to_the_boards_details_reaches_the_public_pages_at_once(client, personas, client_for):
    assert "01632 960000" in client.get(reverse("core:public-home")).content.decode()  # now cached
    manager = client_for(personas["bu_manager"])
    response = manager.post(
        reverse("partnership:board-edit"),
        {
            "name": "Testshire Safeguarding Adults Board",
            "short_name": "TSAB",
            "concern_phone": "01632 960999",
            "website": "https://www.tsab.example.org",
            "financial_year_start_month": "4",
            "purpose": "",
        },
    )
    assert response.status_code == 302
    body = client.get(reverse("core:public-home")).content.decode()
    assert "01632 960999" in body
    assert "01632 960000" not in body


@pytest.mark.django_db
def test_agency_people_counts_follow_role_changes(personas, client_for):
    from sarhub.partnership.services import end_membership

    manager = client_for(personas["bu_manager"])
    practitioner = personas["practitioner"]
    council = practitioner.agencies[0]

    def count_shown() -> int:
        rows = manager.get(reverse("partnership:agency-list")).context["rows"]
        return {agency.pk: n for agency, n, _ in rows}[council.pk]

    before = count_shown()  # cached from here on
    assert before == 2  # the practitioner and the line manager
    end_membership(personas["bu_manager"], practitioner.active_memberships[0])
    assert count_shown() == before - 1


@pytest.mark.django_db
@pytest.mark.parametrize("large", [False, True])
def test_agency_people_are_the_same_whichever_way_they_are_read(personas, monkeypatch, large):
    """Large agencies are read in name order with EXISTS, small ones with IN: same people, same order."""
    from sarhub.partnership import selectors
    from tests.factories import MembershipFactory, PersonFactory

    council = personas["practitioner"].agencies[0]
    for name in ["Zed Person", "Abe Person", "Mo Person"]:
        MembershipFactory(person=PersonFactory(full_name=name), role="practitioner", agency=council)
    gone = PersonFactory(full_name="Gone Person", is_active=False)
    MembershipFactory(person=gone, role="practitioner", agency=council)
    monkeypatch.setattr(selectors, "LARGE_AGENCY", -1 if large else 10_000)
    rows, count = selectors.agency_people(personas["bu_manager"], council)
    names = [row["full_name"] for row in rows]
    assert names == ["Abe Person", "Mo Person", "Persona line_manager", "Persona practitioner", "Zed Person"]
    assert count == 5


def test_pagination_links_keep_the_filters_and_escape_them():
    from django.core.paginator import Paginator

    from sarhub.core.templatetags.govuk import pagination

    page = Paginator(list(range(60)), 25).get_page(2)
    html = str(pagination(page, 'q=a%22b&status=all"><script>'))
    assert 'href="?q=a%22b&amp;status=all&quot;&gt;&lt;script&gt;&amp;page=1" rel="prev"' in html
    assert 'rel="next"' in html and "2 of 3" in html
    assert "<script>" not in html
    assert str(pagination(Paginator([1], 25).get_page(1), "")) == ""
