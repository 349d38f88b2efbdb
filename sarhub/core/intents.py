"""A press of a button interrupted by the step-up (a fresh security code) is finished, not dropped.

The rule: a POST that reaches a view marked `recent_second_factor` while the person's last code is too
old is held as an intent, and the person is asked for a code. Once the code is right, the intent is
carried out exactly as first pressed, and the person lands where the action sends them (usually back
on the page they came from, with its message). An intent is
- bound to the person (its token is signed with their id, and lives in their own session),
- bound to the form data (kept on the server in the session; the token only names it),
- single-use (taken out of the session before it runs), and
- short-lived (INTENT_MAX_AGE); an expired or missing intent sends the person back to the page they came
  from, told plainly to press the button again. Nothing is ever done silently, or silently dropped.
A POST carrying files is never held (files do not belong in a session): the person is asked to press
the button again after the code.
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta
from typing import Any

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.http import url_has_allowed_host_and_scheme

from sarhub.core.tokens import new_token

SESSION_KEY = "step_up_intents"
SALT = "sarhub.step-up-intent"
INTENT_MAX_AGE = timedelta(minutes=10)
MAX_HELD = 5
PRESS_AGAIN = "Your security code is confirmed. Your action was not finished: press the button again to finish it."


def came_from(request: HttpRequest) -> str:
    """The page the person pressed the button on (this site only), or ""."""
    referer = request.META.get("HTTP_REFERER", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return ""


def hold(request: HttpRequest) -> str:
    """Keep this POST to finish after the code; returns the signed token naming it ("" if it has files)."""
    if request.FILES:
        return ""
    data = {key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"}
    key = new_token(16)
    held: dict[str, Any] = dict(request.session.get(SESSION_KEY, {}))
    held[key] = {"path": request.path, "data": data, "back": came_from(request), "at": timezone.now().isoformat()}
    # Keep the newest few: a person who pressed several buttons and walked away leaves nothing behind.
    request.session[SESSION_KEY] = dict(sorted(held.items(), key=lambda item: item[1]["at"])[-MAX_HELD:])
    return signing.dumps({"k": key, "p": request.user.pk}, salt=SALT)


def _take(request: HttpRequest, token: str) -> dict[str, Any] | None:
    try:
        payload = signing.loads(token, salt=SALT, max_age=INTENT_MAX_AGE)
    except signing.BadSignature:
        return None
    if payload.get("p") != request.user.pk:
        return None
    held: dict[str, Any] = dict(request.session.get(SESSION_KEY, {}))
    intent = held.pop(str(payload.get("k")), None)
    request.session[SESSION_KEY] = held
    if intent is None or timezone.now() - datetime.fromisoformat(intent["at"]) > INTENT_MAX_AGE:
        return None
    return intent


def resume(request: HttpRequest, token: str, fallback: str) -> HttpResponse:
    """After a right code: carry out the held POST through its own view (every access rule checked
    again), or send the person back to `fallback` asking them to press the button again."""
    intent = _take(request, token) if token else None
    if intent is None:
        messages.warning(request, PRESS_AGAIN)
        return HttpResponseRedirect(fallback)
    try:
        match = resolve(intent["path"])
    except Resolver404:
        messages.warning(request, PRESS_AGAIN)
        return HttpResponseRedirect(intent["back"] or fallback)
    replay = copy.copy(request)
    post = QueryDict(mutable=True)
    for key, values in intent["data"].items():
        post.setlist(key, values)
    post._mutable = False
    replay.method = "POST"
    replay.POST = post  # type: ignore[assignment]
    replay._files = MultiValueDict()  # type: ignore[attr-defined]
    replay.path = replay.path_info = intent["path"]
    replay.META = {
        **request.META,
        "REQUEST_METHOD": "POST",
        "PATH_INFO": intent["path"],
        "HTTP_REFERER": intent["back"],
    }
    replay.resolver_match = match
    response: HttpResponse = match.func(replay, *match.args, **match.kwargs)
    if isinstance(response, HttpResponseRedirect):
        return response
    # The action answered with a page of its own (a form to correct, say): its address would be the
    # step-up's, so send the person back to where they were instead, told to press again.
    messages.warning(request, PRESS_AGAIN)
    return HttpResponseRedirect(intent["back"] or fallback)
