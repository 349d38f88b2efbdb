from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


class MaximumLengthValidator:
    """Long passphrases are welcome (no limit below 64); an upper bound stops hashing huge inputs."""

    def __init__(self, max_length: int = 128) -> None:
        if max_length < 64:
            raise ValueError("Cyber Essentials: no maximum below 64 characters")
        self.max_length = max_length

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(f"Password must be {self.max_length} characters or fewer", code="password_too_long")

    def get_help_text(self) -> str:
        return f"Your password can be up to {self.max_length} characters long."
