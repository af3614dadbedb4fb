"""Money and rate helpers: everything in ``Decimal``, rounded the way lenders do."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["FEN", "format_money", "format_percent", "format_plain", "round_fen"]

FEN = Decimal("0.01")


def round_fen(amount: Decimal) -> Decimal:
    """Round an amount of yuan to the fen, halves away from zero (ROUND_HALF_UP)."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def _shown(number: Decimal) -> str:
    # A negative amount that rounds to zero (or a typed "-0") would print as "-0.00".
    return str(number.copy_abs() if number.is_zero() else number)


def format_money(amount: Decimal) -> str:
    """``Decimal("150")`` → ``"150.00"``: two places, no grouping, never ``"-0.00"``; for JSON and forms."""
    return _shown(round_fen(amount))


def format_percent(rate: Decimal, places: int = 2) -> str:
    """A percentage with ``places`` decimals, e.g. ``Decimal("18.25")`` → ``"18.25"``; never ``"-0.00"``."""
    return _shown(rate.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def format_plain(number: Decimal) -> str:
    """The shortest plain text of a number, for query strings: ``Decimal("10000.00")`` → ``"10000"``."""
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text
