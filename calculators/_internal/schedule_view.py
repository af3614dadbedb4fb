"""Showing a schedule: table rows, CSV text and a small inline SVG of the balance.

The SVG is built from numbers and the package's own messages only, never from
anything the reader typed, and has no script and no external reference (its
``xmlns`` is the SVG namespace name, which the page's ``DOMParser`` needs).
"""

from __future__ import annotations

from decimal import Decimal

from .fields import Output
from .finance import Schedule
from .i18n import gettext as _
from .money import format_money

__all__ = ["SCHEDULE_COLUMNS", "balance_svg", "schedule_csv", "schedule_outputs"]

# As html.escape(text, quote=True). Not imported from html: it loads html.entities, a large
# module every reader's browser would download for these five characters.
_MARKUP_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def escape(text: str) -> str:
    """``text`` safe in SVG/XML character data and in a double-quoted attribute."""
    return text.translate(_MARKUP_ESCAPES)


#: The columns of a schedule table, ``(attribute of an Instalment, label)``.
SCHEDULE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("period", "期数"),
    ("payment", "还款额"),
    ("principal", "本金"),
    ("interest", "利息或手续费"),
    ("balance", "剩余本金"),
)

#: The SVG namespace: a name, not a resource; the page parses the chart as an SVG document.
_SVG_NAMESPACE = "http://www.w3.org/2000/svg"
_WIDTH = 360
_HEIGHT = 200
_LEFT = 24
_RIGHT = 344
_TOP = 24
_BOTTOM = 168


def schedule_csv(schedule: Schedule) -> str:
    """The schedule as CSV text: a header of column labels, then one line per period.

    Args:
        schedule: the rows to write.

    Returns:
        Comma-separated text ending with a newline; amounts have two decimals.
    """
    lines = [",".join(_(label) for _key, label in SCHEDULE_COLUMNS)]
    for row in schedule:
        cells = [str(row.period)] + [format_money(v) for v in (row.payment, row.principal, row.interest, row.balance)]
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def _coordinate(value: Decimal) -> str:
    return format(value, ".1f")


def balance_svg(principal: Decimal, schedule: Schedule) -> str:
    """A line chart of the principal still owed, from the start to the last period.

    Args:
        principal: the balance before the first period.
        schedule: the periods.

    Returns:
        An ``<svg>`` element with ``role="img"`` and an ``aria-label`` that says
        what it shows; drawn in ``currentColor`` so it follows the page's theme.
    """
    periods = len(schedule)
    balances = [principal] + [row.balance for row in schedule]
    span_x = Decimal(_RIGHT - _LEFT)
    span_y = Decimal(_BOTTOM - _TOP)
    points = []
    for index, balance in enumerate(balances):
        x = _LEFT + span_x * index / max(periods, 1)
        y = _BOTTOM - (span_y * balance / principal if principal > 0 else Decimal(0))
        points.append(_coordinate(x) + "," + _coordinate(y))
    label = _("剩余本金随还款变化的折线图：从 {start} 元到 {end} 元，共 {periods} 期。").format(
        start=format_money(principal), end=format_money(balances[-1]), periods=periods
    )
    axis_label = _("期数")
    money_label = _("{amount} 元").format(amount=format_money(principal))
    parts = [
        f'<svg xmlns="{_SVG_NAMESPACE}" viewBox="0 0 {_WIDTH} {_HEIGHT}" width="{_WIDTH}" height="{_HEIGHT}" '
        f'role="img" aria-label="{escape(label)}" class="calc-chart">',
        f'<line x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{_BOTTOM}" stroke="currentColor" stroke-opacity="0.4"/>',
        f'<line x1="{_LEFT}" y1="{_BOTTOM}" x2="{_RIGHT}" y2="{_BOTTOM}" stroke="currentColor" stroke-opacity="0.4"/>',
        f'<polyline points="{" ".join(points)}" fill="none" stroke="currentColor" stroke-width="2"/>',
        f'<text x="{_LEFT}" y="{_TOP - 10}" text-anchor="start" font-size="11" fill="currentColor">'
        f"{escape(money_label)}</text>",
        f'<text x="{_LEFT - 4}" y="{_BOTTOM}" text-anchor="end" font-size="11" fill="currentColor">0</text>',
        f'<text x="{_LEFT}" y="{_BOTTOM + 16}" text-anchor="middle" font-size="11" fill="currentColor">0</text>',
        f'<text x="{_RIGHT}" y="{_BOTTOM + 16}" text-anchor="middle" font-size="11" fill="currentColor">'
        f"{periods}</text>",
        f'<text x="{(_LEFT + _RIGHT) // 2}" y="{_BOTTOM + 28}" text-anchor="middle" font-size="11" '
        f'fill="currentColor">{escape(axis_label)}</text>',
        "</svg>",
    ]
    return "".join(parts)


def schedule_outputs(table_label: str, csv_name: str) -> tuple[Output, ...]:
    """The outputs every schedule calculator shows after its figures.

    Args:
        table_label: the schedule table's caption (a literal, translated by the caller's catalogue).
        csv_name: the download's file name.

    Returns:
        The schedule table, the balance chart, the CSV download and the link to the letter.
    """
    return (
        Output("schedule", table_label, "table", columns=SCHEDULE_COLUMNS),
        Output("chart", "剩余本金变化", "svg"),
        Output("csv", "下载还款计划（CSV）", "download", filename=csv_name, media_type="text/csv;charset=utf-8"),
        Output("next_url_query", "下一步", "link", targets=(("letter", "用这个方案写协商申请书"),)),
    )
