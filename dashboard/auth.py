"""Logins in the dashboard: the sidebar box, who is signed in, and the checks pages make.

Passwords are checked by ``etl.access.users.authenticate`` (salted scrypt hashes, every attempt
audited, throttled per name and per source). A login is bound to a server-side secret
(``etl.access.sessions``): the browser keeps a random token as a cookie, and on every run the
signed-in user counts only if the *current* connection proves it: its cookies (read from the
request that opened this websocket) hold a stored, unexpired token of that user, or it is the
very connection that logged in (the cookie reaches the server from the next connection on).
Streamlit's session id proves nothing: it travels in clear, and a browser that replays it
brings its own cookies, not the victim's. A reload keeps the login, through the cookie.

The checks here only decide what a page shows; the rules themselves are enforced again in the
ETL layer (``etl.access.roles``), whatever the page does. Under AppTest there is no browser
connection at all: the session state alone then says who is signed in.

The login's session-state keys are defined here; every other page's, in ``dashboard.state``.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass
from typing import Any

import streamlit as st
from streamlit import runtime
from streamlit.runtime.runtime import Runtime
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard.i18n import t
from dashboard.markdown import escape
from etl.access import sessions, users
from etl.access.users import User
from etl.config import Settings

USER = "auth_user"  # the etl.access.users.User signed in (a claim: see current_user)
LOGIN = "auth_login"  # the _Login this session made (its token and connection)
REFUSED = "auth_refused"  # (catalogue key, seconds) of the last refused login, shown once
LOGGED_OUT = "auth_logged_out"  # the browser's cookie is to be cleared, once
LOGIN_FORM = "auth_login_form"
NAME = "auth_name"
PASSWORD = "auth_password"
_NO_BROWSER = object()  # no real connection (AppTest): nothing can be proven by one


@dataclass(frozen=True)
class _Login:
    """A login made by this session: its token, and the connection that made it."""

    name: str
    token: str
    client: Any  # a weak reference to the connection, or None when there was none


def current_user(settings: Settings) -> User | None:
    """The user signed in on this connection, as the users file has them now; None when the
    connection does not prove a login (a removed user or a changed role takes effect at the
    next click)."""
    name = _proven_name(settings)
    now = users.get_user(settings, name) if name else None
    if now is None:
        st.session_state.pop(USER, None)
        st.session_state.pop(LOGIN, None)
        return None
    st.session_state[USER] = now
    return now


def login_box(settings: Settings, expanded: bool = False) -> None:
    """The sidebar's login form, folded away unless ``expanded`` (most readers never log in,
    and a folded form costs the first page load nothing), or who is signed in and a logout
    button.

    The form's work is done in its button's callback, which Streamlit runs before the script:
    in a fresh session the sidebar's widgets get new identities on the second run (the page
    is known from then on), so the button's "submitted" read in the script was lost on the
    first login from the default page, silently. A refusal is kept and shown by the next run.
    """
    user = current_user(settings)
    _write_cookie(settings)
    if user is not None:
        role = t(f"role_{user.role}")
        st.caption(t("login_signed_in", name=escape(user.name), role=role))  # a name is text
        st.button(t("logout_button"), key="auth_logout", on_click=_log_out, args=(settings,))
        return
    with (
        st.expander(t("login_heading"), expanded=expanded, icon=":material/login:"),
        st.form(LOGIN_FORM, clear_on_submit=True, border=False),
    ):
        st.text_input(t("login_name"), key=NAME)
        st.text_input(t("login_password"), type="password", key=PASSWORD)
        st.form_submit_button(t("login_button"), on_click=_log_in, args=(settings,))
    refused = st.session_state.pop(REFUSED, None)
    if refused is not None:
        reason, seconds = refused
        st.error(t(reason, seconds=math.ceil(seconds)))


def gate(settings: Settings) -> None:
    """Stop the page here when viewing requires a login (``CHODON_REQUIRE_LOGIN``) and no one
    is signed in."""
    if settings.require_login and current_user(settings) is None:
        st.info(t("login_required_to_view"), icon=":material/lock:")
        st.stop()


def require(settings: Settings, *roles: str) -> User:
    """The user signed in, if their role is one of ``roles``; otherwise say why and stop."""
    unknown = set(roles) - set(users.ROLES)
    if not roles or unknown:
        raise ValueError(f"roles must be some of {users.ROLES}, got {roles!r}")
    user = current_user(settings)
    if user is None:
        st.info(t("login_required"), icon=":material/lock:")
        st.stop()
    if user.role not in roles:
        st.warning(t("role_not_allowed", role=t(f"role_{user.role}")))
        st.stop()
    return user


def source(settings: Settings) -> str | None:
    """Where this connection comes from, for login throttling: the last entry of the trusted
    proxy's header when one is configured (``CHODON_TRUSTED_PROXY_HEADER``), else the
    connection's own address (None on the server itself, or with no real connection)."""
    if _connection() is _NO_BROWSER:
        return None
    if settings.trusted_proxy_header:
        value = st.context.headers.get(settings.trusted_proxy_header) or ""
        entries = [e.strip() for e in str(value).split(",") if e.strip()]
        if entries:
            return entries[-1]
    address = st.context.ip_address
    return address if isinstance(address, str) else None


def _proven_name(settings: Settings) -> str | None:
    """The login name this connection proves, or None."""
    connection = _connection()
    if connection is _NO_BROWSER:
        claimed = st.session_state.get(USER)
        return claimed.name if isinstance(claimed, User) else None
    login = st.session_state.get(LOGIN)
    if (
        isinstance(login, _Login)
        and connection is not None
        and login.client is not None
        and login.client() is connection
        and sessions.user_of(settings, sessions.digest(login.token)) == login.name
    ):
        return login.name
    token = _cookie_token()
    if token and not st.session_state.get(LOGGED_OUT):
        return sessions.user_of(settings, sessions.digest(token))
    return None


def _cookie_token() -> str | None:
    """The token this connection's cookie holds (None when none, or no real connection)."""
    if _connection() is _NO_BROWSER:
        return None
    token = st.context.cookies.get(sessions.COOKIE)
    return token if isinstance(token, str) and token else None


def _connection() -> object:
    """The connection this run answers (Streamlit's session client), None when none is
    attached, or :data:`_NO_BROWSER` when there is no real server (AppTest)."""
    instance = Runtime.instance() if runtime.exists() else None
    ctx = get_script_run_ctx()
    # AppTest's runtime is a mock made to pass for one (isinstance says yes, type says no).
    if type(instance) is not Runtime or ctx is None:
        return _NO_BROWSER
    return instance.get_client(ctx.session_id)


def _log_in(settings: Settings) -> None:
    """The login form's callback: check the name and password, start a session."""
    name = str(st.session_state.get(NAME) or "").strip()
    password = str(st.session_state.get(PASSWORD) or "")
    st.session_state[PASSWORD] = ""
    if not name:
        st.session_state[REFUSED] = ("login_name_missing", 0.0)
        return
    where = source(settings)
    try:
        user = users.authenticate(settings, name, password, source=where)
    except users.LoginRefused as refused:
        st.session_state[REFUSED] = (refused.reason, refused.wait_seconds)
        return
    _end_login(settings)
    connection = _connection()
    old = _cookie_token()  # this browser's last token: replaced
    token = sessions.start(settings, user.name, where or users.LOCAL, replacing=old)
    client = None if connection is _NO_BROWSER or connection is None else weakref.ref(connection)
    st.session_state[LOGIN] = _Login(user.name, token, client)
    st.session_state[USER] = user
    st.session_state.pop(LOGGED_OUT, None)


def _log_out(settings: Settings) -> None:
    """The logout button's callback: end this browser's session, here and in its cookie."""
    _end_login(settings)
    token = _cookie_token()
    if token:
        sessions.end(settings, sessions.digest(token))
    st.session_state.pop(USER, None)
    st.session_state[LOGGED_OUT] = True


def _end_login(settings: Settings) -> None:
    login = st.session_state.pop(LOGIN, None)
    if isinstance(login, _Login):
        sessions.end(settings, sessions.digest(login.token))


def _write_cookie(settings: Settings) -> None:
    """Give the browser its token (after a login on this connection), or clear it (after a
    logout), with a tiny script run in the page itself."""
    login = st.session_state.get(LOGIN)
    if isinstance(login, _Login) and _cookie_token() != login.token:
        _cookie(login.token, sessions.max_age_seconds(settings))
    elif st.session_state.get(LOGGED_OUT) and _cookie_token():
        _cookie("", 0)


def _cookie(value: str, max_age: int) -> None:
    secure = "; Secure" if str(st.context.url or "").startswith("https:") else ""
    cookie = f"{sessions.COOKIE}={value}; Path=/; Max-Age={max_age}; SameSite=Strict{secure}"
    # The value is URL-safe base64 (or empty): nothing in it can end the string.
    st.html(f"<script>document.cookie = {cookie!r};</script>", unsafe_allow_javascript=True)
