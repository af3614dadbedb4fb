"""Options of the ``calculators`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CalculatorsConfig(Config):
    """``plugins: - calculators: …`` in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    """Render calculators and ship Pyodide (off: markers stay as HTML comments)."""

    pyodide_dir = c.Type(str, default="node_modules/pyodide")
    """Where the pinned npm ``pyodide`` package is installed."""

    wheels_dir = c.Type(str, default="build/wheels")
    """The wheels the calculators import, as `make setup` downloads them (relative to mkdocs.yml's folder)."""

    compile_wheels = c.Type(bool, default=True)
    """Ship those wheels without their tests and compiled to bytecode (needs Node at build time)."""

    compiled_wheels_cache = c.Type(str, default="build/pyodide-wheels")
    """Where the compiled wheels are kept between builds (relative to mkdocs.yml's folder)."""

    snapshot = c.Type(bool, default=True)
    """Ship a Pyodide memory snapshot with the calculators imported (needs Node at build time)."""

    snapshot_cache = c.Type(str, default="build/pyodide-snapshot")
    """Where the snapshot is kept between builds (relative to mkdocs.yml's folder)."""

    trim_stdlib = c.Type(bool, default=True)
    """Ship the standard library cut down to what the calculators import, compiled (needs Node at build time)."""

    stdlib_examples = c.Type(str, default="tests/pyodide/examples.json")
    """The calculators' worked examples, run (with defaults and bad input) to learn what they import."""

    stdlib_cache = c.Type(str, default="build/pyodide-stdlib")
    """Where the trimmed standard library is kept between builds (relative to mkdocs.yml's folder)."""
