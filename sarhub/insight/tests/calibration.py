"""A hand-written fictional set of finding pairs for calibrating "did the learning stick?": pairs a person
would call the same learning (REPEATS) and pairs that are not (DIFFERENT), some sharing common words.
Each finding is (text, codes), the codes as names of practice themes and abuse types."""

from __future__ import annotations

Finding = tuple[str, tuple[str, ...]]

REPEATS: list[tuple[Finding, Finding]] = [
    (
        ("Mental capacity was assumed rather than assessed when the adult refused care.", ("Mental capacity",)),
        ("Staff assumed the adult had capacity and did not assess it when she refused help.", ("Mental capacity",)),
    ),
    (
        ("Risk was known to one agency and not shared with the others.", ("Information sharing",)),
        ("The police knew of the risk but did not share it with health or social care.", ("Information sharing",)),
    ),
    (
        ("Each hospital attendance was treated as a new episode, so the pattern was missed.", ("Self-neglect",)),
        ("Repeated hospital attendances were each treated as a single episode and no pattern was seen.", ()),
    ),
    (
        ("The family's concerns were recorded but not acted on.", ("Family involvement",)),
        ("Concerns raised by the family were recorded and never acted upon.", ("Family involvement",)),
    ),
    (
        ("No multi-agency meeting was called although the risk of fire was escalating.", ("Fire risk",)),
        ("Agencies did not call a multi-agency meeting as the fire risk escalated.", ("Fire risk",)),
    ),
    (
        ("Carers were not offered an assessment of their own needs.", ("Carers",)),
        ("The carer's own needs were never assessed, though he was struggling.", ("Carers",)),
    ),
    (
        ("Missed appointments were not followed up by the community team.", ("Disengagement",)),
        ("When appointments were missed, the community team did not follow them up.", ("Disengagement",)),
    ),
    (
        ("Hoarding was seen as a lifestyle choice rather than a risk to health.", ("Self-neglect", "Hoarding")),
        ("Professionals treated the hoarding as a lifestyle choice and not as a risk.", ("Hoarding",)),
    ),
    (
        ("Discharge from hospital went ahead without a plan shared with the GP.", ("Hospital discharge",)),
        ("The hospital discharged the adult without sharing a discharge plan with the GP.", ("Hospital discharge",)),
    ),
    (
        ("Professional curiosity was lacking: unexplained bruising was not questioned.", ("Professional curiosity",)),
        ("No one questioned the unexplained bruising; professional curiosity was missing.", ("Physical abuse",)),
    ),
    (
        ("Alcohol use was seen as a barrier to services rather than a need to be met.", ("Alcohol and substance use",)),
        (
            "Services treated the adult's alcohol use as a barrier rather than as a need.",
            ("Alcohol and substance use",),
        ),
    ),
    (
        ("The safeguarding concern was closed without speaking to the adult.", ("Making Safeguarding Personal",)),
        ("Nobody spoke to the adult before the safeguarding enquiry was closed.", ("Making Safeguarding Personal",)),
    ),
]

DIFFERENT: list[tuple[Finding, Finding]] = [
    (
        ("Mental capacity was assumed rather than assessed when the adult refused care.", ("Mental capacity",)),
        ("The fire service fitted smoke alarms promptly after the referral.", ("Fire risk",)),
    ),
    (
        ("Risk was known to one agency and not shared with the others.", ("Information sharing",)),
        ("The GP reviewed the adult's medication every month.", ("Medication",)),
    ),
    (
        ("The family's concerns were recorded but not acted on.", ("Family involvement",)),
        ("Housing repairs were delayed for six months.", ("Housing",)),
    ),
    (
        ("Carers were not offered an assessment of their own needs.", ("Carers",)),
        ("The adult's mental capacity was assessed carefully and recorded well.", ("Mental capacity",)),
    ),
    (
        ("Missed appointments were not followed up by the community team.", ("Disengagement",)),
        ("The community team held a good multi-agency meeting with the family.", ("Family involvement",)),
    ),
    (
        ("Hoarding was seen as a lifestyle choice rather than a risk to health.", ("Hoarding",)),
        ("The hospital discharge plan was shared with the GP the same day.", ("Hospital discharge",)),
    ),
    (
        ("Professional curiosity was lacking: unexplained bruising was not questioned.", ("Physical abuse",)),
        ("The adult's finances were managed by a neighbour without any authority.", ("Financial abuse",)),
    ),
    (
        ("The safeguarding concern was closed without speaking to the adult.", ("Making Safeguarding Personal",)),
        ("Police attended quickly and made the adult safe that night.", ("Domestic abuse",)),
    ),
    (
        ("Alcohol use was seen as a barrier to services rather than a need to be met.", ("Alcohol and substance use",)),
        ("Interpreters were not booked for the adult's appointments.", ("Communication",)),
    ),
    (
        ("Discharge from hospital went ahead without a plan shared with the GP.", ("Hospital discharge",)),
        ("Information about risk was shared between agencies at the daily meeting.", ("Information sharing",)),
    ),
    (
        ("No multi-agency meeting was called although the risk of fire was escalating.", ("Fire risk",)),
        ("The adult's risk of falls was not assessed after the stroke.", ("Falls",)),
    ),
    (
        ("Each hospital attendance was treated as a new episode, so the pattern was missed.", ("Self-neglect",)),
        ("Self-neglect training was delivered to every team in the council.", ("Self-neglect", "Training")),
    ),
    # Hard ones: the same subject, different learning (good practice beside a failing).
    (
        ("Mental capacity was assumed rather than assessed when the adult refused care.", ("Mental capacity",)),
        ("Mental capacity was assessed carefully, with the adult's views recorded.", ("Mental capacity",)),
    ),
    (
        ("The family's concerns were recorded but not acted on.", ("Family involvement",)),
        ("The family's concerns were acted on at once and a meeting was called.", ("Family involvement",)),
    ),
    (
        ("No multi-agency meeting was called although the risk of fire was escalating.", ("Fire risk",)),
        ("The fire service assessed the risk of fire at its first visit.", ("Fire risk",)),
    ),
]


# The hard pairs' second findings are of good practice, which repeats never flags (sarhub.insight.repeats).
GOOD_PRACTICE = {second[0] for _, second in DIFFERENT[-3:]}


def given() -> tuple[list[int], list[int], list[float], list[tuple[str, ...]], list[bool]]:
    """Every finding of the set as similarity.build's `given` (one review each), ids from 1 in order:
    REPEATS' pairs first, then DIFFERENT's."""
    findings = [finding for pair in [*REPEATS, *DIFFERENT] for finding in pair]
    n = len(findings)
    parts = [(text, *codes) for text, codes in findings]
    good = [text in GOOD_PRACTICE for text, _ in findings]
    return list(range(1, n + 1)), list(range(1, n + 1)), [float(i) for i in range(n)], parts, good


def measure(threshold: float, *, by_kind: bool = True) -> tuple[float, float]:
    """Precision and recall of "cosine at least `threshold`" on the set; `by_kind`: with the rule that a
    finding of good practice is never flagged, as repeats applies it (else the words alone)."""
    import numpy as np

    from sarhub.insight import similarity

    idx = similarity.build(given=given())
    unit = idx.unit
    scores = [float((unit[2 * i] @ unit[2 * i + 1].T).toarray()[0, 0]) for i in range(len(REPEATS) + len(DIFFERENT))]
    truth = np.array([True] * len(REPEATS) + [False] * len(DIFFERENT))
    flagged = np.array(scores) >= threshold
    if by_kind:
        flagged &= ~(idx.good_practice[0::2] | idx.good_practice[1::2])
    hits = int((flagged & truth).sum())
    precision = hits / int(flagged.sum()) if flagged.any() else 1.0
    recall = hits / len(REPEATS)
    return precision, recall
