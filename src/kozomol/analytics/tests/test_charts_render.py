"""Server-side charts: valid SVG with every label and value, and PNG from the same drawing."""

from __future__ import annotations

import pytest
from defusedxml.ElementTree import fromstring

from kozomol.lib import charts


def _texts(svg: str) -> list[str]:
    root = fromstring(svg.encode())
    return ["".join(el.itertext()) for el in root.iter() if el.tag.endswith("}text")]


def test_bar_chart_writes_labels_values_and_skips_missing_values() -> None:
    svg = charts.bar_chart(
        ["Россия", "Казахстан", "Кыргызстан"],
        [42.5, None, 7.0],
        title="Без договора",
        low=[40.0, None, 5.0],
        high=[45.0, None, 9.5],
    )
    texts = _texts(svg)
    assert "Россия" in texts and "Казахстан" in texts
    assert "42%" in texts and "7.0%" in texts
    assert "—" in texts  # the missing value is shown as missing, not as zero
    assert svg.startswith("<svg") and 'role="img"' in svg


def test_every_chart_kind_renders_to_png() -> None:
    svgs = [
        charts.stacked_bar_chart(["RU", "KZ"], [("да", [40, 30]), ("нет", [60, 70])], title="Доли"),
        charts.line_chart(["2024-01", "2024-02", "2024-03"], [("RU", [10, None, 30]), ("KZ", [5, 15, 25])]),
        charts.heatmap(["LABOUR", "HEALTH"], ["RU", "KZ"], [[10, 20], [None, 5]], unit=""),
    ]
    for svg in svgs:
        fromstring(svg.encode())
        png = charts.svg_to_png(svg)
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        from io import BytesIO

        from PIL import Image

        image = Image.open(BytesIO(png))
        assert image.width > 300 and image.height > 50
        # Not a blank page: the drawing put several colours on it.
        assert len(image.convert("RGB").getcolors(maxcolors=100000) or []) > 3


def test_labels_and_values_must_pair_up() -> None:
    with pytest.raises(ValueError):
        charts.bar_chart(["a", "b"], [1.0])
    with pytest.raises(ValueError):
        charts.heatmap(["a"], ["x", "y"], [[1.0]])


def test_text_is_escaped() -> None:
    svg = charts.bar_chart(['<script>"x"</script>'], [1.0], title="a & b")
    assert "<script>" not in svg
    assert "a &amp; b" in svg
