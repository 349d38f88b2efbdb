"""The matcher's rules, one example each (the recall benchmark in tests/deid measures them at scale)."""

from __future__ import annotations

from datetime import date

import pytest

from sarhub.publication.gate.scanning import Identifiers, RecordPerson, Role, scan_text

RECORD = Identifiers(
    people=[
        RecordPerson("Margaret Anne Ellis-Hart", ["Maggie", "Daz"], Role.ADULT),
        RecordPerson("Will Long", [], Role.FAMILY, "son"),
        RecordPerson("José O'Connell", ["Jo"], Role.PRACTITIONER, "GP"),
        RecordPerson("Imran Ali", [], Role.FAMILY, "neighbour"),
        RecordPerson("Hope White", [], Role.PRACTITIONER, "nurse"),
        RecordPerson("Paweł Fox", [], Role.PRACTITIONER, "paramedic"),
        RecordPerson("Councillor Ann Ellis", [], Role.FAMILY, "Board member"),
    ],
    date_of_birth=date(1950, 3, 3),
    date_of_death=date(2024, 5, 17),
    address="Flat 2, 14 Nowhere Close, Kiveton Park, Testtown",
    postcode="ZZ99 3AA",
    nhs_number="943 476 5919",
    excluded=["Councillor Ann Ellis"],
    published_contacts=["01709 822330", "rsab@example.org"],
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Margaret lived alone.", "Margaret"),  # the first name alone
        ("MARGARET ELLIS-HART died.", "MARGARET ELLIS-HART"),  # any case, side by side: one hit
        ("mrs ellis hart was seen.", "ellis hart"),  # the surname with a space
        ("Ellis\u2011Hart was seen.", "Ellis\u2011Hart"),  # a non-breaking hyphen
        ("The Hart family", "Hart"),  # each part of a double-barrelled surname
        ("Maggie\u2019s son visited.", "Maggie"),  # a known-as name, curly possessive
        ("Daz said no.", "Daz"),  # a short nickname
        ("Will was admitted.", "Will"),  # an everyday word starting a sentence, with a verb after it
        ("Her son Will visited.", "Will"),  # capitalised mid-sentence
        ("Mr Long visited.", "Long"),  # beside a title
        ("Dr O\u2019Connell\u2019s notes", "O\u2019Connell"),
        ("Dr Jose Oconnell wrote", "Jose Oconnell"),  # accent dropped, apostrophe dropped
        ("Mr Ali attended", "Ali"),  # a two- or three-letter surname
        ("Margret was", "Margret"),  # one letter wrong in a long name
        ("Marga-\nret was seen", "Marga- ret"),  # hyphenated at a line end
        ("Margaret\nEllis-Hart", "Margaret Ellis-Hart"),  # broken across a line
        ("J.O. noted", "J.O."),  # dotted initials
        ("Mrs MAE said", "MAE"),  # initials beside a title
        ("L. Fox attended", "Fox"),  # a short everyday-word surname after an initial
        ("Pawel arrived", "Pawel"),  # a letter Unicode does not decompose (ł)
        ("born 3rd of March 1950", "3rd of March 1950"),
        ("born 3/3/50", "3/3/50"),
        ("born 3rd March '50", "3rd March '50"),
        ("born 3.3.50", "3.3.50"),
        ("born 1950-03-03", "1950-03-03"),
        ("born March 1950", "March 1950"),
        ("died 17th May 2024", "17th May 2024"),
        ("at 14 Nowhere Cl. in the town", "14 Nowhere Cl."),
        ("on Nowhere Close", "Nowhere Close"),
        ("postcode zz993aa", "zz993aa"),
        ("NHS 943 4765 919", "943 4765 919"),
        ("call (01709) 561447", "(01709) 561447"),
        ("call +44 (0)1709 561447", "+44 (0)1709 561447"),
        ("email a.b@example.org", "a.b@example.org"),
    ],
)
def test_each_form_a_writer_slips_is_found(text, found):
    assert found in [hit.found for hit in scan_text(text, RECORD)]


@pytest.mark.parametrize(
    "text",
    [
        "It will take a long time.",  # everyday words in lower case
        "There was hope that white goods would be replaced.",
        "A WHITE VAN WAS SEEN",  # capitals: a heading, not a name
        "In May 2023 the GP referred her.",  # a month, not the person named May
        "She lived in Kiveton Park, then Testtown.",  # the locality and town identify no one
        "Rotherham Safeguarding Adults Board",
        "Call the Board on 01709 822330 or write to rsab@example.org.",  # the Board's own published contacts
        "Councillor Ann Ellis chaired the meeting.",  # excluded with a reason
        "Flat 2 was empty.",  # a flat number alone
    ],
)
def test_what_is_not_identifying_is_left_alone(text):
    assert scan_text(text, RECORD) == []


def test_a_hit_carries_its_place_and_context_in_the_original_text():
    text = "Before the review, Zoë-like folding aside, Margaret\u2019s flat was cold."
    hit = next(h for h in scan_text(text, RECORD) if h.found == "Margaret")
    assert text[hit.start : hit.end] == "Margaret"
    assert "[Margaret]" in hit.context
    assert hit.kind == "The adult's name"


def test_a_practitioners_hit_says_who_they_are_for_the_chair():
    (hit,) = scan_text("The nurse, Hope White, visited.", RECORD)
    assert hit.kind == "A practitioner's name (nurse)" and hit.found == "Hope White"
