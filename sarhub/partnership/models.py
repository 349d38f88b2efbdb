"""The partnership: the Board, its partner agencies, people and their roles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property

from sarhub.core.roles import ROLE_LABELS, ROLE_SCOPE, Role, Scope, may_have_agency, requires_agency

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager

MONTHS = [
    (1, "January"),
    (2, "February"),
    (3, "March"),
    (4, "April"),
    (5, "May"),
    (6, "June"),
    (7, "July"),
    (8, "August"),
    (9, "September"),
    (10, "October"),
    (11, "November"),
    (12, "December"),
]


class Board(models.Model):
    """The Safeguarding Adults Board this installation serves (one row)."""

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=30, help_text="For example, RSAB")
    concern_phone = models.CharField(
        "phone number to report a safeguarding concern", max_length=30, help_text="Shown on every public page"
    )
    website = models.URLField(max_length=200)
    financial_year_start_month = models.PositiveSmallIntegerField(
        choices=MONTHS, default=4, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    purpose = models.TextField(
        blank=True,
        help_text="A short statement of the Board's purpose for the public home page",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "Board"

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> Board:
        board: Board | None = cls.objects.order_by("pk").first()
        if board is None:
            board = cls(
                name=settings.SARHUB_BOARD_DEFAULT_NAME,
                short_name="SAB",
                concern_phone="",
                website="https://example.invalid",
            )
        return board


class AgencyType(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    ICB = "icb", "Integrated care board"
    ACUTE_TRUST = "acute_trust", "Acute hospital trust"
    MENTAL_HEALTH_TRUST = "mental_health_trust", "Mental health trust"
    POLICE = "police", "Police"
    FIRE_AND_RESCUE = "fire_and_rescue", "Fire and rescue"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
    OTHER = "other", "Other"


AGENCY_TYPE_LABELS: dict[str, str] = {value: str(label) for value, label in AgencyType.choices}


class Agency(models.Model):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=40, blank=True)
    agency_type = models.CharField("type", max_length=30, choices=AgencyType.choices)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name

    @property
    def type_label(self) -> str:
        return AGENCY_TYPE_LABELS.get(self.agency_type, self.agency_type)


class PersonManager(BaseUserManager["Person"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> Person:
        if not email:
            raise ValueError("A person needs an email address")
        person = self.model(email=self.normalize_email(email).lower(), **extra)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> Person:
        """Used by `createsuperuser`: a system administrator (who must still set up 2FA)."""
        extra.setdefault("full_name", "System administrator")
        person = self.create_user(email, password, **extra)
        Membership.objects.create(person=person, role=Role.SYSTEM_ADMINISTRATOR)
        return person

    def get_by_natural_key(self, username: str | None) -> Person:
        return self.get(email__iexact=(username or "").strip())


class Person(AbstractBaseUser, PermissionsMixin):
    """Someone with an account. Email is the login. People are deactivated, never deleted."""

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    deactivated_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[PersonManager] = PersonManager()  # type: ignore[assignment]

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    if TYPE_CHECKING:
        memberships: RelatedManager[Membership]

        def is_verified(self) -> bool: ...  # added by django_otp's middleware

    class Meta:
        ordering = ["full_name", "email"]
        indexes = [
            # The people list: filtered by status, ordered by name, counted for the pager.
            models.Index(fields=["is_active", "full_name", "email"], name="person_active_name_idx"),
            models.Index(fields=["full_name", "email"], name="person_name_email_idx"),
        ]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    # Roles are read once per request (the user object is loaded afresh on every request),
    # so a role removed or a person deactivated takes effect on their next request.
    @cached_property
    def active_memberships(self) -> list[Membership]:
        return list(self.memberships.filter(ended_at__isnull=True).select_related("agency"))

    @cached_property
    def role_set(self) -> frozenset[str]:
        return frozenset(m.role for m in self.active_memberships)

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_set.intersection(roles))

    @cached_property
    def agencies(self) -> list[Agency]:
        seen: dict[int, Agency] = {}
        for m in self.active_memberships:
            if m.agency is not None:
                seen.setdefault(m.agency.pk, m.agency)
        return sorted(seen.values(), key=lambda a: a.name)

    def review_ids_for(self, *roles: str) -> set[int]:
        """The reviews this person holds one of these roles on (read afresh every request)."""
        return {m.review_id for m in self.active_memberships if m.role in roles and m.review_id is not None}

    def agencies_for(self, *roles: str) -> list[Agency]:
        return [m.agency for m in self.active_memberships if m.role in roles and m.agency is not None]

    @property
    def is_system_administrator(self) -> bool:
        return self.is_active and self.has_role(Role.SYSTEM_ADMINISTRATOR)

    # The Django admin is for system administrators only (and the admin site also demands 2FA).
    @property
    def is_staff(self) -> bool:
        return self.is_system_administrator

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return self.is_system_administrator

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_system_administrator


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(ended_at__isnull=True)


class Membership(models.Model):
    """One role held by one person, optionally for one agency.

    Memberships are ended (ended_at), never deleted, so the history of who could see what is kept.
    Review-scoped roles (lead reviewer, panel member, learning-event participant) carry a review, and
    review selectors scope access through it. See docs/adr/0002-memberships-and-scopes.md.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships")
    # Set for the roles held on one review (lead reviewer, panel member, learning-event participant).
    review = models.ForeignKey(
        "reviews.Review", on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    granted_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # A powerful role (roles.POWERFUL_ROLES) is proposed by one person (granted_by) and confirmed by another.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["role"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role", "agency"],
                condition=Q(ended_at__isnull=True, agency__isnull=False),
                name="one_active_membership_per_role_and_agency",
            ),
            models.UniqueConstraint(
                fields=["person", "role"],
                condition=Q(ended_at__isnull=True, agency__isnull=True, review__isnull=True),
                name="one_active_board_membership_per_role",
            ),
            models.UniqueConstraint(
                fields=["person", "role", "review"],
                condition=Q(ended_at__isnull=True, review__isnull=False),
                name="one_active_membership_per_role_and_review",
            ),
        ]

    def __str__(self) -> str:
        label = ROLE_LABELS.get(self.role, self.role)
        return f"{label}, {self.agency.name}" if self.agency_id and self.agency else label

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)

    @property
    def is_active(self) -> bool:
        return self.ended_at is None

    def clean(self) -> None:
        super().clean()
        role = Role(self.role)
        if ROLE_SCOPE[role] is Scope.REVIEW and self.review_id is None:
            raise ValidationError({"role": "This role is given on a review, not through the partnership."})
        if ROLE_SCOPE[role] is not Scope.REVIEW and self.review_id is not None:
            raise ValidationError({"role": "Only review roles are given on a review"})
        if requires_agency(role) and self.agency_id is None:
            raise ValidationError({"agency": f"Select the agency this {role.label.lower()} works for"})
        if not may_have_agency(role) and self.agency_id is not None:
            raise ValidationError({"agency": f"A {role.label.lower()} does not belong to an agency"})


class Invitation(models.Model):
    """An invitation to create an account: single use, bound to one address, expiring.

    Only a SHA-256 hash of the token is stored; the token itself exists only in the email.
    """

    email = models.EmailField("email address")
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    roles = models.JSONField(default=list)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # Counting and finding pending invitations reads only the unanswered ones.
            models.Index(
                fields=["expires_at"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_open_expiry_idx",
            ),
            models.Index(fields=["-created_at"], name="invitation_created_idx"),
        ]

    def __str__(self) -> str:
        return f"Invitation for {self.full_name}"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "withdrawn"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"

    @property
    def is_usable(self) -> bool:
        return self.status == "pending"

    def role_labels(self) -> list[str]:
        return [ROLE_LABELS[r] for r in self.roles if r in ROLE_LABELS]


class RoleGrantStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a second person"
    CONFIRMED = "confirmed", "Confirmed"
    DECLINED = "declined", "Declined"


class RoleGrant(models.Model):
    """A powerful role proposed for someone, waiting for a second person to confirm it.

    Nobody grants a powerful role alone (separation of duties): one person allowed to grant it proposes,
    a different one (never the person receiving it) confirms, and only then is the Membership made.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="role_grants")
    role = models.CharField(max_length=30, choices=Role.choices)
    proposed_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=RoleGrantStatus.choices, default=RoleGrantStatus.PENDING)
    decided_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    membership = models.OneToOneField(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="role_grant"
    )

    class Meta:
        ordering = ["-proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role"],
                condition=Q(status="pending"),
                name="one_pending_grant_per_person_and_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{ROLE_LABELS.get(self.role, self.role)} proposed"

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)

    @property
    def is_pending(self) -> bool:
        return self.status == RoleGrantStatus.PENDING
