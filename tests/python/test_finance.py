"""The shared finance helpers: schedules, IRR, annual rates; cross-checked with numpy-financial."""

from __future__ import annotations

from decimal import Decimal, localcontext

import numpy_financial as npf
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calculators._internal.finance import (
    MAX_EFFECTIVE_PERCENT,
    METHODS,
    Method,
    TooManyPeriods,
    annual_percents,
    annuity_payment,
    build_schedule,
    effective_annual,
    equal_payment,
    equal_principal,
    flat_fee,
    irr,
    most_periods,
    nominal_annual,
    npv,
    schedule_irr,
    total_interest,
    total_payment,
)

FEN = Decimal("0.01")

principals = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100_000_000), places=2)
large_principals = st.decimals(min_value=Decimal(1000), max_value=Decimal(100_000_000), places=2)
periods = st.integers(min_value=1, max_value=60)
annual_percents_st = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100), places=2)
methods = st.sampled_from(METHODS)


def _period_rate(method: Method, annual_percent: Decimal) -> Decimal:
    return annual_percent / 1200 if method != "flat_fee" else annual_percent / 100 / 12


# Worked examples --------------------------------------------------------------------------------


def test_flat_fee_example_matches_the_guide() -> None:
    schedule = flat_fee(Decimal(10000), 12, Decimal("0.006"))
    assert [row.payment for row in schedule[:11]] == [Decimal("893.33")] * 11
    assert schedule[-1].payment == Decimal("893.37")
    assert schedule[-1].principal == Decimal("833.37")
    assert all(row.interest == Decimal("60.00") for row in schedule)
    assert total_payment(schedule) == Decimal("10720.00")
    rate = schedule_irr(Decimal(10000), schedule)
    nominal, effective = annual_percents(rate, 12)
    assert round(nominal, 2) == Decimal("13.03")
    assert effective is not None
    assert round(effective, 2) == Decimal("13.84")
    assert round(rate * 100, 3) == Decimal("1.086")


def test_equal_payment_example() -> None:
    schedule = equal_payment(Decimal(15000), 12, Decimal("0.015"))
    assert schedule[0].payment == Decimal("1375.20")
    assert schedule[0].interest == Decimal("225.00")
    assert schedule[0].principal == Decimal("1150.20")
    assert schedule[0].balance == Decimal("13849.80")
    assert schedule[-1].payment == Decimal("1375.21")
    assert total_interest(schedule) == Decimal("1502.41")


def test_equal_principal_example() -> None:
    schedule = equal_principal(Decimal(10000), 12, Decimal(13) / 1200)
    assert schedule[0].payment == Decimal("941.66")
    assert schedule[0].principal == Decimal("833.33")
    assert schedule[-1].principal == Decimal("833.37")
    assert schedule[-1].payment == Decimal("842.40")
    payments = [row.payment for row in schedule]
    assert payments == sorted(payments, reverse=True)


def test_zero_rate_schedules_charge_nothing() -> None:
    for method in METHODS:
        schedule = build_schedule(method, Decimal(1000), 3, Decimal(0))
        assert total_interest(schedule) == 0
        assert [row.principal for row in schedule] == [Decimal("333.33"), Decimal("333.33"), Decimal("333.34")]
        assert schedule_irr(Decimal(1000), schedule) == 0


@pytest.mark.parametrize("method", METHODS)
def test_tiny_principal_is_refused_not_ended_in_zero_instalments(method: Method) -> None:
    # 1 yuan over 60 periods: 0.0166… rounds to 0.02, repaid after 50 periods, then ten of 0.00.
    with pytest.raises(TooManyPeriods):
        build_schedule(method, Decimal(1), 60, Decimal(0))
    # 0.20 over 60: 0.0033… rounds to 0.00, so 59 instalments of nothing.
    with pytest.raises(TooManyPeriods):
        build_schedule(method, Decimal("0.2"), 60, Decimal(0))
    assert most_periods(method, Decimal(1), 60, Decimal(0)) == 50
    assert most_periods(method, Decimal("0.2"), 60, Decimal(0)) == 20
    assert [row.payment for row in build_schedule(method, Decimal(1), 50, Decimal(0))] == [Decimal("0.02")] * 50
    assert most_periods(method, Decimal("0.01"), 60, Decimal(0)) == 1


def test_irr_of_known_cash_flows() -> None:
    assert round(irr(Decimal(9000), [Decimal(1000)] * 12) * 1200, 2) == Decimal("56.75")
    assert irr(Decimal(100), [Decimal(110)]) == pytest.approx(Decimal("0.1"), abs=Decimal("1e-20"))
    assert irr(Decimal(100), [Decimal(0), Decimal(121)]) == pytest.approx(Decimal("0.1"), abs=Decimal("1e-20"))
    assert irr(Decimal(100), [Decimal(50), Decimal(50)]) == 0
    assert irr(Decimal(100), [Decimal(90)]) == pytest.approx(Decimal("-0.1"), abs=Decimal("1e-20"))


def test_irr_rejects_what_has_no_rate() -> None:
    with pytest.raises(ValueError):
        irr(Decimal(0), [Decimal(1)])
    with pytest.raises(ValueError):
        irr(Decimal(100), [Decimal(0), Decimal(0)])
    with pytest.raises(ValueError):
        irr(Decimal(100), [Decimal(200), Decimal(-1)])
    with pytest.raises(ValueError):
        equal_payment(Decimal(100), 0, Decimal("0.01"))
    with pytest.raises(ValueError):
        flat_fee(Decimal(100), 3, Decimal("-0.01"))


def test_irr_handles_extremes_quickly() -> None:
    assert irr(Decimal(1), [Decimal(100_000_000)] * 360) > Decimal(99_999_999)
    tiny = irr(Decimal(100_000_000), [Decimal("0.01")] + [Decimal(0)] * 359)
    assert Decimal(-1) < tiny < Decimal("-0.9999999998")


def test_irr_ignores_the_callers_decimal_context() -> None:
    payments = [Decimal("893.33")] * 12
    expected = irr(Decimal(10000), payments)
    with localcontext() as context:
        context.prec = 6
        assert irr(Decimal(10000), payments) == expected


def test_annual_rates() -> None:
    assert nominal_annual(Decimal("0.01"), 12) == Decimal("0.12")
    assert round(effective_annual(Decimal("0.01"), 12), 6) == Decimal("0.126825")
    nominal, effective = annual_percents(Decimal(10), 365)
    assert nominal == Decimal(365_000)
    assert effective is None
    _nominal, effective = annual_percents(Decimal("0.1"), 52)
    assert effective is not None
    assert effective < MAX_EFFECTIVE_PERCENT


# Properties ----------------------------------------------------------------------------------


@given(principals, periods, annual_percents_st, methods)
@settings(max_examples=300, deadline=None)
def test_principal_parts_sum_exactly(principal: Decimal, count: int, percent: Decimal, method: Method) -> None:
    rate = _period_rate(method, percent)
    try:
        schedule = build_schedule(method, principal, count, rate)
    except TooManyPeriods:
        most = most_periods(method, principal, count, rate)
        assert most < count
        build_schedule(method, principal, most, rate)
        assert principal < Decimal("0.01") * count * count  # only amounts of a few fen a period
        return
    assert len(schedule) == count
    assert all(row.payment > 0 for row in schedule)
    assert all(row.balance > 0 for row in schedule[:-1])
    assert sum(row.principal for row in schedule) == principal
    assert schedule[-1].balance == 0
    balance = principal
    for index, row in enumerate(schedule, start=1):
        assert row.period == index
        assert row.principal >= 0
        assert row.interest >= 0
        assert row.payment == row.principal + row.interest
        balance -= row.principal
        assert row.balance == balance
        for amount in (row.payment, row.principal, row.interest, row.balance):
            assert amount == amount.quantize(FEN)


@given(principals, st.integers(min_value=1, max_value=59), annual_percents_st)
@settings(max_examples=300, deadline=None)
def test_more_periods_never_lower_equal_payment_interest(principal: Decimal, count: int, percent: Decimal) -> None:
    rate = percent / 1200
    for periods in (count, count + 1):  # fen rounding makes some tiny plans impossible (TooManyPeriods)
        assume(most_periods("equal_payment", principal, periods, rate) == periods)
    shorter = total_interest(equal_payment(principal, count, rate))
    longer = total_interest(equal_payment(principal, count + 1, rate))
    assert longer >= shorter


@given(large_principals, periods, annual_percents_st, st.sampled_from(["equal_payment", "equal_principal"]))
@settings(max_examples=300, deadline=None)
def test_apr_of_a_schedule_is_its_rate(principal: Decimal, count: int, percent: Decimal, method: Method) -> None:
    # Interest on the balance owed: the IRR is the contract rate, up to the rounding to the fen.
    schedule = build_schedule(method, principal, count, percent / 1200)
    nominal, _effective = annual_percents(schedule_irr(principal, schedule), 12)
    assert abs(nominal - percent) <= Decimal("0.01")


@given(large_principals, periods, st.decimals(min_value=Decimal("0.01"), max_value=Decimal(5), places=2))
@settings(max_examples=200, deadline=None)
def test_flat_fee_costs_more_than_its_nominal_rate(principal: Decimal, count: int, fee_percent: Decimal) -> None:
    # The fee is charged on the original principal, so for two periods or more the true rate is higher.
    schedule = flat_fee(principal, count, fee_percent / 100)
    nominal, _effective = annual_percents(schedule_irr(principal, schedule), 12)
    if count == 1:
        assert abs(nominal - fee_percent * 12) <= Decimal("0.01")
    else:
        assert nominal > fee_percent * 12


@given(
    st.decimals(min_value=Decimal(1), max_value=Decimal(1_000_000), places=2),
    st.lists(st.decimals(min_value=Decimal(0), max_value=Decimal(100_000), places=2), min_size=1, max_size=60),
)
@settings(max_examples=300, deadline=None)
def test_irr_is_a_root_of_the_present_value(received: Decimal, payments: list[Decimal]) -> None:
    assume(sum(payments) > 0)
    rate = irr(received, payments)
    assert rate > -1
    # The present value changes sign within a hair of the rate.
    step = max(abs(rate), Decimal(1)) * Decimal("1e-15")
    assert npv(rate - step, received, payments) >= 0 >= npv(rate + step, received, payments)


# Cross-checks against numpy-financial --------------------------------------------------------


@given(
    st.decimals(min_value=Decimal(100), max_value=Decimal(10_000_000), places=2),
    periods,
    annual_percents_st,
)
@settings(max_examples=400, deadline=None)
def test_level_payment_matches_numpy_financial_pmt(principal: Decimal, count: int, percent: Decimal) -> None:
    expected = float(-npf.pmt(float(percent) / 1200, count, float(principal)))
    ours = annuity_payment(principal, count, percent / 1200)
    # numpy-financial works in binary floating point, which loses digits at tiny rates.
    assert float(ours) == pytest.approx(expected, rel=1e-9)
    assert abs(equal_payment(principal, count, percent / 1200)[0].payment - Decimal(expected)) <= FEN


@given(
    st.decimals(min_value=Decimal(100), max_value=Decimal(10_000_000), places=2),
    st.integers(min_value=2, max_value=60),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal(60), places=2),
    methods,
)
@settings(max_examples=300, deadline=None)
def test_schedule_irr_matches_numpy_financial_irr(
    principal: Decimal, count: int, percent: Decimal, method: Method
) -> None:
    schedule = build_schedule(method, principal, count, _period_rate(method, percent))
    flows = [-float(principal)] + [float(row.payment) for row in schedule]
    expected = npf.irr(flows)
    assert float(schedule_irr(principal, schedule)) == pytest.approx(expected, rel=1e-8, abs=1e-10)


@given(
    st.decimals(min_value=Decimal(100), max_value=Decimal(1_000_000), places=2),
    st.integers(min_value=1, max_value=120),
    st.decimals(min_value=Decimal("1.0001"), max_value=Decimal(3), places=4),
)
@settings(max_examples=300, deadline=None)
def test_level_irr_matches_numpy_financial_rate(received: Decimal, count: int, multiple: Decimal) -> None:
    payment = (received * multiple / count).quantize(FEN)
    assume(payment * count > received)
    # Newton's method in numpy-financial needs a start near the root: the simple-interest estimate.
    guess = float(2 * (payment * count / received - 1) / (count + 1))
    expected = npf.rate(count, float(payment), -float(received), 0.0, guess=guess, tol=1e-11, maxiter=500)
    assert float(irr(received, [payment] * count)) == pytest.approx(expected, rel=1e-8, abs=1e-10)
