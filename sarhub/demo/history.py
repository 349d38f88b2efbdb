"""The demo Board's history: sixteen fictional reviews it signed off over the last six financial years, so
the insight pages (the business unit's dashboard, the Board's overview, themes over time, similar findings
and "did the learning stick?") have something true and interesting to show. Every person, case, date and
word here is invented; no review is modelled on a real one.

Each review starts from a referral decided a realistic number of days after it arrived (most within the
28-day target, some not), runs through the real services (set up, a lead reviewer appointed, findings
coded with a learning domain, kind, abuse types and practice themes, recommendations linked to findings,
the draft through the agencies' factual-accuracy comments, Board sign-off, a response to every
recommendation) and then has its dates spread back to when it happened, as the other demo loaders do
(`.update()` after each service call): the stage plans with their actual dates, `signed_off_on`,
`stage_due_on` refreshed, references numbered by the year each was received or set up.

Their action plans: the older ones assured complete with progress updates and evidence (some with their
impact checked, one returned once before it was accepted), the recent ones still open, a few of them red.
Two have a 7-minute briefing sent to every agency, with some agencies' cascades recorded (teams and
staff reached) and others not yet responding; four had a learning event, with invitations by agency and
role, replies and the register.

Deliberate repeats, for "did the learning stick?" (finding numbers within each review):
- REPEATS: a recent finding that closely resembles (shares many words with) an earlier review's finding
  whose actions were all assured complete; the check should flag each. Adult V's finding 1 (2025/26)
  repeats Adult A's finding 2 (2021/22: hoarding seen by several agencies, no multi-agency meeting, fire
  risk never assessed jointly); Adult W's finding 1 (2025/26) repeats Adult C's finding 1 (2022/23: sent
  home late on a Friday before the care package started).
- NEAR_MISS: Adult X's finding 2 (2025/26) resembles Adult U's finding 1 (2024/25) just as closely, but
  none of Adult U's actions has been assured complete: the check should not flag it.
Between them and everything else there is a wide gap in the words shared (a Jaccard overlap of 0.7 to
0.95 against 0.45 at most). The nearest other pair is Adult R's finding 1 (2024/25, actions assured) and
this year's Adult O's finding 1 (sarhub/demo/reviews.py): a carer's ability to care assumed, never assessed;
a looser threshold may flag it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from sarhub.actions import services as action_services
from sarhub.actions.annual import current_year
from sarhub.actions.models import Action, Status
from sarhub.briefings import services as briefing_services
from sarhub.briefings.models import Briefing, BriefingVersion, CascadeRecord, Circulation
from sarhub.core.roles import Role
from sarhub.demo.actions import _accept, _complete, _new, _progress, _settle
from sarhub.demo.files import simple_pdf
from sarhub.demo.referrals import acknowledge_when_received, referral_data, settle_decision
from sarhub.demo.reviews import _advance_to, _lead, _lead_of, _through_factual_accuracy
from sarhub.documents.models import Document, DocumentType, DocumentVersion
from sarhub.documents.services import add_document
from sarhub.events import services as event_services
from sarhub.events.models import EventInvitation, LearningEvent, Reply
from sarhub.partnership.models import Agency, Membership, Person
from sarhub.referrals.models import LetterStatus, OtherProcess, Outcome, OutcomeLetter, Referral, Source
from sarhub.referrals.models import Status as ReferralStatus
from sarhub.referrals.services import make_referral
from sarhub.referrals.services.decisions import decide, recommend, save_letter, send_letter
from sarhub.referrals.services.workflow import move
from sarhub.reviews import services as review_services
from sarhub.reviews.models import (
    PLANNED_WEEKS,
    STAGE_ORDER,
    AgencyRequest,
    Finding,
    Review,
    ReviewRecommendation,
    Route,
    Stage,
    StagePlan,
)
from sarhub.reviews.services import content, running
from sarhub.taxonomy.models import AbuseType, PracticeTheme

DOMAIN = "rsab-demo.invalid"

# --- Who ---------------------------------------------------------------------------------------------------

# Independent reviewers who led the older reviews (fictional; no demo login). The demo's own reviewer
# persona leads the recent ones.
REVIEWERS: list[tuple[str, str, str]] = [
    ("rosalind", "Rosalind Tarrant-Makepeace", "Independent Reviewer"),
    ("ewan", "Ewan Lockwood-Fictive", "Independent Reviewer"),
]

# Practitioners and line managers invited to the historic learning events (fictional; no demo login), with
# those the demo already has: the practitioner and line-manager personas, and the events' Priya and Owen.
PRACTITIONERS: list[tuple[str, str, str, str, Role]] = [
    ("rukhsana", "Rukhsana Notreal", "Community Psychiatric Nurse", "RDaSH", Role.PRACTITIONER),
    ("glen", "Glen Fictionby", "Team Manager, Community Mental Health", "RDaSH", Role.LINE_MANAGER),
    ("ola", "Ola Madeupsen", "Police Constable, Neighbourhood Team", "SYP", Role.PRACTITIONER),
    ("bernadette", "Bernadette Storyton", "Police Sergeant", "SYP", Role.LINE_MANAGER),
    ("kwame", "Kwame Pretendly", "Tenancy Support Officer", "WVH", Role.PRACTITIONER),
    ("imogen", "Imogen Fablewood", "Outreach Worker", "KLCS", Role.PRACTITIONER),
    ("dev", "Dev Notional", "District Nursing Sister", "TRFT", Role.LINE_MANAGER),
    ("lorna", "Lorna Imaginary", "Station Manager, Prevention", "SYFR", Role.LINE_MANAGER),
    ("ciaran", "Ciaran Fictive", "Social Worker", "RMBC", Role.PRACTITIONER),
    ("yusuf", "Yusuf Makebelieve", "Safeguarding Practitioner, Primary Care", "SY ICB", Role.PRACTITIONER),
]
EXISTING_INVITEES = {
    "jamie": "practitioner@rsab-demo.invalid",
    "corinne": "line-manager@rsab-demo.invalid",
    "priya": "priya.madeupson@rsab-demo.invalid",
    "owen": "owen.nonesuch@rsab-demo.invalid",
}


def _email(key: str) -> str:
    return EXISTING_INVITEES.get(key) or f"{key}.history@{DOMAIN}"


# --- What --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Adult:
    """The referral about one adult (the confidential record: the name is never shown beside the review)."""

    name: str
    born: date
    died: bool
    what_happened: str
    concern: str
    abuse: tuple[str, ...]
    agencies: tuple[str, ...]
    referrer: str  # a demo persona's key
    relationship: str
    outcome: str
    decided_after: int  # days from receipt to the chair's decision (the target is 28)
    criterion: str = "condition_1"
    reasons: str = "Fictional: the adult died and abuse or neglect, including self-neglect, is suspected."


@dataclass(frozen=True)
class F:
    """A finding: its text, learning domain, kind, practice themes and abuse types."""

    text: str
    domain: str
    kind: str
    themes: tuple[str, ...] = ()
    abuse: tuple[str, ...] = ()


@dataclass(frozen=True)
class Act:
    """An action answering a recommendation, and how far it has gone (a key of `_steps`)."""

    what: str
    owner: str | None  # an agency's short name; None for the Board
    measure: str
    plan: str
    due_after: int  # days after the sign-off
    evidence: tuple[str, str] = ("", "")  # the evidence's title, and the note reporting it complete
    impact: str = ""


@dataclass(frozen=True)
class Rec:
    text: str
    findings: tuple[int, ...]
    agencies: tuple[str, ...] = ()
    to_board: bool = False
    response: str = "accepted"
    reasons: str = ""
    actions: tuple[Act, ...] = ()


@dataclass(frozen=True)
class Historic:
    pseudonym: str
    route: str
    years_ago: int  # financial years before the current one (see `base_year`)
    signed_off: tuple[int, int]  # month and day of the Board's sign-off
    reviewer: str  # a key of REVIEWERS, or "reviewer" (the demo persona)
    adults: tuple[Adult, ...]
    lines_of_enquiry: str
    findings: tuple[F, ...]
    recommendations: tuple[Rec, ...]
    slips: tuple[tuple[str, int], ...] = ()  # (stage, days late)
    briefing: dict[str, Any] | None = None
    event: tuple[tuple[str, str, bool], ...] = ()  # (invitee, reply, attended)


# The practice themes and abuse types, as the taxonomy names them.
HOARDING = "Self-neglect and hoarding"
MSP = "Making Safeguarding Personal"
MCA = "Mental capacity, including executive functioning"
RISK = "Risk management"
SHARING = "Information sharing"
MULTI = "Multi-agency working"
CURIOSITY = "Professional curiosity"
CARERS = "Carers"
ADVOCACY = "Advocacy"
RECORDING = "Recording"
CARE_HOMES = "Care homes and quality of care"
DISCHARGE = "Hospital discharge"
MENTAL_HEALTH = "Mental health and suicide risk"
ALCOHOL = "Alcohol and substance misuse"
HOMELESS = "Homelessness"
DA = "Domestic abuse"
TRANSITIONS = "Transitions"
FAMILY = "Family involvement"
FIRE = "Fire risk"
SELF_NEGLECT = "Self-neglect"
NEGLECT = "Neglect and acts of omission"
PHYSICAL = "Physical abuse"
DOMESTIC = "Domestic abuse"
SEXUAL = "Sexual abuse"
PSYCHOLOGICAL = "Psychological or emotional abuse"
FINANCIAL = "Financial or material abuse"
SLAVERY = "Modern slavery"
DISCRIMINATORY = "Discriminatory abuse"
ORGANISATIONAL = "Organisational abuse"

GOOD, BARRIER, SYSTEMIC = "good_practice", "barrier", "systemic_risk"
DIRECT, INTER, ORG, GOV, NATIONAL = "direct_work", "inter_agency", "organisational", "governance", "national"
ACCEPTED, IN_PART = "accepted", "accepted_in_part"

HISTORY: list[Historic] = [
    # --- Five years ago -------------------------------------------------------------------------------------
    Historic(
        pseudonym="Adult A",
        route=Route.INDEPENDENT_SAR,
        years_ago=5,
        signed_off=(11, 18),
        reviewer="rosalind",
        adults=(
            Adult(
                name="Albert Inventwell-Crane",
                born=date(1944, 2, 9),
                died=True,
                what_happened="Fictional: an older man living alone in a hoarded home died in a fire in his kitchen.",
                concern="Several agencies visited him and saw the hoarding; none brought them together.",
                abuse=(SELF_NEGLECT,),
                agencies=("RMBC", "TRFT", "WVH", "SYFR"),
                referrer="line-manager",
                relationship="Team manager, adult social care",
                outcome=Outcome.MANDATORY_CONDITION_1,
                decided_after=19,
            ),
        ),
        lines_of_enquiry="How did agencies understand his refusals of help? How was fire risk assessed?",
        findings=(
            F(
                "Practitioners accepted his repeated refusals of help as a capacitous lifestyle choice without "
                "exploring whether he could carry out the decisions he made; no mental capacity assessment "
                "considered his executive functioning.",
                DIRECT,
                BARRIER,
                (MCA, HOARDING, CURIOSITY),
                (SELF_NEGLECT,),
            ),
            F(
                "The hoarding in his home was seen by the housing officer, the district nurses and the GP, but "
                "no agency convened a multi-agency meeting and the fire risk was never assessed jointly.",
                INTER,
                SYSTEMIC,
                (HOARDING, FIRE, MULTI),
                (SELF_NEGLECT,),
            ),
            F(
                "His district nurse built a trusting relationship over many months, visiting at times that "
                "suited him and noticing small changes in his home and his health.",
                DIRECT,
                GOOD,
                (MSP, CURIOSITY),
            ),
            F(
                "Adult social care had no self-neglect policy, so staff were unsure when a concern about "
                "hoarding met the threshold for a safeguarding enquiry.",
                ORG,
                BARRIER,
                (HOARDING, RISK),
                (SELF_NEGLECT,),
            ),
        ),
        recommendations=(
            Rec(
                "Provide multi-agency training on assessing mental capacity where executive functioning may be "
                "impaired, including how to test whether a person can carry out what they decide.",
                (1,),
                ("RMBC", "TRFT"),
                actions=(
                    Act(
                        "Deliver mental capacity and executive functioning training to every adult social care team.",
                        "RMBC",
                        "Every team trained; a case file audit finds executive functioning considered where it "
                        "is relevant.",
                        "assured_impact",
                        180,
                        ("Training register and audit", "Fictional: 14 sessions held; 212 staff trained."),
                        "Fictional: a case file audit of 40 self-neglect cases found executive functioning "
                        "considered in 31.",
                    ),
                    Act(
                        "Add executive functioning to the Trust's mental capacity assessment template.",
                        "TRFT",
                        "The template changed; community nursing staff briefed.",
                        "assured",
                        120,
                        ("Revised MCA template", "Fictional: the revised template is live on the patient record."),
                    ),
                ),
            ),
            Rec(
                "Agree a multi-agency self-neglect and hoarding protocol with a route to a multi-agency risk "
                "meeting and a referral to the fire service for a home safety visit.",
                (2, 4),
                ("RMBC", "WVH", "SYFR"),
                to_board=True,
                actions=(
                    Act(
                        "Publish a multi-agency self-neglect and hoarding protocol with an escalation route to a "
                        "multi-agency risk meeting.",
                        None,
                        "The protocol is agreed by every partner and published on the Board's website.",
                        "assured",
                        150,
                        (
                            "Self-neglect and hoarding protocol",
                            "Fictional: the protocol was signed off by the Board and published; launch events held.",
                        ),
                    ),
                    Act(
                        "Housing officers refer every tenant with a hoarding concern to the fire service for a "
                        "home safety visit.",
                        "WVH",
                        "Referrals to the fire service counted each quarter; every hoarding case referred.",
                        "assured_returned",
                        120,
                        ("Fire referral figures", "Fictional: 23 referrals to the fire service in the quarter."),
                    ),
                ),
            ),
        ),
        briefing={
            "title": "Self-neglect and hoarding: ask, share, meet",
            "background": (
                "Fictional: Adult A was an older man who lived alone in a hoarded home and died in a fire. "
                "Housing, district nurses and the GP each visited and each saw the hoarding."
            ),
            "why_it_matters": (
                "Hoarding is a fire risk to the person and to neighbours. When each agency sees only its own "
                "part, nobody holds the risk."
            ),
            "finding_1": "Refusals of help were accepted without asking whether he could carry out his decisions.",
            "finding_2": "No agency called a multi-agency meeting, so the fire risk was never assessed jointly.",
            "finding_3": "His district nurse built trust by visiting at times that suited him.",
            "remember": "Saying no is not the same as being able to act on a decision. Think executive functioning.",
            "what_to_do": (
                "Use the self-neglect and hoarding protocol: share your concern, call a multi-agency meeting, "
                "and ask the fire service for a home safety visit."
            ),
            "question_1": "When did you last assess whether someone could carry out what they decided?",
            "question_2": "Who would you invite to a multi-agency meeting about hoarding?",
            "question_3": "How do you refer someone for a home fire safety visit?",
            "cascades": (
                ("RMBC", "Adult social care, locality north", 24, 9),
                ("RMBC", "Adult social care, locality south", 19, 16),
                ("TRFT", "District nursing, central", 31, 12),
                ("WVH", "Tenancy services", 17, 20),
                ("SYP", "Neighbourhood policing", 42, 25),
                ("RDaSH", "Older people's mental health", 12, 30),
            ),
        },
    ),
    Historic(
        pseudonym="Adult B",
        route=Route.RAPID,
        years_ago=5,
        signed_off=(2, 24),
        reviewer="rosalind",
        adults=(
            Adult(
                name="Beryl Notreal-Haskins",
                born=date(1937, 10, 3),
                died=True,
                what_happened="Fictional: an older woman died after a fall at home; her adult son, who lived with "
                "her, had been controlling her money and who she saw.",
                concern="Police, the GP and the hospital each knew of incidents at home.",
                abuse=(DOMESTIC, PSYCHOLOGICAL, FINANCIAL),
                agencies=("SYP", "SY ICB", "TRFT", "RMBC"),
                referrer="agency-lead",
                relationship="Named nurse for safeguarding adults",
                outcome=Outcome.MANDATORY_CONDITION_1,
                decided_after=31,
            ),
        ),
        lines_of_enquiry="How was abuse by an adult son, who was also her carer, recognised and responded to?",
        findings=(
            F(
                "Officers attending four incidents at her home did not complete a domestic abuse risk "
                "assessment because the person harming her was her adult son and carer, not a partner.",
                DIRECT,
                BARRIER,
                (DA, CARERS),
                (DOMESTIC, PSYCHOLOGICAL),
            ),
            F(
                "The GP practice knew she was frightened of her son but did not share this with adult social "
                "care, believing her consent was needed first.",
                INTER,
                BARRIER,
                (SHARING, DA),
                (DOMESTIC,),
            ),
            F(
                "A hospital independent domestic violence adviser saw her alone on the ward and helped her make "
                "a safety plan in her own words.",
                DIRECT,
                GOOD,
                (DA, MSP),
            ),
        ),
        recommendations=(
            Rec(
                "Officers complete a domestic abuse risk assessment whenever the person causing harm is an adult "
                "family member or carer.",
                (1,),
                ("SYP",),
                actions=(
                    Act(
                        "Update the domestic abuse attendance guidance and brief response officers on abuse by "
                        "adult family members.",
                        "SYP",
                        "Guidance changed; an audit finds risk assessments completed at family incidents.",
                        "assured_impact",
                        120,
                        (
                            "Revised attendance guidance",
                            "Fictional: guidance reissued and briefed at every shift change for a month.",
                        ),
                        "Fictional: a dip sample of 30 incidents involving adult children found the risk "
                        "assessment completed in 27.",
                    ),
                ),
            ),
            Rec(
                "Remind GP practices that safeguarding concerns can be shared without consent where there is a "
                "risk of serious harm.",
                (2,),
                ("SY ICB",),
                actions=(
                    Act(
                        "Brief GP practices on sharing safeguarding information without consent, with a "
                        "one-page guide.",
                        "SY ICB",
                        "Every practice briefed; the guide on the practice intranet.",
                        "assured",
                        90,
                        (
                            "GP briefing and guide",
                            "Fictional: the guide was sent to all practices and "
                            "discussed at the safeguarding leads' forum.",
                        ),
                    ),
                ),
            ),
        ),
    ),
    # --- Four years ago -------------------------------------------------------------------------------------
    Historic(
        pseudonym="Adult C",
        route=Route.INDEPENDENT_SAR,
        years_ago=4,
        signed_off=(7, 14),
        reviewer="rosalind",
        slips=((Stage.INFORMATION_GATHERING, 21),),
        adults=(
            Adult(
                name="Cyril Makeshift-Dunmore",
                born=date(1939, 4, 27),
                died=True,
                what_happened="Fictional: a man with dementia was found collapsed at home two days after he "
                "was discharged from hospital; he died a week later.",
                concern="The care package had not started and nobody visited after discharge.",
                abuse=(NEGLECT,),
                agencies=("TRFT", "RMBC", "SY ICB"),
                referrer="practitioner",
                relationship="Social worker",
                outcome=Outcome.MANDATORY_CONDITION_1,
                decided_after=16,
            ),
        ),
        lines_of_enquiry="How was his discharge planned, and how were his wife's needs as a carer considered?",
        findings=(
            F(
                "He was discharged from hospital late on a Friday evening without his care package in place, "
                "because pressure on beds took priority over a safe discharge plan.",
                ORG,
                SYSTEMIC,
                (DISCHARGE, RISK),
                (NEGLECT,),
            ),
            F(
                "His wife's own frailty, and whether she could care for him at home, were not assessed before "
                "he was discharged.",
                DIRECT,
                BARRIER,
                (CARERS, DISCHARGE, FAMILY),
                (NEGLECT,),
            ),
            F(
                "The discharge summary did not reach the district nursing team, so nobody visited in his first "
                "days at home.",
                INTER,
                BARRIER,
                (SHARING, DISCHARGE),
            ),
            F(
                "The ambulance crew who found him raised a safeguarding concern the same day and stayed until "
                "his wife had support.",
                DIRECT,
                GOOD,
                (CURIOSITY, CARERS),
            ),
        ),
        recommendations=(
            Rec(
                "No discharge of a person with care needs goes ahead unless their care package is confirmed, and "
                "discharge summaries reach community teams the same day.",
                (1, 3),
                ("TRFT",),
                actions=(
                    Act(
                        "Introduce a safe discharge checklist that confirms the care package has started before a "
                        "person with care needs leaves hospital.",
                        "TRFT",
                        "The checklist is used on every ward; a monthly audit finds it completed for 9 in 10 "
                        "discharges.",
                        "assured_impact",
                        120,
                        (
                            "Safe discharge checklist and audit",
                            "Fictional: checklist live on all adult wards; first monthly audit attached.",
                        ),
                        "Fictional: six months of audits show the checklist completed for 93% of discharges and "
                        "no Friday evening discharge without a confirmed package.",
                    ),
                    Act(
                        "Send discharge summaries electronically to the district nursing team on the day of discharge.",
                        "TRFT",
                        "Summaries reach district nursing the same day in 95% of sampled discharges.",
                        "assured",
                        150,
                        (
                            "Electronic discharge summaries",
                            "Fictional: the electronic route went live; a sample of 40 shows 38 sent the same day.",
                        ),
                    ),
                ),
            ),
            Rec(
                "Offer a carer's assessment before discharge whenever a relative will provide care at home.",
                (2,),
                ("RMBC",),
                actions=(
                    Act(
                        "The hospital social work team offers a carer's assessment before every discharge home "
                        "to a relative's care, and records the offer.",
                        "RMBC",
                        "The offer is recorded in 8 of 10 sampled discharges.",
                        "assured",
                        120,
                        ("Hospital social work audit", "Fictional: the offer was recorded in 17 of 20 sampled cases."),
                    ),
                ),
            ),
        ),
    ),
    Historic(
        pseudonym="Adult D",
        route=Route.OTHER_LEARNING,
        years_ago=4,
        signed_off=(10, 20),
        reviewer="rosalind",
        adults=(
            Adult(
                name="Daniel Fabled-Ostley",
                born=date(2003, 1, 15),
                died=False,
                what_happened="Fictional: a young autistic man was left without support when his residential "
                "college placement ended at 19, and was later exploited by people he met online.",
                concern="Planning for adult services started too late and did not include him.",
                abuse=(FINANCIAL, PSYCHOLOGICAL),
                agencies=("RMBC", "SY ICB"),
                referrer="line-manager",
                relationship="Team manager, adult social care",
                outcome=Outcome.PROPORTIONATE,
                decided_after=22,
                criterion="discretionary",
                reasons="Fictional: there is learning about transitions to adult services.",
            ),
        ),
        lines_of_enquiry="How was his move from children's to adult services planned, and how was he involved?",
        findings=(
            F(
                "Planning for his move from children's to adult services began three months before his "
                "eighteenth birthday, so no adult social worker knew him when his placement ended.",
                ORG,
                BARRIER,
                (TRANSITIONS, MULTI),
            ),
            F(
                "Professionals spoke to his parents rather than to him; his own wishes about where to live were "
                "not recorded.",
                DIRECT,
                BARRIER,
                (MSP, FAMILY, ADVOCACY),
            ),
            F(
                "His college tutor noticed him withdrawing and raised a concern that was acted on within a day.",
                DIRECT,
                GOOD,
                (CURIOSITY,),
            ),
        ),
        recommendations=(
            Rec(
                "Start transition planning at 14 for every young person likely to need adult care and support, "
                "with the young person at the centre.",
                (1, 2),
                ("RMBC",),
                actions=(
                    Act(
                        "Set up a transitions panel that tracks every young person from 14 who is likely to need "
                        "adult care and support.",
                        "RMBC",
                        "The panel meets monthly; every young person known at 14 has a named adult worker by 17.",
                        "assured",
                        180,
                        (
                            "Transitions panel terms of reference",
                            "Fictional: the panel has met six times; its tracker is attached.",
                        ),
                    ),
                ),
            ),
        ),
    ),
    Historic(
        pseudonym="Adult G",
        route=Route.RAPID,
        years_ago=4,
        signed_off=(2, 9),
        reviewer="rosalind",
        adults=(
            Adult(
                name="Gordon Pretendby-Walsh",
                born=date(1968, 12, 1),
                died=True,
                what_happened="Fictional: a man dependent on alcohol died at home after 30 emergency attendances "
                "in a year.",
                concern="Each attendance was treated as a new episode; services discharged him when he missed "
                "appointments.",
                abuse=(SELF_NEGLECT,),
                agencies=("TRFT", "RDaSH", "RMBC"),
                referrer="agency-lead",
                relationship="Named nurse for safeguarding adults",
                outcome=Outcome.MANDATORY_CONDITION_1,
                decided_after=26,
            ),
        ),
        lines_of_enquiry="How did services respond to his frequent attendances and his alcohol use?",
        findings=(
            F(
                "Each missed appointment led to discharge under a 'did not attend' policy rather than to "
                "outreach, although his drinking made attending hard.",
                ORG,
                SYSTEMIC,
                (ALCOHOL, RISK),
                (SELF_NEGLECT,),
            ),
            F(
                "Practitioners saw his drinking as a choice and did not ask what lay behind it, including the "
                "recent death of his brother.",
                DIRECT,
                BARRIER,
                (ALCOHOL, CURIOSITY, MENTAL_HEALTH),
                (SELF_NEGLECT,),
            ),
            F(
                "The ambulance service, the hospital and the drug and alcohol service each recorded his "
                "attendances, but no single agency held the whole picture.",
                INTER,
                BARRIER,
                (SHARING, MULTI, ALCOHOL),
            ),
            F(
                "The hospital's alcohol liaison nurse saw him on every admission and kept trying to engage him, "
                "on his terms.",
                DIRECT,
                GOOD,
                (ALCOHOL, MSP),
            ),
        ),
        recommendations=(
            Rec(
                "Review 'did not attend' policies so that a missed appointment by a person with care and support "
                "needs prompts outreach and a check on risk, not discharge.",
                (1,),
                ("TRFT", "RDaSH"),
                actions=(
                    Act(
                        "Revise the drug and alcohol service's 'was not brought or did not attend' policy.",
                        "RDaSH",
                        "The revised policy is in use; discharges after missed appointments fall.",
                        "assured",
                        120,
                        (
                            "Revised did not attend policy",
                            "Fictional: the revised policy was approved by the clinical governance group.",
                        ),
                    ),
                    Act(
                        "Outpatient clinics check risk with the referrer before discharging a patient with care "
                        "needs who has missed two appointments.",
                        "TRFT",
                        "An audit of discharges after missed appointments finds the check made.",
                        "assured_late",
                        120,
                        ("Outpatient audit", "Fictional: the audit of 25 discharges found the check made in 21."),
                    ),
                ),
            ),
            Rec(
                "Set up a multi-agency panel for people who attend emergency services very often.",
                (3,),
                to_board=True,
                actions=(
                    Act(
                        "Set up a high intensity user panel across the hospital, ambulance, mental health and "
                        "drug and alcohol services.",
                        None,
                        "The panel meets monthly with a shared plan for each person it discusses.",
                        "assured",
                        180,
                        (
                            "High intensity user panel",
                            "Fictional: terms of reference agreed and the first four meetings held.",
                        ),
                    ),
                ),
            ),
        ),
    ),
    # --- Three years ago ------------------------------------------------------------------------------------
    Historic(
        pseudonym="Adult H",
        route=Route.INDEPENDENT_SAR,
        years_ago=3,
        signed_off=(6, 22),
        reviewer="ewan",
        slips=((Stage.ANALYSIS, 14), (Stage.BOARD_SIGN_OFF, 28)),
        adults=(
            Adult(
                name="Harriet Imagined-Pryce",
                born=date(1975, 7, 19),
                died=True,
                what_happened="Fictional: a woman sleeping rough, with a brain injury and a history of abuse by "
                "a former partner, died in a doorway in winter.",
                concern="Housing, outreach, police and the hospital each knew part of her story.",
                abuse=(SELF_NEGLECT, DOMESTIC),
                agencies=("RMBC", "WVH", "SYP", "TRFT", "KLCS"),
                referrer="line-manager",
                relationship="Team manager, adult social care",
                outcome=Outcome.MANDATORY_CONDITION_1,
                decided_after=14,
            ),
        ),
        lines_of_enquiry="How did services respond to her homelessness, her brain injury and the risk from her "
        "former partner?",
        findings=(
            F(
                "Her repeated refusals of accommodation were accepted without considering how trauma and a "
                "brain injury affected her ability to make and act on decisions.",
                DIRECT,
                BARRIER,
                (HOMELESS, MCA, CURIOSITY),
                (SELF_NEGLECT,),
            ),
            F(
                "There was no agreed route to a care and support assessment for people sleeping rough: housing "
                "services assumed social care would lead, and social care assumed housing would.",
                ORG,
                SYSTEMIC,
                (HOMELESS, MULTI),
            ),
            F(
                "Police, outreach workers and the hospital each knew of the risk from her former partner, but no "
                "agency referred her to the multi-agency risk assessment conference.",
                INTER,
                BARRIER,
                (DA, SHARING, HOMELESS),
                (DOMESTIC,),
            ),
            F(
                "An outreach worker from the voluntary sector kept in touch with her daily, carried her story "
                "between services and spoke up for her.",
                DIRECT,
                GOOD,
                (ADVOCACY, MSP),
            ),
            F(
                "A national shortage of supported accommodation for women facing multiple disadvantage left few "
                "options when she was ready to accept help.",
                NATIONAL,
                SYSTEMIC,
                (HOMELESS,),
            ),
        ),
        recommendations=(
            Rec(
                "Agree a joint protocol for care and support assessments of people who are homeless.",
                (1, 2),
                ("RMBC", "WVH"),
                actions=(
                    Act(
                        "Agree and publish a homelessness and care and support assessment protocol.",
                        "RMBC",
                        "The protocol is agreed; assessments of people sleeping rough are counted quarterly.",
                        "assured",
                        180,
                        (
                            "Homelessness assessment protocol",
                            "Fictional: protocol signed by both agencies; the first quarter's figures attached.",
                        ),
                    ),
                    Act(
                        "Train housing options staff to recognise care and support needs and refer for an assessment.",
                        "WVH",
                        "Every housing options officer trained.",
                        "assured",
                        150,
                        ("Training register", "Fictional: 26 of 27 housing options staff trained."),
                    ),
                ),
            ),
            Rec(
                "Make sure agencies working with people who are homeless know how to refer to the multi-agency "
                "risk assessment conference.",
                (3,),
                ("SYP", "KLCS"),
                to_board=True,
                actions=(
                    Act(
                        "Brief outreach and neighbourhood teams on referring to the multi-agency risk assessment "
                        "conference.",
                        "SYP",
                        "Briefings held; referrals from outreach teams counted.",
                        "assured",
                        120,
                        ("Briefing record", "Fictional: eight briefings held with outreach and neighbourhood teams."),
                    ),
                    Act(
                        "Ask the national government to fund supported accommodation for women facing multiple "
                        "disadvantage.",
                        None,
                        "A letter from the Board's chair, and a reply.",
                        "not_implemented",
                        90,
                    ),
                ),
            ),
        ),
        event=(
            ("jamie", Reply.ACCEPTED, True),
            ("corinne", Reply.ACCEPTED, True),
            ("imogen", Reply.ACCEPTED, True),
            ("ola", Reply.ACCEPTED, True),
            ("bernadette", Reply.DECLINED, False),
            ("kwame", Reply.ACCEPTED, False),
            ("priya", Reply.ACCEPTED, True),
            ("rukhsana", Reply.AWAITING, False),
        ),
    ),
    Historic(
        pseudonym="Adult M",
        route=Route.RAPID,
        years_ago=3,
        signed_off=(10, 12),
        reviewer="ewan",
        adults=(
            Adult(
                name="Malcolm Storied-Finch",
                born=date(1981, 5, 5),
                died=False,
                what_happened="Fictional: a man with depression was assaulted in his flat, which people selling "
                "drugs had taken over.",
                concern="Housing and police saw antisocial behaviour; nobody saw exploitation.",
                abuse=(FINANCIAL, SLAVERY, PHYSICAL),
                agencies=("SYP", "WVH", "RDaSH"),
                referrer="agency-lead",
                relationship="Named nurse for safeguarding adults",
                outcome=Outcome.MANDATORY_CONDITION_2,
                decided_after=29,
                criterion="condition_2",
                reasons="Fictional: he is alive and experienced serious abuse.",
            ),
        ),
        lines_of_enquiry="How was the exploitation of a tenant with care and support needs recognised?",
        findings=(
            F(
                "His flat was taken over by people selling drugs from it; officers and housing staff treated it "
                "as antisocial behaviour rather than the exploitation of a tenant with care and support needs.",
                INTER,
                BARRIER,
                (CURIOSITY, RISK),
                (FINANCIAL, SLAVERY),
            ),
            F(
                "The mental health team discharged him to his GP after two missed appointments without telling "
                "the housing officer who had referred him.",
                INTER,
                BARRIER,
                (MENTAL_HEALTH, SHARING),
            ),
            F(
                "A neighbourhood police officer visited with his housing officer and moved him to a place of "
                "safety the same day.",
                INTER,
                GOOD,
                (MULTI,),
            ),
        ),
        recommendations=(
            Rec(
                "Agree a joint response to 'cuckooing' that treats the tenant as a possible victim of exploitation.",
                (1,),
                ("SYP", "WVH"),
                actions=(
                    Act(
                        "Agree a joint police and housing cuckooing protocol with a safeguarding referral at the "
                        "first visit.",
                        "SYP",
                        "The protocol is in use; safeguarding referrals are made in every cuckooing case.",
                        "assured",
                        150,
                        ("Cuckooing protocol", "Fictional: protocol agreed and used in 11 cases this quarter."),
                    ),
                ),
            ),
            Rec(
                "Tell the referrer whenever a patient is discharged after missed appointments.",
                (2,),
                ("RDaSH",),
                actions=(
                    Act(
                        "Copy every discharge letter after missed appointments to the referrer as well as the GP.",
                        "RDaSH",
                        "A sample of discharge letters shows the referrer copied.",
                        "assured",
                        90,
                        ("Discharge letter template", "Fictional: the template now copies the referrer automatically."),
                    ),
                ),
            ),
        ),
    ),
    Historic(
        pseudonym="Theme: care home quality",
        route=Route.THEMATIC,
        years_ago=3,
        signed_off=(2, 15),
        reviewer="ewan",
        adults=(
            Adult(
                name="Mabel Fictionall-Rowe",
                born=date(1930, 9, 14),
                died=True,
                what_happened="Fictional: a care home resident died with severe pressure ulcers and weight loss.",
                concern="Quality concerns about the home were known to several agencies.",
                abuse=(NEGLECT, ORGANISATIONAL),
                agencies=("SY ICB", "RMBC", "TRFT"),
                referrer="subgroup",
                relationship="Designated nurse, safeguarding adults",
                outcome=Outcome.DISCRETIONARY,
                decided_after=20,
                criterion="discretionary",
                reasons="Fictional: the Board may learn about care home quality across agencies.",
            ),
            Adult(
                name="Sidney Notapaper-Grant",
                born=date(1933, 3, 2),
                died=True,
                what_happened="Fictional: a resident of the same care home died after repeated medication errors.",
                concern="Medication errors were reported but not brought together.",
                abuse=(NEGLECT, ORGANISATIONAL),
                agencies=("SY ICB", "RMBC"),
                referrer="subgroup",
                relationship="Designated nurse, safeguarding adults",
                outcome=Outcome.DISCRETIONARY,
                decided_after=38,
                criterion="discretionary",
                reasons="Fictional: the Board may learn about care home quality across agencies.",
            ),
        ),
        lines_of_enquiry="How were quality concerns about one care home shared and acted on?",
        findings=(
            F(
                "Quality concerns about the care home were held separately by commissioners, the regulator and "
                "the safeguarding team, and were not brought together until two residents had been harmed.",
                INTER,
                SYSTEMIC,
                (CARE_HOMES, SHARING),
                (ORGANISATIONAL, NEGLECT),
            ),
            F(
                "Residents' weight loss and pressure ulcers were recorded but not escalated, because staff had "
                "come to see them as expected in frail older people.",
                DIRECT,
                BARRIER,
                (CARE_HOMES, CURIOSITY),
                (NEGLECT,),
            ),
            F(
                "Families' concerns were handled as complaints rather than as safeguarding concerns.",
                ORG,
                BARRIER,
                (FAMILY, MSP),
                (ORGANISATIONAL,),
            ),
            F(
                "A visiting pharmacist noticed the same medication errors for two residents and escalated them to "
                "the safeguarding team.",
                DIRECT,
                GOOD,
                (CARE_HOMES, CURIOSITY),
            ),
            F(
                "The Board did not receive reports on provider concerns, so it could not test whether the "
                "partnership was acting on them.",
                GOV,
                SYSTEMIC,
                (MULTI,),
            ),
        ),
        recommendations=(
            Rec(
                "Bring commissioners, the regulator and the safeguarding team together regularly to share "
                "concerns about providers, and report to the Board.",
                (1, 5),
                ("RMBC", "SY ICB"),
                to_board=True,
                actions=(
                    Act(
                        "Set up a monthly provider concerns meeting and a quarterly report to the Board.",
                        None,
                        "The meeting runs monthly; the Board receives a quarterly report.",
                        "assured_impact",
                        120,
                        (
                            "Provider concerns meeting",
                            "Fictional: terms of reference and the first three sets of minutes attached.",
                        ),
                        "Fictional: two homes were supported through improvement plans before any resident was harmed.",
                    ),
                ),
            ),
            Rec(
                "Train care home staff to escalate weight loss and pressure damage, and to treat families' "
                "concerns as possible safeguarding concerns.",
                (2, 3),
                ("SY ICB",),
                actions=(
                    Act(
                        "Deliver escalation training to every commissioned care home.",
                        "SY ICB",
                        "Every home's manager and senior carers trained.",
                        "assured",
                        180,
                        ("Care home training record", "Fictional: 38 of 40 homes attended; the other two had visits."),
                    ),
                ),
            ),
        ),
        event=(
            ("yusuf", Reply.ACCEPTED, True),
            ("priya", Reply.ACCEPTED, True),
            ("dev", Reply.ACCEPTED, True),
            ("ciaran", Reply.DECLINED, False),
            ("corinne", Reply.ACCEPTED, True),
        ),
    ),
    # --- Two years ago --------------------------------------------------------------------------------------
    Historic(
        pseudonym="Adult R",
        route=Route.INDEPENDENT_SAR,
        years_ago=2,
        signed_off=(5, 23),
        reviewer="ewan",
        adults=(
            Adult(
                name="Rita Dreamt-Hollins",
                born=date(1940, 11, 11),
                died=True,
                what_happened="Fictional: a woman with advanced dementia died of dehydration at home; her husband, "
                "her only carer, had been admitted to hospital the day before.",
                concern="Nobody knew she depended entirely on him.",
                abuse=(NEGLECT,),
                agencies=("RMBC", "SY ICB", "TRFT", "KLCS"),
                referrer="practitioner",
                relationship="Social worker",
                outcome=Outcome.MANDATORY_CONDITION_1,
                decided_after=24,
            ),
        ),
        lines_of_enquiry="How were her husband's needs as a carer, and his own health, understood?",
        findings=(
            F(
                "Her husband's ability to care for her was assumed and never assessed, although he was himself "
                "frail and unwell.",
                DIRECT,
                BARRIER,
                (CARERS, FAMILY),
                (NEGLECT,),
            ),
            F(
                "The GP practice, the memory clinic and adult social care each saw signs of strain but none asked "
                "the others what they knew.",
                INTER,
                BARRIER,
                (SHARING, CARERS),
            ),
            F(
                "A voluntary sector befriender noticed the couple had stopped collecting their shopping and raised "
                "a concern.",
                DIRECT,
                GOOD,
                (CURIOSITY, MSP),
            ),
            F(
                "Carers' assessments were offered only on request, and whether one was offered was not recorded.",
                ORG,
                BARRIER,
                (CARERS, RECORDING),
            ),
        ),
        recommendations=(
            Rec(
                "Offer carers' assessments proactively whenever a relative provides care, and record the offer.",
                (1, 4),
                ("RMBC",),
                actions=(
                    Act(
                        "Make the carer's assessment offer a required question at every adult social care assessment.",
                        "RMBC",
                        "An audit finds the offer recorded in 9 of 10 assessments.",
                        "assured_impact",
                        150,
                        (
                            "Assessment form change",
                            "Fictional: the question is mandatory on the case record from this month.",
                        ),
                        "Fictional: an audit of 50 assessments found the offer recorded in 44.",
                    ),
                ),
            ),
            Rec(
                "GP practices identify the carers on their lists and ask about their own health.",
                (2,),
                ("SY ICB",),
                actions=(
                    Act(
                        "Every GP practice keeps a carers' register and offers carers an annual health check.",
                        "SY ICB",
                        "Registers in every practice; health checks offered.",
                        "assured",
                        180,
                        ("Carers' register figures", "Fictional: 31 of 33 practices have a register."),
                    ),
                ),
            ),
        ),
    ),
    Historic(
        pseudonym="Adult S",
        route=Route.RAPID,
        years_ago=2,
        signed_off=(9, 19),
        reviewer="ewan",
        adults=(
            Adult(
                name="Stanley Untrue-Barlow",
                born=date(1950, 6, 30),
                died=True,
                what_happened="Fictional: a man with limited mobility died after his clothing caught fire while "
                "he smoked in bed; paraffin-based creams had been applied daily.",
                concern="Carers, nurses and the fire service each knew part of the risk.",
                abuse=(SELF_NEGLECT, NEGLECT),
                agencies=("TRFT", "RMBC", "SYFR"),
                referrer="agency-lead",
                relationship="Named nurse for safeguarding adults",
                outcome=Outcome.MANDATORY_CONDITION_1,
                decided_after=9,
            ),
        ),
        lines_of_enquiry="How was the fire risk from smoking and emollient creams understood and shared?",
        findings=(
            F(
                "Staff who applied paraffin-based emollients did not know they made his clothing and bedding "
                "more flammable when he smoked in bed, and nobody requested a home fire safety visit.",
                DIRECT,
                SYSTEMIC,
                (FIRE, RISK),
                (SELF_NEGLECT,),
            ),
            F(
                "Carers visited four times a day, but his care plan said nothing about his smoking.",
                ORG,
                BARRIER,
                (FIRE, RECORDING),
                (NEGLECT,),
            ),
            F(
                "After a small fire, the fire service fitted a linked smoke alarm and fire-retardant bedding the "
                "next day, and told his social worker.",
                INTER,
                GOOD,
                (FIRE, MULTI),
            ),
        ),
        recommendations=(
            Rec(
                "Include the fire risk from emollients and smoking in care plans and refer people at risk to the "
                "fire service.",
                (1, 2),
                ("TRFT", "RMBC", "SYFR"),
                actions=(
                    Act(
                        "Add emollient and smoking fire risk to the community nursing and home care assessments.",
                        "TRFT",
                        "Assessment templates changed; an audit finds the question answered.",
                        "assured",
                        120,
                        (
                            "Assessment template",
                            "Fictional: the template changed and an audit of 30 records "
                            "found the question answered in 28.",
                        ),
                    ),
                    Act(
                        "Brief home care providers on emollient fire risk and the referral route to the fire service.",
                        "RMBC",
                        "Every commissioned home care provider briefed.",
                        "assured",
                        120,
                        ("Provider briefing", "Fictional: all 19 providers briefed at the providers' forum."),
                    ),
                    Act(
                        "Offer a home fire safety visit to everyone referred for emollient or smoking risk within "
                        "ten working days.",
                        "SYFR",
                        "Visits within ten working days in 9 of 10 referrals.",
                        "assured_late",
                        120,
                        (
                            "Home fire safety visit figures",
                            "Fictional: 96% of referrals visited within ten working days this quarter.",
                        ),
                    ),
                ),
            ),
        ),
    ),
    Historic(
        pseudonym="Adult U",
        route=Route.INDEPENDENT_SAR,
        years_ago=2,
        signed_off=(2, 27),
        reviewer="ewan",
        slips=((Stage.DRAFT, 35),),
        adults=(
            Adult(
                name="Una Madeup-Kettering",
                born=date(1986, 8, 8),
                died=False,
                what_happened="Fictional: a woman with a learning disability lost her savings and her tenancy to "
                "a man who moved in with her.",
                concern="The bank, the police and adult social care each acted alone.",
                abuse=(FINANCIAL, PSYCHOLOGICAL, DISCRIMINATORY),
                agencies=("RMBC", "SYP", "WVH"),
                referrer="line-manager",
                relationship="Team manager, adult social care",
                outcome=Outcome.MANDATORY_CONDITION_2,
                decided_after=44,
                criterion="condition_2",
                reasons="Fictional: she is alive and experienced serious financial abuse.",
            ),
        ),
        lines_of_enquiry="How was she involved in decisions about her money and her home?",
        findings=(
            F(
                "Decisions about her money and where she lived were made in meetings she was not invited to; "
                "nobody asked her what she wanted to happen.",
                DIRECT,
                BARRIER,
                (MSP, ADVOCACY),
                (FINANCIAL, PSYCHOLOGICAL),
            ),
            F(
                "She was not offered an independent advocate during the safeguarding enquiry, although she had "
                "substantial difficulty taking part.",
                DIRECT,
                BARRIER,
                (ADVOCACY, MSP),
            ),
            F(
                "The bank's concerns about unusual withdrawals were reported to the police, who closed the report "
                "without telling adult social care.",
                INTER,
                BARRIER,
                (SHARING,),
                (FINANCIAL,),
            ),
            F(
                "Her day centre key worker used easy-read materials and pictures so that she could tell her story "
                "in her own way.",
                DIRECT,
                GOOD,
                (MSP, ADVOCACY),
            ),
            F(
                "Staff at her supported living service told her she could not have a relationship because of her "
                "learning disability, so she kept the man's visits secret.",
                DIRECT,
                BARRIER,
                (MSP, RISK),
                (DISCRIMINATORY,),
            ),
        ),
        recommendations=(
            Rec(
                "Every safeguarding enquiry records the person's desired outcomes and the offer of an independent "
                "advocate, and the person is invited to the meetings about them.",
                (1, 2, 5),
                ("RMBC",),
                actions=(
                    Act(
                        "Audit safeguarding enquiries for the person's desired outcomes, the advocacy offer and "
                        "their part in meetings.",
                        "RMBC",
                        "A quarterly audit reported to the Board's quality subgroup.",
                        "off_track",
                        150,
                    ),
                    Act(
                        "Commission enough independent advocacy for safeguarding enquiries.",
                        "RMBC",
                        "No waiting list for advocacy in safeguarding enquiries.",
                        "at_risk",
                        240,
                    ),
                ),
            ),
            Rec(
                "Police tell adult social care when they close a report of financial abuse of an adult with care "
                "and support needs.",
                (3,),
                ("SYP",),
                response=IN_PART,
                reasons="Fictional: police will share where the adult has care and support needs known to them.",
                actions=(
                    Act(
                        "Add a prompt to share with adult social care when closing a report of financial abuse.",
                        "SYP",
                        "The prompt is on the crime recording system.",
                        "on_track",
                        700,
                    ),
                ),
            ),
        ),
    ),
    # --- Last year ------------------------------------------------------------------------------------------
    Historic(
        pseudonym="Adult V",
        route=Route.INDEPENDENT_SAR,
        years_ago=1,
        signed_off=(6, 12),
        reviewer="reviewer",
        slips=((Stage.INFORMATION_GATHERING, 14),),
        adults=(
            Adult(
                name="Vera Fauxley-Denholm",
                born=date(1948, 1, 24),
                died=True,
                what_happened="Fictional: an older woman who hoarded died in a fire at home; her dog was rescued.",
                concern="Housing, district nurses and the GP practice all knew her home was full.",
                abuse=(SELF_NEGLECT,),
                agencies=("WVH", "TRFT", "SY ICB", "SYFR", "RMBC"),
                referrer="agency-lead",
                relationship="Named nurse for safeguarding adults",
                outcome=Outcome.MANDATORY_CONDITION_1,
                decided_after=18,
            ),
        ),
        lines_of_enquiry="How was the risk from her hoarding shared and acted on? Was the Board's self-neglect "
        "protocol used?",
        findings=(
            F(
                "The hoarding in her home was seen by her housing officer, the district nurses and the GP, yet no "
                "agency convened a multi-agency meeting and the fire risk was never assessed jointly.",
                INTER,
                SYSTEMIC,
                (HOARDING, FIRE, MULTI),
                (SELF_NEGLECT,),
            ),
            F(
                "Her dog was her main reason for refusing a hospital admission; no one explored what would have "
                "made a stay in hospital possible for her.",
                DIRECT,
                BARRIER,
                (MSP, CURIOSITY),
                (SELF_NEGLECT,),
            ),
            F(
                "Her housing officer persisted with weekly visits and kept her tenancy safe while she was in hospital.",
                DIRECT,
                GOOD,
                (MSP, HOARDING),
            ),
            F(
                "Staff turnover in the district nursing team meant she saw eleven different nurses in six months, "
                "and none knew her well.",
                ORG,
                BARRIER,
                (RISK,),
            ),
            F(
                "The Board had no way of knowing whether its self-neglect and hoarding protocol was used: it had "
                "not been audited since its launch, and few of the staff involved had heard of it.",
                GOV,
                SYSTEMIC,
                (HOARDING, MULTI),
            ),
        ),
        recommendations=(
            Rec(
                "Relaunch the self-neglect and hoarding protocol and audit how often it leads to a multi-agency "
                "meeting.",
                (1, 5),
                ("RMBC", "WVH", "TRFT"),
                to_board=True,
                actions=(
                    Act(
                        "Relaunch the self-neglect and hoarding protocol with every partner's front-line teams.",
                        None,
                        "Relaunch sessions held in every agency.",
                        "assured",
                        120,
                        ("Protocol relaunch", "Fictional: sessions held in seven agencies; slides attached."),
                    ),
                    Act(
                        "Audit self-neglect cases for a multi-agency meeting and a fire service referral.",
                        "RMBC",
                        "An audit of 30 cases reported to the Board.",
                        "at_risk",
                        200,
                    ),
                ),
            ),
            Rec(
                "Consider people's pets when planning hospital admissions.",
                (2,),
                ("TRFT",),
                actions=(
                    Act(
                        "Agree a scheme with a local animal charity to care for pets during hospital admissions.",
                        "TRFT",
                        "The scheme is in place and known to ward and community staff.",
                        "on_track",
                        520,
                    ),
                ),
            ),
        ),
        briefing={
            "title": "Hoarding and fire risk: use the protocol",
            "background": (
                "Fictional: Adult V was an older woman who hoarded and died in a fire at home. Her housing "
                "officer, district nurses and GP all knew her home was full."
            ),
            "why_it_matters": (
                "The Board agreed a self-neglect and hoarding protocol after an earlier review found the same "
                "thing. It only helps if we use it."
            ),
            "finding_1": "No agency called a multi-agency meeting; the fire risk was never assessed jointly.",
            "finding_2": "Her dog was her reason for refusing hospital; nobody asked what would help.",
            "finding_3": "Her housing officer kept visiting every week and kept her tenancy safe: good practice.",
            "remember": "If you see hoarding, ask about fire risk and tell someone. Do not assume they know.",
            "what_to_do": "Use the protocol: call a multi-agency meeting and refer for a home fire safety visit.",
            "question_1": "Where do you find the self-neglect and hoarding protocol?",
            "question_2": "What matters most to the person, and how could it make help possible?",
            "cascades": (
                ("WVH", "Tenancy services", 21, 10),
                ("TRFT", "District nursing, south", 18, 14),
                ("SY ICB", "Primary care safeguarding leads", 33, 22),
            ),
        },
        event=(
            ("kwame", Reply.ACCEPTED, True),
            ("dev", Reply.ACCEPTED, True),
            ("priya", Reply.DECLINED, False),
            ("owen", Reply.ACCEPTED, True),
            ("lorna", Reply.ACCEPTED, True),
            ("jamie", Reply.ACCEPTED, True),
            ("corinne", Reply.AWAITING, False),
            ("yusuf", Reply.ACCEPTED, False),
        ),
    ),
    Historic(
        pseudonym="Adult W",
        route=Route.RAPID,
        years_ago=1,
        signed_off=(10, 16),
        reviewer="reviewer",
        adults=(
            Adult(
                name="Wendy Contrived-Ashworth",
                born=date(1935, 2, 18),
                died=True,
                what_happened="Fictional: a woman in her nineties died after a fall at home on the night she was "
                "discharged from hospital.",
                concern="Her care package had not started and her daughter did not know she was home.",
                abuse=(NEGLECT,),
                agencies=("TRFT", "RMBC"),
                referrer="practitioner",
                relationship="Social worker",
                outcome=Outcome.MANDATORY_CONDITION_1,
                decided_after=27,
            ),
        ),
        lines_of_enquiry="How was her discharge planned? Were the safe discharge checks used?",
        findings=(
            F(
                "She was discharged from hospital late on a Friday evening before her care package had started, "
                "because pressure on beds took priority over a safe discharge plan.",
                ORG,
                SYSTEMIC,
                (DISCHARGE, RISK),
                (NEGLECT,),
            ),
            F(
                "The hospital did not tell her daughter, her main carer, that she was coming home.",
                INTER,
                BARRIER,
                (FAMILY, CARERS, DISCHARGE),
            ),
            F(
                "The reablement team arrived within two hours of being called on the Saturday morning and stayed "
                "until she was safe.",
                DIRECT,
                GOOD,
                (DISCHARGE, MSP),
            ),
        ),
        recommendations=(
            Rec(
                "Re-audit the safe discharge checklist, including discharges at weekends and after 5pm.",
                (1, 2),
                ("TRFT",),
                actions=(
                    Act(
                        "Re-audit the safe discharge checklist on every ward, including evenings and weekends.",
                        "TRFT",
                        "The audit reported to the Board with an improvement plan.",
                        "assured",
                        120,
                        ("Discharge re-audit", "Fictional: the re-audit of 120 discharges is attached."),
                    ),
                    Act(
                        "Phone the named carer before every discharge home and record the call.",
                        "TRFT",
                        "The call recorded in 9 of 10 sampled discharges.",
                        "on_track",
                        450,
                    ),
                ),
            ),
        ),
    ),
    Historic(
        pseudonym="Adult X",
        route=Route.INDEPENDENT_SAR,
        years_ago=1,
        signed_off=(1, 22),
        reviewer="reviewer",
        adults=(
            Adult(
                name="Xenia Pretence-Holt",
                born=date(1945, 12, 12),
                died=True,
                what_happened="Fictional: an older woman died after years of abuse by her husband, whose dementia "
                "had become the focus of every agency involved.",
                concern="Agencies saw a carer under strain, not a victim of domestic abuse.",
                abuse=(DOMESTIC, PSYCHOLOGICAL, PHYSICAL, FINANCIAL),
                agencies=("SYP", "RMBC", "TRFT", "SY ICB", "RDaSH"),
                referrer="agency-lead",
                relationship="Named nurse for safeguarding adults",
                outcome=Outcome.MANDATORY_CONDITION_1,
                decided_after=36,
            ),
        ),
        lines_of_enquiry="How was domestic abuse between older partners recognised when one of them had dementia?",
        findings=(
            F(
                "Her husband's dementia was seen as the cause of his controlling behaviour, so the domestic abuse "
                "she had lived with for forty years went unrecognised.",
                DIRECT,
                BARRIER,
                (DA, CARERS),
                (DOMESTIC, PSYCHOLOGICAL),
            ),
            F(
                "Decisions about her money and her care were made in meetings she was not invited to; nobody "
                "asked her what she wanted to happen.",
                DIRECT,
                BARRIER,
                (MSP,),
                (FINANCIAL,),
            ),
            F(
                "The police domestic abuse risk assessment was not shared with the memory clinic or the GP.",
                INTER,
                BARRIER,
                (SHARING, DA),
                (DOMESTIC,),
            ),
            F(
                "A district nurse asked to see her alone and gave her a safe way to make contact.",
                DIRECT,
                GOOD,
                (DA, CURIOSITY),
            ),
            F(
                "Domestic abuse training for adult social care staff did not cover older people or abuse by a "
                "partner who has come to depend on care.",
                ORG,
                SYSTEMIC,
                (DA,),
                (DOMESTIC,),
            ),
        ),
        recommendations=(
            Rec(
                "Extend domestic abuse training to cover older people and abuse within caring relationships.",
                (1, 5),
                ("RMBC", "TRFT"),
                actions=(
                    Act(
                        "Add older people and caring relationships to adult social care's domestic abuse training.",
                        "RMBC",
                        "The revised course delivered to every team.",
                        "off_track",
                        180,
                    ),
                    Act(
                        "Train memory clinic staff to ask about domestic abuse when assessing a couple.",
                        "RDaSH",
                        "Memory clinic staff trained; the question on the assessment form.",
                        "awaiting",
                        310,
                        (
                            "Memory clinic training",
                            "Fictional: 15 of 16 memory clinic staff trained; the form is changed.",
                        ),
                    ),
                ),
            ),
            Rec(
                "Share domestic abuse risk assessments with health services involved with an older couple.",
                (3,),
                ("SYP",),
                actions=(
                    Act(
                        "Send the domestic abuse risk assessment to the GP where the victim is over 65.",
                        "SYP",
                        "Risk assessments shared in 9 of 10 sampled cases.",
                        "on_track",
                        400,
                    ),
                ),
            ),
        ),
    ),
    # --- This year ------------------------------------------------------------------------------------------
    Historic(
        pseudonym="Adult Y",
        route=Route.INDEPENDENT_SAR,
        years_ago=0,
        signed_off=(5, 21),
        reviewer="reviewer",
        adults=(
            Adult(
                name="Yasmin Figment-Oakes",
                born=date(2005, 4, 4),
                died=True,
                what_happened="Fictional: a young woman who had left care at 18 died after an overdose; she had "
                "been sexually exploited.",
                concern="Children's and adults' services did not plan her move between them.",
                abuse=(SEXUAL, PSYCHOLOGICAL, SELF_NEGLECT),
                agencies=("RMBC", "RDaSH", "SYP", "KLCS"),
                referrer="line-manager",
                relationship="Team manager, adult social care",
                outcome=Outcome.MANDATORY_CONDITION_1,
                decided_after=21,
            ),
        ),
        lines_of_enquiry="How was her move from children's to adult services planned, including her mental health "
        "care?",
        findings=(
            F(
                "Her mental health care stopped at 18 because the adult team's threshold was higher than the "
                "children's, and no one planned for the gap.",
                ORG,
                BARRIER,
                (TRANSITIONS, MENTAL_HEALTH),
            ),
            F(
                "Professionals did not ask about her drug use or who she was spending time with, though both "
                "changed sharply after she left care.",
                DIRECT,
                BARRIER,
                (ALCOHOL, CURIOSITY),
                (SEXUAL, PSYCHOLOGICAL),
            ),
            F(
                "Her personal adviser from the leaving care team kept in touch every week and spoke up for her at "
                "every meeting.",
                DIRECT,
                GOOD,
                (ADVOCACY, TRANSITIONS),
            ),
            F(
                "The ambulance service's concerns after two overdoses went to a shared inbox and were not read for "
                "a week.",
                INTER,
                BARRIER,
                (SHARING, MENTAL_HEALTH),
            ),
        ),
        recommendations=(
            Rec(
                "Agree a transitions protocol between children's and adults' mental health services.",
                (1,),
                ("RDaSH", "RMBC"),
                actions=(
                    Act(
                        "Agree a joint transitions protocol for young people in mental health services from 17.",
                        "RDaSH",
                        "The protocol is agreed and every young person at 17 has a transition plan.",
                        "on_track",
                        210,
                    ),
                    Act(
                        "Include exploitation and substance use in leaving care pathway plans.",
                        "RMBC",
                        "An audit of pathway plans finds both considered.",
                        "not_started",
                        240,
                    ),
                ),
            ),
            Rec(
                "Check every safeguarding inbox is read every working day.",
                (4,),
                to_board=True,
                actions=(
                    Act(
                        "Ask every partner to confirm its safeguarding inbox is read every working day.",
                        None,
                        "Every partner confirms in writing.",
                        "awaiting",
                        180,
                        (
                            "Partner confirmations",
                            "Fictional: seven of eight partners confirmed; the eighth by phone, in writing to follow.",
                        ),
                    ),
                ),
            ),
        ),
        event=(
            ("ciaran", Reply.ACCEPTED, True),
            ("corinne", Reply.ACCEPTED, True),
            ("rukhsana", Reply.ACCEPTED, True),
            ("glen", Reply.DECLINED, False),
            ("imogen", Reply.ACCEPTED, True),
            ("ola", Reply.AWAITING, False),
        ),
    ),
    Historic(
        pseudonym="Adult Z",
        route=Route.RAPID,
        years_ago=0,
        signed_off=(7, 9),
        reviewer="reviewer",
        adults=(
            Adult(
                name="Zachary Hypothetical-Moor",
                born=date(1972, 9, 9),
                died=True,
                what_happened="Fictional: a man who drank heavily died of a head injury; his partner had been "
                "violent towards him for years.",
                concern="Nobody saw him as a victim of domestic abuse.",
                abuse=(DOMESTIC, PHYSICAL, SELF_NEGLECT),
                agencies=("SYP", "RDaSH", "TRFT"),
                referrer="agency-lead",
                relationship="Named nurse for safeguarding adults",
                outcome=Outcome.MANDATORY_CONDITION_1,
                decided_after=13,
            ),
        ),
        lines_of_enquiry="How did agencies recognise domestic abuse against a man who drank heavily?",
        findings=(
            F(
                "Because he was a man and drank heavily, professionals did not recognise him as a victim of "
                "domestic abuse by his partner.",
                DIRECT,
                BARRIER,
                (DA, ALCOHOL),
                (DOMESTIC, PHYSICAL),
            ),
            F(
                "The drug and alcohol service and the police each held part of his history, but the multi-agency "
                "risk assessment conference was never asked to consider him.",
                INTER,
                BARRIER,
                (SHARING, MULTI, DA),
                (DOMESTIC,),
            ),
            F(
                "The alcohol liaison nurse recognised a pattern in his injuries and asked him directly about abuse "
                "at home.",
                DIRECT,
                GOOD,
                (CURIOSITY, DA, ALCOHOL),
            ),
            F(
                "Nationally there are few refuge places for men; the nearest one with a vacancy was sixty miles "
                "away, so he stayed at home with his partner.",
                NATIONAL,
                SYSTEMIC,
                (DA, HOMELESS),
                (DOMESTIC,),
            ),
        ),
        recommendations=(
            Rec(
                "Make sure male victims of domestic abuse, and victims who use alcohol, are recognised and referred.",
                (1, 2),
                ("SYP", "RDaSH"),
                actions=(
                    Act(
                        "Brief drug and alcohol workers on routine enquiry about domestic abuse for every client.",
                        "RDaSH",
                        "Routine enquiry recorded in 8 of 10 sampled records.",
                        "on_track",
                        180,
                    ),
                    Act(
                        "Review how officers identify male victims at domestic incidents.",
                        "SYP",
                        "A review reported to the Board's domestic abuse subgroup.",
                        "not_started",
                        200,
                    ),
                ),
            ),
        ),
    ),
]

# "Did the learning stick?": (earlier review, finding number) -> (later review, finding number).
REPEATS: list[tuple[tuple[str, int], tuple[str, int]]] = [
    (("Adult A", 2), ("Adult V", 1)),  # hoarding seen by several agencies, no multi-agency meeting, fire risk
    (("Adult C", 1), ("Adult W", 1)),  # discharged late on a Friday before the care package started
]
# Resembles an earlier finding as closely, but the earlier review's actions are still open: not a repeat of
# learning the Board assured.
NEAR_MISS: tuple[tuple[str, int], tuple[str, int]] = (("Adult U", 1), ("Adult X", 2))

# Referrals decided without a review (no further action, another process, single-agency learning), so the
# timeliness figures have more than the reviews' referrals: (days ago received, details).
OTHER_DECISIONS: list[tuple[int, Adult, str]] = [
    (
        700,
        Adult(
            name="Ada Notional-Bright",
            born=date(1929, 5, 1),
            died=True,
            what_happened="Fictional: a woman in a nursing home died after a fall; the home's response was prompt.",
            concern="The family asked whether the falls assessment was followed.",
            abuse=(NEGLECT,),
            agencies=("SY ICB",),
            referrer="subgroup",
            relationship="Designated nurse, safeguarding adults",
            outcome=Outcome.NO_FURTHER_ACTION,
            decided_after=17,
        ),
        "",
    ),
    (
        480,
        Adult(
            name="Reginald Fancied-Poole",
            born=date(1958, 3, 23),
            died=True,
            what_happened="Fictional: a man killed by his son, who was his carer.",
            concern="Police and the GP knew of earlier incidents.",
            abuse=(DOMESTIC, PHYSICAL),
            agencies=("SYP", "SY ICB"),
            referrer="agency-lead",
            relationship="Named nurse for safeguarding adults",
            outcome=Outcome.OTHER_PROCESS,
            decided_after=30,
        ),
        OtherProcess.DHR,
    ),
    (
        250,
        Adult(
            name="Sylvia Makebelieve-Tann",
            born=date(1961, 7, 7),
            died=False,
            what_happened="Fictional: a woman's home care visits were missed for three days.",
            concern="One provider missed the visits; other agencies acted when told.",
            abuse=(NEGLECT,),
            agencies=("RMBC",),
            referrer="practitioner",
            relationship="Social worker",
            outcome=Outcome.SINGLE_AGENCY,
            decided_after=11,
            criterion="discretionary",
            reasons="Fictional: there may be learning about home care.",
        ),
        "",
    ),
    (
        45,
        Adult(
            name="Trevor Unlikely-Fenn",
            born=date(1955, 10, 30),
            died=True,
            what_happened="Fictional: a man died in hospital of pneumonia after a short illness.",
            concern="His sister felt the GP should have visited sooner.",
            abuse=(NEGLECT,),
            agencies=("SY ICB", "TRFT"),
            referrer="agency-lead",
            relationship="Named nurse for safeguarding adults",
            outcome=Outcome.NO_FURTHER_ACTION,
            decided_after=20,
        ),
        "",
    ),
]


# --- When --------------------------------------------------------------------------------------------------


def base_year(today: date) -> int:
    """The financial year the history leads up to: the current one once it is half over, else the last one
    (so that the "this year" reviews, signed off in its spring and summer, are always in the past)."""
    year = current_year(today)
    return year if today >= date(year, 10, 1) else year - 1


def signed_off_on(item: Historic, today: date) -> date:
    start = base_year(today) - item.years_ago
    month, day = item.signed_off
    return date(start if month >= 4 else start + 1, month, day)


def _workday(day: date) -> date:
    """The day, or the next working day if it falls at a weekend or over Christmas and New Year."""
    while day.weekday() >= 5 or (day.month, day.day) >= (12, 24) or (day.month, day.day) == (1, 1):
        day += timedelta(days=1)
    return day


def _at(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@dataclass
class Stages:
    """Each stage's plan and actual dates for a review that ran from `created` to sign-off."""

    rows: dict[str, tuple[date, date, date, date]]  # stage -> planned start, planned end, actual start, end

    def start(self, stage: str) -> date:
        return self.rows[stage][2]

    @property
    def created(self) -> date:
        return self.rows[Stage.SET_UP][2]


def _stages(item: Historic, signed: date) -> Stages:
    """Work back from the sign-off: planned at the route's pace from set-up, each slip pushing later stages on."""
    weeks = PLANNED_WEEKS[item.route]
    slips = dict(item.slips)
    total = sum(weeks) * 7 + sum(slips.values())
    created = signed - timedelta(days=total)
    rows: dict[str, tuple[date, date, date, date]] = {}
    cursor, late = created, 0
    for stage, length in zip(STAGE_ORDER, weeks, strict=True):
        planned_end = cursor + timedelta(weeks=length)
        actual_start = cursor + timedelta(days=late)
        late += slips.get(stage, 0)
        rows[stage] = (cursor, planned_end, actual_start, planned_end + timedelta(days=late))
        cursor = planned_end
    return Stages(rows)


# --- How ---------------------------------------------------------------------------------------------------


def _people(people: dict[str, Person]) -> dict[str, Person]:
    """The historic reviewers and the practitioners invited to learning events (created once)."""
    found: dict[str, Person] = {}
    for key, name, title in REVIEWERS:
        found[key] = _person(f"{key}.history@{DOMAIN}", name, title, None, Role.INDEPENDENT_REVIEWER)
    for key, name, title, short, role in PRACTITIONERS:
        found[key] = _person(_email(key), name, title, Agency.objects.get(short_name=short), role)
    for key, email in EXISTING_INVITEES.items():
        person = Person.objects.filter(email=email).first()
        if person is not None:
            found[key] = person
    return found | {"reviewer": people["reviewer"]}


def _person(email: str, name: str, title: str, agency: Agency | None, role: Role) -> Person:
    person = Person.objects.filter(email=email).first() or Person.objects.create_user(
        email, None, full_name=name, job_title=title
    )
    if not Membership.objects.active().filter(person=person, role=role, agency=agency).exists():
        Membership.objects.create(person=person, role=role, agency=agency)
    return person


def _referral(adult: Adult, received: date, decided: date, people: dict[str, Person], other: str = "") -> Referral:
    """A professional's referral, recommended by the subgroup and decided by the chair through the services,
    its letter checked and emailed; then dated as it happened."""
    manager, subgroup, chair = people["bu-manager"], people["subgroup"], people["chair"]
    referrer = people[adult.referrer]
    item = {
        "adult_name": adult.name,
        "adult_date_of_birth": adult.born,
        "adult_date_of_death": received - timedelta(days=12) if adult.died else None,
        "what_happened": adult.what_happened,
        "happened_period": f"{received.year - 1} to {received.year}",
        "working_together_concern": adult.concern,
        "criterion": adult.criterion,
        "criterion_reasons": adult.reasons,
        "family_knows": "yes",
        "abuse": list(adult.abuse),
        "agencies": list(adult.agencies),
        "referrer_relationship": adult.relationship,
    }
    referral = make_referral(referral_data(item, referrer), source=Source.PROFESSIONAL, referred_by=referrer)
    move(manager, referral, ReferralStatus.AWAITING_DECISION)
    reasons = "Fictional: the criteria are met and there is learning for the partnership."
    recommend(subgroup, referral, outcome=adult.outcome, other_process=other, reasons=reasons)
    decide(chair, referral, outcome=adult.outcome, other_process=other, reasons=reasons)
    letter = OutcomeLetter.objects.get(referral=referral)
    send_letter(manager, save_letter(manager, letter, body=letter.body))
    Referral.objects.filter(pk=referral.pk).update(
        received_at=_at(received, 11, 20), reference=f"R-{received.year}-{referral.pk:05d}"
    )
    settle_decision(referral, _at(decided, 15, 30))
    OutcomeLetter.objects.filter(referral=referral, status=LetterStatus.SENT).update(
        sent_at=_at(decided + timedelta(days=2), 12)
    )
    return referral


def _review(item: Historic, people: dict[str, Person], who: dict[str, Person], today: date) -> Review:
    manager, lead = people["bu-manager"], people["agency-lead"]
    trust = Agency.objects.get(short_name="TRFT")
    signed = signed_off_on(item, today)
    stages = _stages(item, signed)
    referrals = []
    for n, adult in enumerate(item.adults):
        decided = stages.created - timedelta(days=9 + 5 * n)
        referrals.append(_referral(adult, decided - timedelta(days=adult.decided_after), decided, people))
    died = min((r.adult_date_of_death for r in referrals if r.adult_date_of_death), default=stages.created)
    review = review_services.set_up_review(
        manager,
        referrals,
        route=item.route,
        data={
            "pseudonym": item.pseudonym,
            "period_from": died - timedelta(days=540),
            "period_to": died,
            "lines_of_enquiry": item.lines_of_enquiry,
            "methodology": "Fictional: agency chronologies, a practitioner learning event and conversations with "
            "the family.",
        },
    )
    reviewer = _lead(manager, review, who[item.reviewer])
    _advance_to(manager, review, Stage.LEARNING_EVENT)
    if item.event:
        _event(item, review, people, who, reviewer, _workday(stages.start(Stage.LEARNING_EVENT) + timedelta(days=6)))
    _advance_to(manager, review, Stage.ANALYSIS)
    findings = [
        content.save_finding(
            reviewer,
            review,
            {
                "text": f.text,
                "domain": f.domain,
                "kind": f.kind,
                "practice_themes": list(PracticeTheme.objects.filter(name__in=f.themes)),
                "abuse_types": list(AbuseType.objects.filter(name__in=f.abuse)),
            },
        )
        for f in item.findings
    ]
    recommendations = [
        content.save_recommendation(
            reviewer,
            review,
            {
                "text": rec.text,
                "to_board": rec.to_board,
                "agencies": list(Agency.objects.filter(short_name__in=rec.agencies)),
                "findings": [findings[n - 1] for n in rec.findings],
            },
        )
        for rec in item.recommendations
    ]
    letter = item.pseudonym.rsplit(" ", 1)[-1][:1] if item.route != Route.THEMATIC else "T"
    _through_factual_accuracy(manager, reviewer, lead, trust, review, letter, cover_note="Fictional: no comments.")
    add_document(
        reviewer,
        review,
        title="Final report",
        classification="confidential",
        upload=SimpleUploadedFile(
            f"report-{review.pk}.pdf", simple_pdf(f"Final report: {item.pseudonym}", ["Fictional demo document."])
        ),
        document_type=DocumentType.FINAL_REPORT,
    )
    running.record_sign_off(manager, review, today)
    for recommendation, rec in zip(recommendations, item.recommendations, strict=True):
        content.respond(manager, recommendation, response=rec.response, reasons=rec.reasons)
    _advance_to(manager, review, Stage.COMPLETE)
    _date_review(review, stages, signed, findings, recommendations)
    for recommendation, rec in zip(recommendations, item.recommendations, strict=True):
        for act in rec.actions:
            _action(people, who, recommendation, act, signed, today)
    if item.briefing:
        _briefing(people, review, item.briefing, signed, today)
    return review


def _date_review(
    review: Review,
    stages: Stages,
    signed: date,
    findings: list[Finding],
    recommendations: list[ReviewRecommendation],
) -> None:
    """Spread the review's record over the months it ran."""
    for stage, (planned_start, planned_end, actual_start, actual_end) in stages.rows.items():
        StagePlan.objects.filter(review=review, stage=stage).update(
            planned_start=planned_start, planned_end=planned_end, actual_start=actual_start, actual_end=actual_end
        )
    running.refresh_stage_due(Review.objects.filter(pk=review.pk))
    created = stages.created
    Review.objects.filter(pk=review.pk).update(
        created_at=_at(created, 9, 15), signed_off_on=signed, reference=f"SAR-{created.year}-{review.pk:03d}"
    )
    Membership.objects.filter(review=review).update(granted_at=_at(created + timedelta(days=3)))
    analysis = stages.start(Stage.ANALYSIS)
    for n, finding in enumerate(findings):
        when = _at(analysis + timedelta(days=2 + 2 * n))
        Finding.objects.filter(pk=finding.pk).update(created_at=when, updated_at=when)
    for n, recommendation in enumerate(recommendations):
        ReviewRecommendation.objects.filter(pk=recommendation.pk).update(
            created_at=_at(analysis + timedelta(days=14 + n)), responded_at=_at(signed, 16)
        )
    accuracy = stages.start(Stage.FACTUAL_ACCURACY)
    AgencyRequest.objects.filter(review=review).update(
        requested_at=_at(accuracy), due_on=accuracy + timedelta(days=21), submitted_at=_at(accuracy + timedelta(10))
    )
    documents = Document.objects.filter(owner_type=ContentType.objects.get_for_model(Review), owner_id=review.pk)
    for document in documents:
        day = signed - timedelta(days=5) if document.document_type == DocumentType.FINAL_REPORT else accuracy
        Document.objects.filter(pk=document.pk).update(created_at=_at(day, 9))
        DocumentVersion.objects.filter(document=document).update(uploaded_at=_at(day, 9))


# How far each action got: (step, days after the action was created or, with "due", after it was due).
# A step later than yesterday has not happened yet, so a recent action stops where today is.
STEPS: dict[str, list[tuple[str, str, int]]] = {
    "assured": [("on_track", "created", 30), ("complete", "due", -21), ("accept", "due", -10)],
    "assured_impact": [
        ("on_track", "created", 30),
        ("complete", "due", -21),
        ("accept", "due", -10),
        ("impact", "due", 110),
    ],
    "assured_late": [
        ("on_track", "created", 30),
        ("at_risk", "due", -14),
        ("complete", "due", 25),
        ("accept", "due", 36),
    ],
    "assured_returned": [
        ("on_track", "created", 30),
        ("complete", "due", -30),
        ("return", "due", -24),
        ("complete", "due", -8),
        ("accept", "due", -2),
    ],
    "awaiting": [("on_track", "created", 30), ("complete", "due", -7)],
    "on_track": [("on_track", "created", 30), ("on_track", "created", 150)],
    "at_risk": [("on_track", "created", 30), ("at_risk", "created", 120)],
    "off_track": [("on_track", "created", 30), ("off_track", "created", 140)],
    "not_started": [],
    "not_implemented": [("not_implemented", "created", 60)],
}
NOTES = {
    "on_track": [
        "Fictional: a lead is named and the work is planned; the first milestone is met.",
        "Fictional: on track: the draft is with the agency's safeguarding group for comment.",
    ],
    "at_risk": ["Fictional: at risk: the team carrying it lost two staff this quarter; a recovery plan is agreed."],
    "off_track": [
        "Fictional: stalled: the budget for it was not agreed; the agency has asked the Board for a new date."
    ],
    "return": ["Fictional: the evidence covers one team only; please send the figures for every team."],
    "not_implemented": [
        "Fictional: the Board wrote to the national government through the chair's network and will raise it "
        "again in its annual report; it is not an action the partnership can complete."
    ],
}


def _owner_lead(people: dict[str, Person], who: dict[str, Person], owner: str | None) -> tuple[Agency | None, Person]:
    if owner is None:
        return None, people["bu-coordinator"]
    agency = Agency.objects.get(short_name=owner)
    lead = {"RMBC": people["line-manager"], "TRFT": people["agency-lead"], "SY ICB": people["subgroup"]}.get(owner)
    lead = lead or _lead_of(agency) or {"SYFR": who["lorna"], "KLCS": who["imogen"]}[owner]
    return agency, Person.objects.get(pk=lead.pk)


def _action(
    people: dict[str, Person],
    who: dict[str, Person],
    recommendation: ReviewRecommendation,
    act: Act,
    signed: date,
    today: date,
) -> Action:
    manager = people["bu-manager"]
    owner, lead = _owner_lead(people, who, act.owner)
    created, due = signed + timedelta(days=14), signed + timedelta(days=act.due_after)
    action = _new(manager, recommendation, what=act.what, owner=owner, lead=lead, measure=act.measure)
    title, note = act.evidence
    title, note = title or "Evidence of completion", note or "Fictional: completed; the evidence is attached."
    done: list[date] = []
    completions: list[date] = []
    for step, base, days in STEPS[act.plan]:
        day = (created if base == "created" else due) + timedelta(days=days)
        if day >= today:
            break
        if step == "complete":
            action = _complete(lead, action, title, note)
            completions.append(day)
        elif step == "accept":
            action = _accept(manager, action, f"Fictional: the evidence shows it done ({title.lower()}).")
        elif step == "return":
            action = action_services.assure(
                manager, action, action.version, {"decision": "return", "note": NOTES["return"][0]}
            )
        elif step == "impact":
            action = action_services.record_impact(manager, action, action.version, act.impact)
        elif step == "not_implemented":
            action = action_services.close_not_implemented(manager, action, action.version, NOTES[step][0])
        else:
            notes = NOTES[step]
            action = _progress(lead, action, Status(step), notes[len(done) % len(notes)])
        done.append(day)
    extra: dict[str, Any] = {}
    if action.status == Status.ASSURED:
        accepted = done[[s for s, _, _ in STEPS[act.plan]].index("accept")]
        extra["impact_check_on"] = accepted + timedelta(days=90)
    _settle(
        action,
        created_days_ago=(today - created).days,
        due_in=(due - today).days,
        steps_days_ago=[(today - day).days for day in done],
        **extra,
    )
    evidence = Document.objects.filter(owner_type=ContentType.objects.get_for_model(Action), owner_id=action.pk)
    for document, day in zip(evidence.order_by("pk"), completions, strict=True):
        Document.objects.filter(pk=document.pk).update(created_at=_at(day, 14))
        DocumentVersion.objects.filter(document=document).update(uploaded_at=_at(day, 14))
    return action


def _briefing(people: dict[str, Person], review: Review, spec: dict[str, Any], signed: date, today: date) -> None:
    """Written a fortnight after the sign-off, sent to every agency a fortnight later; the cascades recorded
    so far (an agency without a safeguarding lead, or one that has not recorded yet, is still to respond)."""
    manager = people["bu-manager"]
    written, sent = _workday(signed + timedelta(days=14)), _workday(signed + timedelta(days=28))
    if sent >= today:
        return
    points = {key: value for key, value in spec.items() if key != "cascades"}
    briefing = briefing_services.create(manager, {**points, "reviews": [review]})
    version = briefing.versions.get()
    circulation = briefing_services.circulate(
        manager, version, message="Fictional: please share with your teams.", today=sent
    )
    Briefing.objects.filter(pk=briefing.pk).update(created_at=_at(written))
    BriefingVersion.objects.filter(pk=version.pk).update(created_at=_at(written))
    Circulation.objects.filter(pk=circulation.pk).update(sent_at=_at(sent, 9))
    circulation.refresh_from_db()
    for short, team, staff, after in spec["cascades"]:
        briefed = _workday(sent + timedelta(days=after))
        if briefed >= today:
            continue
        cascade = circulation.agencies.get(agency__short_name=short)
        recorder = _lead_of(cascade.agency)
        if recorder is None:
            continue
        entry = briefing_services.record_cascade(
            Person.objects.get(pk=recorder.pk),
            cascade,
            {
                "team": team,
                "briefed_on": briefed,
                "staff_reached": staff,
                "discussed": "Fictional: what the review found, and how it matches what the team sees.",
                "will_change": "Fictional: the team will use the Board's guidance and check it at supervision.",
            },
        )
        CascadeRecord.objects.filter(pk=entry.pk).update(recorded_at=_at(briefed + timedelta(days=1), 15))


def _event(
    item: Historic,
    review: Review,
    people: dict[str, Person],
    who: dict[str, Person],
    reviewer: Person,
    day: date,
) -> None:
    """Planned, invitations sent and replies in, then held on `day` with the register kept."""
    manager = people["bu-manager"]
    start = timezone.now() + timedelta(days=1)
    event = event_services.plan_event(
        manager,
        review,
        {
            "title": "Multi-agency learning event",
            "starts_at": start,
            "ends_at": start + timedelta(hours=3),
            "venue": "Committee Room 1, Fictional Town Hall",
            "agenda": "Welcome and ground rules; the timeline; reflections in small groups; what should change.",
        },
        [reviewer, manager],
    )
    invitees = [Person.objects.get(pk=who[key].pk) for key, _, _ in item.event]
    event_services.invite(manager, event, [event_services.invitee_for(p, p.agencies[0]) for p in invitees])
    invitations = {i.person_id: i for i in EventInvitation.objects.filter(event=event)}
    for person, (_, reply, _) in zip(invitees, item.event, strict=True):
        if reply != Reply.AWAITING:
            event_services.reply_signed_in(person, event, reply)
    starts = _at(day, 9, 30)
    LearningEvent.objects.filter(pk=event.pk).update(
        starts_at=starts, ends_at=starts + timedelta(hours=3), created_at=starts - timedelta(days=30)
    )
    for n, person in enumerate(invitees):
        invited = starts - timedelta(days=28)
        EventInvitation.objects.filter(pk=invitations[person.pk].pk).update(invited_at=invited)
        EventInvitation.objects.filter(pk=invitations[person.pk].pk, replied_at__isnull=False).update(
            replied_at=invited + timedelta(days=2 + n)
        )
    event.refresh_from_db()
    present = {invitations[p.pk].pk for p, (_, _, attended) in zip(invitees, item.event, strict=True) if attended}
    event_services.record_attendance(manager, event, present)


@transaction.atomic
def seed_history(people: dict[str, Person]) -> None:
    """Once: a second run finds the first historic referral and changes nothing."""
    names = [adult.name for item in HISTORY for adult in item.adults]
    if Referral.objects.filter(adult_name__in=names).exists():
        return
    today = timezone.localdate()
    who = _people(people)
    # In the order they happened, so that references number on through the years.
    steps: list[tuple[date, Any]] = [(_stages(item, signed_off_on(item, today)).created, item) for item in HISTORY] + [
        (today - timedelta(days=days), (adult, other)) for days, adult, other in OTHER_DECISIONS
    ]
    made: list[int] = []
    for day, step in sorted(steps, key=lambda pair: pair[0]):
        if isinstance(step, Historic):
            made.extend(_review(step, people, who, today).referrals.values_list("pk", flat=True))
        else:
            adult, other = step
            decided = day + timedelta(days=adult.decided_after)
            made.append(_referral(adult, day, decided, people, other).pk)
    acknowledge_when_received(made)
