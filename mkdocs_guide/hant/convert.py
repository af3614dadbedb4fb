"""Simplified → traditional conversion: OpenCC ``s2tw`` plus the guide's phrase file.

``s2tw`` changes glyphs only and keeps mainland vocabulary (``s2twp`` would
turn 不予支持 into 不予支援, which changes legal meaning).  The reviewed
phrase file is added in front of OpenCC's own dictionaries, so its entries
take part in the same longest-match segmentation.
"""

from __future__ import annotations

import json
import tempfile
from functools import cache
from pathlib import Path
from typing import Any, Protocol

__all__ = ["PHRASES", "Converter", "converter"]

PHRASES = Path(__file__).with_name("phrases.txt")


class Converter(Protocol):
    """What :func:`converter` returns: OpenCC's converter."""

    def convert(self, text: str) -> str: ...


def _opencc_data_dir() -> Path:
    import opencc

    return Path(opencc.__file__).parent / "clib" / "share" / "opencc"


def _absolute(node: Any, data_dir: Path) -> Any:
    # OpenCC resolves a config's dictionaries relative to the working directory,
    # so a config written elsewhere must name the built-in ones by absolute path.
    if isinstance(node, dict):
        if node.get("type") == "ocd2":
            return {**node, "file": str(data_dir / node["file"])}
        return {key: _absolute(value, data_dir) for key, value in node.items()}
    if isinstance(node, list):
        return [_absolute(item, data_dir) for item in node]
    return node


def _with_phrases(config: dict[str, Any], phrases: Path) -> dict[str, Any]:
    ours = {"type": "text", "file": str(phrases)}
    segmentation = config["segmentation"]["dict"]
    segmentation["dicts"].insert(0, ours)
    first_step = config["conversion_chain"][0]["dict"]
    first_step["dicts"].insert(0, ours)
    return config


def _phrase_file(phrases: Path, folder: Path) -> Path:
    # OpenCC's text format has no comments: strip them into a clean copy.
    lines = [line for line in phrases.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    clean = folder / "phrases.txt"
    clean.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return clean


@cache
def converter(phrases: Path = PHRASES) -> Converter:
    """An OpenCC converter for ``s2tw`` with the reviewed phrases in front.

    Args:
        phrases: the phrase file (``simplified<TAB>traditional`` lines, ``#`` comments).
    """
    import opencc

    data_dir = _opencc_data_dir()
    base = json.loads((data_dir / "s2tw.json").read_text(encoding="utf-8"))
    folder = Path(tempfile.mkdtemp(prefix="guide-opencc-"))
    config = _with_phrases(_absolute(base, data_dir), _phrase_file(phrases, folder))
    config["name"] = "s2tw with the guide's phrases"
    path = folder / "s2tw-guide.json"
    path.write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    result: Converter = opencc.OpenCC(str(path))
    return result
