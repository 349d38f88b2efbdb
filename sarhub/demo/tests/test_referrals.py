"""The demo referrals: seeded through the services, with several answers to each multiple choice."""

from __future__ import annotations

import pytest

from sarhub.demo.referrals import DEMO_REFERRALS, seed_referrals
from sarhub.referrals.models import Referral, ReferralCorrection, Source, Status

pytestmark = pytest.mark.django_db


def test_the_demo_referrals_show_several_answers_judgements_and_a_correction(settings):
    from sarhub.demo.management.commands.seed_demo import seed

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    people = seed()
    seed_referrals(people)
    seed_referrals(people)  # again: nothing changes

    assert Referral.objects.count() == len(DEMO_REFERRALS)
    several = [r for r in Referral.objects.all() if r.abuse_types.count() >= 2 and r.agencies.count() >= 2]
    assert len(several) >= 6
    public = Referral.objects.filter(source=Source.PUBLIC)
    assert public.exists() and not public.exclude(criterion="").exists()
    # Past screening, every public referral carries the business unit's judgement of section 44.
    assert not public.exclude(status=Status.RECEIVED).filter(screening_criterion="").exists()
    assert public.filter(status=Status.RECEIVED, screening_criterion="").exists()  # one still to judge
    correction = ReferralCorrection.objects.get()
    assert correction.changes[0]["field"] == "adult_aliases"
    assert correction.referral.adult_aliases == "Dot Ashby"
