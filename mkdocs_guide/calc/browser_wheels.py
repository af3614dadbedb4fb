"""The package wheels the site ships, repacked for the browser: no tests, modules as bytecode.

The wheels ``make setup`` downloads (pinned by hash) carry their test suites and
their modules as source, which a reader's browser would download and compile on
every page that imports them.  ``make_browser_wheel.mjs`` repacks each under the
same name with the site's Pyodide under Node (its Python's bytecode, which the
host's Python cannot write): test folders left out, every module compiled,
RECORD rewritten.  Pyodide's own packages are built the same way.  The lock then
pins the repacked wheels' sha256, and the tests in Pyodide run the calculators on
them.  Kept between builds in the build cache, keyed by the wheel, Pyodide and
the recipe.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from .recipes import (
    PACKING,
    RecipeError,
    cached_facts,
    node_executable,
    recipe_sha256,
    run_recipe,
    sha256,
    write_atomic,
)

__all__ = ["WheelError", "browser_wheel", "prune_cache"]

_SCRIPT = "make_browser_wheel.mjs"
#: Another build running beside this one may still use an entry this young.
_KEEP_OTHERS_S = 600


class WheelError(RuntimeError):
    """A wheel could not be repacked."""


def browser_wheel(source: Path, pyodide_dir: Path, cache_dir: Path, node: str | None = None) -> Path:
    """The repacked copy of ``source`` (same file name), from the cache or made now.

    Args:
        source: a downloaded pure-Python wheel.
        pyodide_dir: the installed npm ``pyodide`` package (its Python compiles the modules).
        cache_dir: where repacked wheels are kept between builds (created if missing).
        node: the Node executable (default: ``node`` on ``PATH``).

    Raises:
        WheelError: when it cannot be made.
    """
    key = sha256(
        " ".join(
            [
                sha256(source.read_bytes()),
                sha256((pyodide_dir / "package.json").read_bytes()),
                recipe_sha256(_SCRIPT, PACKING),
            ]
        ).encode()
    )[:24]
    folder = cache_dir / key
    repacked, facts_file = folder / source.name, folder / f"{source.name}.json"
    if cached_facts(repacked, facts_file) is None:
        folder.mkdir(parents=True, exist_ok=True)
        facts = _make(source, pyodide_dir, repacked, node)
        write_atomic(facts_file, (json.dumps(facts, indent=2) + "\n").encode())
    return repacked


def _make(source: Path, pyodide_dir: Path, out: Path, node: str | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="wheel-") as temp:
        made = Path(temp, source.name)
        try:
            facts = run_recipe(
                _SCRIPT,
                [str(pyodide_dir), str(pyodide_dir / "python_stdlib.zip"), str(source), str(made)],
                node_executable(node),
                f"repacking {source.name} for the browser",
            )
        except RecipeError as error:
            raise WheelError(str(error)) from error
        data = made.read_bytes()
    write_atomic(out, data)
    return {**facts, "source_sha256": sha256(source.read_bytes()), "sha256": sha256(data), "bytes": len(data)}


def prune_cache(cache_dir: Path, used: list[Path]) -> None:
    """Remove the cache's entries other than those of ``used`` (repacked wheels), unless recent."""
    keep = {path.parent for path in used}
    for entry in cache_dir.iterdir() if cache_dir.is_dir() else ():
        if entry not in keep and time.time() - entry.stat().st_mtime > _KEEP_OTHERS_S:
            shutil.rmtree(entry, ignore_errors=True)
