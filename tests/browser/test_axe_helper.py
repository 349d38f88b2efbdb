"""The axe helper itself: it must fail on a real violation, or a clean sweep would mean nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.support import Axe


def test_axe_helper_reports_violations(page: Page, axe: Axe) -> None:
    page.set_content(
        '<!DOCTYPE html><html lang="en-GB"><head><title>Broken</title></head>'
        '<body><main><h1>Broken</h1><img src="data:," id="no-alt"><input id="unlabelled"></main></body></html>'
    )
    with pytest.raises(AssertionError) as failure:
        axe(page)
    message = str(failure.value)
    assert "image-alt" in message
    assert "#no-alt" in message
    assert "label" in message
    assert "#unlabelled" in message


def test_axe_helper_reports_script_errors(page: Page, axe: Axe) -> None:
    page.set_content(
        '<!DOCTYPE html><html lang="en-GB"><head><title>Script error</title></head>'
        "<body><main><h1>Script error</h1><script>throw new Error('boom')</script></main></body></html>"
    )
    with pytest.raises(AssertionError, match=r"script error.*boom"):
        axe(page)
