"""A reproducible pure-Python wheel of the ``calculators`` package, for Pyodide.

Written directly with ``zipfile`` (fixed timestamps, sorted entries), so the
build needs no network and the same sources always give the same sha256.
The wheel carries the message catalogues the build makes for other scripts.
"""

from __future__ import annotations

import base64
import hashlib
import zipfile
from collections.abc import Mapping
from pathlib import Path

__all__ = ["build_wheel"]

_EPOCH = (1980, 1, 1, 0, 0, 0)
_WHEEL = "Wheel-Version: 1.0\nGenerator: mkdocs_guide\nRoot-Is-Purelib: true\nTag: py3-none-any\n"


def _record_hash(data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"sha256={digest}"


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
    record = "".join(f"{path},{_record_hash(data)},{len(data)}\n" for path, data in sorted(files.items()))
    files[f"{dist_info}/RECORD"] = (record + f"{dist_info}/RECORD,,\n").encode()
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(path, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[path])
    return wheel
