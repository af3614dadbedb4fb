"""The wheels the site ships: named after their content, the packages repacked for the browser."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from pathlib import Path

from mkdocs_guide.calc.contract import RUNTIME_DIR
from mkdocs_guide.calc.runtime import content_named

ROOT = Path(__file__).parents[2]


def _shipped(site: Path) -> list[Path]:
    lock = json.loads((site / RUNTIME_DIR / "pyodide-lock.json").read_text(encoding="utf-8"))
    packages = lock["packages"].items()
    return [site / RUNTIME_DIR / entry["file_name"] for name, entry in packages if name != "calculators"]


def _project(wheel: Path) -> str:
    return "-".join(wheel.name.split("-")[:2])


def test_every_wheel_is_named_after_its_content(built_site: Path) -> None:
    # A browser holding an older wheel under the same name would fail Pyodide's sha256 check.
    wheels = list((built_site / RUNTIME_DIR).glob("*.whl"))
    assert len(wheels) == len(list((ROOT / "build/wheels").glob("*.whl"))) + 1
    for wheel in wheels:
        assert content_named(wheel.name, wheel.read_bytes()) == wheel.name


def test_each_package_ships_compiled_without_its_tests(built_site: Path) -> None:
    wheels = _shipped(built_site)
    assert {_project(path) for path in wheels} == {_project(path) for path in (ROOT / "build/wheels").glob("*.whl")}
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
    downloaded = next((ROOT / "build/wheels").glob(f"{_project(shipped)}-*.whl"))
    assert shipped.stat().st_size < downloaded.stat().st_size * 0.75


def test_the_cache_keeps_the_wheels_in_use_and_recent_entries(tmp_path: Path) -> None:
    import os

    from mkdocs_guide.calc.browser_wheels import prune_cache

    used, old, recent = (tmp_path / name for name in ("used", "old", "recent"))
    for folder in (used, old, recent):
        folder.mkdir()
        (folder / "x.whl").write_bytes(b"wheel")
    for folder in (used, old):
        os.utime(folder, (0, 0))
    prune_cache(tmp_path, [used / "x.whl"])
    assert sorted(path.name for path in tmp_path.iterdir()) == ["recent", "used"]
