"""The calculators' message catalogue for the traditional script, made at build time.

Every string literal of the ``calculators`` package that contains a CJK character
is a message (labels, templates, texts); the catalogue maps each one whose OpenCC
conversion differs to that conversion. The wheel ships it as
``calculators/_messages/zh-Hant.json`` (see :mod:`.runtime`); the package itself
only looks messages up (``calculators/_internal/i18n.py``).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import calculators

from ..hant.convert import converter

__all__ = ["CJK", "PACKAGE_DIR", "extract_messages", "message_catalog"]

#: A CJK ideograph: what makes a string literal a message.
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: The ``calculators`` package folder.
PACKAGE_DIR = Path(calculators.__file__).parent


def extract_messages(package_dir: Path = PACKAGE_DIR) -> list[str]:
    """Every string literal with a CJK character in the package's modules.

    Args:
        package_dir: the ``calculators`` folder.

    Returns:
        The sorted, de-duplicated literals.
    """
    found: set[str] = set()
    for path in sorted(package_dir.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value):
                found.add(node.value)
    return sorted(found)


def message_catalog(package_dir: Path = PACKAGE_DIR) -> dict[str, str]:
    """Every CJK literal of the calculators, in traditional script (only those that change)."""
    convert = converter()
    return {text: hant for text in extract_messages(package_dir) if (hant := convert.convert(text)) != text}
