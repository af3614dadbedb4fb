"""The command line: JSON in, JSON out, status 2 and a message for anything it cannot use."""

from __future__ import annotations

import json
import sys

import pytest
from _support import run_cli


def test_lists_prints_json_and_fails_with_status_2() -> None:
    listed = run_cli("--list")
    assert "overdue\t逾期费用估算" in listed.stdout
    good = run_cli("overdue", "--json", '{"principal": "10000", "daily_rate_percent": "0.05", "days": 30}')
    assert good.returncode == 0
    assert json.loads(good.stdout)["penalty"] == "150.00"
    bad = run_cli("overdue", "--json", '{"days": "-1"}')
    assert bad.returncode == 2
    assert "days: 逾期天数：不能小于 1天。" in bad.stderr
    assert run_cli("nope").returncode == 2


@pytest.mark.parametrize("text", ["{", "[1]", '"x"', "[" * 100_000])
def test_broken_json_is_refused_with_status_2(text: str) -> None:
    done = run_cli("overdue", "--json", text)
    assert done.returncode == 2
    assert done.stderr.startswith("--json: ")
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("name", "field"), [("letter", "name"), ("letter", "reason_detail"), ("apr", "payments")])
def test_a_lone_surrogate_is_a_message_not_a_traceback(name: str, field: str) -> None:
    # JSON may carry half a UTF-16 pair, which no output can print.
    done = run_cli(name, "--json", json.dumps({field: "a\ud800b"}))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert f"{field}: " in done.stderr and "无法识别的字符" in done.stderr


def test_traditional_messages_from_a_source_checkout() -> None:
    # A checkout has no built catalogue: the command line makes one rather than answer in simplified.
    done = run_cli("overdue", "--lang", "zh-Hant", "--json", '{"days": "-1"}')
    assert done.returncode == 2
    assert "days: 逾期天數：不能小於 1天。" in done.stderr
    good = run_cli("overdue", "--lang", "zh-Hant")
    assert "參照" in json.loads(good.stdout)["comparison"]


def test_without_a_catalogue_or_the_build_tools_zh_hant_is_refused(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from calculators import __main__ as cli
    from calculators._internal import i18n

    monkeypatch.setitem(sys.modules, "mkdocs_guide.calc.messages", None)  # an installed wheel without the build
    monkeypatch.setattr(i18n, "_catalogs", {"zh-Hant": {}})
    assert cli.main(["overdue", "--lang", "zh-Hant"]) == 2
    assert "--lang zh-Hant: " in capsys.readouterr().err
