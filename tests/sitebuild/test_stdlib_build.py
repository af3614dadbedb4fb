"""The trimmed standard library the build ships: what it holds, how it is named, when it is remade."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from mkdocs_guide.calc.contract import RUNTIME_DIR
from mkdocs_guide.calc.stdlib import STDLIB_GLOB, STDLIB_MANIFEST, StdlibError, install_stdlib, stdlib_name

ROOT = Path(__file__).parents[2]
FULL = ROOT / "node_modules/pyodide/python_stdlib.zip"
EXAMPLES = ROOT / "tests/pyodide/examples.json"


def test_the_site_ships_one_trimmed_compiled_standard_library(built_site: Path) -> None:
    pyodide = built_site / RUNTIME_DIR
    manifest = json.loads((pyodide / STDLIB_MANIFEST).read_text(encoding="utf-8"))
    data = (pyodide / manifest["file"]).read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    assert (manifest["bytes"], manifest["sha256"], manifest["file"]) == (len(data), digest, stdlib_name(digest))
    assert [path.name for path in pyodide.glob(STDLIB_GLOB)] == [manifest["file"]]
    with zipfile.ZipFile(pyodide / manifest["file"]) as archive:
        names = set(archive.namelist())
    # Bytecode only, of what the calculators and Pyodide's start import; not the rest.
    assert all(name.endswith(".pyc") for name in names)
    assert {"decimal.pyc", "json/__init__.pyc", "dataclasses.pyc", "pyodide/_package_loader.pyc"} <= names
    assert not names & {"difflib.pyc", "sqlite3/__init__.pyc", "tkinter/__init__.pyc", "unittest/__init__.pyc"}
    with zipfile.ZipFile(FULL) as full:
        assert len(names) < len(full.namelist()) / 2
    assert len(data) < FULL.stat().st_size / 2


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
    assert [path.name for path in site_pyodide.glob(STDLIB_GLOB)] == [shipped["file"]]


def test_other_inputs_make_another_zip(site_pyodide: Path, tmp_path: Path) -> None:
    examples = tmp_path / "examples.json"
    examples.write_text('{"overdue": [{"principal": "1"}]}', encoding="utf-8")
    with pytest.raises(StdlibError, match="trimming the standard library failed"):
        install_stdlib(site_pyodide, FULL, examples, ROOT / "build/pyodide-stdlib", "false")


def test_untrimmed_ships_pyodides_zip_under_its_content_name(site_pyodide: Path, tmp_path: Path) -> None:
    facts = install_stdlib(site_pyodide, FULL, EXAMPLES, tmp_path / "cache", "false", trim=False)
    assert (site_pyodide / facts["file"]).read_bytes() == FULL.read_bytes()
    assert json.loads((site_pyodide / STDLIB_MANIFEST).read_text(encoding="utf-8"))["file"] == facts["file"]
