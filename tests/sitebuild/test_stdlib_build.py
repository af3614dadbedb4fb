"""The trimmed standard library the build ships: what it holds, how it is named, when it is remade."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from mkdocs_guide.calc import extra_stdlib
from mkdocs_guide.calc.contract import RUNTIME_DIR
from mkdocs_guide.calc.stdlib import STDLIB_GLOB, STDLIB_MANIFEST, StdlibError, install_stdlib, stdlib_name

ROOT = Path(__file__).parents[2]
FULL = ROOT / "node_modules/pyodide/python_stdlib.zip"
EXAMPLES = ROOT / "tests/pyodide/examples.json"


def _zip(pyodide: Path, facts: dict[str, Any], part: str = "") -> set[str]:
    data = (pyodide / facts["file"]).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    assert (facts["bytes"], facts["sha256"], facts["file"]) == (len(data), digest, stdlib_name(digest, part))
    with zipfile.ZipFile(pyodide / facts["file"]) as archive:
        return set(archive.namelist())


def test_the_site_ships_a_trimmed_compiled_standard_library_in_two_zips(built_site: Path) -> None:
    pyodide = built_site / RUNTIME_DIR
    manifest = json.loads((pyodide / STDLIB_MANIFEST).read_text(encoding="utf-8"))
    names, extra = _zip(pyodide, manifest), _zip(pyodide, manifest["extra"], "_extra")
    assert {path.name for path in pyodide.glob(STDLIB_GLOB)} == {manifest["file"], manifest["extra"]["file"]}
    # Bytecode only, of what the calculators and Pyodide's start import; not the rest.
    assert all(name.endswith(".pyc") for name in names | extra)
    assert {"decimal.pyc", "json/__init__.pyc", "dataclasses.pyc", "pyodide/_package_loader.pyc"} <= names
    left_out = {"difflib.pyc", "sqlite3/__init__.pyc", "tkinter/__init__.pyc", "unittest/__init__.pyc"}
    assert not (names | extra) & left_out
    # The packages' own needs in the second (also submodules of packages in the first), and what
    # mounts it in the first; nothing in both.
    assert {"email/message.pyc", "zoneinfo/__init__.pyc"} <= extra
    assert f"{extra_stdlib.MODULE}.pyc" in names and "email/__init__.pyc" in names
    assert not names & extra
    # Modules the calculators do without (tests/python/test_browser_imports.py).
    assert not names & {"html/entities.pyc", "csv.pyc", "importlib/resources/__init__.pyc"}
    with zipfile.ZipFile(FULL) as full:
        assert len(names | extra) < len(full.namelist()) / 2
    assert manifest["bytes"] + manifest["extra"]["bytes"] < FULL.stat().st_size / 2


@pytest.fixture
def site_pyodide(tmp_path: Path, built_site: Path) -> Path:
    """A site's Pyodide folder with a stale zip in it."""
    folder = tmp_path / "site" / RUNTIME_DIR
    folder.mkdir(parents=True)
    for name in ("package.json", "pyodide-lock.json"):
        shutil.copyfile(built_site / RUNTIME_DIR / name, folder / name)
    (folder / "python_stdlib-0000000000000000.zip").write_bytes(b"stale")
    return folder


def test_a_cached_zip_is_reused_without_node(site_pyodide: Path, built_site: Path, tmp_path: Path) -> None:
    # The built site's zip came from the build cache: /bin/false as Node proves it is used again.
    facts = install_stdlib(site_pyodide, FULL, EXAMPLES, ROOT / "build/pyodide-stdlib", "false")
    shipped = json.loads((built_site / RUNTIME_DIR / STDLIB_MANIFEST).read_text(encoding="utf-8"))
    assert facts["file"] == shipped["file"] and facts["modules"]
    assert {path.name for path in site_pyodide.glob(STDLIB_GLOB)} == {shipped["file"], shipped["extra"]["file"]}


def test_other_inputs_make_another_zip(site_pyodide: Path, tmp_path: Path) -> None:
    examples = tmp_path / "examples.json"
    examples.write_text('{"overdue": [{"principal": "1"}]}', encoding="utf-8")
    with pytest.raises(StdlibError, match="trimming the standard library failed"):
        install_stdlib(site_pyodide, FULL, examples, ROOT / "build/pyodide-stdlib", "false")


def test_untrimmed_ships_pyodides_zip_under_its_content_name(site_pyodide: Path, tmp_path: Path) -> None:
    facts = install_stdlib(site_pyodide, FULL, EXAMPLES, tmp_path / "cache", "false", trim=False)
    assert (site_pyodide / facts["file"]).read_bytes() == FULL.read_bytes()
    manifest = json.loads((site_pyodide / STDLIB_MANIFEST).read_text(encoding="utf-8"))
    assert manifest["file"] == facts["file"] and "extra" not in manifest
