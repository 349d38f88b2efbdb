"""What each person can reach: the staff navigation and the areas listed on the staff home page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.urls import get_script_prefix, reverse

from sarhub.actions.permissions import can_list_actions
from sarhub.api.permissions import can_list_tokens
from sarhub.audit.permissions import can_view_audit_log
from sarhub.briefings.permissions import can_list_briefings
from sarhub.leadership.permissions import can_read_log
from sarhub.partnership.permissions import can_manage_partnership
from sarhub.referrals.permissions import can_answer_scoping, can_make_referral, can_view_referrals
from sarhub.reviews.permissions import can_answer_review_requests, can_list_reviews, can_list_summaries


@lru_cache(maxsize=64)
def _url(name: str, script_prefix: str) -> str:
    """Area URLs have no arguments, so each is reversed once per process (and script prefix)."""
    return reverse(name)


def _anyone(user: Any) -> bool:
    return True


@dataclass(frozen=True)
class Area:
    label: str
    url_name: str
    prefix: str
    description: str
    rule: Callable[[Any], bool]
    in_navigation: bool = True

    @property
    def url(self) -> str:
        return _url(self.url_name, get_script_prefix())


AREAS = [
    Area("Home", "workspace:home", "workspace:home", "Your roles and what you can reach.", _anyone),
    Area(
        "Your tasks",
        "workspace:tasks",
        "workspace:tasks",
        "What is waiting for you: requests, decisions, letters and late reviews.",
        _anyone,
    ),
    Area(
        "Referrals",
        "referrals:list",
        "referrals:",
        "Referrals for a Safeguarding Adult Review: the confidential record, screening and decisions.",
        can_view_referrals,
    ),
    Area(
        "Your referrals",
        "referrals:mine",
        "referrals:mine",
        "Refer a case for a Safeguarding Adult Review and follow the referrals you have made.",
        lambda user: can_make_referral(user) and not can_view_referrals(user),
    ),
    Area(
        "Reviews",
        "reviews:list",
        "reviews:",
        "Safeguarding Adult Reviews and other learning reviews: set-up, team, terms of reference and timeline.",
        can_list_reviews,
    ),
    Area(
        "Requests",
        "referrals:requests",
        "referrals:request",
        "Requests for your agency: scoping summaries the Board has asked for.",
        can_answer_scoping,
    ),
    Area(
        "Review requests",
        "reviews:requests",
        "reviews:request",
        "Chronologies, individual management reviews and comments on draft reports that reviews ask your agency for.",
        can_answer_review_requests,
    ),
    Area(
        "Review summaries",
        "reviews:summaries",
        "reviews:summar",
        "Summaries of the reviews your agency is involved in, or that the Board has signed off.",
        can_list_summaries,
    ),
    Area(
        "Actions",
        "actions:plan",
        "actions:",
        "The action plan: actions from reviews and learning events, their progress, evidence and assurance.",
        can_list_actions,
    ),
    Area(
        "Briefings",
        "briefings:list",
        "briefings:",
        "7-minute briefings: write and publish them, send them to agencies and see how far they reached.",
        can_list_briefings,
    ),
    Area(
        "Senior leadership",
        "leadership:log",
        "leadership:",
        "Thematic findings presented to the Board and partnership meetings: the packs and the follow-ups agreed.",
        can_read_log,
    ),
    Area(
        "API tokens",
        "api_tokens:list",
        "api_tokens:",
        "Tokens for partner agencies' own systems to read and update their actions through the partner API.",
        can_list_tokens,
        in_navigation=False,
    ),
    Area(
        "Partnership",
        "partnership:overview",
        "partnership:",
        "Manage the Board's details, partner agencies, people, roles and invitations.",
        can_manage_partnership,
    ),
    Area(
        "Audit log",
        "audit:list",
        "audit:",
        "Search and export the record of who viewed or changed what.",
        can_view_audit_log,
    ),
    Area(
        "Your account",
        "accounts:account",
        "accounts:",
        "Change your password, manage two-factor authentication and see where you are signed in.",
        _anyone,
    ),
]


def areas_for(user: Any) -> list[Area]:
    return [area for area in AREAS if area.rule(user)]
