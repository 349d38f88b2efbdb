"""Sending one email to one person, so that a failure never breaks the page the person is using.

Each message has exactly one recipient. A failure is logged with its kind only (never the address or
the content) and reported to the caller, who decides what to tell the person.
"""

from __future__ import annotations

import logging
import re

from django.core.mail import EmailMessage

logger = logging.getLogger("sarhub.email")

_LINE_BREAKS = re.compile("[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]+")


def one_line(subject: str) -> str:
    """A subject on one line: any run of line breaks becomes one space, so a header can never be split
    (forms refuse line breaks in one-line fields; this guards values that arrived some other way)."""
    return " ".join(_LINE_BREAKS.sub(" ", subject).split())


def send_one(
    *, subject: str, body: str, to: str, purpose: str, attachments: list[tuple[str, bytes, str]] | None = None
) -> bool:
    """Send one message to one address; attachments are (file name, content, MIME type)."""
    try:
        message = EmailMessage(subject=one_line(subject), body=body, to=[to])
        for name, content, mimetype in attachments or []:
            message.attach(name, content, mimetype)
        message.send()
    except Exception as error:  # any transport failure: logged without personal data
        logger.error("Email not sent (%s): %s", purpose, type(error).__name__)
        return False
    return True
