"""The forms of similar findings and repeated learning: the search of the Board's findings, and the Board's
view of a repeat flag."""

from __future__ import annotations

from django import forms

from sarhub.core.forms import GovukForm
from sarhub.insight.models import RepeatView


class SearchForm(GovukForm):
    q = forms.CharField(
        label="Words or a phrase",
        max_length=200,
        required=False,
        help_text="For example: mental capacity was assumed",
    )


class RepeatViewForm(GovukForm):
    conditional_fields = {"view": {RepeatView.NOT_REPEAT.value: ["reason"]}}

    view = forms.ChoiceField(
        label="Is this a true repeat of the earlier learning?",
        choices=[(RepeatView.REPEAT.value, "Yes: a true repeat"), (RepeatView.NOT_REPEAT.value, "No: not a repeat")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether this is a true repeat"},
    )
    reason = forms.CharField(
        label="Why is it not a repeat?",
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
