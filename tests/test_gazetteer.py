from datetime import date

from etl.gazetteer import extract_communes_2020


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
