"""Repayment schedules and the internal rate of return, all in ``Decimal``.

Schedules are rounded the way lenders print them: every period's interest
(or fee) and principal part is rounded to the fen (``ROUND_HALF_UP``), and
the last period takes whatever principal is left, so the principal parts add
up to the principal exactly.

The rate of a loan is its internal rate of return (IRR) per period, found by
bisection in ``Decimal`` under a fixed context, so the answer is the same in
the reader's browser (Pyodide) and under CPython.  The annual rate lenders
must disclose is the nominal one, ``IRR × periods per year``; the effective
one is ``(1 + IRR) ** periods per year − 1``.

Rates in this module are fractions (``Decimal("0.006")`` for 0.6 %), not
percentages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from itertools import pairwise
from typing import Literal

from .money import round_fen

__all__ = [
    "MAX_EFFECTIVE_PERCENT",
    "METHODS",
    "Instalment",
    "Method",
    "Schedule",
    "TooManyPeriods",
    "annual_percents",
    "annuity_payment",
    "build_schedule",
    "effective_annual",
    "equal_payment",
    "equal_principal",
    "falling_payments",
    "flat_fee",
    "irr",
    "level_payment",
    "most_periods",
    "nominal_annual",
    "npv",
    "schedule_irr",
    "total_interest",
    "total_payment",
]

Method = Literal["equal_payment", "equal_principal", "flat_fee"]
#: The repayment methods, in the order the forms list them.
METHODS: tuple[Method, ...] = ("equal_payment", "equal_principal", "flat_fee")

#: Every computation here runs in this context, whatever the caller's is.
_CONTEXT = Context(
    prec=40,
    rounding=ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
#: Bisection stops when the bracket is this narrow relative to the rate (or absolutely below 1).
_TOLERANCE = Decimal("1e-24")
_MAX_STEPS = 400
#: Effective annual rates above this (in %) are not reported: they mean nothing to a reader.
MAX_EFFECTIVE_PERCENT = Decimal(1_000_000_000)


@dataclass(frozen=True)
class Instalment:
    """One period of a schedule; all amounts in yuan, rounded to the fen.

    Attributes:
        period: 1 for the first repayment.
        payment: what is paid in the period (``principal + interest``).
        principal: the part that reduces the balance.
        interest: the interest or fee charged in the period.
        balance: the principal still owed after the payment.
    """

    period: int
    payment: Decimal
    principal: Decimal
    interest: Decimal
    balance: Decimal


Schedule = tuple[Instalment, ...]


class TooManyPeriods(ValueError):
    """The principal is too small for the number of periods.

    Rounded to the fen, the instalments would repay it before the last period (which would
    leave a run of 0.00 instalments) or some would be 0.00 from the start: 1 yuan over 60
    periods at 0 % is 0.0166… → 0.02 a period, repaid after 50. A lender would not offer
    such a plan, so no schedule is made; :func:`most_periods` says how many periods fit.
    """


def _check(principal: Decimal, periods: int, rate: Decimal) -> None:
    if principal <= 0:
        raise ValueError("principal must be positive")
    if periods < 1:
        raise ValueError("periods must be at least 1")
    if rate < 0:
        raise ValueError("rate must not be negative")


def _amortise(principal: Decimal, periods: int, part: Callable[[Decimal], tuple[Decimal, Decimal]]) -> Schedule:
    """Run ``part(balance) -> (interest, principal part)`` period by period.

    A principal part never exceeds what is owed, and the last period takes the
    rest, so the parts sum to ``principal`` exactly.

    Raises:
        TooManyPeriods: an instalment would be 0.00, or the principal would be repaid
            before the last period.
    """
    rows: list[Instalment] = []
    balance = principal
    for period in range(1, periods + 1):
        interest, principal_part = part(balance)
        if period == periods or principal_part > balance:
            principal_part = balance
        balance -= principal_part
        payment = principal_part + interest
        if payment <= 0 or (balance <= 0 and period < periods):
            raise TooManyPeriods(f"{principal} cannot be spread over {periods} periods")
        rows.append(Instalment(period, payment, principal_part, interest, balance))
    return tuple(rows)


def annuity_payment(principal: Decimal, periods: int, period_rate: Decimal) -> Decimal:
    """The level payment that repays ``principal`` over ``periods`` at ``period_rate``, unrounded.

    Args:
        principal: the amount borrowed, in yuan.
        periods: the number of payments.
        period_rate: the interest rate per period, as a fraction.

    Returns:
        ``P·r / (1 − (1 + r)^−n)``, or ``P / n`` at a zero rate.
    """
    _check(principal, periods, period_rate)
    with localcontext(_CONTEXT):
        if period_rate == 0:
            return principal / periods
        growth = (1 + period_rate) ** periods
        return principal * period_rate * growth / (growth - 1)


def equal_payment(principal: Decimal, periods: int, period_rate: Decimal) -> Schedule:
    """等额本息: the same payment every period; interest on the balance still owed.

    Args:
        principal: the amount borrowed, in yuan.
        periods: the number of payments.
        period_rate: the interest rate per period, as a fraction.

    Returns:
        The schedule; the last payment differs from the others by the rounding.
    """
    with localcontext(_CONTEXT):
        payment = round_fen(annuity_payment(principal, periods, period_rate))

        def part(balance: Decimal) -> tuple[Decimal, Decimal]:
            interest = round_fen(balance * period_rate)
            return interest, payment - interest

        return _amortise(principal, periods, part)


def equal_principal(principal: Decimal, periods: int, period_rate: Decimal) -> Schedule:
    """等额本金: the same principal every period; interest on the balance still owed.

    Args:
        principal: the amount borrowed, in yuan.
        periods: the number of payments.
        period_rate: the interest rate per period, as a fraction.

    Returns:
        The schedule; payments fall period by period.
    """
    _check(principal, periods, period_rate)
    with localcontext(_CONTEXT):
        principal_part = round_fen(principal / periods)
        return _amortise(principal, periods, lambda balance: (round_fen(balance * period_rate), principal_part))


def flat_fee(principal: Decimal, periods: int, fee_rate: Decimal) -> Schedule:
    """每期按原始本金收手续费: equal principal parts plus a fee on the original principal.

    Args:
        principal: the amount borrowed, in yuan.
        periods: the number of payments.
        fee_rate: the fee per period, as a fraction of the original principal.

    Returns:
        The schedule; the fee stays the same although the balance falls.
    """
    _check(principal, periods, fee_rate)
    with localcontext(_CONTEXT):
        principal_part = round_fen(principal / periods)
        fee = round_fen(principal * fee_rate)
        return _amortise(principal, periods, lambda _balance: (fee, principal_part))


def build_schedule(method: Method, principal: Decimal, periods: int, rate: Decimal) -> Schedule:
    """The schedule of ``method``.

    Args:
        method: ``equal_payment``, ``equal_principal`` or ``flat_fee``.
        principal: the amount borrowed, in yuan.
        periods: the number of payments.
        rate: the interest rate per period, or for ``flat_fee`` the fee per
            period on the original principal, as a fraction.

    Returns:
        The schedule.

    Raises:
        TooManyPeriods: the principal is too small to spread over ``periods``.
    """
    builders = {"equal_payment": equal_payment, "equal_principal": equal_principal, "flat_fee": flat_fee}
    return builders[method](principal, periods, rate)


def most_periods(method: Method, principal: Decimal, periods: int, rate: Decimal) -> int:
    """The most periods, up to ``periods``, over which :func:`build_schedule` can spread ``principal``.

    Args:
        method: ``equal_payment``, ``equal_principal`` or ``flat_fee``.
        principal: the amount borrowed, in yuan (at least 0.01).
        periods: the most periods wanted.
        rate: as for :func:`build_schedule`.

    Returns:
        A number from 1 (one instalment always repays a principal of a fen or more) to ``periods``.
    """
    for count in range(periods, 1, -1):
        try:
            build_schedule(method, principal, count, rate)
        except TooManyPeriods:
            continue
        return count
    return 1


def total_payment(schedule: Schedule) -> Decimal:
    """Everything paid over the schedule."""
    return sum((row.payment for row in schedule), Decimal(0))


def level_payment(payments: Sequence[Decimal]) -> Decimal | None:
    """The one amount level instalments are asked for as, or ``None`` for any other shape.

    Instalments are level when all but the last are equal and the last differs from them by
    less than 1 yuan (the rounding).

    Args:
        payments: each period's instalment, in order; not empty.

    Returns:
        The first instalment if the plan is level, else ``None`` (e.g. falling, equal principal).
    """
    first, last = payments[0], payments[-1]
    if all(payment == first for payment in payments[:-1]) and abs(last - first) < 1:
        return first
    return None


def falling_payments(payments: Sequence[Decimal]) -> tuple[Decimal, Decimal] | None:
    """A falling plan's first and last instalment, by which it is asked for, or ``None`` for any other shape.

    Instalments fall when they are not level (:func:`level_payment`), none but the last is larger
    than the one before it, and the last is smaller than the first and above the one before by
    less than 1 yuan if at all: as in :func:`level_payment`, the last takes the rounding. 等额本金
    falls so.

    Args:
        payments: each period's instalment, in order; not empty.

    Returns:
        ``(first, last)`` if the plan falls, else ``None`` (level, or rising before the end).
    """
    first, last = payments[0], payments[-1]
    if level_payment(payments) is not None or last >= first:
        return None
    if any(later > earlier for earlier, later in pairwise(payments[:-1])):
        return None
    if last - payments[-2] >= 1:
        return None
    return first, last


def total_interest(schedule: Schedule) -> Decimal:
    """All interest and fees over the schedule."""
    return sum((row.interest for row in schedule), Decimal(0))


def npv(rate: Decimal, received: Decimal, payments: Sequence[Decimal]) -> Decimal:
    """Present value of the payments at ``rate`` per period, less what was received.

    Args:
        rate: the rate per period, as a fraction (greater than −1).
        received: the amount received at time 0.
        payments: the payment at the end of period 1, 2, ….

    Returns:
        ``Σ payment_k / (1 + rate)^k − received``.
    """
    with localcontext(_CONTEXT):
        discount = 1 / (1 + rate)
        value = Decimal(0)
        for payment in reversed(payments):
            value = (value + payment) * discount
        return value - received


def irr(received: Decimal, payments: Sequence[Decimal]) -> Decimal:
    """The rate per period at which the payments are worth exactly what was received.

    Bisection on a bracket that always holds the root: with ``x = Σ payments /
    received − 1`` the root lies between 0 and ``x`` (the present value falls
    as the rate rises, and at ``x`` it has crossed zero), so the method cannot
    fail or wander, and its result is the same on every platform.

    Args:
        received: the amount received at time 0, positive.
        payments: non-negative payments at the end of periods 1, 2, …; at
            least one positive.

    Returns:
        The rate per period, as a fraction; negative when less is repaid than
        was received.

    Raises:
        ValueError: ``received`` is not positive, a payment is negative, or
            nothing is repaid.
    """
    if received <= 0:
        raise ValueError("received must be positive")
    if any(payment < 0 for payment in payments):
        raise ValueError("payments must not be negative")
    with localcontext(_CONTEXT):
        total = sum(payments, Decimal(0))
        if total <= 0:
            raise ValueError("something must be repaid")
        bound = total / received - 1
        if bound == 0:
            return Decimal(0)
        low, high = min(bound, Decimal(0)), max(bound, Decimal(0))
        for _step in range(_MAX_STEPS):
            if high - low <= _TOLERANCE * max(Decimal(1), abs(high)):
                break
            middle = (low + high) / 2
            if middle in (low, high):
                break
            if npv(middle, received, payments) > 0:
                low = middle
            else:
                high = middle
        return (low + high) / 2


def schedule_irr(received: Decimal, schedule: Schedule) -> Decimal:
    """The IRR per period of a schedule for a loan of which ``received`` was paid out."""
    return irr(received, [row.payment for row in schedule])


def nominal_annual(period_rate: Decimal, periods_per_year: int) -> Decimal:
    """The nominal annual rate (年化利率 as disclosed): ``period_rate × periods_per_year``."""
    with localcontext(_CONTEXT):
        return period_rate * periods_per_year


def effective_annual(period_rate: Decimal, periods_per_year: int) -> Decimal:
    """The effective (compound) annual rate: ``(1 + period_rate) ** periods_per_year − 1``."""
    with localcontext(_CONTEXT):
        return (1 + period_rate) ** periods_per_year - 1


def annual_percents(period_rate: Decimal, periods_per_year: int) -> tuple[Decimal, Decimal | None]:
    """The nominal and effective annual rates of ``period_rate``, in percent.

    Args:
        period_rate: the IRR per period, as a fraction (greater than −1).
        periods_per_year: 12 for months, 52 for weeks, 365 for days.

    Returns:
        ``(nominal %, effective %)``; the effective rate is ``None`` when it
        exceeds :data:`MAX_EFFECTIVE_PERCENT`.
    """
    with localcontext(_CONTEXT):
        nominal = nominal_annual(period_rate, periods_per_year) * 100
        effective = effective_annual(period_rate, periods_per_year) * 100
        return nominal, (effective if effective <= MAX_EFFECTIVE_PERCENT else None)
