"""Build times: both scripts as ``make build`` runs it, with the snapshot made afresh, and plainer builds."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import ROOT
from .report import summary

__all__ = ["measure_builds", "timed_build", "variant_config"]


def _plugin_block(text: str, name: str) -> tuple[int, int] | None:
    """Line range of ``- NAME`` (with its options) in mkdocs.yml's plugins list."""
    lines = text.splitlines()
    for start, line in enumerate(lines):
        match = re.match(rf"^(\s*)- {re.escape(name)}(:.*)?$", line)
        if match:
            indent = len(match.group(1))
            end = start + 1
            while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
                end += 1
            return start, end
    return None


def variant_config(text: str, *, drop: tuple[str, ...] = (), calculators: dict[str, str] | None = None) -> str:
    """mkdocs.yml without some plugins and with options for the calculators plugin."""
    for name in drop:
        found = _plugin_block(text, name)
        if found:
            lines = text.splitlines()
            text = "\n".join(lines[: found[0]] + lines[found[1] :]) + "\n"
    if calculators:
        found = _plugin_block(text, "calculators")
        assert found, "mkdocs.yml lists no calculators plugin"
        lines = text.splitlines()
        indent = lines[found[0]][: len(lines[found[0]]) - len(lines[found[0]].lstrip())]
        options = [f"{indent}    {key}: {value}" for key, value in calculators.items()]
        head = lines[found[0]].rstrip(":") + ":"
        kept = [line for line in lines[found[0] + 1 : found[1]] if line.strip().split(":")[0] not in calculators]
        text = "\n".join([*lines[: found[0]], head, *options, *kept, *lines[found[1] :]]) + "\n"
    return text


@contextmanager
def _temporary_config(text: str) -> Iterator[Path]:
    """A config file beside mkdocs.yml (its relative paths stay right), removed afterwards."""
    path = ROOT / f".bench-mkdocs-{os.getpid()}.yml"
    path.write_text(text, encoding="utf-8")
    try:
        yield path
    finally:
        path.unlink(missing_ok=True)


def timed_build(site_dir: Path, config: Path | None = None) -> float:
    """Seconds for ``mkdocs build --strict`` into ``site_dir``, as a maintainer runs it."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    command = [str(mkdocs), "build", "--strict", "--clean", "--site-dir", str(site_dir)]
    if config is not None:
        command += ["--config-file", str(config)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"build failed: {' '.join(command)}\n{done.stderr[-3000:]}")
    return elapsed


def measure_builds(work: Path, site: Path, runs: int) -> dict[str, Any]:
    """Build times: both scripts (snapshot cached and made afresh) and one script, plain."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    both = [timed_build(site) for _ in range(runs)]
    cache = work / "empty-snapshot-cache"
    with _temporary_config(variant_config(text, calculators={"snapshot_cache": str(cache)})) as config:
        fresh = timed_build(work / "fresh-snapshot", config)
    with _temporary_config(variant_config(text, drop=("i18n", "hant"))) as config:
        single = [timed_build(work / "single", config) for _ in range(runs)]
    with _temporary_config(variant_config(text, drop=("i18n", "hant"), calculators={"enabled": "false"})) as config:
        plain = [timed_build(work / "plain", config) for _ in range(runs)]
    return {
        "both_scripts_s": summary(both, 2),
        "both_scripts_snapshot_made_s": round(fresh, 2),
        "single_language_s": summary(single, 2),
        "single_language_no_calculators_s": summary(plain, 2),
    }
