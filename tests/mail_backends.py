"""A mail server that refuses some messages, as a real one does when it is down or rejects an address.

`FAILING` holds the addresses whose messages are refused ("*" refuses every message); every other message
is kept in `django.core.mail.outbox`, as Django's test backend does. Use the `failing_mail` fixture."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends import locmem

FAILING: set[str] = set()


class PartlyFailingBackend(locmem.EmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            refused = {address for address in message.recipients() if "*" in FAILING or address in FAILING}
            if refused:
                raise smtplib.SMTPRecipientsRefused(dict.fromkeys(refused, (550, b"Mailbox unavailable")))
        return super().send_messages(email_messages)
