"""The standard library the site ships: Pyodide's, cut down to what is imported, as bytecode.

Pyodide's ``python_stdlib.zip`` (2.5 MB) holds the whole standard library as
source; a reader's browser downloads all of it and compiles every module it
imports.  At build time ``make_stdlib.mjs`` runs the site's Pyodide under Node
with that zip, loads every package the site ships, runs every calculator on
every test vector (:mod:`.vectors`) and records each module imported from the
zip; it then compiles those, and only those, with the same Pyodide (docstrings
and column positions left out, as ``-OO`` and ``-X no_debug_ranges`` do; asserts
kept) into two zips.  The first holds what Pyodide's start, its package loader,
the calculators and the packages they compute with import for a first answer:
both starts load it, and the snapshot is made with it (a restored heap remembers
the zip's directory, so it must be this very file).  The second holds what the
packages only some outputs need (``Calculator.later_packages``) import beyond it;
only pages whose calculators have such outputs fetch it, after their first
answers, and :mod:`.extra_stdlib` (compiled into the first) mounts it.

A module missing from the zip fails its import: the worker answers that request
with ``crashed``, never with a number, and the Pyodide tests run every vector
through both starts to show that none does.

The zip is named after its sha256, so a snapshot and a zip of different builds
never meet in a cache, and kept between builds in the build cache, keyed by
everything it was made from.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from . import extra_stdlib
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
from .vectors import vectors

__all__ = ["STDLIB_GLOB", "STDLIB_MANIFEST", "StdlibError", "install_stdlib", "stdlib_name"]

_SCRIPT = "make_stdlib.mjs"
#: The shipped zips' names (:func:`stdlib_name`).
STDLIB_GLOB = "python_stdlib*.zip"
#: The manifest both starts read, beside the zips in the site's Pyodide folder: ``{file, sha256, bytes}``
#: of the first, and ``extra``: the same of the second with ``module``, the module that mounts it.
STDLIB_MANIFEST = "stdlib.json"
_EXTRA = "_extra"
_KEEP_OTHERS_S = 600


class StdlibError(RuntimeError):
    """The trimmed standard library could not be made."""


def stdlib_name(zip_sha256: str, part: str = "") -> str:
    """A shipped zip's file name, after its content (``part``: ``"_extra"`` for the second)."""
    return f"python_stdlib{part}-{zip_sha256[:16]}.zip"


def _key(site_pyodide: Path, full_stdlib: Path, vectors_json: bytes) -> str:
    # The site's lock names every shipped wheel with its sha256.
    parts = [
        sha256((site_pyodide / "package.json").read_bytes()),
        sha256((site_pyodide / "pyodide-lock.json").read_bytes()),
        sha256(full_stdlib.read_bytes()),
        sha256(vectors_json),
        recipe_sha256(_SCRIPT, PACKING),
        sha256(Path(extra_stdlib.__file__).read_bytes()),
    ]
    return sha256(" ".join(parts).encode())[:24]


def install_stdlib(
    site_pyodide: Path,
    full_stdlib: Path,
    examples: Path,
    cache_dir: Path,
    node: str | None = None,
    *,
    trim: bool = True,
) -> dict[str, Any]:
    """Put the trimmed standard library and its manifest into ``site_pyodide``.

    Args:
        site_pyodide: the site's Pyodide folder (Pyodide, the wheels and their lock already there).
        full_stdlib: Pyodide's own ``python_stdlib.zip``.
        examples: the calculators' worked examples (:func:`.vectors.vectors`).
        cache_dir: where trimmed zips are kept between builds (created if missing).
        node: the Node executable (default: ``node`` on ``PATH``).
        trim: False ships Pyodide's whole zip, under its own content name (no Node needed).

    Returns:
        Its facts: ``file``, ``bytes``, ``sha256`` and the ``modules`` it holds (all, untrimmed),
        and, trimmed, ``extra``: the same of the second zip, with ``module``, which mounts it.

    Raises:
        StdlibError: when it cannot be made.
    """
    if not trim:
        data = full_stdlib.read_bytes()
        digest = sha256(data)
        return _ship(site_pyodide, data, {"file": stdlib_name(digest), "bytes": len(data), "sha256": digest})
    if not examples.is_file():
        raise StdlibError(f"{examples}: no worked examples to trim the standard library by (stdlib_examples)")
    vectors_json = json.dumps(vectors(examples), sort_keys=True).encode()  # ASCII: a vector may hold a lone surrogate
    key = _key(site_pyodide, full_stdlib, vectors_json)
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached, cached_json = cache_dir / f"stdlib-{key}.zip", cache_dir / f"stdlib-{key}.json"
    cached_extra = cache_dir / f"stdlib-{key}{_EXTRA}.zip"
    facts = cached_facts(cached, cached_json)
    if facts is not None and not _whole(cached_extra, facts["extra"]):
        facts = None
    if facts is None:
        facts = _make(site_pyodide, full_stdlib, vectors_json, cached, cached_extra, node)
        write_atomic(cached_json, (json.dumps(facts, indent=2) + "\n").encode())
        for old in cache_dir.glob("stdlib-*"):
            if key not in old.name and time.time() - old.stat().st_mtime > _KEEP_OTHERS_S:
                old.unlink(missing_ok=True)
    return _ship(site_pyodide, cached.read_bytes(), facts, cached_extra.read_bytes())


def _whole(path: Path, facts: dict[str, Any]) -> bool:
    return path.is_file() and sha256(path.read_bytes()) == facts["sha256"]


def _zip_facts(data: bytes, part: str = "") -> dict[str, Any]:
    digest = sha256(data)
    return {"file": stdlib_name(digest, part), "bytes": len(data), "sha256": digest}


def _ship(site_pyodide: Path, data: bytes, facts: dict[str, Any], extra: bytes | None = None) -> dict[str, Any]:
    shipped = {facts["file"]: data}
    manifest = {key: facts[key] for key in ("file", "sha256", "bytes")}
    if extra is not None:
        shipped[facts["extra"]["file"]] = extra
        manifest["extra"] = {key: facts["extra"][key] for key in ("file", "sha256", "bytes", "module")}
    for old in site_pyodide.glob(STDLIB_GLOB):
        if old.name not in shipped:
            old.unlink()
    for name, content in shipped.items():
        (site_pyodide / name).write_bytes(content)
    (site_pyodide / STDLIB_MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return facts


def _make(
    site_pyodide: Path, full_stdlib: Path, vectors_json: bytes, out: Path, out_extra: Path, node: str | None
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="stdlib-") as temp:
        vectors_file, made, made_extra = Path(temp, "vectors.json"), Path(temp, "stdlib.zip"), Path(temp, "extra.zip")
        vectors_file.write_bytes(vectors_json)
        try:
            facts = run_recipe(
                _SCRIPT,
                [
                    *(str(path) for path in (site_pyodide, full_stdlib, vectors_file, made, made_extra)),
                    extra_stdlib.__file__,
                    extra_stdlib.MODULE,
                ],
                node_executable(node),
                "trimming the standard library",
            )
        except RecipeError as error:
            raise StdlibError(str(error)) from error
        data, extra = made.read_bytes(), made_extra.read_bytes()
    write_atomic(out_extra, extra)
    write_atomic(out, data)
    return {
        **_zip_facts(data),
        "modules": facts["modules"],
        "extra": {**_zip_facts(extra, _EXTRA), "modules": facts["extra_modules"], "module": extra_stdlib.MODULE},
    }
