"""分期方案 (instalment): worked examples, schedule, CSV, chart, errors and properties."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from decimal import Decimal
from itertools import pairwise
from urllib.parse import parse_qsl

import numpy_financial as npf
import pytest
from _support import run_errors, run_ok
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import run

EXAMPLE = {"principal": "10000", "periods": "12", "method": "flat_fee", "monthly_fee_percent": "0.6"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            EXAMPLE,
            {
                "payment": "893.33",
                "last_payment": "893.37",
                "total_payment": "10720.00",
                "total_cost": "720.00",
                "apr_percent": "13.03",
                "effective_annual_percent": "13.84",
            },
        ),
        (
            {"principal": "10000", "periods": "12", "method": "equal_payment", "annual_rate_percent": "13"},
            {
                "payment": "893.17",
                "last_payment": "893.21",
                "total_payment": "10718.08",
                "total_cost": "718.08",
                "apr_percent": "13.00",
                "effective_annual_percent": "13.80",
            },
        ),
        (
            {"principal": "10000", "periods": "12", "method": "equal_principal", "annual_rate_percent": "13"},
            {"payment": "941.66", "last_payment": "842.40", "total_cost": "704.17", "apr_percent": "13.00"},
        ),
        (
            {"principal": "4800", "periods": "3", "method": "flat_fee", "monthly_fee_percent": "0.5"},
            {"payment": "1624.00", "total_cost": "72.00", "apr_percent": "8.98"},
        ),
        (
            {"principal": "30000", "periods": "24", "method": "flat_fee", "monthly_fee_percent": "0.5"},
            {"payment": "1400.00", "total_cost": "3600.00", "apr_percent": "11.13"},
        ),
        (
            {"principal": "30000", "periods": "36", "method": "flat_fee", "monthly_fee_percent": "0.5"},
            {"payment": "983.33", "last_payment": "983.45", "total_cost": "5400.00", "apr_percent": "11.08"},
        ),
        (
            {
                "principal": "10000",
                "periods": "12",
                "method": "equal_payment",
                "annual_rate_percent": "12",
                "upfront_fee": "300",
            },
            {"payment": "888.49", "total_payment": "10661.86", "total_cost": "961.86", "apr_percent": "17.83"},
        ),
    ],
)
def test_worked_examples(raw: dict[str, str], expected: dict[str, str]) -> None:
    outputs = run_ok("instalment", raw)
    assert {key: outputs[key] for key in expected} == expected


def test_defaults_are_the_guides_example() -> None:
    assert run_ok("instalment", {})["payment"] == "893.33"


def test_schedule_table_and_csv_agree() -> None:
    outputs = run_ok("instalment", EXAMPLE)
    table = outputs["schedule"]
    assert len(table) == 12
    assert table[0] == {
        "period": "1",
        "payment": "893.33",
        "principal": "833.33",
        "interest": "60.00",
        "balance": "9166.67",
    }
    assert table[-1]["balance"] == "0.00"
    assert sum(Decimal(row["principal"]) for row in table) == Decimal(10000)
    rows = list(csv.reader(io.StringIO(outputs["csv"])))
    assert rows[0] == ["期数", "还款额", "本金", "利息或手续费", "剩余本金"]
    assert rows[1:] == [
        [row[key] for key in ("period", "payment", "principal", "interest", "balance")] for row in table
    ]


def test_chart_is_a_safe_accessible_svg() -> None:
    svg = run_ok("instalment", EXAMPLE)["chart"]
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    label = root.get("aria-label") or ""
    assert "10000.00" in label
    assert "12" in label
    lowered = svg.replace('xmlns="http://www.w3.org/2000/svg"', "", 1).lower()
    for forbidden in ("<script", "href", "http", "url(", "javascript", "onload", "<foreignobject"):
        assert forbidden not in lowered
    polyline = root.find("{http://www.w3.org/2000/svg}polyline")
    assert polyline is not None
    points = [pair.split(",") for pair in polyline.get("points", "").split()]
    assert len(points) == 13
    heights = [float(y) for _x, y in points]
    assert heights == sorted(heights)


def test_next_url_query_opens_the_letter() -> None:
    query = dict(parse_qsl(run_ok("instalment", EXAMPLE)["next_url_query"]))
    assert query == {"amount": "10000", "proposal": "instalments", "monthly_amount": "893.33", "periods": "12"}
    assert "893.33" in run_ok("letter", query)["letter"]


def test_a_falling_plan_opens_the_letter_with_its_first_and_last_payment() -> None:
    falling = {"principal": "10000", "periods": "12", "method": "equal_principal", "annual_rate_percent": "13"}
    outputs = run_ok("instalment", falling)
    query = dict(parse_qsl(outputs["next_url_query"], keep_blank_values=True))
    assert query == {
        "amount": "10000",
        "proposal": "instalments",
        "monthly_amount": "941.66",
        "last_amount": "842.4",
        "periods": "12",
        "annual_rate_percent": "13",
    }
    letter = run_ok("letter", query)["letter"]
    assert "本人申请将上述欠款分 12 期归还，首期约 941.66 元，以后逐期减少，最后一期含尾差，约 842.40 元。" in letter
    assert (outputs["payment"], outputs["last_payment"]) == ("941.66", "842.40")


@given(
    principal=st.decimals(min_value=Decimal(1), max_value=Decimal(10) ** 8, places=2),
    periods=st.integers(min_value=1, max_value=60),
    rate=st.decimals(min_value=Decimal(0), max_value=Decimal(100), places=4),
    method=st.sampled_from(["equal_payment", "equal_principal", "flat_fee"]),
)
@settings(max_examples=200, deadline=None)
def test_the_letter_states_what_the_plan_asks(principal: Decimal, periods: int, rate: Decimal, method: str) -> None:
    # Whatever the plan: the letter states its one amount, or its first and last, or (a shape it cannot
    # state, rounding that makes a later instalment larger) no amount at all; never a wrong one.
    rate_field = "monthly_fee_percent" if method == "flat_fee" else "annual_rate_percent"
    raw = {"principal": str(principal), "periods": str(periods), "method": method, rate_field: str(min(rate, 10))}
    result = run("instalment", raw)
    if not result["ok"]:
        return  # too many periods for the principal
    outputs = result["outputs"]
    payments = [Decimal(row["payment"]) for row in outputs["schedule"]]
    query = dict(parse_qsl(outputs["next_url_query"], keep_blank_values=True))
    request = run_ok("letter", query)["letter"].split("三、申请的还款方案\n", 1)[1].split("\n", 1)[0]
    first, last = (f"{amount:.2f}" for amount in (payments[0], payments[-1]))
    if method == "equal_principal" and periods > 1 and principal >= 1000 and rate >= 1:
        assert "last_amount" in query  # 等额本金 falls: its first and last are stated
    if "last_amount" in query:
        assert all(later <= earlier for earlier, later in pairwise(payments[:-1]))
        assert payments[-1] < payments[0] and payments[-1] - payments[-2] < 1  # the last takes the rounding
        assert f"首期约 {first} 元，以后逐期减少，最后一期含尾差，约 {last} 元。" in request
    elif query["monthly_amount"]:
        assert f"每期约 {first} 元" in request
        assert max(payments) - min(payments) < 1
    else:
        assert "元" not in request


def test_method_decides_which_rate_is_needed() -> None:
    errors = run_errors("instalment", {"method": "equal_payment", "annual_rate_percent": ""})
    assert set(errors) == {"annual_rate_percent"}
    assert errors["annual_rate_percent"].startswith("年利率：")
    errors = run_errors("instalment", {"method": "flat_fee", "monthly_fee_percent": " "})
    assert set(errors) == {"monthly_fee_percent"}
    # The other method's rate is not needed.
    assert run_ok("instalment", {"method": "flat_fee", "annual_rate_percent": ""})["payment"] == "893.33"


def test_bad_inputs_name_their_fields() -> None:
    assert set(run_errors("instalment", {"periods": "61"})) == {"periods"}
    assert set(run_errors("instalment", {"periods": "1.5"})) == {"periods"}
    assert set(run_errors("instalment", {"method": "balloon"})) == {"method"}
    assert set(run_errors("instalment", {"principal": "abc", "periods": "0"})) == {"principal", "periods"}
    errors = run_errors("instalment", {"upfront_fee": "10000"})
    assert errors["upfront_fee"].startswith("预先扣除的费用：")


def test_choice_accepts_its_label() -> None:
    assert run_ok("instalment", {**EXAMPLE, "method": "每期按原始本金收手续费"})["payment"] == "893.33"


@pytest.mark.parametrize("method", ["equal_principal", "equal_payment", "flat_fee"])
def test_tiny_amounts_are_refused_rather_than_end_in_zero_instalments(method: str) -> None:
    # 1 yuan over 60 months at 0 %: 0.0166… rounds to 0.02 a month, repaid after 50 months,
    # which used to leave ten instalments of 0.00.
    raw = {"principal": "1", "periods": "60", "method": method, "annual_rate_percent": "0", "monthly_fee_percent": "0"}
    errors = run_errors("instalment", raw)
    assert errors == {
        "periods": "期数：1.00 元太少，分不了 60 期：每期凑整到分后，不到最后一期就还完了。最多分 50 期。"
    }
    table = run_ok("instalment", {**raw, "periods": "50"})["schedule"]
    assert [row["payment"] for row in table] == ["0.02"] * 50


def test_a_one_period_plan_opens_the_letter() -> None:
    # The single payment is the debt plus a month's fee, more than the debt: the letter used to refuse it.
    query = run_ok("instalment", {**EXAMPLE, "periods": "1"})["next_url_query"]
    assert query == "amount=10000&proposal=instalments&monthly_amount=10060&periods=1"
    assert "分 1 期归还，每期约 10060.00 元" in run_ok("letter", dict(parse_qsl(query)))["letter"]


def test_minus_zero_rate_shows_no_minus_zero() -> None:
    outputs = run_ok("instalment", {**EXAMPLE, "method": "equal_payment", "annual_rate_percent": "-0"})
    assert "-0" not in json.dumps(outputs["schedule"]) and outputs["apr_percent"] == "0.00"


def test_full_width_and_wan_inputs() -> None:
    assert run_ok("instalment", {**EXAMPLE, "principal": "1万"})["payment"] == "893.33"
    assert run_ok("instalment", {**EXAMPLE, "principal": "１０，０００"})["payment"] == "893.33"


def test_traditional_script_runs() -> None:
    result = run("instalment", EXAMPLE, lang="zh-Hant")
    assert result["ok"]
    assert result["outputs"]["payment"] == "893.33"


@given(
    st.decimals(min_value=Decimal(1), max_value=Decimal(100_000_000), places=2),
    st.integers(min_value=1, max_value=60),
    st.sampled_from(["equal_payment", "equal_principal", "flat_fee"]),
    st.decimals(min_value=Decimal(0), max_value=Decimal(10), places=2),
)
@settings(max_examples=200, deadline=None)
def test_every_plan_repays_the_principal(principal: Decimal, periods: int, method: str, rate: Decimal) -> None:
    raw = {
        "principal": str(principal),
        "periods": str(periods),
        "method": method,
        "annual_rate_percent": str(rate * 10),
        "monthly_fee_percent": str(rate),
    }
    result = run("instalment", raw)
    if not result["ok"]:
        # Only a principal too small for the periods is refused, and the message says how many fit.
        (error,) = result["errors"]
        assert error["field"] == "periods" and "分不了" in error["message"], error
        most = int(error["message"].split("最多分 ")[1].split(" 期")[0])
        assert 1 <= most < periods
        assert run("instalment", {**raw, "periods": str(most)})["ok"]
        return
    outputs = result["outputs"]
    table = outputs["schedule"]
    assert len(table) == periods
    # Never a run of 0.00 instalments: every one pays something, and the balance lasts to the end.
    assert all(Decimal(row["payment"]) > 0 for row in table)
    assert all(Decimal(row["balance"]) > 0 for row in table[:-1])
    assert sum(Decimal(row["principal"]) for row in table) == principal
    total = sum(Decimal(row["payment"]) for row in table)
    assert Decimal(outputs["total_payment"]) == total
    assert Decimal(outputs["total_cost"]) == total - principal
    assert outputs["csv"].count("\n") == periods + 1


@given(
    st.decimals(min_value=Decimal(1000), max_value=Decimal(10_000_000), places=2),
    st.integers(min_value=2, max_value=60),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal(3), places=2),
)
@settings(max_examples=200, deadline=None)
def test_apr_matches_numpy_financial(principal: Decimal, periods: int, fee: Decimal) -> None:
    raw = {"principal": str(principal), "periods": str(periods), "method": "flat_fee", "monthly_fee_percent": str(fee)}
    outputs = run_ok("instalment", raw)
    flows = [-float(principal)] + [float(row["payment"]) for row in outputs["schedule"]]
    expected = npf.irr(flows) * 1200
    assert abs(Decimal(outputs["apr_percent"]) - Decimal(expected)) <= Decimal("0.005") + Decimal("1e-6")


def test_a_last_payment_above_the_one_before_is_not_said_to_fall() -> None:
    # 1000 元 over 57 months at 13 %: the last (17.95) takes the rounding and is above the one before (17.92).
    outputs = run_ok(
        "instalment", {"principal": "1000", "periods": "57", "method": "equal_principal", "annual_rate_percent": "13"}
    )
    payments = [row["payment"] for row in outputs["schedule"]]
    assert (payments[-2], payments[-1]) == ("17.92", "17.95")
    letter = run_ok("letter", dict(parse_qsl(outputs["next_url_query"], keep_blank_values=True)))["letter"]
    # The letter knows only the first and the last: it says the last carries the rounding, never that it falls too.
    assert "首期约 28.37 元，以后逐期减少，最后一期含尾差，约 17.95 元。" in letter
    assert "最后一期约" not in letter
