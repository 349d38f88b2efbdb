"""The business unit's dashboard and the Board's overview: figures checked against a hand count, each figure
linked to the list behind it (and the list agrees), "fewer than 3" on every surface the Board sees."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from sarhub.actions import services as action_services
from sarhub.actions.models import Action, Status
from sarhub.insight import snapshots
from sarhub.insight.figures import Filters, compute
from sarhub.insight.models import Snapshot
from sarhub.insight.present import FEWER, Audience, Cell
from sarhub.referrals.models import Decision, Referral
from tests.builders import coded_signed_off_review, decided_referral, review_at
from tests.factories import make_sample_referral
from tests.pages import browse_as, error_summary, press, text_of

TODAY = timezone.localdate()


def _home(person: Any) -> Any:
    return browse_as(person).get(reverse("workspace:home"))


def _table(page: Any, key: str) -> dict[str, list[str]]:
    """A figure's table on the page: each row's heading to its cells' text."""
    soup = BeautifulSoup(page.text, "html.parser")
    block = soup.select_one(f"#figure-{key} table")
    assert block is not None, f"no table {key}"
    return {
        text_of(row.select_one("th")): [text_of(cell) for cell in row.select("td")] for row in block.select("tbody tr")
    }


def _link(page: Any, key: str, row: str, column: int) -> str:
    soup = BeautifulSoup(page.text, "html.parser")
    for tr in soup.select(f"#figure-{key} table tbody tr"):
        if text_of(tr.select_one("th")) == row:
            anchor = tr.select("td")[column].select_one("a")
            assert anchor is not None, f"{key} {row} column {column} has no link"
            return str(anchor["href"])
    raise AssertionError(f"no row {row} in {key}")


def _backdate(referral: Referral, received_days_ago: int, decided_after: int | None = None) -> None:
    received = timezone.now() - timedelta(days=received_days_ago)
    Referral.objects.filter(pk=referral.pk).update(received_at=received)
    if decided_after is not None:
        Decision.objects.filter(referral=referral).update(decided_at=received + timedelta(days=decided_after))


def test_referral_figures_match_a_hand_count_and_link_to_their_lists(personas):
    make_sample_referral()
    late = make_sample_referral()
    _backdate(late, received_days_ago=40)  # still waiting, past the 28-day target
    on_time = decided_referral(personas)
    _backdate(on_time, received_days_ago=50, decided_after=20)
    slow = decided_referral(personas)
    _backdate(slow, received_days_ago=100, decided_after=40)

    figures = compute(Filters())["referrals"]
    assert {row["status"]: row["count"] for row in figures["by_status"]} == {
        "received": 2,
        "screening": 0,
        "awaiting_decision": 0,
        "decided": 2,
        "withdrawn": 0,
    }
    assert figures["waiting_late"] == 1
    assert sum(q["decided"] for q in figures["timeliness"]) == 2
    assert sum(q["on_time"] for q in figures["timeliness"]) == 1

    page = _home(personas["bu_manager"])
    assert "The SAR programme" in page.text
    assert _table(page, "referrals-by-status")["Received"] == ["2"]
    listed = browse_as(personas["bu_manager"]).get(_link(page, "referrals-by-status", "Received", 0))
    assert len(BeautifulSoup(listed.text, "html.parser").select("table tbody tr")) == 2


def test_reviews_by_stage_count_the_late_ones_and_the_late_link_lists_them(personas):
    review_at(personas, "analysis", pseudonym="Adult S")
    late = review_at(personas, "analysis", pseudonym="Adult T")
    type(late).objects.filter(pk=late.pk).update(stage_due_on=TODAY - timedelta(days=9))

    row = next(r for r in compute(Filters())["reviews"]["by_stage"] if r["stage"] == "analysis")
    assert (row["count"], row["red"]) == (2, 1)

    page = _home(personas["bu_manager"])
    assert _table(page, "reviews-by-stage")["Analysis"][:2] == ["2", "1"]
    assert _table(page, "reviews-running-late")[late.reference][4] == "9"
    listed = browse_as(personas["bu_manager"]).get(_link(page, "reviews-by-stage", "Analysis", 1))
    assert "Adult T" in listed.text and "Adult S" not in listed.text

    # The Board sees neither the small counts nor the medians of two reviews (each near one review's own).
    board = _table(browse_as(personas["board_member"]).get(reverse("insight:overview")), "reviews-by-stage")
    assert board["Analysis"][:2] == [FEWER, FEWER]
    assert board["Analysis"][4:] == ["not shown (fewer than 3)"] * 2
    assert "Adult T" not in browse_as(personas["board_member"]).get(reverse("insight:overview")).text


@pytest.fixture
def plan(personas):
    """One signed-off review with four actions: the agency lead's agency owns a red, an amber and an
    assured one; the Board owns a green one."""
    review = coded_signed_off_review(personas)
    recommendation = review.recommendations.get()
    manager, lead = personas["bu_manager"], personas["agency_lead"]
    agency = lead.agencies[0]

    def make(owner: Any, who: Any, due_in: int) -> Action:
        return action_services.create_action(
            manager,
            review,
            {
                "recommendation": recommendation,
                "what": "Audit discharge summaries.",
                "owner_agency": owner,
                "lead": who,
                "due_on": TODAY + timedelta(days=due_in),
                "success_measure": "Nine in ten name the risk.",
            },
        )

    red = make(agency, lead, 200)
    Action.objects.filter(pk=red.pk).update(status=Status.OFF_TRACK)
    amber = make(agency, lead, 200)
    Action.objects.filter(pk=amber.pk).update(status=Status.AT_RISK)
    done = make(agency, lead, 200)
    Action.objects.filter(pk=done.pk).update(status=Status.ASSURED, completed_on=TODAY, assured_at=timezone.now())
    make(None, manager, 200)
    mail.outbox.clear()
    return {"agency": agency, "review": review}


def test_actions_by_owner_match_a_hand_count_and_each_link_opens_the_same_actions(personas, plan):
    agency = plan["agency"]
    figures = compute(Filters())["actions"]
    rows = {row["agency"]: row for row in figures["rows"]}
    assert {k: rows[agency.name][k] for k in ("red", "amber", "green", "complete", "closed", "total")} == {
        "red": 1,
        "amber": 1,
        "green": 0,
        "complete": 1,
        "closed": 0,
        "total": 3,
    }
    assert (rows["The Board"]["green"], rows["The Board"]["total"]) == (1, 1)

    page = _home(personas["bu_manager"])
    assert _table(page, "actions-by-agency")[agency.name] == ["1", "1", "0", "1", "0", "3"]
    for column, expected in ((0, "1 action"), (3, "1 action"), (5, "3 actions")):
        listed = browse_as(personas["bu_manager"]).get(_link(page, "actions-by-agency", agency.name, column))
        assert expected in listed.text


def test_the_board_sees_fewer_than_3_on_the_page_and_in_the_csv_and_no_list_links(personas, plan):
    agency = plan["agency"]
    board = browse_as(personas["board_member"])
    page = board.get(reverse("insight:overview"))
    row = _table(page, "actions-by-agency")[agency.name]
    # The Board's one action is hidden, so the agency's total of 3 goes too (or 4 - 3 would tell it).
    assert row == [FEWER, FEWER, "0", FEWER, "0", FEWER]
    soup = BeautifulSoup(page.text, "html.parser")
    assert not soup.select("#figure-actions-by-agency table a")
    chart: Any = soup.select_one("#figure-actions-by-agency svg")
    assert FEWER in chart.get_text()  # the chart says so too

    exported = list(
        csv.reader(
            io.StringIO(board.get(reverse("insight:figure-csv", args=["actions-by-agency"])).text.lstrip("\ufeff"))
        )
    )
    assert [agency.name, FEWER, FEWER, "0", FEWER, "0", FEWER] in exported
    exact = browse_as(personas["bu_manager"]).get(reverse("insight:figure-csv", args=["actions-by-agency"]))
    assert [agency.name, "1", "1", "0", "1", "0", "3"] in list(csv.reader(io.StringIO(exact.text.lstrip("\ufeff"))))


def test_a_hidden_figure_cannot_be_worked_out_from_its_total():
    who = Audience(exact=False)
    rows = who.protect(
        [[Cell("A"), who.count(1), who.count(7), who.count(8)], [Cell("B"), who.count(4), who.count(9), who.count(13)]],
        [1, 2],
    )
    # Row A hid its 1, so its next smallest (7) goes too; then each column has one hidden, so B's go.
    assert [cell.text for row in rows for cell in row[1:3]] == [FEWER] * 4
    assert [row[3].text for row in rows] == ["8", "13"]  # the totals were not among the columns protected
    assert Audience(exact=True).count(1).text == "1"
    assert Audience(exact=False).count(0).text == "0"


def test_filters_chosen_on_the_page_narrow_the_figures_and_a_tampered_one_shows_an_error(personas, plan):
    agency = plan["agency"]
    browser = browse_as(personas["bu_manager"])
    chosen = press(browser.get(reverse("workspace:home")), "Show figures", agency=agency.pk)
    assert list(_table(chosen, "actions-by-agency")) == [agency.name, "All owners"]

    tampered = browser.get(reverse("workspace:home") + "?agency=999999&year=1900")
    assert error_summary(tampered) == ["Choose a financial year from the list", "Choose an agency from the list"]
    assert "figure-actions-by-agency" not in tampered.text


def test_the_business_unit_refreshes_the_figures_and_the_daily_job_does_too(personas, plan):
    browser = browse_as(personas["bu_manager"])
    page = browser.get(reverse("workspace:home"))
    first: Any = Snapshot.objects.get(key=Filters().key).refreshed_at
    done = press(page, "Refresh the figures now").follow()
    assert "The figures have been refreshed" in done.text
    assert Snapshot.objects.get(key=Filters().key).refreshed_at > first

    Snapshot.objects.all().delete()
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    assert "Insight figures refreshed" in out.getvalue()
    assert Snapshot.objects.filter(key__in=[Filters().key, snapshots.THEMES]).count() == 2


def test_only_the_business_unit_has_the_dashboard_as_its_home(personas):
    assert "The SAR programme" in _home(personas["bu_coordinator"]).text
    for key in ("chair", "board_member", "agency_lead", "practitioner"):
        assert "The SAR programme" not in _home(personas[key]).text, key


def test_themes_over_time_count_the_boards_sars_beside_the_national_figures(personas):
    coded_signed_off_review(personas)  # a SAR in Rapid Time, its finding coded "Information sharing"
    exact = _table(browse_as(personas["bu_manager"]).get(reverse("insight:themes")), "themes-practice-theme")
    assert exact["Information sharing"][-4] == "1"
    assert exact["Information sharing"][-2:] == ["not published", "not published"]
    board = _table(browse_as(personas["board_member"]).get(reverse("insight:themes")), "themes-practice-theme")
    assert board["Information sharing"][-4] == FEWER
    abuse = _table(browse_as(personas["board_member"]).get(reverse("insight:themes")), "themes-abuse-type")
    assert abuse["Self-neglect"][-2] == "45%"
