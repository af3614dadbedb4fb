"""Writing what the site ships for Pyodide: reproducible zips, wheel RECORDs, bytecode.

Plain standard library, so that it runs both under the build's CPython (:mod:`.wheel`)
and inside the site's Pyodide under Node (the recipes ``make_stdlib.mjs`` and
``make_browser_wheel.mjs`` load it there: only Pyodide's own Python can write bytecode
for Pyodide).
"""

from __future__ import annotations

import ast
import base64
import hashlib
import importlib.util
import zipfile
from collections.abc import Mapping
from importlib._bootstrap_external import _code_to_hash_pyc  # type: ignore[attr-defined]
from pathlib import Path

__all__ = ["bytecode", "record", "write_zip"]

#: The earliest date a zip can hold: the same bytes whenever they are packed.
_EPOCH = (1980, 1, 1, 0, 0, 0)


def write_zip(path: str | Path, files: Mapping[str, bytes]) -> None:
    """Write ``files`` (path in the archive → content) as a deflated zip that depends on nothing else."""
    with zipfile.ZipFile(path, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name], compresslevel=9)


def record(files: Mapping[str, bytes], record_name: str) -> bytes:
    """A wheel's ``RECORD`` for ``files`` (itself listed last, without a hash)."""
    lines = []
    for name in sorted(files):
        digest = base64.urlsafe_b64encode(hashlib.sha256(files[name]).digest()).rstrip(b"=").decode()
        lines.append(f"{name},sha256={digest},{len(files[name])}\n")
    return ("".join(lines) + f"{record_name},,\n").encode()


def _strip_docstrings(tree: ast.Module) -> ast.Module:
    # As python -OO does (every __doc__ None), but assert statements are kept.
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if not isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) or not body:
            continue
        first = body[0]
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
            body[0:1] = [] if len(body) > 1 else [ast.copy_location(ast.Pass(), first)]
    return tree


def bytecode(source: bytes, filename: str, *, docstrings: bool = True) -> bytes:
    """``source`` compiled by the running Python as a ``.pyc`` that needs no source beside it.

    Hash-based and unchecked: the file is all there is. ``docstrings=False`` leaves them out.
    """
    tree = ast.parse(source)
    code = compile(tree if docstrings else _strip_docstrings(tree), filename, "exec", dont_inherit=True)
    data: bytes = _code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)
    return data
