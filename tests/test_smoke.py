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
    response = client_for(personas["bu_manager"]).get(reverse("core:home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Business unit manager" in body
    assert reverse("partnership:overview") in body
    practitioner_home = client_for(personas["practitioner"]).get(reverse("core:home")).content.decode()
    assert "Testshire Council" in practitioner_home
    assert reverse("partnership:overview") not in practitioner_home
