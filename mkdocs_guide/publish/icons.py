"""The web app's icons, drawn here: an SVG and PNGs, with no image library and no downloads.

The drawing is Material's default logo (a reader over an open book) in white on
the site's indigo, scaled into the middle 60 % so it stays inside the safe zone
of a maskable icon (a circle of 80 % of the width) when a phone crops it.
"""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Iterator

__all__ = ["BACKGROUND", "png_icon", "svg_icon"]

#: Material's indigo, the site's primary colour.
BACKGROUND = (0x3F, 0x51, 0xB5)
_FOREGROUND = (0xFF, 0xFF, 0xFF)

# The logo in its 24×24 box: a head (circle) and an open book (outline of cubic curves).
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
_PATH = (
    "M12 8a3 3 0 0 0 3-3 3 3 0 0 0-3-3 3 3 0 0 0-3 3 3 3 0 0 0 3 3m0 3.54C9.64 9.35 6.5 8 3 8v11c3.5 0 "
    "6.64 1.35 9 3.54 2.36-2.19 5.5-3.54 9-3.54V8c-3.5 0-6.64 1.35-9 3.54"
)
#: The logo spans y 2…22.54; scale about its middle.
_CENTRE = (12.0, 12.27)
_SCALE = 0.6
_SUBROWS = 4


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def svg_icon() -> str:
    """The icon as SVG text (any size)."""
    x, y = _CENTRE
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">'
        f'<rect width="24" height="24" fill="{_hex(BACKGROUND)}"/>'
        f'<path transform="translate({x} {y}) scale({_SCALE}) translate(-{x} -{y})" '
        f'fill="{_hex(_FOREGROUND)}" d="{_PATH}"/></svg>\n'
    )


def _outline(steps: int = 16) -> list[tuple[float, float]]:
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


def _spans(y: float, polygon: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The intervals of x inside the logo on the horizontal line at ``y`` (logo units)."""
    crossings = []
    for (xa, ya), (xb, yb) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (ya <= y < yb) or (yb <= y < ya):
            crossings.append(xa + (y - ya) * (xb - xa) / (yb - ya))
    crossings.sort()
    spans = list(zip(crossings[::2], crossings[1::2], strict=False))
    cx, cy, r = _HEAD
    if abs(y - cy) < r:
        half = math.sqrt(r * r - (y - cy) ** 2)
        spans.append((cx - half, cx + half))
    merged: list[tuple[float, float]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _coverage(size: int) -> Iterator[list[float]]:
    """Per pixel row, how much of each pixel the logo covers (0…1), antialiased."""
    polygon = _outline()
    unit = size * _SCALE / 24  # pixels per logo unit
    cx, cy = _CENTRE
    weight = 1 / _SUBROWS
    for row in range(size):
        edges = [0.0] * size  # partly covered pixels at span ends
        steps = [0.0] * (size + 1)  # whole pixels: a running sum of starts and ends
        for sub in range(_SUBROWS):
            y = cy + ((row + (sub + 0.5) / _SUBROWS) - size / 2) / unit
            for start, end in _spans(y, polygon):
                left = max(0.0, (start - cx) * unit + size / 2)
                right = min(float(size), (end - cx) * unit + size / 2)
                first, last = math.ceil(left), math.floor(right)
                if first > last:  # the span lies inside one pixel
                    edges[last] += (right - left) * weight
                    continue
                steps[first] += weight
                steps[last] -= weight
                if first > 0:
                    edges[first - 1] += (first - left) * weight
                if last < size:
                    edges[last] += (right - last) * weight
        cover, running = [], 0.0
        for column in range(size):
            running += steps[column]
            cover.append(running + edges[column])
        yield cover


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_icon(size: int) -> bytes:
    """The icon as a square RGB PNG of ``size`` pixels."""
    # 256 blends of background and foreground, one per coverage level.
    palette = [
        bytes(round(b + (f - b) * level / 255) for b, f in zip(BACKGROUND, _FOREGROUND, strict=True))
        for level in range(256)
    ]
    rows = bytearray()
    for cover in _coverage(size):
        rows.append(0)  # filter type: none
        rows += b"".join(palette[min(255, round(amount * 255))] for amount in cover)
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + _chunk(b"IEND", b"")
    )
