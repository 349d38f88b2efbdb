"""The top floor composes what each app registers (sarhub/core/registry.py): adding an app's area or daily
job never edits the workspace."""

from __future__ import annotations

from io import StringIO

from bs4 import BeautifulSoup
from django.core.management import call_command
from django.urls import reverse

from sarhub.core import registry
from sarhub.core.registry import Area, DailyJob


def _navigation(html: str) -> list[str]:
    nav = BeautifulSoup(html, "html.parser").select_one("nav.govuk-service-navigation__wrapper")
    assert nav is not None
    return [a.get_text(" ", strip=True) for a in nav.select("a")]


def test_the_business_unit_sees_every_registered_area_in_order(personas, client_for):
    home = client_for(personas["bu_manager"]).get(reverse("workspace:home")).content.decode()
    expected = [a.label for a in registry.areas() if a.in_navigation and a.rule(personas["bu_manager"])]
    assert _navigation(home) == expected
    assert expected[:2] == ["Home", "Your tasks"] and expected[-1] == "Your account"
    # Every app's area is registered once, each with a URL that resolves.
    labels = [a.label for a in registry.areas()]
    assert len(labels) == len(set(labels)) == 19
    assert all(area.url.startswith("/") for area in registry.areas())


def test_a_new_area_and_daily_job_appear_without_editing_the_top_floor(personas, client_for, monkeypatch):
    monkeypatch.setattr(registry, "_areas", dict(registry._areas))
    monkeypatch.setattr(registry, "_ordered_areas", list(registry._ordered_areas))
    monkeypatch.setattr(registry, "_jobs", dict(registry._jobs))
    registry.register_area(
        Area(
            "Horizon scanning",
            "workspace:tasks",  # any URL with no arguments will do for the test
            "horizon:",
            "Figures across the programme.",
            lambda user: user.pk == personas["board_member"].pk,
            order=95,
        )
    )
    registry.register_daily_job(DailyJob("horizon refresh", lambda: "Horizon refreshed.", order=999))

    board = client_for(personas["board_member"]).get(reverse("workspace:home")).content.decode()
    assert "Horizon scanning" in _navigation(board) and "Figures across the programme." in board
    assert "Horizon scanning" not in _navigation(
        client_for(personas["practitioner"]).get(reverse("workspace:home")).content.decode()
    )

    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert out.getvalue().splitlines()[-1] == "Horizon refreshed."
