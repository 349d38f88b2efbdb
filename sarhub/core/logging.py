"""Logging filters: every line carries the request id; secrets in URLs never reach a log."""

from __future__ import annotations

import logging
import re

from sarhub.core import request_context

# Single-use links carry their token in the path (/invitation/<token>/, later /rsvp/<token>/):
# the token is replaced before the record is formatted.
TOKEN_PATH = re.compile(r"(/(?:invitation|rsvp|reset)/)[^\s\"?]+")


def redact(text: str) -> str:
    return TOKEN_PATH.sub(r"\1[redacted]", text)


class RedactTokensFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a badly formed record is still logged, unredacted args dropped
            message = str(record.msg)
        redacted = redact(message)
        if redacted != message:
            record.msg = redacted
            record.args = None
        return True


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or request_context.current().request_id
        return True
