from __future__ import annotations

from django import forms

from sarhub.core.forms import GovukForm
from sarhub.documents.models import Classification
from sarhub.documents.validation import ALLOWED_TEXT


class NewDocumentForm(GovukForm):
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title for the document"}
    )
    classification = forms.ChoiceField(
        label="Classification",
        choices=Classification.choices,
        initial=Classification.CONFIDENTIAL,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a classification",
            "invalid_choice": "Select a classification from the list",
        },
    )
    file = forms.FileField(
        label="File",
        help_text=f"Upload {ALLOWED_TEXT}, up to 20 MB",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )


class NewVersionForm(GovukForm):
    file = forms.FileField(
        label="New version",
        help_text=f"Upload {ALLOWED_TEXT}, up to 20 MB",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )
