from __future__ import annotations

from typing import Any

from django import forms

from sarhub.core.forms import ChooseOne, GovukForm, GovukModelForm
from sarhub.core.roles import GRANTABLE_ROLES, ROLE_DESCRIPTIONS, Role
from sarhub.partnership import permissions
from sarhub.partnership.models import Agency, AgencyType, Board
from sarhub.partnership.selectors import active_agency_choices, agency_names


class BoardForm(GovukModelForm):
    website = forms.URLField(
        label="Board website",
        max_length=200,
        assume_scheme="https",
        error_messages={
            "required": "Enter the Board's website",
            "invalid": "Enter a full web address, like https://www.example.org.uk",
        },
    )
    input_widths = {
        "short_name": "govuk-input--width-10",
        "concern_phone": "govuk-input--width-20",
    }

    class Meta:
        model = Board
        fields = ["name", "short_name", "concern_phone", "website", "financial_year_start_month", "purpose"]
        labels = {
            "name": "Board name",
            "short_name": "Short name",
            "concern_phone": "Phone number to report a safeguarding concern",
            "website": "Board website",
            "financial_year_start_month": "Month the financial year starts",
            "purpose": "The Board's purpose",
        }
        error_messages = {
            "name": {"required": "Enter the Board's name"},
            "short_name": {"required": "Enter a short name, like RSAB"},
            "concern_phone": {"required": "Enter the phone number to report a safeguarding concern"},
            "website": {
                "required": "Enter the Board's website",
                "invalid": "Enter a full web address, like https://www.example.org.uk",
            },
        }

    def clean_concern_phone(self) -> str:
        value = self.cleaned_data["concern_phone"].strip()
        digits = "".join(ch for ch in value if ch.isdigit())
        if not 3 <= len(digits) <= 15 or any(ch not in "0123456789 +()-" for ch in value):
            raise forms.ValidationError("Enter a phone number, like 01709 822330")
        return value


class AgencyForm(GovukModelForm):
    input_widths = {"short_name": "govuk-input--width-20"}

    class Meta:
        model = Agency
        fields = ["name", "short_name", "agency_type", "is_active"]
        labels = {
            "name": "Agency name",
            "short_name": "Short name (optional)",
            "agency_type": "Type of agency",
            "is_active": "This agency is an active partner",
        }
        widgets = {"agency_type": forms.RadioSelect}
        error_messages = {
            "name": {
                "required": "Enter the agency's name",
                "unique": "There is already an agency with this name",
            },
            "agency_type": {"required": "Select the type of agency"},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency_type"].choices = AgencyType.choices  # type: ignore[attr-defined]


def _role_choices(actor: Any) -> list[tuple[str, str]]:
    return [(r.value, r.label) for r in GRANTABLE_ROLES if permissions.can_grant_role(actor, r)]


class InvitationForm(GovukForm):
    input_widths = {
        "email": "govuk-!-width-two-thirds",
        "full_name": "govuk-!-width-two-thirds",
        "job_title": "govuk-!-width-two-thirds",
    }

    full_name = forms.CharField(
        label="Full name", max_length=150, error_messages={"required": "Enter the person's full name"}
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="Their work email address. The invitation works only for this address.",
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    job_title = forms.CharField(label="Job title (optional)", max_length=150, required=False)
    agency = ChooseOne(
        label="Agency",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="No agency",
        help_text="Needed for agency safeguarding leads, practitioners and line managers",
        error_messages={"invalid_choice": "Select an agency from the list"},
    )
    roles = forms.MultipleChoiceField(
        label="Roles",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one role",
            "invalid_choice": "Select roles from the list",
        },
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = active_agency_choices()  # type: ignore[attr-defined]
        self.fields["roles"].choices = _role_choices(actor)  # type: ignore[attr-defined]
        self.fields["roles"].choice_hints = ROLE_DESCRIPTIONS  # type: ignore[attr-defined]


class GrantRoleForm(GovukForm):
    role = forms.ChoiceField(
        label="Role",
        widget=forms.RadioSelect,
        error_messages={"required": "Select a role", "invalid_choice": "Select a role from the list"},
    )
    agency = ChooseOne(
        label="Agency",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="No agency",
        help_text="Needed for agency safeguarding leads, practitioners and line managers",
        error_messages={"invalid_choice": "Select an agency from the list"},
    )

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = active_agency_choices()  # type: ignore[attr-defined]
        self.fields["role"].choices = _role_choices(actor)  # type: ignore[attr-defined]
        self.fields["role"].choice_hints = ROLE_DESCRIPTIONS  # type: ignore[attr-defined]


class PersonDetailsForm(GovukForm):
    input_widths = {"full_name": "govuk-!-width-two-thirds", "job_title": "govuk-!-width-two-thirds"}
    full_name = forms.CharField(
        label="Full name", max_length=150, error_messages={"required": "Enter the person's full name"}
    )
    job_title = forms.CharField(label="Job title (optional)", max_length=150, required=False)


class PeopleFilterForm(GovukForm):
    q = forms.CharField(label="Name or email", required=False, max_length=100)
    agency = forms.TypedChoiceField(
        label="Agency",
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Select an agency from the list"},
    )
    # Fixed choices are given once, here: setting choices normalises them again on every form.
    role = forms.ChoiceField(
        label="Role", required=False, choices=[("", "All roles"), *((r.value, str(r.label)) for r in Role)]
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("active", "Active"), ("deactivated", "Deactivated"), ("all", "All")],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", "All agencies"), *agency_names()]  # type: ignore[attr-defined]
