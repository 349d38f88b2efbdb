"""The gate every public item goes through (a review's publication, a 7-minute briefing): the one place for
proposing, the de-identification check, clearing its findings, the chair's approval or refusal, taking an
item down, and which earlier approval an approval replaces.

- approval.py: the two-person approval (propose, clear, approve, refuse, unpublish, `same_item`) and where
  an item's publication stands;
- check.py: checking the texts (and file) a proposal would make public, each hit as the proposal keeps it;
- identifiers.py: what the Board's confidential records say about people, the review's own and every
  other record's;
- scanning.py: the entry point to the check itself (sarhub/publication/deid).

Each app keeps what is its own: which texts go public, the email asking the chairs, and its pages
(gate_views.py holds their shared part).
"""

from sarhub.publication.gate.approval import (
    CHAIR_MADE_BY_PROPOSER,
    Standing,
    approve,
    approvers_to_ask,
    clear_finding,
    clear_hit,
    clear_keys,
    propose,
    refuse,
    same_item,
    standing,
    unpublish,
)
from sarhub.publication.gate.check import Texts, hit_record, scan_review, scan_reviews
from sarhub.publication.gate.identifiers import Elsewhere, all_identifiers, identifiers_for

__all__ = [
    "CHAIR_MADE_BY_PROPOSER",
    "Elsewhere",
    "Standing",
    "Texts",
    "all_identifiers",
    "approve",
    "approvers_to_ask",
    "clear_finding",
    "clear_hit",
    "clear_keys",
    "hit_record",
    "identifiers_for",
    "propose",
    "refuse",
    "same_item",
    "scan_review",
    "scan_reviews",
    "standing",
    "unpublish",
]
