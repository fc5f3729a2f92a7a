"""UI text for the current session's language, from the one catalogue in ``etl.present.i18n``."""

from __future__ import annotations

import streamlit as st

from etl.present.i18n import LANGUAGES
from etl.present.i18n import t as translate

LANG_KEY = "lang"


def lang() -> str:
    """The session's language code (``vi`` unless the user switched)."""
    value = st.session_state.get(LANG_KEY, LANGUAGES[0])
    return value if value in LANGUAGES else LANGUAGES[0]


def t(key: str, **fields: object) -> str:
    """Message ``key`` in the session's language."""
    return translate(key, lang(), **fields)
