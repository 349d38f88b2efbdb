"""Reply and invitation tokens never reach a log, an error email or the audit log, whatever their encoding.

The second-factor step and the sign-in page carry the link they return to in `next=`, URL-encoded
(and a link forwarded through another redirect is encoded twice): the token must be found and
replaced in every form.
"""

from __future__ import annotations

import logging
import sys
from urllib.parse import quote, unquote

import pytest
from django.core import mail
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from sarhub.audit.models import AuditEvent
from sarhub.core.logging import redact
from tests.pages import browse_as

SECRET = "Rk9-fictional_Tok3n"


def _encodings(path: str) -> list[str]:
    once = quote(path, safe="")
    twice = quote(once, safe="")
    return [
        path,  # plain
        once,  # %2Fevents%2Frsvp%2F…
        once.lower().replace(SECRET.lower(), SECRET),  # %2f…: lower-case escapes
        twice,  # %252F…
        quote(twice, safe=""),  # %25252F…
        "/account/second-factor/?next=" + once,
        "/account/second-factor/?next=" + twice + "&intent=x",
        "/sign-in/?next=" + quote("/account/second-factor/?next=" + once, safe=""),
        # Letters escaped too (no browser does this, but the log must not depend on it).
        "/events/%72svp/" + SECRET + "/",
        "/events/rsvp%2f" + "".join(f"%{ord(c):02X}" for c in SECRET) + "%2F",
    ]


def _every_decoding(text: str) -> list[str]:
    forms = [text]
    for _ in range(6):
        forms.append(unquote(forms[-1]))
    return forms


def _assert_no_token(text: str, secret: str) -> None:
    for form in _every_decoding(text):
        assert secret not in form, text


@pytest.mark.parametrize("logged", _encodings(f"/events/rsvp/{SECRET}/"))
def test_redact_finds_the_token_in_any_encoding(logged: str) -> None:
    out = redact(f'"GET {logged} HTTP/1.1" 302 0')
    _assert_no_token(out, SECRET)
    assert "[redacted]" in out


@pytest.mark.parametrize(
    "plain",
    [
        "/account/second-factor/?next=%2Fpartnership%2Fpeople%2F",
        "Not Found: /reviews/12/",
        "100% of 3 replies",
        "/reviews/?q=reset%20plan",
    ],
)
def test_redact_leaves_other_addresses_alone(plain: str) -> None:
    assert redact(plain) == plain


def test_reply_tokens_in_any_encoding_never_reach_the_log_or_the_audit_log(personas, console_output):
    secret = SECRET
    link = reverse("events:reply", args=[secret])
    before = AuditEvent.objects.count()

    # A link that is not (or no longer) the signed-in person's: django.request logs the 404 with the path.
    browse_as(personas["line_manager"]).get(link, status=404)
    # Signed out: the redirect to sign in carries the link in "next" ...
    signed_out = Client().get(link)
    assert signed_out.status_code == 302
    # ... and an address that is not found logs its path, once decoded by the server: an encoded
    # token inside it stays encoded (hand-made addresses, as a scanner or a mangled link would send).
    for logged in _encodings(link):
        Client().get("/no-such-page/" + quote(logged, safe="/"))
        Client().get("/no-such-page/", {"next": logged})
    # What runserver logs for each request line, with the query string as sent.
    server = logging.getLogger("django.server")
    for logged in [*_encodings(link), signed_out["Location"]]:
        server.info('"%s" %s %s', f"GET {logged} HTTP/1.1", "302", "0")
    logging.getLogger("django.request").warning("Forbidden: %s", quote(quote(link, safe=""), safe=""))

    output = console_output.getvalue()
    assert "[redacted]" in output
    _assert_no_token(output, secret)
    rows = "\n".join(str(v) for row in AuditEvent.objects.filter(pk__gt=before).values() for v in row.values())
    _assert_no_token(rows, secret)


@override_settings(ADMINS=[("Fictional Admin", "admin@example.org")])
def test_error_emails_carry_no_token_in_any_encoding(db) -> None:
    path = f"/events/rsvp/{SECRET}/"
    once = quote(path, safe="")
    request = RequestFactory().get(
        "/account/second-factor/",
        {"next": path, "back": once, "again": quote(once, safe="")},
        HTTP_REFERER="https://testserver/sign-in/?next=" + once,
    )
    try:
        raise RuntimeError("fictional failure")
    except RuntimeError:
        logging.getLogger("django.request").error(
            "Internal Server Error: %s",
            request.get_full_path(),
            extra={"status_code": 500, "request": request},
            exc_info=sys.exc_info(),
        )
    assert mail.outbox, "an error email is sent"
    for message in mail.outbox:
        _assert_no_token(str(message.subject), SECRET)
        _assert_no_token(str(message.body), SECRET)
        for alternative, _ in getattr(message, "alternatives", []):
            _assert_no_token(str(alternative), SECRET)


def test_audit_detail_never_holds_a_token(db) -> None:
    from sarhub.audit.models import Action
    from sarhub.audit.services import record

    event = record(Action.SECOND_FACTOR, detail="step-up next=" + quote(f"/events/rsvp/{SECRET}/", safe=""))
    _assert_no_token(event.detail, SECRET)
