"""The build's Node recipes (``make_stdlib.mjs``, ``make_snapshot.mjs``): run them, and what names their output.

Each recipe runs the site's own Pyodide under Node and prints its facts as JSON.
Their outputs are cached between builds under a key made of everything they were
made from, the recipe's own text included, so an edited recipe remakes them.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = [
    "PACKING",
    "RecipeError",
    "cached_facts",
    "node_executable",
    "recipe_sha256",
    "run_recipe",
    "sha256",
    "write_atomic",
]

_TIMEOUT_S = 600


class RecipeError(RuntimeError):
    """A recipe could not run (no Node) or failed."""


def sha256(data: bytes) -> str:
    """The hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


#: The module of this package that recipes load into Pyodide beside their own text.
PACKING = "packing.py"


def recipe_sha256(script: str, *loads: str) -> str:
    """The sha256 of the recipe ``script`` and of the files of this package it ``loads`` (:data:`PACKING`)."""
    folder = resources.files("mkdocs_guide.calc")
    return sha256(b"".join(folder.joinpath(name).read_bytes() for name in (script, *loads)))


def node_executable(node: str | None) -> str:
    """``node``, or Node from ``PATH``.

    Raises:
        RecipeError: when there is none.
    """
    found = node or shutil.which("node")
    if found is None:
        raise RecipeError("Node.js is needed to build the calculators' runtime (or set the plugin's snapshot: false)")
    return found


def run_recipe(script: str, args: list[str], node: str, what: str, timeout_s: int = _TIMEOUT_S) -> dict[str, Any]:
    """Run the recipe ``script`` under Node with ``args``; its facts.

    Args:
        script: the recipe's file name in this package.
        args: its command-line arguments.
        node: the Node executable.
        what: what it does, for error messages ("making the Pyodide snapshot").
        timeout_s: how long it may take.

    Raises:
        RecipeError: when it fails or takes too long.
    """
    with resources.as_file(resources.files("mkdocs_guide.calc").joinpath(script)) as path:
        try:
            done = subprocess.run(
                [node, str(path), *args], capture_output=True, text=True, timeout=timeout_s, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise RecipeError(f"{what} took over {timeout_s} s") from error
    if done.returncode != 0:
        raise RecipeError(f"{what} failed:\n{done.stderr[-2000:]}")
    facts: dict[str, Any] = json.loads(done.stdout)
    return facts


def cached_facts(artifact: Path, facts: Path) -> dict[str, Any] | None:
    """A build cache entry's facts, if the entry is whole: its bytes match the facts' ``sha256``.

    A missing or damaged entry gives ``None``: it is remade, never shipped.
    """
    if not (artifact.is_file() and facts.is_file()):
        return None
    found: dict[str, Any] = json.loads(facts.read_text(encoding="utf-8"))
    return found if found.get("sha256") == sha256(artifact.read_bytes()) else None


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` aside and rename it into place: builds running side by side share the caches."""
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    part.write_bytes(data)
    os.replace(part, path)
