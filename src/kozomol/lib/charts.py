"""Server-side charts as SVG strings, and PNG from the same drawing, with no browser and no system libraries.

Stable API (other apps import it):

* ``bar_chart(categories, values, *, title="", unit="%", low=None, high=None, max_value=None, width=640)``
* ``stacked_bar_chart(categories, series, *, title="", unit="%", max_value=None, width=640)``
* ``line_chart(x_labels, series, *, title="", unit="%", max_value=None, width=640, height=320)``
* ``heatmap(rows, columns, values, *, title="", unit="%", width=None)``
* ``svg_to_png(svg, *, scale=2.0) -> bytes``

``series`` is a list of ``(name, values)`` pairs. Missing values are ``None``
(drawn as gaps, never as zero). Every function returns a complete ``<svg>``
document. Each chart is first laid out as a list of simple shapes
(rectangles, lines, polylines, circles, text); the SVG is written from them,
and ``svg_to_png`` draws that same small vocabulary with Pillow, so a chart
downloads as PNG without a headless browser or cairo. ``svg_to_png`` accepts
only SVG made here (or using the same plain elements); other elements are
ignored.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from xml.etree.ElementTree import Element  # noqa: S405 - parsing is done by defusedxml below

from defusedxml.ElementTree import fromstring

# Okabe–Ito: distinguishable for the common forms of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]
INK = "#1f2933"
MUTED = "#616e7c"
GRID = "#d9dee3"
FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"
CHAR_WIDTH = 0.58  # of the font size: a rough average advance, used for layout only
SVG_NS = "http://www.w3.org/2000/svg"


# --- the drawing vocabulary -----------------------------------------------------------------------


@dataclass
class _Scene:
    width: float
    height: float
    title: str = ""
    shapes: list[tuple[str, dict[str, object]]] = field(default_factory=list)

    def rect(self, x: float, y: float, w: float, h: float, fill: str, label: str = "") -> None:
        self.shapes.append(
            (
                "rect",
                {"x": x, "y": y, "width": max(w, 0.0), "height": max(h, 0.0), "fill": fill, "_title": label},
            )
        )

    def line(
        self, x1: float, y1: float, x2: float, y2: float, stroke: str = GRID, width: float = 1.0
    ) -> None:
        self.shapes.append(
            ("line", {"x1": x1, "y1": y1, "x2": x2, "y2": y2, "stroke": stroke, "stroke-width": width})
        )

    def polyline(self, points: list[tuple[float, float]], stroke: str, width: float = 2.0) -> None:
        if len(points) >= 2:
            pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in points)
            self.shapes.append(
                ("polyline", {"points": pts, "stroke": stroke, "stroke-width": width, "fill": "none"})
            )

    def circle(self, cx: float, cy: float, r: float, fill: str, label: str = "") -> None:
        self.shapes.append(("circle", {"cx": cx, "cy": cy, "r": r, "fill": fill, "_title": label}))

    def text(
        self,
        x: float,
        y: float,
        text: str,
        *,
        size: float = 12,
        anchor: str = "start",
        fill: str = INK,
        bold: bool = False,
    ) -> None:
        attrs: dict[str, object] = {
            "x": x,
            "y": y,
            "font-size": size,
            "text-anchor": anchor,
            "fill": fill,
            "_text": text,
        }
        if bold:
            attrs["font-weight"] = "bold"
        self.shapes.append(("text", attrs))

    def to_svg(self) -> str:
        w, h = _n(self.width), _n(self.height)
        out = [
            f'<svg xmlns="{SVG_NS}" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" '
            f'aria-label="{_esc(self.title)}" font-family="{FONT_FAMILY}">',
            f"<title>{_esc(self.title)}</title>",
            f'<rect x="0" y="0" width="{w}" height="{h}" fill="#ffffff"/>',
        ]
        for kind, attrs in self.shapes:
            plain = " ".join(
                f'{k}="{_esc(_n(v) if isinstance(v, float | int) else str(v))}"'
                for k, v in attrs.items()
                if not k.startswith("_")
            )
            if kind == "text":
                out.append(f"<text {plain}>{_esc(str(attrs['_text']))}</text>")
            elif attrs.get("_title"):
                out.append(f"<{kind} {plain}><title>{_esc(str(attrs['_title']))}</title></{kind}>")
            else:
                out.append(f"<{kind} {plain}/>")
        out.append("</svg>")
        return "\n".join(out)


def _n(value: object) -> str:
    if isinstance(value, float):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text if text not in ("", "-0") else "0"
    return str(value)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _clip(text: str, max_chars: int) -> str:
    return text if len(text) <= max_chars else text[: max(1, max_chars - 1)] + "…"


def _fmt(value: float, unit: str) -> str:
    if unit == "%":
        return f"{value:.0f}%" if abs(value) >= 10 or value == 0 else f"{value:.1f}%"
    if abs(value) >= 100 or float(value).is_integer():
        return f"{value:,.0f}".replace(",", " ") + (f" {unit}" if unit else "")
    return f"{value:.1f}" + (f" {unit}" if unit else "")


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exp:
            return step * exp
    return 10 * exp


def _label_width(labels: Sequence[str], size: float, cap: int = 28) -> tuple[float, int]:
    longest = min(max((len(s) for s in labels), default=1), cap)
    return longest * size * CHAR_WIDTH + 10, cap


def _header(scene: _Scene, title: str) -> float:
    if title:
        scene.text(8, 20, _clip(title, int((scene.width - 16) / (14 * 0.66))), size=14, bold=True)
        return 34.0
    return 8.0


def _legend(scene: _Scene, names: Sequence[str], y: float, left: float) -> float:
    x = left
    for i, name in enumerate(names):
        label = _clip(name, 24)
        item_w = 18 + len(label) * 11 * CHAR_WIDTH + 14
        if x + item_w > scene.width - 8 and x > left:
            x = left
            y += 18
        scene.rect(x, y - 10, 12, 12, PALETTE[i % len(PALETTE)])
        scene.text(x + 16, y, label, size=11, fill=INK)
        x += item_w
    return y + 14


# --- the charts -------------------------------------------------------------------------------


def bar_chart(
    categories: Sequence[str],
    values: Sequence[float | None],
    *,
    title: str = "",
    unit: str = "%",
    low: Sequence[float | None] | None = None,
    high: Sequence[float | None] | None = None,
    max_value: float | None = None,
    width: int = 640,
) -> str:
    """Horizontal bars, one per category, with optional interval whiskers (``low``/``high``)."""
    if len(values) != len(categories):
        raise ValueError("categories and values differ in length")
    bar_h, gap, size = 22.0, 8.0, 12.0
    scene = _Scene(width=width, height=0, title=title)
    top = _header(scene, title)
    label_w, cap = _label_width(categories, size)
    label_w = min(label_w, width * 0.42)
    cap = int((label_w - 10) / (size * CHAR_WIDTH))
    plot_l, plot_r = label_w + 8, width - 60.0
    present = [v for v in values if v is not None] + [v for v in (high or []) if v is not None]
    top_value = (
        max_value
        if max_value is not None
        else (100.0 if unit == "%" else _nice_max(max(present, default=1.0)))
    )
    scale = (plot_r - plot_l) / top_value if top_value else 0.0
    height = top + len(categories) * (bar_h + gap) + 28
    scene.height = height
    axis_y = top + len(categories) * (bar_h + gap)
    for tick in range(5):
        tv = top_value * tick / 4
        x = plot_l + tv * scale
        scene.line(x, top - 4, x, axis_y, GRID)
        scene.text(x, axis_y + 16, _fmt(tv, unit), size=10, anchor="middle", fill=MUTED)
    for i, (cat, value) in enumerate(zip(categories, values, strict=True)):
        y = top + i * (bar_h + gap)
        scene.text(plot_l - 8, y + bar_h / 2 + 4, _clip(cat, cap), size=size, anchor="end")
        if value is None:
            scene.text(plot_l + 4, y + bar_h / 2 + 4, "—", size=size, fill=MUTED)
            continue
        scene.rect(plot_l, y, value * scale, bar_h, PALETTE[0], f"{cat}: {_fmt(value, unit)}")
        lo = low[i] if low else None
        hi = high[i] if high else None
        end = value * scale
        if lo is not None and hi is not None:
            cy = y + bar_h / 2
            scene.line(plot_l + lo * scale, cy, plot_l + hi * scale, cy, INK, 1.5)
            scene.line(plot_l + lo * scale, cy - 5, plot_l + lo * scale, cy + 5, INK, 1.5)
            scene.line(plot_l + hi * scale, cy - 5, plot_l + hi * scale, cy + 5, INK, 1.5)
            end = max(end, hi * scale)
        scene.text(plot_l + end + 6, y + bar_h / 2 + 4, _fmt(value, unit), size=11, fill=INK)
    return scene.to_svg()


def stacked_bar_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    title: str = "",
    unit: str = "%",
    max_value: float | None = None,
    width: int = 640,
) -> str:
    """Horizontal stacked bars: one bar per category, one segment per series, with a legend."""
    for name, vals in series:
        if len(vals) != len(categories):
            raise ValueError(f"series {name!r} differs in length from the categories")
    bar_h, gap, size = 22.0, 8.0, 12.0
    scene = _Scene(width=width, height=0, title=title)
    top = _header(scene, title)
    top = _legend(scene, [name for name, _ in series], top + 4, 8) + 6
    label_w, _cap = _label_width(categories, size)
    label_w = min(label_w, width * 0.42)
    cap = int((label_w - 10) / (size * CHAR_WIDTH))
    plot_l, plot_r = label_w + 8, width - 16.0
    totals = [sum(v[i] or 0.0 for _, v in series) for i in range(len(categories))]
    top_value = (
        max_value
        if max_value is not None
        else (
            100.0
            if unit == "%" and max(totals, default=0) <= 100.0001
            else _nice_max(max(totals, default=1.0))
        )
    )
    scale = (plot_r - plot_l) / top_value if top_value else 0.0
    axis_y = top + len(categories) * (bar_h + gap)
    scene.height = axis_y + 28
    for tick in range(5):
        tv = top_value * tick / 4
        x = plot_l + tv * scale
        scene.line(x, top - 4, x, axis_y, GRID)
        scene.text(x, axis_y + 16, _fmt(tv, unit), size=10, anchor="middle", fill=MUTED)
    for i, cat in enumerate(categories):
        y = top + i * (bar_h + gap)
        scene.text(plot_l - 8, y + bar_h / 2 + 4, _clip(cat, cap), size=size, anchor="end")
        x = plot_l
        for j, (name, vals) in enumerate(series):
            value = vals[i]
            if not value:
                continue
            w = value * scale
            scene.rect(x, y, w, bar_h, PALETTE[j % len(PALETTE)], f"{cat}, {name}: {_fmt(value, unit)}")
            if w > 34:
                scene.text(
                    x + w / 2,
                    y + bar_h / 2 + 4,
                    _fmt(value, unit),
                    size=10,
                    anchor="middle",
                    fill="#ffffff" if j % len(PALETTE) in (0, 3, 7) else INK,
                )
            x += w
    return scene.to_svg()


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    title: str = "",
    unit: str = "%",
    max_value: float | None = None,
    width: int = 640,
    height: int = 320,
) -> str:
    """A trend: one line per series over ``x_labels``; gaps where a value is missing."""
    for name, vals in series:
        if len(vals) != len(x_labels):
            raise ValueError(f"series {name!r} differs in length from the x labels")
    scene = _Scene(width=width, height=height, title=title)
    top = _header(scene, title)
    top = _legend(scene, [name for name, _ in series], top + 4, 8) + 8
    plot_l, plot_r, plot_b = 56.0, width - 20.0, height - 36.0
    present = [v for _, vals in series for v in vals if v is not None]
    top_value = (
        max_value
        if max_value is not None
        else (100.0 if unit == "%" else _nice_max(max(present, default=1.0)))
    )
    y_of = (lambda v: plot_b - (plot_b - top) * v / top_value) if top_value else (lambda v: plot_b)
    for tick in range(5):
        tv = top_value * tick / 4
        y = y_of(tv)
        scene.line(plot_l, y, plot_r, y, GRID)
        scene.text(plot_l - 6, y + 4, _fmt(tv, unit), size=10, anchor="end", fill=MUTED)
    count = len(x_labels)
    step = (plot_r - plot_l) / max(count - 1, 1)
    every = max(1, math.ceil(count / max(1, (plot_r - plot_l) / 60)))
    for i, label in enumerate(x_labels):
        x = plot_l + i * step if count > 1 else (plot_l + plot_r) / 2
        if i % every == 0:
            scene.text(x, plot_b + 18, _clip(label, 10), size=10, anchor="middle", fill=MUTED)
    for j, (name, vals) in enumerate(series):
        colour = PALETTE[j % len(PALETTE)]
        run: list[tuple[float, float]] = []
        for i, value in enumerate(vals):
            x = plot_l + i * step if count > 1 else (plot_l + plot_r) / 2
            if value is None:
                scene.polyline(run, colour)
                run = []
                continue
            run.append((x, y_of(value)))
            scene.circle(x, y_of(value), 3.5, colour, f"{name}, {x_labels[i]}: {_fmt(value, unit)}")
        scene.polyline(run, colour)
    return scene.to_svg()


def _heat_colour(t: float) -> str:
    # From a pale to a deep blue; t in [0, 1].
    a, b = (239, 246, 255), (8, 69, 148)
    r, g, bl = (round(a[k] + (b[k] - a[k]) * t) for k in range(3))
    return f"#{r:02x}{g:02x}{bl:02x}"


def heatmap(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Sequence[Sequence[float | None]],
    *,
    title: str = "",
    unit: str = "%",
    width: int | None = None,
) -> str:
    """A grid of ``rows`` × ``columns`` cells shaded by value, the value written in each cell."""
    if len(values) != len(rows) or any(len(r) != len(columns) for r in values):
        raise ValueError("values must have one row per row label and one value per column")
    size = 12.0
    label_w, _cap = _label_width(rows, size, cap=30)
    cell_w, cell_h = 78.0, 28.0
    width = int(width or max(560, label_w + 16 + cell_w * len(columns) + 16))
    cell_w = max(40.0, (width - label_w - 32) / max(len(columns), 1))
    scene = _Scene(width=width, height=0, title=title)
    top = _header(scene, title) + 20
    left = label_w + 16
    present = [v for r in values for v in r if v is not None]
    vmax = max(present, default=0.0) or 1.0
    col_cap = max(4, int(cell_w / (11 * CHAR_WIDTH)))
    for c, col in enumerate(columns):
        scene.text(left + c * cell_w + cell_w / 2, top - 8, _clip(col, col_cap), size=11, anchor="middle")
    for r, row in enumerate(rows):
        y = top + r * cell_h
        scene.text(left - 8, y + cell_h / 2 + 4, _clip(row, 30), size=size, anchor="end")
        for c, value in enumerate(values[r]):
            x = left + c * cell_w
            if value is None:
                scene.rect(x + 1, y + 1, cell_w - 2, cell_h - 2, "#f5f7fa", f"{row}, {columns[c]}: —")
                scene.text(x + cell_w / 2, y + cell_h / 2 + 4, "—", size=11, anchor="middle", fill=MUTED)
                continue
            t = max(0.0, min(1.0, value / vmax))
            scene.rect(
                x + 1,
                y + 1,
                cell_w - 2,
                cell_h - 2,
                _heat_colour(t),
                f"{row}, {columns[c]}: {_fmt(value, unit)}",
            )
            scene.text(
                x + cell_w / 2,
                y + cell_h / 2 + 4,
                _fmt(value, unit),
                size=11,
                anchor="middle",
                fill="#ffffff" if t > 0.55 else INK,
            )
    scene.height = top + len(rows) * cell_h + 12
    return scene.to_svg()


# --- PNG ---------------------------------------------------------------------------------------

_FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
)
_BOLD_FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)


@lru_cache(maxsize=64)
def _font(size: int, bold: bool) -> object:
    from PIL import ImageFont

    for path in (_BOLD_FONT_FILES if bold else ()) + _FONT_FILES:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _colour(value: str | None) -> str | None:
    if not value or value == "none":
        return None
    return value


def _float(el: Element, name: str, default: float = 0.0) -> float:
    try:
        return float(el.get(name, default))
    except (TypeError, ValueError):
        return default


def svg_to_png(svg: str, *, scale: float = 2.0) -> bytes:
    """Rasterise an SVG made by this module (rect, line, polyline, circle, text) to PNG bytes."""
    from PIL import Image, ImageDraw

    root = fromstring(svg.encode("utf-8"))
    width = _float(root, "width", 640)
    height = _float(root, "height", 320)
    image = Image.new("RGB", (max(1, round(width * scale)), max(1, round(height * scale))), "#ffffff")
    draw = ImageDraw.Draw(image)

    def s(v: float) -> float:
        return v * scale

    anchors = {"start": "ls", "middle": "ms", "end": "rs"}
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "rect":
            fill = _colour(el.get("fill"))
            x, y = _float(el, "x"), _float(el, "y")
            w, h = _float(el, "width"), _float(el, "height")
            if fill and w > 0 and h > 0:
                draw.rectangle([s(x), s(y), s(x + w) - 1, s(y + h) - 1], fill=fill)
        elif tag == "line":
            stroke = _colour(el.get("stroke")) or INK
            draw.line(
                [s(_float(el, "x1")), s(_float(el, "y1")), s(_float(el, "x2")), s(_float(el, "y2"))],
                fill=stroke,
                width=max(1, round(_float(el, "stroke-width", 1) * scale)),
            )
        elif tag == "polyline":
            stroke = _colour(el.get("stroke")) or INK
            pts = []
            for pair in (el.get("points") or "").split():
                px, _, py = pair.partition(",")
                pts.append((s(float(px)), s(float(py))))
            if len(pts) >= 2:
                draw.line(
                    pts,
                    fill=stroke,
                    width=max(1, round(_float(el, "stroke-width", 1) * scale)),
                    joint="curve",
                )
        elif tag == "circle":
            fill = _colour(el.get("fill")) or INK
            cx, cy, r = _float(el, "cx"), _float(el, "cy"), _float(el, "r")
            draw.ellipse([s(cx - r), s(cy - r), s(cx + r), s(cy + r)], fill=fill)
        elif tag == "text":
            content = "".join(el.itertext())
            if not content:
                continue
            size = max(6, round(_float(el, "font-size", 12) * scale))
            font = _font(size, el.get("font-weight") == "bold")
            draw.text(
                (s(_float(el, "x")), s(_float(el, "y"))),
                content,
                font=font,  # type: ignore[arg-type]
                fill=_colour(el.get("fill")) or INK,
                anchor=anchors.get(el.get("text-anchor", "start"), "ls"),
            )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
