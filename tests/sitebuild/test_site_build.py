"""Checks on the built site: the calculator contract, self-hosting and the Pyodide files."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from calculators import all_calculators
from mkdocs_guide.calc.contract import ASSETS_DIR, PAGE_SCRIPT, RUNTIME_DIR, field_ids
from mkdocs_guide.calc.runtime import COMPILE_HINT, shipped_bytes
from mkdocs_guide.calc.wheel import build_wheel

ROOT = Path(__file__).resolve().parents[2]
LANG_PREFIXES = ("", "zh-Hant/")


class _Resources(HTMLParser):
    """Collects every URL a page would load by itself (not links the reader follows)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in {"script", "img", "iframe", "audio", "video", "source", "embed"} and values.get("src"):
            self.urls.append(values["src"] or "")
        if tag == "link" and values.get("href") and values.get("rel") not in {"canonical", "prev", "next", "alternate"}:
            self.urls.append(values["href"] or "")
        if tag == "object" and values.get("data"):
            self.urls.append(values["data"] or "")
        style = values.get("style") or ""
        self.urls.extend(re.findall(r"url\(['\"]?([^'\")]+)", style))


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_page_loads_anything_from_another_host(built_site: Path) -> None:
    offenders = []
    for page in _pages(built_site):
        parser = _Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        offenders += [
            f"{page.relative_to(built_site)}: {url}" for url in parser.urls if re.match(r"^(https?:)?//", url)
        ]
    for sheet in built_site.rglob("*.css"):
        for url in re.findall(r"url\(['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8")):
            if re.match(r"^(https?:)?//", url):
                offenders.append(f"{sheet.relative_to(built_site)}: {url}")
    assert offenders == []


def test_no_google_fonts_or_analytics(built_site: Path) -> None:
    for page in _pages(built_site):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, page
        assert "googletagmanager" not in text and "gtag(" not in text, page


@pytest.mark.parametrize("prefix", LANG_PREFIXES)
def test_calculator_pages_follow_the_contract(built_site: Path, prefix: str) -> None:
    for calculator in all_calculators():
        html = (built_site / prefix / "calculators" / calculator.name / "index.html").read_text(encoding="utf-8")
        root = html[html.index(f'data-calculator="{calculator.name}"') :]
        for spec in calculator.fields:
            assert re.search(rf'<(input|select|textarea)[^>]*name="{spec.name}"', root), spec.name
            assert f'<label for="{field_ids(calculator.name, spec.name).control}">' in root
        for output in calculator.outputs:
            assert f'data-output="{output.name}"' in root, output.name
        assert 'role="alert"' in root
        assert f"{ASSETS_DIR}/{PAGE_SCRIPT}" in root
        assert "<noscript>" in root


def test_only_calculator_pages_load_the_calculator_script(built_site: Path) -> None:
    for page in _pages(built_site):
        has_script = f"{ASSETS_DIR}/{PAGE_SCRIPT}" in page.read_text(encoding="utf-8")
        is_calculator = page.parent.parent.name == "calculators" and page.parent.name != "calculators"
        assert has_script == is_calculator, page.relative_to(built_site)


def test_zh_hant_calculator_is_converted(built_site: Path) -> None:
    html = (built_site / "zh-Hant/calculators/overdue/index.html").read_text(encoding="utf-8")
    assert "逾期金額" in html and "正在加載計算引擎" in html
    assert 'lang="zh-Hant"' in html


def test_lock_pins_the_calculators_wheel(built_site: Path) -> None:
    lock = json.loads((built_site / RUNTIME_DIR / "pyodide-lock.json").read_text(encoding="utf-8"))
    entry = lock["packages"]["calculators"]
    wheel = built_site / RUNTIME_DIR / entry["file_name"]
    assert entry["sha256"] == hashlib.sha256(wheel.read_bytes()).hexdigest()
    assert entry["imports"] == ["calculators"]
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        catalog = json.loads(archive.read("calculators/_messages/zh-Hant.json"))
    assert "calculators/overdue.py" in names and "calculators/data/lpr_1y.csv" in names
    assert catalog["逾期金额"] == "逾期金額"


def test_lock_lists_only_the_shipped_wheels(built_site: Path) -> None:
    folder = built_site / RUNTIME_DIR
    lock = json.loads((folder / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert {entry["file_name"] for entry in lock["packages"].values()} == {path.name for path in folder.glob("*.whl")}
    for entry in lock["packages"].values():
        assert set(entry["depends"]) <= set(lock["packages"])


def test_pyodide_files_match_their_pinned_sha256(built_site: Path) -> None:
    pinned = ROOT / "mkdocs_guide/calc/pyodide.sha256"
    lines = [line.split() for line in pinned.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert len(lines) == 4
    for digest, name in lines:
        # The standard library is shipped trimmed (test_stdlib_build.py): its source is checked.
        source = (ROOT / "node_modules/pyodide" / name).read_bytes()
        assert hashlib.sha256(source).hexdigest() == digest, name
        if name != "python_stdlib.zip":
            assert (built_site / RUNTIME_DIR / name).read_bytes() == shipped_bytes(name, source), name


def test_pyodide_runtime_is_the_pinned_version(built_site: Path) -> None:
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"]
    shipped = json.loads((built_site / RUNTIME_DIR / "package.json").read_text(encoding="utf-8"))["version"]
    assert shipped == pinned
    for name in ("pyodide.mjs", "pyodide.asm.wasm"):  # pyodide.asm.mjs: the next test
        assert (built_site / RUNTIME_DIR / name).read_bytes() == (ROOT / "node_modules/pyodide" / name).read_bytes()


def test_pyodide_javascript_is_compiled_at_once_and_otherwise_unchanged(built_site: Path) -> None:
    # The hint applies to the functions after it: it is the first line, and the rest is npm's file.
    shipped = (built_site / RUNTIME_DIR / "pyodide.asm.mjs").read_bytes()
    assert shipped.startswith(COMPILE_HINT)
    assert shipped[len(COMPILE_HINT) :] == (ROOT / "node_modules/pyodide/pyodide.asm.mjs").read_bytes()
    assert shipped_bytes("pyodide.asm.wasm", b"\0asm") == b"\0asm"


def test_wheel_is_reproducible(tmp_path: Path) -> None:
    package = ROOT / "calculators"
    first = build_wheel(package, "0.1.0", tmp_path / "a", extra={"calculators/_messages/x.json": b"{}"})
    second = build_wheel(package, "0.1.0", tmp_path / "b", extra={"calculators/_messages/x.json": b"{}"})
    assert first.read_bytes() == second.read_bytes()
    installed = tmp_path / "installed"
    with zipfile.ZipFile(first) as archive:
        archive.extractall(installed)
    check = "import calculators; print(calculators.run('overdue', {})['outputs']['penalty'])"
    out = subprocess.run([sys.executable, "-c", check], cwd=installed, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "150.00"
