"""The audit log: an append-only record of who did what to which record, and when.

It records the fact of an action, never the content: no field values, passwords, codes or tokens.
Rows cannot be changed or deleted through the ORM (save/delete refuse) nor by SQL (database triggers
added in migration 0002 abort UPDATE and DELETE on SQLite and PostgreSQL).
"""

from __future__ import annotations

from typing import Any

from django.db import models


class Action(models.TextChoices):
    CREATE = "create", "Created"
    UPDATE = "update", "Updated"
    DELETE = "delete", "Deleted"
    STATE_CHANGE = "state_change", "Changed state"
    VIEW = "view", "Viewed"
    DOWNLOAD = "download", "Downloaded"
    EXPORT = "export", "Exported"
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Sign-in failed"
    SIGN_OUT = "sign_out", "Signed out"
    LOCKED_OUT = "locked_out", "Locked out"
    SECOND_FACTOR = "second_factor", "Second factor checked"
    SECOND_FACTOR_FAILED = "second_factor_failed", "Second factor failed"
    PASSWORD_CHANGE = "password_change", "Changed password"
    PASSWORD_RESET_REQUEST = "password_reset_request", "Asked for a password reset"
    PASSWORD_RESET = "password_reset", "Reset password"
    SESSION_ENDED = "session_ended", "Session ended"
    INVITATION_ACCEPTED = "invitation_accepted", "Accepted invitation"
    ACCESS_DENIED = "access_denied", "Access denied"


class Outcome(models.TextChoices):
    SUCCESS = "success", "Success"
    FAILURE = "failure", "Failure"
    DENIED = "denied", "Denied"


ACTION_LABELS: dict[str, str] = {value: str(label) for value, label in Action.choices}
OUTCOME_LABELS: dict[str, str] = {value: str(label) for value, label in Outcome.choices}


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only")


class AuditEvent(models.Model):
    at = models.DateTimeField(db_index=True, help_text="UTC")
    person = models.ForeignKey(
        "partnership.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+", db_index=True
    )
    # Snapshots at the time of the event, so later role changes do not rewrite history.
    roles = models.CharField(max_length=300, blank=True)
    agency = models.CharField(max_length=400, blank=True)
    action = models.CharField(max_length=30, choices=Action.choices, db_index=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS)
    object_type = models.CharField(max_length=60, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True)
    detail = models.CharField(
        max_length=200,
        blank=True,
        help_text="A short, content-free note, e.g. which fields changed or the state",
    )
    request_id = models.CharField(max_length=64, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"]),
            # Searching by action lists the newest first: without this index the database picks the
            # action index and sorts every matching event (tens of thousands) to show fifty.
            models.Index(fields=["action", "at"], name="audit_action_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("The audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only")

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS.get(self.outcome, self.outcome)
