import pytest

from etl.present import palette


@pytest.mark.parametrize(
    ("percent", "index"),
    [(0, 0), (0.5, 1), (24.9, 1), (25, 2), (49.99, 2), (50, 3), (75, 4), (100, 4), (None, None)],
)
def test_fixed_coverage_classes(percent: float | None, index: int | None) -> None:
    assert palette.coverage_class(percent) == index


def test_no_data_is_not_zero() -> None:
    assert palette.coverage_colour(None) == palette.NO_DATA_COLOUR
    assert palette.coverage_colour(0) != palette.NO_DATA_COLOUR
    assert palette.NO_DATA_COLOUR not in palette.COVERAGE_COLOURS
    assert palette.state_colour("not_reported") != palette.state_colour("not_reached")


def test_every_state_has_a_distinct_colour() -> None:
    assert set(palette.STATE_COLOURS) == set(palette.STATES)
    assert len(set(palette.STATE_COLOURS.values())) == len(palette.STATES)


def test_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="percent must be within"):
        palette.coverage_class(120)
