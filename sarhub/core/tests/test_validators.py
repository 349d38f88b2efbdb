"""UK identifiers: NHS numbers (Modulus 11) and postcodes, and dates not in the future."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sarhub.core.validators import nhs_number_is_valid, normalise_nhs_number, normalise_postcode, not_in_future


@pytest.mark.parametrize("value", ["9434765919", "943 476 5919", "943-476-5919"])
def test_a_valid_nhs_number_is_accepted_and_normalised(value):
    assert nhs_number_is_valid(value)
    assert normalise_nhs_number(value) == "943 476 5919"


@pytest.mark.parametrize("value", ["9434765918", "943 476 5910", "943476591", "94347659190", "943476591X", ""])
def test_an_invalid_nhs_number_is_refused(value):
    assert not nhs_number_is_valid(value)
    with pytest.raises(ValidationError):
        normalise_nhs_number(value)


def test_a_number_whose_check_digit_would_be_ten_is_never_valid():
    first_nine = "100000001"
    total = sum(int(d) * (10 - i) for i, d in enumerate(first_nine))
    assert 11 - total % 11 == 10  # the Modulus 11 check digit computes to 10
    for last in "0123456789":
        assert not nhs_number_is_valid(first_nine + last), first_nine + last
        with pytest.raises(ValidationError):
            normalise_nhs_number(first_nine + last)


def test_a_check_digit_of_eleven_means_zero():
    # 4010232250: the weighted sum of the first nine is a multiple of 11, so the check digit is 0.
    first_nine = "401023225"
    total = sum(int(d) * (10 - i) for i, d in enumerate(first_nine))
    assert total % 11 == 0
    assert nhs_number_is_valid(first_nine + "0")
    assert not nhs_number_is_valid(first_nine + "1")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("s601ae", "S60 1AE"),
        ("S60 1AE", "S60 1AE"),
        ("  sw1a  1aa ", "SW1A 1AA"),
        ("M1 1AE", "M1 1AE"),
        ("GIR0AA", "GIR 0AA"),
        ("gir 0aa", "GIR 0AA"),
    ],
)
def test_a_postcode_is_accepted_and_normalised(value, expected):
    assert normalise_postcode(value) == expected


@pytest.mark.parametrize("value", ["ABC", "", "S60", "1AE", "S60 1A", "S60 1AEE", "S6O-1AE", "SSS60 1AE"])
def test_a_bad_postcode_is_refused(value):
    with pytest.raises(ValidationError):
        normalise_postcode(value)


def test_not_in_future():
    today = timezone.localdate()
    not_in_future(None)
    not_in_future(today)
    not_in_future(today - timedelta(days=1))
    with pytest.raises(ValidationError, match="today or in the past"):
        not_in_future(today + timedelta(days=1))
