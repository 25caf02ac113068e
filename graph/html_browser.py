"""Open the HTML view in headless Chromium: screenshots, and the offline checks tests use.

Playwright drives the system's Chromium (Debian's ``/usr/bin/chromium``); nothing
is downloaded. Every request that is not for a ``file:`` URL is aborted, so a
screenshot also proves the page needs no network.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from newskg.atomic import atomic_write_bytes

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
READY_TIMEOUT_MS = 60_000


class BrowserNotFoundError(RuntimeError):
    pass


def find_chromium() -> str | None:
    """The Chromium to drive: ``$NEWSKG_CHROMIUM``, else the first system one found."""
    configured = os.environ.get("NEWSKG_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    for candidate in CHROMIUM_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    found = shutil.which("chromium")
    return found


@dataclass
class PageProblems:
    """What went wrong while a page was open: console errors, failed or blocked requests."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    blocked_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def all(self) -> list[str]:
        return self.console_errors + self.page_errors + self.blocked_requests + self.failed_requests + self.dialogs


@contextmanager
def launch_browser(executable: str | None = None) -> Iterator[object]:
    """A headless Chromium (a playwright ``Browser``), closed on exit."""
    from playwright.sync_api import sync_playwright

    executable = executable or find_chromium()
    if not executable:
        raise BrowserNotFoundError("no Chromium found (install Debian's 'chromium' or set NEWSKG_CHROMIUM)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def open_offline(browser, html_path: Path, *, width: int = 1280, height: int = 800, wait: bool = True):
    """Open ``html_path`` in a new page with the network blocked; returns ``(page, problems)``.

    Waits until the graph has drawn (``<body data-ready>``) unless ``wait`` is false.
    """
    context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
    problems = PageProblems()

    def route(route_request) -> None:
        url = route_request.request.url
        if url.startswith("file:") or url.startswith("data:") or url.startswith("blob:"):
            route_request.continue_()
        else:
            problems.blocked_requests.append(url)
            route_request.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda message: problems.console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.page_errors.append(str(error)))
    page.on("requestfailed", lambda request: problems.failed_requests.append(request.url))

    def on_dialog(dialog) -> None:
        problems.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(Path(html_path).resolve().as_uri())
    if wait:
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=READY_TIMEOUT_MS)
    return page, problems


def screenshot_html(html_path: Path, png_path: Path, *, width: int = 1280, height: int = 800) -> list[str]:
    """Save a PNG of the page as it opens; returns any problems seen (empty when clean)."""
    with launch_browser() as browser:
        page, problems = open_offline(browser, html_path, width=width, height=height)
        # Let the first frame settle (fonts, canvas resize) before the shot.
        page.wait_for_timeout(300)
        atomic_write_bytes(Path(png_path), page.screenshot(type="png"))
        page.context.close()
    return problems.all()
