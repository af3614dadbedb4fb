"""What the ``iframe-worker`` shim runs inline, so a page's Content-Security-Policy can allow it.

From ``file://`` Material's search cannot start a Web Worker; the shim (which
Material's ``offline`` plugin adds) runs the worker in a hidden ``about:blank``
iframe instead, writing into it one inline script made of two of its own
functions and the worker's URL.  That iframe inherits the page's policy, so
the policy needs the script's sha256, which depends only on the shim's text
(pinned in package.json) and the worker URL as the page gives it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

__all__ = ["allow_script", "inline_script", "script_hash", "worker_url"]

_TEMPLATE = re.compile(r"<script>(?P<body>[^`]*?)<\\/script>")
_SLOT = re.compile(r"\$\{(?P<name>[A-Za-z_$][\w$]*)\}")
_POLICY = re.compile(r'(<meta http-equiv="Content-Security-Policy" content="[^"]*?\bscript-src )')
_CONFIG = re.compile(r'<script id="__config" type="application/json">(?P<json>.*?)</script>', re.DOTALL)


def _function(source: str, name: str) -> str:
    """The text of ``function name(…){…}`` in ``source``, braces matched."""
    start = source.find(f"function {name}(")
    if start < 0:
        raise ValueError(f"the iframe-worker shim has no function {name}")
    depth = 0
    for at in range(source.index("{", start), len(source)):
        depth += {"{": 1, "}": -1}.get(source[at], 0)
        if depth == 0:
            return source[start : at + 1]
    raise ValueError(f"unbalanced braces in the iframe-worker shim's function {name}")


def inline_script(shim: str, url: str) -> str:
    """The inline script the shim writes for a worker started with ``url``.

    Args:
        shim: the text of ``iframe-worker/shim/index.js``.
        url: the worker URL exactly as the page passes it to ``new Worker``.
    """
    template = _TEMPLATE.search(shim)
    if template is None:
        raise ValueError("the iframe-worker shim writes no inline <script> (has its version changed?)")
    slots = dict.fromkeys(_SLOT.findall(template.group("body")))
    functions = [name for name in slots if f"function {name}(" in shim]
    if len(functions) != len(slots) - 1:
        raise ValueError("expected the shim's inline script to hold functions and one URL")
    texts = {name: _function(shim, name) for name in functions}
    return _SLOT.sub(lambda slot: texts.get(slot.group("name"), url), template.group("body"))


def script_hash(script: str) -> str:
    """The CSP source expression allowing ``script``: ``'sha256-…'``."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"


def worker_url(html: str) -> str | None:
    """The search worker's URL a Material page passes to ``new Worker`` (``None``: no search)."""
    found = _CONFIG.search(html)
    if found is None:
        return None
    url = json.loads(found.group("json")).get("search")
    return url if isinstance(url, str) else None


def allow_script(html: str, expression: str) -> str:
    """Add ``expression`` to the ``script-src`` of the page's policy ``<meta>``, if it has one."""
    return _POLICY.sub(lambda match: f"{match.group(1)}{expression} ", html, count=1)
