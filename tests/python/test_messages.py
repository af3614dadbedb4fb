"""Every message can be translated: templates are literals, never f-strings with Chinese."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import calculators
from calculators import all_calculators, run
from calculators._internal import i18n
from calculators._internal.i18n import extract_messages

PACKAGE = Path(calculators.__file__).parent


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(PACKAGE.rglob("*.py"))]


def test_no_f_string_holds_chinese() -> None:
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                text = "".join(str(part.value) for part in node.values if isinstance(part, ast.Constant))
                assert not i18n._CJK.search(text), f"{path.name}:{node.lineno}: use _('…{{x}}…').format(x=…)"


def test_gettext_is_never_given_built_text() -> None:
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
                argument = node.args[0]
                # A literal, or a name holding one (a declared label, a template parameter);
                # never text built at run time, which no catalogue could contain.
                assert isinstance(argument, ast.Constant | ast.Attribute | ast.Name), f"{path.name}:{node.lineno}"


def test_extraction_finds_labels_and_templates() -> None:
    messages = extract_messages(PACKAGE)
    assert "逾期金额" in messages
    assert "请输入一个数字，例如 10000、10,000 或 1万。" in messages
    for calculator in all_calculators():
        assert calculator.title in messages
        assert all(spec.label in messages for spec in calculator.fields)


def test_a_catalog_translates_messages() -> None:
    i18n._catalogs["zh-Hant"] = {"逾期金额": "逾期金額", "{label}：": "{label}：", "请填写这一项。": "請填寫這一項。"}
    try:
        result = run("overdue", {"principal": ""}, lang="zh-Hant")
    finally:
        del i18n._catalogs["zh-Hant"]
    assert result["errors"][0]["message"] == "逾期金額：請填寫這一項。"


def test_command_line_prints_json_and_fails_with_status_2() -> None:
    command = [sys.executable, "-m", "calculators"]
    listed = subprocess.run([*command, "--list"], capture_output=True, text=True, check=True)
    assert "overdue\t逾期费用估算" in listed.stdout
    good = subprocess.run(
        [*command, "overdue", "--json", '{"principal": "10000", "daily_rate_percent": "0.05", "days": 30}'],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(good.stdout)["penalty"] == "150.00"
    bad = subprocess.run([*command, "overdue", "--json", '{"days": "-1"}'], capture_output=True, text=True)
    assert bad.returncode == 2
    assert "days: 逾期天数：不能小于 1天。" in bad.stderr
    broken = subprocess.run([*command, "overdue", "--json", "{"], capture_output=True, text=True)
    assert broken.returncode == 2
