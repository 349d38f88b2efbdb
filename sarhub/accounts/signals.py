"""Sign-in events (session bookkeeping and the audit log), and ending a deactivated person's sessions."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import timezone

from sarhub.accounts.middleware import LAST_SEEN, LOGIN_AT
from sarhub.audit.models import Action, Outcome
from sarhub.audit.services import record
from sarhub.partnership.signals import person_deactivated


@receiver(user_logged_in, dispatch_uid="sarhub_logged_in")
def on_logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from sarhub.accounts.models import UserSession
    from sarhub.accounts.services import session_info

    now = timezone.now()
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = now.isoformat()
        request.session[LAST_SEEN] = now.isoformat()
        if not request.session.session_key:
            request.session.save()
        info = session_info(request)
        UserSession.objects.update_or_create(
            session_key=request.session.session_key,
            defaults={
                "person": user,
                "created_at": now,
                "last_seen_at": now,
                "ip": info["ip"] or None,
                "user_agent": info["user_agent"],
            },
        )
    record(Action.SIGN_IN, person=user, obj=user, detail="password accepted")


@receiver(user_logged_out, dispatch_uid="sarhub_logged_out")
def on_logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    from sarhub.accounts.models import UserSession

    if request is not None and getattr(request, "session", None) is not None and request.session.session_key:
        UserSession.objects.filter(session_key=request.session.session_key).delete()
    if user is not None:
        record(Action.SIGN_OUT, person=user, obj=user)


@receiver(user_login_failed, dispatch_uid="sarhub_login_failed")
def on_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    """Records the failure against the account if there is one; never stores the address typed."""
    from sarhub.partnership.models import Person

    username = str(credentials.get("username") or "").strip()
    person_id = Person.objects.filter(email__iexact=username).values_list("pk", flat=True).first() if username else None
    record(
        Action.SIGN_IN_FAILED,
        obj=("partnership.person", person_id) if person_id else None,
        outcome=Outcome.FAILURE,
    )


@receiver(person_deactivated, dispatch_uid="sarhub_person_deactivated")
def on_person_deactivated(sender: Any, person: Any, **kwargs: Any) -> int:
    """A deactivated person is signed out everywhere at once."""
    from sarhub.accounts.services import end_sessions

    return end_sessions(person)
