"""The Board's coding lists: seeded in order, extendable, retired but never deleted (records keep them)."""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.db import IntegrityError, transaction

from sarhub.reviews.services import set_up_review
from sarhub.reviews.services.content import save_finding
from sarhub.taxonomy.models import AbuseType, LearningDomain, PracticeTheme
from sarhub.taxonomy.seed import ABUSE_TYPES, PRACTICE_THEMES
from tests.builders import decided_referral

pytestmark = pytest.mark.django_db


def test_the_statutory_abuse_types_are_seeded_in_the_guidances_order_with_their_notes():
    seeded = list(AbuseType.objects.filter(is_seeded=True).values_list("name", "description"))
    assert seeded == ABUSE_TYPES
    assert len(seeded) == 10  # Care and Support Statutory Guidance, 14.17
    assert AbuseType.objects.get(name="Self-neglect").description == "Including hoarding"


def test_the_practice_themes_are_seeded_in_order_and_all_active():
    assert list(PracticeTheme.objects.active().values_list("name", flat=True)) == PRACTICE_THEMES
    assert all(PracticeTheme.objects.values_list("is_seeded", flat=True))


def test_a_new_term_takes_its_place_by_order_and_a_name_is_never_repeated():
    AbuseType.objects.create(name="Cuckooing (fictional addition)", order=15)
    names = list(AbuseType.objects.values_list("name", flat=True))
    assert names[:3] == ["Physical abuse", "Cuckooing (fictional addition)", "Domestic abuse"]
    with pytest.raises(IntegrityError), transaction.atomic():
        AbuseType.objects.create(name="Physical abuse")


def test_a_retired_term_is_no_longer_offered_but_stays_on_the_records_that_used_it(personas):
    manager = personas["bu_manager"]
    review = set_up_review(manager, [decided_referral(personas)], route="rapid", data={"pseudonym": "Adult T"})
    theme = PracticeTheme.objects.get(name="Fire risk")
    finding = save_finding(
        manager,
        review,
        {"text": "Smoking in bed was known.", "domain": "direct_work", "kind": "barrier", "practice_themes": [theme]},
    )
    theme.is_active = False
    theme.save()

    assert theme not in PracticeTheme.objects.active()
    assert list(finding.practice_themes.all()) == [theme]


def test_terms_cannot_be_deleted_in_the_administration_site(rf, personas):
    request = rf.get("/")
    request.user = personas["sysadmin"]
    for model in (AbuseType, PracticeTheme):
        admin = site._registry[model]
        assert admin.has_delete_permission(request) is False
        assert admin.has_delete_permission(request, model.objects.first()) is False


def test_the_five_learning_domains_of_the_national_analyses():
    assert [label for _, label in LearningDomain.choices] == [
        "Direct work with the adult",
        "The inter-agency team around the adult",
        "Organisational support around the team",
        "Safeguarding Adults Board governance",
        "The national legal, policy and financial context",
    ]
