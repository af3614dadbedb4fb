"""The plan: safety first, then papers with their deadlines, then the rest, then negotiation; every link works."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl

import icalendar
import pytest
from _support import run_errors, run_ok, valid_inputs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculators import get_calculator, run
from calculators.plan import GUIDE_PAGES

#: The guide sections a step may link to: the anchors agreed between the engineers (brief, wave 2).
AGREED_ANCHORS = {
    ("index.md", "urgent"),
    ("scams.md", "fake-service"),
    ("scams.md", "fake-legal"),
    ("scams.md", "check-legal-papers"),
    ("stages.md", "court-papers"),
    ("stages.md", "payment-order"),
    ("stages.md", "lawsuit"),
    ("stages.md", "arbitration"),
    ("stages.md", "enforcement"),
    ("stages.md", "frozen"),
    ("stages.md", "growing-costs"),
    ("collection.md", "threats"),
    ("collection.md", "complain"),
    ("collection.md", "evidence"),
    ("credit-report.md", "objection"),
    ("credit-report.md", "repair-scams"),
    ("scams.md", "agents"),
    ("negotiate.md", "steps"),
    ("negotiate.md", "script"),
    ("negotiate.md", "budget"),
}
EVERYTHING = {
    "threats": "是",
    "fake_service": "是",
    "payment_order": "是",
    "payment_order_on": "2026-09-28",
    "court_papers": "complaint",
    "court_papers_on": "2026-09-18",
    "arbitration": "award",
    "arbitration_on": "2026-09-01",
    "frozen": "是",
    "paid_helpers": "是",
    "credit_error": "是",
    "credit_objection_on": "2026-09-20",
    "amount": "1万",
    "today": "2026-09-29",
}


def titles(outputs: dict[str, Any]) -> list[str]:
    return [step["title"] for step in outputs["steps"]]


def test_safety_first_then_papers_then_the_rest_then_negotiation() -> None:
    steps = titles(run_ok("plan", EVERYTHING))
    assert steps[0].startswith("人身安全受到威胁")
    assert steps[1].startswith("“客服”要你注销")
    assert steps[2] == "先核实文书是真的"
    assert [s.split("：")[0] for s in steps[3:6]] == ["支付令", "起诉状", "仲裁裁决"]
    assert steps[6] == "别让费用越滚越大"
    assert steps[-2:] == ["算清每月真正还得起多少", "直接和京东金融协商，拿到书面方案"]


def test_nothing_happened_is_the_negotiation_path() -> None:
    outputs = run_ok("plan", {"today": "2026-09-29"})
    assert titles(outputs) == ["算清每月真正还得起多少", "直接和京东金融协商，拿到书面方案"]
    assert outputs["ics"] is None


def test_safety_steps_name_the_numbers() -> None:
    outputs = run_ok("plan", {"threats": "是", "fake_service": "是"})
    assert "110" in outputs["steps"][0]["text"]
    assert "110 报警" in outputs["steps"][1]["text"] and "挂断" in outputs["steps"][1]["text"]
    # What the checked facts say of 96110 is its name (反诈预警劝阻专线), not that it takes readers' calls.
    assert "96110" not in outputs["steps"][1]["text"]


def test_a_paper_without_its_date_asks_for_it() -> None:
    step = next(s for s in run_ok("plan", {"payment_order": "是"})["steps"] if s["title"].startswith("支付令"))
    assert step["text"].startswith("填上收到的日期")
    deadline_link = next(link for link in step["links"] if link["page"] == "calculators/deadline.md")
    assert deadline_link["query"] == "document=payment_order"


@settings(max_examples=120, deadline=None)
@given(served=st.dates(min_value=date(2025, 1, 1), max_value=date(2026, 12, 31)), offset=st.integers(0, 60))
def test_the_deadline_is_the_deadline_calculators(served: date, offset: int) -> None:
    today = (served + timedelta(days=offset)).isoformat()
    plan = run_ok("plan", {"payment_order": "是", "payment_order_on": served.isoformat(), "today": today})
    deadline = run_ok("deadline", {"document": "payment_order", "served_on": served.isoformat(), "today": today})
    step = next(s for s in plan["steps"] if s["title"].startswith("支付令"))
    assert f"{deadline['last_day']}（{deadline['weekday']}）" in step["text"]
    assert (plan["ics"] is None) == (int(deadline["days_left"]) < 0)


def test_the_calendar_holds_every_deadline_still_to_come() -> None:
    outputs = run_ok("plan", EVERYTHING)
    events = list(icalendar.Calendar.from_ical(outputs["ics"]).walk("VEVENT"))
    starts = sorted(event.decoded("dtstart") for event in events)
    # Complaint, the credit objection's reply (day 20 a Saturday worked instead), payment order, award.
    assert starts == [date(2026, 10, 8), date(2026, 10, 10), date(2026, 10, 13), date(2026, 12, 1)]


def _links(outputs: dict[str, Any]) -> list[dict[str, str]]:
    return [link for step in outputs["steps"] for link in step["links"]]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_link_goes_to_a_declared_page_and_is_accepted_there(data: st.DataObject) -> None:
    raw = data.draw(valid_inputs("plan"))
    result = run("plan", raw)
    if not result["ok"]:
        return
    for link in _links(result["outputs"]):
        assert link["page"] in GUIDE_PAGES, link
        if link["page"].startswith("calculators/"):
            target = link["page"].removeprefix("calculators/").removesuffix(".md")
            values = dict(parse_qsl(link["query"], keep_blank_values=True, strict_parsing=bool(link["query"])))
            assert set(values) <= {spec.name for spec in get_calculator(target).fields}, link
            opened = run(target, values)
            assert opened["ok"], (raw, link, opened)
        else:
            assert (link["page"], link["anchor"]) in AGREED_ANCHORS, link


def test_the_letter_and_budget_links_carry_what_was_typed() -> None:
    links = _links(run_ok("plan", {"product": "baitiao", "amount": "12,345.67", "days_overdue": "40"}))
    letter = next(link for link in links if link["page"] == "calculators/letter.md")
    budget = next(link for link in links if link["page"] == "calculators/budget.md")
    assert dict(parse_qsl(letter["query"])) == {"product": "baitiao", "amount": "12345.67", "days_overdue": "40"}
    assert dict(parse_qsl(budget["query"])) == {"debt": "12345.67"}


def _step(outputs: dict[str, Any], title: str) -> dict[str, Any]:
    step: dict[str, Any] = next(s for s in outputs["steps"] if s["title"].startswith(title))
    return step


def test_a_deadline_beyond_the_holiday_data_is_flagged_as_the_calculator_does() -> None:
    plan = run_ok("plan", {"payment_order": "是", "payment_order_on": "2026-12-17", "today": "2026-12-18"})
    deadline = run_ok("deadline", {"document": "payment_order", "served_on": "2026-12-17", "today": "2026-12-18"})
    step = _step(plan, "支付令")
    # 2027-01-01 is New Year's Day, a rest day by the holidays on fixed dates.
    assert deadline["last_day"] == "2027-01-04"
    assert "2027-01-04（星期一）" in step["text"]
    warning = deadline["caveats"].splitlines()[0]
    assert "还没有收进节假日数据" in warning and warning in step["text"]


def test_an_award_before_the_revised_arbitration_law_is_flagged_as_the_calculator_does() -> None:
    raw = {"arbitration": "award", "arbitration_on": "2026-02-10", "today": "2026-06-01"}
    step = _step(run_ok("plan", raw), "仲裁裁决")
    deadline = run_ok("deadline", {"document": "arbitration_award", "served_on": "2026-02-10", "today": "2026-06-01"})
    warning = next(line for line in deadline["caveats"].splitlines() if "六个月" in line)
    assert warning in step["text"]
    after = _step(run_ok("plan", {**raw, "arbitration_on": "2026-03-02"}), "仲裁裁决")
    assert "六个月" not in after["text"]


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({"payment_order": "是", "payment_order_on": "2026-11-30"}, "payment_order_on"),
        ({"court_papers": "complaint", "court_papers_on": "2027-03-01"}, "court_papers_on"),
        ({"arbitration": "award", "arbitration_on": "2026-12-01"}, "arbitration_on"),
        ({"credit_error": "是", "credit_objection_on": "2026-11-30"}, "credit_objection_on"),
    ],
)
def test_a_paper_received_after_today_is_refused(raw: dict[str, str], field: str) -> None:
    errors = run_errors("plan", {**raw, "today": "2026-11-29"})
    assert set(errors) == {field}
    assert "在今天（2026-11-29）之后" in errors[field]
    assert run_ok("plan", {**raw, field: "2026-11-29", "today": "2026-11-29"})


def test_a_date_filled_with_its_box_unticked_still_counts() -> None:
    # A deadline is never dropped because a box was missed: the date says what happened.
    outputs = run_ok(
        "plan",
        {
            "payment_order_on": "2026-11-20",
            "arbitration_on": "2026-11-20",
            "credit_objection_on": "2026-11-20",
            "today": "2026-11-29",
        },
    )
    assert [title.split("：")[0] for title in titles(outputs)[1:5]] == [
        "支付令",
        "仲裁裁决",
        "别让费用越滚越大",
        "征信记录有错",
    ]
    events = icalendar.Calendar.from_ical(outputs["ics"]).walk("VEVENT")
    assert sorted(event.decoded("dtstart") for event in events) == [
        date(2026, 12, 7),
        date(2026, 12, 10),
        date(2027, 2, 22),
    ]


def test_a_date_whose_paper_cannot_be_told_is_refused() -> None:
    errors = run_errors("plan", {"court_papers_on": "2026-11-20", "today": "2026-11-29"})
    assert set(errors) == {"court_papers"} and "选收到的是哪一种文书" in errors["court_papers"]
    errors = run_errors("plan", {"arbitration": "notice", "arbitration_on": "2026-11-20", "today": "2026-11-29"})
    assert set(errors) == {"arbitration"} and "仲裁裁决书" in errors["arbitration"]


def test_the_answer_period_runs_from_the_complaint_not_from_a_summons() -> None:
    # 民事诉讼法第一百二十八条: 15 days from the complaint's copy; a summons sets a hearing date instead.
    labels = dict(get_calculator("plan").field("court_papers").choices)
    assert "传票" not in labels["complaint"]
    outputs = run_ok("plan", {"court_papers": "summons", "court_papers_on": "2026-11-20", "today": "2026-11-29"})
    step = _step(outputs, "传票")
    assert "按传票上的时间出庭" in step["title"] and "缺席判决" in step["text"]
    assert "最后一天是" not in step["text"] and outputs["ics"] is None
    assert all(link["page"] != "calculators/deadline.md" for link in step["links"])


def test_the_letter_opens_with_the_amount_typed_here() -> None:
    for amount in ("3000", "1万", "500", "1.5"):
        links = _links(run_ok("plan", {"amount": amount}))
        letter_link = next(link for link in links if link["page"] == "calculators/letter.md")
        query = dict(parse_qsl(letter_link["query"], keep_blank_values=True))
        opened = run_ok("letter", query)
        typed = "10000.00" if amount == "1万" else f"{Decimal(amount):.2f}"
        assert f"目前有 {typed} 元欠款" in opened["letter"], (amount, query)
        # Nothing was said of what can be paid each month: neither the letter's default nor the debt.
        assert "每月归还约" not in opened["letter"] and "每期约" not in opened["letter"], (amount, query)


def test_the_letter_opens_with_no_amount_when_none_was_typed_here() -> None:
    links = _links(run_ok("plan", {"today": "2026-12-07"}))
    letter_link = next(link for link in links if link["page"] == "calculators/letter.md")
    query = dict(parse_qsl(letter_link["query"], keep_blank_values=True))
    assert query["amount"] == ""
    opened = run_ok("letter", query)
    assert "目前有欠款未能按时归还" in opened["letter"]
    assert "10000" not in opened["letter"] and opened["pack_url_query"] is None


def test_the_objection_reply_says_whether_its_day_has_passed_and_warns_as_the_calculator_does() -> None:
    raw = {"credit_error": "是", "credit_objection_on": "2026-12-20"}
    deadline = run_ok("deadline", {"document": "credit_objection", "served_on": "2026-12-20", "today": "2026-12-21"})
    assert deadline["last_day"] == "2027-01-11"
    warning = deadline["caveats"].splitlines()[0]
    assert "2027 年的放假和调休安排还没有收进节假日数据" in warning
    coming = _step(run_ok("plan", {**raw, "today": "2026-12-21"}), "征信记录有错")["text"]
    assert "最晚应当在 2027-01-11（星期一）书面答复你，还有 21 天" in coming and warning in coming
    today = _step(run_ok("plan", {**raw, "today": "2027-01-11"}), "征信记录有错")["text"]
    assert "今天 2027-01-11（星期一）是对方书面答复的最后一天" in today
    passed = _step(run_ok("plan", {**raw, "today": "2027-02-01"}), "征信记录有错")["text"]
    assert "已经过去 21 天" in passed and "应当在" not in passed and warning in passed


def test_the_judgment_step_says_small_claims_cannot_be_appealed() -> None:
    raw = {"court_papers": "judgment", "court_papers_on": "2026-06-01", "today": "2026-06-02"}
    assert "小额诉讼程序、一审终审的，不能上诉" in _step(run_ok("plan", raw), "判决书")["text"]
