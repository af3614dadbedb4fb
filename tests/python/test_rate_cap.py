"""利率上限对照 (rate_cap): which rule, which LPR, which lines, and the wording of the verdict."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from _support import run_errors, run_ok
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators._internal.lpr import LPR_AS_OF, lpr_history
from calculators.rate_cap import lines_for

LICENSED_2024 = {"contract_date": "2024-01-15", "annual_rate_percent": "18", "lender_kind": "licensed"}
PRIVATE_2024 = {**LICENSED_2024, "lender_kind": "private"}
LICENSED_2025 = {"contract_date": "2025-06-10", "annual_rate_percent": "10.8", "lender_kind": "licensed"}
PRIVATE_2019 = {"contract_date": "2019-03-01", "annual_rate_percent": "30", "lender_kind": "private"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            LICENSED_2024,
            {
                "lpr_percent": "3.45",
                "lpr_date": "2023-08-21",
                "data_as_of": "2026-03-20",
                "cap_percent": "13.80",
                "void_above_percent": None,
                "four_lpr_percent": "13.80",
                "financial_line_percent": "24.00",
            },
        ),
        (PRIVATE_2024, {"lpr_percent": "3.45", "cap_percent": "13.80"}),
        (LICENSED_2025, {"lpr_percent": "3.00", "lpr_date": "2025-05-20", "cap_percent": "12.00"}),
        (
            PRIVATE_2019,
            {
                "lpr_percent": "3.00",
                "lpr_date": "2025-05-20",
                "cap_percent": "24.00",
                "void_above_percent": "36.00",
                "four_lpr_percent": "12.00",
            },
        ),
        (
            {"contract_date": "2020-08-20", "annual_rate_percent": "15", "lender_kind": "private"},
            {"lpr_percent": "3.85", "lpr_date": "2020-04-20", "cap_percent": "15.40", "void_above_percent": None},
        ),
        (
            {"contract_date": "2020-08-19", "annual_rate_percent": "15", "lender_kind": "private"},
            {"cap_percent": "24.00", "void_above_percent": "36.00"},
        ),
        (
            {**PRIVATE_2024, "lpr_percent": "3.2"},
            {"lpr_percent": "3.20", "lpr_date": "你填写的数值", "cap_percent": "12.80"},
        ),
    ],
)
def test_worked_examples(raw: dict[str, str], expected: dict[str, str | None]) -> None:
    outputs = run_ok("rate_cap", raw)
    assert {key: outputs[key] for key in expected} == expected


def test_licensed_lender_gets_reference_lines_not_a_cap() -> None:
    verdict = run_ok("rate_cap", LICENSED_2024)["verdict"]
    assert verdict.startswith("你的年化 18.00% 高于合同成立时一年期 LPR 的 4 倍 13.80%，低于 24%。")
    assert "参照线" in verdict
    assert "不等于借款无效" in verdict
    assert "不支持" not in verdict
    verdict = run_ok("rate_cap", LICENSED_2025)["verdict"]
    assert verdict.startswith("你的年化 10.80% 低于合同成立时一年期 LPR 的 4 倍 12.00%，低于 24%。")


def test_private_lender_above_four_lpr() -> None:
    verdict = run_ok("rate_cap", PRIVATE_2024)["verdict"]
    assert "超过 13.80% 的那部分利息" in verdict
    assert "法院不予支持" in verdict
    assert "第二十五条" in verdict
    below = run_ok("rate_cap", {**PRIVATE_2024, "annual_rate_percent": "13.8"})["verdict"]
    assert "不超过" in below


@pytest.mark.parametrize(
    ("rate", "phrase"),
    [("20", "不超过 24%"), ("30", "在 24% 到 36% 之间"), ("40", "超过 36% 的部分约定无效")],
)
def test_2015_rule_zones(rate: str, phrase: str) -> None:
    outputs = run_ok("rate_cap", {**PRIVATE_2019, "annual_rate_percent": rate})
    assert phrase in outputs["verdict"]
    assert "2020-08-20 以后的利息" in outputs["verdict"]
    assert "第三十一条" in outputs["rule"]
    assert "法释〔2015〕18号" in outputs["rule"]


def test_rules_say_which_applies() -> None:
    assert "法释〔2020〕17号" in run_ok("rate_cap", PRIVATE_2024)["rule"]
    assert "没有收录" in run_ok("rate_cap", {**PRIVATE_2019, "contract_date": "2010-05-01"})["rule"]
    assert "没有收录" not in run_ok("rate_cap", PRIVATE_2019)["rule"]
    future = run_ok("rate_cap", {**PRIVATE_2024, "contract_date": "2030-01-01"})
    assert "截止日" in future["rule"]
    assert future["lpr_percent"] == "3.00"
    overridden = run_ok("rate_cap", {**PRIVATE_2024, "contract_date": "2030-01-01", "lpr_percent": "2.9"})
    assert "截止日" not in overridden["rule"]


@pytest.mark.parametrize("name", ["private", "licensed"])
def test_never_says_illegal(name: str) -> None:
    for day in ("2012-01-01", "2019-03-01", "2024-01-15", "2099-12-31"):
        for rate in ("0", "10", "20", "30", "40", "500"):
            outputs = run_ok("rate_cap", {"contract_date": day, "annual_rate_percent": rate, "lender_kind": name})
            text = outputs["rule"] + outputs["verdict"]
            assert "违法" not in text
            assert "非法" not in text


def test_lines_follow_the_lpr_table_on_every_fixing() -> None:
    for fixing in lpr_history():
        if fixing.effective < date(2020, 8, 20):
            continue
        for day in (fixing.effective, fixing.effective + timedelta(days=1)):
            lines = lines_for(day)
            assert lines.lpr_percent == fixing.rate_percent
            assert lines.cap_percent == fixing.rate_percent * 4
        before = lines_for(fixing.effective - timedelta(days=1))
        if fixing.effective - timedelta(days=1) >= date(2020, 8, 20):
            assert before.lpr_date is not None
            assert before.lpr_date < fixing.effective


def test_bad_inputs_name_their_fields() -> None:
    assert set(run_errors("rate_cap", {"contract_date": "1989-12-31"})) == {"contract_date"}
    assert set(run_errors("rate_cap", {"contract_date": "2101-01-01"})) == {"contract_date"}
    assert set(run_errors("rate_cap", {"contract_date": "2024-02-30"})) == {"contract_date"}
    assert set(run_errors("rate_cap", {"lender_kind": "bank"})) == {"lender_kind"}
    assert set(run_errors("rate_cap", {"lpr_percent": "0"})) == {"lpr_percent"}
    assert set(run_errors("rate_cap", {"annual_rate_percent": "abc"})) == {"annual_rate_percent"}


def test_date_formats_and_labels() -> None:
    assert run_ok("rate_cap", {**PRIVATE_2024, "contract_date": "2024年1月15日"})["cap_percent"] == "13.80"
    assert run_ok("rate_cap", {**PRIVATE_2024, "contract_date": "2024/1/15"})["cap_percent"] == "13.80"
    label = "持牌金融机构（银行、消费金融公司、小额贷款公司等）"
    assert run_ok("rate_cap", {**PRIVATE_2024, "lender_kind": label})["verdict"].startswith("你的年化 18.00% 高于")


def test_data_as_of_is_the_shipped_date() -> None:
    assert run_ok("rate_cap", {})["data_as_of"] == LPR_AS_OF.isoformat()


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
    st.decimals(min_value=Decimal(0), max_value=Decimal(10_000), places=2),
    st.sampled_from(["private", "licensed"]),
)
@settings(max_examples=200, deadline=None)
def test_rule_depends_on_the_date_only(day: date, rate: Decimal, kind: str) -> None:
    outputs = run_ok(
        "rate_cap", {"contract_date": day.isoformat(), "annual_rate_percent": str(rate), "lender_kind": kind}
    )
    if day < date(2020, 8, 20):
        assert outputs["cap_percent"] == "24.00"
        assert outputs["void_above_percent"] == "36.00"
    else:
        assert outputs["void_above_percent"] is None
        assert Decimal(outputs["cap_percent"]) == Decimal(outputs["lpr_percent"]) * 4
    assert outputs["four_lpr_percent"] == str((Decimal(outputs["lpr_percent"]) * 4).quantize(Decimal("0.01")))


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ({"contract_date": "2024-01-15", "annual_rate_percent": "13.8049", "lender_kind": "private"}, "13.8049%"),
        ({"contract_date": "2019-01-15", "annual_rate_percent": "24.001", "lender_kind": "private"}, "24.001%"),
        ({"contract_date": "2024-01-15", "annual_rate_percent": "13.8", "lender_kind": "private"}, "13.80%"),
    ],
)
def test_a_rate_is_never_shown_equal_to_a_line_it_is_above_or_below(raw: dict[str, str], shown: str) -> None:
    verdict = run_ok("rate_cap", raw)["verdict"]
    assert verdict.startswith(f"你的年化 {shown} ")
