"""Sending one email to one person, so that a failure never breaks the page the person is using.

Each message has exactly one recipient. A failure is logged with its kind only (never the address or
the content) and reported to the caller, who decides what to tell the person.
"""

from __future__ import annotations

import logging

from django.core.mail import EmailMessage

logger = logging.getLogger("sarhub.email")


def send_one(
    *, subject: str, body: str, to: str, purpose: str, attachments: list[tuple[str, bytes, str]] | None = None
) -> bool:
    """Send one message to one address; attachments are (file name, content, MIME type)."""
    try:
        message = EmailMessage(subject=subject, body=body, to=[to])
        for name, content, mimetype in attachments or []:
            message.attach(name, content, mimetype)
        message.send()
    except Exception as error:  # any transport failure: logged without personal data
        logger.error("Email not sent (%s): %s", purpose, type(error).__name__)
        return False
    return True
