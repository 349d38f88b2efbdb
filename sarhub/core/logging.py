"""Logging filters: every line carries the request id; secrets in URLs never reach a log.

Single-use links carry their token in the path (/invitation/<token>/, /rsvp/<token>/,
/account/reset/<uid>/<token>/). The same link also travels URL-encoded, once or more, in a `next=`
parameter (the sign-in and second-factor steps return to it), so a token is looked for in every
encoding: slashes written as /, %2F, %252F, ...; and, as a last resort, in the text decoded
repeatedly (a bounded number of times). Wherever a token is found, it is replaced in the logged text.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import unquote

from django.utils.log import AdminEmailHandler

from sarhub.core import request_context

# A slash, plain or percent-encoded any number of times (%2F, %252F, %25252F, ...).
_SLASH = r"(?:/|%(?:25)*2[fF])"
# The token runs to the end of the path: whitespace, a quote, or ? & # = (plain or encoded) ends it.
_END = r"%(?:25)*(?:3[fF]|26|23|3[dD]|20|22|27)"
TOKEN_PATH = re.compile(
    rf"({_SLASH}(?:invitation|rsvp|reset){_SLASH})((?:(?!{_END})[^\s\"'?&#=<>])+)",
    re.IGNORECASE,
)
REDACTED = "[redacted]"
# How many times a text is decoded when looking for a token hidden by escaped letters.
MAX_DECODINGS = 8


def _redact_once(text: str) -> str:
    return TOKEN_PATH.sub(rf"\1{REDACTED}", text)


def _hides_a_token(text: str) -> bool:
    return any(not match.group(2).startswith(REDACTED) for match in TOKEN_PATH.finditer(text))


def redact(text: str) -> str:
    """`text` with every link token replaced by [redacted], whatever the link's encoding."""
    redacted = _redact_once(text)
    if "%" not in redacted:
        return redacted
    decoded = redacted
    for _ in range(MAX_DECODINGS):
        once = unquote(decoded)
        if once == decoded:
            break
        decoded = once
        if _hides_a_token(decoded):
            # Escaped letters hid a token from the pattern: log the decoded text, redacted.
            return redact(decoded)
    else:
        if "%" in decoded and unquote(decoded) != decoded:
            # Encoded more deeply than anyone would: keep nothing of the escaped runs.
            return re.sub(r"\S*%[0-9A-Fa-f]{2}\S*", REDACTED, redacted)
    return redacted


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


class RedactingAdminEmailHandler(AdminEmailHandler):
    """Error emails to the Board's administrators, with tokens redacted from the subject and the report.

    The report lists the request's address, query, referrer and server variables: any of them may
    carry a reply or invitation link, encoded or not.
    """

    def send_mail(self, subject: Any, message: Any, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("html_message"):
            kwargs["html_message"] = redact(str(kwargs["html_message"]))
        super().send_mail(redact(str(subject)), redact(str(message)), *args, **kwargs)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "request_id", None) or request_context.current().request_id
        return True
