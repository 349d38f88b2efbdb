"""A Safeguarding Adult Review (or rapid, thematic or other learning review) and how it is set up.

Screens, file names and emails use the review's reference and the adult's pseudonym; the adult's real
identity stays in the referral, the confidential record.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from sarhub.partnership.asking import AgencyAsk
from sarhub.partnership.models import Agency
from sarhub.referrals.models import Referral
from sarhub.taxonomy.models import AbuseType, LearningDomain, PracticeTheme


class Route(models.TextChoices):
    INDEPENDENT_SAR = "independent_sar", "Independent SAR"
    RAPID = "rapid", "SAR in Rapid Time"
    THEMATIC = "thematic", "Thematic review (several adults)"
    OTHER_LEARNING = "other_learning", "Other learning review"


class Stage(models.TextChoices):
    SET_UP = "set_up", "Set-up"
    INFORMATION_GATHERING = "information_gathering", "Information gathering"
    LEARNING_EVENT = "learning_event", "Learning event"
    ANALYSIS = "analysis", "Analysis"
    DRAFT = "draft", "Draft report"
    FACTUAL_ACCURACY = "factual_accuracy", "Factual accuracy"
    BOARD_SIGN_OFF = "board_sign_off", "Board sign-off"
    COMPLETE = "complete", "Complete"


STAGE_ORDER = list(Stage.values)
ROUTE_LABELS: dict[str, str] = {value: str(label) for value, label in Route.choices}
STAGE_LABELS: dict[str, str] = {value: str(label) for value, label in Stage.choices}

# Planned weeks per stage, by route (a SAR in Rapid Time runs in about three months).
PLANNED_WEEKS: dict[str, list[int]] = {
    Route.RAPID: [2, 3, 1, 2, 2, 2, 1, 0],
    Route.INDEPENDENT_SAR: [4, 8, 2, 6, 6, 4, 4, 0],
    Route.THEMATIC: [4, 10, 3, 8, 6, 4, 4, 0],
    Route.OTHER_LEARNING: [2, 4, 2, 3, 3, 2, 2, 0],
}


class Review(models.Model):
    reference = models.CharField(max_length=20, unique=True, editable=False)
    pseudonym = models.CharField(
        max_length=60, help_text="How the adult is named everywhere except the confidential record, e.g. Adult A"
    )
    route = models.CharField(max_length=20, choices=Route.choices)
    stage = models.CharField(max_length=30, choices=Stage.choices, default=Stage.SET_UP)
    referrals = models.ManyToManyField(Referral, related_name="reviews")
    period_from = models.DateField("period in scope, from", null=True, blank=True)
    period_to = models.DateField("period in scope, to", null=True, blank=True)
    lines_of_enquiry = models.TextField("key lines of enquiry", max_length=10_000, blank=True)
    methodology = models.TextField(max_length=5_000, blank=True)
    converted_from_rapid_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    signed_off_on = models.DateField(null=True, blank=True)
    # The planned end of the stage under way (its StagePlan's planned_end), kept by the stage services
    # (set_up_review, advance; reviews.services.refresh_stage_due for data written in bulk); empty once
    # complete. The "running late" filter is then one range of a small index, not a join over every
    # open stage.
    stage_due_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["stage", "created_at"], name="review_stage_idx"),
            models.Index(fields=["created_at", "id"], name="review_created_idx"),
            models.Index(
                fields=["stage_due_on"], name="review_stage_due_idx", condition=models.Q(stage_due_on__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.pseudonym})" if self.reference else self.pseudonym

    @property
    def route_label(self) -> str:
        return ROUTE_LABELS.get(self.route, self.route)

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS.get(self.stage, self.stage)


class StagePlan(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="stage_plans")
    stage = models.CharField(max_length=30, choices=Stage.choices)
    # The original plan, set when the review was set up: slippage is always measured against it.
    planned_start = models.DateField(null=True, blank=True)
    planned_end = models.DateField(null=True, blank=True)
    # The latest agreed revision of the plan (TimelineRevision), shown beside the original; empty if none.
    revised_start = models.DateField(null=True, blank=True)
    revised_end = models.DateField(null=True, blank=True)
    actual_start = models.DateField(null=True, blank=True)
    actual_end = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "stage"], name="one_plan_per_stage")]
        indexes = [
            # Stages under way, by planned end: the "running late" filter and task list.
            models.Index(
                fields=["planned_end"],
                name="stageplan_open_idx",
                condition=models.Q(actual_start__isnull=False, actual_end__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.review}: {self.get_stage_display()}"

    @property
    def order(self) -> int:
        return STAGE_ORDER.index(self.stage)

    @property
    def is_slipping(self) -> bool:
        """Finished after it was planned to, or still open after its planned end."""
        if not self.planned_end:
            return False
        if self.actual_end:
            return self.actual_end > self.planned_end
        return self.actual_start is not None and timezone.localdate() > self.planned_end

    def slip_days(self, today: date | None = None) -> int:
        if not self.planned_end:
            return 0
        end = self.actual_end or (today or timezone.localdate())
        return max(0, (end - self.planned_end).days)

    @property
    def current_start(self) -> date | None:
        """Where the plan now stands: the agreed revision if there is one, else the original."""
        return self.revised_start or self.planned_start

    @property
    def current_end(self) -> date | None:
        return self.revised_end or self.planned_end

    @property
    def is_revised(self) -> bool:
        return self.revised_end is not None and (
            self.revised_end != self.planned_end or self.revised_start != self.planned_start
        )


class TimelineRevision(models.Model):
    """An agreed change to the review's plan: a stage's end moved (the stages after it move with it),
    why, who agreed it and when. The original plan is kept on each StagePlan for slippage reporting."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="timeline_revisions")
    stage = models.CharField(max_length=30, choices=Stage.choices)
    previous_end = models.DateField("planned end before the change")
    new_end = models.DateField("agreed new end")
    reason = models.TextField(max_length=2_000)
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agreed_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["review", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"Timeline revision {self.pk}"

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS.get(self.stage, self.stage)

    @property
    def days(self) -> int:
        return (self.new_end - self.previous_end).days


class StageMoveRequest(models.Model):
    """The lead reviewer asks the business unit to move the review on; settled when the business unit
    moves it (or when the review moves on anyway)."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="stage_move_requests")
    from_stage = models.CharField(max_length=30, choices=Stage.choices)
    to_stage = models.CharField(max_length=30, choices=Stage.choices)
    note = models.TextField(max_length=2_000, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    settled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["review", "-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review"], condition=models.Q(settled_at__isnull=True), name="one_open_stage_move_request"
            )
        ]

    def __str__(self) -> str:
        return f"Stage move request {self.pk}"

    @property
    def to_stage_label(self) -> str:
        return STAGE_LABELS.get(self.to_stage, self.to_stage)


class FindingKind(models.TextChoices):
    GOOD_PRACTICE = "good_practice", "Good practice"
    BARRIER = "barrier", "Barrier to good practice"
    SYSTEMIC_RISK = "systemic_risk", "Systemic risk"


class Finding(models.Model):
    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="findings")
    number = models.PositiveIntegerField()
    text = models.TextField(max_length=10_000)
    domain = models.CharField("learning domain", max_length=20, choices=LearningDomain.choices)
    kind = models.CharField(max_length=20, choices=FindingKind.choices)
    abuse_types = models.ManyToManyField(AbuseType, blank=True, related_name="findings")
    practice_themes = models.ManyToManyField(PracticeTheme, blank=True, related_name="findings")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["review", "number"]
        constraints = [models.UniqueConstraint(fields=["review", "number"], name="one_finding_number_per_review")]

    def __str__(self) -> str:
        return f"Finding {self.number}"


class ResponseStatus(models.TextChoices):
    AWAITING = "awaiting", "Awaiting a response"
    ACCEPTED = "accepted", "Accepted"
    ACCEPTED_IN_PART = "accepted_in_part", "Accepted in part"
    NOT_ACCEPTED = "not_accepted", "Not accepted"


class ReviewRecommendation(models.Model):
    """A recommendation of the review, addressed to the Board or to named agencies, and its response."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="recommendations")
    number = models.PositiveIntegerField()
    text = models.TextField(max_length=10_000)
    to_board = models.BooleanField("addressed to the Board", default=False)
    agencies = models.ManyToManyField(Agency, blank=True, related_name="review_recommendations")
    findings = models.ManyToManyField(Finding, blank=True, related_name="recommendations")
    response = models.CharField(max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.AWAITING)
    response_reasons = models.TextField(max_length=10_000, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["review", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="one_recommendation_number_per_review")
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number}"


QUALITY_MARKERS: list[tuple[int, str, str]] = [
    (1, "Referral", "Setting up"),
    (2, "Decision making", "Setting up"),
    (3, "Informing the person and family", "Setting up"),
    (4, "Clarity of purpose", "Setting up"),
    (5, "Commissioning", "Setting up"),
    (6, "Governance", "Running"),
    (7, "Process management", "Running"),
    (8, "Parallel processes", "Running"),
    (9, "Assembling information", "Running"),
    (10, "Practitioners' involvement", "Running"),
    (11, "Involvement of the person and family", "Running"),
    (12, "Analysis", "Running"),
    (13, "The report", "Output, action and impact"),
    (14, "Publication and dissemination", "Output, action and impact"),
    (15, "Action and impact", "Output, action and impact"),
]


class Rating(models.TextChoices):
    NOT_ASSESSED = "", "Not assessed"
    GREEN = "green", "Green: met"
    AMBER = "amber", "Amber: partly met"
    RED = "red", "Red: not met"


class QualityMarkerAssessment(models.Model):
    """The review's self-assessment against one of SCIE's 15 SAR Quality Markers."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="quality_markers")
    marker = models.PositiveSmallIntegerField(choices=[(n, f"{n}. {name}") for n, name, _ in QUALITY_MARKERS])
    rating = models.CharField(max_length=10, choices=Rating.choices, blank=True)
    note = models.TextField(max_length=2_000, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["review", "marker"]
        constraints = [models.UniqueConstraint(fields=["review", "marker"], name="one_assessment_per_marker")]

    def __str__(self) -> str:
        return f"Quality Marker {self.marker}"


class ProcessKind(models.TextChoices):
    POLICE = "police", "Police investigation"
    CORONER = "coroner", "Coroner's inquest"
    DHR = "dhr", "Domestic Homicide Review"
    LEDER = "leder", "LeDeR review"
    CQC = "cqc", "CQC inspection or investigation"
    S42 = "s42", "Section 42 safeguarding enquiry"


class ParallelProcess(models.Model):
    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="parallel_processes")
    kind = models.CharField(max_length=20, choices=ProcessKind.choices)
    details = models.CharField(max_length=300, blank=True)
    holds_publication = models.BooleanField(default=True)
    concluded_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["review", "recorded_at"]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def is_holding(self) -> bool:
        return self.holds_publication and self.concluded_on is None


class InvolvementKind(models.TextChoices):
    INFORMED = "informed", "Informed about the review"
    CONSENT = "consent", "Consent recorded"
    ADVOCACY_OFFERED = "advocacy_offered", "Advocacy offered"
    MET_REVIEWER = "met_reviewer", "Met the reviewer"
    SAW_DRAFT = "saw_draft", "Saw the draft report"
    COMMENTS = "comments", "Gave comments"
    OTHER = "other", "Other contact"


class InvolvementEntry(models.Model):
    """The person-and-family involvement log (SCIE Quality Markers 3 and 11)."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="involvement")
    happened_on = models.DateField()
    kind = models.CharField(max_length=20, choices=InvolvementKind.choices)
    who = models.CharField(
        max_length=100, help_text="Their relationship to the adult, e.g. daughter; not their name", blank=True
    )
    note = models.TextField(max_length=5_000, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["review", "happened_on", "id"]

    def __str__(self) -> str:
        return self.get_kind_display()


class RequestKind(models.TextChoices):
    CHRONOLOGY = "chronology", "Chronology"
    IMR = "imr", "Individual management review (IMR)"
    FACTUAL_ACCURACY = "factual_accuracy", "Factual accuracy check of the draft report"


def kind_words(kind: str) -> str:
    """A request kind's label inside a sentence: only its first letter lowered, so "IMR" stays."""
    label = REQUEST_KIND_LABELS.get(kind, kind)
    return label[:1].lower() + label[1:]


class AgencyRequestStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    SUBMITTED = "submitted", "Submitted"
    WITHDRAWN = "withdrawn", "Withdrawn"


REQUEST_KIND_LABELS: dict[str, str] = {value: str(label) for value, label in RequestKind.choices}
AGENCY_REQUEST_STATUS_LABELS: dict[str, str] = {value: str(label) for value, label in AgencyRequestStatus.choices}


class AgencyRequest(AgencyAsk):
    """The review team's request to one agency: a chronology, an individual management review, or its
    comments on the draft report in the factual-accuracy round (the note, who asked and when, the due date
    and reminders are every request's: partnership.asking)."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="agency_requests")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="review_requests")
    kind = models.CharField(max_length=20, choices=RequestKind.choices)
    status = models.CharField(max_length=20, choices=AgencyRequestStatus.choices, default=AgencyRequestStatus.REQUESTED)
    draft = models.ForeignKey(
        "documents.DocumentVersion", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cover_note = models.TextField("anything the review team should know", max_length=5_000, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # A chronology or IMR, once sent: the review team accepts it, or returns it with reasons (the request
    # is then open again for the agency to send it again).
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    return_reasons = models.TextField("why it was returned", max_length=5_000, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True)
    return_count = models.PositiveSmallIntegerField(default=0)

    class Meta(AgencyAsk.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["review", "agency", "kind"],
                condition=models.Q(status="requested"),
                name="one_open_review_request_per_agency_and_kind",
            )
        ]
        indexes = [
            models.Index(fields=["agency", "status", "due_on"], name="review_request_agency_idx"),
            models.Index(fields=["status", "due_on"], name="review_request_due_idx"),
        ]

    def __str__(self) -> str:
        return f"Review request {self.pk}"

    @property
    def kind_label(self) -> str:
        return REQUEST_KIND_LABELS.get(self.kind, self.kind)

    @property
    def kind_words(self) -> str:
        """The kind inside a sentence: "chronology", "individual management review (IMR)"."""
        return kind_words(self.kind)

    @property
    def status_label(self) -> str:
        if self.status == AgencyRequestStatus.REQUESTED and self.return_count:
            return "Returned: send it again"
        if self.status == AgencyRequestStatus.SUBMITTED and self.accepted_at is not None:
            return "Accepted"
        return AGENCY_REQUEST_STATUS_LABELS.get(self.status, self.status)

    @property
    def is_accuracy_check(self) -> bool:
        return self.kind == RequestKind.FACTUAL_ACCURACY

    @property
    def is_accepted(self) -> bool:
        return self.accepted_at is not None

    @property
    def awaits_check(self) -> bool:
        """A chronology or IMR sent and not yet accepted or returned by the review team."""
        return not self.is_accuracy_check and self.status == AgencyRequestStatus.SUBMITTED and not self.is_accepted


class CommentOutcome(models.TextChoices):
    OPEN = "open", "Waiting for the review team"
    AMENDED = "amended", "Draft amended"
    NOT_AMENDED = "not_amended", "Not amended"


COMMENT_OUTCOME_LABELS: dict[str, str] = {value: str(label) for value, label in CommentOutcome.choices}


class AccuracyComment(models.Model):
    """An agency's comment on the draft report, the review team's response, and any dispute that remains."""

    request = models.ForeignKey(AgencyRequest, on_delete=models.PROTECT, related_name="comments")
    number = models.PositiveIntegerField()
    location = models.CharField("where in the draft", max_length=200)
    comment = models.TextField("what is inaccurate or missing", max_length=5_000)
    suggested = models.TextField("suggested wording", max_length=5_000, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=20, choices=CommentOutcome.choices, default=CommentOutcome.OPEN)
    response = models.TextField("the review team's response", max_length=5_000, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(null=True, blank=True)
    dispute = models.TextField("the agency's position", max_length=5_000, blank=True)
    disputed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    disputed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["request", "number"]
        constraints = [models.UniqueConstraint(fields=["request", "number"], name="one_comment_number_per_request")]
        indexes = [
            # Comments still waiting for the review team's response (the task list).
            models.Index(fields=["request"], name="comment_open_idx", condition=models.Q(outcome="open")),
        ]

    def __str__(self) -> str:
        return f"Comment {self.number}"

    @property
    def outcome_label(self) -> str:
        return COMMENT_OUTCOME_LABELS.get(self.outcome, self.outcome)

    @property
    def is_disputed(self) -> bool:
        return self.disputed_at is not None


class PersonGroup(models.TextChoices):
    AROUND = "around", "Family member or someone around the adult"
    PRACTITIONER = "practitioner", "Practitioner"


def split_names(text: str) -> list[str]:
    """Names written one after another, separated by commas or semicolons ("Jo, Jojo; Daz")."""
    return [name.strip() for name in text.replace(";", ",").split(",") if name.strip()]


class PersonInRecord(models.Model):
    """A person the review's confidential record names, besides the adult (who is in the referral): a
    family member or someone else around the adult, or a practitioner named in an agency's chronology or
    IMR. The de-identification check looks for each of them (and their known-as names) in anything made
    public, unless the person is excluded with a recorded reason (a Board member quoted by role, say)."""

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="people_in_record")
    group = models.CharField(max_length=20, choices=PersonGroup.choices)
    full_name = models.CharField(max_length=200)
    # Someone around the adult.
    relationship = models.CharField("relationship to the adult", max_length=100, blank=True)
    known_as = models.CharField(
        "other names they are known by", max_length=300, blank=True, help_text="Separated by commas"
    )
    # A practitioner.
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    job_title = models.CharField("role or job title", max_length=200, blank=True)
    request = models.ForeignKey(
        AgencyRequest, on_delete=models.PROTECT, null=True, blank=True, related_name="practitioners"
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    # Excluded from the de-identification check: why, who and when (all empty while included).
    excluded_reason = models.TextField("why they are excluded from the check", max_length=2_000, blank=True)
    excluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    excluded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["review", "group", "full_name", "id"]
        indexes = [models.Index(fields=["review", "group"], name="person_in_record_review_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(excluded_at__isnull=True) | ~models.Q(excluded_reason=""),
                name="person_in_record_excluded_with_reason",
            )
        ]

    def __str__(self) -> str:
        # Never the name: the record's people are confidential.
        return f"Person in the record {self.pk}"

    @property
    def is_excluded(self) -> bool:
        return self.excluded_at is not None

    @property
    def is_practitioner(self) -> bool:
        return self.group == PersonGroup.PRACTITIONER

    @property
    def known_as_names(self) -> list[str]:
        return split_names(self.known_as)

    @property
    def described(self) -> str:
        """Relationship, or role and agency: for the business unit and the chair, never public."""
        if self.is_practitioner:
            agency = self.agency.name if self.agency_id and self.agency else ""
            return ", ".join(part for part in (self.job_title, agency) if part)
        return self.relationship
