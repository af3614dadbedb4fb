"""The plugins on a small site of their own: conversion, hand-written pages, front matter."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

CONFIG = """
site_name: 测试
docs_dir: docs
site_dir: site
theme: {name: material, language: zh, font: false}
plugins:
  - guide-pages
  - calculators:
      pyodide_dir: %(pyodide)s
      wheels_dir: %(wheels)s
      snapshot_cache: %(cache)s
      stdlib_examples: %(examples)s
      stdlib_cache: %(stdlib)s
      compiled_wheels_cache: %(compiled)s
  - i18n:
      docs_structure: suffix
      fallback_to_default: true
      languages:
        - {locale: zh, name: 简体中文, default: true}
        - {locale: zh-Hant, name: 繁體中文}
  - hant
"""

PAGE = """---
title: 计收复利的账户
description: 说明
reviewed: 2026-11-22
---

# 协商还款

不予支持。

<!-- calculator: overdue -->
"""


def _site(tmp_path: Path, pages: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # The project's snapshot cache: the small sites ship the same wheel, so the snapshot is reused.
    settings = {
        "pyodide": ROOT / "node_modules/pyodide",
        "wheels": ROOT / "build/wheels",
        "cache": ROOT / "build/pyodide-snapshot",
        "examples": ROOT / "tests/pyodide/examples.json",
        "stdlib": ROOT / "build/pyodide-stdlib",
        "compiled": ROOT / "build/pyodide-wheels",
    }
    (tmp_path / "mkdocs.yml").write_text(CONFIG % settings, encoding="utf-8")
    for name, text in pages.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run([str(mkdocs), "build", "--strict"], cwd=tmp_path, capture_output=True, text=True)


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("small")
    hand_written = PAGE.replace("# 协商还款", "# 手寫的標題").replace("title: 计收复利的账户", "title: 手寫")
    build = _site(folder, {"index.md": PAGE, "other.md": PAGE, "other.zh-Hant.md": hand_written})
    assert build.returncode == 0, build.stderr
    return folder / "site"


def test_generated_page_is_converted(small_site: Path) -> None:
    html = (small_site / "zh-Hant/index.html").read_text(encoding="utf-8")
    assert "<title>計收複利的帳戶" in html
    assert "協商還款</h1>" in html
    assert "不予支持" in html  # s2tw, not s2twp's 不予支援
    assert "最後核對" in html and 'datetime="2026-11-22"' in html
    assert "逾期金額" in html  # the calculator form is converted with its page


def test_simplified_page_is_untouched(small_site: Path) -> None:
    html = (small_site / "index.html").read_text(encoding="utf-8")
    assert "<title>计收复利的账户" in html and "最后核对" in html and "逾期金额" in html


def test_hand_written_zh_hant_page_wins(small_site: Path) -> None:
    html = (small_site / "zh-Hant/other/index.html").read_text(encoding="utf-8")
    assert "手寫的標題</h1>" in html
    assert "協商還款" not in html


def test_missing_front_matter_fails_the_build(tmp_path: Path) -> None:
    build = _site(tmp_path, {"index.md": "# 无日期\n"})
    assert build.returncode != 0
    assert "front matter lacks title, description, reviewed" in build.stderr


def test_unknown_calculator_fails_the_build(tmp_path: Path) -> None:
    build = _site(tmp_path, {"index.md": PAGE.replace("calculator: overdue", "calculator: nothing")})
    assert build.returncode != 0
    assert "no calculator named 'nothing'" in build.stderr


def test_site_without_pyodide_says_how_to_fix(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "node_modules/pyodide", tmp_path / "empty", ignore=lambda *_: ["pyodide.mjs"])
    (tmp_path / "docs").mkdir()
    build = _site(tmp_path, {"index.md": PAGE})
    assert build.returncode == 0
    text = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").replace(str(ROOT / "node_modules/pyodide"), "empty")
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    broken = subprocess.run([str(mkdocs), "build"], cwd=tmp_path, capture_output=True, text=True)
    assert broken.returncode != 0
    assert "run 'make setup'" in broken.stderr
