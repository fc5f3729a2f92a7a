"""Logins in a real browser: a login from the overview page (the default page) signs in, and a
replayed session id does not carry a login to another browser.

Streamlit's reconnect sends the tab's session id in the websocket's subprotocol header, in
clear: anyone who sees one request (a proxy log, a shared screen of the developer tools, the
server log) knows it. The replay here is done the way such an attacker would: a browser of
their own, with no cookie of the victim, that connects presenting the victim's id.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from etl.access import users
from etl.config import ENV_DATA_DIR, ENV_DB, Settings
from tests.browser.conftest import (
    BROWSER_PASSWORD,
    CHROMIUM_ARGS,
    ROOT,
    Browser,
    _free_port,
    _wait_for,
    log_in,
    wait_idle,
)

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Request, Route

# Wraps the page's WebSocket: keeps every socket and the subprotocols it was opened with (the
# session id is their third entry on a reconnect), and, when ``window.__replay`` is set before,
# presents that session id instead of the page's own.
SOCKETS = """
(() => {
  const Native = window.WebSocket;
  window.__protocols = [];
  window.__sockets = [];
  function Watched(url, protocols) {
    let list = protocols === undefined ? [] : [].concat(protocols);
    if (window.__replay && list.length >= 2) list = [list[0], list[1], window.__replay];
    window.__protocols.push(list);
    const socket = new Native(url, list);
    window.__sockets.push(socket);
    return socket;
  }
  Watched.prototype = Native.prototype;
  Object.assign(Watched, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  window.WebSocket = Watched;
})();
"""
SIGNED_IN = "Đã đăng nhập: lan"
AUDIT_LINK = "Nhật ký"


@dataclass
class Server:
    """A dashboard serving the dashboard's fixture warehouse (the overview draws its figures
    and its map), with the login ``lan`` (admin) in a data folder of its own; its log goes to
    ``log`` (read by the tests: no session id may appear in it)."""

    url: str
    settings: Settings
    log: Path


@pytest.fixture
def login_server(dashboard_warehouse: Settings, tmp_path: Path) -> Iterator[Server]:
    settings = Settings.from_env(
        {}, data_dir=tmp_path / "data", db_path=dashboard_warehouse.db_path
    )
    users.add_user(settings, "lan", "admin", BROWSER_PASSWORD)
    port, log = _free_port(), tmp_path / "server.log"
    env = {**os.environ, ENV_DB: str(settings.db_path), ENV_DATA_DIR: str(settings.data_dir)}
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
             "--server.port", str(port), "--server.headless", "true"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://localhost:{port}"
        try:
            _wait_for(url + "/_stcore/health", process)
            yield Server(url, settings, log)
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_a_login_from_the_overview_page_signs_in(login_server: Server, browser: Browser) -> None:
    url = login_server.url
    page = browser.page
    page.goto(url)
    page.get_by_test_id("stMetricValue").first.wait_for(timeout=60_000)  # the overview is up
    log_in(page, "lan")
    page.get_by_role("link", name=AUDIT_LINK).click()  # an administrator's page
    page.get_by_role("heading", name="Nhật ký").wait_for(timeout=30_000)
    assert page.get_by_text("Trang này cần đăng nhập").count() == 0
    assert page.get_by_test_id("stException").count() == 0
    assert browser.outside_requests == []


def test_a_wrong_password_on_the_overview_page_says_so(
    login_server: Server, browser: Browser
) -> None:
    url = login_server.url
    page = browser.page
    page.goto(url)
    page.get_by_test_id("stMetricValue").first.wait_for(timeout=60_000)
    wait_idle(page)
    name_box = page.get_by_label("Tên đăng nhập")
    page.get_by_test_id("stExpander").filter(has=name_box).locator("summary").click()
    name_box.fill("lan")
    page.get_by_label("Mật khẩu").fill("không phải mật khẩu")
    page.get_by_test_id("stFormSubmitButton").get_by_role("button").click()
    page.get_by_text("Sai tên đăng nhập hoặc mật khẩu.").wait_for(timeout=30_000)
    assert page.get_by_text(SIGNED_IN).count() == 0


@pytest.fixture
def two_browsers(chromium_path: str) -> Iterator[tuple[BrowserContext, BrowserContext, list]]:
    """Two browser contexts (no shared cookies or storage), each watching its websockets, with
    requests off localhost blocked and listed."""
    from playwright.sync_api import sync_playwright

    outside: list[str] = []

    def _guard(route: Route, request: Request) -> None:
        host = request.url.split("/")[2].split(":")[0] if "://" in request.url else ""
        if request.url.startswith(("data:", "blob:")) or host in ("localhost", "127.0.0.1"):
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        contexts = []
        for _ in range(2):
            context = chromium.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
            context.route("**/*", _guard)
            contexts.append(context)
        yield contexts[0], contexts[1], outside
        chromium.close()


def test_a_replayed_session_id_does_not_sign_in_another_browser(
    login_server: Server,
    two_browsers: tuple[BrowserContext, BrowserContext, list],
) -> None:
    url = login_server.url
    victim_context, attacker_context, outside = two_browsers
    victim_context.add_init_script(SOCKETS)
    victim = victim_context.new_page()
    victim.goto(url)
    log_in(victim, "lan")
    victim.get_by_role("link", name=AUDIT_LINK).wait_for(timeout=30_000)
    session_id = _session_id(victim)

    attacker_context.add_init_script(f"window.__replay = {session_id!r};")
    attacker_context.add_init_script(SOCKETS)
    attacker = attacker_context.new_page()
    attacker.goto(url)
    wait_idle(attacker)
    assert attacker.evaluate("window.__protocols[0][2]") == session_id  # the replay was sent
    attacker.get_by_test_id("stSidebar").wait_for(timeout=30_000)
    wait_idle(attacker)
    assert attacker.get_by_text(SIGNED_IN).count() == 0
    assert attacker.get_by_role("link", name=AUDIT_LINK).count() == 0
    attacker_context.close()

    # The victim's tab reconnects (its session was moved away) and is still signed in; a
    # reload too (through the cookie), with the administrator's page in reach.
    victim.get_by_text(SIGNED_IN).wait_for(timeout=30_000)
    victim.reload()
    victim.get_by_text(SIGNED_IN).wait_for(timeout=60_000)
    wait_idle(victim)
    victim.get_by_role("link", name=AUDIT_LINK).click()
    victim.get_by_role("heading", name="Nhật ký").wait_for(timeout=30_000)
    assert outside == []
    # Streamlit logged the reconnects, without the id.
    log = login_server.log.read_text(encoding="utf-8")
    assert "already connected" in log
    assert session_id not in log


def _session_id(page: Page) -> str:
    """The page's Streamlit session id, as its next reconnect sends it (after a dropped
    connection, which the test causes)."""
    wait_idle(page)
    page.evaluate("window.__sockets.at(-1).close()")
    page.wait_for_function("window.__protocols.length >= 2 && window.__protocols.at(-1)[2]")
    wait_idle(page)
    return str(page.evaluate("window.__protocols.at(-1)[2]"))
