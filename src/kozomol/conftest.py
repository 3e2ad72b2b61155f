"""Fixtures shared by every app's tests, including the browser (Playwright + chromium)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from kozomol.testing import World, make_world

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def world(db: Any) -> World:
    return make_world()


def _browser_required() -> bool:
    return os.environ.get("KOZOMOL_REQUIRE_BROWSER", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM) or shutil.which("chromium") is None:
        if _browser_required():
            pytest.fail(f"{CHROMIUM} is missing and KOZOMOL_REQUIRE_BROWSER is set")
        pytest.skip(f"BROWSER TESTS SKIPPED: {CHROMIUM} is missing (install Debian's chromium)")
    # Playwright's sync API keeps an event loop in this thread; the ORM calls the
    # tests make between browser steps are still synchronous and safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: Any, transactional_db: Any) -> Iterator[Any]:
    from kozomol.testing import ensure_reference_places

    ensure_reference_places()
    context = browser.new_context(base_url=live_server.url, locale="ru-RU")
    context.set_default_timeout(15_000)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def phone_page(browser: Any, live_server: Any, transactional_db: Any) -> Iterator[Any]:
    """A 360 px wide phone screen."""
    from kozomol.testing import ensure_reference_places

    ensure_reference_places()
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        locale="ru-RU",
    )
    context.set_default_timeout(15_000)
    pg = context.new_page()
    yield pg
    context.close()


def login(page: Any, email: str, password: str) -> None:
    """Log in through the real form, passing the second factor when one is asked for."""
    import pyotp

    page.goto("/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if "/accounts/two-factor/setup/" in page.url:
        secret = page.locator("#totp-secret").inner_text()
        page.fill("#id_code", pyotp.TOTP(secret).now())
        page.click("main form button[type=submit]")
        page.wait_for_selector("#recovery-codes")
        page.click("main a.button")
    elif "/accounts/two-factor/" in page.url:
        from kozomol.accounts.models import TOTPDevice

        device = TOTPDevice.objects.get(user__email=email)
        page.fill("#id_code", pyotp.TOTP(device.secret).now())
        page.click("main form button[type=submit]")
        page.wait_for_url(lambda url: "/accounts/two-factor/" not in url)
