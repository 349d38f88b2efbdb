"""Choice fields answer ids no database could hold with their own message, never a 500."""

from __future__ import annotations

import pytest
from django import forms

from sarhub.core.forms import ChooseMany, ChooseOne
from sarhub.partnership.models import Agency


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value", ["²", "99999999999999999999999999", "-99999999999999999999999999", "1e309", "٣٣٣٣", "0x10"]
)
def test_choice_fields_answer_impossible_ids_with_their_message(value):
    one = ChooseOne(queryset=Agency.objects.all(), error_messages={"invalid_choice": "Select an agency"})
    many = ChooseMany(
        queryset=Agency.objects.all(),
        error_messages={"invalid_choice": "Select agencies", "invalid_pk_value": "Select agencies"},
    )
    with pytest.raises(forms.ValidationError) as refused_one:
        one.clean(value)
    assert refused_one.value.messages == ["Select an agency"]
    with pytest.raises(forms.ValidationError) as refused_many:
        many.clean([value])
    assert refused_many.value.messages == ["Select agencies"]
