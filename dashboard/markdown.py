"""Text from files and users, made inert before it reaches Streamlit's markdown.

``st.markdown``, ``st.error`` and friends render markdown: a file name such as
``![x](http://host/x.png)`` would fetch an image from outside, ``[click](…)`` would become a
link. HTML is already escaped by Streamlit; :func:`escape` also neutralises markdown.
"""

from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=])")


def escape(text: object) -> str:
    """``text`` with every markdown control character backslash-escaped."""
    return _MARKDOWN.sub(r"\\\1", str(text))
