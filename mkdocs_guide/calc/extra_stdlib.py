"""Puts the extra standard library on a running Pyodide's import path (runs in the browser).

The site ships the standard library in two zips (:mod:`.stdlib`): what every first
answer imports, and the modules only the packages some outputs need import
(``email.message`` for icalendar, ``zoneinfo`` for dateutil…), which only those
pages fetch, after their first answers.  Some of the latter belong to packages that are in the
first zip (``email``, ``importlib``): Python looks a submodule up on its package's
``__path__``, which names the first zip only, so a finder after the others looks in
the second one for whatever they did not find.

The build compiles this module into the first zip as :data:`MODULE`; the worker
(``assets/worker.mjs``) and the Pyodide tests call :func:`mount`.
"""

from __future__ import annotations

import sys
import zipimport
from importlib.machinery import ModuleSpec
from types import ModuleType

__all__ = ["MODULE", "mount"]

#: The module's name in the first zip.
MODULE = "_extra_stdlib"


class _ExtraFinder:
    """Finds modules, and submodules of any package, in one zip."""

    def __init__(self, archive: str) -> None:
        self._archive = archive

    def find_spec(self, name: str, path: object = None, target: ModuleType | None = None) -> ModuleSpec | None:
        parent = name.rpartition(".")[0]
        folder = "/".join([self._archive, *parent.split(".")]) if parent else self._archive
        try:
            return zipimport.zipimporter(folder).find_spec(name)
        except zipimport.ZipImportError:
            return None


def mount(archive: str) -> None:
    """Make the modules in the zip at ``archive`` (a path in Pyodide's file system) importable."""
    if not any(isinstance(finder, _ExtraFinder) for finder in sys.meta_path):
        sys.meta_path.append(_ExtraFinder(archive))
