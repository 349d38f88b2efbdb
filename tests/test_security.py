"""Cross-cutting security: response headers, the deployment check, settings that fail closed, output escaping."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sarhub.audit.services import record
from sarhub.partnership import services
from sarhub.partnership.models import Agency, Board, Person

BASE_DIR = Path(__file__).resolve().parent.parent
PUBLIC_PAGES = ["core:public-home", "core:accessibility", "core:privacy", "accounts:login", "accounts:password-reset"]
PRIVATE_PAGES = [
    "workspace:home",
    "accounts:account",
    "accounts:sessions",
    "partnership:overview",
    "partnership:agency-list",
    "audit:list",
]


def _csp(response: Any) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def _assert_security_headers(response: Any) -> None:
    csp = _csp(response)
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def _assert_no_inline_script_or_style(body: str) -> None:
    """What the CSP forbids must not be on the page, or the page would break."""
    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", body, flags=re.S)
    assert all(content.strip() == "" for content in scripts), "inline script"
    assert all("src=" in tag for tag in re.findall(r"<script\b[^>]*>", body))
    assert "<style" not in body, "inline style element"
    assert not re.search(r"<[^>]+\sstyle\s*=", body), "inline style attribute"
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", body), "inline event handler"
    assert "javascript:" not in body


def _cache_control(response: Any) -> set[str]:
    return {p.strip() for p in response.get("Cache-Control", "").split(",") if p.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_pages_send_the_security_headers(personas, name):
    response = Client().get(reverse(name))
    assert response.status_code == 200
    _assert_security_headers(response)
    _assert_no_inline_script_or_style(response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("name", PRIVATE_PAGES)
def test_private_pages_send_the_security_headers_and_are_never_stored(personas, client_for, name):
    response = client_for(personas["bu_manager"]).get(reverse(name))
    assert response.status_code == 200
    _assert_security_headers(response)
    assert {"no-store", "private"} <= _cache_control(response)
    assert "public" not in _cache_control(response)
    _assert_no_inline_script_or_style(response.content.decode())


@pytest.mark.django_db
def test_public_pages_seen_by_a_signed_in_person_are_not_cached_publicly(personas, client_for):
    response = client_for(personas["practitioner"]).get(reverse("core:public-home"))
    assert "no-store" in _cache_control(response)
    assert "public" not in _cache_control(response)


@pytest.mark.django_db
def test_error_pages_and_downloads_send_the_headers_too(personas, client_for):
    client = client_for(personas["practitioner"])
    for response, status in ((client.get(reverse("partnership:overview")), 403), (client.get("/no-such-page/"), 404)):
        assert response.status_code == status
        _assert_security_headers(response)
        assert "no-store" in _cache_control(response)
    export = client_for(personas["bu_manager"]).get(reverse("audit:export"))
    _assert_security_headers(export)
    assert "no-store" in _cache_control(export)


@pytest.mark.django_db
def test_the_two_factor_set_up_page_works_under_the_csp(personas):
    client = Client()
    client.force_login(personas["chair"])
    response = client.get(reverse("accounts:two-factor-setup"))
    assert response.status_code == 200
    _assert_security_headers(response)
    assert "no-store" in _cache_control(response)
    _assert_no_inline_script_or_style(response.content.decode())


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_http_only_and_same_site(personas):
    from tests.factories import TEST_PASSWORD

    client = Client()
    client.get(reverse("accounts:login"))
    response = client.post(reverse("accounts:login"), {"username": personas["chair"].email, "password": TEST_PASSWORD})
    session_cookie = response.cookies["sessionid"]
    assert session_cookie["httponly"]
    assert session_cookie["samesite"] == "Lax"
    assert session_cookie["max-age"] in ("", None) or int(session_cookie["max-age"]) <= 1800
    assert client.cookies["csrftoken"]["httponly"]


# --- Deployment and settings ----------------------------------------------------------------------------


# Set by the test run itself (bin/test, the browser tests), never in production.
TEST_ONLY_ENVIRONMENT = ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")


def _clean_env(tmp_path: Path, **overrides: str | None) -> dict[str, str]:
    env: dict[str, str | None] = {
        k: v for k, v in os.environ.items() if not k.startswith("SARHUB_") and k not in TEST_ONLY_ENVIRONMENT
    }
    env.update(
        {
            "SARHUB_DEBUG": "false",
            "SARHUB_TESTING": "false",
            "SARHUB_SECRET_KEY": secrets.token_urlsafe(48)[:64],
            "SARHUB_ALLOWED_HOSTS": "sarhub.example.org",
            "SARHUB_SQLITE_PATH": str(tmp_path / "check.sqlite3"),
        }
    )
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _import_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = (
        "import config.settings as s; "
        "print(s.DEBUG, s.DEMO_MODE, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT)"
    )
    return _run(["-c", code], env)


def test_deploy_check_is_clean_under_production_settings(tmp_path):
    env = _clean_env(tmp_path)
    assert len(env["SARHUB_SECRET_KEY"]) == 64
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING", "--settings=config.settings"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_are_secure_by_default(tmp_path):
    result = _import_settings(_clean_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "True", "True", "63072000", "True"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"SARHUB_SECRET_KEY": None}, "SARHUB_SECRET_KEY must be set"),
        ({"SARHUB_SECRET_KEY": ""}, "SARHUB_SECRET_KEY must be set"),
        ({"SARHUB_SECRET_KEY": "too-short-" * 4}, "SARHUB_SECRET_KEY must be set"),
        ({"SARHUB_ALLOWED_HOSTS": None}, "SARHUB_ALLOWED_HOSTS must list"),
        ({"SARHUB_DEMO_MODE": "true"}, "SARHUB_DEMO_MODE is only allowed with SARHUB_DEBUG=true"),
        ({"SARHUB_DEMO_MODE": "true", "SARHUB_DEBUG": None}, "SARHUB_DEMO_MODE is only allowed"),
        ({"SARHUB_INVITATION_HOURS": "73"}, "Invitations must expire within 72 hours"),
        ({"SARHUB_TRUSTED_PROXIES": "127.0.0.1,proxy.internal"}, "SARHUB_TRUSTED_PROXIES: 'proxy.internal'"),
    ],
)
def test_settings_fail_closed(tmp_path, overrides, message):
    result = _import_settings(_clean_env(tmp_path, **overrides))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_debug_off_is_the_default(tmp_path):
    result = _import_settings(_clean_env(tmp_path, SARHUB_DEBUG=None))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "False"


def test_demo_mode_is_allowed_only_with_debug(tmp_path):
    result = _import_settings(
        _clean_env(tmp_path, SARHUB_DEBUG="true", SARHUB_DEMO_MODE="true", SARHUB_SECRET_KEY=None)
    )
    assert result.returncode == 0, result.stderr
    debug, demo, cookie_secure, *_ = result.stdout.split()
    assert (debug, demo, cookie_secure) == ("True", "True", "False")


# --- Output escaping ------------------------------------------------------------------------------------

PAYLOAD = "<script>alert(1)</script>"
ATTRIBUTE_PAYLOAD = '"><img src=x onerror=alert(1)>'


@pytest.mark.django_db
def test_stored_script_in_an_agency_name_is_escaped(personas, client_for):
    client = client_for(personas["bu_manager"])
    response = client.post(
        reverse("partnership:agency-create"),
        {"name": PAYLOAD, "agency_type": "other", "short_name": ATTRIBUTE_PAYLOAD, "is_active": "on"},
    )
    assert response.status_code == 302
    agency = Agency.objects.get(name=PAYLOAD)
    pages = [
        client.get(reverse("partnership:agency-list")),
        client.get(reverse("partnership:agency-detail", args=[agency.pk])),
        client.get(reverse("partnership:agency-edit", args=[agency.pk])),
        client.get(reverse("partnership:role-add", args=[personas["chair"].pk])),
        client.get(reverse("partnership:invitation-create")),
        client.get(response["Location"]),  # with the success message that names the agency
    ]
    for page in pages:
        body = page.content.decode()
        assert PAYLOAD not in body
        assert "<img src=x" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[0].content.decode()


@pytest.mark.django_db
def test_stored_script_in_people_and_the_board_is_escaped(personas, client_for):
    Person.objects.filter(pk=personas["practitioner"].pk).update(full_name=PAYLOAD, job_title=ATTRIBUTE_PAYLOAD)
    Board.objects.update(name=PAYLOAD, concern_phone=ATTRIBUTE_PAYLOAD, website="javascript:alert(1)")
    record("view", obj=("x", PAYLOAD), detail=PAYLOAD)
    manager = client_for(personas["bu_manager"])
    pages = [
        Client().get(reverse("core:public-home")),
        Client().get(reverse("accounts:login")),
        manager.get(reverse("partnership:person-list")),
        manager.get(reverse("partnership:person-detail", args=[personas["practitioner"].pk])),
        manager.get(reverse("audit:list")),
        client_for(personas["practitioner"]).get(reverse("workspace:home")),
    ]
    for page in pages:
        body = page.content.decode()
        assert page.status_code == 200
        assert PAYLOAD not in body
        assert "<img src=x" not in body
        assert "&lt;script&gt;" in body


@pytest.mark.django_db
def test_invitation_email_is_plain_text_and_the_page_escapes_names(personas, client_for):
    issued = services.invite_person(
        personas["bu_manager"],
        email="xss@testshire.example.org",
        full_name=PAYLOAD,
        agency=None,
        roles=["board_member"],
    )
    body = client_for(personas["bu_manager"]).get(reverse("partnership:invitation-list")).content.decode()
    assert PAYLOAD not in body
    accept = Client()
    accept.get(issued.path)
    page = accept.get(reverse("accounts:invitation-accept")).content.decode()
    assert PAYLOAD not in page
