"""The seeded terms (used by migration 0002 and by tests)."""

ABUSE_TYPES = [
    ("Physical abuse", ""),
    ("Domestic abuse", "Including coercive control"),
    ("Sexual abuse", ""),
    ("Psychological or emotional abuse", ""),
    ("Financial or material abuse", ""),
    ("Modern slavery", ""),
    ("Discriminatory abuse", ""),
    ("Organisational abuse", ""),
    ("Neglect and acts of omission", ""),
    ("Self-neglect", "Including hoarding"),
]

PRACTICE_THEMES = [
    "Self-neglect and hoarding",
    "Making Safeguarding Personal",
    "Mental capacity, including executive functioning",
    "Risk management",
    "Information sharing",
    "Multi-agency working",
    "Professional curiosity",
    "Carers",
    "Advocacy",
    "Recording",
    "Care homes and quality of care",
    "Hospital discharge",
    "Mental health and suicide risk",
    "Alcohol and substance misuse",
    "Homelessness",
    "Domestic abuse",
    "Transitions",
    "Family involvement",
    "Fire risk",
]
