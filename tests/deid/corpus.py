"""About twenty fictional Safeguarding Adult Review cases: a confidential record each (the people, dates,
address and numbers the de-identification check looks for) and a clean, de-identified summary in the style
of a published SAR executive summary.

Everything here is invented. The names are realistic on purpose (the check must work on real-looking names)
but belong to no real case; the addresses are invented streets with invented postcode units; the NHS numbers
are in the 999 test range with a valid Modulus 11 check digit; no phone number or email of anyone appears in
a clean summary. The clean summaries name the adult only by pseudonym, practitioners only by role and
agency, and use the everyday words that some of the record's names are made of ("it will take a long time",
"white goods") as ordinary words, so that false positives on them are measured.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sarhub.publication.deid.record import Identifiers, RecordPerson, Role
from tests.deid.summaries import SUMMARIES

BOARD = "Rotherham Safeguarding Adults Board"
BOARD_PHONE = "01709 822330"  # the Board's published concern line (real and public: never flagged)
BOARD_WEBSITE = "www.rsab.org.uk"


def nhs_number(seed: int) -> str:
    """A valid fictional NHS number in the 999 test range (Modulus 11), spaced 3-3-4."""
    base = 999_000_000 + (seed * 7_919) % 1_000_000
    while True:
        digits = f"{base:09d}"
        total = sum(int(d) * (10 - i) for i, d in enumerate(digits))
        check = 11 - total % 11
        check = 0 if check == 11 else check
        if check != 10:
            number = digits + str(check)
            return f"{number[:3]} {number[3:6]} {number[6:]}"
        base += 1


@dataclass(frozen=True)
class Person:
    """A person on the record, with the parts of the name the slips are made from."""

    first: str
    surname: str
    title: str  # Mr, Mrs, Ms, Miss, Dr, PC...
    known_as: tuple[str, ...] = ()
    role: str = Role.FAMILY
    relationship: str = ""  # for family and others: "daughter"; for practitioners: the role
    agency: str = ""  # practitioners only

    @property
    def full(self) -> str:
        return f"{self.first} {self.surname}"

    def record(self) -> RecordPerson:
        detail = f"{self.relationship}, {self.agency}" if self.agency else self.relationship
        return RecordPerson(self.full, known_as=list(self.known_as), role=self.role, detail=detail)


def family(first: str, surname: str, title: str, relationship: str, *known_as: str) -> Person:
    return Person(first, surname, title, tuple(known_as), Role.FAMILY, relationship)


def practitioner(first: str, surname: str, title: str, role: str, agency: str, *known_as: str) -> Person:
    return Person(first, surname, title, tuple(known_as), Role.PRACTITIONER, role, agency)


@dataclass(frozen=True)
class Case:
    key: str
    pseudonym: str  # as the summary writes it: "Adult M", "Mr M"
    adult: Person
    others: tuple[Person, ...]  # family members and others around the adult
    practitioners: tuple[Person, ...]
    date_of_birth: date
    date_of_death: date
    house: str
    street: str  # "Quarry Bank Road"
    town: str
    postcode: str
    nhs_number: str
    # The record's names that are also everyday words, used as ordinary words in the clean summary.
    common_words: tuple[str, ...] = ()
    summary: str = field(default="", repr=False)

    @property
    def people(self) -> tuple[Person, ...]:
        return (self.adult, *self.others, *self.practitioners)

    @property
    def address(self) -> str:
        return f"{self.house} {self.street}, {self.town}, Rotherham"

    def identifiers(self) -> Identifiers:
        return Identifiers(
            people=[p.record() for p in self.people],
            date_of_birth=self.date_of_birth,
            date_of_death=self.date_of_death,
            address=self.address,
            postcode=self.postcode,
            nhs_number=self.nhs_number,
            published_contacts=[BOARD_PHONE],
        )


def adult(first: str, surname: str, title: str, *known_as: str) -> Person:
    return Person(first, surname, title, tuple(known_as), Role.ADULT, "the adult")


ASC = "Rotherham Metropolitan Borough Council Adult Social Care"
HOUSING = "Rotherham Metropolitan Borough Council Housing"
TRFT = "The Rotherham NHS Foundation Trust"
RDASH = "Rotherham Doncaster and South Humber NHS Foundation Trust"
SYP = "South Yorkshire Police"
SYFR = "South Yorkshire Fire & Rescue"
YAS = "Yorkshire Ambulance Service"
GP = "GP practice"
PROBATION = "The Probation Service"


CASES: list[Case] = [
    Case(
        "c01",
        "Mr M",
        adult("Kenneth", "Ashby", "Mr", "Ken", "Kenny"),
        (
            family("Siân", "Pritchard-Evans", "Ms", "niece", "Si"),
            family("Will", "Long", "Mr", "neighbour", "Billy"),
        ),
        (
            practitioner("Andre", "Ng", "Mr", "social worker", ASC),
            practitioner("Carol", "Dunmore", "Ms", "watch manager, home safety", SYFR),
            practitioner("Priya", "Raman", "Dr", "GP", GP),
        ),
        date(1944, 2, 4),
        date(2022, 12, 19),
        "27",
        "Quarry Bank Road",
        "Maltby",
        "S66 8QT",
        nhs_number(1),
        ("will", "long"),
    ),
    Case(
        "c02",
        "Mrs C",
        adult("Brenda", "O'Connell", "Mrs", "Bren"),
        (
            family("Darren", "O'Connell", "Mr", "son", "Daz"),
            family("Hope", "White", "Mrs", "daughter"),
        ),
        (
            practitioner("Imran", "Ali", "PC", "police constable", SYP),
            practitioner(
                "Noémie", "Laurent", "Ms", "independent domestic violence adviser", "Rotherham Domestic Abuse Service"
            ),
            practitioner("Chloe", "Barraclough", "Ms", "district nurse", TRFT),
        ),
        date(1951, 7, 22),
        date(2023, 3, 2),
        "8",
        "Fernbank Close",
        "Rawmarsh",
        "S62 6LP",
        nhs_number(2),
        ("hope", "white"),
    ),
    Case(
        "c03",
        "Adult L",
        adult("Jordan", "Whitfield-Ross", "Mr", "Jay", "JJ"),
        (
            family("Grace", "Whitfield", "Ms", "mother"),
            family("Tomás", "Whitfield", "Mr", "grandfather", "Tommy"),
        ),
        (
            practitioner("Kate", "Wu", "Ms", "community learning disability nurse", RDASH),
            practitioner("Sean", "Mackintosh", "Mr", "transitions social worker", ASC),
            practitioner("Harriet", "Sugden", "Ms", "supported living manager", "Cedarwood Support"),
        ),
        date(2001, 9, 13),
        date(2022, 6, 8),
        "3",
        "Linden Avenue",
        "Wath-upon-Dearne",
        "S63 7RB",
        nhs_number(3),
        ("grace",),
    ),
    Case(
        "c04",
        "Adult B",
        adult("Paweł", "Kowalczyk", "Mr", "Paul", "Pav"),
        (
            family("Agnieszka", "Nowak", "Mrs", "sister", "Aga"),
            family("Mark", "Heath", "Mr", "friend"),
        ),
        (
            practitioner("Lee", "Fox", "Mr", "discharge co-ordinator", TRFT),
            practitioner("Jessica", "Armitage-Lund", "Ms", "outreach worker", "Rotherham Homeless Outreach", "Jess"),
            practitioner("Rene", "Booth", "Mr", "probation officer", PROBATION),
        ),
        date(1978, 11, 30),
        date(2023, 1, 17),
        "41",
        "Chapel Street",
        "Rotherham",
        "S60 1PN",
        nhs_number(4),
        ("mark",),
    ),
    Case(
        "c05",
        "Adult K",
        adult("Leanne", "Birtles", "Ms", "Lea"),
        (
            family("Joy", "Birtles", "Mrs", "mother"),
            family("Kyle", "Oakes-Marsden", "Mr", "partner", "Oaksey"),
        ),
        (
            practitioner("Jamal", "Rao", "PCSO", "police community support officer", SYP),
            practitioner("Inès", "Barros", "Ms", "housing officer", HOUSING),
            practitioner("Natalie", "Hammond", "Ms", "community nurse", TRFT),
        ),
        date(1993, 5, 6),
        date(2022, 10, 25),
        "16",
        "Heather Court",
        "Dinnington",
        "S25 2RQ",
        nhs_number(5),
        ("joy",),
    ),
    Case(
        "c06",
        "Adult H",
        adult("Dorothy", "Featherstone", "Mrs", "Dot", "Dotty"),
        (
            family("Frank", "Green", "Mr", "son", "Frankie"),
            family("Renée", "Featherstone", "Mrs", "daughter-in-law"),
        ),
        (
            practitioner("Olu", "Adeyemi", "Mr", "care home manager", "Beechcroft Care Home"),
            practitioner("Amy", "Lo", "Ms", "tissue viability nurse", TRFT),
            practitioner("Zoe", "Hartley-Moss", "Ms", "registered nurse", "Beechcroft Care Home"),
        ),
        date(1933, 4, 12),
        date(2023, 2, 9),
        "5",
        "Orchard Gardens",
        "Wickersley",
        "S66 1DX",
        nhs_number(6),
        ("frank", "green"),
    ),
    Case(
        "c07",
        "Adult T",
        adult("Ciarán", "Doyle", "Mr", "Kieran", "Kiz"),
        (
            family("Dawn", "Doyle", "Ms", "mother"),
            family("Stuart", "Hay", "Mr", "stepfather", "Stu"),
        ),
        (
            practitioner("Ellie", "Sutcliffe", "Ms", "CAMHS practitioner", RDASH),
            practitioner("Jose", "Morales", "Mr", "adult community mental health nurse", RDASH),
            practitioner("Hannah", "Firth-Williams", "Dr", "GP", GP),
        ),
        date(2003, 1, 27),
        date(2022, 8, 14),
        "72",
        "Rockingham Drive",
        "Swinton",
        "S64 8AJ",
        nhs_number(7),
        ("dawn", "hay"),
    ),
    Case(
        "c08",
        "Mr E",
        adult("Albert", "Greenhalgh", "Mr", "Bert", "Al"),
        (
            family("Gary", "Royle", "Mr", "neighbour"),
            family("Bethany", "D'Souza", "Mrs", "niece", "Beth"),
        ),
        (
            practitioner("Faith", "Okafor", "Ms", "social worker", ASC),
            practitioner("Matthew", "Lim", "DC", "financial investigator", SYP, "Matt"),
            practitioner("Mélanie", "Roux", "Ms", "independent advocate", "Rotherham Advocacy Partnership"),
        ),
        date(1936, 10, 3),
        date(2023, 5, 21),
        "9",
        "Millfield Lane",
        "Brinsworth",
        "S60 5BW",
        nhs_number(8),
        ("faith",),
    ),
    Case(
        "c09",
        "Adult N",
        adult("Patricia", "Hemingway", "Mrs", "Pat", "Trish"),
        (
            family("Roy", "Hemingway", "Mr", "husband and carer"),
            family("Amber", "Wu", "Mrs", "daughter", "Amby"),
        ),
        (
            practitioner("Rose", "Hill", "Ms", "district nurse", TRFT),
            practitioner("Efe", "Adebayo-Smith", "Ms", "social worker", ASC),
            practitioner("João", "Pereira", "Dr", "GP", GP),
        ),
        date(1946, 8, 19),
        date(2022, 11, 4),
        "58",
        "Meadowbank Crescent",
        "Kimberworth",
        "S61 2HS",
        nhs_number(9),
        ("rose", "hill"),
    ),
    Case(
        "c10",
        "Adult F",
        adult("Dean", "Pickersgill", "Mr", "Deano", "Pick"),
        (
            family("Sandra", "Pickersgill", "Mrs", "mother", "San"),
            family("Bill", "Stone", "Mr", "friend"),
        ),
        (
            practitioner("Kemal", "Oz", "Mr", "drug and alcohol recovery worker", "Rotherham Recovery Partnership"),
            practitioner("Zofia", "Wójcik", "Ms", "hostel key worker", "Alma House"),
            practitioner("Ruth", "Lister-Kaye", "Ms", "hostel manager", "Alma House"),
        ),
        date(1982, 3, 9),
        date(2022, 9, 28),
        "20",
        "Wharncliffe Place",
        "Rotherham",
        "S65 1QA",
        nhs_number(10),
        ("bill", "stone"),
    ),
    Case(
        "c11",
        "Adult Y",
        adult("Kayleigh", "Brammall", "Miss", "Kay", "Kiki"),
        (
            family("Carol", "Appleyard-Hirst", "Mrs", "former foster carer"),
            family("Reece", "Brammall", "Mr", "brother", "Rio"),
        ),
        (
            practitioner(
                "Mohammed",
                "Iqbal",
                "Mr",
                "personal adviser, leaving care",
                "Rotherham Metropolitan Borough Council Leaving Care Service",
                "Mo",
            ),
            practitioner("Victoria", "Day", "Ms", "sexual health nurse", TRFT, "Vicky"),
            practitioner("Anaïs", "Martin", "Ms", "youth worker", "Rotherham Young People's Service"),
        ),
        date(2003, 12, 1),
        date(2023, 4, 16),
        "6",
        "Sycamore Road",
        "Thurcroft",
        "S66 9HF",
        nhs_number(11),
        ("day",),
    ),
    Case(
        "c12",
        "Mr O",
        adult("Terence", "Oldroyd", "Mr", "Terry", "Tel"),
        (
            family("Joanne", "O'Brien", "Mrs", "daughter", "Jo"),
            family("Kirsty", "Bennett-Shaw", "Ms", "granddaughter"),
        ),
        (
            practitioner("Ray", "Cook", "Mr", "domiciliary care manager", "Brightside Home Care"),
            practitioner("Lukas", "Möller", "Mr", "crew manager", SYFR),
            practitioner("Sam", "Yeo", "Dr", "GP", GP),
        ),
        date(1940, 6, 23),
        date(2022, 2, 11),
        "33",
        "Tannery Street",
        "Aston",
        "S26 2AB",
        nhs_number(12),
        ("ray", "cook"),
    ),
    Case(
        "c13",
        "Adult V",
        adult("Edith", "Sowerby", "Mrs", "Edie", "Ede"),
        (
            family("Graham", "Sowerby", "Mr", "son"),
            family("Lynne", "Ashcroft-Bell", "Mrs", "daughter"),
        ),
        (
            practitioner("Sinead", "Kay", "Ms", "reablement team leader", ASC),
            practitioner("Marta", "Gonçalves", "Ms", "ward sister", TRFT),
            practitioner("Will", "Parr", "Mr", "occupational therapist", TRFT),
        ),
        date(1929, 12, 7),
        date(2023, 1, 30),
        "19",
        "Holly Avenue",
        "Wath-upon-Dearne",
        "S63 6DU",
        nhs_number(13),
        ("will", "bell"),
    ),
    Case(
        "c14",
        "Mr D",
        adult("Winston", "Campbell", "Mr", "Win", "Winnie"),
        (
            family("Marcia", "Campbell-Reid", "Mrs", "sister"),
            family("Clive", "Bartholomew", "Rev", "church minister and friend"),
        ),
        (
            practitioner("Hollie", "Rhodes", "Ms", "diabetes specialist nurse", TRFT),
            practitioner("Tunde", "Ige", "Mr", "social worker", ASC),
            practitioner("Zoe", "Patel", "Dr", "GP", GP),
            practitioner("Robin", "Pashley", "Mr", "podiatrist", TRFT),
        ),
        date(1958, 2, 17),
        date(2022, 7, 3),
        "14",
        "Lilac Close",
        "Rotherham",
        "S65 3NN",
        nhs_number(14),
        ("robin",),
    ),
    Case(
        "c15",
        "Adult R",
        adult("Agnes", "Muldoon", "Mrs", "Aggie", "Ag"),
        (
            family("Declan", "Muldoon", "Mr", "son and carer", "Dec"),
            family("Róisín", "Muldoon-Hart", "Mrs", "daughter", "Rosh"),
        ),
        (
            practitioner("Faye", "Sands", "Ms", "carers' support worker", "Rotherham Carers' Centre"),
            practitioner("Lee", "Roe", "Mr", "memory clinic nurse", RDASH),
            practitioner("Drew", "Field", "Mr", "social worker", ASC),
            practitioner("Noel", "Carter", "Mr", "community support worker", "Greasbrough Community Hub"),
        ),
        date(1939, 5, 28),
        date(2023, 6, 12),
        "7",
        "Sorrel Drive",
        "Greasbrough",
        "S61 4PP",
        nhs_number(15),
        ("drew", "field"),
    ),
    Case(
        "c16",
        "Adult A",
        adult("Stefan", "Dragomir", "Mr", "Stef", "Ste"),
        (
            family("Andrei", "Dragomir", "Mr", "cousin"),
            family("Lyle", "Hartley-Wood", "Mr", "employer and landlord"),
        ),
        (
            practitioner("Tom", "Ho", "DC", "detective constable, modern slavery team", SYP),
            practitioner("Mária", "Horváth", "Ms", "social worker", ASC),
            practitioner("Penny", "Little", "Ms", "housing officer", HOUSING),
        ),
        date(1987, 8, 2),
        date(2023, 2, 26),
        "2",
        "Foundry Lane",
        "Rotherham",
        "S60 1XY",
        nhs_number(16),
        ("penny", "little"),
    ),
    Case(
        "c17",
        "Mrs B",
        adult("Nasreen", "Akhtar", "Mrs", "Nas", "Nasi"),
        (
            family("Tariq", "Akhtar", "Mr", "son"),
            family("Shazia", "Begum-Khan", "Mrs", "daughter"),
        ),
        (
            practitioner("Amber", "Sharp", "Ms", "registered manager", "Homecare Plus"),
            practitioner("Mei", "Li", "Ms", "district nurse", TRFT),
            practitioner("Hélène", "Carré", "Dr", "GP", GP),
            practitioner("Chloe", "Dunstan", "Ms", "care co-ordinator", ASC),
        ),
        date(1948, 3, 15),
        date(2022, 8, 30),
        "25",
        "Whinmoor Crescent",
        "Broom",
        "S60 3JS",
        nhs_number(17),
        ("amber", "sharp"),
    ),
    Case(
        "c18",
        "Adult J",
        adult("Ethan", "Lockwood-Price", "Mr", "Eth"),
        (
            family("Zoë", "Lockwood", "Ms", "mother"),
            family("Grant", "Price", "Mr", "father"),
        ),
        (
            practitioner("Dev", "Oza", "Mr", "positive behaviour support practitioner", "Oakleigh Hospital"),
            practitioner("Andrea", "Stainton", "Ms", "transitions social worker", ASC),
            practitioner("Jose", "Ferreira", "Dr", "consultant psychiatrist", "Oakleigh Hospital"),
        ),
        date(2002, 10, 18),
        date(2023, 3, 24),
        "10",
        "Larch Court",
        "Catcliffe",
        "S60 5TT",
        nhs_number(18),
        ("grant", "price"),
    ),
    Case(
        "c19",
        "Mrs T",
        adult("Maureen", "Castleton", "Mrs", "Mo", "Reenie"),
        (
            family("Carol", "Castleton-Fry", "Mrs", "daughter"),
            family("Siobhan", "Castleton", "Ms", "granddaughter", "Shiv"),
        ),
        (
            practitioner("Patience", "Mensah", "Ms", "care home manager", "Ashgrove Lodge"),
            practitioner("Pat", "Orr", "Ms", "senior care assistant", "Ashgrove Lodge"),
            practitioner("Maëlle", "Durand", "Ms", "speech and language therapist", TRFT),
            practitioner("Helene", "Marsden", "Ms", "quality assurance officer", ASC),
        ),
        date(1935, 9, 8),
        date(2022, 12, 2),
        "61",
        "Chestnut Place",
        "Kiveton Park",
        "S26 6PA",
        nhs_number(19),
        ("patience",),
    ),
    Case(
        "c20",
        "Adult H",
        adult("Rachael", "Ombler-Fitch", "Ms", "Rae"),
        (
            family("Mark", "Dyson", "Mr", "partner", "Dyso"),
            family("Linda", "Ombler", "Mrs", "mother", "Lin"),
        ),
        (
            practitioner(
                "Kit", "Fay", "Ms", "independent domestic violence adviser", "Rotherham Domestic Abuse Service"
            ),
            practitioner("Ana", "Sá", "Ms", "social worker", ASC),
            practitioner("Chloe", "Renshaw", "Ms", "occupational therapist", ASC),
        ),
        date(1975, 4, 29),
        date(2023, 7, 5),
        "4",
        "Rowan Gardens",
        "Herringthorpe",
        "S65 2QS",
        nhs_number(20),
        ("mark",),
    ),
]

CASES = [replace(case, summary=SUMMARIES[case.key]) for case in CASES]
