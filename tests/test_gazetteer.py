import json
from datetime import date
from pathlib import Path

import vietnamadminunits

from etl.geography.gazetteer import extract_communes, extract_communes_2020, extract_crosswalk


def test_twenty_units_with_gso_codes_and_dates() -> None:
    communes = extract_communes_2020()
    assert communes["commune_code"].tolist() == [
        "02020", "02023", "02026", "02029", "02032", "02035", "02038", "02041", "02044", "02047",
        "02050", "02053", "02059", "02062", "02065", "02068", "02071", "02077", "02080", "02083",
    ]  # fmt: skip
    town = communes.iloc[0]
    assert (town.commune_name, town.commune_type, town.full_name) == (
        "Bằng Lũng", "Thị trấn", "Thị trấn Bằng Lũng",
    )  # fmt: skip
    assert set(communes["valid_from"]) == {date(2020, 2, 1)}
    assert set(communes["valid_to"]) == {date(2025, 6, 30)}
    assert (communes["south"] < communes["lat"]).all()
    assert (communes["lat"] < communes["north"]).all()


def test_three_epochs_with_their_dates() -> None:
    communes = extract_communes()
    epochs = {
        epoch: {"units": len(rows), "first": min(rows["valid_from"]), "last": max(rows["valid_to"])}
        for epoch, rows in communes.groupby("epoch")
    }
    assert epochs == {
        "2020": {"units": 20, "first": date(2020, 2, 1), "last": date(2025, 6, 30)},
        "2025": {"units": 8, "first": date(2025, 7, 1), "last": date(9999, 12, 31)},
        "pre2020": {"units": 22, "first": date(2004, 7, 8), "last": date(2020, 1, 31)},
    }
    assert communes["commune_id"].is_unique
    assert (communes["commune_id"] == communes["epoch"] + ":" + communes["commune_code"]).all()


def test_pre2020_units_include_the_four_merged_in_2020() -> None:
    pre = extract_communes().query("epoch == 'pre2020'").set_index("commune_code")
    assert pre.loc[["02056", "02059", "02074", "02083"], "full_name"].tolist() == [
        "Xã Rã Bản", "Xã Đông Viên", "Xã Phong Huân", "Xã Yên Nhuận",
    ]  # fmt: skip
    assert pre.loc["02020", "full_name"] == "Thị trấn Bằng Lũng"


def test_the_2025_communes_of_thai_nguyen() -> None:
    new = extract_communes().query("epoch == '2025'")
    assert dict(zip(new["commune_code"], new["full_name"], strict=True)) == {
        "01933": "Xã Đồng Phúc", "02014": "Xã Bạch Thông", "02020": "Xã Chợ Đồn",
        "02026": "Xã Nam Cường", "02038": "Xã Quảng Bạch", "02044": "Xã Yên Thịnh",
        "02071": "Xã Nghĩa Tá", "02083": "Xã Yên Phong",
    }  # fmt: skip
    assert set(new["parent_name"]) == {"Tỉnh Thái Nguyên"}


def test_crosswalk_2025_is_the_table_of_domain_md() -> None:
    crosswalk = extract_crosswalk().query("effective_date == @date(2025, 7, 1)")
    got: dict[str, list[str]] = {}
    for old, new in zip(crosswalk["old_commune_id"], crosswalk["new_commune_id"], strict=True):
        got.setdefault(new, []).append(old.removeprefix("2020:"))
    assert got == {
        "2025:02020": ["02020", "02050", "02053", "02065"],
        "2025:02026": ["02023", "02026", "02029"],
        "2025:02038": ["02032", "02038"],
        "2025:02044": ["02035", "02044", "02047"],
        "2025:02071": ["02062", "02071", "02080"],
        "2025:02083": ["02068", "02077", "02083"],
        "2025:01933": ["02041"],
        "2025:02014": ["02059"],
    }


def test_crosswalk_2020_merges() -> None:
    crosswalk = extract_crosswalk().query("effective_date == @date(2020, 2, 1)")
    assert len(crosswalk) == 22
    changed = crosswalk[
        crosswalk["old_commune_id"].str.removeprefix("pre2020:")
        != crosswalk["new_commune_id"].str.removeprefix("2020:")
    ]
    assert dict(zip(changed["old_commune_id"], changed["new_commune_id"], strict=True)) == {
        "pre2020:02056": "2020:02059",  # Rã Bản → Đồng Thắng
        "pre2020:02074": "2020:02083",  # Phong Huân → Yên Phong
    }


def test_merged_units_agree_with_the_package_keywords() -> None:
    """The package has no codes for the merged units, but its parser knows their names."""
    path = Path(vietnamadminunits.__file__).parent / "data" / "parser_legacy.json"
    parser = json.loads(path.read_text(encoding="utf-8"))
    wards = parser["DICT_PROVINCE_DISTRICT_WARD_NO_ACCENTED"]["tinhbackan"]["huyenchodon"]
    merges = {"xaraban": "xadongthang", "xadongvien": "xadongthang",
              "xaphonghuan": "xayenphong", "xayennhuan": "xayenphong"}  # fmt: skip
    for merged, successor in merges.items():
        assert merged in wards[successor]["wardKeywords"]


def test_census_2019_figures_with_sums_for_merged_units() -> None:
    communes = extract_communes().set_index("commune_id")
    by_epoch = communes.groupby("epoch")[["population_2019", "households_2019"]].sum()
    assert list(by_epoch.loc["pre2020"]) == [49554, 13520]  # GSO: the district's total
    assert list(by_epoch.loc["2020"]) == [49554, 13520]
    assert list(communes.loc["2020:02059", ["population_2019", "households_2019"]]) == [
        1412 + 1936, 395 + 579,
    ]  # fmt: skip
    assert communes.loc[communes["epoch"] == "2025", "population_2019"].isna().all()
