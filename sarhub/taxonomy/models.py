"""How the Board codes referrals, findings and learning: seeded lists that administrators can extend.

- Abuse and neglect types: the statutory guidance list (Care and Support Statutory Guidance, 14.17).
- Practice themes: the themes common in the national SAR analyses.
- Learning domains: the five domains of the national analyses (fixed, so a choice list, not a table).
"""

from __future__ import annotations

from django.db import models


class LearningDomain(models.TextChoices):
    DIRECT_WORK = "direct_work", "Direct work with the adult"
    INTER_AGENCY = "inter_agency", "The inter-agency team around the adult"
    ORGANISATIONAL = "organisational", "Organisational support around the team"
    GOVERNANCE = "governance", "Safeguarding Adults Board governance"
    NATIONAL = "national", "The national legal, policy and financial context"


class TermQuerySet(models.QuerySet["Term"]):
    def active(self) -> TermQuerySet:
        return self.filter(is_active=True)


class Term(models.Model):
    name = models.CharField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True, help_text="Retired terms stay on old records")
    is_seeded = models.BooleanField(default=False, editable=False)

    objects = TermQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class AbuseType(Term):
    class Meta(Term.Meta):
        verbose_name = "abuse or neglect type"


class PracticeTheme(Term):
    class Meta(Term.Meta):
        verbose_name = "practice theme"
