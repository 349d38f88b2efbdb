"""Fictional demo learning events: one held a fortnight ago with several facilitators, reflections, themes
drawing on several reflections and practice themes, proposals and an evaluation; one coming up with
invitations and replies, one of them changed (every name and word is invented)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from sarhub.core.roles import Role
from sarhub.events import services
from sarhub.events.models import LearningEvent, Reply
from sarhub.events.services import reflecting
from sarhub.partnership.models import Agency, Membership, Person
from sarhub.reviews.models import Review
from sarhub.taxonomy.models import PracticeTheme

# Participants without demo logins, so that the event's aggregates (3 or more people) have something to show.
EXTRA = [
    ("priya.madeupson@rsab-demo.invalid", "Priya Madeupson", "Staff Nurse", "TRFT"),
    ("owen.nonesuch@rsab-demo.invalid", "Owen Nonesuch", "Watch Manager", "SYFR"),
]


def _extra_people() -> list[Person]:
    people = []
    for email, name, title, short in EXTRA:
        person = Person.objects.filter(email=email).first() or Person.objects.create_user(
            email, None, full_name=name, job_title=title
        )
        agency = Agency.objects.get(short_name=short)
        if not Membership.objects.active().filter(person=person, role=Role.PRACTITIONER, agency=agency).exists():
            Membership.objects.create(person=person, role=Role.PRACTITIONER, agency=agency)
        people.append(person)
    return people


def _invitee(person: Person) -> services.Invitee:
    return services.invitee_for(person, person.agencies[0])


def _fresh(person: Person) -> Person:
    return Person.objects.get(pk=person.pk)


@transaction.atomic
def seed_events(people: dict[str, Person]) -> None:
    if LearningEvent.objects.exists():
        return
    reviewer = _fresh(people["reviewer"])
    practitioner, line_manager = _fresh(people["practitioner"]), _fresh(people["line-manager"])
    # Facilitators: the lead reviewer and the business unit's manager and coordinator.
    facilitators = [reviewer, _fresh(people["bu-manager"]), _fresh(people["bu-coordinator"])]
    priya, owen = _extra_people()
    held_for = Review.objects.get(pseudonym="Adult E")
    coming_for = Review.objects.get(pseudonym="Adult J")

    # Held a fortnight ago: reflections, themes, proposals and an evaluation.
    start = timezone.now() + timedelta(days=1)
    held = services.plan_event(
        reviewer,
        held_for,
        {
            "title": "Multi-agency learning event",
            "starts_at": start,
            "ends_at": start + timedelta(hours=3),
            "venue": "Committee Room 2, Fictional Town Hall",
            "agenda": "Welcome and ground rules; the timeline; reflections in small groups; themes; what should change.",
        },
        facilitators,
    )
    attending = [practitioner, line_manager, priya, owen]
    services.invite(reviewer, held, [_invitee(person) for person in attending])
    for person in attending:
        services.reply_signed_in(person, held, Reply.ACCEPTED)
    # The fortnight passes (the demo's one shortcut): then the register is kept.
    LearningEvent.objects.filter(pk=held.pk).update(
        starts_at=timezone.now() - timedelta(days=14), ends_at=timezone.now() - timedelta(days=14) + timedelta(hours=3)
    )
    held.refresh_from_db()
    services.record_attendance(reviewer, held, set(held.invitations.values_list("pk", flat=True)))
    writing = {
        practitioner.pk: {
            "involvement": "Fictional: I assessed the couple's needs twice and arranged a carer's assessment.",
            "helped": "Fictional: the GP practice answered quickly.",
            "hindered": "Fictional: I did not know the fire service had visited.",
            "context": "Fictional: our team carried eight vacancies that winter.",
            "good_practice": "",
            "change": "Fictional: one shared note of risks across agencies.",
        },
        priya.pk: {
            "involvement": "Fictional: I saw her on the ward after a fall.",
            "helped": "",
            "hindered": "Fictional: the discharge summary went to the GP only.",
            "context": "Fictional: the ward was at full capacity for weeks.",
            "good_practice": "Fictional: the ward referred to the safeguarding team the same day.",
            "change": "Fictional: discharge summaries to every agency involved.",
        },
        owen.pk: {
            "involvement": "Fictional: we fitted smoke alarms and gave fire safety advice.",
            "helped": "Fictional: a home fire safety visit checklist.",
            "hindered": "Fictional: we had no route to tell social care about the risk we saw.",
            "context": "",
            "good_practice": "Fictional: the crew returned to check the alarms worked.",
            "change": "Fictional: a joint fire-risk referral route.",
        },
    }
    reflections = [
        reflecting.save_reflection(_fresh(person), held, writing[person.pk], read_ground_rules=True)
        for person in (practitioner, priya, owen)
    ]
    sharing = PracticeTheme.objects.get(name="Information sharing")
    fire = PracticeTheme.objects.get(name="Fire risk")
    discharge = PracticeTheme.objects.get(name="Hospital discharge")
    curiosity = PracticeTheme.objects.get(name="Professional curiosity")
    multi_agency = PracticeTheme.objects.get(name="Multi-agency working")
    reflecting.save_theme(
        reviewer,
        held,
        {
            "title": "Risk seen by one agency stayed with that agency",
            "kind": "barrier",
            "domain": "inter_agency",
            "summary": "Fictional: fire risk and a hospital discharge were each known to one agency; no route took them to the others.",
            "practice_themes": [sharing, fire, discharge],
            "reflections": reflections,
        },
    )
    reflecting.save_theme(
        reviewer,
        held,
        {
            "title": "Following up in person",
            "kind": "good_practice",
            "domain": "direct_work",
            "summary": "Fictional: a fire crew went back to check alarms; a ward referred the same day.",
            "practice_themes": [fire, curiosity],
            "reflections": reflections[1:],
        },
    )
    reflecting.save_theme(
        reviewer,
        held,
        {
            "title": "Stretched teams",
            "kind": "context",
            "domain": "organisational",
            "summary": "Fictional: vacancies and a full ward that winter left little time to talk across agencies.",
            "practice_themes": [multi_agency, discharge],
            "reflections": reflections[:2],
        },
    )
    reflecting.save_proposal(
        reviewer,
        held,
        {
            "kind": "recommendation",
            "text": "Agree a joint fire-risk referral route.",
            "agency": Agency.objects.get(short_name="SYFR"),
        },
    )
    reflecting.save_proposal(
        reviewer, held, {"kind": "action", "text": "Send discharge summaries to every agency involved.", "agency": None}
    )
    for person, safe, useful, improve in (
        (practitioner, 5, 5, "Fictional: more time in small groups."),
        (priya, 4, 5, ""),
        (owen, 4, 4, "Fictional: send the timeline beforehand."),
    ):
        reflecting.evaluate(_fresh(person), held, {"felt_safe": safe, "useful": useful, "improve": improve})

    # Coming up in 12 days: invitations sent, some replies in.
    start = timezone.now() + timedelta(days=12)
    start = start.replace(hour=9, minute=30, second=0, microsecond=0)
    coming = services.plan_event(
        reviewer,
        coming_for,
        {
            "title": "Multi-agency learning event",
            "starts_at": start,
            "ends_at": start + timedelta(hours=3),
            "venue": "",
            "joining_details": "Online: the link is sent the day before (fictional)",
            "agenda": "Welcome; what we know; your reflections; what should change.",
        },
        [reviewer, _fresh(people["bu-coordinator"])],
    )
    services.invite(reviewer, coming, [_invitee(person) for person in (practitioner, line_manager, priya, owen)])
    # The line manager is coming; Owen said no, then changed his reply; the others have not replied yet.
    services.reply_signed_in(line_manager, coming, Reply.ACCEPTED)
    services.reply_signed_in(owen, coming, Reply.DECLINED)
    services.reply_signed_in(owen, coming, Reply.ACCEPTED)
