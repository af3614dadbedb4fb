"""The overdue-cost calculator: the worked example, its properties and its messages."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from calculators import run
from calculators.overdue import overdue_cost

EXAMPLE = {"principal": "10000", "daily_rate_percent": "0.05", "days": "30", "compound": "false"}


def test_worked_example_from_the_issue() -> None:
    result = run("overdue", EXAMPLE)
    assert result["ok"]
    outputs = result["outputs"]
    assert outputs["penalty"] == "150.00"
    assert outputs["total"] == "10150.00"
    assert outputs["annualized_percent"] == "18.25"
    assert "低于 24%" in outputs["comparison"]
    assert "4 倍 12.00%" in outputs["comparison"]


def test_compound_is_daily_compounding() -> None:
    outputs = run("overdue", {**EXAMPLE, "compound": "true"})["outputs"]
    # 10000 × (1.0005^30 − 1) = 151.0881… → 151.09
    assert outputs["penalty"] == "151.09"


def test_the_reader_may_write_1万_in_full_width() -> None:
    assert run("overdue", {**EXAMPLE, "principal": "１万"})["outputs"]["penalty"] == "150.00"


def test_errors_name_every_bad_field() -> None:
    result = run("overdue", {"principal": "", "daily_rate_percent": "-1", "days": "1e308"})
    assert not result["ok"]
    fields = {error["field"]: error["message"] for error in result["errors"]}
    assert set(fields) == {"principal", "daily_rate_percent", "days"}
    assert fields["principal"].startswith("逾期金额：")
    assert fields["daily_rate_percent"].startswith("逾期日利率：")


def test_unknown_calculator_is_a_message_not_an_exception() -> None:
    assert run("nope", {}) == {"ok": False, "errors": [{"field": "", "message": "没有这个计算器。"}]}


rates = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(1), places=4)
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100_000_000), places=2)


@given(amounts, rates, st.integers(1, 3649))
def test_penalty_grows_with_days(principal: Decimal, rate: Decimal, days: int) -> None:
    for compound in (False, True):
        assert overdue_cost(principal, rate, days + 1, compound) > overdue_cost(principal, rate, days, compound)


@given(amounts, rates, st.integers(1, 3650))
def test_compounding_never_costs_less(principal: Decimal, rate: Decimal, days: int) -> None:
    assert overdue_cost(principal, rate, days, True) >= overdue_cost(principal, rate, days, False)


@given(st.dictionaries(st.sampled_from([*list(EXAMPLE), "other"]), st.text(max_size=30)))
def test_any_input_gives_results_or_field_errors(raw: dict[str, str]) -> None:
    result = run("overdue", raw)
    if result["ok"]:
        assert Decimal(result["outputs"]["penalty"]) >= 0
    else:
        assert all(error["field"] in EXAMPLE and error["message"] for error in result["errors"])
