"""Duyệt tên / Name review: rows refused only because a commune, village or school name matched
no place; a planner or an administrator chooses the right place (the row counts at once, and the
name is read so at every later import), and may revoke a choice. The rules and the audit are
``etl.imports.name_choices``'s.
"""

from __future__ import annotations

import streamlit as st

from dashboard import auth, queries, state, widgets
from dashboard.i18n import lang, t
from dashboard.markdown import escape
from dashboard.resources import connection
from etl.access.roles import Refused
from etl.config import Settings
from etl.imports.name_choices import choose, revoke
from etl.present.format import vn_day

settings = Settings.from_env()
user = auth.require(settings, "planner", "admin")
con = connection()
st.title(t("page_review"))
st.caption(t("review_intro"))
done = st.session_state.pop(state.REVIEW_DONE, None)
if done:
    st.success(escape(done), icon=":material/check_circle:")

queue = queries.review_queue(con)
waiting = queue[queue["review_status"] == "waiting"]
if waiting.empty:
    st.info(t("review_empty"))
else:
    suggestions = [
        ", ".join(names[:n]) for names, n in zip(waiting["candidate_names"], waiting["suggested"],
                                                  strict=True)
    ]  # fmt: skip
    table = waiting.assign(
        unit_name=waiting[f"unit_name_{lang()}"],
        field=[t(f"review_field_{f}") for f in waiting["field"]],
        start_on=[vn_day(d) for d in waiting["start_on"]],
        suggestions=suggestions,
    )
    columns = ["submission_id", "source_row", "unit_name", "period", "commune_name", "start_on",
               "field", "value", "suggestions"]  # fmt: skip
    shown = table[columns].rename(columns={c: t(f"column_{c}") for c in columns})
    st.dataframe(shown, hide_index=True, width="stretch", key="review_table")
    widgets.download(t("sheet_review_queue"), shown, "dong-cho-duyet")
    labels = {
        i: t("review_row_label", submission=r.submission_id, row=r.source_row,
             field=t(f"review_field_{r.field}"), value=r.value, commune=r.commune_name)
        for i, r in zip(waiting.index, waiting.itertuples(), strict=True)
    }  # fmt: skip
    row_at = st.selectbox(t("review_pick_row"), list(labels), key=state.REVIEW_ROW,
                          format_func=labels.__getitem__)  # fmt: skip
    row = waiting.loc[row_at]
    ids, names = list(row["candidate_ids"]), list(row["candidate_names"])
    if not ids:
        st.warning(t("review_no_places"))
    else:
        offered = {
            i: t("review_suggested", name=n) if k < row["suggested"] else n
            for k, (i, n) in enumerate(zip(ids, names, strict=True))
        }
        place = st.selectbox(t("review_pick_place"), ids, key=state.REVIEW_PLACE,
                             format_func=offered.__getitem__)  # fmt: skip
        if isinstance(row["locked_period"], str):
            st.warning(t("review_locked", period=row["locked_period"]), icon=":material/lock:")
        if st.button(t("review_choose_button"), type="primary", key="review_choose"):
            try:
                choice = choose(settings, row["submission_id"], int(row["source_row"]), place,
                                field=row["field"], by=user)  # fmt: skip
            except Refused as refused:
                st.error(refused.text(lang()))
            else:
                st.session_state[state.REVIEW_DONE] = t(
                    "review_chosen_done", value=choice.typed, place=choice.place_name
                )
                st.session_state.pop(state.REVIEW_ROW, None)
                st.session_state.pop(state.REVIEW_PLACE, None)
                st.rerun()

held = queue[queue["review_status"] == "held_by_lock"]
if not held.empty:
    st.subheader(t("review_held_heading"))
    shown = held.assign(place_name=held["chosen_place_name"])
    columns = ["submission_id", "source_row", "value", "place_name", "locked_period"]
    shown = shown[columns].rename(columns={c: t(f"column_{c}") for c in columns})
    st.dataframe(shown, hide_index=True, width="stretch")
    widgets.download(t("sheet_review_held"), shown, "da-chon-ky-khoa")

st.subheader(t("review_choices_heading"))
choices = queries.name_choices(con)
if choices.empty:
    st.caption(t("review_choices_empty"))
else:
    table = choices.assign(
        field=[t(f"review_field_{f}") for f in choices["field"]],
        chosen_at=[vn_day(d, with_time=True) for d in choices["chosen_at"]],
        revoked_at=[vn_day(d, with_time=True) for d in choices["revoked_at"]],
        choice_state=[t("review_in_force") if f else t("review_revoked")
                      for f in choices["in_force"]],
    )  # fmt: skip
    columns = ["choice_id", "field", "typed", "commune_name", "place_name", "chosen_by",
               "chosen_at", "choice_state", "revoked_by", "revoked_at"]  # fmt: skip
    shown = table[columns].rename(columns={c: t(f"column_{c}") for c in columns})
    st.dataframe(shown, hide_index=True, width="stretch", key="review_choices")
    widgets.download(t("review_choices_heading"), shown, "lua-chon-ten")
    in_force = list(choices.loc[choices["in_force"], "choice_id"])
    if in_force:
        picked = st.selectbox(t("review_pick_choice"), in_force, key=state.REVIEW_CHOICE)
        if st.button(t("review_revoke_button"), key="review_revoke"):
            revoked = revoke(settings, picked, by=user)
            if revoked is not None:
                st.session_state[state.REVIEW_DONE] = t("review_revoked_done", choice=picked)
            st.session_state.pop(state.REVIEW_CHOICE, None)
            st.rerun()
