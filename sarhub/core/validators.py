"""Validators for UK identifiers and dates used across the confidential record."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

POSTCODE = re.compile(r"^(GIR ?0AA|[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2})$")


def nhs_number_is_valid(value: str) -> bool:
    """Ten digits whose last is the Modulus 11 check digit of the first nine."""
    digits = re.sub(r"[\s-]", "", value)
    if not re.fullmatch(r"\d{10}", digits):
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - (total % 11)
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def normalise_nhs_number(value: str) -> str:
    digits = re.sub(r"[\s-]", "", value)
    if not nhs_number_is_valid(digits):
        raise ValidationError("Enter a valid 10-digit NHS number, like 943 476 5919, or leave it empty")
    return f"{digits[:3]} {digits[3:6]} {digits[6:]}"


def normalise_postcode(value: str) -> str:
    compact = re.sub(r"\s+", "", value.upper())
    if not POSTCODE.match(compact):
        raise ValidationError("Enter a full UK postcode, like S60 1AE, or leave it empty")
    return f"{compact[:-3]} {compact[-3:]}"


def not_in_future(value: date | None, message: str = "The date must be today or in the past") -> None:
    if value is not None and value > timezone.localdate():
        raise ValidationError(message)
