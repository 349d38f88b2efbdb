"""Referrals for a Safeguarding Adult Review: the first step of the lifecycle.

The adult's identity and details are the confidential record: they are shown only to the people the
referrals permissions allow, every view is audited, and nothing here reaches a public page or an email.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from sarhub.partnership.asking import AgencyAsk
from sarhub.partnership.models import Agency
from sarhub.taxonomy.models import AbuseType


class Source(models.TextChoices):
    PROFESSIONAL = "professional", "Professional"
    PUBLIC = "public", "Family member or member of the public"


class Criterion(models.TextChoices):
    CONDITION_1 = (
        "condition_1",
        "Mandatory, condition 1: the adult has died, and abuse or neglect is known or suspected to have caused the death",
    )
    CONDITION_2 = (
        "condition_2",
        "Mandatory, condition 2: the adult is alive and has experienced serious abuse or neglect",
    )
    DISCRETIONARY = "discretionary", "Discretionary: another case of an adult with care and support needs"
    UNSURE = "unsure", "I am not sure"


class Judgement(models.TextChoices):
    """The business unit's judgement, during screening, of whether section 44 applies (a family member
    or member of the public is not asked which part of the law applies: the business unit judges it)."""

    CONDITION_1 = (
        "condition_1",
        "Mandatory, condition 1: the adult has died, and abuse or neglect is known or suspected to have caused the death",
    )
    CONDITION_2 = (
        "condition_2",
        "Mandatory, condition 2: the adult is alive and has experienced serious abuse or neglect",
    )
    DISCRETIONARY = "discretionary", "Discretionary: another case of an adult with care and support needs"
    NOT_MET = "not_met", "Not met: the section 44 criteria do not appear to be met"


class FamilyKnows(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNSURE = "unsure", "I do not know"


class Status(models.TextChoices):
    RECEIVED = "received", "Received"
    SCREENING = "screening", "Screening"
    AWAITING_DECISION = "awaiting_decision", "Awaiting decision"
    DECIDED = "decided", "Decided"
    WITHDRAWN = "withdrawn", "Withdrawn"


STATUS_LABELS: dict[str, str] = {value: str(label) for value, label in Status.choices}
CRITERION_LABELS: dict[str, str] = {value: str(label) for value, label in Criterion.choices}
SOURCE_LABELS: dict[str, str] = {value: str(label) for value, label in Source.choices}
FAMILY_KNOWS_LABELS: dict[str, str] = {value: str(label) for value, label in FamilyKnows.choices}
JUDGEMENT_LABELS: dict[str, str] = {value: str(label) for value, label in Judgement.choices}


class Referral(models.Model):
    reference = models.CharField(max_length=20, unique=True, editable=False)
    source = models.CharField(max_length=20, choices=Source.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    received_at = models.DateTimeField(default=timezone.now)

    # The adult: the confidential record.
    adult_name = models.CharField("full name", max_length=200)
    adult_aliases = models.CharField("other names they were known by", max_length=300, blank=True)
    adult_date_of_birth = models.DateField("date of birth", null=True, blank=True)
    adult_date_of_death = models.DateField("date of death", null=True, blank=True)
    adult_address = models.TextField("address", max_length=500, blank=True)
    adult_postcode = models.CharField("postcode", max_length=10, blank=True)
    adult_nhs_number = models.CharField("NHS number", max_length=12, blank=True)

    # What happened.
    what_happened = models.TextField(max_length=10_000)
    happened_on = models.DateField("when it happened (date)", null=True, blank=True)
    happened_period = models.CharField("when it happened (period)", max_length=200, blank=True)
    working_together_concern = models.TextField(
        "why there is a concern about how agencies worked together", max_length=5_000
    )
    # What a professional referrer thinks applies, and why. A family member or member of the public is
    # not asked (blank): the business unit judges it during screening (screening_criterion below).
    criterion = models.CharField("which part of the law applies", max_length=20, choices=Criterion.choices, blank=True)
    criterion_reasons = models.TextField("why", max_length=5_000, blank=True)
    abuse_types = models.ManyToManyField(AbuseType, blank=True, related_name="referrals")
    agencies = models.ManyToManyField(Agency, blank=True, related_name="referrals")
    other_agencies = models.CharField("other organisations involved", max_length=500, blank=True)
    family_knows = models.CharField(
        "does the family know about this referral", max_length=10, choices=FamilyKnows.choices
    )

    # Who referred.
    referrer_name = models.CharField("name", max_length=200)
    referrer_email = models.EmailField("email address", blank=True)
    referrer_phone = models.CharField("phone number", max_length=30, blank=True)
    referrer_relationship = models.CharField("relationship to the adult", max_length=200)
    referrer_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals_made"
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals_made"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    # The business unit's judgement of section 44, recorded during screening.
    screening_criterion = models.CharField(
        "the business unit's judgement of section 44", max_length=20, choices=Judgement.choices, blank=True
    )
    screening_criterion_reasons = models.TextField("the business unit's reasons", max_length=5_000, blank=True)
    screening_criterion_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    screening_criterion_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["status", "received_at"], name="referral_status_received_idx"),
            models.Index(fields=["referred_by", "received_at"], name="referral_referrer_idx"),
            models.Index(fields=["received_at", "id"], name="referral_received_idx"),
        ]

    def __str__(self) -> str:
        # Never the adult's name: references are what screens, emails and logs use.
        return self.reference or "New referral"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    # Labels from dictionaries: get_FOO_display() flattens the choices again on every call.
    @property
    def criterion_label(self) -> str:
        return CRITERION_LABELS.get(self.criterion, self.criterion)

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS.get(self.source, self.source)

    @property
    def family_knows_label(self) -> str:
        return FAMILY_KNOWS_LABELS.get(self.family_knows, self.family_knows)

    @property
    def screening_criterion_label(self) -> str:
        return JUDGEMENT_LABELS.get(self.screening_criterion, self.screening_criterion)

    @property
    def needs_judgement(self) -> bool:
        """A referral that names no part of section 44 (a public referral) waits for the business unit's
        judgement before a decision."""
        return not self.criterion and not self.screening_criterion


class ReferralCorrection(models.Model):
    """The business unit's correction of a referral's details: what each changed field was before and
    became after, who corrected it, when and why. Kept for good; shown on the referral."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="corrections")
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    corrected_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField("why it was corrected", max_length=2_000)
    # [{"field": "adult_name", "label": "Name", "before": "…", "after": "…"}, …], as the page shows them.
    changes = models.JSONField(default=list)

    class Meta:
        ordering = ["-corrected_at", "-id"]

    def __str__(self) -> str:
        return f"Correction of {self.referral}"

    @property
    def fields_changed(self) -> list[str]:
        return [change["field"] for change in self.changes]


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    ANSWERED = "answered", "Answered"
    WITHDRAWN = "withdrawn", "Withdrawn"


REQUEST_STATUS_LABELS: dict[str, str] = {value: str(label) for value, label in RequestStatus.choices}


class ScopingRequest(AgencyAsk):
    """The business unit's request to one agency for a short scoping summary of its involvement (the note,
    who asked and when, the due date and reminders are every request's: partnership.asking)."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="scoping_requests")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="scoping_requests")
    status = models.CharField(max_length=20, choices=RequestStatus.choices, default=RequestStatus.REQUESTED)
    involvement = models.TextField("the agency's involvement with the adult", max_length=10_000, blank=True)
    concerns = models.TextField("concerns or learning the agency has identified", max_length=10_000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta(AgencyAsk.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "agency"],
                condition=models.Q(status__in=["requested", "answered"]),
                name="one_open_scoping_request_per_agency",
            )
        ]
        indexes = [
            models.Index(fields=["agency", "status", "due_on"], name="scoping_agency_status_idx"),
            models.Index(fields=["status", "due_on"], name="scoping_status_due_idx"),
        ]

    def __str__(self) -> str:
        return f"Scoping request {self.pk} for {self.referral}"

    @property
    def status_label(self) -> str:
        return REQUEST_STATUS_LABELS.get(self.status, self.status)


class Outcome(models.TextChoices):
    MANDATORY_CONDITION_1 = (
        "mandatory_1",
        "Mandatory SAR: condition 1 (the adult died; abuse or neglect known or suspected)",
    )
    MANDATORY_CONDITION_2 = "mandatory_2", "Mandatory SAR: condition 2 (the adult is alive; serious abuse or neglect)"
    DISCRETIONARY = "discretionary", "Discretionary SAR"
    PROPORTIONATE = "proportionate", "Criteria met, but a more proportionate learning approach"
    OTHER_PROCESS = "other_process", "Refer to another process"
    SINGLE_AGENCY = "single_agency", "Single-agency learning"
    NO_FURTHER_ACTION = "no_further_action", "No further action"


class OtherProcess(models.TextChoices):
    DHR = "dhr", "Domestic Homicide Review"
    CSPR = "cspr", "Child Safeguarding Practice Review"
    LEDER = "leder", "LeDeR (learning from lives and deaths)"
    S42 = "s42", "Section 42 safeguarding enquiry"


class Recommendation(models.Model):
    """The SAR subgroup's recommendation to the independent chair (one per referral, revisable until the decision)."""

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="recommendation")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    other_process = models.CharField(max_length=10, choices=OtherProcess.choices, blank=True)
    reasons = models.TextField(max_length=10_000)
    recommended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recommended_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Recommendation on {self.referral}"


class Decision(models.Model):
    """The independent chair's decision, with reasons."""

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    other_process = models.CharField(max_length=10, choices=OtherProcess.choices, blank=True)
    reasons = models.TextField(max_length=10_000)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Decision on {self.referral}"

    @property
    def days_taken(self) -> int:
        return (timezone.localdate(self.decided_at) - timezone.localdate(self.referral.received_at)).days

    @property
    def within_target(self) -> bool:
        return self.days_taken <= settings.DECISION_TARGET_DAYS

    @property
    def is_review(self) -> bool:
        """A SAR, or a more proportionate learning review: either way, a review is set up."""
        return self.is_sar or self.outcome == Outcome.PROPORTIONATE

    @property
    def is_sar(self) -> bool:
        return self.outcome in (Outcome.MANDATORY_CONDITION_1, Outcome.MANDATORY_CONDITION_2, Outcome.DISCRETIONARY)


class LetterStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent by email"
    POSTED = "posted", "Sent by post"


class OutcomeLetter(models.Model):
    """The letter or email telling the referrer the outcome and reasons: drafted from the decision,
    reviewed and edited by the business unit, then sent."""

    referral = models.OneToOneField(Referral, on_delete=models.PROTECT, related_name="outcome_letter")
    body = models.TextField(max_length=20_000)
    status = models.CharField(max_length=10, choices=LetterStatus.choices, default=LetterStatus.DRAFT)
    drafted_at = models.DateTimeField(default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # Letters still to check and send (the task list).
            models.Index(fields=["drafted_at"], name="letter_draft_idx", condition=models.Q(status="draft")),
        ]

    def __str__(self) -> str:
        return f"Outcome letter for {self.referral}"
