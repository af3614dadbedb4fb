"""Puts the self-hosted Pyodide runtime, the wheels and their lock file into the site.

The lock is Pyodide's own with the calculators wheel and the pure-Python wheels the
calculators import (``make setup`` downloads them, pinned by hash, into ``build/wheels``;
the site ships them compiled for the browser, :mod:`.browser_wheels`) added by
pyodide-build's ``pyodide lockfile add-wheels``, which records each wheel's name,
imports, dependencies and sha256; then cut down to the packages the site ships.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import calculators

from .browser_wheels import browser_wheel, prune_cache
from .messages import message_catalog
from .wheel import build_wheel

__all__ = ["NOT_SHIPPED", "RUNTIME_FILES", "content_named", "install_runtime", "missing_packages", "shipped_bytes"]

#: What the site ships from the npm package (plus the lock we write). The standard library
#: is shipped trimmed, under another name (:mod:`.stdlib`).
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "package.json")
#: V8's explicit compile hint (Chrome 136 and later): compile every function of the file at once.
#: Most of Pyodide's JavaScript runs after the module is evaluated, so V8's code cache, written
#: then, lacked it, and each visit parsed and compiled it again. Other engines read a comment.
COMPILE_HINT = b"//# allFunctionsCalledOnLoad\n"
_COMPILED_AT_ONCE = frozenset({"pyodide.asm.mjs"})
#: Requirements of the shipped wheels that the site does not ship, and why none is needed.
NOT_SHIPPED = {
    # icalendar and python-dateutil require it; a calendar file of dates and one UTC stamp
    # looks no time zone up (calculators/_internal/ics.py). 0.35 MB less for every reader.
    "tzdata": "time-zone database: the calendar files name no time zone",
}
_CLI_TIMEOUT_S = 300


def _pyodide_cli() -> str:
    # The CLI of the pinned pyodide-build, installed beside the Python running the build.
    beside = Path(sys.executable).with_name("pyodide")
    found = str(beside) if beside.is_file() else shutil.which("pyodide")
    if found is None:
        raise FileNotFoundError("the pyodide command (pyodide-build) is not installed: run 'make setup'")
    return found


def _add_wheels(source_lock: Path, lock: Path, base: Path, wheels: Iterable[Path]) -> None:
    """``pyodide lockfile add-wheels``: Pyodide's lock plus ``wheels`` (kept in ``base``) into ``lock``."""
    command = [_pyodide_cli(), "lockfile", "add-wheels", "--input", str(source_lock), "--output", str(lock)]
    command += ["--base-path", str(base), *(str(wheel) for wheel in wheels)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=_CLI_TIMEOUT_S, check=False)
    if done.returncode != 0 or not lock.is_file():
        raise RuntimeError(f"pyodide lockfile add-wheels failed:\n{(done.stderr or done.stdout)[-2000:]}")


def _keep_shipped(lock: Path, shipped: Iterable[str]) -> None:
    """The lock lists only the packages the site ships a wheel for, without the requirements it does not ship.

    Pyodide's own lock names hundreds of packages that no page can load from this site, and the
    plain start and every page with packages download the lock.
    """
    from pyodide_lock import PyodideLockSpec

    spec = PyodideLockSpec.from_json(lock)
    spec.packages = {name: spec.packages[name] for name in sorted(shipped)}
    for entry in spec.packages.values():
        entry.depends = [dep for dep in entry.depends if dep not in NOT_SHIPPED]
    spec.to_json(lock)


def content_named(file_name: str, data: bytes) -> str:
    """A wheel's file name with its content's sha256 as the build tag.

    Pyodide checks each wheel against the lock's sha256; a wheel whose bytes change under the
    same name (rebuilt, repacked for another Pyodide) would fail that check for a browser that
    still holds the old file, as a host's ``max-age`` allows. A build tag starts with a digit.
    """
    name, version, *tags = file_name.removesuffix(".whl").split("-")
    tags = tags[-3:]  # any build tag of the downloaded file is replaced
    return "-".join([name, version, "0" + hashlib.sha256(data).hexdigest()[:12], *tags]) + ".whl"


def shipped_bytes(name: str, source: bytes) -> bytes:
    """What the site ships for the runtime file ``name`` of the npm package, whose bytes are ``source``."""
    return COMPILE_HINT + source if name in _COMPILED_AT_ONCE else source


def _ship_named(target: Path, wheel: Path) -> Path:
    data = wheel.read_bytes()
    path = target / content_named(wheel.name, data)
    if not path.is_file():
        path.write_bytes(data)
    return path


def _lock_name(wheel: Path) -> str:
    from packaging.utils import canonicalize_name, parse_wheel_filename

    return str(canonicalize_name(parse_wheel_filename(wheel.name)[0]))


def install_runtime(pyodide_dir: Path, target: Path, wheels_dir: Path, compiled_cache: Path | None = None) -> Path:
    """Copy Pyodide and the wheels into ``target``, build the calculators wheel and write the lock file.

    Args:
        pyodide_dir: the installed npm ``pyodide`` package.
        target: the site folder that will hold it all (e.g. ``site/pyodide``).
        wheels_dir: the downloaded wheels the calculators import (``make setup``).
        compiled_cache: ship those wheels repacked for the browser (:mod:`.browser_wheels`), kept
            here between builds; ``None`` ships them as downloaded.

    Returns:
        The path of the calculators wheel written.

    Raises:
        FileNotFoundError: Pyodide, the wheels or the ``pyodide`` command is missing.
        RuntimeError: ``pyodide lockfile add-wheels`` failed, or a wheel could not be repacked.
    """
    if not (pyodide_dir / "pyodide.mjs").is_file():
        raise FileNotFoundError(f"{pyodide_dir} holds no Pyodide: run 'make setup' (npm ci) first")
    extra = sorted(wheels_dir.glob("*.whl"))
    if not extra:
        raise FileNotFoundError(f"{wheels_dir} holds no wheels: run 'make setup' first")
    if compiled_cache is not None:
        extra = [browser_wheel(source, pyodide_dir, compiled_cache) for source in extra]
        prune_cache(compiled_cache, extra)
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        data, copy = shipped_bytes(name, (pyodide_dir / name).read_bytes()), target / name
        if not copy.is_file() or copy.read_bytes() != data:
            copy.write_bytes(data)
    catalog = json.dumps(message_catalog(), ensure_ascii=False, sort_keys=True, indent=0).encode()
    with tempfile.TemporaryDirectory(prefix="wheel-") as temp:
        built = build_wheel(
            Path(calculators.__file__).parent,
            calculators.__version__,
            Path(temp),
            extra={"calculators/_messages/zh-Hant.json": catalog},
        )
        shipped = [_ship_named(target, path) for path in [built, *extra]]
    for old in target.glob("*.whl"):
        if old not in shipped:
            old.unlink()
    lock = target / "pyodide-lock.json"
    _add_wheels(pyodide_dir / "pyodide-lock.json", lock, target, shipped)
    _keep_shipped(lock, [_lock_name(path) for path in shipped])
    return shipped[0]


def missing_packages(target: Path, names: Iterable[str]) -> list[str]:
    """The packages among ``names`` and their dependencies that the lock in ``target`` cannot load.

    A package is missing when the lock does not list it or its wheel is not in ``target``.
    """
    packages = json.loads((target / "pyodide-lock.json").read_text(encoding="utf-8"))["packages"]
    missing: list[str] = []
    seen: set[str] = set()
    queue = list(names)
    while queue:
        name = queue.pop()
        if name in seen:
            continue
        seen.add(name)
        entry = packages.get(name)
        if entry is None or not (target / entry["file_name"]).is_file():
            missing.append(name)
            continue
        queue += entry["depends"]
    return sorted(missing)
