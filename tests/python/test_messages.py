"""Every message can be translated: templates are literals, and only the build extracts them."""

from __future__ import annotations

import ast
from pathlib import Path

import calculators
from calculators import all_calculators, run
from calculators._internal import i18n
from mkdocs_guide.calc.messages import CJK, extract_messages, message_catalog

PACKAGE = Path(calculators.__file__).parent


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(path, ast.parse(path.read_text(encoding="utf-8"))) for path in sorted(PACKAGE.rglob("*.py"))]


def test_no_f_string_holds_chinese() -> None:
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                text = "".join(str(part.value) for part in node.values if isinstance(part, ast.Constant))
                assert not CJK.search(text), f"{path.name}:{node.lineno}: use _('…{{x}}…').format(x=…)"


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
    assert message_catalog()["逾期金额"] == "逾期金額"


def test_the_runtime_package_has_no_build_code() -> None:
    # The wheel ships calculators/ as it is: message extraction (and ast) belong to the build.
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [alias.name for alias in node.names] + [getattr(node, "module", None) or ""]
                assert "ast" not in names, path.name
    assert not hasattr(i18n, "extract_messages")


def test_a_catalog_translates_messages() -> None:
    i18n.set_catalog("zh-Hant", {"逾期金额": "逾期金額", "{label}：": "{label}：", "请填写这一项。": "請填寫這一項。"})
    try:
        result = run("overdue", {"principal": ""}, lang="zh-Hant")
        assert i18n.has_catalog("zh-Hant")
    finally:
        i18n.set_catalog("zh-Hant", None)
    assert result["errors"][0]["message"] == "逾期金額：請填寫這一項。"
