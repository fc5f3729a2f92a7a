"""Real-browser fixtures: `streamlit run` on a free port, Debian's Chromium via Playwright.

Chromium is not downloaded by Playwright: the tests drive the system's ``/usr/bin/chromium``
(Debian package ``chromium``; `.ci/run` installs it). Without it they skip, unless
``CHODON_REQUIRE_BROWSER=1`` (set by CI) turns the skip into a failure.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from etl.config import ENV_DB, Settings

if TYPE_CHECKING:
    from playwright.sync_api import Dialog, Page, Request, Route

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHODON_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # No network but localhost: every other host fails to resolve, as on an unplugged laptop.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
]  # fmt: skip


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser" in str(item.path):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if shutil.which(CHROMIUM):
        return CHROMIUM
    message = f"{CHROMIUM} not found: install Debian's chromium (`apt-get install chromium`)"
    if os.environ.get("CHODON_REQUIRE_BROWSER") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def server(dashboard_warehouse: Settings) -> Iterator[str]:
    """Base URL of the dashboard served from the dashboard's fixture warehouse."""
    yield from _serve(dashboard_warehouse)


@pytest.fixture
def fresh_server(dashboard_warehouse: Settings) -> Iterator[str]:
    """A server of its own, that no browser has opened yet."""
    yield from _serve(dashboard_warehouse)


SAMPLE_TODAY = "2026-01-15"  # the sample's year 2025 has ended; its last quarter is 2025-Q4


@pytest.fixture
def sample_server(demo_warehouse: Settings) -> Iterator[str]:
    """A server of the committed sample (``demo_warehouse``), its clock on 2026-01-15."""
    yield from _serve(demo_warehouse, CHODON_AS_OF=SAMPLE_TODAY)


def _serve(warehouse: Settings, **env_extra: str) -> Iterator[str]:
    port = _free_port()
    env = {**os.environ, ENV_DB: str(warehouse.db_path), **env_extra}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
         "--server.port", str(port), "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://localhost:{port}"
    try:
        _wait_for(url + "/_stcore/health", process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@dataclass
class Browser:
    """A page, and every request it tried to send outside localhost (blocked)."""

    page: Page
    outside_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def browser(chromium_path: str, tmp_path: Path) -> Iterator[Browser]:
    """A Playwright page in a fresh Chromium profile, with requests off localhost blocked."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=chromium_path,
            args=CHROMIUM_ARGS,
            viewport={"width": 1366, "height": 768},
            locale="vi-VN",
        )
        session = Browser(context.new_page())

        def _guard(route: Route, request: Request) -> None:
            host = request.url.split("/")[2].split(":")[0] if "://" in request.url else ""
            if request.url.startswith(("data:", "blob:")) or host in ("localhost", "127.0.0.1"):
                route.continue_()
            else:
                session.outside_requests.append(request.url)
                route.abort()

        context.route("**/*", _guard)

        def _dialog(dialog: Dialog) -> None:  # an alert() would mean a name ran as code
            session.dialogs.append(dialog.message)
            dialog.dismiss()

        session.page.on("dialog", _dialog)
        yield session
        context.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            raise RuntimeError(f"streamlit exited early:\n{output}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer in {timeout}s")


# --- The import page: a server over its own copy of a data folder, with logins --------

BROWSER_PASSWORD = "mật khẩu trình duyệt"


@pytest.fixture
def import_server(places_template: Settings, tmp_path: Path) -> Iterator[tuple[str, Settings]]:
    """(base URL, settings) of a dashboard over a fresh copy of ``places_template`` (it may
    import and withdraw), with logins ``hoa`` (reporter, vhtt) and ``lan`` (admin)."""
    from etl.access import users

    settings = Settings.from_env({}, data_dir=tmp_path / "data")
    shutil.copytree(places_template.data_dir, settings.data_dir)
    users.add_user(settings, "hoa", "reporter", BROWSER_PASSWORD, unit_id="vhtt")
    users.add_user(settings, "lan", "admin", BROWSER_PASSWORD)
    for url in _serve(settings, CHODON_DATA_DIR=str(settings.data_dir)):
        yield url, settings


def log_in(page: Page, name: str, password: str = BROWSER_PASSWORD) -> None:
    """Sign in with the sidebar's login box and wait until it says who is signed in."""
    wait_idle(page)  # text typed while the first run still renders can be lost
    name_box = page.get_by_label("Tên đăng nhập")
    if not name_box.is_visible():
        page.get_by_test_id("stExpander").filter(has=name_box).locator("summary").click()
    name_box.fill(name)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_test_id("stFormSubmitButton").get_by_role("button").click()
    page.get_by_text(f"Đã đăng nhập: {name}").wait_for(timeout=30_000)


def wait_idle(page: Page, timeout: float = 60_000) -> None:
    """Wait until the app's script has finished its run."""
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        timeout=timeout
    )
