"""The client address the lockout keys on: X-Forwarded-For is believed only from a trusted proxy, right to left."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from sarhub.accounts.lockout import client_address


def _address(remote: str, forwarded: str | None = None) -> str | None:
    request = RequestFactory().post("/sign-in/")
    request.META["REMOTE_ADDR"] = remote
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(request)


@pytest.fixture
def behind_proxy(settings):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/24"]


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("127.0.0.1", "198.51.100.7", "198.51.100.7"),  # the proxy says who it saw
        ("127.0.0.1", "203.0.113.1, 198.51.100.7", "198.51.100.7"),  # what the client wrote is to the left
        ("127.0.0.1", "203.0.113.1, 198.51.100.7, 10.0.0.5", "198.51.100.7"),  # a second trusted hop is skipped
        ("198.51.100.9", "203.0.113.1", "198.51.100.9"),  # not from a proxy: the header is not believed
        ("127.0.0.1", "", "127.0.0.1"),  # no header: the proxy's own address, shared (fails closed)
        ("127.0.0.1", "198.51.100.7, not-an-address", "127.0.0.1"),  # malformed: not believed
        ("127.0.0.1", "2001:db8::1", "2001:db8::1"),
    ],
)
def test_address_behind_a_trusted_proxy(behind_proxy, remote, forwarded, expected):
    assert _address(remote, forwarded) == expected


def test_without_a_proxy_the_header_is_ignored(settings):
    settings.BEHIND_PROXY = False
    assert _address("198.51.100.9", "203.0.113.1") == "198.51.100.9"
    assert _address("127.0.0.1", "203.0.113.1") == "127.0.0.1"
