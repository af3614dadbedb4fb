"""The web app's icons, drawn at build time from one drawing: an SVG, and PNGs made with Pillow.

The drawing is Material's default logo (a reader over an open book) in white on
the site's indigo, scaled into the middle 60 % so it stays inside the safe zone
of a maskable icon (a circle of 80 % of the width) when a phone crops it.
"""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

__all__ = ["BACKGROUND", "png_icon", "svg_icon"]

#: Material's indigo, the site's primary colour.
BACKGROUND = (0x3F, 0x51, 0xB5)
_FOREGROUND = (0xFF, 0xFF, 0xFF)

# The logo in its 24×24 box: a head (circle: centre and radius) and an open book (an outline
# of lines and cubic curves, each given by its points after the current one).
_HEAD = (12.0, 5.0, 3.0)
_BOOK_START = (12.0, 11.54)
_BOOK: list[tuple[tuple[float, float], ...]] = [
    ((9.64, 9.35), (6.5, 8.0), (3.0, 8.0)),
    ((3.0, 19.0),),
    ((6.5, 19.0), (9.64, 20.35), (12.0, 22.54)),
    ((14.36, 20.35), (17.5, 19.0), (21.0, 19.0)),
    ((21.0, 8.0),),
    ((17.5, 8.0), (14.36, 9.35), (12.0, 11.54)),
]
#: The logo spans y 2…22.54; scale about its middle.
_CENTRE = (12.0, 12.27)
_SCALE = 0.6
#: The PNGs are drawn this many times larger, then reduced by averaging: smooth edges.
_OVERSAMPLE = 4


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def _book_path() -> str:
    """The book's outline as SVG path data."""
    steps = [f"M{_BOOK_START[0]:g} {_BOOK_START[1]:g}"]
    for segment in _BOOK:
        points = " ".join(f"{x:g} {y:g}" for x, y in segment)
        steps.append(f"{'C' if len(segment) == 3 else 'L'}{points}")
    return "".join(steps) + "Z"


def svg_icon() -> str:
    """The icon as SVG text (any size)."""
    x, y = _CENTRE
    cx, cy, r = _HEAD
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        f'<rect width="24" height="24" fill="{_hex(BACKGROUND)}"/>'
        f'<g transform="translate({x} {y}) scale({_SCALE}) translate(-{x} -{y})" fill="{_hex(_FOREGROUND)}">'
        f'<circle cx="{cx:g}" cy="{cy:g}" r="{r:g}"/><path d="{_book_path()}"/></g></svg>\n'
    )


def _book_outline(steps: int = 32) -> list[tuple[float, float]]:
    """The book's outline as a polygon: each curve followed in ``steps`` straight pieces."""
    points = [_BOOK_START]
    for segment in _BOOK:
        if len(segment) == 1:
            points.append(segment[0])
            continue
        (x0, y0), ((x1, y1), (x2, y2), (x3, y3)) = points[-1], segment
        for i in range(1, steps + 1):
            t = i / steps
            u = 1 - t
            points.append(
                (
                    u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3,
                    u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3,
                )
            )
    return points


def png_icon(size: int) -> bytes:
    """The icon as a square RGB PNG of ``size`` pixels."""
    drawn = size * _OVERSAMPLE
    unit = drawn * _SCALE / 24  # pixels per logo unit
    cx, cy = _CENTRE

    def pixel(x: float, y: float) -> tuple[float, float]:
        return ((x - cx) * unit + drawn / 2, (y - cy) * unit + drawn / 2)

    image = Image.new("RGB", (drawn, drawn), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.polygon([pixel(x, y) for x, y in _book_outline()], fill=_FOREGROUND)
    hx, hy, r = _HEAD
    draw.ellipse([pixel(hx - r, hy - r), pixel(hx + r, hy + r)], fill=_FOREGROUND)
    icon = image.resize((size, size), Image.Resampling.BOX)
    out = io.BytesIO()
    icon.save(out, format="PNG", optimize=True)
    return out.getvalue()
