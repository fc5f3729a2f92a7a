"""Logins in the dashboard: the sidebar box, who is signed in, and the checks pages make.

Passwords are checked by ``etl.access.users.authenticate`` (salted scrypt hashes, every attempt
audited, repeated failures slowed). A login lasts as long as the browser tab's session: a
reload or a closed tab signs out. The checks here only decide what a page shows; the rules
themselves are enforced again in the ETL layer (``etl.access.roles``), whatever the page does.

The login's session-state keys are defined here; every other page's, in ``dashboard.state``.
"""

from __future__ import annotations

import math

import streamlit as st

from dashboard.i18n import t
from etl.access import users
from etl.access.users import User
from etl.config import Settings

USER = "auth_user"  # the etl.access.users.User signed in
LOGIN_FORM = "auth_login_form"


def current_user(settings: Settings) -> User | None:
    """The user signed in on this session, as the users file has them now (a removed user or
    a changed role takes effect at the next click)."""
    user = st.session_state.get(USER)
    if not isinstance(user, User):
        return None
    now = users.get_user(settings, user.name)
    if now != user:
        st.session_state.pop(USER, None)
        return None
    return now


def login_box(settings: Settings, expanded: bool = False) -> None:
    """The sidebar's login form, folded away unless ``expanded`` (most readers never log in,
    and a folded form costs the first page load nothing), or who is signed in and a logout
    button."""
    user = current_user(settings)
    if user is not None:
        st.caption(t("login_signed_in", name=user.name, role=t(f"role_{user.role}")))
        if st.button(t("logout_button"), key="auth_logout"):
            st.session_state.pop(USER, None)
            st.rerun()
        return
    with (
        st.expander(t("login_heading"), expanded=expanded, icon=":material/login:"),
        st.form(LOGIN_FORM, clear_on_submit=True, border=False),
    ):
        name = st.text_input(t("login_name"), key="auth_name")
        password = st.text_input(t("login_password"), type="password", key="auth_password")
        submitted = st.form_submit_button(t("login_button"))
    if submitted and name:
        try:
            st.session_state[USER] = users.authenticate(settings, name.strip(), password)
        except users.LoginRefused as refused:
            st.error(t(refused.reason, seconds=math.ceil(refused.wait_seconds)))
            return
        st.rerun()


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
