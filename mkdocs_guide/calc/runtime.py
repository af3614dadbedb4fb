"""Puts the self-hosted Pyodide runtime, the calculators wheel and their lock file into the site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import calculators

from .messages import message_catalog
from .wheel import build_wheel

__all__ = ["RUNTIME_FILES", "install_runtime"]

#: What a stdlib-only page fetches from the npm package (plus the lock we write).
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "package.json")


def install_runtime(pyodide_dir: Path, target: Path) -> Path:
    """Copy Pyodide into ``target``, add the calculators wheel and write the lock file.

    Args:
        pyodide_dir: the installed npm ``pyodide`` package.
        target: the site folder that will hold it all (e.g. ``site/pyodide``).

    Returns:
        The path of the wheel written.
    """
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec

    if not (pyodide_dir / "pyodide.mjs").is_file():
        raise FileNotFoundError(f"{pyodide_dir} holds no Pyodide: run 'make setup' (npm ci) first")
    target.mkdir(parents=True, exist_ok=True)
    for name in RUNTIME_FILES:
        source, copy = pyodide_dir / name, target / name
        if not copy.exists() or copy.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, copy)
    catalog = json.dumps(message_catalog(), ensure_ascii=False, sort_keys=True, indent=0).encode()
    wheel = build_wheel(
        Path(calculators.__file__).parent,
        calculators.__version__,
        target,
        extra={"calculators/_messages/zh-Hant.json": catalog},
    )
    # The same step as `pyodide lockfile add-wheels`: records name, imports and sha256.
    spec = add_wheels_to_spec(PyodideLockSpec.from_json(pyodide_dir / "pyodide-lock.json"), [wheel])
    spec.to_json(target / "pyodide-lock.json")
    return wheel
