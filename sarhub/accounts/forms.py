from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)

from sarhub.core.forms import GovukForm, GovukFormMixin

PASSWORD_HINT = (
    "Use at least 12 characters. A few unrelated words make a strong password you can remember. Avoid common passwords."  # noqa: S105 (help text)
)


class SignInForm(GovukFormMixin, AuthenticationForm):
    input_widths = {"username": "govuk-!-width-two-thirds", "password": "govuk-!-width-two-thirds"}
    error_messages = {
        "invalid_login": "Enter a correct email address and password",
        "inactive": "Enter a correct email address and password",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Email address"
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autocomplete": "email", "spellcheck": "false", "autofocus": True}
        )
        self.fields["username"].max_length = 254  # type: ignore[attr-defined]
        self.fields["username"].error_messages["required"] = "Enter your email address"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self._style_widgets()


class CodeForm(GovukForm):
    input_widths = {"otp_token": "govuk-input--width-10"}

    otp_token = forms.CharField(
        label="Security code",
        max_length=16,
        help_text="The 6-digit code from your authenticator app, or one of your backup codes",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false", "inputmode": "numeric"}),
        error_messages={"required": "Enter your security code"},
    )

    def clean_otp_token(self) -> str:
        token = "".join(self.cleaned_data["otp_token"].split())
        if not token.isalnum():
            raise forms.ValidationError("Enter the security code using only numbers and letters")
        return token


class SetUpCodeForm(CodeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["otp_token"].help_text = "The 6-digit code your authenticator app shows for SAR Hub"
        self.fields["otp_token"].widget.attrs["inputmode"] = "numeric"

    def clean_otp_token(self) -> str:
        token = super().clean_otp_token()
        if not (token.isdigit() and len(token) == 6):
            raise forms.ValidationError("Enter the 6-digit code from your authenticator app")
        return token


class AcceptInvitationForm(GovukForm):
    input_widths = {"email": "govuk-!-width-two-thirds", "full_name": "govuk-!-width-two-thirds"}

    email = forms.EmailField(
        label="Email address",
        help_text="The address this invitation was sent to",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        error_messages={"required": "Enter your full name"},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    password1 = forms.CharField(
        label="Create a password",
        help_text=PASSWORD_HINT,
        strip=False,
        max_length=1000,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter a password"},
    )
    password2 = forms.CharField(
        label="Confirm your password",
        strip=False,
        max_length=1000,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Confirm your password"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The passwords do not match")
        elif p1:
            from sarhub.partnership.models import Person

            probe = Person(email=data.get("email") or "", full_name=data.get("full_name") or "")
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class GovukPasswordChangeForm(GovukFormMixin, PasswordChangeForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Current password"
        self.fields["old_password"].error_messages["required"] = "Enter your current password"
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = PASSWORD_HINT
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password2"].error_messages["required"] = "Confirm your new password"
        self.error_messages = {
            **self.error_messages,
            "password_incorrect": "Your current password is not correct",
            "password_mismatch": "The new passwords do not match",
        }


class GovukSetPasswordForm(GovukFormMixin, SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = "New password"
        self.fields["new_password1"].help_text = PASSWORD_HINT
        self.fields["new_password1"].error_messages["required"] = "Enter a new password"
        self.fields["new_password2"].label = "Confirm new password"
        self.fields["new_password2"].error_messages["required"] = "Confirm your new password"
        self.error_messages = {**self.error_messages, "password_mismatch": "The passwords do not match"}


class GovukPasswordResetForm(GovukFormMixin, PasswordResetForm):
    input_widths = {"email": "govuk-!-width-two-thirds"}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].error_messages = {
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        }
