import pandas as pd
import pytest

from dashboard import charts

LABELS = {"title": "Số hoạt động theo tháng", "month": "Tháng", "activities": "Số hoạt động"}


def test_monthly_bars_carry_the_data_and_labels() -> None:
    df = pd.DataFrame({"month": pd.to_datetime(["2024-07-01", "2024-08-01"]), "activities": [2, 5]})
    figure = charts.monthly_activity(df, LABELS)
    assert list(figure.data[0].y) == [2, 5]
    assert figure.layout.title.text == "Số hoạt động theo tháng"


def test_rejects_missing_columns() -> None:
    with pytest.raises(ValueError, match="activities"):
        charts.monthly_activity(pd.DataFrame({"month": []}), LABELS)
