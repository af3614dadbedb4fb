"""A reproducible pure-Python wheel of the ``calculators`` package, for Pyodide.

Written directly with ``zipfile`` (fixed timestamps, sorted entries), so the
build needs no network and the same sources always give the same sha256.
The wheel carries the message catalogues the build makes for other scripts.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .packing import record, write_zip

__all__ = ["build_wheel"]

_WHEEL = "Wheel-Version: 1.0\nGenerator: mkdocs_guide\nRoot-Is-Purelib: true\nTag: py3-none-any\n"


def _sources(package_dir: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for path in sorted(package_dir.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in {".py", ".csv", ".json"}:
            files[f"{package_dir.name}/{path.relative_to(package_dir).as_posix()}"] = path.read_bytes()
    return files


def build_wheel(package_dir: Path, version: str, out_dir: Path, extra: Mapping[str, bytes] = {}) -> Path:
    """Write ``<name>-<version>-py3-none-any.whl`` and return its path.

    Args:
        package_dir: the package folder (its name is the distribution name).
        version: the version for the metadata and the file name.
        out_dir: where to write the wheel.
        extra: more files, by their path inside the wheel (e.g. catalogues).
    """
    name = package_dir.name
    dist_info = f"{name}-{version}.dist-info"
    files = {**_sources(package_dir), **extra}
    files[f"{dist_info}/METADATA"] = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    files[f"{dist_info}/WHEEL"] = _WHEEL.encode()
    files[f"{dist_info}/top_level.txt"] = f"{name}\n".encode()
    files[f"{dist_info}/RECORD"] = record(files, f"{dist_info}/RECORD")
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"{name}-{version}-py3-none-any.whl"
    write_zip(wheel, files)
    return wheel
