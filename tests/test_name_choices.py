"""The review queue, through the real ETL: a row refused only because its village or its
commune could not be placed waits; a reviewer's choice brings it in (the village's coverage
changes), is used by the next import, is audited and revocable; a locked period keeps its rows
out."""

from datetime import UTC, date, datetime

import pytest

from etl.access import audit
from etl.access.roles import Refused
from etl.access.users import User
from etl.cli import main
from etl.config import Settings
from etl.geography.place_lookup import Place, Places
from etl.imports.activities import import_reports
from etl.imports.locks import lock_period
from etl.imports.name_choices import choose, revoke
from etl.reports.locks import read_locks
from etl.reports.matching import Match
from etl.reports.name_choices import Choice, ChosenNames, read_choices
from tests.conftest import FIXTURES
from tests.test_access import _rows

Q4 = FIXTURES / "review" / "ubnd_nghia_ta_2024-Q4.csv"
Q1 = FIXTURES / "review" / "ubnd_nghia_ta_2025-Q1.csv"
NA_NGAN = "2020:02071:na-ngan"
PLANNER = User("mai", "planner")
ADMIN = User("lan", "admin")


def _state(settings: Settings, period: str) -> tuple:
    """(state, direct activities, participants) of Thôn Nà Ngần in ``period``."""
    found = _rows(settings, "select period_id, state, direct_activities, participants_total "
                  "from village_coverage where village_id = '2020:02071:na-ngan' "
                  "and geography = '2020'")  # fmt: skip
    return next(tuple(r[1:]) for r in found if r[0] == period)


def _queue(settings: Settings) -> list[tuple]:
    return _rows(settings, "select submission_id, source_row, field, value, suggested, "
                 "candidate_ids[1], review_status, locked_period from review_queue")  # fmt: skip


def test_a_chosen_name_counts_is_reused_audited_and_revocable(fresh_data: Settings) -> None:
    import_reports(fresh_data, [Q4])
    assert _queue(fresh_data) == [
        ("S0001", 3, "village", "Thôn Nà Ngầm", 1, NA_NGAN, "waiting", None)
    ]
    assert _state(fresh_data, "2024-Q4") == ("indirect", 0, None)  # the broadcast only

    choice = choose(fresh_data, "S0001", 3, NA_NGAN, by=PLANNER)

    assert (choice.choice_id, choice.typed, choice.place_name) == (
        "N0001",
        "Thôn Nà Ngầm",
        "Thôn Nà Ngần",
    )
    assert _queue(fresh_data) == []
    assert _state(fresh_data, "2024-Q4") == ("reached", 1, 45)
    assert _rows(fresh_data, "select rows_loaded, rows_rejected from submission_history") == [
        (2, 0)
    ]
    assert _rows(fresh_data, "select source_row, reason_vi from submission_problems") == [
        (3, "Đã hiểu “Thôn Nà Ngầm” là “Thôn Nà Ngần” theo lựa chọn của người duyệt mai "
            f"ngày {date.today():%d/%m/%Y}.")
    ]  # fmt: skip
    # the next import reads the same name (typed in lower case this time) the same way
    import_reports(fresh_data, [Q1])
    assert _queue(fresh_data) == []
    assert _state(fresh_data, "2025-Q1") == ("reached", 1, 30)
    assert _rows(fresh_data, "select source_row, value, reason_en from submission_problems "
                 "where submission_id = 'S0002'") == [
        (3, "thôn nà ngầm", "“thôn nà ngầm” read as “Thôn Nà Ngần”, as chosen by reviewer mai "
            f"on {date.today():%d/%m/%Y}.")
    ]  # fmt: skip
    events = audit.read_events(fresh_data)
    chosen = events[events["action"] == "name_choose"]
    assert list(zip(chosen["actor"], chosen["target"], strict=True)) == [("mai", "N0001")]
    assert "Thôn Nà Ngầm" in chosen["detail"].iloc[0]
    assert _rows(fresh_data, "select actor, action, target from audit_log "
                 "where action like 'name_%'") == [("mai", "name_choose", "N0001")]  # fmt: skip

    assert revoke(fresh_data, "N0001", by=ADMIN) is not None
    assert revoke(fresh_data, "N0001", by=ADMIN) is None  # revoked already: nothing changes
    assert [(r[0], r[1]) for r in _queue(fresh_data)] == [("S0001", 3), ("S0002", 3)]
    assert _state(fresh_data, "2024-Q4") == ("indirect", 0, None)
    assert _rows(fresh_data, "select choice_id, in_force, chosen_by, revoked_by "
                 "from name_choice_list") == [("N0001", False, "mai", "lan")]  # fmt: skip


def test_a_locked_period_keeps_its_row_out(fresh_data: Settings) -> None:
    import_reports(fresh_data, [Q4])
    lock_period(fresh_data, "2024-Q4")
    [signed] = read_locks(fresh_data)
    choose(fresh_data, "S0001", 3, NA_NGAN, by=PLANNER)

    assert _state(fresh_data, "2024-Q4") == ("indirect", 0, None)
    assert read_locks(fresh_data) == [signed]  # its fingerprint holds: no locked figure moved
    assert main(["--data-dir", str(fresh_data.data_dir), "periods", "verify"]) == 0
    assert _queue(fresh_data) == [
        ("S0001", 3, "village", "Thôn Nà Ngầm", 1, NA_NGAN, "held_by_lock", "2024-Q4")
    ]
    import_reports(fresh_data, [Q1])  # outside the lock, the choice applies
    assert _state(fresh_data, "2025-Q1") == ("reached", 1, 30)


def test_only_planners_and_admins_choose_and_only_places_offered(fresh_data: Settings) -> None:
    import_reports(fresh_data, [Q4])
    with pytest.raises(Refused) as viewer:
        choose(fresh_data, "S0001", 3, NA_NGAN, by=User("minh", "viewer"))
    assert viewer.value.key == "refused_reviewer_only"
    with pytest.raises(Refused) as reporter:
        choose(fresh_data, "S0001", 3, NA_NGAN, by=User("hoa", "reporter", "vhtt"))
    assert reporter.value.key == "refused_reviewer_only"
    with pytest.raises(Refused) as elsewhere:  # a village of another commune
        choose(fresh_data, "S0001", 3, "2020:02050:na-ban", by=PLANNER)
    assert elsewhere.value.key == "names_place_not_offered"
    with pytest.raises(Refused) as loaded:  # row 2 loaded: nothing to choose
        choose(fresh_data, "S0001", 2, NA_NGAN, by=PLANNER)
    assert loaded.value.key == "names_not_waiting"
    with pytest.raises(Refused):
        import_reports(fresh_data, [Q1], by=PLANNER)  # a planner sends no report
    assert read_choices(fresh_data) == []


def test_cli_queue_choose_list_revoke(fresh_data: Settings, capsys: pytest.CaptureFixture) -> None:
    folder = ["--data-dir", str(fresh_data.data_dir)]
    nowhere = ["--db", str(fresh_data.data_dir.parent / "none.duckdb")]
    assert main([*folder, *nowhere, "names", "list"]) == 1  # no warehouse built
    assert capsys.readouterr().out == "Chưa có kho dữ liệu: chạy “python -m etl build” trước.\n"
    import_reports(fresh_data, [Q4])
    capsys.readouterr()
    assert main([*folder, "names", "queue"]) == 0
    assert capsys.readouterr().out == (
        "S0001 dòng 3\tThôn, tổ dân phố “Thôn Nà Ngầm” (Xã Nghĩa Tá, 15/10/2024)\t"
        "UBND xã/thị trấn – Xã Nghĩa Tá\tchờ duyệt\tgợi ý: Thôn Nà Ngần (2020:02071:na-ngan)\n"
    )
    assert main([*folder, "names", "choose", "S0001", "3", "2020:02050:na-ban"]) == 1
    assert main([*folder, "names", "choose", "S0001", "3", NA_NGAN]) == 0
    assert main([*folder, "names", "queue"]) == 0
    assert main([*folder, "names", "--lang", "en", "revoke", "N0009"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "“2020:02050:na-ban” không phải là nơi của xã đã ghi cho “Thôn Nà Ngầm”.",
        "N0001: đã hiểu “Thôn Nà Ngầm” là “Thôn Nà Ngần” (2020:02071:na-ngan).",
        "Không có dòng nào chờ duyệt tên.",
        "No choice N0009 in force.",
    ]
    assert main([*folder, "names", "revoke", "N0001"]) == 0
    assert main([*folder, "names", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Đã thu hồi N0001: “Thôn Nà Ngầm” không còn được hiểu là “Thôn Nà Ngần”."
    assert out[1].startswith("N0001\tThôn, tổ dân phố “Thôn Nà Ngầm” (Xã Nghĩa Tá) → "
                             "Thôn Nà Ngần (2020:02071:na-ngan)\tcli, ")  # fmt: skip
    assert out[1].endswith("\tđã thu hồi (cli, " + f"{date.today():%d/%m/%Y})")


VHTT_Q4 = FIXTURES / "review" / "phong_vhtt_2024-Q4.csv"
VHTT_Q1 = FIXTURES / "review" / "phong_vhtt_2025-Q1.csv"
NGHIA_TA = "2020:02071"


def test_a_chosen_commune_places_its_rows_then_their_villages(fresh_data: Settings) -> None:
    import_reports(fresh_data, [VHTT_Q4])  # "Ngĩa Tá": the h left out, twice
    assert _queue(fresh_data) == [
        ("S0001", 3, "commune", "Ngĩa Tá", 1, NGHIA_TA, "waiting", None),
        ("S0001", 4, "commune", "Ngĩa Tá", 1, NGHIA_TA, "waiting", None),
    ]
    offered = _rows(fresh_data, "select commune_name, len(candidate_ids), candidate_names[1:2] "
                    "from review_queue where source_row = 3")  # fmt: skip
    assert offered == [("—", 20, ["Xã Nghĩa Tá", "Thị trấn Bằng Lũng"])]  # then by name
    assert _state(fresh_data, "2024-Q4") == ("not_reported", 0, None)

    choice = choose(fresh_data, "S0001", 3, NGHIA_TA, by=PLANNER)

    assert (choice.field, choice.commune_id, choice.typed, choice.place_name) == (
        "commune", "", "Ngĩa Tá", "Xã Nghĩa Tá",
    )  # fmt: skip
    assert _state(fresh_data, "2024-Q4") == ("reached", 1, 60)
    # row 4, placed in Nghĩa Tá too, now waits on its own village's spelling
    assert _queue(fresh_data) == [
        ("S0001", 4, "village", "Thôn Nà Ngầm", 1, NA_NGAN, "waiting", None)
    ]
    today = f"{date.today():%d/%m/%Y}"
    assert _rows(fresh_data, "select source_row, column_name, reason_vi from submission_problems"
                 " where reason_vi like 'Đã hiểu%'") == [
        (3, "Xã, thị trấn", f"Đã hiểu “Ngĩa Tá” là “Xã Nghĩa Tá” theo lựa chọn của người duyệt "
            f"mai ngày {today}."),
        (4, "Xã, thị trấn", f"Đã hiểu “Ngĩa Tá” là “Xã Nghĩa Tá” theo lựa chọn của người duyệt "
            f"mai ngày {today}."),
    ]  # fmt: skip
    # the next quarter's file types it in lower case, with its prefix: read the same way
    import_reports(fresh_data, [VHTT_Q1])
    assert [r[:3] for r in _queue(fresh_data)] == [("S0001", 4, "village")]
    assert _state(fresh_data, "2025-Q1") == ("reached", 1, 25)
    events = audit.read_events(fresh_data)
    chosen = events[events["action"] == "name_choose"]
    assert chosen["detail"].tolist() == [
        "commune “Ngĩa Tá” (—) → Xã Nghĩa Tá (2020:02071); S0001:3"
    ]

    assert revoke(fresh_data, choice.choice_id, by=ADMIN) is not None
    assert [r[:4] for r in _queue(fresh_data)] == [
        ("S0001", 3, "commune", "Ngĩa Tá"),
        ("S0001", 4, "commune", "Ngĩa Tá"),
        ("S0002", 3, "commune", "xã ngĩa tá"),
    ]
    assert _state(fresh_data, "2024-Q4") == ("not_reported", 0, None)


def test_a_chosen_commune_obeys_the_locks(fresh_data: Settings) -> None:
    import_reports(fresh_data, [VHTT_Q4])
    lock_period(fresh_data, "2024-Q4")
    choose(fresh_data, "S0001", 3, NGHIA_TA, by=PLANNER)

    assert [r[:3] + r[6:] for r in _queue(fresh_data)] == [
        ("S0001", 3, "commune", "held_by_lock", "2024-Q4"),
        ("S0001", 4, "commune", "held_by_lock", "2024-Q4"),
    ]
    assert _state(fresh_data, "2024-Q4") == ("not_reported", 0, None)
    import_reports(fresh_data, [VHTT_Q1])  # outside the lock, the choice applies
    assert _state(fresh_data, "2025-Q1") == ("reached", 1, 25)


def test_a_chosen_commune_answers_only_rows_of_its_days() -> None:
    """A 2020 commune chosen for "Ngĩa Tá" does not place a row of 2026 (it had ended)."""
    old = Place("2020:02071", "Nghĩa Tá", "nghia ta", "nghĩa tá",
                valid_from=date(2020, 2, 1), valid_to=date(2025, 6, 30))  # fmt: skip
    made = datetime(2025, 1, 2, tzinfo=UTC)
    choice = Choice("N0001", "commune", "", "Ngĩa Tá", old.place_id, "Xã Nghĩa Tá", made, "mai")
    chosen = ChosenNames([choice], places=Places([old]))
    unknown = Match(problem="commune_unknown", fields={"suggestions": ""})
    commune = chosen.hook("commune", lambda text, day: unknown)

    assert commune("ngĩa  tá", date(2024, 11, 5)).value == old.place_id
    assert commune("Ngĩa Tá", date(2026, 3, 2)) is unknown
    assert commune("Nghĩa Tá mới", date(2024, 11, 5)) is unknown


def test_cli_shows_and_places_a_commune_row(
    fresh_data: Settings, capsys: pytest.CaptureFixture
) -> None:
    folder = ["--data-dir", str(fresh_data.data_dir)]
    import_reports(fresh_data, [VHTT_Q4])
    capsys.readouterr()
    assert main([*folder, "names", "queue"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "S0001 dòng 3\tXã, thị trấn “Ngĩa Tá” (—, 05/11/2024)\tPhòng Văn hóa và Thông tin\t"
        "chờ duyệt\tgợi ý: Xã Nghĩa Tá (2020:02071)"
    )
    assert main([*folder, "names", "choose", "S0001", "3", NGHIA_TA, "--field", "commune"]) == 0
    assert main([*folder, "names", "list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "N0001: đã hiểu “Ngĩa Tá” là “Xã Nghĩa Tá” (2020:02071)."
    assert out[1].startswith("N0001\tXã, thị trấn “Ngĩa Tá” (—) → Xã Nghĩa Tá (2020:02071)\tcli, ")
