"""A Pyodide memory snapshot with the calculators already imported, made at build time.

Most of Pyodide's start-up in the browser is Python initialising, not the
download.  The build therefore starts the site's own Pyodide once under Node,
puts the calculators wheel in, warms every calculator up and saves the wasm
heap (``makeMemorySnapshot``).  The worker restores it with
``loadPyodide({_loadSnapshot})`` and skips the initialisation; when it cannot
(missing file, other version, any error) it falls back to the plain load.

The snapshot is shipped as the pages of its heap that are neither zeros nor the wasm's
own data as instantiation writes it (:mod:`.heap`, :mod:`.wasm_memory`), gzip-compressed
(the browser inflates it with ``DecompressionStream`` into a zeroed heap and copies the
rest from the memory it has instantiated), named after
the Pyodide version and the wheel's hash so that a stale one never matches, and
described by a small manifest beside it (the runs, too).  It is made with the
site's trimmed standard library (:mod:`.stdlib`): a restored heap remembers the
zip's directory, so the worker must load that very zip with it, which the
manifest names.  It is cached between builds, keyed by the same inputs plus the
zip, the recipe (``make_snapshot.mjs``) and the packing, because making one takes
seconds.
"""

from __future__ import annotations

import gzip
import json
import shutil
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from .heap import pack
from .recipes import RecipeError, cached_facts, recipe_sha256, run_recipe, sha256, write_atomic
from .wasm_memory import initial_memory

__all__ = ["MANIFEST", "SnapshotError", "install_snapshot", "remove_snapshot", "snapshot_name"]

#: The manifest the worker reads, beside the snapshot in the site's Pyodide folder.
MANIFEST = "snapshot.json"
_SCRIPT = "make_snapshot.mjs"
#: What turns the recipe's output into the file: part of the snapshot's cache key.
_PACKING = ("heap.py", "wasm_memory.py")
_SUFFIX = ".snapshot.gz"
_NODE_TIMEOUT_S = 300
_KEEP_OTHERS_S = 600


class SnapshotError(RuntimeError):
    """The snapshot could not be made (no Node, or Pyodide refused)."""


def snapshot_name(pyodide_version: str, wheel_sha256: str, stdlib_sha256: str, recipe_sha256: str) -> str:
    """The snapshot's file name: changes whenever anything it was made from changes.

    Args:
        pyodide_version: the shipped Pyodide's version (``package.json``).
        wheel_sha256: the calculators wheel's sha256.
        stdlib_sha256: the sha256 of the standard library zip it was made with.
        recipe_sha256: the sha256 of ``make_snapshot.mjs`` and of the packing (:mod:`.heap`).
    """
    return f"calculators-{pyodide_version}-{wheel_sha256[:16]}-{stdlib_sha256[:8]}-{recipe_sha256[:8]}{_SUFFIX}"


def _make(site_pyodide: Path, wheel: Path, stdlib: Path, out: Path, node: str) -> dict[str, Any]:
    """Run the recipe under Node, pack its heap and gzip that into ``out``; returns its facts."""
    with tempfile.TemporaryDirectory(prefix="snapshot-") as temp:
        unpacked, raw = Path(temp, "wheel"), Path(temp, "snapshot.bin")
        with zipfile.ZipFile(wheel) as archive:
            archive.extractall(unpacked)
        args = [str(site_pyodide), str(unpacked), str(stdlib), str(raw)]
        try:
            facts = run_recipe(_SCRIPT, args, node, "making the Pyodide snapshot", _NODE_TIMEOUT_S)
        except RecipeError as error:
            raise SnapshotError(str(error)) from error
        data = raw.read_bytes()
    # The file's header comes before the heap (Pyodide's makeMemorySnapshot): its second
    # 32-bit word is where the heap starts, which is where the wasm's memory goes.
    heap_offset = int.from_bytes(data[4:8], "little")
    wasm = (site_pyodide / "pyodide.asm.wasm").read_bytes()
    packed = pack(data, bytes(heap_offset) + initial_memory(wasm))
    # mtime=0: the same heap gives the same file.
    write_atomic(out, gzip.compress(packed.shipped, compresslevel=9, mtime=0))
    return {
        **facts,
        "raw_bytes": len(data),
        "raw_sha256": sha256(data),
        "runs": packed.runs,
        "heap_offset": heap_offset,
        "kept": packed.kept,
        "kept_sha256": packed.kept_sha256,
    }


def install_snapshot(
    site_pyodide: Path, wheel: Path, stdlib: Path, cache_dir: Path, node: str | None = None
) -> dict[str, Any]:
    """Put a snapshot for ``wheel`` and its manifest into ``site_pyodide``.

    Args:
        site_pyodide: the site's Pyodide folder (Pyodide and the wheel already there).
        wheel: the calculators wheel in that folder.
        stdlib: the standard library zip in that folder, which the snapshot is made with and loads with.
        cache_dir: where snapshots are kept between builds (created if missing).
        node: the Node executable (default: ``node`` on ``PATH``).

    Returns:
        The manifest written.

    Raises:
        SnapshotError: when no snapshot can be made.
    """
    version = json.loads((site_pyodide / "package.json").read_text(encoding="utf-8"))["version"]
    wheel_sha = sha256(wheel.read_bytes())
    stdlib_sha = sha256(stdlib.read_bytes())
    name = snapshot_name(version, wheel_sha, stdlib_sha, recipe_sha256(_SCRIPT, *_PACKING))
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached, cached_manifest = cache_dir / name, cache_dir / f"{name}.json"
    manifest = cached_facts(cached, cached_manifest)
    if manifest is None:
        node = node or shutil.which("node")
        if node is None:
            raise SnapshotError("Node.js is needed to make the Pyodide snapshot (or set the plugin's snapshot: false)")
        facts = _make(site_pyodide, wheel, stdlib, cached, node)
        lock = json.loads((site_pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))
        manifest = {
            "pyodide": facts["pyodide"],
            "python": facts["python"],
            "file": name,
            "sha256": sha256(cached.read_bytes()),
            "bytes": cached.stat().st_size,
            "raw_bytes": facts["raw_bytes"],
            "raw_sha256": facts["raw_sha256"],
            # Where the file's bytes go in the heap: [start, bytes] (.heap.pack).
            "runs": facts["runs"],
            # Where the wasm's memory starts in the heap, the runs copied from it, and their sha256.
            "heap_offset": facts["heap_offset"],
            "kept": facts["kept"],
            "kept_sha256": facts["kept_sha256"],
            "wheel": {"file": wheel.name, "sha256": wheel_sha},
            # The zip the heap was made with: the only one it can run with.
            "stdlib": {"file": stdlib.name, "sha256": stdlib_sha},
            # The lock's header, so that a snapshot start needs no lock file request.
            "lock_info": lock["info"],
        }
        if manifest["pyodide"] != version:
            raise SnapshotError(f"the snapshot was made by Pyodide {manifest['pyodide']}, the site ships {version}")
        write_atomic(cached_manifest, (json.dumps(manifest, indent=2) + "\n").encode())
        # One snapshot is 7 MB: keep the current one, and others only while a parallel build may use them.
        for old in cache_dir.iterdir():
            if not old.name.startswith(name) and time.time() - old.stat().st_mtime > _KEEP_OTHERS_S:
                old.unlink(missing_ok=True)
    for old in site_pyodide.glob(f"*{_SUFFIX}"):
        if old.name != name:
            old.unlink()
    shutil.copyfile(cached, site_pyodide / name)
    (site_pyodide / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def remove_snapshot(site_pyodide: Path) -> None:
    """Remove any snapshot and manifest from ``site_pyodide`` (one left from an earlier build would be stale)."""
    for old in [*site_pyodide.glob(f"*{_SUFFIX}"), site_pyodide / MANIFEST]:
        old.unlink(missing_ok=True)
