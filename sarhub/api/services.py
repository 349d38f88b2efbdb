"""Issuing, revoking and checking partner API tokens. Every change is audited; the secret never is.

A token looks like `sarhub_<prefix>_<secret>`: the prefix (8 hex characters) is not secret and is kept to
recognise the token; the whole token is hashed with SHA-256 and only the hash is stored. A token works
only while it is not revoked, not expired, its agency is active and its acting person is active and still
one of the agency's safeguarding leads: losing the role stops the token on its next request.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from sarhub.api import permissions
from sarhub.api.models import ApiToken, Scopes
from sarhub.audit.models import Action, Outcome
from sarhub.audit.services import record
from sarhub.core.tokens import hash_token, new_token, same_hash
from sarhub.partnership.models import Agency, Person
from sarhub.reviews.permissions import lead_agency_ids

TOKEN_RE = re.compile(r"^sarhub_(?P<prefix>[0-9a-f]{8})_[A-Za-z0-9_\-]{43}$")
LAST_USED_EVERY = timedelta(minutes=1)
MAX_NAME = 100


def token_label(token: ApiToken) -> str:
    """How the audit log names a token: its id and non-secret prefix, never the secret."""
    return f"api token {token.pk} ({token.prefix})"


@dataclass
class IssuedToken:
    token: ApiToken
    secret: str  # shown once to the person who issued it; never stored or logged


def _check(data: dict[str, Any], now: datetime) -> dict[str, str]:
    errors: dict[str, str] = {}
    agency: Agency | None = data.get("agency")
    person: Person | None = data.get("acting_person")
    if agency is None or not agency.is_active:
        errors["agency"] = "Choose an active agency"
    if person is None or not person.is_active:
        errors["acting_person"] = "Choose the person the token acts as"
    elif agency is not None and agency.pk not in lead_agency_ids(person):
        errors["acting_person"] = (
            "Choose one of the agency's safeguarding leads: the token acts as them, under their permissions"
        )
    name = " ".join(str(data.get("name") or "").split())
    if not name:
        errors["name"] = "Enter a name for the token, such as the system that will use it"
    elif len(name) > MAX_NAME:
        errors["name"] = f"The name must be {MAX_NAME} characters or fewer"
    if data.get("scopes") not in Scopes.values:
        errors["scopes"] = "Choose what the token may do"
    expires_at = data.get("expires_at")
    if expires_at is not None and expires_at <= now:
        errors["expires_at"] = "The expiry date must be in the future"
    return errors


@transaction.atomic
def issue_token(actor: Person, data: dict[str, Any]) -> IssuedToken:
    """A new token for an agency, acting as one of its safeguarding leads (the business unit only)."""
    if not permissions.can_manage_tokens(actor):
        raise PermissionDenied
    now = timezone.now()
    errors = _check(data, now)
    if errors:
        raise ValidationError(errors)
    prefix = secrets.token_hex(4)
    secret = f"sarhub_{prefix}_{new_token()}"
    token = ApiToken.objects.create(
        agency=data["agency"],
        acting_person=data["acting_person"],
        name=" ".join(str(data["name"]).split()),
        prefix=prefix,
        token_hash=hash_token(secret),
        scopes=data["scopes"],
        created_by=actor,
        created_at=now,
        expires_at=data.get("expires_at"),
    )
    record(
        Action.CREATE,
        person=actor,
        obj=token,
        detail=f"{token_label(token)} for agency {token.agency_id}, scopes {token.scopes}",
    )
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def revoke_token(actor: Person, token: ApiToken) -> ApiToken:
    """Stops the token at once: the next request with it is refused."""
    if not permissions.can_revoke_token(actor, token):
        raise PermissionDenied
    now = timezone.now()
    if not ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now, revoked_by=actor):
        raise ValidationError("This token had already been revoked")
    token.refresh_from_db()
    record(Action.STATE_CHANGE, person=actor, obj=token, detail=f"{token_label(token)} revoked")
    return token


def _usable(token: ApiToken, now: datetime) -> str:
    """Why a known token cannot be used, or "" if it can."""
    if token.revoked_at is not None:
        return "revoked"
    if token.expires_at is not None and token.expires_at <= now:
        return "expired"
    if not token.agency.is_active:
        return "agency inactive"
    person = token.acting_person
    if not person.is_active or token.agency_id not in lead_agency_ids(person):
        return "acting person no longer leads the agency"
    return ""


def authenticate(raw: str) -> ApiToken | None:
    """The usable token this secret belongs to, or None (unknown, malformed, revoked or expired alike)."""
    if not isinstance(raw, str) or len(raw) > 100 or not TOKEN_RE.match(raw):
        return None
    token = ApiToken.objects.select_related("agency", "acting_person").filter(token_hash=hash_token(raw)).first()
    if token is None or not same_hash(token.token_hash, raw):
        return None
    now = timezone.now()
    reason = _usable(token, now)
    if reason:
        record(Action.ACCESS_DENIED, obj=token, outcome=Outcome.DENIED, detail=f"{token_label(token)}: {reason}")
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - LAST_USED_EVERY)
        ).update(last_used_at=now)
        token.last_used_at = now
    return token
