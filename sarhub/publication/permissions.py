"""Who may propose, approve and take down publication. The only place these rules live.

The business unit proposes and clears the gate's hits with reasons; the independent chair approves or
refuses (never their own proposal, and only after a fresh second factor); either may unpublish.
Everyone who may read the review sees its publication page.
"""

from __future__ import annotations

from typing import Any

from sarhub.core.roles import BUSINESS_UNIT_ROLES, Role


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_propose(user: Any) -> bool:
    return _active(user) and user.has_role(*BUSINESS_UNIT_ROLES)


def can_approve(user: Any) -> bool:
    return _active(user) and user.has_role(Role.INDEPENDENT_CHAIR)


def can_unpublish(user: Any) -> bool:
    return can_propose(user) or can_approve(user)
