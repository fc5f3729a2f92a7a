import json
from pathlib import Path

import pytest
from PIL import Image

from etl.export.static_map import PRINT_DPI, MapArea, MapSheet, render_map, save_map

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[105.5, 22.0], [105.6, 22.0], [105.6, 22.1], [105.5, 22.1], [105.5, 22.0]]],
}
RIGHT = {
    "type": "Polygon",
    "coordinates": [[[105.6, 22.0], [105.7, 22.0], [105.7, 22.1], [105.6, 22.1], [105.6, 22.0]]],
}
SHEET = MapSheet(
    title="Độ phủ theo xã — Chợ Đồn",
    period="Quý III/2025",
    source="Nguồn: báo cáo của các đơn vị. Lập ngày 28/11/2026",
    legend=[("#0072B2", "Đã tiếp cận"), ("#E69F00", "Chưa tiếp cận")],
    note="Ranh giới minh họa",
)


def test_png_at_print_resolution_with_the_state_colours(tmp_path: Path) -> None:
    areas = [
        MapArea(json.dumps(SQUARE), "#0072B2", "Bằng Lũng"),
        MapArea(json.dumps(RIGHT), "#E69F00", "Phương Viên"),
    ]
    path = save_map(render_map(areas, SHEET, size_inches=(10, 7.5)), tmp_path / "map.png")
    image = Image.open(path).convert("RGB")
    assert image.size == (10 * PRINT_DPI, 7.5 * PRINT_DPI)
    counts = image.getcolors(maxcolors=10_000_000)
    assert counts is not None
    colours = {colour for _, colour in counts}
    assert (0x00, 0x72, 0xB2) in colours
    assert (0xE6, 0x9F, 0x00) in colours


def test_pdf_is_written(tmp_path: Path) -> None:
    path = save_map(render_map([MapArea(json.dumps(SQUARE), "#0072B2")], SHEET), tmp_path / "m.pdf")
    assert path.read_bytes().startswith(b"%PDF")


def test_refusals(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="areas must not be empty"):
        render_map([], SHEET)
    figure = render_map([MapArea(json.dumps(SQUARE), "#0072B2")], SHEET)
    with pytest.raises(ValueError, match="path must end with"):
        save_map(figure, tmp_path / "m.svg")
