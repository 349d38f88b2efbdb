"""The access matrix: every route in SAR Hub and who may use it. Reviewable in one place.

tests/test_access_matrix.py fails if a route is missing here, if a view's declared rule differs from the
rule here, or if any persona gets a response the matrix does not allow.

Rules
- PUBLIC: anyone, signed in or not.
- SIGNED_IN: any signed-in person with a verified second factor.
- SECOND_FACTOR_STAGE: signed in with a password, before the second factor (set-up and code entry).
- MANAGERS: the business unit (manager, coordinator) and system administrators.
- AUDITORS: who may search and export the audit log (the business unit and system administrators).
- SYSADMIN: the Django admin; system administrators with a verified second factor.
- REFERRERS: anyone with a role in the partnership (the professional referral form and their own list).
- CASE_TEAM: the confidential referral record: the business unit, the SAR subgroup and the chair.
- DOCUMENT_OWNER: documents follow the rule of the record they belong to (checked per object, 404
  otherwise); the samples belong to a referral, so the case team.
- SCREENERS: the business unit, who ask agencies for scoping summaries, record their judgement of
  section 44, correct a referral's details and move referrals on.
- AGENCY_LEADS: agency safeguarding leads (their agency's requests).
- SCOPING_REQUEST: one request, for the case team and the leads of the agency it is addressed to.
- RECOMMENDERS: the SAR subgroup (and the business unit recording for it).
- DECIDERS: the independent chair.
- REVIEW_READERS: the business unit, the SAR subgroup and the chair see every review; an
  appointed lead reviewer or panel member sees only their own (the sample's lead is the reviewer).
- REVIEW_MANAGERS: the business unit sets reviews up, appoints and ends appointments, records responses.
- REVIEW_EDITORS: findings, recommendations and the Quality Markers: the business unit and the review's
  lead reviewers (checked per review, 404 otherwise). They also ask agencies for chronologies and IMRs,
  send the draft for factual-accuracy comments, respond to comments and withdraw requests.
- REVIEW_LEADS: asking the business unit to move the review on: the review's lead reviewers only (the
  sample's lead is the reviewer persona; 404 for anyone else). REVIEW_MANAGERS also record an agreed
  change to the plan; REVIEW_EDITORS also accept or return a chronology or IMR the agency sent.
- REVIEW_REQUEST_LEADS: agency safeguarding leads (their agency's review requests).
- AGENCY_REQUEST: one request from a review, for the review's readers and the leads of the agency it is
  addressed to (the samples are addressed to the agency lead's agency).
- COMMENT_DISPUTE: recording a dispute about a comment on the draft: the agency's leads, or the business
  unit on their behalf.
- EVENT_PLANNERS: planning, changing and cancelling a learning event: the business unit and the review's
  lead reviewers (the sample review's lead is the reviewer persona).
- EVENT_READERS: one event: its team, the leads of agencies involved in the review (who nominate), and
  the people invited (the sample invites the practitioner).
- EVENT_INVITERS: inviting people: the event's team, and agency leads for their own agency.
- EVENT_TEAM: the register, the sign-in sheet, reading reflections, collation and the event report: the
  event's team only.
- EVENT_INVITEE: replying from the event's page: the person invited.
- EVENT_PARTICIPANT: writing or withdrawing one's reflection and evaluating the event: people who said
  they were coming (the sample event has started and the practitioner accepted).
- PROPOSERS: proposing publication and clearing the de-identification check's hits: the business unit.
- APPROVERS: approving or refusing publication (after a fresh second factor): the independent chair.
- UNPUBLISHERS: taking a review off the public site: the business unit and the chair.
- SUMMARY_READERS: the list of review summaries: agency leads and Board members.
- REVIEW_SUMMARY: one review's summary: its readers, the leads of agencies involved in it and, once the
  Board has signed it off, Board members (the sample is not signed off, so not them).
- BRIEFING_READERS: the list of 7-minute briefings: the oversight roles (every briefing), agency leads and
  Board members (briefings sent to the partnership). BRIEFING_WRITERS: writing, editing and sending them:
  the business unit. BRIEFING / BRIEFING_VERSION: one briefing or version, for the oversight roles and,
  once sent, agency leads and Board members. BRIEFING_OVERSIGHT: who has shared a sent briefing (reach
  per agency). CASCADE: one agency's cascade, for its leads and the oversight roles (only its leads
  record); CASCADE_LEADS: removing a recorded team, for the agency's leads.
- ACTION_LISTERS: the action plan, "my actions" and the exports: the business unit, the chair, the SAR
  subgroup and Board members (the whole plan), agency leads (their agency's) and named leads (their own).
  ACTION / ACTION_AGENCY: one action, or an agency's actions, for the same people. ACTION_REPORTERS:
  reporting progress, for the owner agency's leads and the named lead. ACTION_MANAGERS: creating actions,
  changing them, assurance, impact checks and decisions not to implement: the business unit.
- API_TOKEN_READERS / API_TOKEN_ISSUERS: the partner API's tokens (see the block at the end).
- PLAN_READERS: the annual report's SAR section: the business unit, the chair, the SAR subgroup and
  Board members.
- LEADERSHIP_READERS / LEADERSHIP_PRESENTATION: the senior leadership log, one presentation and its pack:
  the business unit, the independent chair and Board members (a presentation is a 404 for anyone else).
- LEADERSHIP_RECORDERS / LEADERSHIP_RECORDING: recording presentations and follow-ups, marking one
  presented (which freezes its pack): the business unit (a presentation is a 404 for anyone else).
- INSIGHT_DASHBOARD: the business unit's dashboard, its CSV and the lists behind it: the business unit.
  INSIGHT_OVERVIEW: the Board's overview (aggregates, "fewer than 3"), themes over time and the quarterly
  report: the business unit, the chair, the SAR subgroup and Board members.
- INSIGHT_GOOD_PRACTICE: good practice, shared: the business unit, the chair and the SAR subgroup (from
  every review), Board members (from signed-off reviews) and agency safeguarding leads (from the signed-off
  reviews their agency is involved in); not reviewers, practitioners, line managers or administrators.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PUBLIC = "public"
SIGNED_IN = "signed_in"
SECOND_FACTOR_STAGE = "second_factor_stage"
MANAGERS = "partnership.can_manage_partnership"
AUDITORS = "audit.can_view_audit_log"
SYSADMIN = "sysadmin"
REFERRERS = "referrals.can_make_referral"
CASE_TEAM = "referrals.can_view_referrals"
DOCUMENT_OWNER = "documents.owner"
SCREENERS = "referrals.can_manage_referrals"
AGENCY_LEADS = "referrals.can_answer_scoping"
SCOPING_REQUEST = "referrals.scoping_request"
REVIEW_READERS = "reviews.can_list_reviews"
REVIEW_MANAGERS = "reviews.can_manage_reviews"
REVIEW_EDITORS = "reviews.content_editors"
REVIEW_LEADS = "reviews.lead_reviewers"
RECOMMENDERS = "referrals.can_recommend"
DECIDERS = "referrals.can_decide"
REVIEW_REQUEST_LEADS = "reviews.can_answer_review_requests"
AGENCY_REQUEST = "reviews.agency_request"
COMMENT_DISPUTE = "reviews.comment_dispute"
SUMMARY_READERS = "reviews.can_list_summaries"
REVIEW_SUMMARY = "reviews.summary"
EVENT_PLANNERS = "events.planners"
EVENT_READERS = "events.event"
EVENT_INVITERS = "events.inviters"
EVENT_TEAM = "events.team"
EVENT_PARTICIPANT = "events.participant"
EVENT_INVITEE = "events.invitee"
PROPOSERS = "publication.can_propose"
APPROVERS = "publication.can_approve"
UNPUBLISHERS = "publication.can_unpublish"

# Who each rule admits, by persona key (tests/personas.py). Anonymous is never admitted to a private rule.
ADMITS: dict[str, set[str]] = {
    SIGNED_IN: {
        "bu_manager",
        "bu_coordinator",
        "subgroup_member",
        "chair",
        "reviewer",
        "agency_lead",
        "practitioner",
        "line_manager",
        "board_member",
        "sysadmin",
        "no_roles",
    },
    MANAGERS: {"bu_manager", "bu_coordinator", "sysadmin"},
    AUDITORS: {"bu_manager", "bu_coordinator", "sysadmin"},
    SYSADMIN: {"sysadmin"},
    # Anyone with a role may refer; the confidential referral record is for the business unit, the SAR
    # subgroup and the independent chair (not system administrators, who have no need to know).
    REFERRERS: {
        "bu_manager",
        "bu_coordinator",
        "subgroup_member",
        "chair",
        "reviewer",
        "agency_lead",
        "practitioner",
        "line_manager",
        "board_member",
        "sysadmin",
    },
    CASE_TEAM: {"bu_manager", "bu_coordinator", "subgroup_member", "chair"},
}
# The sample documents belong to a referral, so they follow the referral's rule.
ADMITS[DOCUMENT_OWNER] = ADMITS[CASE_TEAM]
ADMITS[SCREENERS] = {"bu_manager", "bu_coordinator"}
ADMITS[AGENCY_LEADS] = {"agency_lead"}
ADMITS[RECOMMENDERS] = {"bu_manager", "bu_coordinator", "subgroup_member"}
ADMITS[DECIDERS] = {"chair"}
# The sample review has the reviewer persona appointed as its lead reviewer.
ADMITS[REVIEW_READERS] = {"bu_manager", "bu_coordinator", "subgroup_member", "chair", "reviewer"}
ADMITS[REVIEW_MANAGERS] = {"bu_manager", "bu_coordinator"}
ADMITS[REVIEW_EDITORS] = {"bu_manager", "bu_coordinator", "reviewer"}
ADMITS[REVIEW_LEADS] = {"reviewer"}
ADMITS[REVIEW_REQUEST_LEADS] = {"agency_lead"}
ADMITS[AGENCY_REQUEST] = ADMITS[REVIEW_READERS] | {"agency_lead"}
ADMITS[COMMENT_DISPUTE] = {"agency_lead", "bu_manager", "bu_coordinator"}
ADMITS[SUMMARY_READERS] = {"agency_lead", "board_member"}
ADMITS[REVIEW_SUMMARY] = ADMITS[REVIEW_READERS] | {"agency_lead"}
ADMITS[EVENT_PLANNERS] = {"bu_manager", "bu_coordinator", "reviewer"}
ADMITS[EVENT_TEAM] = ADMITS[EVENT_PLANNERS]
ADMITS[EVENT_INVITERS] = ADMITS[EVENT_TEAM] | {"agency_lead"}
ADMITS[EVENT_READERS] = ADMITS[EVENT_INVITERS] | {"practitioner"}
ADMITS[EVENT_PARTICIPANT] = {"practitioner"}
ADMITS[EVENT_INVITEE] = {"practitioner"}
ADMITS[PROPOSERS] = {"bu_manager", "bu_coordinator"}
ADMITS[APPROVERS] = {"chair"}
ADMITS[UNPUBLISHERS] = ADMITS[PROPOSERS] | ADMITS[APPROVERS]

# The sample scoping request is addressed to the agency lead's agency.
ADMITS[SCOPING_REQUEST] = ADMITS[CASE_TEAM] | {"agency_lead"}
ADMITS[SECOND_FACTOR_STAGE] = ADMITS[SIGNED_IN]


@dataclass(frozen=True)
class Route:
    rule: str
    methods: tuple[str, ...] = ("GET",)
    # Status an admitted persona gets for a plain GET with the sample arguments (302 where the page
    # sends a person on, e.g. the code page once the code is verified).
    ok: int = 200
    # Status anonymous gets for a GET to a public route with the sample arguments.
    anonymous_ok: int = 200
    kwargs: dict[str, str] = field(default_factory=dict)


MATRIX: dict[str, Route] = {
    # Public site
    "core:public-home": Route(PUBLIC),
    "core:accessibility": Route(PUBLIC),
    "core:privacy": Route(PUBLIC),
    "core:healthz": Route(PUBLIC),
    # Signing in, invitations, password reset
    "accounts:login": Route(PUBLIC, ("GET", "POST"), ok=302),
    "accounts:logout": Route(PUBLIC, ("POST",)),
    "accounts:signed-out": Route(PUBLIC),
    "accounts:invitation": Route(PUBLIC, kwargs={"token": "token"}, ok=403, anonymous_ok=404),
    "accounts:invitation-accept": Route(PUBLIC, ("GET", "POST"), ok=403, anonymous_ok=404),
    "accounts:password-reset": Route(PUBLIC, ("GET", "POST")),
    "accounts:password-reset-done": Route(PUBLIC),
    "accounts:password-reset-confirm": Route(PUBLIC, ("GET", "POST"), kwargs={"uidb64": "uidb64", "token": "reset"}),
    "accounts:password-reset-complete": Route(PUBLIC),
    # Second factor
    "accounts:two-factor-verify": Route(SECOND_FACTOR_STAGE, ("GET", "POST"), ok=302),
    "accounts:two-factor-setup": Route(SECOND_FACTOR_STAGE, ("GET", "POST")),
    # The person's own account
    "workspace:home": Route(SIGNED_IN),
    "workspace:tasks": Route(SIGNED_IN),
    "accounts:account": Route(SIGNED_IN),
    "accounts:password-change": Route(SIGNED_IN, ("GET", "POST")),
    "accounts:two-factor": Route(SIGNED_IN),
    "accounts:step-up": Route(SIGNED_IN, ("GET", "POST")),
    "accounts:backup-codes": Route(SIGNED_IN, ok=302),
    "accounts:backup-codes-new": Route(SIGNED_IN, ("POST",)),
    "accounts:sessions": Route(SIGNED_IN),
    "accounts:sessions-end-others": Route(SIGNED_IN, ("POST",)),
    # Partnership management
    "partnership:overview": Route(MANAGERS),
    "partnership:board-edit": Route(MANAGERS, ("GET", "POST")),
    "partnership:agency-list": Route(MANAGERS),
    "partnership:agency-create": Route(MANAGERS, ("GET", "POST")),
    "partnership:agency-detail": Route(MANAGERS, kwargs={"agency_id": "agency"}),
    "partnership:agency-edit": Route(MANAGERS, ("GET", "POST"), kwargs={"agency_id": "agency"}),
    "partnership:person-list": Route(MANAGERS),
    "partnership:person-detail": Route(MANAGERS, kwargs={"person_id": "person"}),
    "partnership:person-edit": Route(MANAGERS, ("GET", "POST"), kwargs={"person_id": "person"}),
    "partnership:role-add": Route(MANAGERS, ("GET", "POST"), kwargs={"person_id": "person"}),
    "partnership:role-grant-confirm": Route(
        MANAGERS, ("POST",), kwargs={"person_id": "person", "grant_id": "role_grant"}
    ),
    "partnership:role-grant-decline": Route(
        MANAGERS, ("POST",), kwargs={"person_id": "person", "grant_id": "role_grant"}
    ),
    "partnership:role-end": Route(MANAGERS, ("POST",), kwargs={"person_id": "person", "membership_id": "membership"}),
    "partnership:person-deactivate": Route(MANAGERS, ("GET", "POST"), kwargs={"person_id": "person"}),
    "partnership:person-reactivate": Route(MANAGERS, ("POST",), kwargs={"person_id": "person"}),
    "partnership:invitation-list": Route(MANAGERS),
    "partnership:invitation-create": Route(MANAGERS, ("GET", "POST")),
    "partnership:invitation-resend": Route(MANAGERS, ("POST",), kwargs={"invitation_id": "invitation"}),
    "partnership:invitation-withdraw": Route(MANAGERS, ("POST",), kwargs={"invitation_id": "invitation"}),
    # Referrals
    "referrals:public-form": Route(PUBLIC, ("GET", "POST")),
    "referrals:public-received": Route(PUBLIC, ok=302, anonymous_ok=302),
    "referrals:new": Route(REFERRERS, ("GET", "POST")),
    "referrals:received": Route(REFERRERS, ok=302),
    "referrals:mine": Route(REFERRERS),
    "referrals:list": Route(CASE_TEAM),
    "referrals:detail": Route(CASE_TEAM, kwargs={"referral_id": "referral"}),
    "referrals:correct": Route(SCREENERS, ("GET", "POST"), kwargs={"referral_id": "referral"}),
    "referrals:judgement": Route(SCREENERS, ("GET", "POST"), kwargs={"referral_id": "referral"}),
    "referrals:scoping-new": Route(SCREENERS, ("GET", "POST"), kwargs={"referral_id": "referral"}),
    "referrals:move": Route(SCREENERS, ("POST",), kwargs={"referral_id": "referral"}),
    "referrals:requests": Route(AGENCY_LEADS),
    "referrals:request": Route(SCOPING_REQUEST, ("GET", "POST"), kwargs={"request_id": "scoping"}),
    "referrals:request-withdraw": Route(SCREENERS, ("POST",), kwargs={"request_id": "scoping"}),
    "referrals:recommendation": Route(RECOMMENDERS, ("GET", "POST"), kwargs={"referral_id": "referral"}),
    "referrals:decision": Route(DECIDERS, ("GET", "POST"), kwargs={"referral_id": "referral"}),
    "referrals:letter": Route(SCREENERS, ("GET", "POST"), kwargs={"referral_id": "decided_referral"}),
    "referrals:letter-print": Route(SCREENERS, kwargs={"referral_id": "decided_referral"}),
    # Documents: access is decided by the record each document belongs to (here, a referral)
    "documents:add": Route(
        DOCUMENT_OWNER, ("GET", "POST"), kwargs={"owner_label": "referral_label", "owner_id": "referral"}
    ),
    "documents:add-version": Route(DOCUMENT_OWNER, ("GET", "POST"), kwargs={"document_id": "document"}),
    "documents:download": Route(DOCUMENT_OWNER, kwargs={"version_id": "version"}),
    # Reviews: the oversight roles see every review; appointed reviewers only theirs
    "reviews:list": Route(REVIEW_READERS),
    "reviews:new": Route(REVIEW_MANAGERS, ("GET", "POST"), kwargs={"referral_id": "decided_referral"}),
    "reviews:detail": Route(REVIEW_READERS, kwargs={"review_id": "review"}),
    "reviews:agencies": Route(REVIEW_READERS, kwargs={"review_id": "review"}),
    "reviews:findings": Route(REVIEW_READERS, kwargs={"review_id": "review"}),
    "reviews:quality": Route(REVIEW_READERS, kwargs={"review_id": "review"}),
    "reviews:family": Route(REVIEW_READERS, kwargs={"review_id": "review"}),
    "reviews:documents": Route(REVIEW_READERS, kwargs={"review_id": "review"}),
    "reviews:terms": Route(REVIEW_MANAGERS, ("GET", "POST"), kwargs={"review_id": "review"}),
    "reviews:appoint": Route(REVIEW_MANAGERS, ("GET", "POST"), kwargs={"review_id": "review"}),
    "reviews:end-appointment": Route(
        REVIEW_MANAGERS, ("POST",), kwargs={"review_id": "review", "membership_id": "appointment"}
    ),
    "reviews:convert": Route(REVIEW_MANAGERS, ("POST",), kwargs={"review_id": "review"}),
    "reviews:finding-new": Route(REVIEW_EDITORS, ("GET", "POST"), kwargs={"review_id": "review"}),
    "reviews:finding-edit": Route(
        REVIEW_EDITORS, ("GET", "POST"), kwargs={"review_id": "review", "finding_id": "finding"}
    ),
    "reviews:recommendation-new": Route(REVIEW_EDITORS, ("GET", "POST"), kwargs={"review_id": "review"}),
    "reviews:recommendation-edit": Route(
        REVIEW_EDITORS, ("GET", "POST"), kwargs={"review_id": "review", "recommendation_id": "recommendation"}
    ),
    "reviews:recommendation-response": Route(
        REVIEW_MANAGERS, ("GET", "POST"), kwargs={"review_id": "review", "recommendation_id": "recommendation"}
    ),
    "reviews:quality-markers": Route(REVIEW_EDITORS, ("GET", "POST"), kwargs={"review_id": "review"}),
    "reviews:advance": Route(REVIEW_MANAGERS, ("POST",), kwargs={"review_id": "review"}),
    "reviews:advance-ask": Route(REVIEW_LEADS, ("POST",), kwargs={"review_id": "review"}),
    "reviews:replan": Route(REVIEW_MANAGERS, ("GET", "POST"), kwargs={"review_id": "review"}),
    "reviews:sign-off": Route(REVIEW_MANAGERS, ("GET", "POST"), kwargs={"review_id": "review"}),
    "reviews:process-new": Route(REVIEW_EDITORS, ("GET", "POST"), kwargs={"review_id": "review"}),
    "reviews:process-conclude": Route(
        REVIEW_EDITORS, ("GET", "POST"), kwargs={"review_id": "review", "process_id": "process"}
    ),
    "reviews:involvement-new": Route(REVIEW_EDITORS, ("GET", "POST"), kwargs={"review_id": "review"}),
    "reviews:people": Route(REVIEW_READERS, kwargs={"review_id": "review"}),
    "reviews:person-around-new": Route(REVIEW_EDITORS, ("GET", "POST"), kwargs={"review_id": "review"}),
    "reviews:practitioner-new": Route(REVIEW_EDITORS, ("GET", "POST"), kwargs={"review_id": "review"}),
    "reviews:person-edit": Route(
        REVIEW_EDITORS, ("GET", "POST"), kwargs={"review_id": "review", "person_id": "person_in_record"}
    ),
    "reviews:person-exclude": Route(
        REVIEW_EDITORS, ("GET", "POST"), kwargs={"review_id": "review", "person_id": "person_in_record"}
    ),
    "reviews:person-include": Route(
        REVIEW_EDITORS, ("POST",), kwargs={"review_id": "review", "person_id": "excluded_person"}
    ),
    "reviews:request-practitioner-new": Route(AGENCY_REQUEST, ("POST",), kwargs={"request_id": "agency_request"}),
    "reviews:request-practitioner-remove": Route(
        AGENCY_REQUEST, ("POST",), kwargs={"request_id": "agency_request", "person_id": "named_practitioner"}
    ),
    # Requests from a review to agencies, the factual-accuracy round, and summaries
    "reviews:request-new": Route(REVIEW_EDITORS, ("GET", "POST"), kwargs={"review_id": "review"}),
    "reviews:accuracy-new": Route(REVIEW_EDITORS, ("GET", "POST"), kwargs={"review_id": "review"}),
    "reviews:requests": Route(REVIEW_REQUEST_LEADS),
    "reviews:request": Route(AGENCY_REQUEST, kwargs={"request_id": "agency_request"}),
    "reviews:request-submit": Route(AGENCY_REQUEST, ("POST",), kwargs={"request_id": "agency_request"}),
    "reviews:request-withdraw": Route(REVIEW_EDITORS, ("POST",), kwargs={"request_id": "agency_request"}),
    "reviews:request-check": Route(REVIEW_EDITORS, ("POST",), kwargs={"request_id": "agency_request"}),
    "reviews:request-draft": Route(AGENCY_REQUEST, kwargs={"request_id": "accuracy_request"}),
    "reviews:comment-new": Route(AGENCY_REQUEST, ("POST",), kwargs={"request_id": "accuracy_request"}),
    "reviews:comment-remove": Route(
        AGENCY_REQUEST, ("POST",), kwargs={"request_id": "accuracy_request", "comment_id": "comment"}
    ),
    "reviews:comment-response": Route(
        REVIEW_EDITORS, ("GET", "POST"), kwargs={"request_id": "accuracy_request", "comment_id": "comment"}
    ),
    "reviews:comment-dispute": Route(
        COMMENT_DISPUTE, ("GET", "POST"), kwargs={"request_id": "accuracy_request", "comment_id": "comment"}
    ),
    "reviews:summaries": Route(SUMMARY_READERS),
    "reviews:summary": Route(REVIEW_SUMMARY, kwargs={"review_id": "review"}),
    # Learning events
    "events:for-review": Route(REVIEW_READERS, kwargs={"review_id": "review"}),
    "events:new": Route(EVENT_PLANNERS, ("GET", "POST"), kwargs={"review_id": "review"}),
    "events:detail": Route(EVENT_READERS, kwargs={"event_id": "event"}),
    "events:edit": Route(EVENT_PLANNERS, ("GET", "POST"), kwargs={"event_id": "event"}),
    "events:cancel": Route(EVENT_PLANNERS, ("POST",), kwargs={"event_id": "event"}),
    "events:invite": Route(EVENT_INVITERS, ("GET", "POST"), kwargs={"event_id": "event"}),
    "events:register": Route(EVENT_TEAM, ("GET", "POST"), kwargs={"event_id": "event"}),
    "events:sign-in-sheet": Route(EVENT_TEAM, kwargs={"event_id": "event"}),
    # The invitee's own reply from the event page (the sample has replied, so it sends them back there)
    "events:reply-here": Route(EVENT_INVITEE, ("GET", "POST"), ok=302, kwargs={"event_id": "event"}),
    "events:reflect": Route(EVENT_PARTICIPANT, ("GET", "POST"), kwargs={"event_id": "event"}),
    "events:reflection-withdraw": Route(EVENT_PARTICIPANT, ("POST",), kwargs={"event_id": "event"}),
    "events:evaluate": Route(EVENT_PARTICIPANT, ("GET", "POST"), kwargs={"event_id": "event"}),
    "events:reflections": Route(EVENT_TEAM, kwargs={"event_id": "event"}),
    "events:collation": Route(EVENT_TEAM, kwargs={"event_id": "event"}),
    "events:collation-close": Route(EVENT_TEAM, ("POST",), kwargs={"event_id": "event"}),
    "events:theme-new": Route(EVENT_TEAM, ("GET", "POST"), kwargs={"event_id": "event"}),
    "events:theme-edit": Route(EVENT_TEAM, ("GET", "POST"), kwargs={"event_id": "event", "theme_id": "theme"}),
    "events:proposal-new": Route(EVENT_TEAM, ("GET", "POST"), kwargs={"event_id": "event"}),
    "events:proposal-land": Route(EVENT_TEAM, ("POST",), kwargs={"event_id": "event", "proposal_id": "proposal"}),
    "events:report-pdf": Route(EVENT_TEAM, kwargs={"event_id": "event"}),
    "events:report-docx": Route(EVENT_TEAM, kwargs={"event_id": "event"}),
    # The reply link: any signed-in person may follow one; it works only for its recipient (404 otherwise)
    "events:reply": Route(SIGNED_IN, ("GET", "POST"), ok=404, kwargs={"token": "token"}),
    # The public learning library (the sample review is not published, so its page is a 404 for everyone)
    "publication:library": Route(PUBLIC),
    "publication:feed": Route(PUBLIC),
    "publication:sitemap": Route(PUBLIC),
    "publication:review": Route(PUBLIC, ok=404, anonymous_ok=404, kwargs={"reference": "review_reference"}),
    "publication:review-file": Route(PUBLIC, ok=404, anonymous_ok=404, kwargs={"reference": "review_reference"}),
    # Publication
    "publication:for-review": Route(REVIEW_READERS, kwargs={"review_id": "review"}),
    "publication:propose": Route(PROPOSERS, ("GET", "POST"), kwargs={"review_id": "review"}),
    "publication:clear": Route(PROPOSERS, ("POST",), kwargs={"proposal_id": "proposal_publication"}),
    "publication:decide": Route(APPROVERS, ("POST",), kwargs={"proposal_id": "proposal_publication"}),
    "publication:unpublish": Route(UNPUBLISHERS, ("POST",), kwargs={"proposal_id": "proposal_publication"}),
    # Audit log
    "audit:list": Route(AUDITORS),
    "audit:export": Route(AUDITORS),
}

# Every route in the admin namespace: system administrators only, after the second factor.
NAMESPACE_RULES: dict[str, str] = {"admin": SYSADMIN}

# Senior leadership (sarhub/leadership). The sample presentation covers a signed-off review and is not
# presented yet; it has one follow-up.
LEADERSHIP_READERS = "leadership.can_read_log"
LEADERSHIP_PRESENTATION = "leadership.presentation"
LEADERSHIP_RECORDERS = "leadership.can_record"
LEADERSHIP_RECORDING = "leadership.recorders"
ADMITS[LEADERSHIP_READERS] = {"bu_manager", "bu_coordinator", "chair", "board_member"}
ADMITS[LEADERSHIP_PRESENTATION] = ADMITS[LEADERSHIP_READERS]
ADMITS[LEADERSHIP_RECORDERS] = {"bu_manager", "bu_coordinator"}
ADMITS[LEADERSHIP_RECORDING] = ADMITS[LEADERSHIP_RECORDERS]
_PRESENTATION = {"presentation_id": "presentation"}
_FOLLOW_UP = {"presentation_id": "presentation", "follow_up_id": "follow_up"}
MATRIX.update(
    {
        "leadership:log": Route(LEADERSHIP_READERS),
        "leadership:new": Route(LEADERSHIP_RECORDERS, ("GET", "POST")),
        "leadership:detail": Route(LEADERSHIP_PRESENTATION, kwargs=_PRESENTATION),
        "leadership:pack-pdf": Route(LEADERSHIP_PRESENTATION, kwargs=_PRESENTATION),
        "leadership:pack-docx": Route(LEADERSHIP_PRESENTATION, kwargs=_PRESENTATION),
        "leadership:edit": Route(LEADERSHIP_RECORDING, ("GET", "POST"), kwargs=_PRESENTATION),
        "leadership:presented": Route(LEADERSHIP_RECORDING, ("GET", "POST"), kwargs=_PRESENTATION),
        "leadership:follow-up-new": Route(LEADERSHIP_RECORDING, ("GET", "POST"), kwargs=_PRESENTATION),
        "leadership:follow-up-edit": Route(LEADERSHIP_RECORDING, ("GET", "POST"), kwargs=_FOLLOW_UP),
        "leadership:follow-up-done": Route(LEADERSHIP_RECORDING, ("POST",), kwargs=_FOLLOW_UP),
    }
)

# 7-minute briefings (sarhub/briefings). The sample briefing is about a signed-off review, has been sent to
# every agency (so agency leads and Board members read it), is proposed for publication and not published;
# the agency lead's agency has recorded one team.
BRIEFING_READERS = "briefings.can_list_briefings"
BRIEFING_WRITERS = "briefings.can_write_briefings"
BRIEFING = "briefings.access_briefing"
BRIEFING_VERSION = "briefings.access_version"
BRIEFING_OVERSIGHT = "briefings.reads_every_briefing"
CASCADE = "briefings.access_cascade"
CASCADE_LEADS = "briefings.cascade_leads"
_OVERSIGHT = {"bu_manager", "bu_coordinator", "subgroup_member", "chair"}
ADMITS[BRIEFING_READERS] = _OVERSIGHT | {"agency_lead", "board_member"}
ADMITS[BRIEFING_WRITERS] = {"bu_manager", "bu_coordinator"}
ADMITS[BRIEFING] = ADMITS[BRIEFING_READERS]
ADMITS[BRIEFING_VERSION] = ADMITS[BRIEFING_READERS]
ADMITS[BRIEFING_OVERSIGHT] = _OVERSIGHT
ADMITS[CASCADE] = _OVERSIGHT | {"agency_lead"}
ADMITS[CASCADE_LEADS] = {"agency_lead"}
_BRIEFING = {"briefing_id": "briefing"}
_VERSION = {"briefing_id": "briefing", "version_id": "briefing_version"}
MATRIX.update(
    {
        "briefings:list": Route(BRIEFING_READERS),
        "briefings:new": Route(BRIEFING_WRITERS, ("GET", "POST")),
        "briefings:detail": Route(BRIEFING, kwargs=_BRIEFING),
        "briefings:edit": Route(BRIEFING_WRITERS, ("GET", "POST"), kwargs=_BRIEFING),
        "briefings:pdf": Route(BRIEFING_VERSION, kwargs=_VERSION),
        "briefings:docx": Route(BRIEFING_VERSION, kwargs=_VERSION),
        "briefings:propose": Route(PROPOSERS, ("POST",), kwargs=_VERSION),
        "briefings:circulate": Route(BRIEFING_WRITERS, ("POST",), kwargs=_VERSION),
        "briefings:clear": Route(PROPOSERS, ("POST",), kwargs={"proposal_id": "briefing_proposal"}),
        "briefings:decide": Route(APPROVERS, ("POST",), kwargs={"proposal_id": "briefing_proposal"}),
        "briefings:unpublish": Route(UNPUBLISHERS, ("POST",), kwargs={"proposal_id": "briefing_proposal"}),
        "briefings:circulation": Route(BRIEFING_OVERSIGHT, kwargs={"circulation_id": "circulation"}),
        "briefings:remind": Route(BRIEFING_WRITERS, ("POST",), kwargs={"circulation_id": "circulation"}),
        "briefings:cascade": Route(CASCADE, ("GET", "POST"), kwargs={"cascade_id": "cascade"}),
        "briefings:remove-record": Route(
            CASCADE_LEADS, ("POST",), kwargs={"cascade_id": "cascade", "record_id": "cascade_record"}
        ),
        # The public library: the sample briefing is not published, so its page and files are a 404.
        "briefings:public-list": Route(PUBLIC),
        "briefings:public-page": Route(PUBLIC, ok=404, anonymous_ok=404, kwargs=_BRIEFING),
        "briefings:public-pdf": Route(PUBLIC, ok=404, anonymous_ok=404, kwargs=_BRIEFING),
        "briefings:public-docx": Route(PUBLIC, ok=404, anonymous_ok=404, kwargs=_BRIEFING),
    }
)
MATRIX["publication:plan-done"] = Route(PROPOSERS, ("POST",), kwargs={"review_id": "review"})

# The action plan (sarhub/actions). The sample action answers the sample review's recommendation, is owned
# by the agency lead's agency and led by the agency lead.
ACTION_LISTERS = "actions.can_list_actions"
ACTION_MANAGERS = "actions.can_manage_actions"
ACTION = "actions.access_action"
ACTION_REPORTERS = "actions.reporters"
ACTION_AGENCY = "actions.can_view_agency"
_PLAN_READERS = {"bu_manager", "bu_coordinator", "subgroup_member", "chair", "board_member"}
ADMITS[ACTION_LISTERS] = _PLAN_READERS | {"agency_lead"}
ADMITS[ACTION_MANAGERS] = {"bu_manager", "bu_coordinator"}
ADMITS[ACTION] = _PLAN_READERS | {"agency_lead"}
ADMITS[ACTION_REPORTERS] = {"agency_lead"}
ADMITS[ACTION_AGENCY] = _PLAN_READERS | {"agency_lead"}
_ACTION = {"action_id": "action"}
MATRIX.update(
    {
        "actions:plan": Route(ACTION_LISTERS),
        "actions:mine": Route(ACTION_LISTERS),
        "actions:export-csv": Route(ACTION_LISTERS),
        "actions:export-xlsx": Route(ACTION_LISTERS),
        "actions:agency": Route(ACTION_AGENCY, kwargs={"agency_id": "action_agency"}),
        "actions:detail": Route(ACTION, kwargs=_ACTION),
        "actions:progress": Route(ACTION_REPORTERS, ("POST",), kwargs=_ACTION),
        "actions:edit": Route(ACTION_MANAGERS, ("GET", "POST"), kwargs=_ACTION),
        "actions:assure": Route(ACTION_MANAGERS, ("POST",), kwargs=_ACTION),
        "actions:impact": Route(ACTION_MANAGERS, ("POST",), kwargs=_ACTION),
        "actions:close": Route(ACTION_MANAGERS, ("POST",), kwargs=_ACTION),
        "actions:for-review": Route(REVIEW_READERS, kwargs={"review_id": "review"}),
        "actions:new": Route(ACTION_MANAGERS, ("GET", "POST"), kwargs={"review_id": "review"}),
        "actions:not-implemented": Route(ACTION_MANAGERS, ("GET", "POST"), kwargs={"review_id": "review"}),
    }
)
# The statutory annual report's SAR section: for those who read the whole plan. Any year from 2015/16 to
# the current one answers (an empty year says so).
PLAN_READERS = "actions.reads_whole_plan"
ADMITS[PLAN_READERS] = _PLAN_READERS
_YEAR = {"year": "annual_year"}
MATRIX.update(
    {
        "annual:report": Route(PLAN_READERS),
        "annual:pdf": Route(PLAN_READERS, kwargs=_YEAR),
        "annual:docx": Route(PLAN_READERS, kwargs=_YEAR),
    }
)

# The partner API's tokens (sarhub/api): the business unit issues and revokes them; an agency's leads see and
# revoke their own agency's. The API's operations answer to a bearer token, never a session (tested in
# sarhub/api/tests, with schemathesis); its schema and documentation are public and hold no data.
API_TOKEN_READERS = "api.can_list_tokens"
API_TOKEN_ISSUERS = "api.can_manage_tokens"
ADMITS[API_TOKEN_READERS] = {"bu_manager", "bu_coordinator", "agency_lead"}
ADMITS[API_TOKEN_ISSUERS] = {"bu_manager", "bu_coordinator"}
MATRIX.update(
    {
        "api_tokens:list": Route(API_TOKEN_READERS),
        "api_tokens:new": Route(API_TOKEN_ISSUERS, ("GET", "POST")),
        "api_tokens:revoke": Route(API_TOKEN_READERS, ("POST",), kwargs={"token_id": "api_token"}),
        "api:openapi-json": Route(PUBLIC),
        "api:openapi-view": Route(PUBLIC),
    }
)
NAMESPACE_RULES["api"] = "api.token"

# The Board's insight (sarhub/insight): the business unit's dashboard; the overview of aggregates for the
# business unit, the chair, the SAR subgroup and Board members.
INSIGHT_DASHBOARD = "insight.can_see_dashboard"
INSIGHT_OVERVIEW = "insight.can_see_overview"
ADMITS[INSIGHT_DASHBOARD] = {"bu_manager", "bu_coordinator"}
ADMITS[INSIGHT_OVERVIEW] = {"bu_manager", "bu_coordinator", "chair", "subgroup_member", "board_member"}
MATRIX.update(
    {
        "insight:overview": Route(INSIGHT_OVERVIEW),
        "insight:themes": Route(INSIGHT_OVERVIEW),
        "insight:quarterly": Route(INSIGHT_OVERVIEW),
        "insight:quarterly-file": Route(
            INSIGHT_OVERVIEW, kwargs={"quarter": "insight_quarter", "kind": "insight_kind"}
        ),
        "insight:figure-csv": Route(INSIGHT_OVERVIEW, kwargs={"key": "insight_figure"}),
        "insight:refresh": Route(INSIGHT_DASHBOARD, ("POST",)),
    }
)

# Similar findings and repeated learning (sarhub/insight/similar_views.py, repeat_views.py). Similar findings
# from a finding or a review: whoever reads reviews (the review checked per object, 404 otherwise; the
# sample review's lead is the reviewer persona). The search of the Board's findings: the business unit, the
# chair and the SAR subgroup. Repeated learning: the overview's readers (the sample flag is between two
# findings of the signed-off sample review, so Board members see it too); recording the Board's view: the
# business unit and the chair.
INSIGHT_SIMILAR = "insight.can_find_similar"
INSIGHT_SEARCH = "insight.can_search_findings"
INSIGHT_REPEATS = "insight.can_read_repeats"
INSIGHT_REPEAT_VIEW = "insight.can_record_repeat_view"
ADMITS[INSIGHT_SIMILAR] = ADMITS[REVIEW_READERS]
ADMITS[INSIGHT_SEARCH] = {"bu_manager", "bu_coordinator", "chair", "subgroup_member"}
ADMITS[INSIGHT_REPEATS] = ADMITS[INSIGHT_OVERVIEW]
ADMITS[INSIGHT_REPEAT_VIEW] = {"bu_manager", "bu_coordinator", "chair"}
MATRIX.update(
    {
        "insight:similar-finding": Route(INSIGHT_SIMILAR, kwargs={"finding_id": "finding"}),
        "insight:similar-review": Route(INSIGHT_SIMILAR, kwargs={"review_id": "review"}),
        "insight:search": Route(INSIGHT_SEARCH),
        "insight:repeats": Route(INSIGHT_REPEATS),
        "insight:repeat": Route(INSIGHT_REPEATS, kwargs={"flag_id": "repeat_flag"}),
        "insight:repeat-view": Route(INSIGHT_REPEAT_VIEW, ("POST",), kwargs={"flag_id": "repeat_flag"}),
    }
)

# Good practice, shared (sarhub/insight/good_practice*.py): one page, filtered by query string; which items
# each reader sees is tested in sarhub/insight/tests/test_good_practice.py.
INSIGHT_GOOD_PRACTICE = "insight.can_see_good_practice"
ADMITS[INSIGHT_GOOD_PRACTICE] = {
    "bu_manager",
    "bu_coordinator",
    "chair",
    "subgroup_member",
    "board_member",
    "agency_lead",
}
MATRIX.update(
    {
        "insight:good-practice": Route(INSIGHT_GOOD_PRACTICE),
    }
)

# Theme suggestions on the finding form (sarhub/insight/suggest_views.py): the form is posted there as the person
# types, never saved; the same rule as adding or changing the review's findings (REVIEW_EDITORS; 404 for anyone
# else, as the form is).
MATRIX["insight:suggest"] = Route(REVIEW_EDITORS, ("POST",), kwargs={"review_id": "review"})
