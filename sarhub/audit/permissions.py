"""Who may read the audit log. Nobody may change it."""

from __future__ import annotations

from typing import Any

from sarhub.core.roles import BUSINESS_UNIT_ROLES, Role


def can_view_audit_log(user: Any) -> bool:
    """The business unit (and system administrators, who look after the service) search and export it."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and user.has_role(*BUSINESS_UNIT_ROLES, Role.SYSTEM_ADMINISTRATOR)
    )
