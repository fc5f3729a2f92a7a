"""Matching names to ids against the places of a warehouse built with the fixture lists."""

import unicodedata
from collections.abc import Iterator
from datetime import date

import pytest

from etl import db, reference
from etl.config import Settings
from etl.geography.place_lookup import Place, Places
from etl.names import admin_key, exact_key, fold, name_words
from etl.reports.matching import NONE_DECLARED, Matcher

Y2024, AUG_2025 = date(2024, 5, 1), date(2025, 8, 1)


@pytest.fixture(scope="module")
def matcher(places_template: Settings) -> Iterator[Matcher]:
    con = db.connect(places_template, read_only=True)
    try:
        yield Matcher(Places.from_connection(con))
    finally:
        con.close()


@pytest.mark.parametrize(
    ("text", "day", "commune_id"),
    [
        ("Nam Cường", Y2024, "2020:02026"),
        ("nam cuong", AUG_2025, "2025:02026"),  # the reform reused the name for a larger commune
        ("Nam Cường", date(2019, 5, 1), "pre2020:02026"),
        ("TT Bằng Lũng", Y2024, "2020:02020"),
        ("Thị trấn Bằng Lũng", Y2024, "2020:02020"),
        (unicodedata.normalize("NFD", "Bằng Lũng"), Y2024, "2020:02020"),
        ("Bằng Lãng", Y2024, "2020:02065"),  # one tone mark from Bằng Lũng, another place
        ("Xã Phương Viên", date(2025, 9, 1), "2025:02020"),  # an old name means its successor
        ("2026", Y2024, "2020:02026"),
        ("02026", AUG_2025, "2025:02026"),
    ],
)
def test_commune_by_name_or_code_and_date(
    matcher: Matcher, text: str, day: date, commune_id: str
) -> None:
    assert matcher.commune(text, day).value == commune_id


def test_unknown_commune_gets_suggestions(matcher: Matcher) -> None:
    found = matcher.commune("Phuong Vienn", Y2024)
    assert (found.value, found.problem, found.fields) == (
        None, "commune_unknown", {"suggestions": "Xã Phương Viên"}
    )  # fmt: skip


def test_a_commune_named_before_it_existed(matcher: Matcher) -> None:
    found = matcher.commune("Chợ Đồn", Y2024)
    assert found.problem == "commune_not_in_force"
    assert found.fields == {"day": "01/05/2024", "others": "Xã Chợ Đồn (01/07/2025–…)"}


def test_unknown_code(matcher: Matcher) -> None:
    assert matcher.commune("99999", Y2024).problem == "commune_code_unknown"


@pytest.mark.parametrize(
    ("text", "day", "unit_id"),
    [
        ("Phòng VH&TT", Y2024, "vhtt"),
        ("phong van hoa va thong tin", Y2024, "vhtt"),
        ("Phòng Giáo dục và Đào tạo", Y2024, "gddt"),
        ("CA huyện", Y2024, "cah"),
        ("UBND xã Bản Thi", Y2024, "ubnd_xa:2020:02035"),
        ("Ủy ban nhân dân thị trấn Bằng Lũng", Y2024, "ubnd_xa:2020:02020"),
        ("UBND xã Nam Cường", AUG_2025, "ubnd_xa:2025:02026"),
        ("Công an xã Nam Cường", date(2025, 4, 1), "ca_xa:2020:02026"),
        ("Công an xã Nam Cường", AUG_2025, "ca_xa:2025:02026"),
        ("Đoàn Thanh niên xã Bản Thi", Y2024, "doan_the"),
        ("ubnd_xa:2020:02026", Y2024, "ubnd_xa:2020:02026"),
    ],
)
def test_units_by_alias_and_commune(matcher: Matcher, text: str, day: date, unit_id: str) -> None:
    assert matcher.unit(text, day).value == unit_id


def test_units_exist_only_in_their_dates(matcher: Matcher) -> None:
    ended = matcher.unit("Công an huyện", date(2025, 3, 5))
    assert (ended.problem, ended.fields) == (
        "unit_ended", {"unit": "Công an huyện", "end": "28/02/2025"}
    )  # fmt: skip
    # commune police existed throughout (DOMAIN.md): only the district police stop in 2025
    assert matcher.unit("Công an xã Nam Cường", Y2024).value == "ca_xa:2020:02026"
    assert matcher.unit("Công an xã Nam Cường", date(2020, 3, 1)).value == "ca_xa:2020:02026"
    assert matcher.unit("Phòng VH&TT", AUG_2025).problem == "unit_ended"  # districts abolished


def test_unknown_unit_gets_suggestions(matcher: Matcher) -> None:
    found = matcher.unit("Phòng Văn hoá Thong tinn", Y2024)
    assert found.problem == "unit_unknown"
    assert found.fields == {
        "suggestions": "Phòng Văn hóa - Thông tin, Phòng Văn hóa và Thông tin, Phòng VH-TT"
    }


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("Công an huyện;Đoàn Thanh niên", "cah;doan_the"),
        ("Trung tâm Văn hóa, Thể thao và Truyền thông, Phòng GD&ĐT", "ttvhtttt;gddt"),
        ("Hội Nông dân, Phòng GD&ĐT", "doan_the;gddt"),
        ("UBND xã Bản Thi; Hội LHPN; Đoàn Thanh niên", "ubnd_xa;doan_the"),
    ],
)
def test_partners_become_unit_kinds(matcher: Matcher, text: str, kinds: str) -> None:
    assert matcher.partners(text, Y2024).value == kinds


def test_an_unknown_partner_is_a_problem(matcher: Matcher) -> None:
    assert matcher.partners("Phòng GD&ĐT; Ban Quản lý dự án", Y2024).problem == "unit_unknown"


@pytest.mark.parametrize(
    ("commune_id", "text", "village_id"),
    [
        ("2020:02026", "Nà Pài", "2020:02026:na-pai"),
        ("2020:02029", "Nà Pài", "2020:02029:na-pai"),  # the same name in another commune
        ("2020:02026", "Na Pai", "2020:02026:na-pai"),
        ("2020:02026", "Bản Nà Pài", "2020:02026:na-pai"),
    ],
)
def test_villages_within_their_commune(
    matcher: Matcher, commune_id: str, text: str, village_id: str
) -> None:
    assert matcher.village(commune_id, text, Y2024).value == village_id


def test_village_problems(matcher: Matcher) -> None:
    ambiguous = matcher.village("2025:02026", "Nà Pài", AUG_2025)  # Nam Cường + Đồng Lạc merged
    assert ambiguous.problem == "name_ambiguous"
    assert ambiguous.fields == {
        "candidates": "Nà Pài (2020:02026:na-pai), Nà Pài (2020:02029:na-pai)"
    }
    unknown = matcher.village("2020:02026", "Nà Pàii", Y2024)
    assert (unknown.problem, unknown.fields) == ("village_unknown", {"suggestions": "Nà Pài"})
    gone = matcher.village("2020:02059", "Nà Cà", Y2024)  # valid until 2020-01-31
    assert gone.problem == "village_unknown"
    unchecked = matcher.village("2020:02047", "Thôn 5", Y2024)  # no list for Yên Thượng yet
    assert (unchecked.value, unchecked.problem, unchecked.commune_id) == (None, None, "unchecked")


def test_schools_within_their_commune(matcher: Matcher) -> None:
    assert matcher.school("2020:02020", "Trường THPT Chợ Đồn").value == (
        "2020:02020:truong-thpt-cho-don"
    )
    short = matcher.school("2020:02020", "THPT Chợ Đồn")  # "Trường" is optional
    assert (short.value, short.read_as) == ("2020:02020:truong-thpt-cho-don", "Trường THPT Chợ Đồn")
    near = matcher.school("2020:02020", "Trường THPT Chợ Đông")
    assert (near.problem, near.fields) == ("school_unknown", {"suggestions": "Trường THPT Chợ Đồn"})
    assert matcher.school("2025:02026", "Trường TH&THCS Nam Cường").value == (
        "2020:02026:truong-th&thcs-nam-cuong"
    )


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Tập huấn, bồi dưỡng", "training"),
        ("tap huan", "training"),
        ("session", "session"),
        ("Giám sát, chặn lọc truy cập tại trường học", "filtering"),
        ("Không có hoạt động trong kỳ", NONE_DECLARED),
        ("Không phát sinh", NONE_DECLARED),
    ],
)
def test_activity_types(matcher: Matcher, text: str, code: str) -> None:
    assert matcher.activity_type(text).value == code


def test_audiences_and_suggestions(matcher: Matcher) -> None:
    assert matcher.audience("Học sinh").value == "children"
    assert matcher.audience("parents").value == "parents"
    unknown = matcher.audience("Sinh viên")
    assert unknown.problem == "audience_unknown"
    assert unknown.fields["suggestions"].startswith("Học sinh sinh viên")


# --- names as clerks type them: the loose keys, never a guess ------------------------------

BAN_THI = "2020:02035"


@pytest.fixture(scope="module")
def commune_of_lookalikes() -> Matcher:
    """One commune whose villages and schools differ by one digit, one tone mark, one level."""
    commune = Place(BAN_THI, "Bản Thi", admin_key("Bản Thi"), exact_key("Bản Thi"),
                    code="02035", epoch="2020", full_name="Xã Bản Thi")  # fmt: skip

    def place(name: str, slug: str) -> Place:
        return Place(f"{BAN_THI}:{slug}", name, admin_key(name), exact_key(name), BAN_THI)

    villages = [place("Tổ 1", "to-1"), place("Tổ 11", "to-11"), place("Bản Tàn", "ban-tan"),
                place("Bản Tản", "ban-tan-2"), place("Thôn Pù 3", "pu-3")]  # fmt: skip
    schools = [place("Trường Tiểu học Bản Thi", "th"), place("Trường THCS Bản Thi", "thcs"),
               place("Trường TH&THCS Bản Thi", "th-thcs")]  # fmt: skip
    return Matcher(Places([commune], villages, schools))


@pytest.mark.parametrize(
    ("typed", "slug", "read_as"),
    [
        ("Tổ 1", "to-1", None),
        ("TDP 01", "to-1", "Tổ 1"),
        ("Tổ I", "to-1", "Tổ 1"),
        ("Tổ dân phố số 11", "to-11", None),
        ("tổ XI", "to-11", "Tổ 11"),
        ("Thôn Pù III", "pu-3", "Thôn Pù 3"),
        ("Bản Tàn (xã Bản Thi, huyện Chợ Đồn)", "ban-tan", "Bản Tàn"),
        ("Bản Tản, huyện Chợ Đồn", "ban-tan-2", "Bản Tản"),
    ],
)
def test_villages_typed_loosely(
    commune_of_lookalikes: Matcher, typed: str, slug: str, read_as: str | None
) -> None:
    found = commune_of_lookalikes.village(BAN_THI, typed, Y2024)
    assert (found.value, found.problem, found.read_as) == (f"{BAN_THI}:{slug}", None, read_as)


def test_a_loose_name_fitting_two_villages_names_both(commune_of_lookalikes: Matcher) -> None:
    found = commune_of_lookalikes.village(BAN_THI, "Ban Tan huyen Cho Don", Y2024)
    assert (found.value, found.problem) == (None, "name_ambiguous")
    assert found.fields == {
        "candidates": f"Bản Tàn ({BAN_THI}:ban-tan), Bản Tản ({BAN_THI}:ban-tan-2)"
    }


def test_an_unknown_village_is_still_unknown(commune_of_lookalikes: Matcher) -> None:
    found = commune_of_lookalikes.village(BAN_THI, "Tổ XII", Y2024)
    assert (found.value, found.problem) == (None, "village_unknown")


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("TH Bản Thi", "th"),
        ("Tiểu học Bản Thi", "th"),
        ("THCS Bản Thi", "thcs"),
        ("Trường Trung học cơ sở Bản Thi", "thcs"),
        ("Trường TH và THCS Bản Thi", "th-thcs"),
        ("TH - THCS Bản Thi", "th-thcs"),
    ],
)
def test_school_levels_abbreviated_or_in_full(
    commune_of_lookalikes: Matcher, typed: str, slug: str
) -> None:
    assert commune_of_lookalikes.school(BAN_THI, typed).value == f"{BAN_THI}:{slug}"


def test_an_unknown_school_level_is_refused(commune_of_lookalikes: Matcher) -> None:
    assert commune_of_lookalikes.school(BAN_THI, "THPT Bản Thi").problem == "school_unknown"


@pytest.mark.parametrize(
    ("text", "unit_id", "read_as"),
    [
        ("P. VHTT", "vhtt", "Phòng Văn hóa và Thông tin"),
        ("Phòng GD và ĐT", "gddt", "Phòng Giáo dục và Đào tạo"),
        ("Phòng LĐTBXH huyện Chợ Đồn", "ldtbxh", "Phòng Lao động – Thương binh và Xã hội"),
        ("TT VHTT&TT huyện Chợ Đồn", "ttvhtttt", "Trung tâm Văn hóa, Thể thao và Truyền thông"),
        ("Phòng VH-TT xã Bản Thi", "vhtt", "Phòng Văn hóa và Thông tin"),  # where it went
        ("UB MTTQ xã Bản Thi", "doan_the", "Đoàn thể"),
        ("Công an X. Bằng Phúc", "ca_xa:2020:02041", "Công an xã – Xã Bằng Phúc"),
        ("UBND X. Bản Thi", "ubnd_xa:2020:02035", "UBND xã/thị trấn – Xã Bản Thi"),
        (
            "UBND xã Nghĩa Tá, huyện Chợ Đồn, tỉnh Bắc Kạn",
            "ubnd_xa:2020:02071",
            "UBND xã/thị trấn – Xã Nghĩa Tá",
        ),
        ("UBND xã/thị trấn – Xã Bằng Phúc", "ubnd_xa:2020:02041", None),  # the product's label
        ("Công an xã – Xã Bằng Phúc", "ca_xa:2020:02041", None),
        ("Công an huyện", "cah", None),
        ("Phòng VH&TT", "vhtt", None),  # an alias as it is: nothing to say
    ],
)
def test_units_typed_loosely(
    matcher: Matcher, text: str, unit_id: str, read_as: str | None
) -> None:
    found = matcher.unit(text, Y2024)
    assert (found.value, found.problem, found.read_as) == (unit_id, None, read_as)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("Phòng Tài nguyên và Môi trường", "unit_unknown"),
        ("Phòng VH", "unit_unknown"),
        ("Công an xã Bản Thiên", "commune_unknown"),
        ("UBND X. Nà Pài", "commune_unknown"),
    ],
)
def test_unknown_units_stay_unknown(matcher: Matcher, text: str, problem: str) -> None:
    assert matcher.unit(text, Y2024).problem == problem


def test_communes_typed_loosely(matcher: Matcher) -> None:
    found = matcher.commune("xã Bằng Phúc - huyện Chợ Đồn", Y2024)
    assert (found.value, found.read_as) == ("2020:02041", "Xã Bằng Phúc")
    assert matcher.commune("X.Phương Viên", Y2024).value == "2020:02050"
    assert matcher.commune("\u00d0ại Sảo", Y2024).value == "2020:02068"
    assert matcher.commune("Xã Nam Cường (huyện Chợ Đồn)", AUG_2025).value == "2025:02026"


def test_no_two_unit_kinds_share_a_loose_name() -> None:
    """The loose words make "VH&TT" and "Văn hóa và Thông tin" one name: they must never make
    the names of two unit kinds one (a new alias or abbreviation could)."""
    rows = reference.read_reference("unit_aliases").to_dict("records")
    kinds = reference.read_reference("unit_kinds").to_dict("records")
    names = [(r["alias"], r["unit_kind"]) for r in rows] + [
        (r["name_vi"], r["unit_kind"]) for r in kinds
    ]
    found: dict[str, set[str]] = {}
    for name, kind in names:
        found.setdefault(fold(" ".join(name_words(name))), set()).add(kind)
    assert {key: kinds for key, kinds in found.items() if len(kinds) > 1} == {}
