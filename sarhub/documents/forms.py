from __future__ import annotations

from typing import Any

from django import forms

from sarhub.core.forms import GovukForm
from sarhub.documents.models import DOCUMENT_TYPE_LABELS, Classification
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

    def __init__(self, *args: Any, document_types: list[str] | None = None, default_type: str = "", **kwargs: Any):
        """`document_types`: the types this record's documents may be (the question is asked only then)."""
        super().__init__(*args, **kwargs)
        if document_types:
            self.fields["document_type"] = forms.ChoiceField(
                label="Type of document",
                choices=[(value, DOCUMENT_TYPE_LABELS[value]) for value in document_types],
                initial=default_type or None,
                widget=forms.RadioSelect,
                help_text="A draft report is what goes to the agencies for factual-accuracy comments",
                error_messages={
                    "required": "Select the type of document",
                    "invalid_choice": "Select a type of document from the list",
                },
            )
            self.order_fields(["title", "document_type", "classification", "file"])


class NewVersionForm(GovukForm):
    file = forms.FileField(
        label="New version",
        help_text=f"Upload {ALLOWED_TEXT}, up to 20 MB",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )
