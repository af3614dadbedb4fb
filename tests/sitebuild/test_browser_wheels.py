"""The package wheels the site ships: repacked for the browser, pinned by the lock."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from pathlib import Path

from mkdocs_guide.calc.contract import RUNTIME_DIR

ROOT = Path(__file__).parents[2]


def _shipped(site: Path) -> list[Path]:
    lock = json.loads((site / RUNTIME_DIR / "pyodide-lock.json").read_text(encoding="utf-8"))
    packages = lock["packages"].items()
    return [site / RUNTIME_DIR / entry["file_name"] for name, entry in packages if name != "calculators"]


def test_each_package_ships_compiled_without_its_tests(built_site: Path) -> None:
    wheels = _shipped(built_site)
    assert {path.name for path in wheels} == {path.name for path in (ROOT / "build/wheels").glob("*.whl")}
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            names = archive.namelist()
        modules = [name for name in names if ".dist-info/" not in name]
        assert not [name for name in modules if name.endswith(".py")], wheel.name
        assert not [name for name in modules if "/tests/" in name or "/test/" in name], wheel.name
        assert [name for name in modules if name.endswith(".pyc")], wheel.name


def test_the_repacked_record_lists_every_file_with_its_hash(built_site: Path) -> None:
    for wheel in _shipped(built_site):
        with zipfile.ZipFile(wheel) as archive:
            record = next(name for name in archive.namelist() if name.endswith(".dist-info/RECORD"))
            rows = [line.split(",") for line in archive.read(record).decode().splitlines()]
            listed = {name: (digest, size) for name, digest, size in rows}
            assert set(listed) == set(archive.namelist())
            for name, (digest, size) in listed.items():
                if name == record:
                    continue
                data = archive.read(name)
                expected = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
                assert (digest, size) == (f"sha256={expected}", str(len(data))), name


def test_the_icalendar_wheel_is_smaller_than_downloaded(built_site: Path) -> None:
    shipped = next(path for path in _shipped(built_site) if path.name.startswith("icalendar-"))
    assert shipped.stat().st_size < (ROOT / "build/wheels" / shipped.name).stat().st_size * 0.75
