"""The build's Pyodide memory snapshot: what it ships, how it is named, when it is remade."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from mkdocs_guide.calc.contract import RUNTIME_DIR
from mkdocs_guide.calc.heap import unpack
from mkdocs_guide.calc.snapshot import MANIFEST, SnapshotError, install_snapshot, remove_snapshot, snapshot_name
from mkdocs_guide.calc.stdlib import STDLIB_GLOB, STDLIB_MANIFEST
from mkdocs_guide.calc.wasm_memory import initial_memory

WHEEL = "calculators-0.1.0-py3-none-any.whl"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_the_site_ships_a_snapshot_of_its_own_pyodide_and_wheel(built_site: Path) -> None:
    pyodide = built_site / RUNTIME_DIR
    manifest = json.loads((pyodide / MANIFEST).read_text(encoding="utf-8"))
    version = json.loads((pyodide / "package.json").read_text(encoding="utf-8"))["version"]
    lock = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))
    assert manifest["pyodide"] == version
    assert manifest["wheel"]["sha256"] == lock["packages"]["calculators"]["sha256"]
    assert manifest["lock_info"] == lock["info"]
    # Made with the zip the site ships, which the worker loads with it.
    stdlib = json.loads((pyodide / STDLIB_MANIFEST).read_text(encoding="utf-8"))
    assert manifest["stdlib"] == {"file": stdlib["file"], "sha256": stdlib["sha256"]}
    # The name changes with the runtime and the wheel, so a stale snapshot never matches.
    assert manifest["file"].startswith(f"calculators-{version}-{manifest['wheel']['sha256'][:16]}-")
    packed = (pyodide / manifest["file"]).read_bytes()
    assert (len(packed), _sha256(packed)) == (manifest["bytes"], manifest["sha256"])
    # The pages the file leaves out as the wasm's own data are that data, as the manifest says.
    initial = bytes(manifest["heap_offset"]) + initial_memory((pyodide / "pyodide.asm.wasm").read_bytes())
    kept = [(start, length) for start, length in manifest["kept"]]
    assert _sha256(b"".join(initial[start : start + length] for start, length in kept)) == manifest["kept_sha256"]
    shipped = gzip.decompress(packed)
    raw = unpack(shipped, [(start, length) for start, length in manifest["runs"]], manifest["raw_bytes"], initial, kept)
    assert (len(raw), _sha256(raw)) == (manifest["raw_bytes"], manifest["raw_sha256"])
    # And there is much of it: megabytes the file need not carry.
    assert sum(length for _, length in kept) > len(shipped) / 5
    assert sorted(path.name for path in pyodide.glob("*.snapshot.gz")) == [manifest["file"]]


def test_the_name_follows_every_input() -> None:
    names = {
        snapshot_name("314.0.7", "a" * 64, "e" * 64, "c" * 64),
        snapshot_name("314.0.8", "a" * 64, "e" * 64, "c" * 64),
        snapshot_name("314.0.7", "b" * 64, "e" * 64, "c" * 64),
        snapshot_name("314.0.7", "a" * 64, "f" * 64, "c" * 64),
        snapshot_name("314.0.7", "a" * 64, "e" * 64, "d" * 64),
    }
    assert len(names) == 5


@pytest.fixture
def site_pyodide(tmp_path: Path, built_site: Path) -> Path:
    """A site's Pyodide folder with just what install_snapshot reads."""
    folder = tmp_path / "site" / RUNTIME_DIR
    folder.mkdir(parents=True)
    source = built_site / RUNTIME_DIR
    for name in ("package.json", "pyodide-lock.json"):
        shutil.copyfile(source / name, folder / name)
    shutil.copyfile(next(source.glob("calculators-*.whl")), folder / WHEEL)
    # The first zip, which the snapshot is made with (the folder may hold the second too).
    stdlib = source / json.loads((source / STDLIB_MANIFEST).read_text(encoding="utf-8"))["file"]
    shutil.copyfile(stdlib, folder / stdlib.name)
    (folder / "calculators-0.0.0-old.snapshot.gz").write_bytes(b"stale")
    return folder


def _stdlib(site_pyodide: Path) -> Path:
    return next(site_pyodide.glob(STDLIB_GLOB))


def _cache_from(built_site: Path, cache: Path) -> dict[str, object]:
    manifest: dict[str, object] = json.loads((built_site / RUNTIME_DIR / MANIFEST).read_text(encoding="utf-8"))
    cache.mkdir()
    name = str(manifest["file"])
    shutil.copyfile(built_site / RUNTIME_DIR / name, cache / name)
    (cache / f"{name}.json").write_text(json.dumps(manifest), encoding="utf-8")
    return manifest


def test_a_cached_snapshot_is_reused_without_node(site_pyodide: Path, built_site: Path, tmp_path: Path) -> None:
    cached = _cache_from(built_site, tmp_path / "cache")
    # /bin/false as Node: making a snapshot would fail, so passing means the cache was used.
    manifest = install_snapshot(site_pyodide, site_pyodide / WHEEL, _stdlib(site_pyodide), tmp_path / "cache", "false")
    assert manifest == cached
    assert sorted(path.name for path in site_pyodide.glob("*.snapshot.gz")) == [cached["file"]]
    assert json.loads((site_pyodide / MANIFEST).read_text(encoding="utf-8")) == cached


def test_a_damaged_cache_entry_is_remade_not_shipped(site_pyodide: Path, built_site: Path, tmp_path: Path) -> None:
    cached = _cache_from(built_site, tmp_path / "cache")
    (tmp_path / "cache" / str(cached["file"])).write_bytes(b"not a snapshot")
    with pytest.raises(SnapshotError, match="making the Pyodide snapshot failed"):
        install_snapshot(site_pyodide, site_pyodide / WHEEL, _stdlib(site_pyodide), tmp_path / "cache", "false")
    assert not (site_pyodide / MANIFEST).exists()


def test_another_wheel_needs_another_snapshot(site_pyodide: Path, built_site: Path, tmp_path: Path) -> None:
    _cache_from(built_site, tmp_path / "cache")
    wheel = site_pyodide / WHEEL
    wheel.write_bytes(wheel.read_bytes() + b"\0")
    with pytest.raises(SnapshotError):
        install_snapshot(site_pyodide, wheel, _stdlib(site_pyodide), tmp_path / "cache", "false")


def test_remove_snapshot_leaves_no_stale_one(site_pyodide: Path) -> None:
    (site_pyodide / MANIFEST).write_text("{}", encoding="utf-8")
    remove_snapshot(site_pyodide)
    assert not list(site_pyodide.glob("*.snapshot.gz")) and not (site_pyodide / MANIFEST).exists()


def test_another_standard_library_needs_another_snapshot(site_pyodide: Path, built_site: Path, tmp_path: Path) -> None:
    _cache_from(built_site, tmp_path / "cache")
    stdlib = _stdlib(site_pyodide)
    stdlib.write_bytes(stdlib.read_bytes() + b"\0")
    with pytest.raises(SnapshotError):
        install_snapshot(site_pyodide, site_pyodide / WHEEL, stdlib, tmp_path / "cache", "false")
